// swift-tools-version: 6.0
import PackageDescription

/// libFuzzer builds of Wikken's harnesses (`WikkenFuzzing`), apart from the main package so that a
/// normal build never needs the fuzzer runtime. Built and run by `scripts/fuzz.sh`:
/// `swift build -c release --sanitize=fuzzer --package-path Fuzz`.
let package = Package(
    name: "WikkenFuzz",
    dependencies: [.package(name: "Wikken", path: "..")],
    targets: [
        .executableTarget(name: "wikken-fuzz", dependencies: [.product(name: "WikkenFuzzing", package: "Wikken")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ]
)
