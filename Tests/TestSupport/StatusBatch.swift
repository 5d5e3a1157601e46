/// Generated 214 shipment-status files for pipeline, crash-safety and throughput tests: each set is the
/// `214_004010_prfl_one_line` sample's (two AT7 statuses, so two events) with its own shipment id and
/// control numbers, so every event id is distinct and deterministic.
public enum StatusBatch {
    /// `files` interchanges of `setsPerFile` sets each, from PRAIRIEFRT to CROSSDOCKDEMO. Control numbers
    /// start after `firstInterchange`; shipment ids are `ACM` + a running number.
    public static func files(count files: Int, setsPerFile: Int, firstInterchange: Int = 100_000) -> [(name: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = []
        var shipment = 0
        for f in 0..<files {
            let isa13 = String(firstInterchange + f + 1)
            let padded = String(repeating: "0", count: max(0, 9 - isa13.count)) + isa13
            var text = "ISA*00*          *00*          *ZZ*PRAIRIEFRT     *ZZ*CROSSDOCKDEMO  *261127*0911*U*00401*\(padded)*0*P*:~"
            text += "GS*QM*PRFL*CROSSDOCKDEMO*20261127*0911*\(isa13)*X*004010~"
            for s in 0..<setsPerFile {
                shipment += 1
                let st02 = String(format4(s + 1))
                let id = "ACM\(7_000_000 + shipment)"
                let body = [
                    "ST*214*\(st02)", "B10*PRFL\(shipment)*\(id)*PRFL", "L11*\(shipment)*BM",
                    "N1*SH*ACME Foods Cedar Falls Plant 3*93*ACMECF3", "N4*Cedar Falls*IA*50613*US",
                    "N1*CN*Riverbend Market DC*93*RBM01", "N4*Rochester*MN*55901*US",
                    "LX*1", "AT7*X3*NS***20261127*0648*CT", "MS1*Cedar Falls*IA*US", "MS2*PRFL*R5207*RT", "L11*1*QN",
                    "LX*2", "AT7*AF*NS***20261127*0905*CT", "MS1*Cedar Falls*IA*US", "MS2*PRFL*R5207*RT", "L11*1*QN",
                    "AT8*G*L*37400*20",
                ]
                text += body.joined(separator: "~") + "~SE*\(body.count + 1)*\(st02)~"
            }
            text += "GE*\(setsPerFile)*\(isa13)~IEA*1*\(padded)~\n"
            out.append(("status-\(padded).edi", Array(text.utf8)))
        }
        return out
    }

    static func format4(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
