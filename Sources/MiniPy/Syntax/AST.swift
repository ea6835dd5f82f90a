// The abstract syntax tree that the parser produces and the interpreter compiles.
//
// Shaped after CPython's `ast` module (Lib/ast.py, Parser/Python.asdl), reduced to the
// subset in the spec. Every node carries the line and column where it starts, so that
// tracebacks, trace events and the debugger can point at the lesson line.

/// A position in a source file: 1-based line, 0-based column (as CPython's `ast`).
public struct SourceLocation: Sendable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A parsed source file.
public struct ModuleAST: Sendable {
    /// The file name as tracebacks print it (`lesson.py`, `torch/nn/modules/linear.py`).
    public var file: String
    public var body: [Stmt]

    public init(file: String, body: [Stmt]) {
        self.file = file
        self.body = body
    }
}

// MARK: - Statements

/// A statement with the position where it starts.
public struct Stmt: Sendable {
    public var kind: StmtKind
    public var location: SourceLocation

    public init(_ kind: StmtKind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

/// The statements of the subset.
public indirect enum StmtKind: Sendable {
    case expression(Expr)
    /// `a = b = value`: one or more targets, assigned left to right.
    case assign(targets: [Expr], value: Expr)
    /// `target op= value`; `op` is the binary operator (`.add` for `+=`).
    case augmentedAssign(target: Expr, op: BinaryOperator, value: Expr)
    /// `target: annotation = value`; the annotation is parsed and not evaluated.
    case annotatedAssign(target: Expr, annotation: Expr, value: Expr?)
    case functionDef(FunctionDef)
    case classDef(ClassDef)
    case `return`(Expr?)
    case delete([Expr])
    case `if`(test: Expr, body: [Stmt], orElse: [Stmt])
    case `for`(target: Expr, iterable: Expr, body: [Stmt], orElse: [Stmt])
    case `while`(test: Expr, body: [Stmt], orElse: [Stmt])
    case with(items: [WithItem], body: [Stmt])
    case `try`(body: [Stmt], handlers: [ExceptHandler], orElse: [Stmt], finally: [Stmt])
    /// `raise`, `raise exc`, `raise exc from cause`.
    case raise(exception: Expr?, cause: Expr?)
    case assert(test: Expr, message: Expr?)
    /// `import a.b as c, d`.
    case `import`([ImportAlias])
    /// `from a.b import c as d`; `level` counts leading dots of a relative import.
    case importFrom(module: String, names: [ImportAlias], level: Int)
    case global([String])
    case nonlocal([String])
    case pass
    case `break`
    case `continue`
}

/// `def name(parameters): body`, with its decorators.
public struct FunctionDef: Sendable {
    public var name: String
    public var parameters: Parameters
    public var body: [Stmt]
    public var decorators: [Expr]
    /// The first statement's string literal, when the body opens with one.
    public var docstring: String?

    public init(name: String, parameters: Parameters, body: [Stmt], decorators: [Expr], docstring: String?) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.decorators = decorators
        self.docstring = docstring
    }
}

/// `class Name(Base, keyword=value): body`, with its decorators.
public struct ClassDef: Sendable {
    public var name: String
    public var bases: [Expr]
    public var keywords: [Keyword]
    public var body: [Stmt]
    public var decorators: [Expr]
    public var docstring: String?

    public init(name: String, bases: [Expr], keywords: [Keyword], body: [Stmt], decorators: [Expr], docstring: String?) {
        self.name = name
        self.bases = bases
        self.keywords = keywords
        self.body = body
        self.decorators = decorators
        self.docstring = docstring
    }
}

/// A function's parameter list, as CPython's `ast.arguments`.
public struct Parameters: Sendable {
    /// Positional-only parameters (before `/`).
    public var positionalOnly: [Parameter]
    /// Ordinary positional-or-keyword parameters.
    public var positional: [Parameter]
    /// `*args`, when present.
    public var varArgs: Parameter?
    /// Keyword-only parameters (after `*` or `*args`); each may have a default.
    public var keywordOnly: [Parameter]
    /// `**kwargs`, when present.
    public var varKeywords: Parameter?

    public init(positionalOnly: [Parameter] = [], positional: [Parameter] = [], varArgs: Parameter? = nil,
                keywordOnly: [Parameter] = [], varKeywords: Parameter? = nil) {
        self.positionalOnly = positionalOnly
        self.positional = positional
        self.varArgs = varArgs
        self.keywordOnly = keywordOnly
        self.varKeywords = varKeywords
    }
}

/// One parameter: its name, optional annotation (not evaluated) and default.
public struct Parameter: Sendable {
    public var name: String
    public var annotation: Expr?
    public var defaultValue: Expr?
    public var location: SourceLocation

    public init(name: String, annotation: Expr? = nil, defaultValue: Expr? = nil, location: SourceLocation) {
        self.name = name
        self.annotation = annotation
        self.defaultValue = defaultValue
        self.location = location
    }
}

/// `expr as target` in a `with` statement.
public struct WithItem: Sendable {
    public var context: Expr
    public var target: Expr?

