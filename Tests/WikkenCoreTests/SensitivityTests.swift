import Testing
@testable import WikkenCore
import _WikkenTestSupport

/// Hand-computed on the dossier of `MavtHandComputedTests` under W1 (totals x 51.5, y 60,
/// z 62.5; z first, y second).
@Suite("Sensitivity against hand computation")
struct SensitivityTests {
    let result = try! Mavt.analyse(HandComputed.dossier)

    @Test("weight stability interval and swap point of leaf a1")
    func weightA1() throws {
        let s = WeightSensitivity.analyse(HandComputed.dossier, result, weightSet: 0)
        #expect(s.top == 2 && s.second == 1)
        let a1 = try #require(s.criteria.first { $0.criterion == "a1" })
        #expect(abs(a1.weight - 0.375) < 1e-12)
        // Own values (a1): x 0, y 50, z 100. Rest = (V − .375·own)/.625: x 82.4, y 66, z 40.
        for (a, b) in zip(a1.rest, [82.4, 66, 40]) { #expect(abs(a - b) < 1e-9) }
        // z − y = 76x − 26 → 26/76; z − x = 142.4x − 42.4 → 42.4/142.4; y − x = 66.4x − 16.4.
        #expect(abs(a1.topStays.lowerBound - 26.0 / 76) < 1e-9)
        #expect(a1.topStays.upperBound == 1)
        #expect(a1.newTopBelow == 1)
        #expect(abs(a1.rankingStays.lowerBound - 26.0 / 76) < 1e-9)
        #expect(abs(a1.swapFirstTwoAt! - 26.0 / 76) < 1e-9)
        // At the swap point the two totals are equal.
        let t = a1.totals(at: 26.0 / 76)
        #expect(abs(t[2] - t[1]) < 1e-9)
        // At the current weight the lines give the current totals.
        for (a, b) in zip(a1.totals(at: 0.375), [51.5, 60, 62.5]) { #expect(abs(a - b) < 1e-9) }
    }

    @Test("the smallest weight change that swaps the first two")
    func smallestSwap() throws {
        let s = WeightSensitivity.analyse(HandComputed.dossier, result, weightSet: 0)
        // a2: own x 100, y 50, z 0; rest x 22.4, y 66, z 100; z − y = 34 − 84x → x = 34/84,
        // a change of 0.0298 from .375, smaller than a1's 0.0329 (26/76).
        let a2 = try #require(s.criteria.first { $0.criterion == "a2" })
        #expect(abs(a2.swapFirstTwoAt! - 34.0 / 84) < 1e-9)
        let best = try #require(s.smallestSwap)
        #expect(best.criterion == "a2")
        for c in s.criteria {
            if let x = c.swapFirstTwoAt { #expect(abs(x - c.weight) >= abs(34.0 / 84 - 0.375) - 1e-12) }
        }
    }

    @Test("single score changes that close the gap of 2.5 points")
    func scoreChanges() throws {
        let changes = ScoreChange.swapping(HandComputed.dossier, result, weightSet: 0)
        // a1 (weight .375): ±6.667 value points; z 10 → 11.333 or y 20 → 18.667 euro.
        let first = try #require(changes.first)
        #expect(first.criterion == "a1")
        #expect(abs(abs(first.valueChange) - 2.5 / 0.375) < 1e-9)
        let zA1 = try #require(changes.first { $0.option == 2 && $0.criterion == "a1" })
        guard case .number(let x)? = zA1.toMeasurement else { Issue.record("no measurement"); return }
        #expect(abs(x - (30 - 20 * (100 - 2.5 / 0.375) / 100)) < 1e-9)
        // b (weight .25): ±10; z from 100 to 90 means 20 → 15 on the piecewise function.
        let zB = try #require(changes.first { $0.option == 2 && $0.criterion == "b" })
        #expect(zB.toMeasurement == .number(15))
        // a2: z is already at the bottom; y must go from 'midden' to 'hoog'.
        #expect(!changes.contains { $0.option == 2 && $0.criterion == "a2" })
        let yA2 = try #require(changes.first { $0.option == 1 && $0.criterion == "a2" })
        #expect(yA2.toMeasurement == .level("hoog"))
    }
}

/// Issue 14, fault 2: on a value function that rises and falls, more than one measurement reaches
/// the value that closes the gap; the change to name is the one nearest the current score.
@Suite("Score sensitivity on a peaked value function")
struct PeakedScoreSensitivityTests {
    /// Occupancy (%) whose value peaks at 50 %: 0 % and 100 % are worst.
    static let peaked = Scale.numeric(NumericScale(unit: "%", direction: .higherIsBetter, worst: 0, best: 100,
                                                   valueFunction: .piecewise([ValuePoint(0, 0), ValuePoint(50, 100), ValuePoint(100, 0)])))

    @Test("the nearest measurement that reaches the value: 70 % from 90 %, not 30 %; 30 % from 10 %")
    func nearest() throws {
        let f = ValueFunction(scale: Self.peaked, scores: [])
        let fromHigh = try #require(f.measurement(reaching: 60, from: 20, scale: Self.peaked, current: 90))
        #expect(fromHigh.0 == .number(70) && fromHigh.1 == 60)
        let fromLow = try #require(f.measurement(reaching: 60, from: 20, scale: Self.peaked, current: 10))
        #expect(fromLow.0 == .number(30))
    }

    @Test("in a whole dossier: the second option at 90 % catches up at 60 %, not at 40 %")
    func inDossier() throws {
        var d = Dossier.draft(title: "Bezetting", question: "Welke?")
        try d.setOptions(fromLines: "A\nB")
        try d.setCriteria(fromOutline: "Bezetting\nKosten")
        d.criteria[0].scale = Self.peaked
        d.criteria[1].scale = .numeric(NumericScale(direction: .lowerIsBetter, worst: 100, best: 0))
        d.options[0].scores = ["bezetting": .number(50), "kosten": .number(60)]  // values 100 and 40
        d.options[1].scores = ["bezetting": .number(90), "kosten": .number(40)]  // values 20 and 60
        d.weightSets = [WeightSet(id: "w", name: "W", weights: ["bezetting": 1, "kosten": 1])]
        let result = try Mavt.analyse(d)
        let change = try #require(ScoreChange.swapping(d, result, weightSet: 0).first { $0.option == 1 && $0.criterion == "bezetting" })
        // Gap 70 − 40 = 30 points at weight ½: B's value must rise by 60, from 20 to 80 — at 40 % or 60 %.
        #expect(change.toMeasurement == .number(60), "\(String(describing: change.toMeasurement))")
    }
}

/// Issue 14: every weight at which first place changes hands, and to whom.
@Suite("First place along one criterion's weight")
struct FirstPlaceTests {
    @Test("three lines by hand: A leads, B takes over at 0.1, C at 2/3")
    func byHand() {
        // Totals x·own + (1 − x)·rest: A 60 − 60x; B 50 + 40x; C 30 + 70x. A = B at x = 0.1
        // (10 = 100x); B = C at x = 2/3 (20 = 30x); C meets A at 0.23, when B already leads.
        var s = WeightSensitivity.CriterionSensitivity(criterion: "c", weight: 0.3, topStays: 0...1, rankingStays: 0...1, swapFirstTwoAt: nil,
                                                       newTopBelow: nil, newTopAbove: nil, own: [0, 90, 100], rest: [60, 50, 30])
        var place = s.firstPlace
        #expect(place.atZero == 0 && place.changes.map(\.option) == [1, 2])
        #expect(place.changes.count == 2 && abs(place.changes[0].weight - 0.1) < 1e-12 && abs(place.changes[1].weight - 2.0 / 3) < 1e-12)
        // Lines that never overtake within 0–1, and a tie at 0 that the steeper line wins.
        s.own = [50, 40]; s.rest = [50, 40]
        place = s.firstPlace
        #expect(place.atZero == 0 && place.changes.isEmpty)
        s.own = [10, 80]; s.rest = [50, 50]
        place = s.firstPlace
        #expect(place.atZero == 1 && place.changes.isEmpty)
    }

    @Test("on the example dossiers: the changes agree with the totals just before and after each weight")
    func onExamples() throws {
        let d = HandComputed.dossier
        let result = try Mavt.analyse(d)
        for k in result.weightSets.indices {
            for c in WeightSensitivity.analyse(d, result, weightSet: k).criteria {
                let place = c.firstPlace
                func leader(_ x: Double) -> Int { let t = c.totals(at: x); return t.indices.max { t[$0] < t[$1] } ?? 0 }
                #expect(leader(0) == place.atZero || c.totals(at: 0)[leader(0)] == c.totals(at: 0)[place.atZero])
                for change in place.changes {
                    #expect(leader(min(1, change.weight + 1e-6)) == change.option, "\(c.criterion) at \(change.weight)")
                }
                // Between changes nobody else leads: check the midpoints.
                let edges = [0.0] + place.changes.map(\.weight) + [1.0]
                let leaders = [place.atZero] + place.changes.map(\.option)
                for (i, who) in leaders.enumerated() where edges[i + 1] - edges[i] > 1e-6 {
                    let t = c.totals(at: (edges[i] + edges[i + 1]) / 2)
                    #expect(t[who] >= (t.max() ?? 0) - 1e-9)
                }
            }
        }
    }
}
