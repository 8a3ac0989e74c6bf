import Testing
import WikkenCore
import _WikkenTestSupport

@Suite("Live sessions: code, phases, a round of 100 points")
struct LiveTests {
    @Test("join codes: six unambiguous characters, the same for a seed; what people type is read kindly, a wrong one refused")
    func codes() {
        var a = SeededGenerator(seed: 7), b = SeededGenerator(seed: 7)
        let code = JoinCode.make(using: &a)
        #expect(code.count == 6 && code.allSatisfy(JoinCode.alphabet.contains) && code == JoinCode.make(using: &b))
        #expect(!JoinCode.alphabet.contains { "0O1IL5S2Z8B".contains($0) })
        #expect(JoinCode.normalised("ac d-e fg") == "ACDEFG")
        #expect(JoinCode.normalised("ACDEF") == nil && JoinCode.normalised("ACDEFO") == nil && JoinCode.normalised("ACDEFGH") == nil)
    }

    @Test("phases in order; input only while weighing, the result only after")
    func phases() {
        #expect(LiveSession.Phase.allCases.map(\.rawValue) == ["kader", "criteria", "opties", "invoer", "onthullen", "opnieuw", "vastleggen"])
        #expect(LiveSession.Phase.input.takesInput && LiveSession.Phase.revote.takesInput && !LiveSession.Phase.reveal.takesInput)
        #expect(!LiveSession.Phase.input.showsResult && LiveSession.Phase.reveal.showsResult && LiveSession.Phase.record.next == nil)
    }

    @Test("an allocation must use known criteria, 0–100 each, 100 together; no overflow on huge numbers")
    func allocation() {
        let criteria = ["a", "b"]
        #expect(Allocation(points: ["a": 60, "b": 40]).problems(criteria: criteria).isEmpty)
        #expect(Allocation(points: ["a": 60, "b": 30]).problems(criteria: criteria) == [.total(90)])
        #expect(Allocation(points: ["a": 160, "b": -60]).problems(criteria: criteria) == [.outOfRange(criterion: "a", points: 160), .outOfRange(criterion: "b", points: -60)])
        #expect(Allocation(points: ["a": Int.max, "b": Int.max]).problems(criteria: criteria).count == 2)
        #expect(Allocation(points: ["a": 100, "c": 0]).problems(criteria: criteria) == [.unknownCriterion("c")])
    }

    @Test("a round: mean, extremes and spread per criterion; two anonymous people are not broken down; the mean as a weight set analyses")
    func round() throws {
        // a: 60, 20, 40 → mean 40, spread √((400 + 400 + 0) / 3); b: 40, 80, 60 → mean 60.
        let three = [Allocation(points: ["a": 60, "b": 40]), Allocation(points: ["a": 20, "b": 80]), Allocation(points: ["a": 40, "b": 60])]
        let round = try #require(AllocationRound(three, criteria: ["a", "b"], anonymous: true))
        #expect(round.count == 3 && round.mayBreakDown)
        #expect(round.criteria[0].mean == 40 && round.criteria[0].lowest == 20 && round.criteria[0].highest == 60)
        #expect(abs(round.criteria[0].spread - (800.0 / 3).squareRoot()) < 1e-12 && round.criteria[1].mean == 60)
        #expect(AllocationRound(Array(three.prefix(2)), criteria: ["a", "b"], anonymous: true)?.mayBreakDown == false)
        #expect(AllocationRound(Array(three.prefix(2)), criteria: ["a", "b"], anonymous: false)?.mayBreakDown == true)
        #expect(AllocationRound([], criteria: ["a", "b"], anonymous: true) == nil)
        // On the hand-computed dossier: A 40, B 60 with W1's inner weights (a1 = a2): global a1 .2, a2 .2, b .6;
        // x 0 + 20 + 33.6 = 53.6, y 10 + 10 + 54 = 74, z 20 + 0 + 60 = 80.
        var d = HandComputed.dossier
        d.weightSets = [round.weightSet(id: "live", name: "Live", base: HandComputed.dossier.weightSets[0])]
        let result = try Mavt.analyse(d)
        #expect(zip(result.weightSets[0].totals, [53.6, 74, 80]).allSatisfy { abs($0 - $1) < 1e-9 })
    }
}
