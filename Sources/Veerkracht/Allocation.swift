import WikkenCore

/// The allocation planner: how many households of each aandachtsgroep to house in which
/// complex this year, so that as many as possible are housed and the pressure on vulnerable
/// buurten is as small as possible, within caps that follow from each buurt's band.
///
/// Model (a transportation problem, solved exactly as a minimum-cost flow):
/// - every household of group g placed in complex k costs the **pressure** of k's band (plus a
///   group's own extra cost for that complex, when given); a household that cannot be placed
///   costs more than any placement, so the plan first houses as many as possible;
/// - a complex takes at most `cap share of its band × vacancies` households (rounded down), or
///   its own cap when given; a buurt at most its cap when given;
/// - a group goes only to complexes that suit it (all, unless the complex names its groups).
public struct AllocationProblem: Sendable {
    public struct Group: Sendable, Equatable {
        public var id: String, name: String, households: Int
        public init(id: String, name: String, households: Int) {
            self.id = id
            self.name = name
            self.households = households
        }
    }

    public struct Complex: Sendable, Equatable {
        public var id: String, name: String
        public var buurt: AreaCode
        public var dwellings: Int
        /// Expected vacancies this year (*vrijkomende woningen*).
        public var vacancies: Int
        /// Overrides the band's share (number of households), when the corporation set one.
        public var cap: Int?
        /// Groups this complex suits; nil = all.
        public var suits: Set<String>?
        /// The corporation's own signals: nuisance reports (*overlastmeldingen*) last year, and
        /// the share of households with a known vulnerability (a proxy, in %).
        public var nuisanceReports: Int?
        public var vulnerableShare: Double?
        public init(id: String, name: String, buurt: AreaCode, dwellings: Int, vacancies: Int, cap: Int? = nil, suits: Set<String>? = nil,
                    nuisanceReports: Int? = nil, vulnerableShare: Double? = nil) {
            self.id = id
            self.name = name
            self.buurt = buurt
            self.dwellings = dwellings
            self.vacancies = vacancies
            self.cap = cap
            self.suits = suits
            self.nuisanceReports = nuisanceReports
            self.vulnerableShare = vulnerableShare
        }
    }

    /// Extra pressure for a complex from the corporation's own data, on top of its buurt's band.
    /// Defaults are **assumptions**: +2 from 10 nuisance reports per 100 dwellings a year, +2 from
    /// 25% households with a known vulnerability.
    public struct ComplexRule: Sendable, Equatable {
        public var reportsPer100: Double = 10
        public var reportsExtra = 2
        public var vulnerableShare: Double = 25
        public var vulnerableExtra = 2
        public init() {}
    }

    /// Per band: the largest share of a complex's vacancies that may go to aandachtsgroepen,
    /// and the pressure cost of one household there. Defaults are **assumptions** to discuss.
    public struct BandRule: Sendable, Equatable {
        public var maxShare: Double
        public var pressure: Int
        public init(maxShare: Double, pressure: Int) {
            self.maxShare = maxShare
            self.pressure = pressure
        }
    }

    public var groups: [Group]
    public var complexes: [Complex]
    public var bands: [AreaCode: Band]
    public var rules: [Band: BandRule]
    public var buurtCaps: [AreaCode: Int]
    public var complexRule = ComplexRule()

    public static let defaultRules: [Band: BandRule] = [
        .onderDruk: BandRule(maxShare: 0.10, pressure: 10),
        .kwetsbaar: BandRule(maxShare: 0.25, pressure: 5),
        .letOp: BandRule(maxShare: 0.40, pressure: 2),
        .geenSignaal: BandRule(maxShare: 0.50, pressure: 1),
        .onbekend: BandRule(maxShare: 0.25, pressure: 3),
    ]

    public init(groups: [Group], complexes: [Complex], bands: [AreaCode: Band], rules: [Band: BandRule] = defaultRules, buurtCaps: [AreaCode: Int] = [:]) {
        self.groups = groups
        self.complexes = complexes
        self.bands = bands
        self.rules = rules
        self.buurtCaps = buurtCaps
    }

