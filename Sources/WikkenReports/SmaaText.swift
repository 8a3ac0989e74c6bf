import WikkenCore

/// SMAA-2 results in words and tables, with the Monte Carlo error stated.
public struct SmaaText {
    public var dossier: Dossier
    public var result: Smaa.Result
    public var settings: Smaa.Settings
    public var uncertainScores: Int
    /// Where the weight information came from, for the header.
    public var weightSource: String?
    public var language: Language

    public init(dossier: Dossier, result: Smaa.Result, settings: Smaa.Settings, uncertainScores: Int, weightSource: String?, language: Language = .nl) {
        self.dossier = dossier
        self.result = result
        self.settings = settings
        self.uncertainScores = uncertainScores
        self.weightSource = weightSource
        self.language = language
    }

    private var nl: Bool { language == .nl }
    private func pct(_ x: Double) -> String { NumberText.rounded(x * 100, decimals: 1, language: language) }

    public func render() -> String {
        let n = dossier.options.count
        var lines = ["SMAA-2 — " + dossier.title, ""]
        let samples = NumberText.grouped(settings.samples, language: language)
        var weights: String
        switch settings.weights {
        case .none: weights = nl ? "vrij: elke verdeling van de gewichten even waarschijnlijk" : "free: every weight distribution equally likely"
        case .ranking: weights = nl ? "alleen de volgorde van belang telt" : "only the order of importance counts"
        }
        if let weightSource { weights += nl ? " (volgorde uit weging '\(weightSource)')" : " (order from weight set '\(weightSource)')" }
        if settings.bounds.contains(where: { $0 != nil }) { weights += nl ? ", met grenzen" : ", with bounds" }
        let scores = uncertainScores == 0
            ? (nl ? "scores vast (geen bandbreedtes)" : "scores fixed (no ranges)")
            : (nl ? "\(uncertainScores) scores met bandbreedte, \(settings.triangular ? "driehoeksverdeling" : "uniform") getrokken"
                  : "\(uncertainScores) scores with a range, drawn \(settings.triangular ? "triangular" : "uniform")")
        lines.append(nl ? "\(samples) trekkingen (zaad \(settings.seed)). Gewichten: \(weights). Scores: \(scores)." : "\(samples) samples (seed \(settings.seed)). Weights: \(weights). Scores: \(scores).")
        lines.append("")

        // Rank acceptability
        lines.append(nl ? "Kans op elke plaats (%)" : "Chance of each place (%)")
        let width = min(40, max(12, dossier.options.map(\.name.count).max() ?? 12))
        let header = [nl ? "Optie" : "Option"] + (1...n).map { nl ? "\($0)e" : ordinal($0) }
        let order = dossier.options.indices.sorted { result.rankAcceptability[$0][0] > result.rankAcceptability[$1][0] }
        let rows = order.map { i in [clip(dossier.options[i].name, width)] + (0..<n).map { pct(result.rankAcceptability[i][$0]) } }
        lines += table(header: header, rows: rows, rightAligned: Set(1...n)).map { "  " + $0 }
        let maxError = (0..<n).flatMap { i in (0..<n).map { result.rankAcceptabilityError(i, $0) } }.max() ?? 0
        lines.append("  " + (nl ? "Foutmarge door het trekken: hoogstens ±\(pct(maxError)) procentpunt (95%)." : "Sampling error: at most ±\(pct(maxError)) percentage points (95%)."))
        lines.append("")
        let best = order[0]
        let share = result.rankAcceptability[best][0]
        lines.append(nl
            ? "\(dossier.options[best].name) is het vaakst de beste keuze: in \(pct(share))% van de trekkingen."
            : "\(dossier.options[best].name) is most often the best choice: in \(pct(share))% of the samples.")
        let never = dossier.options.indices.filter { result.rankAcceptability[$0][0] == 0 }
        if !never.isEmpty {
            lines.append(nl
                ? "In geen enkele trekking de beste: \(never.map { dossier.options[$0].name }.joined(separator: ", "))."
                : "Best in no sample at all: \(never.map { dossier.options[$0].name }.joined(separator: ", ")).")
        }
        lines.append("")

        // Central weights and confidence
        let leaves = dossier.leafCriteria
        lines.append(nl ? "Centrale gewichten (%): de typische weging waarbij een optie wint, en de betrouwbaarheid daarvan" : "Central weights (%): the typical weights with which an option wins, and their confidence")
        let cwHeader = [nl ? "Optie" : "Option"] + leaves.map { clip($0.id, 14) } + [nl ? "Betrouwbaar" : "Confidence"]
        let cwRows = order.compactMap { i -> [String]? in
            guard let w = result.centralWeights[i] else { return nil }
            return [clip(dossier.options[i].name, width)] + w.map(pct) + [result.confidence[i].map(pct) ?? "—"]
        }
        lines += table(header: cwHeader, rows: cwRows, rightAligned: Set(1..<cwHeader.count)).map { "  " + $0 }
        lines.append("")

        // Pairwise winning
        lines.append(nl ? "Kans dat de optie in de rij beter scoort dan die in de kolom (%)" : "Chance that the row option scores higher than the column option (%)")
        // Rows and columns in the same order, labelled A, B, C, … for short column heads.
        func letter(_ position: Int) -> String { String(UnicodeScalar(UInt8(65 + position % 26))) }
        let pwHeader = [""] + order.indices.map(letter)
        let pwRows = order.enumerated().map { p, i in ["\(letter(p)) " + clip(dossier.options[i].name, width)] + order.map { k in i == k ? "—" : pct(result.pairwiseWinning[i][k]) } }
        lines += table(header: pwHeader, rows: pwRows, rightAligned: Set(1..<pwHeader.count)).map { "  " + $0 }
        lines.append("")
        lines.append(nl
            ? "Werkwijze: SMAA-2 (Lahdelma & Salminen 2001) op het MAVT-model; gewichten uniform over alle verdelingen die aan de informatie voldoen; betrouwbaarheid = kans dat de optie wint met haar centrale gewichten als alleen de scores variëren."
            : "Method: SMAA-2 (Lahdelma & Salminen 2001) on the MAVT model; weights uniform over all distributions that meet the information; confidence = chance the option wins with its central weights when only the scores vary.")
        return lines.joined(separator: "\n") + "\n"
    }

