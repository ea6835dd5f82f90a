import Foundation
import PackagePlugin

/// Embeds the target's `Library` folder of Python sources into the build as Swift string
/// literals, so the binary carries the torch library and needs no files beside it.
@main
struct BundleLibrary: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let library = target.directoryURL.appending(path: "Library")
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledLibrary.swift")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: library, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where url.pathExtension == "py" {
                inputs.append(url)
            }
        }
        return [
            .buildCommand(
                displayName: "Bundling the Python library of \(target.name)",
                executable: try context.tool(named: "LibraryBundler").url,
                arguments: [library.path, output.path],
                inputFiles: inputs.sorted { $0.path < $1.path },
                outputFiles: [output]
            ),
        ]
    }
}
