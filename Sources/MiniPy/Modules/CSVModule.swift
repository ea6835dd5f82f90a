// The `csv` module: reader and writer objects over Support/'s CSV core.

/// `csv`: `reader`, `writer`, `DictReader`, `DictWriter`, `QUOTE_*` and `csv.Error`.
enum CSVModule {
    /// The registrations: the native `_csv` core and `csv`, its Python layer (DictReader, DictWriter).
    static var definitions: [NativeModuleDefinition] {
        [NativeModuleDefinition(name: "_csv", make: make),
         NativeModuleDefinition(name: "csv") { interp in
             try interp.runModule(source: CSVSource.text, file: "csv.py", name: "csv")
         }]
    }

    /// `csv.Error` (shown as `_csv.Error`, as CPython's tracebacks show it).
    nonisolated(unsafe) static let errorType = PyType(name: "Error", base: BuiltinTypes.exception, module: "_csv")

    /// The type of `csv.reader(...)` objects.
    nonisolated(unsafe) static let readerType: PyType = {
        let t = PyType(name: "reader", base: BuiltinTypes.iterator, module: "_csv", instancesHaveDict: false)
        t.defineProperty("line_num") { _, object in
            guard case .object(let o) = object, let reader = o as? CSVReaderObject else { return .none }
            return .int(reader.parser.lineNumber)
        }
        return t
    }()

    /// The type of `csv.writer(...)` objects.
    nonisolated(unsafe) static let writerType: PyType = {
        let t = PyType(name: "writer", base: BuiltinTypes.object, module: "_csv", instancesHaveDict: false)
        t.define("writerow") { interp, args, kwargs in
            try expectPositional("writerow", Array(args.dropFirst()), kwargs, min: 1, max: 1)
            return try writer(args[0]).writeRow(interp, args[1])
        }
        t.define("writerows") { interp, args, kwargs in
            try expectPositional("writerows", Array(args.dropFirst()), kwargs, min: 1, max: 1)
            let w = try writer(args[0])
            try interp.forEach(args[1]) { row in
                _ = try w.writeRow(interp, row)
                return true
            }
            return .none
        }
        return t
    }()

    private static func writer(_ v: Value) throws -> CSVWriterObject {
        guard case .object(let o) = v, let w = o as? CSVWriterObject else {
            throw PyErr.typeError("descriptor requires a '_csv.writer' object but received a '\(v.typeName)'")
        }
        return w
    }

    static func make(_ interp: Interpreter) throws -> PyModule {
        let m = PyModule(name: "_csv")
        m["Error"] = .object(errorType)
        for (name, value) in [("QUOTE_MINIMAL", 0), ("QUOTE_ALL", 1), ("QUOTE_NONNUMERIC", 2), ("QUOTE_NONE", 3)] {
            m[name] = .int(value)
        }
        m.define("reader") { interp, args, kwargs in
            guard let source = args.first else { throw PyErr.typeError("expected at least 1 argument, got 0") }
            let dialect = try makeDialect(interp, args.count > 1 ? args[1] : nil, kwargs)
            return .object(CSVReaderObject(lines: try interp.iterate(source), dialect: dialect))
        }
        m.define("writer") { interp, args, kwargs in
            guard let target = args.first else { throw PyErr.typeError("expected at least 1 argument, got 0") }
            let dialect = try makeDialect(interp, args.count > 1 ? args[1] : nil, kwargs)
            return .object(CSVWriterObject(target: target, dialect: dialect))
        }
        return m
    }

    /// A dialect from a name (`excel`, `excel-tab`, `unix`) and keyword overrides.
    static func makeDialect(_ interp: Interpreter, _ named: Value?, _ kwargs: KeywordArguments) throws -> CSVDialect {
        var dialect = CSVDialect()
        var name = "excel"
        if let named, case .str(let s) = named { name = s }
        if let v = interp.keyword(kwargs, "dialect"), case .str(let s) = v { name = s }
        switch name {
        case "excel": break
        case "excel-tab": dialect.delimiter = "\t"
        case "unix":
            dialect.lineTerminator = "\n"
            dialect.quoting = .all
        default: throw PyExceptionObject(errorType, "unknown dialect")
        }
        for (key, v) in kwargs {
            switch key {
            case "dialect": break
            case "delimiter": dialect.delimiter = try character(interp, v, key) ?? dialect.delimiter
            case "quotechar": dialect.quoteChar = try character(interp, v, key)
            case "escapechar": dialect.escapeChar = try character(interp, v, key)
            case "lineterminator":
                guard case .str(let s) = v else {
                    throw PyErr.typeError("\"lineterminator\" must be a string, not \(v.typeName)")
                }
                dialect.lineTerminator = s
            case "doublequote": dialect.doubleQuote = try interp.isTruthy(v)
            case "skipinitialspace": dialect.skipInitialSpace = try interp.isTruthy(v)
            case "strict": dialect.strict = try interp.isTruthy(v)
            case "quoting":
                guard let q = CSVDialect.Quoting(rawValue: try interp.indexArgument(v)) else {
                    throw PyErr.typeError("bad \"quoting\" value")
                }
                dialect.quoting = q
            default:
                throw PyErr.typeError("'\(key)' is an invalid keyword argument for this function")
            }
        }
        return dialect
    }

    private static func character(_ interp: Interpreter, _ v: Value, _ name: String) throws -> Unicode.Scalar? {
        if v.isNone { return nil }
        guard case .str(let s) = v, s.unicodeScalars.count == 1, let c = s.unicodeScalars.first else {
            throw PyErr.typeError("\"\(name)\" must be a 1-character string")
        }
        return c
    }
}

/// A `csv.reader` object: each iteration parses one record from the line source.
final class CSVReaderObject: PyIterator {
    private let lines: PyIterator
    var parser: CSVRecordParser

    init(lines: PyIterator, dialect: CSVDialect) {
        self.lines = lines
        self.parser = CSVRecordParser(dialect: dialect)
        super.init(type: CSVModule.readerType)
    }

    override func next(_ interp: Interpreter) throws -> Value? {
        let record = try withPythonErrors(interp) {
            try parser.nextRecord {
                guard let line = try lines.next(interp) else { return nil }
                guard case .str(let s) = line else {
                    throw NamedPythonError("_csv.Error", "iterator should return strings, not \(line.typeName) "
                                           + "(the file should be opened in text mode)")
                }
                return s
            }
        }
        return record.map { .list($0.map { .str($0) }) }
    }
}

/// A `csv.writer` object: formats rows and writes them with the target's `write`.
final class CSVWriterObject: PyObject {
    private let target: Value
    private let dialect: CSVDialect

    init(target: Value, dialect: CSVDialect) {
        self.target = target
        self.dialect = dialect
        super.init(type: CSVModule.writerType)
    }

    /// `writerow(row)`: returns what the target's `write` returned.
    func writeRow(_ interp: Interpreter, _ row: Value) throws -> Value {
        if case .str = row {} else if case .object = row {} else {
            throw PyExceptionObject(CSVModule.errorType, "iterable expected, not \(row.typeName)")
        }
        var fields: [CSVField] = []
        try interp.forEach(row) { item in
            switch item {
            case .none: fields.append(.none)
            case .int, .float, .bool: fields.append(.number(try interp.str(item)))
            case .str(let s): fields.append(.text(s))
            case .object: fields.append(.text(try interp.str(item)))
            }
            return true
        }
        let line = try withPythonErrors(interp) { try csvFormatRow(fields, dialect: dialect) }
        return try interp.callMethod(target, "write", [.str(line)])
    }
}
