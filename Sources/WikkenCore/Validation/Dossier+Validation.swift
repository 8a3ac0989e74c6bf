extension Dossier {
    /// The largest number a dossier may hold, in absolute value (scores, scale ends, weights,
    /// thresholds): a thousand billion, far above any amount in euros a corporation weighs, and
    /// far below where sums, differences and rounding for people lose their meaning or overflow.
    public static let numberLimit = 1e12
    /// The deepest criteria tree: a criterion may lie at most this many levels deep.
    public static let maxCriteriaDepth = 12

    /// Why a number cannot be in a dossier, or nil: not finite, or beyond ``numberLimit``.
    static func numberProblem(_ x: Double) -> DossierProblem.Kind? {
        if !x.isFinite { return .notFinite(NumberText.plain(x)) }
        if abs(x) > numberLimit { return .numberTooLarge(NumberText.plain(x)) }
        return nil
    }

    /// Every semantic problem of the dossier, errors and warnings, in file order of their paths.
    ///
    /// Checks: ids are slugs and unique per kind; references (scores, weights, owners, stories,
    /// decision) point at existing options, criteria and decision makers; leaves have a valid
    /// scale and parents none; scores fit their scale (type, level, bounds, piecewise domain);
    /// ranges have low ≤ value ≤ high; weights are finite, non-negative and normalisable within
    /// each sibling group; dates are `yyyy-mm-dd`. A leaf without a score is a warning, not an error.
    public func validate() -> [DossierProblem] {
        var problems: [DossierProblem] = []
        func error(_ path: DossierPath, _ kind: DossierProblem.Kind) { problems.append(DossierProblem(.error, at: path, kind)) }

        // Criteria tree
        var criterionPaths: [String: DossierPath] = [:]
        var criteriaByID: [String: Criterion] = [:]
        var invalidScales: Set<String> = [] // scores on these are not checked: the scale is the problem
        func checkIdentity(_ id: String, _ path: DossierPath, in seen: inout [String: DossierPath]) {
            if !Slug.isValid(id) { error(path / Field.id, .invalidId(id)) }
            if let first = seen[id] {
                error(path / Field.id, .duplicateId(id, firstAt: first))
            } else {
                seen[id] = path
            }
        }
        func visit(_ c: Criterion, _ path: DossierPath, depth: Int) {
            guard depth <= Dossier.maxCriteriaDepth else { error(path, .criteriaTooDeep(limit: Dossier.maxCriteriaDepth)); return }
            checkIdentity(c.id, path, in: &criterionPaths)
            if criteriaByID[c.id] == nil { criteriaByID[c.id] = c }
            if let f = c.preference {
                if !c.isLeaf { error(path / Field.preference, .preferenceOnParent) }
                for (name, value) in f.thresholds {
                    let at = path / Field.preference / name
                    if let problem = Dossier.numberProblem(value) { error(at, problem) }
                    else if (name == "s" || name == "p") && value <= 0 { error(at, .invalidThreshold(name: name, value: value, rule: .positive)) }
                    else if value < 0 { error(at, .invalidThreshold(name: name, value: value, rule: .nonNegative)) }
                }
                switch f {
                case let .level(q, p), let .linear(q, p):
                    if q >= p, q >= 0, p > 0 { error(path / Field.preference / "q", .invalidThreshold(name: "q", value: q, rule: .belowP)) }
                default: break
                }
            }
            if c.isLeaf {
                if let scale = c.scale {
                    let before = problems.count
                    validateScale(scale, at: path / Field.scale, &problems)
                    if problems.count > before { invalidScales.insert(c.id) }
                } else {
                    error(path, .leafWithoutScale)
                }
            } else {
                if c.scale != nil { error(path / Field.scale, .parentWithScale) }
                for (i, child) in c.children.enumerated() { visit(child, path / Field.children / i, depth: depth + 1) }
            }
        }
        if criteria.isEmpty { error(.root / Field.criteria, .noCriteria) }
        for (i, c) in criteria.enumerated() { visit(c, .root / Field.criteria / i, depth: 1) }
        // What follows walks the tree again; a tree too deep is reported and not walked.
        if problems.contains(where: { $0.kind == .criteriaTooDeep(limit: Dossier.maxCriteriaDepth) }) { return problems }
        let leaves = leafCriteria
        let leafIDs = leaves.map(\.id)
        // The scales to check scores against; nil where the scale itself is missing or invalid.
        let leafScales = leaves.map { invalidScales.contains($0.id) ? nil : $0.scale }

        // Decision makers
        var makerPaths: [String: DossierPath] = [:]
        var organisationPaths: [String: DossierPath] = [:]
        for (i, m) in decisionMakers.enumerated() {
            checkIdentity(m.id, .root / Field.decisionMakers / i, in: &makerPaths)
            // One decision maker per organisation: its people edit that partner's part.
            if let name = m.organisation, case let key = OrganisationName.normalised(name), !key.isEmpty {
                let path = DossierPath.root / Field.decisionMakers / i / Field.organisation
                if let first = organisationPaths[key] { error(path, .duplicateOrganisation(name, firstAt: first)) } else { organisationPaths[key] = path }
            }
        }

        // Partners' own criteria (MAMCA): a known decision maker, at the top of the tree.
        for (i, c) in criteria.enumerated() {
            if let o = c.owner, makerPaths[o] == nil { error(.root / Field.criteria / i / Field.owner, .unknownDecisionMaker(o)) }
            func below(_ children: [Criterion], _ path: DossierPath) {
                for (k, child) in children.enumerated() {
                    if child.owner != nil { error(path / Field.children / k / Field.owner, .ownCriterionNotTopLevel(child.id)) }
                    below(child.children, path / Field.children / k)
                }
            }
            below(c.children, .root / Field.criteria / i)
        }

        // Options and scores
        var optionPaths: [String: DossierPath] = [:]
        if options.isEmpty { error(.root / Field.options, .noOptions) }
        for (i, option) in options.enumerated() {
            let path = DossierPath.root / Field.options / i
            checkIdentity(option.id, path, in: &optionPaths)
            // Leaves in tree order first (the common case, no sorting), then any other keys, sorted.
            var matched = 0
            for j in leafIDs.indices {
                let leafID = leafIDs[j]
                guard let score = option.scores[leafID] else {
                    problems.append(DossierProblem(.warning, at: path / Field.scores, .scoreNotGiven(option: option.id, criterion: leafID)))
                    continue
                }
                matched += 1
                if let scale = leafScales[j] {
                    validateScore(score, on: scale, at: { path / Field.scores / leafID }, &problems)
                }
            }
            if matched < option.scores.count {
                for criterionID in option.scores.keys.sorted() where criteriaByID[criterionID].map({ !$0.isLeaf }) ?? true {
                    let scorePath = path / Field.scores / criterionID
                    error(scorePath, criteriaByID[criterionID] == nil ? .unknownCriterion(criterionID) : .notALeaf(criterionID))
                }
            }
        }

        // Weight sets
        var weightSetPaths: [String: DossierPath] = [:]
        if weightSets.isEmpty { error(.root / Field.weightSets, .noWeightSets) }
        for (i, set) in weightSets.enumerated() {
            let path = DossierPath.root / Field.weightSets / i
            checkIdentity(set.id, path, in: &weightSetPaths)
            if let owner = set.owner, makerPaths[owner] == nil { error(path / Field.owner, .unknownDecisionMaker(owner)) }
            let weightsPath = path / Field.weights
            // What this set weighs: all but other partners' own criteria (MAMCA).
            let weighed = Criterion.weighed(by: set.owner, in: criteria)
            if weighed.isEmpty, !criteria.isEmpty { error(path, .nothingToWeigh) }
            var owned: [String: String] = [:]
            func mark(_ c: Criterion, _ owner: String) { owned[c.id] = owner; c.children.forEach { mark($0, owner) } }
            for c in criteria { if let o = c.owner, o != set.owner { mark(c, o) } }
            var parentOf: [String: String?] = [:]
            func mapParents(_ cs: [Criterion], _ parent: String?) { for c in cs { parentOf[c.id] = parent; mapParents(c.children, c.id) } }
            mapParents(weighed, nil)
            switch set.method {
            case .direct, .swing: break
            case .rankOrder(_, let ranking):
                let (mine, others) = (ranking.map { $0.filter { owned[$0] == nil } }, ranking.flatMap { $0 }.filter { owned[$0] != nil })
                for id in others { error(path / Field.ranking, .othersOwnCriterion(criterion: id, owner: owned[id] ?? "")) }
                validateRanking(mine, at: path / Field.ranking, criteria: weighed, known: criteriaByID, &problems)
                continue
            case .pairwise(let judgements):
                for j in judgements { for id in [j.more, j.less] where owned[id] != nil { error(path / Field.judgements, .othersOwnCriterion(criterion: id, owner: owned[id] ?? "")) } }
                validateJudgements(judgements.filter { owned[$0.more] == nil && owned[$0.less] == nil }, at: path / Field.judgements, criteria: weighed, parentOf: parentOf, &problems)
                continue
            }
            for (criterionID, w) in set.weights.sorted(by: { $0.key < $1.key }) {
                if criteriaByID[criterionID] == nil { error(weightsPath / criterionID, .unknownCriterion(criterionID)) }
                if let o = owned[criterionID] { error(weightsPath / criterionID, .othersOwnCriterion(criterion: criterionID, owner: o)) }
                if let problem = Dossier.numberProblem(w) { error(weightsPath / criterionID, problem) } else if w < 0 { error(weightsPath / criterionID, .negativeWeight(w)) }
            }
            func checkGroup(_ siblings: [Criterion], parent: String?) {
                guard !siblings.isEmpty else { return }
                let given = siblings.filter { set.weights[$0.id] != nil }
                if !given.isEmpty, given.count < siblings.count {
                    let missing = siblings.filter { set.weights[$0.id] == nil }.map(\.id)
                    error(weightsPath, .weightsIncomplete(parent: parent, missing: missing))
                } else if given.count == siblings.count {
                    let values = siblings.compactMap { set.weights[$0.id] }
                    if values.allSatisfy({ Dossier.numberProblem($0) == nil && $0 >= 0 }), values.reduce(0, +) == 0 {
                        error(weightsPath, .allWeightsZero(parent: parent))
                    } else if set.method == .swing, !Swing.isValidGroup(values) {
                        error(weightsPath, .swingWithout100(parent: parent))
                    }
                }
                for s in siblings { checkGroup(s.children, parent: s.id) }
            }
            checkGroup(weighed, parent: nil)
        }

        // Stories
        var narrativePaths: [String: DossierPath] = [:]
        for (i, story) in narratives.enumerated() {
            let path = DossierPath.root / Field.narratives / i
            checkIdentity(story.id, path, in: &narrativePaths)
            if story.option == nil, story.criterion == nil { error(path, .narrativeWithoutLink) }
            if let o = story.option, optionPaths[o] == nil { error(path / Field.option, .unknownOption(o)) }
            if let c = story.criterion, criteriaByID[c] == nil { error(path / Field.criterion, .unknownCriterion(c)) }
            if let d = story.date, !ISODate.isValid(d) { error(path / Field.date, .invalidDate(d)) }
        }

        // Positions
        var positionPaths: [String: DossierPath] = [:]
        for (i, position) in positions.enumerated() {
            let path = DossierPath.root / Field.positions / i
            if makerPaths[position.partner] == nil { error(path / Field.partner, .unknownDecisionMaker(position.partner)) }
            if optionPaths[position.option] == nil { error(path / Field.option, .unknownOption(position.option)) }
            if position.mark == .objection, (position.reason ?? "").allSatisfy(\.isWhitespace) {
                error(path / Field.reason, .objectionWithoutReason)
            }
            let key = position.partner + "\u{1F}" + position.option
            if let first = positionPaths[key] {
                error(path, .duplicatePosition(partner: position.partner, option: position.option, firstAt: first))
            } else {
                positionPaths[key] = path
            }
        }

        // Decision record
        if let decision {
            let path = DossierPath.root / Field.decision
            if let o = decision.chosenOption, optionPaths[o] == nil { error(path / Field.chosenOption, .unknownOption(o)) }
            if let d = decision.date, !ISODate.isValid(d) { error(path / Field.date, .invalidDate(d)) }
            if let d = decision.reviewDate, !ISODate.isValid(d) { error(path / Field.reviewDate, .invalidDate(d)) }
        }
        return problems
    }

    /// True when ``validate()`` finds no errors (warnings allowed).
    public var isValid: Bool { !validate().contains { $0.severity == .error } }
}

