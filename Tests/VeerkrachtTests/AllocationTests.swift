import Testing
@testable import Veerkracht
import WikkenCore

@Suite("Allocation planner")
struct AllocationTests {
    static let bu1 = AreaCode("BU00010001")!, bu2 = AreaCode("BU00010002")!, bu3 = AreaCode("BU00010003")!
    static let bands: [AreaCode: Band] = [bu1: .geenSignaal, bu2: .kwetsbaar, bu3: .onderDruk]
    /// k1 cap 50% of 10 = 5 (pressure 1), k2 25% of 8 = 2 (pressure 5), k3 10% of 20 = 2 (pressure 10).
    static let complexes = [
        AllocationProblem.Complex(id: "k1", name: "Complex 1", buurt: bu1, dwellings: 100, vacancies: 10),
        AllocationProblem.Complex(id: "k2", name: "Complex 2", buurt: bu2, dwellings: 80, vacancies: 8),
        AllocationProblem.Complex(id: "k3", name: "Complex 3", buurt: bu3, dwellings: 200, vacancies: 20),
    ]

    @Test("hand-computed: the least pressure first, every household placed")
    func handComputed() {
        let plan = Allocation.plan(AllocationProblem(groups: [.init(id: "a", name: "Statushouders", households: 5), .init(id: "b", name: "Uitstroom", households: 3)],
                                                     complexes: Self.complexes, bands: Self.bands))
        #expect(plan.lines.map(\.total) == [5, 2, 1])
        #expect(plan.pressure == 5 * 1 + 2 * 5 + 1 * 10)
        #expect(plan.totalUnplaced == 0 && plan.binding.isEmpty)
        #expect(plan.lines[0].why == "5 van maximaal 5 (50% van 10 vrijkomende woningen (band ‘geen signaal’)). Vol (druk 1 per huishouden).")
        #expect(plan.lines[2].why == "1 van maximaal 2 (10% van 20 vrijkomende woningen (band ‘onder druk’)). Deels gebruikt: meer was niet nodig (druk 10 per huishouden).")
    }

    @Test("infeasible: how many cannot be placed, and which caps bind")
    func infeasible() {
        let plan = Allocation.plan(AllocationProblem(groups: [.init(id: "a", name: "A", households: 12)], complexes: Self.complexes, bands: Self.bands))
        #expect(plan.totalUnplaced == 3 && plan.placed["a"] == 9)
        #expect(plan.binding.count == 3 && plan.binding[2].contains("10% van 20 vrijkomende woningen (band ‘onder druk’)"))
    }

    @Test("suitability, a complex's own cap and a buurt cap are respected")
    func constraints() {
        var complexes = Self.complexes
        complexes[1].suits = ["b"]
        complexes[0].cap = 1
        let plan = Allocation.plan(AllocationProblem(groups: [.init(id: "a", name: "A", households: 2), .init(id: "b", name: "B", households: 3)],
                                                     complexes: complexes, bands: Self.bands, buurtCaps: [Self.bu3: 1]))
        #expect(plan.lines[1].perGroup["a"] == nil && plan.lines[1].perGroup["b"] == 2)
        #expect(plan.lines[0].total == 1 && plan.lines[2].total == 1)
        #expect(plan.totalUnplaced == 1)
        #expect(plan.binding.contains("buurt BU00010003: vol (maximum 1 voor de buurt)"))
    }

    @Test("the corporation's own data add pressure: many nuisance reports send households elsewhere")
    func complexData() {
        var complexes = Self.complexes
        // k1 (geen signaal, pressure 1) has 12 reports per 100 dwellings and 30% vulnerable households: 1 + 2 + 2 = 5,
        // equal to k2 (kwetsbaar, 5) and still below k3 (onder druk, 10).
        complexes[0].nuisanceReports = 12
        complexes[0].vulnerableShare = 30
        let problem = AllocationProblem(groups: [.init(id: "a", name: "A", households: 6)], complexes: complexes, bands: Self.bands)
        #expect(problem.pressure(complexes[0]).0 == 5)
        let plan = Allocation.plan(problem)
        #expect(plan.pressure == 6 * 5)
        #expect(plan.lines[2].total == 0)
        #expect(plan.lines[0].why.contains("+2 voor 12,0 overlastmeldingen per 100 woningen (vanaf 10)") && plan.lines[0].why.contains("+2 voor 30% kwetsbare huishoudens (vanaf 25%)"))
        complexes[0].nuisanceReports = 9
        #expect(AllocationProblem(groups: [], complexes: complexes, bands: Self.bands).pressure(complexes[0]).0 == 3)
    }

    /// A plain successive-shortest-path solver (Bellman–Ford, one unit at a time) to check the
    /// fast solver against.
    static func reference(nodes: Int, edges: [(Int, Int, Int, Int)], s: Int, t: Int) -> (Int, Int) {
        var to: [Int] = [], cap: [Int] = [], cost: [Int] = []
        var adjacency = Array(repeating: [Int](), count: nodes)
        for (u, v, c, w) in edges {
            adjacency[u].append(to.count); to.append(v); cap.append(c); cost.append(w)
            adjacency[v].append(to.count); to.append(u); cap.append(0); cost.append(-w)
        }
        var flow = 0, total = 0
        while true {
            var dist = Array(repeating: Int.max, count: nodes), via = Array(repeating: -1, count: nodes)
            dist[s] = 0
            for _ in 0..<nodes {
                var changed = false
                for u in 0..<nodes where dist[u] != .max {
                    for e in adjacency[u] where cap[e] > 0 && dist[u] + cost[e] < dist[to[e]] { dist[to[e]] = dist[u] + cost[e]; via[to[e]] = e; changed = true }
                }
                if !changed { break }
            }
            guard dist[t] != .max else { return (flow, total) }
            var v = t
            while v != s { let e = via[v]; cap[e] -= 1; cap[e ^ 1] += 1; v = to[e ^ 1] }
            flow += 1
            total += dist[t]
        }
    }

    @Test("the fast solver equals a plain solver on 300 random networks")
    func randomNetworks() {
        var rng = SeededGenerator(seed: 2026)
        for _ in 0..<300 {
            let n = Int.random(in: 2...9, using: &rng)
            var edges: [(Int, Int, Int, Int)] = []
            for _ in 0..<Int.random(in: 1...20, using: &rng) {
                let u = Int.random(in: 0..<n, using: &rng), v = Int.random(in: 0..<n, using: &rng)
                if u != v { edges.append((u, v, Int.random(in: 0...5, using: &rng), Int.random(in: 0...9, using: &rng))) }
            }
            var net = MinCostFlow(nodes: n)
            for e in edges { net.addEdge(e.0, e.1, capacity: e.2, cost: e.3) }
            let fast = net.solve(from: 0, to: n - 1)
            let plain = Self.reference(nodes: n, edges: edges, s: 0, t: n - 1)
            #expect(fast.flow == plain.0 && fast.cost == plain.1, "\(edges)")
        }
    }
}
