import Foundation
import Hummingbird

/// A submitted HTML form (application/x-www-form-urlencoded).
struct Form {
    var values: [String: String] = [:]

    static func read(_ request: Request) async throws -> Form {
        let buffer = try await request.body.collect(upTo: 1_000_000)
        let text = String(buffer: buffer)
        var form = Form()
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            let key = decode(parts[0])
            form.values[key] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return form
    }

    subscript(_ key: String) -> String? { values[key] }
}

/// Counts failed sign-ins per key in a sliding window, to slow down password guessing.
actor LoginLimiter {
    private var failures: [String: [ContinuousClock.Instant]] = [:]
    private let limit: Int
    private let window: Duration

    init(limit: Int, window: Duration = .seconds(900)) {
        self.limit = limit
        self.window = window
    }

    func isBlocked(_ key: String) -> Bool {
        prune(key)
        return (failures[key]?.count ?? 0) >= limit
    }

    func fail(_ key: String) {
        prune(key)
        failures[key, default: []].append(.now)
    }

    func succeed(_ key: String) { failures[key] = nil }

    private func prune(_ key: String) {
        let cutoff = ContinuousClock.now - window
        failures[key] = failures[key]?.filter { $0 > cutoff }
    }
}