private func validateRanking(_ ranking: [[String]], at path: DossierPath, criteria: [Criterion], known: [String: Criterion], _ problems: inout [DossierProblem]) {
    func error(_ p: DossierPath, _ kind: DossierProblem.Kind) { problems.append(DossierProblem(.error, at: p, kind)) }
    var seen = Set<String>()
    for (i, tier) in ranking.enumerated() {
        for id in tier {
            if known[id] == nil { error(path / i, .unknownCriterion(id)) } else if !seen.insert(id).inserted { error(path / i, .rankedTwice(id)) }
        }
    }
    func checkGroup(_ siblings: [Criterion], parent: String?) {
        guard !siblings.isEmpty else { return }
        let ranked = siblings.filter { seen.contains($0.id) }
        if !ranked.isEmpty, ranked.count < siblings.count {
            error(path, .rankingIncomplete(parent: parent, missing: siblings.filter { !seen.contains($0.id) }.map(\.id)))
        }
        for s in siblings { checkGroup(s.children, parent: s.id) }
    }
    checkGroup(criteria, parent: nil)
}

private func validateJudgements(_ judgements: [Judgement], at path: DossierPath, criteria: [Criterion], parentOf: [String: String?], _ problems: inout [DossierProblem]) {
    func error(_ p: DossierPath, _ kind: DossierProblem.Kind) { problems.append(DossierProblem(.error, at: p, kind)) }
    var pairs = Set<[String]>()
    var usable: [Judgement] = []
    for (i, j) in judgements.enumerated() {
        let p = path / i
        guard let parentA = parentOf[j.more] else { error(p, .unknownCriterion(j.more)); continue }
        guard let parentB = parentOf[j.less] else { error(p, .unknownCriterion(j.less)); continue }
        if j.more == j.less { error(p, .judgementWithItself(j.more)); continue }
        if parentA != parentB { error(p, .notSiblings(j.more, j.less)); continue }
        if !j.value.isFinite { error(p, .notFinite(NumberText.plain(j.value))); continue }
        if j.value < 1.0 / 9 - 1e-9 || j.value > 9 + 1e-9 { error(p, .judgementOutOfScale(j.value)); continue }
        if !pairs.insert([j.more, j.less].sorted()).inserted { error(p, .duplicateJudgement(j.more, j.less)); continue }
        usable.append(j)
    }
    func checkGroup(_ siblings: [Criterion], parent: String?) {
        guard !siblings.isEmpty else { return }
        let members = siblings.map(\.id)
        let memberSet = Set(members)
        let mine = usable.filter { memberSet.contains($0.more) && memberSet.contains($0.less) }
        if !mine.isEmpty {
            let comparison = PairwiseComparison(elements: members, judgements: mine)
            if !comparison.isConnected {
                // Which members the first one cannot reach through judgements.
                var reached: Set<Int> = [0], stack = [0]
                while let i = stack.popLast() {
                    for j in members.indices where comparison.matrix[i][j] != nil && reached.insert(j).inserted { stack.append(j) }
                }
                error(path, .judgementsNotConnected(parent: parent, unreached: members.indices.filter { !reached.contains($0) }.map { members[$0] }))
            }
        }
        for s in siblings { checkGroup(s.children, parent: s.id) }
    }
    checkGroup(criteria, parent: nil)
}

