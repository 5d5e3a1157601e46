import Testing

@testable import Transport

@Suite("known_hosts reading (pure)")
struct KnownHostsTests {
    @Test func asksOnlyForTheKeyTypesHeldForThisHostAndPort() {
        let file = KnownHosts(
            contents: """
                # comment
                [127.0.0.1]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl
                [127.0.0.1]:2200 ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY=
                sftp.partner.example,10.0.0.9 ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY=
                *.hub.example ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ==
                @revoked [127.0.0.1]:2222 ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY=
                """)
        #expect(file.algorithms(forHost: "127.0.0.1", port: 2222) == ["ssh-ed25519"])
        #expect(file.algorithms(forHost: "127.0.0.1", port: 2200) == ["ecdsa-sha2-nistp256"])
        #expect(file.algorithms(forHost: "sftp.partner.example", port: 22) == ["ecdsa-sha2-nistp256"])
        #expect(file.algorithms(forHost: "edi.hub.example", port: 22) == ["ssh-rsa"])
        #expect(file.algorithms(forHost: "127.0.0.1", port: 22).isEmpty)
    }

    @Test func treatsOnlyStarAndQuestionMarkAsWildcards() {
        #expect(KnownHosts.matches("[127.0.0.1]:2222", name: "[127.0.0.1]:2222"))
        #expect(!KnownHosts.matches("[127.0.0.1]:2222", name: "1"))
        #expect(KnownHosts.matches("*.example,!bad.example", name: "good.example"))
        #expect(!KnownHosts.matches("*.example,!bad.example", name: "bad.example"))
        #expect(KnownHosts.matches("host?", name: "host1"))
        #expect(!KnownHosts.matches("host?", name: "host12"))
    }
}
