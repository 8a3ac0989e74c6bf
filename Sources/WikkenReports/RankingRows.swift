import WikkenCore

/// A ranking as people read it in a table: place (`2=` for a tie), option, total and range
/// (`—` when the scores have no ranges). Shared by the dossier page, its live preview and the memo.
public struct RankingRow: Sendable, Equatable, Encodable {
    public var plaats: String
    public var optie: String
    public var totaal: String
    public var bandbreedte: String

    /// The rows of one weight set's result, best first.
    public static func rows(_ dossier: Dossier, _ set: WeightSetResult, language: Language = .nl) -> [RankingRow] {
        set.ranking.map { e in
            let low = set.totalLow[e.option], high = set.totalHigh[e.option]
            return RankingRow(plaats: e.tied ? "\(e.rank)=" : "\(e.rank)", optie: dossier.options[e.option].name,
                              totaal: NumberText.rounded(e.total, language: language),
                              bandbreedte: low == high ? "—" : "\(NumberText.rounded(low, language: language))–\(NumberText.rounded(high, language: language))")
        }
    }
}

extension Narrative.Stance {
    /// How a story relates to the number, as a phrase: "spreekt het cijfer tegen".
    public func label(_ language: Language) -> String {
        let nl = language == .nl
        switch self {
        case .supports: return nl ? "ondersteunt het cijfer" : "supports the number"
        case .contradicts: return nl ? "spreekt het cijfer tegen" : "contradicts the number"
        case .nuances: return nl ? "nuanceert het cijfer" : "nuances the number"
        }
    }
}