private func validateScale(_ scale: Scale, at path: DossierPath, _ problems: inout [DossierProblem]) {
    func error(_ p: DossierPath, _ kind: DossierProblem.Kind) { problems.append(DossierProblem(.error, at: p, kind)) }
    switch scale {
    case .numeric(let s):
        for (field, x) in [(Field.worst, s.worst), (Field.best, s.best)] {
            if let x, let problem = Dossier.numberProblem(x) { error(path / field, problem) }
        }
        switch s.valueFunction {
        case .linear:
            if s.direction == nil { error(path, .directionRequired) }
            if let w = s.worst, let b = s.best, w == b { error(path / Field.best, .worstEqualsBest(w)) }
        case .piecewise(let points):
            if points.count < 2 { error(path / Field.points, .tooFewPoints) }
            for (i, p) in points.enumerated() {
                if let problem = Dossier.numberProblem(p.measurement) ?? (p.value.isFinite ? nil : .notFinite(NumberText.plain(p.value))) {
                    error(path / Field.points / i, problem)
                } else if !(0...100).contains(p.value) {
                    error(path / Field.points / i, .valueOutOfUnitRange(p.value))
                }
                if i > 0, !(points[i - 1].measurement < p.measurement) { error(path / Field.points / i, .pointsNotIncreasing) }
            }
        }
    case .qualitative(let q):
        if q.levels.count < 2 { error(path / Field.levels, .tooFewLevels) }
        var seen = Set<String>()
        for (i, level) in q.levels.enumerated() where !seen.insert(level).inserted {
            error(path / Field.levels / i, .duplicateLevel(level))
        }
        if let values = q.values {
            if values.count != q.levels.count { error(path / Field.values, .levelValueCount(levels: q.levels.count, values: values.count)) }
            for (i, v) in values.enumerated() where !(0...100).contains(v) {
                error(path / Field.values / i, v.isFinite ? .valueOutOfUnitRange(v) : .notFinite(NumberText.plain(v)))
            }
        }
    }
}

