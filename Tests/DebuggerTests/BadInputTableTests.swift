// Bad input, catalogued: every entry is typed at the REPL and must get its exact message
// (CPython's or PyTorch's wording, checked against python3 and torch 2.15), after which the
// REPL still answers. A second table runs the built binary with bad arguments and files.
import Foundation
import Testing
import MiniPy
import Torch
import TestProcess
@testable import Debugger

/// One bad input and the first line the REPL must answer with.
struct BadEntry: CustomTestStringConvertible, Sendable {
    var input: String
    var expected: String
    init(_ input: String, _ expected: String) {
        self.input = input
        self.expected = expected
    }
    var testDescription: String { input }
}

/// What `gradstep repl` runs before its first prompt.
let replPrelude = """
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
    _repl = None
    """

/// Runs `commands` at a REPL session and returns the transcript and exit status.
func runRepl(_ commands: [String]) -> (transcript: String, status: Int32) {
    let io = ScriptedIO(commands: commands)
    let session = Session(program: DebugProgram(file: "<repl>", source: replPrelude), io: io,
                          configure: TorchLibrary.install)
    session.firstStopLine = 4
    let status = session.run()
    return (io.transcript, status)
}

/// The text the REPL printed after each command, in order (split at the prompts).
func answers(_ transcript: String) -> [(command: String, output: String)] {
    let prompt = "(gradstep) "
    var result: [(String, String)] = []
    for chunk in transcript.components(separatedBy: prompt).dropFirst() {
        let newline = chunk.firstIndex(of: "\n") ?? chunk.endIndex
        let command = String(chunk[..<newline])
        let output = newline < chunk.endIndex ? String(chunk[chunk.index(after: newline)...]) : ""
        result.append((command, output))
    }
    return result
}

let badSyntax: [BadEntry] = [
    BadEntry("x = (1,", "*** SyntaxError: '(' was never closed"),
    BadEntry("x = 1 +", "*** SyntaxError: invalid syntax"),
    BadEntry("def f(:", "*** SyntaxError: invalid syntax"),
    BadEntry("if True", "*** SyntaxError: expected ':'"),
    BadEntry("print \"hi\"", "*** SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?"),
    BadEntry("x = [1, 2", "*** SyntaxError: '[' was never closed"),
    BadEntry("1 = x", "*** SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?"),
    BadEntry("!return 5", "*** SyntaxError: 'return' outside function"),
    BadEntry("!break", "*** SyntaxError: 'break' outside loop"),
    BadEntry("x = 'abc", "*** SyntaxError: unterminated string literal (detected at line 1)"),
    BadEntry("x = 1 2", "*** SyntaxError: invalid syntax"),
    BadEntry("f(a=1, 2)", "*** SyntaxError: positional argument follows keyword argument"),
    BadEntry("del 1", "*** SyntaxError: cannot delete literal"),
    BadEntry("for in range(3): pass", "*** SyntaxError: invalid syntax"),
    BadEntry("x = 0x", "*** SyntaxError: invalid hexadecimal literal"),
    BadEntry("x = 1_", "*** SyntaxError: invalid decimal literal"),
    BadEntry("class :", "*** SyntaxError: invalid syntax"),
    BadEntry("f() = 1", "*** SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?"),
    BadEntry("x = )", "*** SyntaxError: unmatched ')'"),
    BadEntry("x = [1, 2)", "*** SyntaxError: closing parenthesis ')' does not match opening parenthesis '['"),
    BadEntry("!continue", "*** SyntaxError: 'continue' not properly in loop"),
    BadEntry("def f(a, a): pass", "*** SyntaxError: duplicate argument 'a' in function definition"),
    BadEntry("nonlocal x", "*** SyntaxError: nonlocal declaration not allowed at module level"),
    BadEntry("import", "*** SyntaxError: invalid syntax"),
    BadEntry("x = {1: 2, 3}", "*** SyntaxError: ':' expected after dictionary key"),
    BadEntry("a, b += 1", "*** SyntaxError: 'tuple' is an illegal expression for augmented assignment"),
    BadEntry("x = 1 if 2", "*** SyntaxError: expected 'else' after 'if' expression"),
    BadEntry("def f(*): pass", "*** SyntaxError: named arguments must follow bare *"),
    BadEntry("x ===== 2", "*** SyntaxError: invalid syntax"),
]

