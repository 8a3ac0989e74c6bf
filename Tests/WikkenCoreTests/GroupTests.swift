import Testing
@testable import WikkenCore
import _WikkenTestSupport

/// Combining partners' results: every lens, agreement and fallback bargaining on cases small
/// enough to compute by hand (the arithmetic is in the comments).
@Suite("Deciding with partners")
struct GroupTests {
    /// Three partners, four options (A, B, C, D), each partner's own MAVT totals:
    /// gemeente A 80 > B 60 > C 40 > D 20; corporatie B 70 > A 65 > D 50 > C 30;
    /// huurders C 90 > B 60 > A 50 > D 10.
    static let three = try! GroupRanking(partners: ["gemeente", "corporatie", "huurders"],
                                         values: [[80, 60, 40, 20], [65, 70, 30, 50], [50, 60, 90, 10]])

    @Test("weighted total (AIP): the mean of the partners' own totals, partners equal by default")
    func weightedTotal() throws {
        // A (80+65+50)/3 = 65, B (60+70+60)/3 = 63.33, C 160/3 = 53.33, D 80/3 = 26.67.
        let s = Self.three.scores(.weightedTotal)
        #expect(abs(s[0] - 65) < 1e-9 && abs(s[1] - 190.0 / 3) < 1e-9 && abs(s[2] - 160.0 / 3) < 1e-9 && abs(s[3] - 80.0 / 3) < 1e-9)
        #expect(Self.three.first(.weightedTotal) == [0])
        // Explicit partner weights 2 : 1 : 1: A (160+65+50)/4 = 68.75.
        let weighted = try GroupRanking(partners: Self.three.partners, values: Self.three.values, weights: [2, 1, 1])
        #expect(abs(weighted.scores(.weightedTotal)[0] - 68.75) < 1e-9)
    }

    @Test("Borda, Copeland with its Condorcet winner, median rank; the lenses disagree on A and B")
    func lenses() {
        // Ranks: gemeente A1 B2 C3 D4; corporatie B1 A2 D3 C4; huurders C1 B2 A3 D4.
        // Borda (4 − rank, each partner 1/3): A (3+2+1)/3 = 2, B (2+3+2)/3 = 7/3, C (1+0+3)/3 = 4/3, D 1/3.
        let borda = Self.three.scores(.borda)
        #expect(abs(borda[0] - 2) < 1e-9 && abs(borda[1] - 7.0 / 3) < 1e-9 && abs(borda[2] - 4.0 / 3) < 1e-9 && abs(borda[3] - 1.0 / 3) < 1e-9)
        // Pairwise majorities: B beats A (2:1), C and D; A beats C (2:1) and D; C beats D (2:1).
        #expect(Self.three.scores(.copeland) == [1, 3, -1, -3])
        #expect(Self.three.condorcetWinner == 1)
        // Median ranks: A (1,2,3) → 2, B (2,1,2) → 2, C (3,4,1) → 3, D (4,3,4) → 4.
        #expect(Self.three.scores(.medianRank) == [2, 2, 3, 4])
        #expect(Self.three.first(.medianRank) == [0, 1])
        #expect(Self.three.disputedFirst == [0, 1])
    }

    @Test("a Condorcet cycle has no winner; identical partners agree under every lens")
    func cycleAndIdentical() throws {
        // The classic cycle: A > B > C, B > C > A, C > A > B. Every option wins once and loses once.
        let cycle = try GroupRanking(partners: ["p", "q", "r"], values: [[3, 2, 1], [1, 3, 2], [2, 1, 3]])
        #expect(cycle.condorcetWinner == nil && cycle.scores(.copeland) == [0, 0, 0])
        #expect(Agreement.kendallW(values: cycle.values) == 0)
        let same = try GroupRanking(partners: ["p", "q"], values: [[3, 2, 1], [30, 20, 10]])
        #expect(same.disputedFirst == nil && same.condorcetWinner == 0 && Agreement.kendallW(values: same.values) == 1)
    }