    func band(_ c: Complex) -> Band { bands[c.buurt] ?? .onbekend }
    func rule(_ c: Complex) -> BandRule { rules[band(c)] ?? BandRule(maxShare: 0, pressure: 0) }

    /// The pressure of one household in the complex: its band's, plus what its own data add; and
    /// the reasons for the additions.
    public func pressure(_ c: Complex) -> (Int, [String]) {
        var p = rule(c).pressure, reasons: [String] = []
        if let reports = c.nuisanceReports, c.dwellings > 0 {
            let per100 = Double(reports) / Double(c.dwellings) * 100
            if per100 >= complexRule.reportsPer100 {
                p += complexRule.reportsExtra
                reasons.append("+\(complexRule.reportsExtra) voor \(NumberText.rounded(per100, decimals: 1, language: .nl)) overlastmeldingen per 100 woningen (vanaf \(NumberText.plain(complexRule.reportsPer100)))")
            }
        }
        if let share = c.vulnerableShare, share >= complexRule.vulnerableShare {
            p += complexRule.vulnerableExtra
            reasons.append("+\(complexRule.vulnerableExtra) voor \(NumberText.rounded(share, decimals: 0, language: .nl))% kwetsbare huishoudens (vanaf \(NumberText.plain(complexRule.vulnerableShare))%)")
        }
        return (p, reasons)
    }
    /// The most households the complex may take, and why.
    public func cap(_ c: Complex) -> (Int, String) {
        if let own = c.cap { return (min(own, c.vacancies), "eigen maximum van de corporatie: \(own)") }
        let r = rule(c)
        let n = Int((r.maxShare * Double(c.vacancies)).rounded(.down) + 1e-9)
        return (n, "\(Int((r.maxShare * 100).rounded()))% van \(c.vacancies) vrijkomende woningen (band ‘\(band(c).rawValue)’)")
    }
}

public struct AllocationPlan: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var complex: String
        public var perGroup: [String: Int]
        public var total: Int
        public var cap: Int
        public var capReason: String
        public var band: Band
        /// Plain-Dutch explanation of this complex's share.
        public var why: String
    }

    public var lines: [Line]
    public var placed: [String: Int]
    public var unplaced: [String: Int]
    /// Total pressure (sum of the pressure costs of the placed households).
    public var pressure: Int
    /// Caps that are full while households remain unplaced: what stands in the way.
    public var binding: [String]

    public var totalUnplaced: Int { unplaced.values.reduce(0, +) }
}

extension AllocationProblem {
    /// The largest count anywhere in a problem — households per group, dwellings, vacancies, caps,
    /// nuisance reports: a million, far above any corporation's year and far below where sums and
    /// flow costs could overflow. Every entry (files, forms, API, CLI) reads counts with ``count(_:)``.
    public static let maxCount = 1_000_000

    /// A count as typed: a whole number from 0 to ``maxCount``; nil otherwise.
    public static func count(_ text: String) -> Int? {
        guard let n = Int(text.trimmingSpaces), (0...maxCount).contains(n) else { return nil }
        return n
    }

    /// What to say when ``count(_:)`` refused a value.
    public static let countExpected = "een heel getal van 0 tot en met 1.000.000"
}

