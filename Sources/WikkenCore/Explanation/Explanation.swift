/// Derives ``ExplanationFacts`` from a dossier and its MAVT result.
public enum Explanation {
    /// The facts for weight set `setIndex`. Pass a method comparison to include method agreement.
    public static func facts(_ dossier: Dossier, _ result: MavtResult, weightSet setIndex: Int, methods: MethodComparison? = nil) -> ExplanationFacts {
        let set = result.weightSets[setIndex]
        let top = set.ranking[0].option
        let tiedTop = set.ranking.filter { $0.rank == 1 }.map(\.option)
        let runnerUp = set.ranking.count > 1 ? set.ranking[1].option : nil
        let topLevel = dossier.criteria.map(\.id)

        let comparisons = set.ranking.dropFirst().map { entry in
            ExplanationFacts.Comparison(other: entry.option, gap: set.totals[top] - set.totals[entry.option],
                                        differences: set.differences(top, entry.option, over: topLevel, in: result))
        }
        let vsRunnerUp = comparisons.first?.differences ?? []
        let argumentsFor = vsRunnerUp.filter { $0.difference > 1e-9 }.sorted { $0.difference > $1.difference }
        let argumentsAgainst = vsRunnerUp.filter { $0.difference < -1e-9 }.sorted { $0.difference < $1.difference }

        // Flip thresholds of the top-level criteria (additive totals only).
        var flips: [ExplanationFacts.Flip] = []
        if result.missingRule != .renormalise, runnerUp != nil {
            let sensitivity = WeightSensitivity.analyse(dossier, result, weightSet: setIndex)
            for c in sensitivity.criteria where topLevel.contains(c.criterion) {
                let lower = c.topStays.lowerBound > 1e-9 ? c.topStays.lowerBound : nil
                let upper = c.topStays.upperBound < 1 - 1e-9 ? c.topStays.upperBound : nil
                guard lower != nil || upper != nil else { continue }
                flips.append(.init(criterion: c.criterion, weight: c.weight, lower: lower, newTopBelow: lower == nil ? nil : c.newTopBelow,
                                   upper: upper, newTopAbove: upper == nil ? nil : c.newTopAbove))
            }
            flips.sort { $0.distance < $1.distance }
        }

        let winnersPerWeightSet = result.weightSets.map { s in s.ranking.filter { $0.rank == 1 }.map(\.option) }
        let winnersPerMethod = methods.map { m in m.entries.map { ($0.method, $0.ranking.filter { $0.rank == 1 }.map(\.option)) } } ?? []

        // Missing and uncertain scores that could change the first place.
        var scores: [ExplanationFacts.ScoreFact] = []
        let m = result.leafIDs.count
        for (i, option) in dossier.options.enumerated() {
            for (j, leaf) in result.leafIDs.enumerated() {
                let score = option.scores[leaf]
                let w = set.leafWeights[j]
                if score?.value == nil {
                    // A challenger's missing score at its best, or the leader's at its worst.
                    let current = result.values[i * m + j] ?? 0
                    let matters: Bool
                    if i == top {
                        let second = runnerUp.map { set.totals[$0] } ?? -.infinity
                        matters = set.totals[i] - w * current < second - 1e-9
                    } else {
                        matters = set.totals[i] + w * (100 - current) > set.totals[top] + 1e-9
                    }
                    scores.append(.init(option: i, criterion: leaf, kind: .missing(reason: score?.missingReason), matters: w > 0 && matters))
                } else if let score, score.hasRange, let v = score.value {
                    let value = result.values[i * m + j] ?? 0
                    let low = result.valueLow[i * m + j] ?? value, high = result.valueHigh[i * m + j] ?? value
                    let matters: Bool
                    if i == top {
                        let second = runnerUp.map { set.totals[$0] } ?? -.infinity
                        matters = set.totals[i] - w * (value - low) < second - 1e-9
                    } else {
                        matters = set.totals[i] + w * (high - value) > set.totals[top] + 1e-9
                    }
                    scores.append(.init(option: i, criterion: leaf, kind: .uncertain(low: score.low ?? v, high: score.high ?? v), matters: matters))
                }
            }
        }

        // Stories: why each one matters for this comparison.
        let decisive = Set((argumentsFor.prefix(2) + argumentsAgainst.prefix(2)).map(\.criterion))
        func topLevelAncestor(_ id: String) -> String? {
            dossier.criteria.first { root in root.id == id || contains(root, id) }?.id
        }
        let optionIndex = Dictionary(firstValues: dossier.options.enumerated().map { ($1.id, $0) })
        let stories = dossier.narratives.enumerated().map { k, story -> ExplanationFacts.StoryFact in
            var reasons: [ExplanationFacts.StoryFact.Reason] = []
            let option = story.option.flatMap { optionIndex[$0] }
            let aboutDecisive = story.criterion.flatMap(topLevelAncestor).map(decisive.contains) ?? false
            if story.stance == .contradicts { reasons.append(.contradictsNumber) }
            if option == top { reasons.append(.aboutTopOption) }
            if let option, option == runnerUp { reasons.append(.aboutRunnerUp) }
            if aboutDecisive, option == nil || option == top || option == runnerUp { reasons.append(.aboutDecisiveCriterion) }
            let tension = story.stance == .contradicts && (option == top || option == runnerUp || aboutDecisive)
            return .init(narrative: k, reasons: reasons, isTension: tension)
        }

        return ExplanationFacts(
            weightSet: setIndex, top: top, tiedTop: tiedTop, runnerUp: runnerUp, comparisons: Array(comparisons),
            argumentsFor: argumentsFor, argumentsAgainst: argumentsAgainst, flips: flips,
            winnersPerWeightSet: winnersPerWeightSet, winnersPerMethod: winnersPerMethod, scores: scores, stories: stories
        )
    }

    private static func contains(_ c: Criterion, _ id: String) -> Bool {
        c.children.contains { $0.id == id || contains($0, id) }
    }
}
