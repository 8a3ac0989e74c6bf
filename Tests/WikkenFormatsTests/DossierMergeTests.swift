import Testing
import WikkenCore
import WikkenFormats
import _WikkenTestSupport

/// Three-way merge of dossier versions (issue 13, scope 2), hand-checked.
@Suite("Merging what two people changed")
struct DossierMergeTests {
    static func merged(_ outcome: DossierMerge.Outcome) -> Dossier? {
        if case .merged(let d) = outcome { return d }
        return nil
    }

    @Test("different fields: both changes kept, nothing asked")
    func differentFields() throws {
        let base = HandComputed.dossier
        var theirs = base, yours = base
        theirs.title = "Hun titel"
        let leaf = try #require(base.leafCriteria.first).id
        yours.options[0].scores[leaf] = Score(value: .number(42))
        yours.options.append(Option(id: "nieuw", name: "Nieuw", scores: [leaf: Score(value: .number(1))]))
        let result = try #require(Self.merged(DossierMerge.merge(base: base, theirs: theirs, yours: yours)))
        #expect(result.title == "Hun titel" && result.options[0].scores[leaf]?.value == .number(42) && result.options.last?.id == "nieuw")
    }

    @Test("two options changed, one each: both kept; the same score changed twice: asked, with the three values and the place")
    func clash() throws {
        let base = HandComputed.dossier
        let leaf = try #require(base.leafCriteria.first)
        var theirs = base, yours = base
        theirs.options[0].scores[leaf.id] = Score(value: .number(10))
        yours.options[0].scores[leaf.id] = Score(value: .number(20))
        theirs.options[1].name = "Hun naam"
        guard case .clashes(let clashes) = DossierMerge.merge(base: base, theirs: theirs, yours: yours) else { Issue.record("no clash"); return }
        let path = "opties[\(base.options[0].id)].scores.\(leaf.id)"
        #expect(clashes.count == 1 && clashes[0].path == path && clashes[0].theirs == "10" && clashes[0].yours == "20")
        #expect(clashes[0].place == "optie ‘\(base.options[0].name)’ · score op ‘\(leaf.name)’")
        #expect(clashes[0].base == base.options[0].scores[leaf.id]?.value.map { "\($0)" })
        // Settled per field: yours there, theirs everywhere else.
        let settled = try #require(Self.merged(DossierMerge.merge(base: base, theirs: theirs, yours: yours, choices: [path: true])))
        #expect(settled.options[0].scores[leaf.id]?.value == .number(20) && settled.options[1].name == "Hun naam")
        let theirsWins = try #require(Self.merged(DossierMerge.merge(base: base, theirs: theirs, yours: yours, choices: [path: false])))
        #expect(theirsWins.options[0].scores[leaf.id]?.value == .number(10))
    }

    @Test("an option they removed and you changed is asked; one you both left alone goes")
    func removedAndChanged() throws {
        let base = HandComputed.dossier
        var theirs = base, yours = base
        theirs.options.removeAll { $0.id == base.options[0].id }
        yours.options[0].name = "Toch houden"
        guard case .clashes(let clashes) = DossierMerge.merge(base: base, theirs: theirs, yours: yours) else { Issue.record("no clash"); return }
        #expect(clashes.map(\.path) == ["opties[\(base.options[0].id)]"] && clashes[0].theirs == nil && clashes[0].yours != nil)
        var untouched = base
        untouched.title = "Alleen de titel"
        let gone = try #require(Self.merged(DossierMerge.merge(base: base, theirs: theirs, yours: untouched)))
        #expect(gone.options.count == base.options.count - 1 && gone.title == "Alleen de titel")
    }

    @Test("a merge that breaks the format's rules is reported, not returned")
    func invalid() throws {
        let base = HandComputed.dossier
        let leaf = try #require(base.leafCriteria.last)
        var theirs = base, yours = base
        // They remove a criterion; you score it for a new option.
        func remove(_ cs: [Criterion]) -> [Criterion] { cs.filter { $0.id != leaf.id }.map { var c = $0; c.children = remove(c.children); return c } }
        theirs.criteria = remove(theirs.criteria)
        for k in theirs.options.indices { theirs.options[k].scores[leaf.id] = nil }
        for k in theirs.weightSets.indices { theirs.weightSets[k].weights[leaf.id] = nil }
        yours.options.append(Option(id: "nieuw", name: "Nieuw", scores: Dictionary(uniqueKeysWithValues: base.leafCriteria.map { ($0.id, Score(value: .number(1))) })))
        switch DossierMerge.merge(base: base, theirs: theirs, yours: yours) {
        case .invalid(let problems): #expect(!problems.isEmpty)
        case .merged: Issue.record("merged a score for a removed criterion")
        case .clashes(let c): #expect(!c.isEmpty)
        }
    }
}
