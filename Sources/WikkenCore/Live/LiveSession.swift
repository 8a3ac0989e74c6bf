/// A live working session on a dossier (*live werksessie*): a facilitator leads 10–40 people
/// through the phases, participants join with a short code, weigh blind, and see the result
/// together. This file holds the pure parts: the join code, the phases, and what one round of
/// 100-point allocations adds up to. The store keeps the session; the web app shows it.
public enum LiveSession {
    /// The phases, in the order the facilitator normally takes them (it may go back).
    public enum Phase: String, CaseIterable, Sendable, Codable {
        case framing = "kader"
        case criteria = "criteria"
        case options = "opties"
        case input = "invoer"
        case reveal = "onthullen"
        case revote = "opnieuw"
        case record = "vastleggen"

        public var dutch: String {
            switch self {
            case .framing: return "De vraag en het kader"
            case .criteria: return "De criteria"
            case .options: return "De opties"
            case .input: return "Ieder weegt zelf (blind)"
            case .reveal: return "Samen bekijken en bespreken"
            case .revote: return "Nog een keer wegen"
            case .record: return "Vastleggen wat we besluiten"
            }
        }

        /// Whether participants can hand in weights now.
        public var takesInput: Bool { self == .input || self == .revote }
        /// Whether the group's result is shown (after the input, never during it).
        public var showsResult: Bool { self == .reveal || self == .record }

        public var next: Phase? {
            let all = Self.allCases
            guard let i = all.firstIndex(of: self), i + 1 < all.count else { return nil }
            return all[i + 1]
        }
    }
}

/// The six-character code people type on a phone to join: letters and digits that cannot be
/// mistaken for one another (no 0/O, 1/I/L, 5/S, 2/Z, 8/B), so reading it off a projector works.
public enum JoinCode {
    public static let alphabet = Array("ACDEFGHJKMNPQRTUVWXY34679")
    public static let length = 6

    /// A new code from the generator (the store passes a system generator, tests a seeded one).
    public static func make<G: RandomNumberGenerator>(using generator: inout G) -> String {
        String((0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    /// A typed code as the store keeps it: upper case, without spaces or dashes, and the
    /// look-alikes people type read as what they must have meant (o → 0 is not in the alphabet,
    /// so an O stays an error). Nil when it cannot be a code.
    public static func normalised(_ typed: String) -> String? {
        let kept = typed.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        guard kept.count == length, kept.allSatisfy(alphabet.contains) else { return nil }
        return kept
    }
}

/// One person's 100 points spread over criteria (*100 punten verdelen*): whole points, each 0–100,
/// together exactly 100. The most direct weighing on a phone.
public struct Allocation: Equatable, Sendable {
    public var points: [String: Int]

    public init(points: [String: Int]) { self.points = points }

    public enum Problem: Error, Equatable, Sendable {
        case unknownCriterion(String)
        case outOfRange(criterion: String, points: Int)
        case total(Int)
    }

    /// What is wrong with these points for `criteria`, in the order a person fixes them.
    public func problems(criteria: [String]) -> [Problem] {
        var found: [Problem] = []
        for id in points.keys.sorted() where !criteria.contains(id) { found.append(.unknownCriterion(id)) }
        for id in criteria { if let p = points[id], !(0...100).contains(p) { found.append(.outOfRange(criterion: id, points: p)) } }
        // Bounded before adding, so no sum can overflow.
        let total = criteria.reduce(0) { $0 + min(max(points[$1] ?? 0, 0), 100) }
        if found.isEmpty, total != 100 { found.append(.total(total)) }
        return found
    }
}

/// What a round of allocations adds up to: per criterion the mean share and the spread, and
/// whether it may be broken down (never for fewer than three people when the round is anonymous:
/// with two, each can read the other's).
public struct AllocationRound: Equatable, Sendable {
    public struct Criterion: Equatable, Sendable {
        public var id: String
        /// Mean points (0–100) over the people who handed in.
        public var mean: Double
        public var lowest: Int
        public var highest: Int
        /// Population standard deviation of the points.
        public var spread: Double
    }

    public var criteria: [Criterion]
    public var count: Int
    /// Whether individual points or their extremes may be shown.
    public var mayBreakDown: Bool

    /// The smallest anonymous group whose extremes are shown.
    public static let smallestGroup = 3

    /// Nil without any allocation. `criteria` fixes the order.
    public init?(_ allocations: [Allocation], criteria ids: [String], anonymous: Bool) {
        guard !allocations.isEmpty else { return nil }
        let n = Double(allocations.count)
        criteria = ids.map { id in
            let values = allocations.map { $0.points[id] ?? 0 }
            let mean = Double(values.reduce(0, +)) / n
            let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
            return Criterion(id: id, mean: mean, lowest: values.min() ?? 0, highest: values.max() ?? 0, spread: variance.squareRoot())
        }
        count = allocations.count
        mayBreakDown = !anonymous || allocations.count >= Self.smallestGroup
    }

    /// The round's mean as a direct weight set over the top-level criteria (the dossier's other
    /// weights below them taken from `base`, so groups keep their inner proportions).
    public func weightSet(id: String, name: String, base: WeightSet?) -> WeightSet {
        var weights = base.map { $0.method == .direct || $0.method == .swing ? $0.weights : [:] } ?? [:]
        for c in criteria { weights[c.id] = c.mean }
        return WeightSet(id: id, name: name, description: "Gemiddelde van \(count) verdelingen van 100 punten", method: .direct, weights: weights)
    }
}
