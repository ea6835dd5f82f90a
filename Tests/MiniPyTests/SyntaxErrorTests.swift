import Testing
@testable import MiniPy

/// Each row: source, exception class, line, 1-based caret offset and end offset (nil: not
/// compared), message — as `python3 f.py` (CPython 3.11.7) reports them.
let cpythonSyntaxErrors: [(String, String, Int, Int?, Int?, String)] = [
    ("if x\n    pass\n", "SyntaxError", 1, 5, 5, "expected ':'"),
    ("if x:\nfoo\n", "IndentationError", 2, 1, 4, "expected an indented block after 'if' statement on line 1"),
    ("if x:\n", "IndentationError", 1, 0, -1, "expected an indented block after 'if' statement on line 1"),
    ("if x:  # c\n", "IndentationError", 1, 0, -1, "expected an indented block after 'if' statement on line 1"),
    ("for x in y:\n# c\nz = 1\n", "IndentationError", 3, 1, 2, "expected an indented block after 'for' statement on line 1"),
    ("def f():\n    x = 1\n  y = 2\n", "IndentationError", 3, 8, -1, "unindent does not match any outer indentation level"),
    ("  x = 1\n", "IndentationError", 1, 2, -1, "unexpected indent"),
    ("x = 1\n    y = 2\n", "IndentationError", 2, 4, -1, "unexpected indent"),
    ("x = (1,\ny = 2\n", "SyntaxError", 1, 5, 0, "'(' was never closed"),
    ("foo(1, 2\n", "SyntaxError", 1, 4, 0, "'(' was never closed"),
    ("x = [1,\n  2,\n", "SyntaxError", 1, 5, 0, "'[' was never closed"),
    ("x = )\n", "SyntaxError", 1, 5, 5, "unmatched ')'"),
    ("x = (1, 2]\n", "SyntaxError", 1, 10, 10, "closing parenthesis ']' does not match opening parenthesis '('"),
    ("x = (1,\n2]\n", "SyntaxError", 2, 2, 2, "closing parenthesis ']' does not match opening parenthesis '(' on line 1"),
    ("s = 'abc\n", "SyntaxError", 1, 5, 5, "unterminated string literal (detected at line 1)"),
    ("s = f'abc\n", "SyntaxError", 1, 5, 5, "unterminated string literal (detected at line 1)"),
    ("s = \"\"\"abc\n\nx\n", "SyntaxError", 1, 5, 5, "unterminated triple-quoted string literal (detected at line 3)"),
    ("print(a b)\n", "SyntaxError", 1, 7, 10, "invalid syntax. Perhaps you forgot a comma?"),
    ("x = a b\n", "SyntaxError", 1, 7, 8, "invalid syntax"),
    ("f(a, b c)\n", "SyntaxError", 1, 6, 9, "invalid syntax. Perhaps you forgot a comma?"),
    ("f() = 1\n", "SyntaxError", 1, 1, 4, "cannot assign to function call here. Maybe you meant '==' instead of '='?"),
    ("1 = x\n", "SyntaxError", 1, 1, 2, "cannot assign to literal here. Maybe you meant '==' instead of '='?"),
    ("x + 1 = 2\n", "SyntaxError", 1, 1, 6, "cannot assign to expression here. Maybe you meant '==' instead of '='?"),
    ("(a, f()) = 1\n", "SyntaxError", 1, 5, 8, "cannot assign to function call"),
    ("a = b = f() = 3\n", "SyntaxError", 1, 9, 12, "cannot assign to function call"),
    ("True = 1\n", "SyntaxError", 1, 1, 5, "cannot assign to True"),
    ("None = 1\n", "SyntaxError", 1, 1, 5, "cannot assign to None"),
    ("for 1 in x: pass\n", "SyntaxError", 1, 5, 6, "cannot assign to literal"),
    ("for f() in x: pass\n", "SyntaxError", 1, 5, 8, "cannot assign to function call"),
    ("[x for 1 in y]\n", "SyntaxError", 1, 8, 9, "cannot assign to literal"),
    ("f() += 1\n", "SyntaxError", 1, 1, 4, "'function call' is an illegal expression for augmented assignment"),
    ("(a, b) += 1\n", "SyntaxError", 1, 1, 7, "'tuple' is an illegal expression for augmented assignment"),
    ("del f()\n", "SyntaxError", 1, 5, 8, "cannot delete function call"),
    ("del 1\n", "SyntaxError", 1, 5, 6, "cannot delete literal"),
    ("x, y: int\n", "SyntaxError", 1, 1, 2, "only single target (not tuple) can be annotated"),
    ("f(): int\n", "SyntaxError", 1, 1, 4, "illegal target for annotation"),
    ("if x = 1: pass\n", "SyntaxError", 1, 4, 9, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"),
    ("while x = 1: pass\n", "SyntaxError", 1, 7, 12, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"),
    ("if f() = 1: pass\n", "SyntaxError", 1, 4, 7, "cannot assign to function call here. Maybe you meant '==' instead of '='?"),
    ("f(1=2)\n", "SyntaxError", 1, 3, 5, "expression cannot contain assignment, perhaps you meant \"==\"?"),
    ("f(x for x in y, 1)\n", "SyntaxError", 1, 3, 15, "Generator expression must be parenthesized"),
    ("f(a=1, b)\n", "SyntaxError", 1, 9, 10, "positional argument follows keyword argument"),
    ("f(**a, *b)\n", "SyntaxError", 1, 8, 9, "iterable argument unpacking follows keyword argument unpacking"),
    ("f(**a, b)\n", "SyntaxError", 1, 9, 10, "positional argument follows keyword argument unpacking"),
    ("def f(a=1, b): pass\n", "SyntaxError", 1, 12, 13, "non-default argument follows default argument"),
    ("def f(*): pass\n", "SyntaxError", 1, 7, 8, "named arguments must follow bare *"),
    ("def f(a, a): pass\n", "SyntaxError", 1, 10, 11, "duplicate argument 'a' in function definition"),
    ("x = 1 if 2\n", "SyntaxError", 1, 5, 11, "expected 'else' after 'if' expression"),
    ("f\"{x\"\n", "SyntaxError", 1, 6, 6, "f-string: expecting '}'"),
    ("f\"{x!z}\"\n", "SyntaxError", 1, 9, 9, "f-string: invalid conversion character: expected 's', 'r', or 'a'"),
    ("f\"{}\"\n", "SyntaxError", 1, 6, 6, "f-string: empty expression not allowed"),
    ("f\"}\"\n", "SyntaxError", 1, 5, 5, "f-string: single '}' is not allowed"),
    ("f\"{x#}\"\n", "SyntaxError", 1, 8, 8, "f-string expression part cannot include '#'"),
    ("f\"{x:{y:{z}}}\"\n", "SyntaxError", 1, 15, 15, "f-string: expressions nested too deeply"),
    ("x = 1abc\n", "SyntaxError", 1, 5, 5, "invalid decimal literal"),
    ("x = 1.5abc\n", "SyntaxError", 1, 7, 7, "invalid decimal literal"),
    ("x = 1_\n", "SyntaxError", 1, 6, 6, "invalid decimal literal"),
    ("x = 1__0\n", "SyntaxError", 1, 6, 6, "invalid decimal literal"),
    ("x = 0x\n", "SyntaxError", 1, 6, 6, "invalid hexadecimal literal"),
    ("x = 0x1g\n", "SyntaxError", 1, 7, 7, "invalid hexadecimal literal"),
    ("x = 0b12\n", "SyntaxError", 1, 8, 8, "invalid digit '2' in binary literal"),
    ("x = 0o8\n", "SyntaxError", 1, 7, 7, "invalid digit '8' in octal literal"),
    ("x = 09\n", "SyntaxError", 1, 5, 6, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"),
    ("x = 1e\n", "SyntaxError", 1, 5, 5, "invalid decimal literal"),
    ("x = 5 €\n", "SyntaxError", 1, 7, 7, "invalid character '€' (U+20AC)"),
    ("x = $\n", "SyntaxError", 1, 5, 6, "invalid syntax"),
    ("x = \\ 1\n", "SyntaxError", 1, 6, 0, "unexpected character after line continuation character"),
    ("x = 1 \\", "SyntaxError", 1, 8, -1, "unexpected EOF while parsing"),
    ("x = \"abc\\x4\"\n", "SyntaxError", 1, 13, 13, "(unicode error) 'unicodeescape' codec can't decode bytes in position 3-5: truncated \\xXX escape"),
    ("x = \"\\u12\"\n", "SyntaxError", 1, 11, 11, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-3: truncated \\uXXXX escape"),
    ("if x:\n\ta\n        b\n", "TabError", 3, 1, 0, "inconsistent use of tabs and spaces in indentation"),
    ("class A\n    pass\n", "SyntaxError", 1, 8, 8, "expected ':'"),
    ("for x in y\n    pass\n", "SyntaxError", 1, 11, 11, "expected ':'"),
    ("while x\n    pass\n", "SyntaxError", 1, 8, 8, "expected ':'"),
    ("with a as b\n    pass\n", "SyntaxError", 1, 12, 12, "expected ':'"),
    ("try\n    pass\n", "SyntaxError", 1, 4, 4, "expected ':'"),
    ("try:\n    pass\nx = 1\n", "SyntaxError", 3, 1, 2, "expected 'except' or 'finally' block"),
    ("def f()\n    pass\n", "SyntaxError", 1, 8, 8, "expected ':'"),
    ("def f:\n    pass\n", "SyntaxError", 1, 6, 7, "expected '('"),
    ("if x:\n    pass\nelse\n    pass\n", "SyntaxError", 3, 5, 5, "expected ':'"),
    ("x = (\n", "SyntaxError", 1, 5, 0, "'(' was never closed"),
    ("else:\n    pass\n", "SyntaxError", 1, 1, 5, "invalid syntax"),
    ("x = 1 +\n", "SyntaxError", 1, 8, 8, "invalid syntax"),
    ("return\n", "SyntaxError", 1, 1, 7, "'return' outside function"),
    ("import\n", "SyntaxError", 1, 7, 7, "invalid syntax"),
    ("from x import a,\n", "SyntaxError", 1, 17, 17, "trailing comma not allowed without surrounding parentheses"),
    ("def f():\n    if x:\n    y = 1\n", "IndentationError", 3, 5, 6, "expected an indented block after 'if' statement on line 2"),
    ("class C:\n    def f(self):\n    pass\n", "IndentationError", 3, 5, 9, "expected an indented block after function definition on line 2"),
    ("x = [1, 2\ny = 3\n", "SyntaxError", 1, 5, 0, "'[' was never closed"),
    ("x = {'a': 1 'b': 2}\n", "SyntaxError", 1, 11, 16, "invalid syntax. Perhaps you forgot a comma?"),
    ("print('a' 'b' c)\n", "SyntaxError", 1, 7, 16, "invalid syntax. Perhaps you forgot a comma?"),
    ("lambda x=1, y: x\n", "SyntaxError", 1, 13, 14, "non-default argument follows default argument"),
    ("x = a.1\n", "SyntaxError", 1, 6, 8, "invalid syntax"),
    ("a, b += 1\n", "SyntaxError", 1, 1, 5, "'tuple' is an illegal expression for augmented assignment"),
    ("f(x=1, x=2)\n", "SyntaxError", 1, 8, 11, "keyword argument repeated: x"),
    ("x = 'a' + f'{1 +}'\n", "SyntaxError", 1, nil, nil, "f-string: invalid syntax"),
    ("x = *a\n", "SyntaxError", 1, 5, 7, "can't use starred expression here"),
    ("*a = b\n", "SyntaxError", 1, 1, 3, "starred assignment target must be in a list or tuple"),
    ("x = 1\n  y\n", "IndentationError", 2, 2, -1, "unexpected indent"),
    ("def f(x):\n    return (x +\n            1\n", "SyntaxError", 2, 12, 0, "'(' was never closed"),
    ("x = [i for i in range(3)\n", "SyntaxError", 1, 5, 0, "'[' was never closed"),
    ("@dec\nx = 1\n", "SyntaxError", 2, 1, 2, "invalid syntax"),
    ("lambda *: 0\n", "SyntaxError", 1, 9, 10, "named arguments must follow bare *"),
    ("def f(**k, a): pass\n", "SyntaxError", 1, 12, 13, "arguments cannot follow var-keyword argument"),
    ("def f(*a, *b): pass\n", "SyntaxError", 1, 11, 12, "* argument may appear only once"),
    ("x = 1 = 2\n", "SyntaxError", 1, 5, 6, "cannot assign to literal"),
    ("if x:\n    pass\n  else:\n    pass\n", "IndentationError", 3, 8, -1, "unindent does not match any outer indentation level"),
    ("try:\n    pass\nelse:\n    pass\n", "SyntaxError", 3, 1, 5, "expected 'except' or 'finally' block"),
    ("x = 'abc' 'def\n", "SyntaxError", 1, 11, 11, "unterminated string literal (detected at line 1)"),
    ("f(a, b for b in c)\n", "SyntaxError", 1, 6, 18, "Generator expression must be parenthesized"),
    ("print(x y z)\n", "SyntaxError", 1, 7, 10, "invalid syntax. Perhaps you forgot a comma?"),
    ("x = f(a)(b c)\n", "SyntaxError", 1, 10, 13, "invalid syntax. Perhaps you forgot a comma?"),
    ("import a.b.c as\n", "SyntaxError", 1, 16, 16, "invalid syntax"),
    ("from . import (a, b\n", "SyntaxError", 1, 15, 0, "'(' was never closed"),
    ("x = 3 if 4 else\n", "SyntaxError", 1, 16, 16, "invalid syntax"),
    ("if x\n    pass\ns = 'abc\n", "SyntaxError", 3, 5, 5, "unterminated string literal (detected at line 3)"),
    ("f() = 1\ns = 'abc\n", "SyntaxError", 2, 5, 5, "unterminated string literal (detected at line 2)"),
    ("f() = 1\nx = (\n", "SyntaxError", 1, 1, 4, "cannot assign to function call here. Maybe you meant '==' instead of '='?"),
    ("x = (1,\nf() = 1\n", "SyntaxError", 1, 5, 0, "'(' was never closed"),
    ("  x = 1\ns = 'abc\n", "IndentationError", 1, 2, -1, "unexpected indent"),
    ("if x:\ny\ns = 'abc\n", "SyntaxError", 3, 5, 5, "unterminated string literal (detected at line 3)"),
    ("x = a b\ny = 1 €\n", "SyntaxError", 2, 7, 7, "invalid character '€' (U+20AC)"),
    ("x = {1: 2, 3}\n", "SyntaxError", 1, 12, 0, "':' expected after dictionary key"),
    ("x = [1, 2 3]\n", "SyntaxError", 1, 9, 12, "invalid syntax. Perhaps you forgot a comma?"),
    ("print 'hello'\n", "SyntaxError", 1, 1, 14, "Missing parentheses in call to 'print'. Did you mean print(...)?"),
    ("x = 1\nelif y:\n    pass\n", "SyntaxError", 2, 1, 5, "invalid syntax"),
    ("class A(object:\n    pass\n", "SyntaxError", 1, 15, 16, "invalid syntax"),
    ("def f(x y): pass\n", "SyntaxError", 1, 9, 10, "invalid syntax"),
    ("if x:\n    pass\nelse:\n", "IndentationError", 3, 0, -1, "expected an indented block after 'else' statement on line 3"),
    ("for x in range(3):\n    pass\n    else:\n        pass\n", "SyntaxError", 3, 5, 9, "invalid syntax"),
    ("x = (a b\n", "SyntaxError", 1, 5, 0, "'(' was never closed"),
    ("s = '''abc\n", "SyntaxError", 1, 5, 5, "unterminated triple-quoted string literal (detected at line 1)"),
    ("a.b c = 1\n", "SyntaxError", 1, 5, 6, "invalid syntax"),
    ("f(**)\n", "SyntaxError", 1, 5, 6, "invalid syntax"),
    ("x = [,]\n", "SyntaxError", 1, 6, 7, "invalid syntax"),
    ("x += \n", "SyntaxError", 1, 6, 6, "invalid syntax"),
    ("return 1 + 2\n", "SyntaxError", 1, 1, 13, "'return' outside function"),
    ("break\n", "SyntaxError", 1, 1, 6, "'break' outside loop"),
    ("while x:\n    def f():\n        break\n", "SyntaxError", 3, 9, 14, "'break' outside loop"),
    ("for x in y:\n    pass\nelse:\n    continue\n", "SyntaxError", 4, 5, 13, "'continue' not properly in loop"),
    ("nonlocal x\n", "SyntaxError", 1, 1, 11, "nonlocal declaration not allowed at module level"),
    ("class A:\n    return 1\n", "SyntaxError", 2, 5, 13, "'return' outside function"),
    ("def f():\n    class A:\n        return 1\n", "SyntaxError", 3, 9, 17, "'return' outside function"),
    ("while 1:\n    class A:\n        break\n", "SyntaxError", 3, 9, 14, "'break' outside loop"),
    ("a, *b, *c = d\n", "SyntaxError", 1, 1, 10, "multiple starred expressions in assignment"),
    ("return\nx = (\n", "SyntaxError", 2, 5, 0, "'(' was never closed"),
    ("return\nx = a b\n", "SyntaxError", 2, 7, 8, "invalid syntax"),
    ("break\ndef f(a, a): pass\n", "SyntaxError", 2, 10, 11, "duplicate argument 'a' in function definition"),
    ("for a, *b, *c in d: pass\n", "SyntaxError", 1, 5, 14, "multiple starred expressions in assignment"),
]

struct SyntaxErrorTests {
    @Test(arguments: cpythonSyntaxErrors)
    func matchesCPython(source: String, kind: String, line: Int, offset: Int?, endOffset: Int?, message: String) {
        do {
            _ = try PythonParser.parse(source: source, file: "f.py")
            Issue.record("no error for \(source.debugDescription)")
        } catch let error as SyntaxErrorInfo {
            #expect(error.kind.rawValue == kind)
            #expect(error.message == message)
            #expect(error.line == line)
            if let offset { #expect(error.column == offset) }
            if let endOffset { #expect(error.endColumn == endOffset) }
            #expect(!error.isUnsupportedConstruct)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func formatsLikeCPython() throws {
        let cases: [(String, String)] = [
            ("if x\n    pass\n", "  File \"f.py\", line 1\n    if x\n        ^\nSyntaxError: expected ':'\n"),
            ("print(a b)\n", "  File \"f.py\", line 1\n    print(a b)\n          ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"),
            ("  x = 1\n", "  File \"f.py\", line 1\n    x = 1\nIndentationError: unexpected indent\n"),
            ("def f():\n    x = 1\n  y = 2\n",
             "  File \"f.py\", line 3\n    y = 2\n         ^\nIndentationError: unindent does not match any outer indentation level\n"),
            ("x = (1,\ny = 2\n", "  File \"f.py\", line 1\n    x = (1,\n        ^\nSyntaxError: '(' was never closed\n"),
            ("if x:\n", "  File \"f.py\", line 1\n    if x:\nIndentationError: expected an indented block after 'if' statement on line 1\n"),
            ("\tf() = 1\n", "  File \"f.py\", line 1\n    f() = 1\nIndentationError: unexpected indent\n"),
            ("def f():\n\tif x ==:\n\t\tpass\n", "  File \"f.py\", line 2\n    if x ==:\n           ^\nSyntaxError: invalid syntax\n"),
        ]
        for (source, expected) in cases {
            do {
                _ = try PythonParser.parse(source: source, file: "f.py")
                Issue.record("no error for \(source.debugDescription)")
            } catch let error as SyntaxErrorInfo {
                #expect(error.formatted == expected)
            }
        }
    }
}