/// Checks one score against its scale. The path is built only when there is a problem: this runs
/// for every score of every option, so it must not allocate in the common case.
private func validateScore(_ score: Score, on scale: Scale, at path: () -> DossierPath, _ problems: inout [DossierProblem]) {
    func error(_ p: DossierPath, _ kind: DossierProblem.Kind) { problems.append(DossierProblem(.error, at: p, kind)) }
    guard let value = score.value else {
        if score.hasRange { error(path(), .missingWithValue) }
        return
    }
    if score.missingReason != nil { error(path(), .missingWithValue) }
    /// The position of a part on the scale's order (the number itself, or the level's index).
    func position(_ v: ScoreValue, field: String?) -> Double? {
        func at() -> DossierPath { field.map { path() / $0 } ?? path() }
        switch (scale, v) {
        case (.numeric(let s), .number(let x)):
            if let problem = Dossier.numberProblem(x) { error(at(), problem); return nil }
            if let (lo, hi) = s.domain, !(lo...hi).contains(x) { error(at(), .outsideScale(value: x, lower: lo, upper: hi)) }
            return x
        case (.numeric, .level(let t)):
            error(at(), .expectedNumber(found: t))
            return nil
        case (.qualitative(let q), .level(let t)):
            if let i = q.levels.firstIndex(of: t) { return Double(i) }
            error(at(), .expectedLevel(found: t, levels: q.levels))
            return nil
        case (.qualitative(let q), .number):
            let text = v.description
            if let i = q.levels.firstIndex(of: text) { return Double(i) }
            error(at(), .expectedLevel(found: text, levels: q.levels))
            return nil
        }
    }
    let v = position(value, field: nil)
    let low = score.low.flatMap { position($0, field: Field.low) }
    let high = score.high.flatMap { position($0, field: Field.high) }
    if let low, let high, low > high {
        error(path(), .rangeInverted(low: score.low?.description ?? "", high: score.high?.description ?? ""))
    } else if let v, (low.map { v < $0 } ?? false) || (high.map { v > $0 } ?? false) {
        error(path(), .valueOutsideRange(value: value.description, low: (score.low ?? value).description, high: (score.high ?? value).description))
    }
}

