import Canonical
import Foundation
import Mapping
import Transport
import X12

/// `endpoints[]`: folders and SFTP servers.
extension ConfigurationDecoder {
    enum EndpointKind: String, CaseIterable { case folder, sftp }

    mutating func decodeEndpoint(_ node: YAMLNode, key: String) -> EndpointSettings? {
        let kind = self.kind(node, key: key, EndpointKind.allCases)
        let common = ["id", "kind"]
        let folderKeys = ["path", "create"]
        let sftpKeys = [
            "host", "port", "user", "known_hosts", "private_key", "passphrase", "password",
            "connect_timeout", "operation_timeout", "keepalive",
        ]
        let allowed = switch kind {
        case .some(.folder): common + folderKeys
        case .some(.sftp): common + sftpKeys
        default: common + folderKeys + sftpKeys
        }
        guard let fields = reader.fields(node, key: key, allowed: allowed, required: ["id", "kind"]) else { return nil }
        let id = self.id(fields, in: \.endpointIDs, what: "endpoint")
        switch kind {
        case .some(.folder):
            guard fields["path"] != nil else {
                reader.report(.missingKey, line: fields.line, key: fields.path("path"), "'path' is required")
                return nil
            }
            let path = reader.localPath(fields["path"], key: fields.path("path"))
            let create = reader.boolean(fields["create"], key: fields.path("create")) ?? false
            guard let id, let path else { return nil }
            return EndpointSettings(id: EndpointID(id), kind: .folder(FolderEndpointSettings(path: path, create: create)))
        case .some(.sftp):
            return decodeSFTP(fields, id: id)
        default:
            return nil
        }
    }

    mutating func decodeSFTP(_ fields: Fields, id: String?) -> EndpointSettings? {
        var missing = false
        for name in ["host", "user", "known_hosts"] where fields[name] == nil {
            reader.report(.missingKey, line: fields.line, key: fields.path(name), "'\(name)' is required")
            missing = true
        }
        let host = reader.name(fields["host"], key: fields.path("host"))
        let port = fields["port"] == nil ? 22 : reader.integer(fields["port"], key: fields.path("port"), minimum: 1, maximum: 65_535)
        let user = reader.name(fields["user"], key: fields.path("user"))
        let knownHosts = reader.localPath(fields["known_hosts"], key: fields.path("known_hosts"))
        var authentication: SFTPEndpointSettings.Authentication?
        switch (fields["private_key"], fields["password"]) {
        case (let key?, nil):
            let path = reader.localPath(key, key: fields.path("private_key"))
            let passphrase = reader.secret(fields["passphrase"], key: fields.path("passphrase"))
            if let path, fields["passphrase"] == nil || passphrase != nil {
                authentication = .privateKey(path: path, passphrase: passphrase)
            }
        case (nil, let password?):
            if fields["passphrase"] != nil {
                reader.report(.invalidValue, line: fields.line(of: "passphrase"), key: fields.path("passphrase"),
                              "'passphrase' goes with 'private_key'")
            } else {
                authentication = reader.secret(password, key: fields.path("password")).map { .password($0) }
            }
        case (_?, _?):
            reader.report(.invalidValue, line: fields.line(of: "password"), key: fields.path("password"),
                          "give either 'private_key' or 'password', not both")
        case (nil, nil):
            reader.report(.missingKey, line: fields.line, key: fields.path("private_key"), "'private_key' or 'password' is required")
        }
        let connect = fields["connect_timeout"] == nil ? .seconds(15) : reader.duration(fields["connect_timeout"], key: fields.path("connect_timeout"), positive: true)
        let operation = fields["operation_timeout"] == nil ? .seconds(60) : reader.duration(fields["operation_timeout"], key: fields.path("operation_timeout"), positive: true)
        let keepalive = fields["keepalive"] == nil ? .seconds(30) : reader.duration(fields["keepalive"], key: fields.path("keepalive"))
        guard !missing, let id, let host, let port, let user, let knownHosts, let authentication,
              let connect, let operation, let keepalive else { return nil }
        return EndpointSettings(id: EndpointID(id), kind: .sftp(SFTPEndpointSettings(
            host: host, port: port, user: user, knownHosts: knownHosts, authentication: authentication,
            connectTimeout: connect, operationTimeout: operation, keepalive: keepalive)))
    }
}