let badPython: [BadEntry] = [
    BadEntry("undefined_name", "*** NameError: name 'undefined_name' is not defined"),
    BadEntry("1/0", "*** ZeroDivisionError: division by zero"),
    BadEntry("[1,2][5]", "*** IndexError: list index out of range"),
    BadEntry("{}['k']", "*** KeyError: 'k'"),
    BadEntry("int('abc')", "*** ValueError: invalid literal for int() with base 10: 'abc'"),
    BadEntry("'a' + 1", "*** TypeError: can only concatenate str (not \"int\") to str"),
    BadEntry("None.foo", "*** AttributeError: 'NoneType' object has no attribute 'foo'"),
    BadEntry("len(5)", "*** TypeError: object of type 'int' has no len()"),
    BadEntry("import nosuchmodule", "*** ModuleNotFoundError: No module named 'nosuchmodule'"),
    BadEntry("raise ValueError('boom')", "*** ValueError: boom"),
    BadEntry("assert False, 'nope'", "*** AssertionError: nope"),
    BadEntry("x, y = [1, 2, 3]", "*** ValueError: too many values to unpack (expected 2)"),
    BadEntry("open('/nonexistent/file.txt')", "*** FileNotFoundError: [Errno 2] No such file or directory: '/nonexistent/file.txt'"),
    BadEntry("float('x')", "*** ValueError: could not convert string to float: 'x'"),
    BadEntry("iter(5)", "*** TypeError: 'int' object is not iterable"),
    BadEntry("[].remove(3)", "*** ValueError: list.remove(x): x not in list"),
    BadEntry("'abc'.index('z')", "*** ValueError: substring not found"),
    BadEntry("int.foo", "*** AttributeError: type object 'int' has no attribute 'foo'"),
    BadEntry("1 < 'a'", "*** TypeError: '<' not supported between instances of 'int' and 'str'"),
    BadEntry("(lambda x: x)(1, 2)", "*** TypeError: <lambda>() takes 1 positional argument but 2 were given"),
    BadEntry("10 % 0", "*** ZeroDivisionError: integer modulo by zero"),
    BadEntry("chr(-1)", "*** ValueError: chr() arg not in range(0x110000)"),
    BadEntry("'%d' % 'x'", "*** TypeError: %d format: a real number is required, not str"),
    BadEntry("[1][1.5]", "*** TypeError: list indices must be integers or slices, not float"),
    BadEntry("{}.pop('a')", "*** KeyError: 'a'"),
    BadEntry("int(None)", "*** TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'"),
    BadEntry("x = [1]; x.append(1, 2)", "*** TypeError: list.append() takes exactly one argument (2 given)"),
    BadEntry("[0] * 10**12", "*** MemoryError"),
    BadEntry("'ab' * 2**62", "*** OverflowError: repeated string is too long"),
    BadEntry("list(range(10**12))", "*** MemoryError"),
    BadEntry("(lambda f: f(f))(lambda f: f(f))", "*** RecursionError: maximum recursion depth exceeded"),
]

