import Testing
@testable import MiniPy

/// Parses one expression and returns its compact dump, or the error text.
func dumpExpression(_ source: String) -> String {
    do {
        return ASTDump.dump(try PythonParser.parseExpression(source))
    } catch let error as SyntaxErrorInfo {
        return "error: \(error.description)"
    } catch {
        return "error: \(error)"
    }
}

struct SyntaxExpressionTests {
    @Test(arguments: [
        ("-2**2", "(- (** 2 2))"),
        ("2**-1", "(** 2 (- 1))"),
        ("2**3**2", "(** 2 (** 3 2))"),
        ("-x**y**z", "(- (** x (** y z)))"),
        ("a + b * c", "(+ a (* b c))"),
        ("a - b - c", "(- (- a b) c)"),
        ("a / b // c % d @ e", "(@ (% (// (/ a b) c) d) e)"),
        ("a << 1 + 2", "(<< a (+ 1 2))"),
        ("a & b | c ^ d", "(| (& a b) (^ c d))"),
        ("a | b < c", "(cmp (| a b) < c)"),
        ("not a == b", "(not (cmp a == b))"),
        ("a and not b or c", "(or (and a (not b)) c)"),
        ("0 < x <= 1", "(cmp 0 < x <= 1)"),
        ("a not in b is not c", "(cmp a not in b is not c)"),
        ("a if b else c if d else e", "(ifexp b a (ifexp d c e))"),
        ("lambda x: x if x else y", "(lambda (x) (ifexp x x y))"),
        ("~a + -b", "(+ (~ a) (- b))"),
        ("x.y(z)[0].w", "(. ([] (call (. x y) z) 0) w)"),
        ("t[:, 0]", "([] t (tuple (slice _ _ _) 0))"),
        ("a[1:-1:2]", "([] a (slice 1 (- 1) 2))"),
        ("a[::2]", "([] a (slice _ _ 2))"),
        ("a[i,]", "([] a (tuple i))"),
        ("a[x:]", "([] a (slice x _ _))"),
        ("(1, 2), [], (), {}", "(tuple (tuple 1 2) (list) (tuple) (dict))"),
        ("(x)", "x"),
        ("{1, 2}", "(set 1 2)"),
        ("{'a': 1, **d}", "(dict ('a' 1) (** d))"),
        ("[x * 2 for x in xs if x if y for z in x]", "(listcomp (* x 2) (for x xs (if x) (if y)) (for z x))"),
        ("{k: v for k, v in d.items()}", "(dictcomp k v (for (tuple k v) (call (. d items))))"),
        ("{x for x in y}", "(setcomp x (for x y))"),
        ("sum(x for x in y)", "(call sum (genexp x (for x y)))"),
        ("a[*b]", "([] a (tuple (* b)))"),
        ("(x for x in y)", "(genexp x (for x y))"),
        ("f(a, *b, c=1, **d)", "(call f a *b c=1 **d)"),
        ("f(a,)", "(call f a)"),
        ("[*a, *b]", "(list (* a) (* b))"),
        ("1_000 + 0x1F + 0o17 + 0b101", "(+ (+ (+ 1000 31) 15) 5)"),
        ("1e-5, .5, 5., 1.5e3, 1E+2, 00", "(tuple 1e-05 0.5 5.0 1500.0 100.0 0)"),
        ("9223372036854775807", "9223372036854775807"),
        ("True, False, None, ...", "(tuple True False None ...)"),
        ("'a' \"b\" '''c'''", "'abc'"),
        ("'\\n\\t\\\\\\'\\\"\\x41\\u00e9\\101\\q'", "'\\n\\t\\\\\\'\"AéA\\\\q'"),
        ("r'\\n\\d' R\"\\\"\"", "'\\\\n\\\\d\\\\\"'"),
        ("'\\N{GREEK SMALL LETTER ALPHA}'", "'α'"),
        ("'a\\\nb'", "'ab'"),
        ("x if y else z", "(ifexp y x z)"),
        ("  1 + 1\n", "(+ 1 1)"),
        ("a, b", "(tuple a b)"),
        ("1if x else 2", "(ifexp x 1 2)"),
    ] as [(String, String)])
    func parsesExpressions(source: String, expected: String) {
        #expect(dumpExpression(source) == expected)
    }

    @Test(arguments: [
        ("f'a{x}b'", "(f 'a' {x} 'b')"),
        ("f'{x!r}'", "(f {x !r})"),
        ("f'{x:.4f}'", "(f {x :('.4f')})"),
        ("f'{x:>{width}}'", "(f {x :('>' {width})})"),
        ("f'{x:{w}.{p}f}'", "(f {x :({w} '.' {p} 'f')})"),
        ("f'{{literal}} {x}'", "(f '{literal} ' {x})"),
        ("f'{x=}'", "(f {x ='x=' !r})"),
        ("f'{ x = }'", "(f {x =' x = ' !r})"),
        ("f'{x=:.2f}'", "(f {x ='x=' :('.2f')})"),
        ("f'{x=!s}'", "(f {x ='x=' !s})"),
        ("f'{x:}'", "(f {x :()})"),
        ("'a' f'{b}' 'c'", "(f 'a' {b} 'c')"),
        ("f'{a[\"k\"]} {d[1:2]}'", "(f {([] a 'k')} ' ' {([] d (slice 1 2 _))})"),
        ("f'{a!=b}'", "(f {(cmp a != b)})"),
        ("f'{(lambda y: y)(1)}'", "(f {(call (lambda (y) y) 1)})"),
        ("f'{x,y}'", "(f {(tuple x y)})"),
        ("f'\\n{x}\\t'", "(f '\\n' {x} '\\t')"),
        ("rf'\\d{x}'", "(f '\\\\d' {x})"),
        ("f'''{\n x\n}'''", "(f {x})"),
        ("f'{3.14:{\"<\"}10}'", "(f {3.14 :({'<'} '10')})"),
        ("f'{n:,}'", "(f {n :(',')})"),
        ("f''", "(f)"),
    ] as [(String, String)])
    func parsesFormattedStrings(source: String, expected: String) {
        #expect(dumpExpression(source) == expected)
    }

    @Test func soleGeneratorArgumentSpansTheParentheses() throws {
        let call = try PythonParser.parseExpression("f(x for x in y)")
        guard case .call(_, let arguments) = call.kind, case .positional(let generator)? = arguments.first else {
            Issue.record("expected a call with one argument")
            return
        }
        #expect(generator.location == SourceLocation(line: 1, column: 1))
        #expect(generator.end == SourceLocation(line: 1, column: 15))
    }

    @Test func formattedFieldLocationsPointIntoTheSource() throws {
        let module = try PythonParser.parse(source: "s = f'ab{value}'", file: "f.py")
        guard case .assign(_, let value) = module.body[0].kind, case .formattedString(let parts) = value.kind,
              case .field(let field, _, _, _) = parts[1] else {
            Issue.record("expected an f-string field")
            return
        }
        #expect(field.location == SourceLocation(line: 1, column: 9))
    }
}
