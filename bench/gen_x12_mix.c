/*
 * gen_x12_mix.c: deterministic generator of large X12 004010 transportation mix files for the benchmarks.
 *
 * Usage: gen_x12_mix SIZE OUTFILE [SEED]
 *   SIZE     target size in bytes, with an optional decimal suffix: 1MB = 1000000, 1GB = 1000000000
 *            (K, M, G and KB, MB, GB are accepted). Generation stops at the first interchange boundary at
 *            or past SIZE, so files end with a complete IEA and are at most one interchange (a few tens of
 *            kB) longer than asked.
 *   OUTFILE  written as OUTFILE.tmp, then renamed, so an interrupted run never leaves a truncated file.
 *   SEED     64-bit seed (default 4010). The same SIZE and SEED always give byte-identical output, on any
 *            machine: one integer PRNG (splitmix64), no clock, no locale, no floating point. A smaller file
 *            is a prefix of a larger one made with the same seed.
 *
 * Content: many interchanges (ISA/IEA), each with two or three functional groups (GS/GE) of several
 * transaction sets: 204 load tenders (shipper to carrier), 214 status messages and 210 invoices (carrier to
 * shipper), with the segment structures of 004010 (see X12_NOTES.md sections 3-5 and 7). Every control number
 * and count is right: ISA13 = IEA02, IEA01 = groups, GS06 = GE02, GE01 = sets, ST02 = SE02 (unique within the
 * group), SE01 = segments from ST to SE. Delimiters: `*` element, `>` component, `~` terminator followed by LF.
 * All names, addresses and codes in the text pools below are made up.
 *
 * Why C and not Python: a gigabyte is about 30 million segments; building them as Python strings runs at a
 * few MB/s to a few tens of MB/s, which would make `make bench` wait minutes the first time. This program
 * appends bytes into one 4 MiB buffer and writes about 1 GB in a few seconds. It needs only a C compiler,
 * which every machine that builds Swift already has; bench/run.sh compiles it with `cc -O2`.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------- deterministic randomness ---------- */

static uint64_t rng_state;

