import Testing
import WikkenCore
import WikkenFormats

/// `ontbrekend:` — the dossier's own rule for missing scores (issue 13): read, written back the
/// same in YAML and JSON, and a misspelt rule named with its place and the choices.
@Suite("The dossier's rule for missing scores in files")
struct MissingRuleFormatTests {
    static let text = """
        wikken: 1
        id: d
        titel: D
        vraag: Welke?
        ontbrekend: herverdelen
        criteria:
          - {id: a, naam: A, schaal: {soort: numeriek, richting: hoger-is-beter}}
        opties:
          - {id: x, naam: X, scores: {a: 1}}
          - {id: y, naam: Y, scores: {a: {ontbreekt: nog niet gemeten}}}
        wegingen:
          - {id: w, naam: W, gewichten: {a: 1}}
        """

    @Test("read, and written back the same in YAML and JSON")
    func roundTrip() throws {
        let dossier = try #require(DossierReader.read(Self.text, file: "d.yaml").validDossier)
        #expect(dossier.missingRule == .renormalise)
        #expect(dossier.missingScores == [MissingScore(option: "y", criterion: "a", reason: "nog niet gemeten")])
        for syntax in [DossierSyntax.yaml, .json] {
            let written = DossierWriter.write(dossier, as: syntax)
            #expect(DossierReader.read(written, file: "d", syntax: syntax).validDossier == dossier)
        }
        // Without the field there is no rule, and an analysis refuses.
        let without = try #require(DossierReader.read(Self.text.replacingOccurrences(of: "ontbrekend: herverdelen\n", with: ""), file: "d.yaml").validDossier)
        #expect(without.missingRule == nil && without.missingRule(override: nil) == .refuse && without.missingRule(override: .worst) == .worst)
        #expect(!DossierWriter.write(without, as: .yaml).contains("ontbrekend"))
    }

    @Test("a rule that does not exist is named with its line and the choices")
    func misspelt() {
        let read = DossierReader.read(Self.text.replacingOccurrences(of: "ontbrekend: herverdelen", with: "ontbrekend: nul"), file: "d.yaml")
        let problem = read.errors.first
        #expect(read.errors.count == 1 && problem?.location?.line == 5)
        #expect(problem?.message(in: .nl).contains("weigeren") == true && problem?.message(in: .nl).contains("herverdelen") == true)
    }
}
