// An object's own attributes, stored for the common case: a handful of names per object.

/// The attributes an object holds itself (`obj.__dict__`), in the order they were first set.
///
/// Instances usually have a few attributes, set in `__init__` and read by name ever after.
/// They live in one array searched front to back: an object with no attributes allocates
/// nothing, the first assignment makes one buffer, and a lookup hashes nothing. Objects given
/// many attributes get a hash index beside the array so lookups stay constant-time.
public struct InstanceAttributes: Sequence, ExpressibleByDictionaryLiteral {
    /// One attribute: its name and value.
    public typealias Element = (key: String, value: Value)

    /// One stored attribute (a struct rather than a tuple: arrays of tuples are destroyed
    /// through the runtime's generic tuple code, element by element).
    struct Entry {
        let key: String
        var value: Value
    }

    /// The attributes in insertion order.
    var entries: ContiguousArray<Entry> = []
    /// Name → position in `entries`, kept once there are more than `linearLimit` entries.
    var positions: [String: Int]?

    /// Past this many names a linear search costs more than hashing the name.
    static var linearLimit: Int { 12 }
    /// Room made at the first assignment: enough for a typical `__init__`.
    static var initialCapacity: Int { 4 }

    /// No attributes.
    public init() {}

    /// The attributes given, in order (a repeated name keeps its last value).
    public init(dictionaryLiteral elements: (String, Value)...) {
        for (key, value) in elements { self[key] = value }
    }

    /// The number of attributes.
    public var count: Int { entries.count }
    /// True when the object holds no attributes.
    public var isEmpty: Bool { entries.isEmpty }
    /// The names, in insertion order.
    public var keys: [String] { entries.map(\.key) }
    /// The values, in insertion order.
    public var values: [Value] { entries.map(\.value) }

    /// The position of `name` in `entries`.
    func position(of name: String) -> Int? {
        if let positions { return positions[name] }
        for i in entries.indices where entries[i].key == name { return i }
        return nil
    }

    /// The value of an attribute; assigning nil removes it.
    public subscript(name: String) -> Value? {
        get {
            guard let i = position(of: name) else { return nil }
            return entries[i].value
        }
        set {
            if let newValue {
                setValue(newValue, for: name)
            } else {
                removeValue(forKey: name)
            }
        }
    }

    /// Sets an attribute, adding it at the end when the object does not hold it yet.
    public mutating func setValue(_ value: Value, for name: String) {
        if let i = position(of: name) {
            entries[i].value = value
            return
        }
        if entries.capacity == 0 { entries.reserveCapacity(Self.initialCapacity) }
        entries.append(Entry(key: name, value: value))
        if positions != nil {
            positions?[name] = entries.count - 1
        } else if entries.count > Self.linearLimit {
            rebuildPositions()
        }
    }

    /// Removes an attribute, returning its value (nil when the object did not hold it).
    @discardableResult
    public mutating func removeValue(forKey name: String) -> Value? {
        guard let i = position(of: name) else { return nil }
        let removed = entries.remove(at: i).value
        if positions != nil { rebuildPositions() }
        return removed
    }

    /// Removes every attribute.
    public mutating func removeAll() {
        entries = []
        positions = nil
    }

    /// The attributes in insertion order.
    public func makeIterator() -> Iterator {
        Iterator(base: entries.makeIterator())
    }

    /// Gives each attribute as a `(key, value)` pair.
    public struct Iterator: IteratorProtocol {
        var base: ContiguousArray<Entry>.Iterator
        /// The next attribute, nil after the last.
        public mutating func next() -> Element? {
            guard let entry = base.next() else { return nil }
            return (key: entry.key, value: entry.value)
        }
    }

    /// Indexes the names when there are many, drops the index when there are few.
    mutating func rebuildPositions() {
        guard entries.count > Self.linearLimit else {
            positions = nil
            return
        }
        var index: [String: Int] = [:]
        index.reserveCapacity(entries.count)
        for (i, entry) in entries.enumerated() { index[entry.key] = i }
        positions = index
    }
}
