import Testing
@testable import MiniPy

/// A source exercising most of the grammar, and the dump of the tree CPython 3.11's `ast`
/// module builds for it (rendered in `ASTDump`'s notation).
let paritySource = #"""
    x = -2 ** -1 ** 2
    y = not -x < +y == ~z
    z = a if b else c if d else e
    w = lambda: (yield_ for yield_ in range(3))
    v = [[i * j for j in range(i) if j % 2 if j > 0] for i in range(5)]
    u = {k: [v for v in vs] for k, vs in d.items()}
    t = a[1:2, ::3, ...]
    s = a[b][c](d)(e=1)[f:]
    r = (1)
    q = (1,)
    p = 1,
    o = [*a, *b, c]
    n = {**a, 'b': 2, **c}
    m = f(*a, *b, **c, **d)
    l = f(a)(*b)
    k = x if y else lambda q: q
    j = a < b < c != d is not e not in f in g
    i = (a and b) or (c and not d)
    h = a | b & c ^ d << e >> f
    g = 'a' 'b' f'{c}' "d" f"{e!r:>{w}.{p}}" rf'\d{x}'
    f = f'{x:{"<" if y else ">"}10}'
    e = f"{'nested'}" f'{"q"}' f'''{x!a}''' f"{x!s:^10}"
    d = 0x_ff + 0o_7 + 0b_1 + 1_0.0_1e1_0
    c = 1. + .1 + 1e5 + 1E-5 + 0.0 + 00.5 + 0e0
    b = 'é\N{BULLET}\u2022\U0001F600\x7f\0\07\177'
    a = '''multi
    line''' """another
    one"""
    class K(Base, x=1):
        """Doc."""
        a: int = 1
        b: list[int]
        @staticmethod
        def s(*, k=1, **kw): ...
        @classmethod
        def c(cls, /, a, b=2, *args: int, d, e=5, **kw) -> 'K': pass
        def __init__(self, x): self.x = x; return None
    def gen(a, b=[], c={}, *d, e, **f):
        global G
        def inner():
            nonlocal a
            a += 1
            del a.b[0], c
        try:
            pass
        except Exception:
            raise
        except (A, B) as err:
            raise C from err
        else:
            pass
        finally:
            assert a, "msg"
        with a, b as c, d as (e, f):
            pass
        for i, (j, k) in enumerate(zip(a, b)):
            if i: continue
            elif j: break
            else: pass
        else:
            pass
        while True:
            break
        else:
            pass
        return a, *b
    import a, b.c, d.e.f as g
    from . import x
    from .. import y as z
    from ...pkg.mod import (a as b, c,)
    from .mod import d
    if __name__ == "__main__":
        main()
    x[a, b] = y[c:d] = z.w = 1
    a, b = b, a
    [a, b] = c
    (a, b), c = d
    a, *b, c = d
    x += 1; y -= 2; z *= 3; w /= 4; v //= 5; u %= 6; t **= 7; s @= 8; r &= 9; q |= 10; p ^= 11; o <<= 12; n >>= 13
    print(*args, sep='', end="\n", file=sys.stderr, flush=True)
    sum(x for x in y)
    max((x for x in y), key=len)
    f(a for a in b)
    x = [i for i in range(10)][::-1]
    x = y.z.w(1)[2].v
    x = -1
    x = --1
    x = +-~1
    x = not not x
    x = a @ b @ c
    x = a // b % c * d / e
    x = a is not None and b is None
    x = lambda *a, **k: (a, k)
    x = lambda a, /, b: 0
    x = lambda *, a=1: a
    x = t[:, 0]
    x = t[..., None]
    x = t[idx]
    x = {}
    x = set()
    x = {1}
    x = {1: 2}
    x = ()
    x = []
    x = 'a' in 'abc' not in 'd'
    x = 3 > 2 > 1
    """#

let parityExpected = #"""
    (= x (- (** 2 (- (** 1 2)))))
    (= y (not (cmp (- x) < (+ y) == (~ z))))
    (= z (ifexp b a (ifexp d c e)))
    (= w (lambda () (genexp yield_ (for yield_ (call range 3)))))
    (= v (listcomp (listcomp (* i j) (for j (call range i) (if (% j 2)) (if (cmp j > 0)))) (for i (call range 5))))
    (= u (dictcomp k (listcomp v (for v vs)) (for (tuple k vs) (call (. d items)))))
    (= t ([] a (tuple (slice 1 2 _) (slice _ _ 3) ...)))
    (= s ([] (call (call ([] ([] a b) c) d) e=1) (slice f _ _)))
    (= r 1)
    (= q (tuple 1))
    (= p (tuple 1))
    (= o (list (* a) (* b) c))
    (= n (dict (** a) ('b' 2) (** c)))
    (= m (call f *a *b **c **d))
    (= l (call (call f a) *b))
    (= k (ifexp y x (lambda (q) q)))
    (= j (cmp a < b < c != d is not e not in f in g))
    (= i (or (and a b) (and c (not d))))
    (= h (| a (^ (& b c) (>> (<< d e) f))))
    (= g (f 'ab' {c} 'd' {e !r :('>' {w} '.' {p})} '\\d' {x}))
    (= f (f {x :({(ifexp y '<' '>')} '10')}))
    (= e (f {'nested'} {'q'} {x !a} {x !s :('^10')}))
    (= d (+ (+ (+ 255 7) 1) 100100000000.0))
    (= c (+ (+ (+ (+ (+ (+ 1.0 0.1) 100000.0) 1e-05) 0.0) 0.5) 0.0))
    (= b 'é••😀\x7f\x00\x07\x7f')
    (= a 'multi\nlineanother\none')
    class K(Base, x=1) doc='Doc.'
      'Doc.'
      (: a int 1)
      (: b ([] list int))
      @staticmethod
      def s(*, k=1, **kw)
        ...
      @classmethod
      def c(cls, /, a, b=2, *args:int, d, e=5, **kw)
        pass
      def __init__(self, x)
        (= (. self x) x)
        return None
    def gen(a, b=(list), c=(dict), *d, e, **f)
      global G
      def inner()
        nonlocal a
        (+= a 1)
        del ([] (. a b) 0), c
      try
        pass
      except Exception
        raise
      except (tuple A B) as err
        raise C from err
      else
        pass
      finally
        assert a, 'msg'
      with a, b as c, d as (tuple e f)
        pass
      for (tuple i (tuple j k)) in (call enumerate (call zip a b))
        if i
          continue
        else
          if j
            break
          else
            pass
      else
        pass
      while True
        break
      else
        pass
      return (tuple a (* b))
    import a, b.c, d.e.f as g
    from . import x
    from .. import y as z
    from ...pkg.mod import a as b, c
    from .mod import d
    if (cmp __name__ == '__main__')
      (call main)
    (= ([] x (tuple a b)) ([] y (slice c d _)) (. z w) 1)
    (= (tuple a b) (tuple b a))
    (= (list a b) c)
    (= (tuple (tuple a b) c) d)
    (= (tuple a (* b) c) d)
    (+= x 1)
    (-= y 2)
    (*= z 3)
    (/= w 4)
    (//= v 5)
    (%= u 6)
    (**= t 7)
    (@= s 8)
    (&= r 9)
    (|= q 10)
    (^= p 11)
    (<<= o 12)
    (>>= n 13)
    (call print *args sep='' end='\n' file=(. sys stderr) flush=True)
    (call sum (genexp x (for x y)))
    (call max (genexp x (for x y)) key=len)
    (call f (genexp a (for a b)))
    (= x ([] (listcomp i (for i (call range 10))) (slice _ _ (- 1))))
    (= x (. ([] (call (. (. y z) w) 1) 2) v))
    (= x (- 1))
    (= x (- (- 1)))
    (= x (+ (- (~ 1))))
    (= x (not (not x)))
    (= x (@ (@ a b) c))
    (= x (/ (* (% (// a b) c) d) e))
    (= x (and (cmp a is not None) (cmp b is None)))
    (= x (lambda (*a, **k) (tuple a k)))
    (= x (lambda (a, /, b) 0))
    (= x (lambda (*, a=1) a))
    (= x ([] t (tuple (slice _ _ _) 0)))
    (= x ([] t (tuple ... None)))
    (= x ([] t idx))
    (= x (dict))
    (= x (call set))
    (= x (set 1))
    (= x (dict (1 2)))
    (= x (tuple))
    (= x (list))
    (= x (cmp 'a' in 'abc' not in 'd'))
    (= x (cmp 3 > 2 > 1))
    """#

struct SyntaxCPythonParityTests {
    @Test func treeMatchesCPython() throws {
        let module = try PythonParser.parse(source: paritySource, file: "parity.py")
        let actual = ASTDump.dump(module).split(separator: "\n", omittingEmptySubsequences: false)
        let expected = parityExpected.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(actual.count == expected.count)
        for (line, (got, want)) in zip(actual, expected).enumerated() where got != want {
            Issue.record("line \(line + 1): got \(got), want \(want)")
        }
    }
}
