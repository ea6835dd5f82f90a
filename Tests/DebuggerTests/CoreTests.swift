// Unit tests of the pieces that need no program: phase rules, breakpoints, command
// splitting, stable reprs and number formatting.
import Testing
@testable import Debugger

@Suite struct PhaseRuleTests {
    @Test func callsAreCountedByLibraryFileAndFunction() {
        var f = LineFacts()
        f.noteCall(file: "torch/nn/modules/loss.py", function: "forward")
        f.noteCall(file: "torch/nn/functional.py", function: "cross_entropy")
        f.noteCall(file: "torch/nn/functional.py", function: "relu")
        f.noteCall(file: "torch/optim/optimizer.py", function: "zero_grad")
        f.noteCall(file: "torch/optim/sgd.py", function: "step")
        f.noteCall(file: "torch/optim/lr_scheduler.py", function: "step")
        f.noteCall(file: "torch/nn/modules/module.py", function: "__call__")
        f.noteCall(file: "lesson.py", function: "step")
        #expect(f.lossCalls == 2)
        #expect(f.zeroGradCalls == 1)
        #expect(f.optimizerSteps == 1)
        #expect(f.schedulerSteps == 1)
        #expect(f.moduleCalls == 1)
    }

    @Test func theMostSpecificFactWins() {
        var f = LineFacts()
        f.moduleCalls = 2
        #expect(PhaseRules.classify(f, createdGraph: true, createdScalarGraph: false, gradEnabled: true) == .forward)
        #expect(PhaseRules.classify(f, createdGraph: true, createdScalarGraph: false, gradEnabled: false) == .noGrad)
        f.lossCalls = 1
        #expect(PhaseRules.classify(f, createdGraph: true, createdScalarGraph: true, gradEnabled: true) == .loss)
        f.backwardNodes = 3
        #expect(PhaseRules.classify(f, createdGraph: false, createdScalarGraph: false, gradEnabled: true) == .backward)
        var g = LineFacts()
        g.optimizerSteps = 1
        #expect(PhaseRules.classify(g, createdGraph: false, createdScalarGraph: false, gradEnabled: false) == .step)
        #expect(PhaseRules.classify(LineFacts(), createdGraph: false, createdScalarGraph: false, gradEnabled: true) == nil)
        #expect(PhaseRules.classify(LineFacts(), createdGraph: true, createdScalarGraph: true, gradEnabled: true) == .loss)
    }

    @Test func factsSubtract() {
        var a = LineFacts(), b = LineFacts()
        a.lossCalls = 5
        a.backwardNodes = 9
        b.lossCalls = 4
        b.backwardNodes = 9
        let d = a - b
        #expect(d.lossCalls == 1)
        #expect(d.backwardNodes == 0)
    }
}

@Suite struct BreakpointTableTests {
    @Test func hitsCountAndNumbersAreNotReused() {
        var table = BreakpointTable()
        let a = table.add(.line(file: "a.py", line: 3))
        let b = table.add(.node("AddmmBackward0"))
        #expect(a.number == 1 && b.number == 2)
        let first = table.hit(file: "a.py", line: 3)
        let second = table.hit(file: "a.py", line: 3)
        let other = table.hit(file: "b.py", line: 3)
        let node = table.hit(node: "AddmmBackward0")
        #expect(first?.hits == 1)
        #expect(second?.hits == 2)
        #expect(other == nil)
        #expect(node?.number == 2)
        let removed = table.remove(1)
        let again = table.remove(1)
        #expect(removed)
        #expect(!again)
        let c = table.add(.function("f"))
        #expect(c.number == 3)
        #expect(table.hasFunctionBreakpoints)
    }
}

@Suite struct TextTests {
    @Test func commandsSplitOnSemicolonsAndLines() {
        #expect(ScriptedIO.splitCommands("n; n ;s\n# note\n\ngrads") == ["n", "n", "s", "grads"])
    }

    @Test func addressesAreDropped() {
        #expect(withoutAddresses("<x.Y object at 0x7f3a9b>") == "<x.Y object>")
        #expect(withoutAddresses("[<A object at 0x1>, <B object at 0xff>]") == "[<A object>, <B object>]")
        #expect(withoutAddresses("no address") == "no address")
    }

    @Test func shortNumbers() {
        #expect(short(0) == "0")
        #expect(short(0.5) == "0.5")
        #expect(short(12.3456) == "12.35")
        #expect(short(-0.0012345) == "-0.001234" || short(-0.0012345) == "-0.001235")
        #expect(short(1.5e-7) == "1.500e-07")
        #expect(short(2.5e6) == "2.500e+06")
        #expect(short(.nan) == "nan")
    }

    @Test func shorteningKeepsHeadAndMarksTheCut() {
        let text = (1...10).map { "line \($0)" }.joined(separator: "\n")
        let cut = shorten(text, maxLines: 4)
        #expect(cut.split(separator: "\n").count == 4)
        #expect(cut.hasSuffix("..."))
    }
}

@Suite struct CommandWordTests {
    @Test func assignmentsToCommandNamesRunAsPython() {
        let session = Session(program: DebugProgram(file: "x.py", source: ""), io: ScriptedIO(commands: [])) { _ in }
        #expect(session.isAssignment("= 3"))
        #expect(session.isAssignment("+= 1"))
        #expect(session.isAssignment("//= 2"))
        #expect(!session.isAssignment("== 3"))
        #expect(!session.isAssignment("square"))
        #expect(!session.isAssignment(""))
    }
}
