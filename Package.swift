// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "GradStep",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gradstep", targets: ["gradstep"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
    ],
    targets: [
        // C shims over Debian's system libraries. CBLAS only declares types: OpenBLAS itself
        // is opened at the first matrix product (Autograd's OpenBLAS.swift), never linked.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CGraphviz", path: "Sources/CGraphviz", pkgConfig: "libgvc",
                       providers: [.apt(["libgraphviz-dev"])]),
        .systemLibrary(name: "CEditLine", path: "Sources/CEditLine", pkgConfig: "libedit",
                       providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // glibc's mallopt, for the command-line program's allocator settings.
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),

        // Tensors, kernels, the backward tree and its engine, RNG, printing, safetensors.
        .target(name: "Autograd", dependencies: [
            "CBLAS",
            .product(name: "Numerics", package: "swift-numerics"),
        ]),
        // The Python-subset interpreter.
        .target(name: "MiniPy", dependencies: [
            .product(name: "Collections", package: "swift-collections"),
        ]),
        // The `torch` module family for MiniPy: native bindings plus bundled Python.
        .target(name: "Torch", dependencies: ["Autograd", "MiniPy"], exclude: ["Library"],
                plugins: ["BundleLibrary"]),
        // Embeds Sources/Torch/Library (Python) into the build.
        .executableTarget(name: "LibraryBundler"),
        .plugin(name: "BundleLibrary", capability: .buildTool(), dependencies: ["LibraryBundler"]),
        // Autograd graphs to DOT, and DOT to PNG/SVG through libgvc.
        .target(name: "GraphRender", dependencies: ["Autograd", "CGraphviz", "CZlib"]),
        // Stepping, breakpoints, phases and inspection commands; text in, text out.
        .target(name: "Debugger", dependencies: ["Torch", "GraphRender", "MiniPy", "Autograd"]),
        // The command-line program.
        .executableTarget(name: "gradstep", dependencies: [
            "Debugger", "Torch", "MiniPy", "Autograd", "GraphRender", "CEditLine", "CMalloc",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Rainbow", package: "Rainbow"),
        ],
        // Rainbow and ArgumentParser import Foundation; members used here must come from a
        // module imported here, so no Foundation API slips into the statically linked program.
        swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]),
        // Release-build benchmarks of kernels and per-op overhead.
        .executableTarget(name: "GradStepBench", dependencies: ["Autograd", "CBLAS", "Debugger", "GraphRender", "MiniPy", "Torch"]),

        // Test-only: child processes with a deadline (the built binary, tmux).
        .target(name: "TestProcess", path: "Tests/TestProcess"),
        .testTarget(name: "AutogradTests", dependencies: ["Autograd"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "MiniPyTests", dependencies: ["MiniPy"],
                    resources: [.copy("Programs")]),
        .testTarget(name: "TorchTests", dependencies: ["Torch", "MiniPy", "Autograd", "TestProcess"],
                    resources: [.copy("Reference"), .copy("Programs")]),
        .testTarget(name: "GraphRenderTests", dependencies: [
            "GraphRender", "Autograd", "CZlib",
            .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
        ], exclude: ["__Snapshots__"]),
        .testTarget(name: "DebuggerTests", dependencies: ["Debugger", "TestProcess"], exclude: ["Transcripts"]),
    ],
    swiftLanguageModes: [.v6]
)
