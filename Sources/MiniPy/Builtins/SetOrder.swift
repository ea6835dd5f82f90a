// The order in which CPython's set hash table yields its elements. Sets here keep insertion
// order; iteration and printing replay the insertions into a table laid out as CPython's
// (`Objects/setobject.c`: linear probes, then perturbation; growth at 3/5 full), so that
// `print({9, 2, 3})` shows what CPython shows.
import OrderedCollections

enum SetOrder {
    private static let linearProbes = 9
    private static let perturbShift = 5

    /// The elements in CPython's iteration order.
    static func ordered(_ keys: OrderedSet<HashKey>) -> [HashKey] {
        let elements = keys.elements
        if elements.count < 2 { return elements }
        var mask = 7
        var table = [Int](repeating: -1, count: 8)
        var fill = 0
        for (index, key) in elements.enumerated() {
            place(index, hash: key.hash, in: &table, mask: mask)
            fill += 1
            if fill * 5 >= mask * 3 {
                let minused = fill > 50000 ? fill * 2 : fill * 4
                var size = 8
                while size <= minused { size <<= 1 }
                let old = table
                mask = size - 1
                table = [Int](repeating: -1, count: size)
                for slot in old where slot >= 0 {
                    place(slot, hash: elements[slot].hash, in: &table, mask: mask)
                }
            }
        }
        return table.compactMap { $0 >= 0 ? elements[$0] : nil }
    }

    private static func place(_ index: Int, hash: Int, in table: inout [Int], mask: Int) {
        var perturb = UInt(bitPattern: hash)
        var i = Int(UInt(bitPattern: hash) & UInt(mask))
        while true {
            let probes = i + linearProbes <= mask ? linearProbes : 0
            for j in 0...probes where table[i + j] < 0 {
                table[i + j] = index
                return
            }
            perturb >>= UInt(perturbShift)
            i = Int((UInt(i) &* 5 &+ 1 &+ perturb) & UInt(mask))
        }
    }
}
