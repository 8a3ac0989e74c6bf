import Foundation
import Testing
import WikkenCore
import _WikkenTestSupport
import WikkenReports

@Suite("Explanation facts and sentences")
struct ExplanationTests {
    let dossier = StoryDossier.dossier
    var result: MavtResult { try! Mavt.analyse(dossier) }

    @Test("facts match the hand computation")
    func facts() {
        let f = Explanation.facts(dossier, result, weightSet: 0)
        #expect(f.top == 2 && f.runnerUp == 1)
        #expect(f.argumentsFor.map(\.criterion) == ["b"])
        #expect(abs(f.argumentsFor[0].difference - 2.5) < 1e-9)
        #expect(f.argumentsAgainst.isEmpty)
        // A: own value 50 for every option, so z − y = (1 − x)(100 − 90) ≥ 0 for every weight x;
        // B: rest 50 for every option, z − y = x(100 − 90) ≥ 0. Neither can flip first place.
        #expect(f.flips.isEmpty)
        #expect(f.winnersPerWeightSet == [[2], [1]])
        #expect(f.scores == [ExplanationFacts.ScoreFact(option: 1, criterion: "a1", kind: .uncertain(low: .number(15), high: .number(25)), matters: true)])
        #expect(f.stories.map(\.reasons) == [[.contradictsNumber, .aboutTopOption], [], [.aboutDecisiveCriterion], [.contradictsNumber, .aboutRunnerUp, .aboutDecisiveCriterion]])
        #expect(f.stories.map(\.isTension) == [true, false, false, true])
    }

    @Test("Dutch sentences")
    func dutch() {
        let text = ExplanationText(dossier: dossier, result: result, facts: Explanation.facts(dossier, result, weightSet: 0), language: .nl)
        #expect(text.all() == [
            "Op basis van de weging 'W1' adviseren wij het bestuur te kiezen voor Z.",
            "Z scoort hoger dan Y vooral door B (+2,5 punten).",
            "Geen enkel hoofdcriterium kan Z op zich van de eerste plaats halen, hoe zwaar of licht het ook weegt.",
            "De wegingen verschillen: bovenaan staat Y bij 'W2' en Z bij 'W1'. Het gesprek gaat dus over wat zwaarder weegt.",
            "De score van Y op kosten is onzeker (15–25); aan de gunstige kant kan Y bovenaan komen.",
            "Let op: projectleider vertelt iets anders dan het cijfer van Z op kosten. Tellen en vertellen lopen hier uiteen; bespreek beide.",
            "Let op: bewoner vertelt iets anders dan het cijfer van Y op B. Tellen en vertellen lopen hier uiteen; bespreek beide.",
        ])
        let f = Explanation.facts(dossier, result, weightSet: 0)
        #expect(text.reasons(f.stories[0]) == "spreekt het cijfer tegen en gaat over de geadviseerde optie")
        #expect(text.reasons(f.stories[2]) == "gaat over B, dat het verschil mee bepaalt")
    }

    @Test("a flip threshold and a contradicting argument, hand-computed")
    func flipSentence() throws {
        // W2 (A .5, B .5; a1 .25 a2 .75 within A): y 70, x 65.5, z 62.5.
        // A's own values (inner weights .25/.75): x 75, y 50, z 25; rest (B): x 56, y 90, z 100.
        // y − x = x(50 − 75) + (1 − x)(90 − 56) = 34 − 59x → x first above 34/59 ≈ 57.6%.
        let f = Explanation.facts(dossier, result, weightSet: 1)
        let flip = try #require(f.flips.first)
        #expect(flip.criterion == "a")
        #expect(abs(flip.upper! - 34.0 / 59) < 1e-9)
        #expect(flip.newTopAbove == 0)
        let text = ExplanationText(dossier: dossier, result: result, facts: f, language: .nl)
        #expect(text.flip() == "Y blijft bovenaan zolang A niet zwaarder weegt dan 58% (nu 50%); weegt het zwaarder, dan komt X bovenaan.")
        // y against x: A 25 − 37.5 = −12.5, B 45 − 28 = +17.
        #expect(text.why() == "Y scoort hoger dan X vooral door B (+17 punten), ondanks een lagere score op A (−13).")
        let english = ExplanationText(dossier: dossier, result: result, facts: f, language: .en)
        #expect(english.why() == "Y scores higher than X mainly because of B (+17 points), despite a lower score on A (−13).")
    }
}

@Suite("Times as people in the Netherlands read them")
struct LocalTimeTests {
    static func utc(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    @Test("winter time is UTC+1, summer time UTC+2, and a save late at night belongs to the next day")
    func amsterdam() {
        #expect(LocalTime.minute(Self.utc("2026-12-03T08:05:00Z")) == "2026-12-03 09:05")
        #expect(LocalTime.minute(Self.utc("2026-07-01T08:05:00Z")) == "2026-07-01 10:05")
        #expect(LocalTime.day(Self.utc("2026-12-31T23:30:00Z")) == "2027-01-01")
        // The night the clocks go back (25 October 2026, 03:00 CEST → 02:00 CET).
        #expect(LocalTime.minute(Self.utc("2026-10-25T00:30:00Z")) == "2026-10-25 02:30")
        #expect(LocalTime.minute(Self.utc("2026-10-25T01:30:00Z")) == "2026-10-25 02:30")
        #expect(LocalTime.minute(nil) == "—")
    }
}
