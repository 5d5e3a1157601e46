import Bridge
import Foundation
import Testing
import Transport

/// Relative paths resolve against the configuration file's folder; Transport values come out ready to use.
@Suite struct ConfigurationPathTests {
    @Test func relativePathsResolveAgainstTheFileFolderAndAbsoluteOnesStay() throws {
        let file = try ConfigFile("""
            store:
              sqlite: ./state/../state/crossdock.sqlite
            spool: /var/tmp/crossdock-spool
            mappings: ../shared/mappings
            endpoints:
              - {id: hub, kind: folder, path: hub/in}
              - {id: sftp, kind: sftp, host: h, user: u, known_hosts: ssh/known_hosts, private_key: /keys/id_ed25519}
            destinations:
              - {id: erp, kind: folder, path: out/erp}

            """)
        defer { file.remove() }
        let config = try file.load()
        let folder = file.folder.standardizedFileURL.path
        let parent = file.folder.deletingLastPathComponent().standardizedFileURL.path
        #expect(config.store == .sqlite(path: folder + "/state/crossdock.sqlite"))
        #expect(config.spool == "/var/tmp/crossdock-spool")
        #expect(config.mappings == parent + "/shared/mappings")
        #expect(config.endpoint(id: "hub")?.kind == .folder(FolderEndpointSettings(path: folder + "/hub/in")))
        guard case .sftp(let sftp) = config.endpoint(id: "sftp")?.kind else {
            Issue.record("expected SFTP")
            return
        }
        #expect(sftp.knownHosts == folder + "/ssh/known_hosts")
        #expect(sftp.authentication == .privateKey(path: "/keys/id_ed25519", passphrase: nil))
        #expect(sftp.port == 22)
        #expect(sftp.connectTimeout == .seconds(15))
        #expect(config.destination(id: "erp")?.kind == .folder(path: folder + "/out/erp"))
    }

    @Test func sourcesBecomeTransportIntakeSources() throws {
        let file = try ConfigFile(minimalConfig + """
            endpoints:
              - {id: hub, kind: folder, path: hub, create: true}
              - {id: partners, kind: folder, path: partners, create: true}
            partners:
              - id: ACME
                isa: {qualifier: ZZ, id: ACMEFOODS}
                ack: {target: partners, path: ACME/outbound}
            sources:
              - id: hub-in
                endpoint: hub
                path: inbound
                patterns: ["*.csv"]
                marker_suffix: .ok
                maximum_size: 64KiB
                batch_limit: 10

            """)
        defer { file.remove() }
        let config = try file.load()
        let source = try #require(config.sources.first)
        #expect(source.afterFetch == .archive(try RemotePath("inbound/archive")))
        #expect(source.errorFolder == (try RemotePath("inbound/error")))
        #expect(source.format == .auto)
        #expect(source.pollInterval == .seconds(30))

        let intake = try config.intakeSource(source)
        #expect(intake.id == "hub-in")
        #expect(intake.folder == (try RemotePath("inbound")))
        #expect(intake.rules == PickupRules(patterns: [GlobPattern("*.csv")], stability: .markerFile(suffix: ".ok"), maximumSize: 65_536, batchLimit: 10))
        #expect(intake.fetchLimit == 65_536)
        #expect(intake.afterFetch == .archive(try RemotePath("inbound/archive")))
        let hubPath = file.folder.appendingPathComponent("hub").path
        #expect(FileManager.default.fileExists(atPath: hubPath))
        #expect(intake.endpoint.label.hasSuffix("/hub"))

        let partner = try #require(config.partner(id: "ACME"))
        let acks = try #require(try config.ackDestination(for: partner))
        #expect(acks.folder == (try RemotePath("ACME/outbound")))
        #expect(acks.endpoint.label.hasSuffix("/partners"))

        let spool = try config.makeSpool()
        #expect(spool.root.path.hasSuffix("/spool"))
        #expect(FileManager.default.fileExists(atPath: file.folder.appendingPathComponent("spool").path))
    }

    @Test func aFolderEndpointThatIsMissingIsNotCreatedUnlessAskedTo() throws {
        let file = try ConfigFile(minimalConfig + """
            endpoints:
              - {id: share, kind: folder, path: mnt/share}
            sources:
              - {id: in, endpoint: share}

            """)
        defer { file.remove() }
        let config = try file.load()
        #expect(throws: TransportError.self) { try config.intakeSource(config.sources[0]) }
        #expect(!FileManager.default.fileExists(atPath: file.folder.appendingPathComponent("mnt").path))
    }
}
