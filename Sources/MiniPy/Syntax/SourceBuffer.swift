// The source as UTF-8 bytes with a line index, shared by the scanner and parser so that
// errors can quote their line and convert byte columns to character offsets.

/// Source bytes plus the byte offset where each line starts.
struct SourceBuffer: Sendable {
    let file: String
    let bytes: [UInt8]
    /// `lineStarts[i]` is the byte offset of line `i + 1`.
    let lineStarts: [Int]

    /// Reads `source`, translating `\r\n` and lone `\r` to `\n` as CPython's universal newlines do.
    init(source: String, file: String) {
        self.file = file
        var bytes = Array(source.utf8)
        // A UTF-8 byte order mark is not part of the program.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
        }
        if bytes.contains(UInt8(ascii: "\r")) {
            bytes = SourceBuffer.normalizingLineBreaks(bytes)
        }
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            for index in 0..<buffer.count where buffer[index] == UInt8(ascii: "\n") {
                starts.append(index + 1)
            }
        }
        self.bytes = bytes
        self.lineStarts = starts
    }

    static func normalizingLineBreaks(_ input: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var previousWasCR = false
        for byte in input {
            if byte == UInt8(ascii: "\r") {
                bytes.append(UInt8(ascii: "\n"))
                previousWasCR = true
                continue
            }
            if !(byte == UInt8(ascii: "\n") && previousWasCR) {
                bytes.append(byte)
            }
            previousWasCR = false
        }
        return bytes
    }

    /// The byte range of `line` without its line break; empty past the end.
    func lineRange(_ line: Int) -> Range<Int> {
        guard line >= 1, line <= lineStarts.count else { return bytes.count..<bytes.count }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end < start { end = start }
        return start..<end
    }

    /// The text of `line` without its line break.
    func text(ofLine line: Int) -> String {
        String(decoding: bytes[lineRange(line)], as: UTF8.self)
    }

    /// The number of characters before byte column `column` of `line`.
    func characterColumn(line: Int, byteColumn column: Int) -> Int {
        let range = lineRange(line)
        let stop = min(range.lowerBound + max(column, 0), range.upperBound)
        var count = 0
        var index = range.lowerBound
        while index < stop {
            // Count every byte that is not a UTF-8 continuation byte.
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        // Columns past the line end (the position of the line break) keep counting bytes.
        if column > range.count { count += column - range.count }
        return count
    }

    /// An error whose caret spans byte columns `column..<endColumn` (0-based), reported with
    /// CPython's 1-based character offsets.
    func error(_ message: String, kind: SyntaxErrorInfo.Kind = .syntaxError, line: Int, column: Int,
               endLine: Int? = nil, endColumn: Int? = nil, unsupported: Bool = false) -> SyntaxErrorInfo {
        let lastLine = endLine ?? line
        let offset = characterColumn(line: line, byteColumn: column) + 1
        let endOffset = endColumn.map { characterColumn(line: lastLine, byteColumn: $0) + 1 } ?? offset
        return SyntaxErrorInfo(kind: kind, message: message, file: file, line: line, column: offset,
                               endLine: lastLine, endColumn: endOffset, text: text(ofLine: line),
                               isUnsupportedConstruct: unsupported)
    }

    /// An error with CPython's raw offsets, for the few reports whose offsets are not a token's span.
    func rawError(_ message: String, kind: SyntaxErrorInfo.Kind, line: Int, offset: Int, endOffset: Int) -> SyntaxErrorInfo {
        SyntaxErrorInfo(kind: kind, message: message, file: file, line: line, column: offset,
                        endLine: line, endColumn: endOffset, text: text(ofLine: line))
    }
}

extension SourceBuffer {
    /// The 1-based line containing byte `offset`, and the byte offset where that line starts.
    func line(containing offset: Int) -> (line: Int, start: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return (low + 1, lineStarts[low])
    }
}