static uint64_t next_random(void)
{
    /* splitmix64 */
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static uint32_t below(uint32_t n)
{
    return (uint32_t)(((next_random() >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [lo, hi]. */
static int between(int lo, int hi)
{
    return lo + (int)below((uint32_t)(hi - lo + 1));
}

/* True with probability percent/100. */
static int chance(int percent)
{
    return (int)below(100) < percent;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(a) ((a)[below((uint32_t)COUNT(a))])

/* ---------- made-up reference data ---------- */

struct party {
    const char *isa_id;  /* ISA06/ISA08, qualifier ZZ */
    const char *gs_id;   /* GS02/GS03 */
    const char *name;
    const char *code;    /* N104 with N103 = 93 */
};

static const struct party shippers[] = {
    {"HARBORPAPER", "HARBORPAPER", "Harbor Paper Products", "HPP"},
    {"PRAIRIEGRAIN", "PRAIRIEGRN", "Prairie Grain Cooperative", "PGC"},
    {"BLUERIDGEBEV", "BLUERIDGE", "Blue Ridge Beverage Co", "BRB"},
    {"SUMMITCHEM", "SUMMITCHEM", "Summit Specialty Chemicals", "SSC"},
    {"NORTHWINDMFG", "NORTHWIND", "Northwind Manufacturing", "NWM"},
    {"COPPERFIELDFD", "COPPERFIELD", "Copperfield Foods", "CFF"},
};

struct carrier {
    const char *scac;
    const char *name;
};

static const struct carrier carriers[] = {
    {"XDKT", "Crossdock Test Lines"},
    {"RDRN", "Roadrunner Freightways Demo"},
    {"MTNF", "Mountain Flyer Transport"},
    {"BLCR", "Blue Cardinal Carriers"},
    {"PKWY", "Parkway Truckload"},
};

struct place {
    const char *city;
    const char *state;
    const char *postal;
};

static const struct place places[] = {
    {"Amarillo", "TX", "79118"},      {"Anaheim", "CA", "92806"},       {"Columbus", "OH", "43217"},
    {"Memphis", "TN", "38118"},       {"Joliet", "IL", "60436"},        {"Reno", "NV", "89502"},
    {"Allentown", "PA", "18106"},     {"Savannah", "GA", "31408"},      {"Kansas City", "MO", "64161"},
    {"Fort Worth", "TX", "76177"},    {"Ontario", "CA", "91761"},       {"Indianapolis", "IN", "46241"},
    {"Louisville", "KY", "40209"},    {"Salt Lake City", "UT", "84104"}, {"Charlotte", "NC", "28214"},
    {"Tacoma", "WA", "98421"},        {"Laredo", "TX", "78045"},        {"Harrisburg", "PA", "17111"},
    {"Denver", "CO", "80239"},        {"Jacksonville", "FL", "32219"},  {"Omaha", "NE", "68117"},
    {"Green Bay", "WI", "54304"},     {"Boise", "ID", "83716"},         {"Little Rock", "AR", "72206"},
};

static const char *const streets[] = {
    "Industrial Pkwy", "Commerce Dr", "Distribution Way", "Logistics Blvd", "Rail Spur Rd",
    "Warehouse Ln", "Freight Ave", "Terminal St", "Gateway Ct", "Harbor Rd",
};

static const char *const facilities[] = {
    "Distribution Center", "Cold Storage", "Regional Warehouse", "Cross Dock", "Plant", "Fulfillment Center",
};

static const char *const consignees[] = {
    "Lakeside Grocers", "Metro Home Supply", "Valley Wholesale Club", "Riverbend Markets",
    "Canyon Building Supply", "Evergreen Pharmacy Depot", "Midtown Restaurant Supply", "Pioneer Hardware",
};

static const char *const contacts[] = {
    "Dana Ortiz", "Sam Whitfield", "Priya Natarajan", "Lee Okafor", "Morgan Keller", "Chris Novak",
    "Receiving Desk", "Shipping Office",
};

struct commodity {
    const char *description;
    const char *nmfc;
};

static const struct commodity commodities[] = {
    {"Corrugated Boxes Flat", "29280"},  {"Canned Vegetables", "48580"},    {"Bottled Water", "156600"},
    {"Paper Towels", "150280"},          {"Frozen Pork Cuts", "140045"},    {"Plastic Resin Pellets", "156000"},
    {"Auto Parts NOI", "22900"},         {"Pet Food Dry", "71760"},         {"Cleaning Compounds", "48660"},
    {"Breakfast Cereal", "40040"},       {"Steel Fasteners", "27400"},      {"Furniture Knocked Down", "80380"},
};

static const char *const tender_notes[] = {
    "Driver must check in at the guard shack with the load number",
    "Appointment required at every stop. Call 24 hours ahead",
    "No double stacking. Load must be blocked and braced",
    "Trailer must be clean, dry and odor free",
    "Lumper fees are reimbursed with a receipt only",
    "Keep reefer at 34 F continuous, not cycle",
};

/* ---------- output: one big buffer, flushed with fwrite ---------- */

#define OUT_CAPACITY (4u << 20)
#define OUT_SLACK (256u << 10) /* far more than one transaction set */

static char *out_buffer;
static size_t out_len;
static FILE *out_file;
static uint64_t out_total;

static void flush_out(void)
{
    if (out_len > 0 && fwrite(out_buffer, 1, out_len, out_file) != out_len) {
        perror("gen_x12_mix: write");
        exit(1);
    }
    out_total += out_len;
    out_len = 0;
}

static void put_bytes(const char *s, size_t n)
{
    memcpy(out_buffer + out_len, s, n);
    out_len += n;
}

static void put_str(const char *s)
{
    put_bytes(s, strlen(s));
}

static void put_char(char c)
{
    out_buffer[out_len++] = c;
}

static void put_uint(uint64_t v)
{
    char digits[20];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0)
        put_char(digits[--n]);
}

/* Zero-padded to `width` digits. */
static void put_uint_width(uint64_t v, int width)
{
    char digits[20];
    for (int i = width - 1; i >= 0; i--) {
        digits[i] = (char)('0' + v % 10);
        v /= 10;
    }
    put_bytes(digits, (size_t)width);
}

/* Left-justified, space-padded to `width` (ISA fields). */
static void put_padded(const char *s, int width)
{
    int n = (int)strlen(s);
    put_bytes(s, (size_t)n);
    for (; n < width; n++)
        put_char(' ');
}

/* ---------- segments ---------- */

static unsigned set_segments; /* segments written since ST, ST included */

static void seg(const char *tag)
{
    put_str(tag);
    set_segments++;
}

static void el(const char *s)
{
    put_char('*');
    put_str(s);
}

static void el_uint(uint64_t v)
{
    put_char('*');
    put_uint(v);
}

/* Empty elements: `n` separators with nothing between them. Never used at the end of a segment. */
static void skip(int n)
{
    while (n-- > 0)
        put_char('*');
}

/* R value with two decimals, e.g. 2377.08. */
static void el_decimal2(uint64_t hundredths)
{
    put_char('*');
    put_uint(hundredths / 100);
    put_char('.');
    put_uint_width(hundredths % 100, 2);
}

/* N2 value (implied cents); negative allowed (210 discounts). */
static void el_cents(int64_t cents)
{
    put_char('*');
    if (cents < 0) {
        put_char('-');
        cents = -cents;
    }
    put_uint((uint64_t)cents);
}

static void end_segment(void)
{
    put_bytes("~\n", 2);
}

/* ---------- calendar (days counted from 2026-01-01, no time zones, no libc) ---------- */

struct ymd {
    int y, m, d;
};

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static struct ymd day_to_ymd(int day)
{
    static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    struct ymd r = {2026, 1, 1};
    for (;;) {
        int len = is_leap(r.y) ? 366 : 365;
        if (day < len)
            break;
        day -= len;
        r.y++;
    }
    for (int m = 0; m < 12; m++) {
        int len = month_days[m] + (m == 1 && is_leap(r.y));
        if (day < len) {
            r.m = m + 1;
            r.d = day + 1;
            break;
        }
        day -= len;
    }
    return r;
}

static void put_ccyymmdd(int day)
{
    struct ymd t = day_to_ymd(day);
    put_uint_width((uint64_t)t.y, 4);
    put_uint_width((uint64_t)t.m, 2);
    put_uint_width((uint64_t)t.d, 2);
}

static void el_date(int day)
{
    put_char('*');
    put_ccyymmdd(day);
}

static void el_hhmm(int minute_of_day)
{
    put_char('*');
    put_uint_width((uint64_t)(minute_of_day / 60), 2);
    put_uint_width((uint64_t)(minute_of_day % 60), 2);
}

/* ---------- the file's running state ---------- */

static uint64_t clock_minutes;      /* minutes since 2026-01-01 00:00 */
static uint64_t interchange_number; /* ISA13 */
static uint64_t group_number;       /* GS06, unique per file */
static uint64_t load_number;        /* last shipment id tendered */
static uint64_t invoice_number;
static uint64_t totals[4];          /* interchanges, groups, sets, segments */

static int today(void)
{
    return (int)(clock_minutes / 1440);
}

static int now_hhmm(void)
{
    return (int)(clock_minutes % 1440);
}

/* A load already tendered (for 214 and 210), or a fresh one before the first tender. */
static uint64_t earlier_load(void)
{
    uint64_t back = below(400);
    return load_number > back ? load_number - back : load_number + 1;
}

static void el_shipment_id(uint64_t load)
{
    put_char('*');
    put_str("LD");
    put_uint_width(load, 8);
}

static void el_bol(uint64_t load)
{
    put_char('*');
    put_str("BOL");
    put_uint_width(load * 7 + 3, 9);
}

static void el_po(uint64_t load)
{
    put_char('*');
    put_str("PO");
    put_uint_width((load * 31 + 17) % 10000000, 7);
}

static void el_pro(uint64_t load)
{
    put_char('*');
    put_uint_width(load * 13 + 100000000, 10);
}

static void el_phone(void)
{
    put_char('*');
    put_uint_width((uint64_t)between(201, 989), 3);
    put_char('-');
    put_uint_width((uint64_t)between(200, 999), 3);
    put_char('-');
    put_uint_width((uint64_t)between(0, 9999), 4);
}

static void el_trailer(void)
{
    put_char('*');
    put_uint_width((uint64_t)between(100000, 999999), 6);
}

/* N1 loop body: N1, N3, N4 and sometimes G61 (G61 only where the loop allows it). */
static void party_block(const char *entity, const char *name, const char *code, const struct place *p,
                        int with_contact)
{
    seg("N1");
    el(entity);
    el(name);
    if (code) {
        el("93");
        el(code);
    }
    end_segment();
    seg("N3");
    el_uint((uint64_t)between(100, 19999));
    put_char(' ');
    put_str(PICK(streets));
    end_segment();
    seg("N4");
    el(p->city);
    el(p->state);
    el(p->postal);
    el("USA");
    end_segment();
    if (with_contact) {
        seg("G61");
        el("IC");
        el(PICK(contacts));
        el("TE");
        el_phone();
        end_segment();
    }
}

static void facility_name(char *dst, size_t cap, const char *owner)
{
    snprintf(dst, cap, "%s %s", owner, PICK(facilities));
}

/* ---------- transaction sets ---------- */

static void begin_set(const char *id, unsigned set_number)
{
    set_segments = 0;
    seg("ST");
    el(id);
    put_char('*');
    put_uint_width(set_number, 4);
    end_segment();
}

static void end_set(unsigned set_number)
{
    seg("SE");
    el_uint(set_segments);
    put_char('*');
    put_uint_width(set_number, 4);
    end_segment();
    totals[2]++;
    totals[3] += set_segments;
}

/* 204 Motor Carrier Load Tender: heading, bill-to, 2-6 stops (pickups then deliveries) with lading, L3. */
static void write_204(unsigned set_number, const struct party *shipper, const struct carrier *carrier)
{
    uint64_t load = ++load_number;
    int pickup_day = today() + between(1, 4);
    int stops = between(2, 6);
    int pickups = stops > 3 ? between(1, 2) : 1;
    uint64_t total_weight = 0, total_units = 0;
    char name[96];

    begin_set("204", set_number);
    seg("B2");
    skip(1);
    el(carrier->scac);
    skip(1);
    el_shipment_id(load);
    skip(1);
    el(chance(80) ? "PP" : chance(50) ? "CC" : "TP");
    end_segment();
    seg("B2A");
    el(chance(90) ? "00" : "04");
    el("LT");
    end_segment();
    seg("L11");
    el_bol(load);
    el("BM");
    end_segment();
    seg("L11");
    el_po(load);
    el("PO");
    end_segment();
    if (chance(50)) {
        seg("L11");
        put_char('*');
        put_str(shipper->code);
        put_uint_width(load % 100000, 5);
        el("CR");
        el("Customer Load ID");
        end_segment();
    }
    seg("G62");
    el("64");
    el_date(today() + 1);
    el("1");
    el_hhmm(between(8, 17) * 60);
    end_segment();
    if (chance(60)) {
        seg("MS3");
        el(carrier->scac);
        el("B");
        skip(1);
        el("M");
        end_segment();
    }
    if (chance(70)) {
        seg("NTE");
        skip(1);
        el(PICK(tender_notes));
        end_segment();
    }
    /* loop 0100: bill-to */
    party_block("BT", shipper->name, shipper->code, &places[below(COUNT(places))], 1);

    /* loop 0300: stops */
    for (int s = 0; s < stops; s++) {
        int is_pickup = s < pickups;
        int lines = between(1, 3);
        int day = pickup_day + (is_pickup ? 0 : between(1, 3) + s - pickups);
        const struct place *p = &places[below(COUNT(places))];
        uint64_t weights[3], units[3], weight = 0, unit_count = 0;
        const struct commodity *goods[3];
        for (int l = 0; l < lines; l++) {
            goods[l] = &commodities[below(COUNT(commodities))];
            units[l] = (uint64_t)between(1, 26);
            weights[l] = units[l] * (uint64_t)between(300, 1600);
            weight += weights[l];
            unit_count += units[l];
        }
        if (is_pickup) {
            total_weight += weight;
            total_units += unit_count;
        }

        seg("S5");
        el_uint((uint64_t)(s + 1));
        el(is_pickup ? (chance(70) ? "CL" : "LD") : (chance(70) ? "CU" : "UL"));
        el_uint(weight);
        el("L");
        end_segment();
        seg("L11");
        el_po(load + (uint64_t)s);
        el("PO");
        end_segment();
        seg("L11");
        put_char('*');
        put_uint_width(load * 10 + (uint64_t)s, 9);
        el("OQ");
        end_segment();
        seg("G62");
        el(is_pickup ? "37" : "53");
        el_date(day);
        el(is_pickup ? "I" : "G");
        el_hhmm(between(6, 12) * 60);
        end_segment();
        seg("G62");
        el(is_pickup ? "38" : "54");
        el_date(day);
        el(is_pickup ? "K" : "L");
        el_hhmm(between(13, 20) * 60);
        end_segment();
        seg("AT8");
        el("G");
        el("L");
        el_uint(weight);
        skip(1);
        el_uint(unit_count);
        end_segment();
        if (chance(25)) {
            seg("NTE");
            skip(1);
            el(PICK(tender_notes));
            end_segment();
        }
        /* loop 0310: the stop's location */
        if (is_pickup)
            facility_name(name, sizeof name, shipper->name);
        else
            facility_name(name, sizeof name, PICK(consignees));
        party_block(is_pickup ? "SH" : "CN", name, NULL, p, chance(60));
        /* loop 0320: lading */
        for (int l = 0; l < lines; l++) {
            seg("L5");
            el_uint((uint64_t)(l + 1));
            el(goods[l]->description);
            el(goods[l]->nmfc);
            el("N");
            end_segment();
            seg("AT8");
            el("G");
            el("L");
            el_uint(weights[l]);
            skip(1);
            el_uint(units[l]);
            end_segment();
        }
    }
    /* summary */
    uint64_t miles = (uint64_t)between(80, 2400);
    uint64_t rate_cents = miles * (uint64_t)between(180, 340) + (uint64_t)(stops - 2) * 7500;
    seg("L3");
    el_uint(total_weight);
    el("G");
    el_decimal2(rate_cents);
    el("FR");
    el_cents((int64_t)rate_cents);
    skip(5);
    el_uint(total_units);
    end_segment();
    end_set(set_number);
}

/* 214 Shipment Status Message: heading with shipper and consignee, 1-4 LX with one or two AT7 each. */
static void write_214(unsigned set_number, const struct party *shipper, const struct carrier *carrier)
{
    static const char *const progression[] = {"X3", "AF", "X6", "X1", "D1"};
    static const char *const delay_reasons[] = {"AO", "AH", "A1", "AI"};
    uint64_t load = earlier_load();
    const struct place *origin = &places[below(COUNT(places))];
    const struct place *dest = &places[below(COUNT(places))];
    int reports = between(1, 4);
    int step = (int)below(COUNT(progression));
    uint64_t weight = (uint64_t)between(2000, 44000);
    uint64_t units = (uint64_t)between(1, 30);
    char name[96];

    begin_set("214", set_number);
    seg("B10");
    el_pro(load);
    el_shipment_id(load);
    el(carrier->scac);
    end_segment();
    seg("L11");
    el_bol(load);
    el("BM");
    end_segment();
    if (chance(50)) {
        seg("L11");
        el_po(load);
        el("PO");
        end_segment();
    }
    facility_name(name, sizeof name, shipper->name);
    party_block("SH", name, shipper->code, origin, 0);
    facility_name(name, sizeof name, PICK(consignees));
    party_block("CN", name, NULL, dest, 0);
    if (chance(40)) {
        seg("MS3");
        el(carrier->scac);
        el("B");
        skip(1);
        el("M");
        end_segment();
    }
    int minute = (int)(clock_minutes % 1440);
    int day = today();
    for (int r = 0; r < reports; r++) {
        const struct place *at = step < 2 ? origin : step == 2 ? &places[below(COUNT(places))] : dest;
        seg("LX");
        el_uint((uint64_t)(r + 1));
        end_segment();
        int events = chance(30) ? 2 : 1;
        for (int e = 0; e < events; e++) {
            seg("AT7");
            if (e == 1 && chance(50)) {
                /* an appointment, not a status */
                skip(2);
                el(step < 2 ? "AA" : "AB");
                el("NA");
            } else {
                el(progression[step]);
                el(chance(92) ? "NS" : PICK(delay_reasons));
                skip(2);
            }
            el_date(day);
            el_hhmm(minute);
            el("LT");
            end_segment();
            seg("MS1");
            el(at->city);
            el(at->state);
            el("USA");
            end_segment();
            seg("MS2");
            el(carrier->scac);
            el_trailer();
            end_segment();
            minute += between(5, 90);
            if (minute >= 1440) {
                minute -= 1440;
                day++;
            }
        }
        if (r == reports - 1 || chance(30)) {
            seg("AT8");
            el("G");
            el("L");
            el_uint(weight);
            skip(1);
            el_uint(units);
            end_segment();
        }
        if (step + 1 < (int)COUNT(progression))
            step++;
    }
    if (chance(30)) {
        seg("SPO");
        el_po(load);
        end_segment();
    }
    end_set(set_number);
}

/* 210 Freight Details and Invoice: B3, references, parties, equipment, 2-5 LX charge lines, L3. */
static void write_210(unsigned set_number, const struct party *shipper, const struct carrier *carrier)
{
    uint64_t load = earlier_load();
    const struct place *origin = &places[below(COUNT(places))];
    const struct place *dest = &places[below(COUNT(places))];
    const struct commodity *goods = &commodities[below(COUNT(commodities))];
    uint64_t miles = (uint64_t)between(80, 2400);
    uint64_t weight = (uint64_t)between(2000, 44000);
    uint64_t units = (uint64_t)between(1, 30);
    uint64_t per_mile = (uint64_t)between(180, 340); /* cents */
    int64_t charges[5];
    int lines = 0;
    int64_t net = 0;
    char name[96];

    charges[lines++] = (int64_t)(miles * per_mile);
    charges[lines++] = (int64_t)(miles * (uint64_t)between(35, 65)); /* fuel */
    if (chance(40))
        charges[lines++] = between(50, 300) * 100; /* accessorial */
    if (chance(25))
        charges[lines++] = between(40, 120) * 100; /* unloading */
    if (chance(15))
        charges[lines++] = -(charges[0] / 20); /* discount */
    for (int i = 0; i < lines; i++)
        net += charges[i];

    begin_set("210", set_number);
    seg("B3");
    skip(1);
    put_char('*');
    put_str("INV");
    put_uint_width(++invoice_number, 8);
    el_shipment_id(load);
    el(chance(85) ? "PP" : "CC");
    skip(1);
    el_date(today());
    el_cents(net);
    skip(1);
    el_date(today() - between(1, 5));
    el("035");
    el(carrier->scac);
    end_segment();
    seg("C3");
    el("USD");
    end_segment();
    seg("N9");
    el("BM");
    el_bol(load);
    end_segment();
    seg("N9");
    el("PO");
    el_po(load);
    end_segment();
    seg("G62");
    el("86");
    el_date(today() - between(3, 9));
    end_segment();
    seg("R3");
    el(carrier->scac);
    el("B");
    skip(1);
    el("M");
    end_segment();
    facility_name(name, sizeof name, shipper->name);
    party_block("SH", name, shipper->code, origin, 0);
    facility_name(name, sizeof name, PICK(consignees));
    party_block("CN", name, NULL, dest, 0);
    party_block("BT", shipper->name, shipper->code, &places[below(COUNT(places))], 0);
    seg("N7");
    skip(1);
    el_trailer();
    skip(8);
    el("TL");
    end_segment();
    for (int i = 0; i < lines; i++) {
        static const char *const codes[] = {"400", "405", "LOA", "UND"};
        seg("LX");
        el_uint((uint64_t)(i + 1));
        end_segment();
        if (i == 0) {
            seg("L5");
            el_uint(1);
            el(goods->description);
            el(goods->nmfc);
            el("N");
            end_segment();
            seg("L0");
            el_uint(1);
            el_uint(miles);
            el("DM");
            el_uint(weight);
            el("G");
            skip(2);
            el_uint(units);
            el("PLT");
            end_segment();
            seg("L1");
            el_uint(1);
            el_decimal2(per_mile);
            el("PM");
            el_cents(charges[0]);
            skip(3);
            el("400");
            end_segment();
        } else {
            seg("L1");
            el_uint((uint64_t)(i + 1));
            skip(2);
            el_cents(charges[i]);
            skip(3);
            el(charges[i] < 0 ? "DSC" : codes[i < 4 ? i : 3]);
            end_segment();
        }
    }
    seg("L3");
    el_uint(weight);
    el("G");
    skip(2);
    el_cents(net);
    skip(5);
    el_uint(units);
    end_segment();
    end_set(set_number);
}

/* ---------- envelopes ---------- */

typedef void (*set_writer)(unsigned, const struct party *, const struct carrier *);

static void write_group(const char *functional_id, const char *sender, const char *receiver, set_writer write,
                        int sets, const struct party *shipper, const struct carrier *carrier)
{
    uint64_t number = ++group_number;
    seg("GS");
    el(functional_id);
    el(sender);
    el(receiver);
    el_date(today());
    el_hhmm(now_hhmm());
    el_uint(number);
    el("X");
    el("004010");
    end_segment();
    for (int i = 1; i <= sets; i++) {
        write((unsigned)i, shipper, carrier);
        if (out_len > OUT_CAPACITY - OUT_SLACK)
            flush_out();
    }
    seg("GE");
    el_uint((uint64_t)sets);
    el_uint(number);
    end_segment();
    totals[1]++;
}

static void write_interchange(void)
{
    const struct party *shipper = &shippers[below(COUNT(shippers))];
    const struct carrier *carrier = &carriers[below(COUNT(carriers))];
    int tender = chance(45); /* shipper to carrier: 204s; otherwise carrier to shipper: 214s and 210s */
    uint64_t number = ++interchange_number;
    int groups;

    clock_minutes += (uint64_t)between(1, 20);
    struct ymd t = day_to_ymd(today());

    put_str("ISA*00*          *00*          *");
    put_str(tender ? "ZZ*" : "02*");
    put_padded(tender ? shipper->isa_id : carrier->scac, 15);
    put_str(tender ? "*02*" : "*ZZ*");
    put_padded(tender ? carrier->scac : shipper->isa_id, 15);
    put_char('*');
    put_uint_width((uint64_t)(t.y % 100), 2);
    put_uint_width((uint64_t)t.m, 2);
    put_uint_width((uint64_t)t.d, 2);
    put_char('*');
    put_uint_width((uint64_t)(now_hhmm() / 60), 2);
    put_uint_width((uint64_t)(now_hhmm() % 60), 2);
    put_str("*U*00401*");
    put_uint_width(number, 9);
    put_str("*0*P*>~\n");

    if (tender) {
        groups = between(2, 3);
        for (int g = 0; g < groups; g++)
            write_group("SM", shipper->gs_id, carrier->scac, write_204, between(2, 12), shipper, carrier);
    } else {
        groups = 2;
        write_group("QM", carrier->scac, shipper->gs_id, write_214, between(3, 25), shipper, carrier);
        write_group("IM", carrier->scac, shipper->gs_id, write_210, between(1, 10), shipper, carrier);
        if (chance(30)) {
            groups++;
            write_group("QM", carrier->scac, shipper->gs_id, write_214, between(3, 25), shipper, carrier);
        }
    }
    put_str("IEA*");
    put_uint((uint64_t)groups);
    put_char('*');
    put_uint_width(number, 9);
    put_bytes("~\n", 2);
    totals[0]++;
    totals[3] += 2 + 2 * (uint64_t)groups; /* ISA, IEA, GS, GE */
}

/* ---------- main ---------- */

static int parse_size(const char *s, uint64_t *size)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
        return -1;
    uint64_t scale = 1;
    if (*end == 'K' || *end == 'k')
        scale = 1000ULL;
    else if (*end == 'M' || *end == 'm')
        scale = 1000000ULL;
    else if (*end == 'G' || *end == 'g')
        scale = 1000000000ULL;
    if (scale != 1) {
        end++;
        if (*end == 'B' || *end == 'b')
            end++;
    }
    if (*end != '\0' || v == 0)
        return -1;
    *size = (uint64_t)v * scale;
    return 0;
}

int main(int argc, char **argv)
{
    uint64_t target, seed = 4010;
    if (argc < 3 || argc > 4 || parse_size(argv[1], &target) != 0 ||
        (argc == 4 && (seed = strtoull(argv[3], NULL, 10)) == 0 && strcmp(argv[3], "0") != 0)) {
        fprintf(stderr, "usage: gen_x12_mix SIZE OUTFILE [SEED]   (SIZE like 1MB, 100MB, 1GB or bytes)\n");
        return 2;
    }
    rng_state = seed;
    clock_minutes = 32 * 1440 + 7 * 60; /* 2026-02-02 07:00, so that dates a few days back stay in 2026 */
    load_number = 4000000;              /* so that the first 214s and 210s refer to varied earlier loads */

    size_t path_len = strlen(argv[2]);
    char *tmp_path = malloc(path_len + 5);
    out_buffer = malloc(OUT_CAPACITY);
    if (!tmp_path || !out_buffer) {
        fprintf(stderr, "gen_x12_mix: out of memory\n");
        return 1;
    }
    memcpy(tmp_path, argv[2], path_len);
    memcpy(tmp_path + path_len, ".tmp", 5);
    out_file = fopen(tmp_path, "wb");
    if (!out_file) {
        perror(tmp_path);
        return 1;
    }

    while (out_total + out_len < target)
        write_interchange();
    flush_out();
    if (fclose(out_file) != 0) {
        perror(tmp_path);
        return 1;
    }
    if (rename(tmp_path, argv[2]) != 0) {
        perror(argv[2]);
        return 1;
    }
    fprintf(stderr, "%s: %llu bytes, %llu interchanges, %llu groups, %llu sets, %llu segments\n", argv[2],
            (unsigned long long)out_total, (unsigned long long)totals[0], (unsigned long long)totals[1],
            (unsigned long long)totals[2], (unsigned long long)totals[3]);
    free(tmp_path);
    free(out_buffer);
    return 0;
}
