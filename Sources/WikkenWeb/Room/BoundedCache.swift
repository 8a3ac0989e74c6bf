import Foundation

/// Values that never change under their key (a memo of a revision), kept in memory so that
/// costly work is done once. Bounded: emptied when full.
final class BoundedCache<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: Value] = [:]
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    /// The value under `key`, made by `make` the first time.
    func value(_ key: String, make: () throws -> Value) rethrows -> Value {
        if let hit = lock.withLock({ entries[key] }) { return hit }
        let value = try make()
        lock.withLock {
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
        return value
    }
}
