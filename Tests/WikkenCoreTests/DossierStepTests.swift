import Testing
@testable import WikkenCore

@Suite("Building a dossier step by step")
struct DossierStepTests {
    @Test("options from lines: names typed again keep id and scores; new ones get free ids (never a word an address uses); the rest go with their stories")
    func options() throws {
        var d = Dossier.draft(title: "Parkeren in Zuilen", question: "Wat doen we?")
        #expect(d.id == "parkeren-in-zuilen" && d.openStep == .options)
        try d.setOptions(fromLines: "Slopen\n  Renoveren  \n\n")
        #expect(d.options.map(\.id) == ["slopen", "renoveren"])
        d.options[1].scores["k"] = .number(3)
        d.narratives = [Narrative(id: "n1", text: "Wij willen blijven", option: "slopen", stance: .contradicts)]
        let gone = try d.setOptions(fromLines: "RENOVEREN\nNieuw (slopen)\nnieuw")
        #expect(gone == ["Slopen"] && d.options.map(\.id) == ["renoveren", "nieuw-slopen", "nieuw-2"])
        #expect(d.options[0].name == "RENOVEREN" && d.options[0].scores["k"] == .number(3) && d.narratives.isEmpty)
        #expect(throws: Dossier.StepError.duplicateName(line: 2, name: "a")) { try d.setOptions(fromLines: "A\na") }
        #expect(throws: Dossier.StepError.empty) { try d.setOptions(fromLines: " \n\t\n") }
        #expect(throws: Dossier.StepError.tooLong(line: 1)) { try d.setOptions(fromLines: String(repeating: "x", count: 121)) }
        #expect(d.options.count == 3)  // a refused list changes nothing
    }

    @Test("criteria from an outline: dashes make levels, a parent loses its scale, removed criteria take their scores and weights along")
    func criteria() throws {
        var d = Dossier.draft(title: "T", question: "V")
        try d.setCriteria(fromOutline: "Kosten\nBetaalbaarheid\n- Huur\n-- Kale huur\n- Lasten")
        #expect(d.criteriaOutline == "Kosten\nBetaalbaarheid\n- Huur\n-- Kale huur\n- Lasten")
        #expect(d.leafCriteria.map(\.id) == ["kosten", "kale-huur", "lasten"] && d.openStep == .options)
        try d.setOptions(fromLines: "A")
        #expect(d.openStep == .scales)
        d.criteria[0].scale = .numeric(NumericScale(direction: .lowerIsBetter))
        d.options[0].scores = ["kosten": .number(1), "lasten": .number(2)]
        d.weightSets = [WeightSet(id: "w", name: "W", weights: ["kosten": 1, "betaalbaarheid": 2, "lasten": 3])]
        // Kosten gets a child: it keeps its id but no longer its scale or scores; Lasten goes.
        let gone = try d.setCriteria(fromOutline: "kosten\n- Bouw\nBetaalbaarheid\n- Huur\n-- Kale huur")
        #expect(gone == ["Lasten"] && d.criteria[0].id == "kosten" && d.criteria[0].scale == nil)
        #expect(d.options[0].scores.isEmpty && d.weightSets[0].weights == ["kosten": 1, "betaalbaarheid": 2])
        #expect(throws: Dossier.StepError.levelSkipped(line: 1)) { try d.setCriteria(fromOutline: "- A") }
        #expect(throws: Dossier.StepError.levelSkipped(line: 3)) { try d.setCriteria(fromOutline: "A\n- B\n--- C") }
        #expect(throws: Dossier.StepError.tooDeep(line: 13)) {
            try d.setCriteria(fromOutline: (0..<13).map { String(repeating: "-", count: $0) + " c\($0)" }.joined(separator: "\n"))
        }
        #expect(d.blockingProblems().isEmpty && d.validate().contains { $0.kind == .leafWithoutScale })
        // A partner's own criterion keeps its owner at the top and loses it below.
        d.criteria[1].owner = "huurders"
        try d.setCriteria(fromOutline: "Kosten\n- Bouw\nBetaalbaarheid\n- Huur\n-- Kale huur")
        #expect(d.criteria[1].owner == "huurders")
        try d.setCriteria(fromOutline: "Kosten\n- Bouw\n- Betaalbaarheid\n-- Huur\n--- Kale huur")
        #expect(d.criteria[0].children[1].owner == nil)
    }
}
