// swift-tools-version:6.2
// bench/x12-driver: the X12 module alone with a small driver, for counting instructions per byte of
// `validate` (bench/README.md, "Figures"). Not part of the Crossdock build: the root package never looks
// here, and this package builds in a minute or two instead of the whole product's release build.
// `Sources/X12` is a symbolic link to the project's own module.
import PackageDescription

let package = Package(
    name: "x12-driver",
    targets: [
        .target(name: "X12"),
        .executableTarget(name: "x12-driver", dependencies: ["X12"]),
    ]
)

for target in package.targets {
    target.swiftSettings = [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ]
}
