import Synchronization

/// A set of region codes as bits over the process's region table: a route's destinations in 32
/// bytes inline instead of an array of strings (at 60,000 routes, the difference between a few
/// and tens of megabytes). Codes beyond the table's 256 places (AWS has about 40 regions) are
/// kept as text, so nothing is ever lost.
public struct RegionSet: Sendable, Hashable {
    private var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0
    private var overflow: [String]?

    public init<Codes: Sequence<String>>(_ codes: Codes) {
        for code in codes { insert(code) }
    }

    public var isEmpty: Bool { w0 | w1 | w2 | w3 == 0 && overflow == nil }

    public var count: Int {
        w0.nonzeroBitCount + w1.nonzeroBitCount + w2.nonzeroBitCount + w3.nonzeroBitCount + (overflow?.count ?? 0)
    }

    /// The codes, sorted.
    public var codes: [String] {
        var ids: [UInt8] = []
        ids.reserveCapacity(count)
        for (word, base) in [(w0, 0), (w1, 64), (w2, 128), (w3, 192)] where word != 0 {
            var bits = word
            while bits != 0 {
                ids.append(UInt8(base + bits.trailingZeroBitCount))
                bits &= bits - 1
            }
        }
        return (RegionTable.codes(for: ids) + (overflow ?? [])).sorted()
    }

    public func contains(_ code: String) -> Bool {
        guard let id = RegionTable.existingID(for: code) else { return overflow?.contains(code) ?? false }
        return word(id) & (1 << (UInt64(id) % 64)) != 0
    }

    public mutating func insert(_ code: String) {
        guard let id = RegionTable.id(for: code) else {
            if !(overflow?.contains(code) ?? false) { overflow = ((overflow ?? []) + [code]).sorted() }
            return
        }
        let bit: UInt64 = 1 << (UInt64(id) % 64)
        switch id / 64 {
        case 0: w0 |= bit
        case 1: w1 |= bit
        case 2: w2 |= bit
        default: w3 |= bit
        }
    }

    private func word(_ id: UInt8) -> UInt64 {
        switch id / 64 {
        case 0: w0
        case 1: w1
        case 2: w2
        default: w3
        }
    }
}

/// The process's region codes, numbered in the order first seen (append-only, at most 256).
enum RegionTable {
    private struct Table {
        var codes: [String] = []
        var ids: [String: UInt8] = [:]
    }

    private static let table = Mutex(Table())

    /// The code's number, given one if it has none yet; nil once the table is full.
    static func id(for code: String) -> UInt8? {
        table.withLock { table in
            if let id = table.ids[code] { return id }
            guard table.codes.count < 256 else { return nil }
            let id = UInt8(table.codes.count)
            table.codes.append(code)
            table.ids[code] = id
            return id
        }
    }

    static func existingID(for code: String) -> UInt8? {
        table.withLock { $0.ids[code] }
    }

    static func codes(for ids: [UInt8]) -> [String] {
        table.withLock { table in ids.map { table.codes[Int($0)] } }
    }
}