    public init(context: Expr, target: Expr?) {
        self.context = context
        self.target = target
    }
}

/// `except Type as name: body`; `type` is nil for a bare `except:`.
public struct ExceptHandler: Sendable {
    public var type: Expr?
    public var name: String?
    public var body: [Stmt]
    public var location: SourceLocation

    public init(type: Expr?, name: String?, body: [Stmt], location: SourceLocation) {
        self.type = type
        self.name = name
        self.body = body
        self.location = location
    }
}

/// `name as alias` in an import; `name` may be dotted (`torch.nn`).
public struct ImportAlias: Sendable {
    public var name: String
    public var alias: String?

    public init(name: String, alias: String?) {
        self.name = name
        self.alias = alias
    }
}

// MARK: - Expressions

/// An expression with the position where it starts.
public struct Expr: Sendable {
    public var kind: ExprKind
    public var location: SourceLocation
    /// Where the expression ends (exclusive column), when the parser recorded it; CPython 3.11
    /// uses the span for SyntaxError carets and traceback position markers.
    public var end: SourceLocation?

    public init(_ kind: ExprKind, at location: SourceLocation, end: SourceLocation? = nil) {
        self.kind = kind
        self.location = location
        self.end = end
    }
}

/// The expressions of the subset.
public indirect enum ExprKind: Sendable {
    case name(String)
    case constant(Constant)
    /// An f-string: literal text and formatted fields in order.
    case formattedString([FStringPart])
    case list([Expr])
    case tuple([Expr])
    case set([Expr])
    /// `{k: v, **other}`: a nil key marks a `**` unpacking of `value`.
    case dict([DictEntry])
    /// `*expr` inside a call, a display or an assignment target.
    case starred(Expr)
    case unary(UnaryOperator, Expr)
    case binary(Expr, BinaryOperator, Expr)
    /// `a and b and c` / `a or b`: operands in order, short-circuiting.
    case boolean(BooleanOperator, [Expr])
    /// `a < b <= c`: the left operand and each (operator, operand) link of the chain.
    case compare(Expr, [Comparison])
    /// `body if test else orElse`.
    case conditional(test: Expr, body: Expr, orElse: Expr)
    case lambda(Parameters, body: Expr)
    case call(Expr, arguments: [Argument])
    case attribute(Expr, String)
    case `subscript`(Expr, index: Expr)
    /// `lower:upper:step` inside a subscript; a missing part is nil.
    case slice(lower: Expr?, upper: Expr?, step: Expr?)
    case listComprehension(element: Expr, generators: [Comprehension])
    case setComprehension(element: Expr, generators: [Comprehension])
    case dictComprehension(key: Expr, value: Expr, generators: [Comprehension])
    case generator(element: Expr, generators: [Comprehension])
}

/// A literal value.
public enum Constant: Sendable, Equatable {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case ellipsis
}

/// A piece of an f-string.
public indirect enum FStringPart: Sendable {
    case literal(String)
    /// `{value!conversion:spec}`; `debugText` is the source text and `=` of `{x=}`, printed
    /// before the value.
    case field(value: Expr, conversion: Character?, spec: [FStringPart]?, debugText: String?)
}

/// `key: value` in a dict display; a nil key is `**value`.
public struct DictEntry: Sendable {
    public var key: Expr?
    public var value: Expr

    public init(key: Expr?, value: Expr) {
        self.key = key
        self.value = value
    }
}

/// One link of a comparison chain.
public struct Comparison: Sendable {
    public var op: ComparisonOperator
    public var right: Expr

    public init(op: ComparisonOperator, right: Expr) {
        self.op = op
        self.right = right
    }
}

/// One argument of a call.
public enum Argument: Sendable {
    case positional(Expr)
    /// `*iterable`
    case unpacked(Expr)
    case keyword(String, Expr)
    /// `**mapping`
    case unpackedKeywords(Expr)
}

/// `name=value` in a class statement's bases.
public struct Keyword: Sendable {
    public var name: String
    public var value: Expr

    public init(name: String, value: Expr) {
        self.name = name
        self.value = value
    }
}

/// `for target in iterable if condition...` inside a comprehension.
public struct Comprehension: Sendable {
    public var target: Expr
    public var iterable: Expr
    public var conditions: [Expr]

    public init(target: Expr, iterable: Expr, conditions: [Expr]) {
        self.target = target
        self.iterable = iterable
        self.conditions = conditions
    }
}

/// Unary operators: `-x`, `+x`, `not x`, `~x`.
public enum UnaryOperator: String, Sendable {
    case negative = "-", positive = "+", not = "not", invert = "~"
}

/// Binary operators, spelled as in source.
public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//"
    case modulo = "%", power = "**", matrixMultiply = "@"
    case bitAnd = "&", bitOr = "|", bitXor = "^", leftShift = "<<", rightShift = ">>"
}

/// `and` / `or`.
public enum BooleanOperator: String, Sendable {
    case and, or
}

/// Comparison operators, spelled as in source.
public enum ComparisonOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case `in` = "in", notIn = "not in", `is` = "is", isNot = "is not"
}