let badTorch: [BadEntry] = [
    BadEntry("torch.ones(2,3) @ torch.ones(2,3)", "*** RuntimeError: mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)"),
    BadEntry("torch.ones(2) + torch.ones(3)", "*** RuntimeError: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0"),
    BadEntry("torch.ones(3)[5]", "*** IndexError: index 5 is out of bounds for dimension 0 with size 3"),
    BadEntry("torch.ones(2,3).view(4)", "*** RuntimeError: shape '[4]' is invalid for input of size 6"),
    BadEntry("torch.ones(3).sum(dim=2)", "*** IndexError: Dimension out of range (expected to be in range of [-1, 0], but got 2)"),
    BadEntry("torch.ones(3).backward()", "*** RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn"),
    BadEntry("torch.ones(3, requires_grad=True).mul(2).backward()", "*** RuntimeError: grad can be implicitly created only for scalar outputs"),
    BadEntry("torch.ones(2).numpy_fake()", "*** AttributeError: 'Tensor' object has no attribute 'numpy_fake'"),
    BadEntry("torch.zeros(1000000, 1000000)", "*** RuntimeError: [enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate 4000000000000 bytes. Error code 12 (Cannot allocate memory)"),
    BadEntry("torch.ones(3, dtype=torch.long).mean()", "*** NotImplementedError: mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long"),
    BadEntry("torch.ones(2,2).item()", "*** RuntimeError: a Tensor with 4 elements cannot be converted to Scalar"),
    BadEntry("nn.Linear(3, 2)(torch.ones(4, 5))", "*** RuntimeError: addmm: mat1 and mat2 shapes cannot be multiplied (4x5 and 3x2)"),
    BadEntry("F.cross_entropy(torch.ones(2,3), torch.tensor([0, 5]))", "*** IndexError: Target 5 is out of bounds."),
    BadEntry("torch.cat([torch.ones(2), torch.ones(2,2)])", "*** RuntimeError: Tensors must have same number of dimensions: got 1 and 2"),
    BadEntry("torch.ones(3).reshape(2, -1)", "*** RuntimeError: shape '[2, -1]' is invalid for input of size 3"),
    BadEntry("torch.zeros(-1)", "*** RuntimeError: zeros: Dimension size must be non-negative."),
    BadEntry("torch.ones(2,3).t().view(6)", "*** RuntimeError: view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead."),
    BadEntry("torch.ones(3).unsqueeze(3)", "*** IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 3)"),
    BadEntry("torch.tensor([[1, 2], [3]])", "*** ValueError: expected sequence of length 2 at dim 1 (got 1)"),
    BadEntry("torch.ones(3) @ torch.ones(4)", "*** RuntimeError: inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively"),
    BadEntry("torch.load('missing.pt')", "*** FileNotFoundError: [Errno 2] No such file or directory: 'missing.pt'"),
    BadEntry("torch.save({}, 'nodir/x.pt')", "*** RuntimeError: Parent directory nodir does not exist."),
    BadEntry("torch.zeros(2**32, 2**32)", "*** RuntimeError: Storage size calculation overflowed with sizes=[4294967296, 4294967296]"),
    BadEntry("torch.ones(2, 3).transpose(0, 5)", "*** IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 5)"),
    BadEntry("torch.ones(3).expand(2)", "*** RuntimeError: The expanded size of the tensor (2) must match the existing size (3) at non-singleton dimension 0.  Target sizes: [2].  Tensor sizes: [3]"),
    BadEntry("nn.Linear(2, 2).weight.add_(1)", "*** RuntimeError: a leaf Variable that requires grad is being used in an in-place operation."),
    BadEntry("torch.randn(2, 3).softmax(dim=3)", "*** IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 3)"),
]

/// Debugger commands with a wrong argument: pdb's wording where pdb has the command.
let badCommands: [BadEntry] = [
    BadEntry("u 5", "*** Oldest frame"),
    BadEntry("d 3", "*** Newest frame"),
    BadEntry("until abc", "*** Error in argument: 'abc'"),
    BadEntry("unt 0", "*** Error in argument: '0'"),
    BadEntry("b nofile.py:3", "*** Line 3 is not in nofile.py"),
    BadEntry("b 999", "*** Line 999 is not in <repl>"),
    BadEntry("back abc", "*** back takes a positive number of stops"),
    BadEntry("back 99", "*** Only 0 earlier stops to go back to"),
    BadEntry("cl 42", "*** No breakpoint numbered 42"),
    BadEntry("h nosuch", "*** No help on nosuch"),
    BadEntry("p", "*** SyntaxError: invalid syntax"),
    BadEntry("l 9999", "[EOF]"),
]

@Suite struct BadInputTable {
    /// Every entry, each followed by `p 6*7`; one session, so state carries over as at a real prompt.
    static let entries = badSyntax + badPython + badTorch + badCommands

    @Test func atLeastSixtyEntries() {
        #expect(Self.entries.count >= 60)
    }

    @Test func everyEntryGetsItsMessageAndTheReplStillAnswers() {
        let commands = Self.entries.flatMap { [$0.input, "p 6*7"] }
        let run = runRepl(commands)
        let replies = answers(run.transcript)
        #expect(run.status == 0)
        // The last reply is the prompt at end of input.
        #expect(replies.count == commands.count + 1)
        for (index, entry) in Self.entries.enumerated() where 2 * index + 1 < replies.count {
            let reply = replies[2 * index], check = replies[2 * index + 1]
            #expect(reply.command == entry.input)
            let firstLine = reply.output.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            #expect(firstLine == entry.expected, "input: \(entry.input)")
            #expect(check.output == "42\n", "the REPL did not answer after: \(entry.input)")
        }
    }
}

