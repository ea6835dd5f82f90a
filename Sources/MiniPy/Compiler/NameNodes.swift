// Loading and storing variables: slots, cells, globals, class bodies.

final class ConstNode: ExprNode {
    let value: Value
    init(_ value: Value, line: Int) {
        self.value = value
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value { value }
}

final class LocalLoad: ExprNode {
    let slot: Int, name: String
    init(slot: Int, name: String, line: Int) {
        self.slot = slot
        self.name = name
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        guard let v = f.slots[slot] else { throw PyErr.unboundLocal(name) }
        return v
    }
}

final class CellLoad: ExprNode {
    let slot: Int, name: String, isFree: Bool
    init(slot: Int, name: String, isFree: Bool, line: Int) {
        self.slot = slot
        self.name = name
        self.isFree = isFree
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        guard case .object(let c as PyCell)? = f.slots[slot], let v = c.value else {
            if isFree {
                throw PyErr.nameError("cannot access free variable '\(name)' where it is not associated with a value in enclosing scope")
            }
            throw PyErr.unboundLocal(name)
        }
        return v
    }
}

final class GlobalLoad: ExprNode {
    let slot: Int, name: String
    let builtins: Namespace
    let builtinSlot: Int
    init(slot: Int, name: String, builtins: Namespace, line: Int) {
        self.slot = slot
        self.name = name
        self.builtins = builtins
        self.builtinSlot = builtins.slot(for: name)
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        if let v = f.globals.values[slot] { return v }
        if let v = builtins.values[builtinSlot] { return v }
        throw PyErr.nameError(name)
    }
}

/// A name read in a class body: the class namespace, then globals, then builtins.
final class ClassBodyLoad: ExprNode {
    let name: String
    let global: GlobalLoad
    init(name: String, global: GlobalLoad, line: Int) {
        self.name = name
        self.global = global
        super.init(line: line)
    }
    override func eval(_ f: Frame) throws -> Value {
        if let v = f.classNamespace?[name] { return v }
        return try global.eval(f)
    }
}

/// Where an assignment stores a value.
class TargetNode {
    func assign(_ f: Frame, _ v: Value) throws {}
    func delete(_ f: Frame) throws {}
}

final class LocalStore: TargetNode {
    let slot: Int, name: String
    init(slot: Int, name: String) {
        self.slot = slot
        self.name = name
    }
    override func assign(_ f: Frame, _ v: Value) throws { f.slots[slot] = v }
    override func delete(_ f: Frame) throws {
        guard f.slots[slot] != nil else { throw PyErr.unboundLocal(name) }
        f.slots[slot] = nil
    }
}

final class CellStore: TargetNode {
    let slot: Int, name: String
    init(slot: Int, name: String) {
        self.slot = slot
        self.name = name
    }
    override func assign(_ f: Frame, _ v: Value) throws {
        if case .object(let c as PyCell)? = f.slots[slot] {
            c.value = v
        } else {
            f.slots[slot] = .object(PyCell(v))
        }
    }
    override func delete(_ f: Frame) throws {
        guard case .object(let c as PyCell)? = f.slots[slot], c.value != nil else { throw PyErr.unboundLocal(name) }
        c.value = nil
    }
}

final class GlobalStore: TargetNode {
    let slot: Int, name: String
    init(slot: Int, name: String) {
        self.slot = slot
        self.name = name
    }
    override func assign(_ f: Frame, _ v: Value) throws { f.globals.values[slot] = v }
    override func delete(_ f: Frame) throws {
        guard f.globals.values[slot] != nil else { throw PyErr.nameError(name) }
        f.globals.values[slot] = nil
    }
}

final class ClassBodyStore: TargetNode {
    let name: String
    init(name: String) { self.name = name }
    override func assign(_ f: Frame, _ v: Value) throws {
        if f.classNamespace?[name] == nil { f.classNamespaceOrder.append(name) }
        f.classNamespace?[name] = v
    }
    override func delete(_ f: Frame) throws {
        guard f.classNamespace?.removeValue(forKey: name) != nil else { throw PyErr.nameError(name) }
        f.classNamespaceOrder.removeAll { $0 == name }
    }
}

final class AttributeStore: TargetNode {
    let object: ExprNode, name: String
    init(object: ExprNode, name: String) {
        self.object = object
        self.name = name
    }
    override func assign(_ f: Frame, _ v: Value) throws {
        let o = try object.eval(f)
        if case .object(let obj) = o, type(of: obj) == PyInstance.self, obj.type.customSetAttr == nil, !obj.type.hasProperties {
            obj.dict[name] = v
            return
        }
        try f.interp.setAttribute(o, name, v)
    }
    override func delete(_ f: Frame) throws {
        try f.interp.deleteAttribute(try object.eval(f), name)
    }
}

final class SubscriptStore: TargetNode {
    let object: ExprNode, index: ExprNode
    init(object: ExprNode, index: ExprNode) {
        self.object = object
        self.index = index
    }
    override func assign(_ f: Frame, _ v: Value) throws {
        let o = try object.eval(f)
        let i = try index.eval(f)
        if case .object(let obj) = o {
            if let l = obj as? PyList, case .int(let k) = i {
                l.items[try f.interp.normalize(k, l.items.count, "list assignment")] = v
                return
            }
            if let d = obj as? PyDict, case .str(let s) = i {
                d.storage[HashKey(s)] = v
                return
            }
        }
        try f.interp.setItem(o, i, v)
    }
    override func delete(_ f: Frame) throws {
        try f.interp.deleteItem(try object.eval(f), try index.eval(f))
    }
}

/// `a, (b, c), *rest = value`.
final class UnpackStore: TargetNode {
    let targets: [TargetNode]
    let starIndex: Int?
    init(targets: [TargetNode], starIndex: Int?) {
        self.targets = targets
        self.starIndex = starIndex
    }
    override func assign(_ f: Frame, _ v: Value) throws {
        let items: [Value]
        switch v {
        case .object(let o) where o is PyTuple: items = (o as? PyTuple)?.items ?? []
        case .object(let o) where o is PyList: items = (o as? PyList)?.items ?? []
        default:
            do {
                _ = try f.interp.iterate(v)
            } catch let e as PyExceptionObject where e.isInstance(of: BuiltinTypes.typeError) && !(v.asObject?.type.isHeapType ?? false) {
                throw PyErr.typeError("cannot unpack non-iterable \(v.typeName) object")
            }
            items = try f.interp.toArray(v)
        }
        if let star = starIndex {
            let after = targets.count - star - 1
            guard items.count >= targets.count - 1 else {
                throw PyErr.valueError("not enough values to unpack (expected at least \(targets.count - 1), got \(items.count))")
            }
            for i in 0..<star { try targets[i].assign(f, items[i]) }
            try targets[star].assign(f, .list(Array(items[star..<(items.count - after)])))
            for j in 0..<after { try targets[star + 1 + j].assign(f, items[items.count - after + j]) }
            return
        }
        guard items.count == targets.count else {
            if items.count > targets.count {
                throw PyErr.valueError("too many values to unpack (expected \(targets.count))")
            }
            throw PyErr.valueError("not enough values to unpack (expected \(targets.count), got \(items.count))")
        }
        for i in 0..<items.count { try targets[i].assign(f, items[i]) }
    }
    override func delete(_ f: Frame) throws {
        for t in targets { try t.delete(f) }
    }
}
