import Testing
@testable import MiniPy

/// Parses `source` and returns the compact dump, or the error text.
func dumpSource(_ source: String) -> String {
    do {
        return ASTDump.dump(try PythonParser.parse(source: source, file: "f.py"))
    } catch let error as SyntaxErrorInfo {
        return "error: \(error.description)"
    } catch {
        return "error: \(error)"
    }
}

struct SyntaxStatementTests {
    @Test(arguments: [
        ("x = 1", "(= x 1)"),
        ("a = b = f(x)", "(= a b (call f x))"),
        ("a, *b = c", "(= (tuple a (* b)) c)"),
        ("x += 1\ny //= 2\nz @= w\nq **= 2", "(+= x 1)\n(//= y 2)\n(@= z w)\n(**= q 2)"),
        ("x: int = 3\ny: list[int]", "(: x int 3)\n(: y ([] list int))"),
        ("self.w = t[0]", "(= (. self w) ([] t 0))"),
        ("a = 1; b = 2;", "(= a 1)\n(= b 2)"),
        ("def f():\n    if x: return y", "def f()\n  if x\n    return y"),
        ("if a:\n    pass\nelif b:\n    pass\nelse:\n    x = 1", "if a\n  pass\nelse\n  if b\n    pass\n  else\n    (= x 1)"),
        ("for i, (x, y) in enumerate(z):\n    continue\nelse:\n    pass",
         "for (tuple i (tuple x y)) in (call enumerate z)\n  continue\nelse\n  pass"),
        ("while 1:\n    if x: break\n    for y in z:\n        continue\n    break", "while 1\n  if x\n    break\n  for y in z\n    continue\n  break"),
        ("while not done:\n    pass", "while (not done)\n  pass"),
        ("with open(p) as f, lock:\n    pass", "with (call open p) as f, lock\n  pass"),
        ("with (open(a) as f, open(b) as g):\n    pass", "with (call open a) as f, (call open b) as g\n  pass"),
        ("with (a, b):\n    pass", "with a, b\n  pass"),
        ("try:\n    pass\nexcept ValueError as e:\n    raise\nexcept (A, B):\n    pass\nexcept:\n    pass\nelse:\n    pass\nfinally:\n    pass",
         "try\n  pass\nexcept ValueError as e\n  raise\nexcept (tuple A B)\n  pass\nexcept\n  pass\nelse\n  pass\nfinally\n  pass"),
        ("raise ValueError('x') from err", "raise (call ValueError 'x') from err"),
        ("assert x > 0, 'bad'", "assert (cmp x > 0), 'bad'"),
        ("del a[0], b.c", "del ([] a 0), (. b c)"),
        ("import torch.nn as nn, os", "import torch.nn as nn, os"),
        ("from . import a\nfrom ..x.y import b as c, d\nfrom m import (e,\n f,)", "from . import a\nfrom ..x.y import b as c, d\nfrom m import e, f"),
        ("global a\ndef f():\n    c = 1\n    def g():\n        global a, b\n        nonlocal c",
         "global a\ndef f()\n  (= c 1)\n  def g()\n    global a, b\n    nonlocal c"),
        ("if __name__ == \"__main__\":\n    main()", "if (cmp __name__ == '__main__')\n  (call main)"),
        ("def f(a, b=1, *args, c, d=2, **kw) -> int:\n    return a", "def f(a, b=1, *args, c, d=2, **kw)\n  return a"),
        ("def f(a, /, b, *, c):\n    pass", "def f(a, /, b, *, c)\n  pass"),
        ("def f(x: int = 0, *a: str, **k: dict):\n    pass", "def f(x:int=0, *a:str, **k:dict)\n  pass"),
        ("@torch.no_grad()\n@property\ndef f(self):\n    \"\"\"Doc.\"\"\"\n    return 1",
         "@(call (. torch no_grad))\n@property\ndef f(self) doc='Doc.'\n  'Doc.'\n  return 1"),
        ("class A(nn.Module):\n    'doc'\n    x = 1\n    def __init__(self):\n        super().__init__()",
         "class A((. nn Module)) doc='doc'\n  'doc'\n  (= x 1)\n  def __init__(self)\n    (call (. (call super) __init__))"),
        ("class A(B, flag=True): pass", "class A(B, flag=True)\n  pass"),
        ("x = (1,\n     2)\ny = [\n  3,\n]", "(= x (tuple 1 2))\n(= y (list 3))"),
        ("x = 1 + \\\n    2", "(= x (+ 1 2))"),
        ("if x:\n\n    # comment\n    y = 1\n\n  # odd comment\nz = 2", "if x\n  (= y 1)\n(= z 2)"),
        ("if a:\n    if b:\n        c\nd", "if a\n  if b\n    c\nd"),
        ("print(*args, sep='', **kw)", "(call print *args sep='' **kw)"),
        ("x = yield_ + match + case", "(= x (+ (+ yield_ match) case))"),
        ("match = 1\nmatch.x = 2", "(= match 1)\n(= (. match x) 2)"),
        ("lambda: 0", "(lambda () 0)"),
        ("f = lambda x, y=2, *a, k, **kw: x", "(= f (lambda (x, y=2, *a, k, **kw) x))"),
        ("pass\n", "pass"),
        ("", ""),
    ] as [(String, String)])
    func parsesStatements(source: String, expected: String) {
        #expect(dumpSource(source) == expected)
    }

    @Test func docstringsAndLocations() throws {
        let module = try PythonParser.parse(source: "x = 1\n\n@dec\ndef f():\n    'hi'\n    return  x\n", file: "f.py")
        #expect(module.body.count == 2)
        #expect(module.body[1].location == SourceLocation(line: 4, column: 0))
        guard case .functionDef(let definition) = module.body[1].kind else {
            Issue.record("expected a function")
            return
        }
        #expect(definition.docstring == "hi")
        #expect(definition.body.count == 2)
        guard case .return(let value?) = definition.body[1].kind else {
            Issue.record("expected return")
            return
        }
        #expect(value.location == SourceLocation(line: 6, column: 12))
        #expect(value.end == SourceLocation(line: 6, column: 13))
    }

    @Test func utf8ColumnsAreBytes() throws {
        let module = try PythonParser.parse(source: "s = 'é'; t = 1", file: "f.py")
        #expect(module.body[1].location == SourceLocation(line: 1, column: 10))
    }
}
