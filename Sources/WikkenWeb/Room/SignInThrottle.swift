import Foundation

/// Slows password guessing down without ever locking the real user out, and without a captcha.
///
/// Failed sign-ins are counted three ways, each forgotten an hour after its last failure:
/// - per **pair** of client address and account: after ``Rules/freePerPair`` failures, each
///   further try from that address for that account must wait twice as long as the one before
///   (1 s, 2 s, 4 s … at most a quarter of an hour). A guesser elsewhere does not slow the user.
/// - per **client address**, over all accounts: after ``Rules/freePerAddress`` failures the same
///   growing wait, so one client cannot try a few passwords on each of many accounts.
/// - per **account**, over all addresses: after ``Rules/freePerAccount`` failures the growing wait
///   applies to every address **except** those that signed in to that account successfully in the
///   last 30 days. Guessing from many addresses is slowed; the user on a known address is not.
///
/// A try that comes too early is answered at once (429 with `Retry-After`), without looking at
/// the password, whether or not the account exists: the answer says nothing about the account.
/// The counts live in memory (a restart forgets them) and are bounded (``Rules/maxEntries``).
actor SignInThrottle {
    struct Rules: Sendable {
        var freePerPair = 3
        var freePerAddress = 20
        var freePerAccount = 10
        var firstWait: Duration = .seconds(1)
        var longestWait: Duration = .seconds(900)
        /// Failures are forgotten this long after the last one.
        var memory: Duration = .seconds(3600)
        /// How long a successful sign-in makes an address known for that account.
        var trust: Duration = .seconds(30 * 24 * 3600)
        /// Entries kept per table; beyond it the stalest half is dropped.
        var maxEntries = 50_000
    }

    private struct Count {
        var failures: Int
        var last: ContinuousClock.Instant
    }

    private let rules: Rules
    private let now: @Sendable () -> ContinuousClock.Instant
    private var pairs: [String: Count] = [:]
    private var addresses: [String: Count] = [:]
    private var accounts: [String: Count] = [:]
    private var known: [String: ContinuousClock.Instant] = [:]

    init(rules: Rules = Rules(), now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.rules = rules
        self.now = now
    }

    private static func pair(_ address: String, _ account: String) -> String { address + "\u{1F}" + account }

    /// How long this address must still wait before a try for this account is looked at; nil
    /// when it may try now.
    func wait(address: String, account: String) -> Duration? {
        let t = now()
        let pair = Self.pair(address, account)
        var waits = [remaining(pairs[pair], free: rules.freePerPair, at: t), remaining(addresses[address], free: rules.freePerAddress, at: t)]
        if !isKnown(pair, at: t) { waits.append(remaining(accounts[account], free: rules.freePerAccount, at: t)) }
        return waits.compactMap { $0 }.max()
    }

    func failed(address: String, account: String) {
        let t = now()
        count(&pairs, Self.pair(address, account), at: t)
        count(&addresses, address, at: t)
        count(&accounts, account, at: t)
    }

    /// The right password: this pair starts afresh and the address is known for the account.
    /// The address's and the account's counts stay (other accounts, other addresses).
    func succeeded(address: String, account: String) {
        let pair = Self.pair(address, account)
        pairs[pair] = nil
        if known.count >= rules.maxEntries { known = known.filter { now() - $0.value < rules.trust } }
        if known.count >= rules.maxEntries { known.removeAll() }
        known[pair] = now()
    }

    private func isKnown(_ pair: String, at t: ContinuousClock.Instant) -> Bool {
        known[pair].map { t - $0 < rules.trust } ?? false
    }

    /// The wait still due for a count: after `free` failures, the first wait doubled per
    /// further failure, capped; counted from the last failure.
    private func remaining(_ count: Count?, free: Int, at t: ContinuousClock.Instant) -> Duration? {
        guard let count, t - count.last < rules.memory, count.failures >= free else { return nil }
        let doublings = min(count.failures - free, 20)
        let wait = min(rules.firstWait * (1 << doublings), rules.longestWait)
        let due = count.last + wait
        return due > t ? due - t : nil
    }

    private func count(_ table: inout [String: Count], _ key: String, at t: ContinuousClock.Instant) {
        if table.count >= rules.maxEntries, table[key] == nil {
            table = table.filter { t - $0.value.last < rules.memory }
            if table.count >= rules.maxEntries {
                let newest = table.sorted { $0.value.last > $1.value.last }.prefix(rules.maxEntries / 2)
                table = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
            }
        }
        if var c = table[key], t - c.last < rules.memory {
            c.failures += 1
            c.last = t
            table[key] = c
        } else {
            table[key] = Count(failures: 1, last: t)
        }
    }
}
