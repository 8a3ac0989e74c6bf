import WikkenCore

/// A case (*casus*) turned into a decision dossier to work on in a session: the question and
/// context as brought, a null alternative and a first idea as options, three starting criteria
/// and one weight set with equal weights. Every score is missing with a reason until the group
/// scores it: nothing is invented.
public enum CaseSkeleton {
    public static let notScored = "nog niet gescoord in de werksessie"

    public static func dossier(id: String, title: String, question: String, context: String, organisation: String) -> Dossier {
        let criteria = [
            Criterion(id: "opgave", name: "Bijdrage aan de opgave", description: "Wat levert de optie op voor de maatschappelijke opgave?", scale: .qualitative(.fivePoint)),
            Criterion(id: "draagvlak", name: "Draagvlak bij bewoners en partners", scale: .qualitative(.fivePoint)),
            Criterion(id: "inzet", name: "Kosten en inzet van mensen", description: "Geld en uren die de optie vraagt; 'laag' is het best.",
                      scale: .qualitative(QualitativeScale(levels: ["hoog", "gemiddeld", "laag"]))),
        ]
        let missing = Dictionary(uniqueKeysWithValues: criteria.map { ($0.id, Score.missing(notScored)) })
        return Dossier(
            id: id, title: title, question: question.isEmpty ? title : question, context: context.isEmpty ? nil : context,
            organisation: organisation.isEmpty ? nil : organisation,
            options: [
                Option(id: "nulalternatief", name: "Niets veranderen", description: "Het nulalternatief: zo gaat het nu. Goed om elke optie mee te vergelijken.", scores: missing),
                Option(id: "eerste-idee", name: "Eerste idee", description: "Vervang door de optie die de inbrenger voor ogen heeft, en voeg er meer toe.", scores: missing),
            ],
            criteria: criteria,
            weightSets: [WeightSet(id: "inbrenger", name: "Inbrenger", description: "Gelijke gewichten om mee te beginnen; pas ze aan in de werksessie.")]
        )
    }
}