    @Test("every partner ties everything: lenses tie all options, W is undefined, never NaN")
    func allTied() throws {
        let tied = try GroupRanking(partners: ["p", "q"], values: [[5, 5, 5], [1, 1, 1]])
        for lens in GroupRanking.Lens.allCases { #expect(tied.first(lens) == [0, 1, 2] && tied.scores(lens).allSatisfy(\.isFinite)) }
        #expect(Agreement.kendallW(values: tied.values) == nil)
    }

    @Test("bad input is refused with what is wrong: one partner, a short row, a negative or zero weight, a missing value")
    func refusals() {
        #expect(throws: GroupRanking.Problem.tooFew(partners: 1, options: 2)) { try GroupRanking(partners: ["p"], values: [[1, 2]]) }
        #expect(throws: GroupRanking.Problem.rowLength(partner: "q", expected: 2, found: 1)) { try GroupRanking(partners: ["p", "q"], values: [[1, 2], [1]]) }
        #expect(throws: GroupRanking.Problem.weight(partner: "q")) { try GroupRanking(partners: ["p", "q"], values: [[1, 2], [2, 1]], weights: [1, -1]) }
        #expect(throws: GroupRanking.Problem.weight(partner: nil)) { try GroupRanking(partners: ["p", "q"], values: [[1, 2], [2, 1]], weights: [0, 0]) }
        #expect(throws: GroupRanking.Problem.value(partner: "p", option: 1)) { try GroupRanking(partners: ["p", "q"], values: [[1, .nan], [2, 1]]) }
    }

    @Test("Kendall's W by hand, without and with ties; the labels' thresholds")
    func kendallW() throws {
        // Three partners (1,2,3), (1,3,2), (2,1,3): rank sums 4, 6, 8, mean 6, S = 8;
        // W = 12·8 / (3²·(3³ − 3)) = 96 / 216 = 4/9.
        let w = try #require(Agreement.kendallW(ranks: [[1, 2, 3], [1, 3, 2], [2, 1, 3]]))
        #expect(abs(w - 4.0 / 9) < 1e-12)
        // With a tie: (1, 2.5, 2.5) and (1, 2, 3): sums 2, 4.5, 5.5, mean 4, S = 6.5;
        // T = 2³ − 2 = 6; W = 12·6.5 / (2²·24 − 2·6) = 78 / 84.
        let tied = try #require(Agreement.kendallW(ranks: [[1, 2.5, 2.5], [1, 2, 3]]))
        #expect(abs(tied - 78.0 / 84) < 1e-12)
        // The three partners above: rank sums A 6, B 5, C 8, D 11, mean 7.5, S = 21; W = 252 / 540.
        let ours = try #require(Agreement.kendallW(values: Self.three.values))
        #expect(abs(ours - 252.0 / 540) < 1e-12 && Agreement.Level(w: ours) == .low)
        #expect(Agreement.Level(w: 0.7) == .high && Agreement.Level(w: 0.5) == .moderate && Agreement.Level(w: 0.4999) == .low)
    }

    @Test("Kendall's W against a published example with ties: NAG Library, routine G08DAF, example program (W = 0.828)")
    func kendallWPublished() throws {
        // NAG Library Manual, G08DAF (concordance_kendall), example program results: three
        // comparisons of ten objects, ties as average ranks; "Kendall's coefficient = 0.828".
        // By hand: rank sums 5.5 6.5 9 13.5 12 20 23 23.5 25.5 26.5, S = 591; tie terms
        // Σ(t³ − t) = 12 + 18 + 84 = 114, so W = 12·591 / (3²·990 − 3·114) = 7092 / 8568.
        let ranks: [[Double]] = [[1.0, 4.5, 2.0, 4.5, 3.0, 7.5, 6.0, 9.0, 7.5, 10.0],
                                 [2.5, 1.0, 2.5, 4.5, 4.5, 8.0, 9.0, 6.5, 10.0, 6.5],
                                 [2.0, 1.0, 4.5, 4.5, 4.5, 4.5, 8.0, 8.0, 8.0, 10.0]]
        let w = try #require(Agreement.kendallW(ranks: ranks))
        #expect(abs(w - 7092.0 / 8568) < 1e-12)
        #expect((w * 1000).rounded() / 1000 == 0.828)
        // The same from the scores (here the ranks themselves, higher read as better): the same W.
        let fromValues = try #require(Agreement.kendallW(values: ranks))
        #expect(abs(fromValues - w) < 1e-12)
    }

    @Test("fallback bargaining descends every ranking at once; an objection keeps an option out")
    func fallback() {
        // Depth 1: {A}, {B}, {C}: nothing in common. Depth 2: {A,B}, {A,B}, {B,C}: B.
        let plain = FallbackBargaining.run(values: Self.three.values)
        #expect(plain.steps.count == 2 && plain.steps[0].common.isEmpty && plain.outcome == [1])
        // The huurders object to B: depth 2 has nothing in common; depth 3: {A,B,C}, {A,B,D}, {A,C}: A.
        let vetoed = FallbackBargaining.run(values: Self.three.values, vetoed: [[], [], [1]])
        #expect(vetoed.steps.map(\.depth) == [1, 2, 3] && vetoed.outcome == [0])
        // Everyone objects to something the others need: no outcome, every step shown.
        let none = FallbackBargaining.run(values: [[2, 1], [1, 2]], vetoed: [[1], [0]])
        #expect(none.outcome.isEmpty && none.steps.count == 2)
        // Ties come in together: (5, 5, 1) has A and B both at rank 1.
        #expect(FallbackBargaining.run(values: [[5, 5, 1], [1, 5, 9]]).steps.first?.acceptable == [[0, 1], [2]])
    }

    @Test("the weighted median skips partners without weight and averages at exactly half")
    func median() {
        #expect(GroupRanking.weightedMedian([1, 3], weights: [0.5, 0.5], tolerance: 1e-9) == 2)
        #expect(GroupRanking.weightedMedian([1, 3, 4], weights: [0.5, 0, 0.5], tolerance: 1e-9) == 2.5)
        #expect(GroupRanking.weightedMedian([1, 3, 4], weights: [0.2, 0.2, 0.6], tolerance: 1e-9) == 4)
    }

    @Test("a delegation weighs as one (AIJ): geometric means, renormalised; a judgement's mean keeps reciprocity")
    func delegation() throws {
        // Members (0.5, 0.3, 0.2) and (0.2, 0.3, 0.5): √0.1, 0.3, √0.1, over their sum 2√0.1 + 0.3.
        let combined = try #require(Delegation.combinedWeights([[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]]))
        let total = 2 * 0.1.squareRoot() + 0.3
        #expect(abs(combined[0] - 0.1.squareRoot() / total) < 1e-12 && abs(combined[1] - 0.3 / total) < 1e-12 && abs(combined[0] - combined[2]) < 1e-12)
        #expect(Delegation.combinedWeights([[0.6, 0.4]]) == [0.6, 0.4])  // a delegation of one is that member
        #expect(Delegation.combinedWeights([[0.5, 0.5], [1, 0]]) == [1, 0])  // a zero weight is kept
        #expect(Delegation.combinedWeights([[1, 0], [0, 1]]) == nil && Delegation.combinedWeights([]) == nil && Delegation.combinedWeights([[0.5, -0.5]]) == nil)
        // 3 and 1/3 judged by two members: the mean is 1; 2 and 8 give 4, and 1/2, 1/8 give 1/4.
        #expect(try abs(#require(Delegation.combinedJudgement([3, 1.0 / 3])) - 1) < 1e-12)
        #expect(try abs(#require(Delegation.combinedJudgement([2, 8])) * #require(Delegation.combinedJudgement([0.5, 0.125])) - 1) < 1e-12)
        #expect(Delegation.combinedJudgement([2, 0]) == nil)
    }

    @Test("the flip test: which partner puts each option first, and the smallest shift of partner weight that changes the first place")
    func flip() throws {
        #expect(Self.three.partnersPreferring(0) == [0] && Self.three.partnersPreferring(1) == [1] && Self.three.partnersPreferring(3) == [])
        // A leads B by 65 − 63.33 = 5/3. Towards the corporatie (A − B = −5): t = (5/3) / (5/3 + 5) = 1/4,
        // towards the huurders (A − B = −10): t = (5/3) / (5/3 + 10) = 1/7, and against C (A − C = −40 for the
        // huurders, margin 35/3): t = (35/3) / (35/3 + 40) = 35/155 > 1/7. So: the huurders at 1/7, B takes over.
        let flip = try #require(Self.three.flip)
        #expect(flip.partner == 2 && flip.challenger == 1 && abs(flip.shift - 1.0 / 7) < 1e-12)
        #expect(abs(flip.partnerWeight - (6.0 / 7 / 3 + 1.0 / 7)) < 1e-12)
        // At that weight A and B tie.
        let w = (0..<3).map { p in (1 - flip.shift) / 3 + (p == 2 ? flip.shift : 0) }
        let shifted = try GroupRanking(partners: Self.three.partners, values: Self.three.values, weights: w)
        #expect(shifted.first(.weightedTotal) == [0, 1])
        // Partners who agree on the first place: no shift changes it.
        #expect(try GroupRanking(partners: ["p", "q"], values: [[3, 2, 1], [9, 1, 2]]).flip == nil)
    }

    /// The hand-computed dossier with partners: values x (0, 100, 56), y (50, 50, 90), z (100, 0, 100)
    /// on a1, a2, b (see HandComputed). W1 global (.375, .375, .25), W2 (.125, .375, .5).
    static func partnered(delegation: Bool) -> Dossier {
        var d = HandComputed.dossier
        d.decisionMakers = [DecisionMaker(id: "gemeente", name: "Gemeente"), DecisionMaker(id: "huurders", name: "Huurders"), DecisionMaker(id: "zorg", name: "Zorg")]
        d.weightSets[0].owner = "gemeente"
        d.weightSets[1].owner = delegation ? "gemeente" : "huurders"
        // W3: A 1, B 3, a1 = a2 → global (.125, .125, .75).
        if delegation { d.weightSets.append(WeightSet(id: "w3", name: "W3", owner: "huurders", weights: ["a": 1, "b": 3, "a1": 1, "a2": 1])) }
        return d
    }

    @Test("partners on a dossier: each partner's own result, the combination, who is left out")
    func partnersOnADossier() throws {
        let a = try PartnerAnalysis.analyse(Self.partnered(delegation: false))
        // W1: x 0 + 37.5 + 14 = 51.5, y 18.75 + 18.75 + 22.5 = 60, z 37.5 + 0 + 25 = 62.5;
        // W2: x 0 + 37.5 + 28 = 65.5, y 6.25 + 18.75 + 45 = 70, z 12.5 + 0 + 50 = 62.5.
        #expect(a.partners.map(\.id) == ["gemeente", "huurders"] && a.withoutWeights == ["zorg"] && a.withoutOwner.isEmpty)
        #expect(zip(a.partners[0].totals, [51.5, 60, 62.5]).allSatisfy { abs($0 - $1) < 1e-9 } && a.partners[0].ranks == [3, 2, 1])
        #expect(zip(a.partners[1].totals, [65.5, 70, 62.5]).allSatisfy { abs($0 - $1) < 1e-9 } && a.partners[1].ranks == [2, 1, 3])
        // Weighted total x 58.5, y 65, z 62.5: y first. Fallback: depth 1 {z} and {y}; depth 2 {z, y} and {y, x}: y.
        #expect(a.group.first(.weightedTotal) == [1] && a.fallback.outcome == [1] && a.fallback.steps.count == 2)
        // The gemeente objects to y: depth 2 {z} and {y, x}; depth 3 {z, x} and {x, y, z}: x and z.
        #expect(try PartnerAnalysis.analyse(Self.partnered(delegation: false), objections: ["gemeente": ["y"]]).fallback.outcome == [0, 2])
        // The same objection as a position in the dossier, with its reason: in the register and the fallback.
        var positioned = Self.partnered(delegation: false)
        positioned.positions = [Position(partner: "gemeente", option: "y", mark: .objection, reason: "Te duur voor de gemeente."),
                                Position(partner: "huurders", option: "x", mark: .canLiveWith)]
        let withPositions = try PartnerAnalysis.analyse(positioned)
        #expect(withPositions.fallback.outcome == [0, 2] && withPositions.unobjected == [0, 2])
        #expect(withPositions.objections == [PartnerAnalysis.Objection(partner: 0, option: 1, reason: "Te duur voor de gemeente.")])
        // An objection without a reason is refused by validation, so no analysis runs on it.
        positioned.positions[0].reason = " "
        #expect(positioned.validate().contains { $0.kind == .objectionWithoutReason })
        // x–y concordant, x–z and y–z discordant: τ-b = (1 − 2) / 3.
        #expect(a.pairs.count == 1 && abs((a.pairs[0].tau ?? 0) + 1.0 / 3) < 1e-9)
    }

    @Test("a partner's own criterion (MAMCA) counts only in its own result; the smallest change of a combined weight that flips the choice")
    func ownCriterion() throws {
        // The huurders add their own criterion c (nee 0, ja 100): x ja, y nee, z ja; W2 becomes
        // A 1, B 1, c 2 → global a1 .0625, a2 .1875, b .25, c .5.
        var d = Self.partnered(delegation: false)
        d.criteria.append(Criterion(id: "c", name: "Eigen", scale: .qualitative(QualitativeScale(levels: ["nee", "ja"])), owner: "huurders"))
        for (k, level) in ["ja", "nee", "ja"].enumerated() { d.options[k].scores["c"] = .level(level) }
        d.weightSets[1].weights["c"] = 2
        #expect(d.blockingProblems().isEmpty, "\(d.blockingProblems())")
        let a = try PartnerAnalysis.analyse(d)
        // Gemeente (W1) does not weigh c: 51.5, 60, 62.5 as before. Huurders: x 0 + 18.75 + 14 + 50
        // = 82.75, y 3.125 + 9.375 + 22.5 + 0 = 35, z 6.25 + 0 + 25 + 50 = 81.25.
        #expect(zip(a.partners[0].totals, [51.5, 60, 62.5]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(zip(a.partners[1].totals, [82.75, 35, 81.25]).allSatisfy { abs($0 - $1) < 1e-9 })
        // Combined weights (.21875, .28125, .25, .25) give the weighted totals x 67.125, y 47.5, z 71.875.
        #expect(zip(a.combinedLeafWeights, [0.21875, 0.28125, 0.25, 0.25]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(zip(a.group.scores(.weightedTotal), [67.125, 47.5, 71.875]).allSatisfy { abs($0 - $1) < 1e-9 })
        // The smallest flip: a2 (now .28125; x 100, z 0; rest x 39/.71875, z 100) ties x with z at
        // w = (100 − 39/.71875) / (200 − 39/.71875) ≈ .3138; a1 would need .1798, b .1592, a .6377.
        let flip = try #require(a.criterionFlip)
        let rest = 39 / 0.71875
        #expect(flip.criterion == "a2" && flip.first == 2 && flip.challenger == 0 && abs(flip.weight - 0.28125) < 1e-12)
        #expect(abs(flip.tiesAt - (100 - rest) / (200 - rest)) < 1e-9)

        // Bad input: another partner weighs c; c below the top; an owner nobody knows.
        var weighsOthers = d
        weighsOthers.weightSets[0].weights["c"] = 1
        #expect(weighsOthers.validate().contains { $0.kind == .othersOwnCriterion(criterion: "c", owner: "huurders") })
        var nested = d
        nested.criteria[0].children[0].owner = "huurders"
        #expect(nested.validate().contains { $0.kind == .ownCriterionNotTopLevel("a1") })
        var unknown = d
        unknown.criteria[2].owner = "politie"
        #expect(unknown.validate().contains { $0.kind == .unknownDecisionMaker("politie") })
        // A set without owner in a dossier whose every criterion is some partner's own weighs nothing.
        var nothing = d
        nothing.criteria = [nothing.criteria[2]]
        nothing.weightSets = [WeightSet(id: "los", name: "Los", weights: [:])]
        #expect(nothing.validate().contains { $0.kind == .nothingToWeigh })
    }

    @Test("a partner's own part: only its sets and positions change; another's set named in it is ignored; a new set becomes its own")
    func partnerPart() throws {
        var d = Self.partnered(delegation: false)
        d.decisionMakers[0].organisation = "Gemeente Rivierstad"
        d.positions = [Position(partner: "huurders", option: "x", mark: .acceptable), Position(partner: "gemeente", option: "y", mark: .canLiveWith),
                       Position(partner: "huurders", option: "z", mark: .objection, reason: "Te duur.")]
        #expect(d.decisionMaker(forOrganisation: "stichting gemeente  RIVIERSTAD")?.id == "gemeente" && d.decisionMaker(forOrganisation: "Huurders") == nil)
        var part = d.part(of: "huurders")
        #expect(part.weightSets.map(\.id) == ["w2"] && part.positions.count == 2)
        part.weightSets[0].weights["a"] = 5
        part.weightSets.append(WeightSet(id: "w1", name: "Kaping", weights: ["a": 1]))  // the gemeente's set: ignored
        part.weightSets.append(WeightSet(id: "w9", name: "Nieuw", weights: ["a": 1, "b": 1]))
        part.positions = [Position(partner: "huurders", option: "y", mark: .acceptable)]
        let changed = d.replacing(part)
        #expect(changed.weightSets.map(\.id) == ["w1", "w2", "w9"] && changed.weightSets[0] == d.weightSets[0])
        #expect(changed.weightSets[1].weights["a"] == 5 && changed.weightSets[2].owner == "huurders")
        #expect(changed.positions == [Position(partner: "huurders", option: "y", mark: .acceptable), Position(partner: "gemeente", option: "y", mark: .canLiveWith)])
    }

    @Test("a delegation of two weighs as one by AIJ; fewer than two partners is refused with who there is")
    func delegationOnADossier() throws {
        let a = try PartnerAnalysis.analyse(Self.partnered(delegation: true))
        #expect(a.partners[0].weightSets == ["w1", "w2"] && a.partners[1].weightSets == ["w3"])
        // AIJ: a1 √(.375·.125), a2 .375, b √(.25·.5), over their sum.
        let raw = [(0.375 * 0.125).squareRoot(), 0.375, (0.25 * 0.5).squareRoot()]
        let w = raw.map { $0 / raw.reduce(0, +) }
        #expect(zip(a.partners[0].leafWeights, w).allSatisfy { abs($0 - $1) < 1e-9 })
        let x = w[1] * 100 + w[2] * 56, y = w[0] * 50 + w[1] * 50 + w[2] * 90, z = w[0] * 100 + w[2] * 100
        #expect(zip(a.partners[0].totals, [x, y, z]).allSatisfy { abs($0 - $1) < 1e-9 })
        // A dossier that already has a weight set named like the combined one: still one result per partner.
        var clash = Self.partnered(delegation: true)
        clash.weightSets.append(WeightSet(id: "aij-gemeente", name: "Toevallig", weights: ["a": 1, "b": 1, "a1": 1, "a2": 1]))
        #expect(try zip(PartnerAnalysis.analyse(clash).partners[0].totals, [x, y, z]).allSatisfy { abs($0 - $1) < 1e-9 })
        var one = HandComputed.dossier
        one.decisionMakers = [DecisionMaker(id: "gemeente", name: "Gemeente")]
        one.weightSets[0].owner = "gemeente"
        #expect(throws: PartnerAnalysis.Problem.tooFewPartners(["gemeente"])) { try PartnerAnalysis.analyse(one) }
        #expect(throws: PartnerAnalysis.Problem.partnerWeight("bestaat-niet")) { try PartnerAnalysis.analyse(Self.partnered(delegation: false), partnerWeights: ["bestaat-niet": 1]) }
    }
}
