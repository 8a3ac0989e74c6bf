import Foundation
import WikkenCore

/// The MAVT analysis as JSON for scripts. Stable field names (English), numbers unrounded.
public enum AnalysisJSON {
    public struct Document: Codable, Equatable {
        public var dossier: String
        public var method: String
        public var conventions: [String]
        public var missingRule: String
        public var criteria: [CriterionEntry]
        public var weightSets: [WeightSetEntry]
        public var warnings: [String]
    }

    public struct CriterionEntry: Codable, Equatable {
        public var id: String
        public var name: String
        public var leaf: Bool
        public var valueFunction: String?
    }

    public struct WeightSetEntry: Codable, Equatable {
        public var id: String
        public var name: String
        public var owner: String?
        /// Global weight per criterion id (parents included).
        public var weights: [String: Double]
        public var ranking: [RankingEntry]
    }

    public struct RankingEntry: Codable, Equatable {
        public var rank: Int
        public var tied: Bool
        public var option: String
        public var name: String
        public var total: Double
        public var low: Double
        public var high: Double
        public var affectedByMissing: Bool
        /// Contribution (points) per criterion id, parents included.
        public var contributions: [String: Double]
        /// Value (0–100) per leaf criterion id; absent where the score is missing.
        public var values: [String: Double]
    }

    public static func document(_ dossier: Dossier, _ result: MavtResult, language: Language = .nl) -> Document {
        let text = AnalysisText(dossier: dossier, result: result, language: language)
        let leafIndex = Dictionary(firstValues: result.leafIDs.enumerated().map { ($1, $0) })
        return Document(
            dossier: dossier.id,
            method: "mavt",
            conventions: [
                "values: 0 (worst) to 100 (best) per leaf",
                "weights: normalised within each parent; global weight = product along the path",
                "total: sum over leaves of global weight × value",
                "ties: totals within 1e-9 share a rank (competition ranking)",
            ],
            missingRule: result.missingRule.rawValue,
            criteria: dossier.allCriteria.map { c in
                CriterionEntry(id: c.id, name: c.name, leaf: c.isLeaf,
                               valueFunction: leafIndex[c.id].map { text.describe(result.valueFunctions[$0], criterion: c.id) })
            },
            weightSets: result.weightSets.map { set in
                WeightSetEntry(
                    id: set.id, name: set.name, owner: dossier.weightSet(set.id)?.owner, weights: set.weights.global,
                    ranking: set.ranking.map { entry in
                        let i = entry.option
                        var values: [String: Double] = [:]
                        for (j, id) in result.leafIDs.enumerated() { values[id] = result.value(option: i, leaf: j) }
                        return RankingEntry(
                            rank: entry.rank, tied: entry.tied, option: dossier.options[i].id, name: dossier.options[i].name,
                            total: entry.total, low: set.totalLow[i], high: set.totalHigh[i],
                            affectedByMissing: set.affectedByMissing[i],
                            contributions: Dictionary(firstValues: dossier.allCriteria.map { ($0.id, set.contribution(option: i, criterion: $0.id, in: result)) }),
                            values: values
                        )
                    }
                )
            },
            warnings: text.warningLines()
        )
    }

    /// The JSON text of a report. The only thing that makes `JSONEncoder` throw here is a number
    /// that JSON cannot write (not-a-number, infinity); a valid dossier yields none, but should a
    /// method produce one it is written as `null`, never a crash.
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(value) { return String(decoding: data, as: UTF8.self) + "\n" }
        let marker = "wikken-geen-getal-\(UInt64.random(in: 1...UInt64.max))"
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: marker, negativeInfinity: marker, nan: marker)
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"\(marker)\"", with: "null")
        return text + "\n"
    }
}