extension NumericScale {
    /// The interval of valid measurements, when the scale fixes one: the piecewise function's
    /// first and last point, or the explicit worst and best.
    public var domain: (Double, Double)? {
        switch valueFunction {
        case .piecewise(let points):
            guard let first = points.first, let last = points.last else { return nil }
            return (first.measurement, last.measurement)
        case .linear:
            guard let w = worst, let b = best else { return nil }
            return (min(w, b), max(w, b))
        }
    }
}

/// Identifiers: lower-case ASCII letters and digits in groups joined by single hyphens.
public enum Slug {
    public static func isValid(_ s: String) -> Bool {
        guard !s.isEmpty, s.count <= 80, !s.hasPrefix("-"), !s.hasSuffix("-"), !s.contains("--") else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// A slug made from a name: `"Betaalbaarheid & kosten"` → `betaalbaarheid-kosten`.
    public static func make(from name: String) -> String {
        var out = ""
        for ch in name.lowercased().folding() {
            if ch.isASCII, ch.isLetter || ch.isNumber { out.append(ch) } else if !out.hasSuffix("-"), !out.isEmpty { out.append("-") }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "x" : String(out.prefix(80))
    }

    /// A slug made from a name that is not `taken` and not `reserved`: `kosten`, `kosten-2`, …
    public static func unique(from name: String, reserved: Set<String> = [], taken: (String) -> Bool) -> String {
        let base = make(from: name)
        var candidate = base, n = 1
        while taken(candidate) || reserved.contains(candidate) {
            n += 1
            candidate = "\(base.prefix(76))-\(n)"
        }
        return candidate
    }
}

private extension String {
    /// Removes the common Dutch diacritics (ë → e) without Foundation.
    func folding() -> String {
        let table: [Character: Character] = ["à": "a", "á": "a", "ä": "a", "â": "a", "è": "e", "é": "e", "ë": "e", "ê": "e",
                                           "ì": "i", "í": "i", "ï": "i", "î": "i", "ò": "o", "ó": "o", "ö": "o", "ô": "o",
                                           "ù": "u", "ú": "u", "ü": "u", "û": "u", "ç": "c", "ñ": "n", "ĳ": "i"]
        return String(self.map { table[$0] ?? $0 })
    }
}

/// Calendar dates written `yyyy-mm-dd`.
public enum ISODate {
    public static func isValid(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m) else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return (1...days).contains(d)
    }
}
