import Testing
import WikkenCore
import WikkenFormats
import _WikkenTestSupport

/// The readable difference between two versions (issue 13, scope 6), hand-checked.
@Suite("What changed between two versions")
struct DossierChangesTests {
    @Test("the same dossier, or its options in another order: no change")
    func nothing() {
        var d = HandComputed.dossier
        #expect(DossierChanges.between(d, d).isEmpty)
        d.options.reverse()
        #expect(DossierChanges.between(HandComputed.dossier, d).isEmpty)
    }

    @Test("a title, a score, a weight, a new option and a removed story: one line each, with names")
    func several() throws {
        var old = HandComputed.dossier
        old.narratives = [Narrative(id: "wijkteam", text: "Het wijkteam ziet het anders", option: old.options[0].id, stance: .contradicts)]
        var new = old
        new.title = "Nieuwe titel"
        let option = try #require(new.options.first), leaf = try #require(new.leafCriteria.first)
        new.options[0].scores[leaf.id] = Score(value: .number(99), source: "raming")
        let set = try #require(new.weightSets.first)
        let weighted = try #require(set.weights.keys.sorted().first)
        new.weightSets[0].weights[weighted] = (set.weights[weighted] ?? 0) + 1
        new.options.append(Option(id: "extra", name: "Extra optie", description: "Met uitleg", scores: [leaf.id: Score(value: .number(1))]))
        new.narratives = []

        let changes = DossierChanges.between(old, new)
        #expect(changes.contains(DossierChange(path: "titel", place: "titel", kind: .changed, before: old.title, after: "Nieuwe titel")))
        let score = try #require(changes.first { $0.path == "opties[\(option.id)].scores.\(leaf.id)" })
        #expect(score.kind == .changed && score.place == "optie ‘\(option.name)’ · score op ‘\(leaf.name)’" && score.after == "{waarde: 99, bron: raming}")
        let weight = try #require(changes.first { $0.path == "wegingen[\(set.id)].gewichten.\(weighted)" })
        #expect(weight.kind == .changed && weight.place.hasPrefix("weging ‘\(set.name)’ · gewicht van ‘"))
        // The new option is one line (its name), not one per field inside it.
        #expect(changes.filter { $0.path.hasPrefix("opties[extra]") } == [DossierChange(path: "opties[extra]", place: "optie ‘Extra optie’", kind: .added, before: nil, after: "Extra optie")])
        #expect(changes.filter { $0.kind == .removed } == [DossierChange(path: "verhalen[wijkteam]", place: "verhaal ‘Het wijkteam ziet het anders’", kind: .removed,
                                                                          before: "Het wijkteam ziet het anders", after: nil)])
        #expect(changes.count == 5)
    }
}
