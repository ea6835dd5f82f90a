import ArgumentParser

/// The `gradstep` command: step through the deep-learning training loop.
@main
struct GradStep: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "gradstep",
        abstract: "Step through the deep-learning training loop of a PyTorch script.",
        discussion: """
            Lessons are ordinary PyTorch files. GradStep runs them with its own tensor and \
            autograd engine and lets you stop at each line and inside loss.backward().
            """,
        version: version,
        subcommands: [DebugCommand.self, RunCommand.self, ReplCommand.self, LessonsCommand.self, GraphCommand.self, GalleryCommand.self],
        defaultSubcommand: DebugCommand.self
    )

    /// Tunes the allocator before any thread starts, then parses the command line and runs.
    static func main() {
        MallocTuning.apply()
        main(nil)
    }
}
