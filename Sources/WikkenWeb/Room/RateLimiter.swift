/// At most `limit` requests per key in a sliding window of `window` (the open routes a script
/// could hammer: registering, asking for a link again). In memory, bounded like the sign-in
/// throttle: beyond `maxKeys` keys the stalest half is dropped.
actor RateLimiter {
    let limit: Int
    let window: Duration
    let maxKeys: Int
    private let now: @Sendable () -> ContinuousClock.Instant
    private var hits: [String: [ContinuousClock.Instant]] = [:]

    init(limit: Int, window: Duration, maxKeys: Int = 50_000, now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.limit = limit
        self.window = window
        self.maxKeys = maxKeys
        self.now = now
    }

    /// Counts a request for `key`; nil when it may go ahead, else how long until it may.
    func admit(_ key: String) -> Duration? {
        let t = now()
        var recent = (hits[key] ?? []).filter { t - $0 < window }
        if recent.count >= limit, let oldest = recent.first {
            hits[key] = recent
            return window - (t - oldest)
        }
        recent.append(t)
        hits[key] = recent
        if hits.count > maxKeys {
            let stale = hits.sorted { ($0.value.last ?? t) < ($1.value.last ?? t) }.prefix(hits.count / 2).map(\.key)
            for k in stale { hits[k] = nil }
        }
        return nil
    }
}
