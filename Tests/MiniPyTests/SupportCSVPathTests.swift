import Testing
@testable import MiniPy

/// Splits text into lines as a file opened with `newline=''` yields them (ends kept).
func universalLines(_ text: String) -> [String] {
    var lines: [String] = []
    var current = String.UnicodeScalarView()
    let scalars = Array(text.unicodeScalars)
    var i = 0
    while i < scalars.count {
        current.append(scalars[i])
        if scalars[i] == "\n" || scalars[i] == "\r" {
            if scalars[i] == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" {
                current.append("\n")
                i += 1
            }
            lines.append(String(current))
            current = String.UnicodeScalarView()
        }
        i += 1
    }
    if !current.isEmpty { lines.append(String(current)) }
    return lines
}

@Test func csvReaderMatchesCPython() {
    for (text, skipSpace, expected) in csvReadCases {
        var dialect = CSVDialect()
        dialect.skipInitialSpace = skipSpace
        var parser = CSVRecordParser(dialect: dialect)
        var lines = universalLines(text)[...]
        let result = outcome {
            var rows: [String] = []
            while let row = try parser.nextRecord({ lines.popFirst() }) {
                rows.append("[" + row.map(pythonStringRepr).joined(separator: ", ") + "]")
            }
            return "[" + rows.joined(separator: ", ") + "]"
        }
        #expect(result == expected, "\(pythonStringRepr(text))")
    }
}

@Test func csvWriterMatchesCPython() {
    for (rows, quoting, expected) in csvWriteCases {
        var dialect = CSVDialect()
        dialect.quoting = CSVDialect.Quoting(rawValue: quoting) ?? .minimal
        let result = outcome { try rows.map { try csvFormatRow($0, dialect: dialect) }.joined() }
        #expect(result == expected, "quoting \(quoting): \(rows)")
    }
}

@Test func posixPathMatchesCPython() {
    for (path, head, tail, root, ext, normal) in pathCases {
        #expect(PosixPath.split(path) == (head, tail), "split(\(path))")
        #expect(PosixPath.basename(path) == tail)
        #expect(PosixPath.dirname(path) == head)
        #expect(PosixPath.splitext(path) == (root, ext), "splitext(\(path))")
        #expect(PosixPath.normpath(path) == normal, "normpath(\(path))")
    }
    for (parts, expected) in joinCases {
        #expect(PosixPath.join(parts[0], Array(parts.dropFirst())) == expected, "join(\(parts))")
    }
    #expect(PosixPath.abspath("data/../x.csv", cwd: "/home/u") == "/home/u/x.csv")
}
