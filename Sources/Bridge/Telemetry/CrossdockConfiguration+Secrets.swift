extension CrossdockConfiguration {
    /// Every secret of the configuration (the console token, destination credentials, SFTP passwords and
    /// key passphrases), for `JSONLogHandler.bootstrap(redacting:)`.
    public var secrets: [Secret] {
        var secrets: [Secret] = []
        if let token = console?.token { secrets.append(token) }
        for destination in destinations {
            guard case .http(let http) = destination.kind else { continue }
            switch http.auth {
            case .none: break
            case .bearer(let token): secrets.append(token)
            case .basic(_, let password): secrets.append(password)
            case .oauth2(_, _, let clientSecret, _, _): secrets.append(clientSecret)
            case .apiKey(_, let key): secrets.append(key)
            case .hmacSHA256(let secret): secrets.append(secret)
            }
        }
        for endpoint in endpoints {
            guard case .sftp(let sftp) = endpoint.kind else { continue }
            switch sftp.authentication {
            case .password(let password): secrets.append(password)
            case .privateKey(_, let passphrase?): secrets.append(passphrase)
            case .privateKey(_, nil): break
            }
        }
        return secrets
    }
}
