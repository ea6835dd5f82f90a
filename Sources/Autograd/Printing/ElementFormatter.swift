/// PyTorch's `_Formatter`: looks at the elements that will be shown once, decides between
/// integer-looking, fixed and scientific notation, and pads every element to one width.
struct ElementFormatter {
    private let elements: TensorPrintData.Elements
    private let precision: Int
    private var intMode = true
    private var sciMode = false
    /// The common width every formatted element is padded to.
    private(set) var maxWidth = 1

    /// Builds the formatter from the flat indices of the elements that will be printed.
    init(elements: TensorPrintData.Elements, shown indices: [Int], options: PrintOptions) {
        self.elements = elements
        self.precision = options.precision
        switch elements {
        case .ints(let values):
            for index in indices { maxWidth = max(maxWidth, String(values[index]).count) }
        case .bools(let values):
            for index in indices { maxWidth = max(maxWidth, (values[index] ? "True" : "False").count) }
        case .floats(let values):
            measureFloats(indices.map { values[$0] }.filter { $0.isFinite && $0 != 0 })
        }
        if let forced = options.sciMode {
            sciMode = forced
        }
    }

    /// Decides the notation from the non-zero finite values, as `_Formatter.__init__` does.
    private mutating func measureFloats(_ values: [Double]) {
        guard !values.isEmpty else { return }
        var smallest = Double.infinity
        var largest = 0.0
        for value in values {
            smallest = min(smallest, abs(value))
            largest = max(largest, abs(value))
            if value != value.rounded(.up) { intMode = false }
        }
        let wideRange = largest / smallest > 1000.0 || largest > 1.0e8
        if intMode {
            if wideRange {
                sciMode = true
                for value in values {
                    maxWidth = max(maxWidth, PythonNumberFormat.scientific(value, precision: precision).count)
                }
            } else {
                for value in values {
                    // One extra column for the "." that marks a float.
                    maxWidth = max(maxWidth, PythonNumberFormat.fixed(value, precision: 0).count + 1)
                }
            }
        } else if wideRange || smallest < 1.0e-4 {
            sciMode = true
            for value in values {
                maxWidth = max(maxWidth, PythonNumberFormat.scientific(value, precision: precision).count)
            }
        } else {
            for value in values {
                maxWidth = max(maxWidth, PythonNumberFormat.fixed(value, precision: precision).count)
            }
        }
    }

    /// The element at flat `index`, formatted and right-aligned to `maxWidth`.
    func format(_ index: Int) -> String {
        let text: String
        switch elements {
        case .ints(let values):
            text = String(values[index])
        case .bools(let values):
            text = values[index] ? "True" : "False"
        case .floats(let values):
            let value = values[index]
            if sciMode {
                text = PythonNumberFormat.scientific(value, precision: precision)
            } else if intMode {
                let whole = PythonNumberFormat.fixed(value, precision: 0)
                text = value.isFinite ? whole + "." : whole
            } else {
                text = PythonNumberFormat.fixed(value, precision: precision)
            }
        }
        return PythonNumberFormat.padded(text, to: maxWidth)
    }
}