/// Bad arguments and files given to the built binary: message and exit status.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: gradstepBinary), "gradstep is not built"))
struct BadCommandLineTable {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var stderr: String
        var status: Int32
        var testDescription: String { "gradstep " + arguments.joined(separator: " ") }
    }

    /// Files the cases open, written into a fresh folder.
    static let files: [String: [UInt8]] = [
        "syntax.py": Array("x = (\n".utf8),
        "exit3.py": Array("raise SystemExit(3)\n".utf8),
        "corrupt.pt": Array("garbage-not-safetensors".utf8),
        "loadcorrupt.py": Array("import torch\ntorch.load(\"corrupt.pt\")\n".utf8),
        "savemissing.py": Array("import torch\ntorch.save({}, \"nodir/x.pt\")\n".utf8),
        "huge.py": Array("import torch\ntorch.zeros(1000000, 1000000)\n".utf8),
    ]

    static let cases: [Case] = [
        Case(arguments: ["run"], stderr: """
            Error: Give a file to run, or -c CODE.
            Usage: gradstep <subcommand>
              See 'gradstep --help' for more information.

            """, status: 64),
        Case(arguments: ["run", "missing.py"],
             stderr: "python3: can't open file '<DIR>/missing.py': [Errno 2] No such file or directory\n", status: 2),
        Case(arguments: ["missing.py"], stderr: """
            Error: can't open file 'missing.py': No such file or directory
            Usage: gradstep <subcommand>
              See 'gradstep --help' for more information.

            """, status: 64),
        Case(arguments: ["repl", "-c"], stderr: """
            Error: Missing value for '-c <c>'
            Help:  -c <c>  Commands separated by ';'.
            Usage: gradstep repl [-c <c>]
              See 'gradstep repl --help' for more information.

            """, status: 64),
        Case(arguments: ["lessons", "--bogus"], stderr: """
            Error: Unknown option '--bogus'
            Usage: gradstep lessons [--dir <dir>]
              See 'gradstep lessons --help' for more information.

            """, status: 64),
        Case(arguments: ["run", "syntax.py"], stderr: """
              File "syntax.py", line 1
                x = (
                    ^
            SyntaxError: '(' was never closed

            """, status: 1),
        Case(arguments: ["run", "exit3.py"], stderr: "", status: 3),
        Case(arguments: ["run", "adir"], stderr: "python3: can't find '__main__' module in '<DIR>/adir'\n", status: 1),
        Case(arguments: ["run", "loadcorrupt.py"], stderr: """
            Traceback (most recent call last):
              File "loadcorrupt.py", line 2, in <module>
                torch.load("corrupt.pt")
            RuntimeError: safetensors header length 3271134372315685223 exceeds the limit of 100000000 bytes

            """, status: 1),
        Case(arguments: ["run", "savemissing.py"], stderr: """
            Traceback (most recent call last):
              File "savemissing.py", line 2, in <module>
                torch.save({}, "nodir/x.pt")
            RuntimeError: Parent directory nodir does not exist.

            """, status: 1),
        Case(arguments: ["run", "huge.py"], stderr: """
            Traceback (most recent call last):
              File "huge.py", line 2, in <module>
                torch.zeros(1000000, 1000000)
            RuntimeError: [enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate 4000000000000 bytes. Error code 12 (Cannot allocate memory)

            """, status: 1),
    ]

    @Test(arguments: cases) func answersWithMessageAndStatus(_ entry: Case) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("gradstep-bad-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, bytes) in Self.files {
            try Data(bytes).write(to: folder.appendingPathComponent(name))
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("adir"), withIntermediateDirectories: false)
        let result = try runChild(gradstepBinary, entry.arguments, directory: folder.path,
                                  environment: ["NO_COLOR": "1"], timeout: 60)
        #expect(!result.timedOut)
        let resolved = folder.resolvingSymlinksInPath().path
        #expect(result.stderr.replacingOccurrences(of: resolved, with: "<DIR>")
                    .replacingOccurrences(of: folder.path, with: "<DIR>") == entry.stderr)
        #expect(result.status == entry.status)
        // Nothing half-written is left behind by a failed save.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(Set(left) == Set(Self.files.keys).union(["adir"]))
    }
}
