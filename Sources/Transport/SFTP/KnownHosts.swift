import Crypto
import Foundation

/// Reads an OpenSSH known_hosts file far enough to tell which host-key algorithms it holds for one host.
///
/// libssh2 1.10 prefers ECDSA host keys over ed25519. If the server offers both and known_hosts holds only
/// the ed25519 key, libssh2 would negotiate ECDSA and find no entry. So the session asks for exactly the
/// algorithms known_hosts holds for this host (`libssh2_session_method_pref`). The match itself is still
/// done by libssh2 (`libssh2_knownhost_checkp`).
struct KnownHosts {
    struct Entry {
        var patterns: String
        var keyType: String
    }

    let entries: [Entry]

    /// - Throws: `TransportError` `.knownHostsUnreadable`.
    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TransportError(
                code: .knownHostsUnreadable, path: path,
                message: "cannot read the known_hosts file; host keys are always verified, so nothing was connected")
        }
        self.init(contents: String(decoding: data, as: UTF8.self))
    }

    init(contents: String) {
        var entries: [Entry] = []
        for line in contents.split(whereSeparator: \.isNewline) {
            var fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if fields.first?.hasPrefix("#") ?? true { continue }
            if fields[0].hasPrefix("@") {
                // @revoked and @cert-authority lines never make a host key acceptable here.
                continue
            }
            guard fields.count >= 3 else { continue }
            fields = Array(fields.prefix(2))
            entries.append(Entry(patterns: fields[0], keyType: fields[1]))
        }
        self.entries = entries
    }

    /// The name known_hosts files use for `host` on `port`.
    static func hostName(_ host: String, port: Int) -> String {
        port == 22 ? host : "[\(host)]:\(port)"
    }

    /// The host-key algorithms held for `host`, best first, as libssh2 1.10 names them.
    func algorithms(forHost host: String, port: Int) -> [String] {
        let name = Self.hostName(host, port: port)
        let types = Set(entries.filter { Self.matches($0.patterns, name: name) }.map(\.keyType))
        let preference = [
            "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa",
        ]
        return preference.filter(types.contains)
    }

    static func matches(_ patterns: String, name: String) -> Bool {
        if patterns.hasPrefix("|1|") { return hashedMatches(patterns, name: name) }
        var matched = false
        for pattern in patterns.split(separator: ",") {
            if pattern.hasPrefix("!") {
                if wildcardMatches(Array(pattern.dropFirst().utf8), Array(name.utf8)) { return false }
            } else if wildcardMatches(Array(pattern.utf8), Array(name.utf8)) {
                matched = true
            }
        }
        return matched
    }

    /// OpenSSH host patterns: `*` and `?` are the only wildcards (`[` is literal, as in `[host]:port`).
    static func wildcardMatches(_ pattern: [UInt8], _ name: [UInt8]) -> Bool {
        var p = 0
        var n = 0
        var star: Int?
        var resume = 0
        while n < name.count {
            if p < pattern.count && (pattern[p] == UInt8(ascii: "?") || pattern[p] == name[n]) {
                p += 1
                n += 1
            } else if p < pattern.count && pattern[p] == UInt8(ascii: "*") {
                star = p
                resume = n
                p += 1
            } else if let star {
                p = star + 1
                resume += 1
                n = resume
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }

    /// `|1|salt|hash`: HMAC-SHA1 of the host name keyed by the salt, both base64.
    static func hashedMatches(_ pattern: String, name: String) -> Bool {
        let parts = pattern.split(separator: "|", omittingEmptySubsequences: true)
        guard parts.count == 3, let salt = Data(base64Encoded: String(parts[1])),
            let hash = Data(base64Encoded: String(parts[2]))
        else { return false }
        let code = HMAC<Insecure.SHA1>.authenticationCode(for: Data(name.utf8), using: SymmetricKey(data: salt))
        return Data(code) == hash
    }
}