    private func ordinal(_ k: Int) -> String {
        switch k {
        case 1: return "1st"
        case 2: return "2nd"
        case 3: return "3rd"
        default: return "\(k)th"
        }
    }
}

/// SMAA-2 results for scripts, with every Monte Carlo error.
public enum SmaaJSON {
    public struct Document: Codable, Equatable {
        public var dossier: String
        public var options: [String]
        public var criteria: [String]
        public var samples: Int
        public var seed: UInt64
        public var distribution: String
        public var weights: String
        public var rankAcceptability: [[Double]]
        public var rankAcceptabilityError: [[Double]]
        public var centralWeights: [[Double]?]
        public var centralWeightErrors: [[Double]?]
        public var confidence: [Double?]
        public var confidenceError: [Double?]
        public var pairwiseWinning: [[Double]]
        public var pairwiseWinningError: [[Double]]
        public var conventions: [String: String]
    }

    public static let conventions: [String: String] = [
        "method": "SMAA-2 (Lahdelma & Salminen 2001) on the MAVT model: scores drawn within their ranges (uniform or triangular), weights uniform over every distribution that meets the weight information, a seeded generator",
        "ranks": "an option's rank is 1 + the number of options with a strictly higher total: tied options share the better rank",
        "centralWeights": "the mean weights of the samples in which the option is first; in a sample with a tie for first, every tied option counts the sample (as rank acceptability gives each of them first place)",
        "confidence": "how often the option is first when the weights are fixed at its central weights and only the scores vary",
        "errors": "95% Monte Carlo margins: 1.96 √(p(1 − p)/N) for shares, 1.96 times the standard error of the mean for central weights",
    ]

    public static func document(_ dossier: Dossier, _ r: Smaa.Result, _ s: Smaa.Settings) -> Document {
        let n = dossier.options.count
        let weights: String
        switch s.weights {
        case .none: weights = "uniform"
        case .ranking: weights = "ranking"
        }
        return Document(
            dossier: dossier.id, options: dossier.options.map(\.id), criteria: dossier.leafCriteria.map(\.id),
            samples: r.samples, seed: s.seed, distribution: s.triangular ? "triangular" : "uniform", weights: weights,
            rankAcceptability: r.rankAcceptability,
            rankAcceptabilityError: (0..<n).map { i in (0..<n).map { r.rankAcceptabilityError(i, $0) } },
            centralWeights: r.centralWeights, centralWeightErrors: r.centralWeightErrors,
            confidence: r.confidence, confidenceError: r.confidenceError,
            pairwiseWinning: r.pairwiseWinning,
            pairwiseWinningError: (0..<n).map { i in (0..<n).map { r.pairwiseError(i, $0) } },
            conventions: conventions
        )
    }
}
