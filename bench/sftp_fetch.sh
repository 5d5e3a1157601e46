#!/usr/bin/env bash
# SFTP fetch throughput: Crossdock's Transport (libssh2) beside OpenSSH's own sftp client, same run,
# same loopback sshd, same files: one 100 MB file, then 1,000 small files (4 KiB each).
#
#   bash bench/sftp_fetch.sh   (env: BIG_MB=100 SMALL_COUNT=1000 SMALL_KB=4 ROUNDS=3 READ_BUFFER=1048576)
#
# Starts a throwaway sshd on 127.0.0.1 (needs openssh-server: `make deps`), stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
BIG_MB=${BIG_MB:-100}
SMALL_COUNT=${SMALL_COUNT:-1000}
SMALL_KB=${SMALL_KB:-4}
ROUNDS=${ROUNDS:-3}
READ_BUFFER=${READ_BUFFER:-1048576}   # bytes per libssh2_sftp_read call

SSHD=$(command -v sshd || ls /usr/sbin/sshd 2>/dev/null || true)
[ -x "$SSHD" ] || { echo "sshd not found: run make deps" >&2; exit 1; }

echo "== building transport-bench (release)" >&2
swift build -c release --product transport-bench >&2
BENCH="$(swift build -c release --show-bin-path)/transport-bench"

WORK=$(mktemp -d -t crossdock-bench.XXXXXX)
SSHD_PID=""
cleanup() { [ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

mkdir -p "$WORK/keys" "$WORK/data/big" "$WORK/data/small" /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$WORK/keys/host" -C bench
ssh-keygen -q -t ed25519 -N '' -f "$WORK/keys/user" -C bench
cp "$WORK/keys/user.pub" "$WORK/keys/authorized_keys"
PORT=$(( 20000 + RANDOM % 20000 ))
USER_NAME=$(id -un)
echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$WORK/keys/host.pub")" > "$WORK/known_hosts"
cat > "$WORK/sshd_config" <<CONFIG
Port $PORT
ListenAddress 127.0.0.1
HostKey $WORK/keys/host
PidFile $WORK/sshd.pid
AuthorizedKeysFile $WORK/keys/authorized_keys
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers $USER_NAME
UsePAM no
Subsystem sftp internal-sftp -d $WORK/data
ForceCommand internal-sftp -d $WORK/data
MaxStartups 100
CONFIG
"$SSHD" -D -e -f "$WORK/sshd_config" 2> "$WORK/sshd.log" &
SSHD_PID=$!
for _ in $(seq 100); do (echo > /dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.05; done

echo "== making test files: ${BIG_MB} MB, ${SMALL_COUNT} x ${SMALL_KB} KiB" >&2
head -c $((BIG_MB * 1000 * 1000)) /dev/urandom > "$WORK/data/big/big.bin"
for i in $(seq 1 "$SMALL_COUNT"); do head -c $((SMALL_KB * 1024)) /dev/urandom > "$WORK/data/small/f$i.edi"; done
SMALL_BYTES=$((SMALL_COUNT * SMALL_KB * 1024))

now() { date +%s.%N; }
openssh_fetch() {  # folder -> seconds
    local dest="$WORK/out-openssh"; rm -rf "$dest"; mkdir -p "$dest"
    local start; start=$(now)
    echo "get $1/* $dest/" | sftp -q -b - -i "$WORK/keys/user" -o UserKnownHostsFile="$WORK/known_hosts" \
        -o StrictHostKeyChecking=yes -o BatchMode=yes -P "$PORT" "$USER_NAME@127.0.0.1" > /dev/null
    awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }'
}
crossdock_fetch() {  # folder -> seconds
    local dest="$WORK/out-crossdock"; rm -rf "$dest"
    local start; start=$(now)
    "$BENCH" 127.0.0.1 "$PORT" "$USER_NAME" "$WORK/keys/user" "$WORK/known_hosts" "$1" "$dest" "$READ_BUFFER" > /dev/null
    awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }'
}
best() { sort -g | head -1; }

report() {  # label bytes folder
    local label=$1 bytes=$2 folder=$3 o=() c=()
    for _ in $(seq "$ROUNDS"); do o+=("$(openssh_fetch "$folder")"); c+=("$(crossdock_fetch "$folder")"); done
    local ob cb; ob=$(printf '%s\n' "${o[@]}" | best); cb=$(printf '%s\n' "${c[@]}" | best)
    awk -v l="$label" -v n="$bytes" -v o="$ob" -v c="$cb" 'BEGIN {
        printf "%-22s openssh sftp %8.1f MB/s (%6.2f s)   crossdock %8.1f MB/s (%6.2f s)   ratio %4.0f %%\n",
            l, n / o / 1e6, o, n / c / 1e6, c, 100 * o / c }'
}

echo "== SFTP fetch over loopback, best of $ROUNDS rounds each (whole command, connect included)"
report "1 x ${BIG_MB} MB" $((BIG_MB * 1000 * 1000)) big
report "${SMALL_COUNT} x ${SMALL_KB} KiB" "$SMALL_BYTES" small
