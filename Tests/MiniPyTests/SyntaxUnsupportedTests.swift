import Testing
@testable import MiniPy

struct SyntaxUnsupportedTests {
    /// Valid Python outside the subset: (source, line, message).
    @Test(arguments: [
        ("def gen():\n    yield 1\n", 2, "'yield' is not supported by gradstep"),
        ("def gen():\n    x = yield\n", 2, "'yield' is not supported by gradstep"),
        ("def gen():\n    yield from other()\n", 2, "'yield from' is not supported by gradstep"),
        ("async def f():\n    pass\n", 1, "'async' is not supported by gradstep"),
        ("def f():\n    await g()\n", 2, "'await' is not supported by gradstep"),
        ("x = 1\nmatch x:\n    case 1:\n        pass\n", 2, "'match' is not supported by gradstep"),
        ("if (n := len(a)) > 3:\n    pass\n", 1, "the walrus operator ':=' is not supported by gradstep"),
        ("from torch import *\n", 1, "'from ... import *' is not supported by gradstep"),
        ("class A(metaclass=M):\n    pass\n", 1, "'metaclass' is not supported by gradstep"),
        ("class A(B, C):\n    pass\n", 1, "multiple inheritance is not supported by gradstep"),
        ("class A:\n    __slots__ = ('x',)\n", 2, "'__slots__' is not supported by gradstep"),
        ("x = b'abc'\n", 1, "bytes literals are not supported by gradstep"),
        ("x = 2j\n", 1, "complex literals are not supported by gradstep"),
        ("x = 123456789012345678901234567890\n", 1, "integers beyond 64 bits are not supported by gradstep"),
        ("@dec\nasync def f():\n    pass\n", 2, "'async' is not supported by gradstep"),
        ("y = [x async for x in z]\n", 1, "'async' is not supported by gradstep"),
    ] as [(String, Int, String)])
    func rejectsConstruct(source: String, line: Int, message: String) {
        do {
            _ = try PythonParser.parse(source: source, file: "lesson.py")
            Issue.record("no error for \(source.debugDescription)")
        } catch let error as SyntaxErrorInfo {
            #expect(error.kind == .syntaxError)
            #expect(error.message == message)
            #expect(error.line == line)
            #expect(error.isUnsupportedConstruct)
            #expect(error.description == "SyntaxError: \(message) (line \(line))")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    /// A genuine syntax error anywhere in the file is reported before a construct outside the
    /// subset, since CPython would reject the file for it.
    @Test(arguments: [
        ("def g():\n    yield 1\nx = (\n", "'(' was never closed", 3),
        ("x = b'a'\ny = a b\n", "invalid syntax", 2),
        ("async def f():\n    await g()\nif x\n", "expected ':'", 3),
        ("match x:\n    case 1:\n        pass\nprint(1\n", "'(' was never closed", 4),
        ("class A(B, C):\n    __slots__ = ()\nreturn 1\n", "'return' outside function", 3),
        ("x = 2j\ny = f'{(z := 1)}'\ndef f(:\n", "invalid syntax", 3),
    ] as [(String, String, Int)])
    func syntaxErrorsComeFirst(source: String, message: String, line: Int) {
        do {
            _ = try PythonParser.parse(source: source, file: "lesson.py")
            Issue.record("no error for \(source.debugDescription)")
        } catch let error as SyntaxErrorInfo {
            #expect(error.message == message)
            #expect(error.line == line)
            #expect(!error.isUnsupportedConstruct)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func reportsTheEarliestUnsupportedConstruct() {
        do {
            _ = try PythonParser.parse(source: "def g():\n    yield 1\nx = 10**100 + 123456789012345678901234567890\n",
                                       file: "lesson.py")
            Issue.record("expected an error")
        } catch let error as SyntaxErrorInfo {
            #expect(error.message == "'yield' is not supported by gradstep")
            #expect(error.line == 2)
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(throws: SyntaxErrorInfo.self) { try PythonParser.parseExpression("f'{x:{b\"y\"}}'") }
    }

    @Test(arguments: [
        "match = re.match(p, s)\nmatch(x)\n",
        "case = 1\nprint(case)\n",
        "global g\ng = 1\n",
        "exec_count = 0\n",
        "class A(B, metaclass_name=1):\n    pass\n",
        "class A:\n    slots = 1\n",
    ])
    func acceptsLookalikes(source: String) throws {
        _ = try PythonParser.parse(source: source, file: "lesson.py")
    }

    @Test func formatsUnsupportedReport() throws {
        do {
            _ = try PythonParser.parse(source: "def g():\n    yield 1\n", file: "lesson.py")
            Issue.record("expected an error")
        } catch let error as SyntaxErrorInfo {
            #expect(error.formatted == """
                  File "lesson.py", line 2
                    yield 1
                    ^^^^^
                SyntaxError: 'yield' is not supported by gradstep (line 2)

                """)
        }
    }
}

struct SyntaxEntryPointTests {
    @Test func parsesDebuggerExpressions() throws {
        #expect(ASTDump.dump(try PythonParser.parseExpression("model.fc1.weight.grad[0, :3]"))
                == "([] (. (. (. model fc1) weight) grad) (tuple 0 (slice _ 3 _)))")
        #expect(ASTDump.dump(try PythonParser.parseExpression("loss.item()\n")) == "(call (. loss item))")
        #expect(throws: SyntaxErrorInfo.self) { try PythonParser.parseExpression("x = 1") }
        #expect(throws: SyntaxErrorInfo.self) { try PythonParser.parseExpression("") }
    }

    @Test func parsesInteractiveStatements() throws {
        let statements = try PythonParser.parseInteractive("for i in range(3): print(i)\n")
        #expect(ASTDump.dump(statements) == "for i (call range 3)\n  (call print i)".replacingOccurrences(of: "for i (", with: "for i in ("))
    }

    @Test(arguments: [
        ("x = 1", false),
        ("def f():", true),
        ("def f():\n    return 1", true),
        ("def f():\n    return 1\n", true),
        ("def f():\n    return 1\n\n", false),
        ("x = (1,", true),
        ("s = '''abc", true),
        ("x = 1 +", false),
        ("if x:\n    y = [1,\n", true),
        ("print(a b)", false),
        ("@decorator", true),
        ("x = 1 \\", true),
    ] as [(String, Bool)])
    func detectsIncompleteInput(source: String, expected: Bool) {
        #expect(PythonParser.needsMoreInput(source) == expected)
    }
}
