/// `torch.einsum` for one or two operands without ellipsis or repeated letters in one operand,
/// computed as broadcast multiply then sum, so its backward comes from the parts.

extension Tensor {
    /// `torch.einsum(equation, *operands)`.
    public static func einsum(_ equation: String, _ operands: [Tensor]) throws -> Tensor {
        let compact = equation.filter { $0 != " " }
        let sides = compact.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let lhs = String(sides[0])
        var rhs: String? = nil
        if sides.count == 2 {
            guard sides[1].first == ">" else { throw TorchError.runtime("einsum(): invalid subscript given at index \(lhs.count) in the equation string, subscripts must be in [a-zA-Z]") }
            rhs = String(sides[1].dropFirst())
        }
        let inputs = lhs.split(separator: ",", omittingEmptySubsequences: false).map(Array.init)
        guard inputs.count == operands.count else {
            throw TorchError.value("einsum(): more operands were provided than specified in the equation")
        }
        guard (1...2).contains(operands.count) else {
            throw TorchError.runtime("einsum() here supports one or two operands")
        }
        for (k, letters) in inputs.enumerated() {
            if letters.contains(".") { throw TorchError.runtime("einsum() here does not support ellipsis ('...')") }
            guard letters.allSatisfy({ $0.isLetter }) else {
                throw TorchError.runtime("einsum(): invalid subscript given in the equation string, subscripts must be in [a-zA-Z]")
            }
            guard letters.count == operands[k].ndim else {
                throw TorchError.runtime("einsum(): the number of subscripts in the equation (\(letters.count)) does not match the number of dimensions (\(operands[k].ndim)) for operand \(k) and no ellipsis was given")
            }
            guard Set(letters).count == letters.count else {
                throw TorchError.runtime("einsum() here does not support a subscript repeated within one operand")
            }
        }
        // All letters in order of first appearance, and the output letters.
        var all: [Character] = []
        for letters in inputs { for c in letters where !all.contains(c) { all.append(c) } }
        let output: [Character]
        if let rhs {
            output = Array(rhs)
            for c in output where !all.contains(c) {
                throw TorchError.runtime("einsum(): output subscript \(c) does not appear in the equation for any input operand")
            }
        } else {
            let counts = inputs.flatMap { $0 }.reduce(into: [Character: Int]()) { $0[$1, default: 0] += 1 }
            output = all.filter { counts[$0] == 1 }.sorted()
        }
        // Align every operand to `all`: permute its letters into that order, add size-1 dims.
        var aligned: [Tensor] = []
        for (k, letters) in inputs.enumerated() {
            let order = all.compactMap { c in letters.firstIndex(of: c) }
            var t = try operands[k].permute(order)
            for (pos, c) in all.enumerated() where !letters.contains(c) { t = try t.unsqueeze(pos) }
            aligned.append(t)
        }
        var product = aligned[0]
        if aligned.count == 2 {
            do { product = try aligned[0].mul(aligned[1]) } catch {
                throw TorchError.runtime("einsum(): operands do not broadcast with remapped shapes (original->remapped): \(shapeString(operands[0].shape))->\(shapeString(aligned[0].shape)) \(shapeString(operands[1].shape))->\(shapeString(aligned[1].shape))")
            }
        }
        let summed = all.enumerated().filter { !output.contains($0.element) }.map { $0.offset }
        var result = summed.isEmpty ? product : try product.sum(dims: summed)
        let remaining = all.filter { output.contains($0) }
        let perm = output.compactMap { c in remaining.firstIndex(of: c) }
        if perm != Array(0..<perm.count) { result = try result.permute(perm) }
        return result
    }
}
