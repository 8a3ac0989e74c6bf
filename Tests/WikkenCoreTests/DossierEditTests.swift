import Testing
import WikkenCore
import _WikkenTestSupport

/// Edits of the criteria tree and weight sets keep every reference consistent.
@Suite("Editing criteria and weight sets")
struct DossierEditTests {
    /// The hand-computed dossier with a rank-order set and a pairwise set besides W1 and W2.
    static var dossier: Dossier {
        var d = HandComputed.dossier
        d.weightSets.append(WeightSet(id: "rang", name: "Rang", method: .rankOrder(.rankOrderCentroid, ranking: [["a"], ["b"], ["a2"], ["a1"]])))
        d.weightSets.append(WeightSet(id: "ahp", name: "AHP", method: .pairwise([Judgement("a", "b", 3), Judgement("a1", "a2", 2)])))
        d.narratives = [Narrative(id: "s1", text: "Te duur", option: "x", criterion: "a1", stance: .supports)]
        return d
    }

    @Test("what each weight set needs for a new criterion, per group")
    func needs() throws {
        let d = Self.dossier
        let underA = try d.needsForNewCriterion(under: "a")
        #expect(underA.map(\.weightSet) == ["w1", "w2", "rang", "ahp"])
        #expect(underA[0].need == .weight(siblings: [("a1", 1), ("a2", 1)]))
        #expect(underA[1].need == .weight(siblings: [("a1", 1), ("a2", 3)]))
        #expect(underA[2].need == .lastInRanking)
        #expect(underA[3].need == .judgement(against: "a1"))
        // A set without numbers in the group needs nothing (equal weights).
        var equal = d
        equal.weightSets[0].weights = ["a": 3, "b": 1]
        #expect(try equal.needsForNewCriterion(under: "a")[0].need == .nothing)
        #expect(throws: Dossier.EditError.parentIsLeaf("b")) { try d.needsForNewCriterion(under: "b") }
        #expect(throws: Dossier.EditError.unknownCriterion("q")) { try d.needsForNewCriterion(under: "q") }
    }

    @Test("a new leaf gets its weight, its rank and its judgement; the dossier stays valid and the weights follow")
    func add() throws {
        var d = Self.dossier
        let leaf = Criterion(id: "a3", name: "Duurzaamheid", scale: .qualitative(.fivePoint))
        #expect(throws: Dossier.EditError.valueNeeded(weightSet: "w1")) { try d.addCriterion(leaf, under: "a", values: ["w2": 1, "ahp": 2]) }
        #expect(d == Self.dossier) // nothing changed by the refused edit
        #expect(throws: Dossier.EditError.invalidValue(weightSet: "ahp")) { try d.addCriterion(leaf, under: "a", values: ["w1": 2, "w2": 1, "ahp": 12]) }
        try d.addCriterion(leaf, under: "a", values: ["w1": 2, "w2": 1, "ahp": 0.5])
        #expect(d.criterion("a")?.children.map(\.id) == ["a1", "a2", "a3"])
        #expect(d.weightSets[0].weights["a3"] == 2)
        if case .rankOrder(_, let ranking) = d.weightSets[2].method { #expect(ranking.last == ["a3"]) } else { Issue.record("rank order lost") }
        // 0.5 means a1 is twice as important as the new one: stored the right way round.
        if case .pairwise(let j) = d.weightSets[3].method { #expect(j.last == Judgement("a1", "a3", 2)) } else { Issue.record("pairwise lost") }
        #expect(d.validate().filter { $0.severity == .error }.isEmpty)
        // W1: a1 1, a2 1, a3 2 under A (.75): a3 global = .75 · 2/4 = .375.
        let result = try Mavt.analyse(d, missingRule: .worst)
        let k = d.leafCriteria.firstIndex { $0.id == "a3" }!
        #expect(abs(result.weightSets[0].leafWeights[k] - 0.375) < 1e-12)
        // Options have no score for it yet: a warning per option, not an invented value.
        #expect(d.validate().filter { $0.severity == .warning }.count == 3)
    }

    @Test("removing a criterion takes its subtree, scores, weights, ranks and judgements; stories stay without the link")
    func remove() throws {
        var d = Self.dossier
        let removal = try d.removeCriterion("a1")
        #expect(removal.criteria == ["a1"] && removal.scores == 3 && removal.storiesUnlinked == 1)
        #expect(d.options.allSatisfy { $0.scores["a1"] == nil })
        #expect(d.weightSets[0].weights["a1"] == nil)
        if case .rankOrder(_, let ranking) = d.weightSets[2].method { #expect(ranking == [["a"], ["b"], ["a2"]]) } else { Issue.record("rank order lost") }
        if case .pairwise(let j) = d.weightSets[3].method { #expect(j == [Judgement("a", "b", 3)]) } else { Issue.record("pairwise lost") }
        #expect(d.narratives.count == 1 && d.narratives[0].criterion == nil && d.narratives[0].option == "x")
        #expect(d.validate().filter { $0.severity == .error }.isEmpty)
        // a2 is now A's only child: removing it would leave A a leaf without a scale.
        #expect(throws: Dossier.EditError.lastChild(parent: "a")) { try d.removeCriterion("a2") }
        // A whole group goes with its children.
        var e = Self.dossier
        #expect(try e.removeCriterion("a").criteria == ["a", "a1", "a2"])
        #expect(e.criteria.map(\.id) == ["b"])
        #expect(throws: Dossier.EditError.lastChild(parent: nil)) { try e.removeCriterion("b") }
        #expect(throws: Dossier.EditError.unknownCriterion("q")) { try e.removeCriterion("q") }
    }

    @Test("weight sets: a copy or equal weights, a unique id, and the last one stays")
    func weightSets() throws {
        var d = HandComputed.dossier
        let copy = try d.addWeightSet(name: "W1", owner: nil, description: "kopie", copyOf: "w1")
        #expect(copy == "w1-2")
        #expect(d.weightSet(copy)?.weights == d.weightSets[0].weights)
        let equal = try d.addWeightSet(name: "Nieuw", owner: nil, description: nil, copyOf: nil, reserved: ["nieuw"])
        #expect(equal == "nieuw-2" && d.weightSet(equal)?.weights == [:])
        #expect(d.validate().filter { $0.severity == .error }.isEmpty)
        let result = try Mavt.analyse(d, missingRule: .refuse)
        // Equal weights: A .5 (a1 .25, a2 .25), B .5.
        #expect(result.weightSets[3].leafWeights == [0.25, 0.25, 0.5])
        #expect(throws: Dossier.EditError.unknownWeightSet("q")) { try d.addWeightSet(name: "Q", owner: nil, description: nil, copyOf: "q") }
        try d.removeWeightSet("w1")
        try d.removeWeightSet("w2")
        try d.removeWeightSet(copy)
        #expect(throws: Dossier.EditError.lastWeightSet) { try d.removeWeightSet(equal) }
    }
}