public enum Allocation {
    public static func plan(_ p: AllocationProblem) -> AllocationPlan {
        let G = p.groups.count, K = p.complexes.count
        let buurten = Array(Set(p.complexes.map(\.buurt))).sorted()
        // Each complex's buurt by its place in the sorted `buurten` (where it is, as they were made from the complexes).
        let complexBuurt = p.complexes.map { c in
            var low = 0, high = buurten.count
            while low < high { let mid = (low + high) / 2; if buurten[mid] < c.buurt { low = mid + 1 } else { high = mid } }
            return low
        }
        let source = 0, groupBase = 1, complexBase = 1 + G, buurtBase = 1 + G + K, sink = 1 + G + K + buurten.count
        var net = MinCostFlow(nodes: sink + 1)
        let totalDemand = p.groups.map(\.households).reduce(0, +)
        let pressures = p.complexes.map { p.pressure($0) }
        let maxPressure = pressures.map(\.0).max() ?? 0
        let unplacedCost = (maxPressure + 1) * 1000
        var demandEdges: [Int] = [], unplacedEdges: [Int] = [], placeEdges: [[(k: Int, edge: Int)]] = Array(repeating: [], count: G)
        var complexEdges: [Int] = [], buurtEdges: [Int] = []
        for (g, group) in p.groups.enumerated() {
            demandEdges.append(net.addEdge(source, groupBase + g, capacity: group.households, cost: 0))
            unplacedEdges.append(net.addEdge(groupBase + g, sink, capacity: group.households, cost: unplacedCost))
        }
        for (k, c) in p.complexes.enumerated() {
            let (cap, _) = p.cap(c)
            for (g, group) in p.groups.enumerated() where c.suits?.contains(group.id) ?? true {
                placeEdges[g].append((k, net.addEdge(groupBase + g, complexBase + k, capacity: min(cap, group.households), cost: pressures[k].0)))
            }
            complexEdges.append(net.addEdge(complexBase + k, buurtBase + complexBuurt[k], capacity: cap, cost: 0))
        }
        for (b, code) in buurten.enumerated() { buurtEdges.append(net.addEdge(buurtBase + b, sink, capacity: p.buurtCaps[code] ?? totalDemand, cost: 0)) }
        let (_, cost) = net.solve(from: source, to: sink, limit: totalDemand)

        var perComplex = Array(repeating: [String: Int](), count: K)
        for g in 0..<G { for (k, e) in placeEdges[g] where net.flow(e) > 0 { perComplex[k][p.groups[g].id] = net.flow(e) } }
        var unplaced: [String: Int] = [:], placed: [String: Int] = [:]
        for (g, group) in p.groups.enumerated() {
            unplaced[group.id] = net.flow(unplacedEdges[g])
            placed[group.id] = group.households - net.flow(unplacedEdges[g])
        }
        let totalUnplaced = unplaced.values.reduce(0, +)
        var binding: [String] = []
        if totalUnplaced > 0 {
            for (k, c) in p.complexes.enumerated() where net.flow(complexEdges[k]) == p.cap(c).0 {
                binding.append("\(c.name): vol (\(p.cap(c).1))")
            }
            for (b, code) in buurten.enumerated() where p.buurtCaps[code].map({ net.flow(buurtEdges[b]) == $0 }) ?? false {
                binding.append("buurt \(code.text): vol (maximum \(p.buurtCaps[code]!) voor de buurt)")
            }
        }
        let lines: [AllocationPlan.Line] = p.complexes.enumerated().map { k, c in
            let (cap, reason) = p.cap(c)
            let total = perComplex[k].values.reduce(0, +)
            let band = p.band(c)
            let (pressure, extra) = pressures[k]
            var why = "\(total) van maximaal \(cap) (\(reason))."
            if cap == 0 { why += " Geen ruimte voor aandachtsgroepen in deze band." }
            else if total == cap { why += " Vol (druk \(pressure) per huishouden)." + (totalUnplaced > 0 ? " Er zijn meer huishoudens dan plaatsen binnen de maxima." : "") }
            else if total == 0 { why += " Niet gebruikt: niet nodig, de huishoudens konden terecht waar de druk niet hoger is (hier \(pressure) per huishouden)." }
            else { why += " Deels gebruikt: meer was niet nodig (druk \(pressure) per huishouden)." }
            if !extra.isEmpty { why += " Druk \(pressure): \(p.rule(c).pressure) van de band " + extra.joined(separator: ", ") + "." }
            if let suits = c.suits { why += " Geschikt voor: \(suits.sorted().joined(separator: ", "))." }
            return AllocationPlan.Line(complex: c.id, perGroup: perComplex[k], total: total, cap: cap, capReason: reason, band: band, why: why)
        }
        return AllocationPlan(lines: lines, placed: placed, unplaced: unplaced, pressure: cost - totalUnplaced * unplacedCost, binding: binding)
    }
}
