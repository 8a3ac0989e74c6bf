/// Building a dossier step by step (the web app's *stap voor stap*): a dossier may be stored
/// while it is still being built — without options, criteria, scales or a weight set — and every
/// step is a revision. Analyses refuse such a dossier as they refuse any invalid one
/// (``Mavt/analyse(_:missingRule:)`` validates first); ``Dossier/openStep`` says what is still to do.
extension DossierProblem.Kind {
    /// A problem that only says the dossier is not finished yet: no options, no criteria, no
    /// weight set, or a criterion without a scale. A store may keep a dossier with these (and
    /// only these) errors; it cannot be analysed until they are gone.
    public var meansUnfinished: Bool {
        switch self {
        case .noCriteria, .noOptions, .noWeightSets, .leafWithoutScale: return true
        default: return false
        }
    }
}

extension Dossier {
    /// The errors that stop the dossier from being stored: all of ``validate()``'s errors but
    /// those that only say it is unfinished (``DossierProblem/Kind/meansUnfinished``).
    public func blockingProblems() -> [DossierProblem] {
        validate().filter { $0.severity == .error && !$0.kind.meansUnfinished }
    }

    /// The steps of building a dossier, in order, with the words the web addresses use.
    public enum Step: String, CaseIterable, Sendable {
        case question = "vraag", options = "opties", criteria = "criteria", scales = "schalen", scores = "scores", weights = "wegingen"

        /// The step after this one, nil after the last.
        public var next: Step? {
            let all = Step.allCases
            guard let i = all.firstIndex(of: self), i + 1 < all.count else { return nil }
            return all[i + 1]
        }
    }

    /// The first step that still lacks what an analysis needs, or nil when none does. Scores
    /// are not required: a missing score is a state the dossier's rule handles.
    public var openStep: Step? {
        if options.isEmpty { return .options }
        if criteria.isEmpty { return .criteria }
        if leafCriteria.contains(where: { $0.scale == nil }) { return .scales }
        if weightSets.isEmpty { return .weights }
        return nil
    }

    /// The start of a dossier: only its title and question; the id is made from the title.
    public static func draft(title: String, question: String) -> Dossier {
        Dossier(id: Slug.make(from: title), title: title, question: question)
    }

    /// The longest option or criterion name a step takes, in characters.
    public static let maxNameLength = 120
    /// The most options, or criteria, one step takes.
    public static let maxStepItems = 200

    /// Why a list of names typed in a step cannot be taken, with the line (1-based) it is on.
    public enum StepError: Error, Equatable, Sendable {
        case tooLong(line: Int)
        case tooMany(limit: Int)
        case duplicateName(line: Int, name: String)
        /// A criterion indented more than one level below the line above it (or the first line indented).
        case levelSkipped(line: Int)
        case tooDeep(line: Int)
        case empty
    }

    static func key(_ name: String) -> String { name.lowercased() }

    /// The names of a step's text: one per line, blank lines skipped, each trimmed.
    static func lines(_ text: String) -> [(line: Int, text: String)] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated().compactMap { i, raw in
            let t = Self.trim(raw)
            return t.isEmpty ? nil : (i + 1, t)
        }
    }

    /// Sets the options to the names typed, one per line, in that order. An option whose name is
    /// typed again (ignoring case) keeps its id, description and scores; a new name gets a new id;
    /// options no longer named go, with the stories about them. Returns the names that went.
    @discardableResult
    public mutating func setOptions(fromLines text: String) throws(StepError) -> [String] {
        let typed = Self.lines(text)
        guard !typed.isEmpty else { throw .empty }
        guard typed.count <= Self.maxStepItems else { throw .tooMany(limit: Self.maxStepItems) }
        var seen: Set<String> = []
        for (line, name) in typed {
            guard name.count <= Self.maxNameLength else { throw .tooLong(line: line) }
            guard seen.insert(Self.key(name)).inserted else { throw .duplicateName(line: line, name: name) }
        }
        let existing = Dictionary(firstValues: options.map { (Self.key($0.name), $0) })
        let oldIDs = Set(options.map(\.id))
        var ids: Set<String> = []
        var next: [Option] = []
        for (_, name) in typed {
            if var option = existing[Self.key(name)] {
                option.name = name
                next.append(option)
                ids.insert(option.id)
            } else {
                let id = Slug.unique(from: name, reserved: Self.reservedIDs) { ids.contains($0) || oldIDs.contains($0) }
                next.append(Option(id: id, name: name))
                ids.insert(id)
            }
        }
        let gone = options.filter { !ids.contains($0.id) }
        options = next
        narratives.removeAll { $0.option.map { id in !ids.contains(id) } ?? false }
        positions.removeAll { !ids.contains($0.option) }
        return gone.map(\.name)
    }

    /// Words the web addresses use in a dossier; no option, criterion or weight set takes them as id.
    public static let reservedIDs: Set<String> = ["nieuw"]

    /// The criteria tree as lines for ``setCriteria(fromOutline:)``: each criterion on its own
    /// line, with one dash per level below the top (`- Huurders`, `-- Jongeren`).
    public var criteriaOutline: String {
        allCriteriaWithDepth.map { String(repeating: "-", count: $0.depth) + ($0.depth > 0 ? " " : "") + $0.criterion.name }.joined(separator: "\n")
    }

    /// All criteria depth first with their depth (0 at the top).
    public var allCriteriaWithDepth: [(criterion: Criterion, depth: Int)] { Self.withDepth(criteria) }

    /// The criteria a weight set of `owner` weighs (all but other partners' own criteria, see
    /// ``Criterion/weighed(by:in:)``), depth first with their depth: what its weights form shows.
    public func criteriaWithDepth(weighedBy owner: String?) -> [(criterion: Criterion, depth: Int)] {
        Self.withDepth(Criterion.weighed(by: owner, in: criteria))
    }

    static func withDepth(_ roots: [Criterion]) -> [(criterion: Criterion, depth: Int)] {
        var result: [(Criterion, Int)] = []
        func visit(_ c: Criterion, _ depth: Int) {
            result.append((c, depth))
            c.children.forEach { visit($0, depth + 1) }
        }
        roots.forEach { visit($0, 0) }
        return result
    }

    /// Sets the criteria tree to an outline: one criterion per line, a dash per level below the
    /// top (`Betaalbaarheid`, `- Huurprijs`, `- Woonlasten`). A criterion named again (ignoring
    /// case) keeps its id, description, and — while it stays without subcriteria — its scale,
    /// preference function and scores. Criteria no longer named go, with their scores and their
    /// weights, ranks and judgements in every weight set; stories about them stay, unlinked.
    /// Returns the names that went.
    @discardableResult
    public mutating func setCriteria(fromOutline text: String) throws(StepError) -> [String] {
        let typed = Self.lines(text)
        guard !typed.isEmpty else { throw .empty }
        guard typed.count <= Self.maxStepItems else { throw .tooMany(limit: Self.maxStepItems) }
        var entries: [(line: Int, depth: Int, name: String)] = []
        var seen: Set<String> = []
        var previousDepth = -1
        for (line, raw) in typed {
            let depth = raw.prefix { $0 == "-" }.count
            let name = Self.trim(raw.dropFirst(depth))
            guard !name.isEmpty else { continue }
            guard name.count <= Self.maxNameLength else { throw .tooLong(line: line) }
            guard depth <= previousDepth + 1 else { throw .levelSkipped(line: line) }
            guard depth < Self.maxCriteriaDepth else { throw .tooDeep(line: line) }
            guard seen.insert(Self.key(name)).inserted else { throw .duplicateName(line: line, name: name) }
            entries.append((line, depth, name))
            previousDepth = depth
        }
        guard !entries.isEmpty else { throw .empty }

        let existing = Dictionary(firstValues: allCriteria.map { (Self.key($0.name), $0) })
        let oldIDs = Set(allCriteria.map(\.id))
        var ids: Set<String> = []
        // Build the tree from the flat list: each entry's children are the entries right below
        // it that are one level deeper.
        var index = 0
        func build(depth: Int) -> [Criterion] {
            var list: [Criterion] = []
            while index < entries.count, entries[index].depth == depth {
                let entry = entries[index]
                index += 1
                var c: Criterion
                if let old = existing[Self.key(entry.name)] {
                    // A partner's own criterion stays its own while it stays at the top (only there may it have an owner).
                    c = Criterion(id: old.id, name: entry.name, description: old.description, scale: old.scale, preference: old.preference,
                                  owner: depth == 0 ? old.owner : nil)
                } else {
                    let id = Slug.unique(from: entry.name, reserved: Self.reservedIDs) { ids.contains($0) || oldIDs.contains($0) }
                    c = Criterion(id: id, name: entry.name)
                }
                ids.insert(c.id)
                c.children = build(depth: depth + 1)
                if !c.children.isEmpty { c.scale = nil; c.preference = nil }
                list.append(c)
            }
            return list
        }
        let tree = build(depth: 0)
        let gone = allCriteria.filter { !ids.contains($0.id) }
        let leaves = Set(Self.leaves(of: tree))
        criteria = tree
        // Scores only on leaves; weights, ranks and judgements only on criteria that remain.
        for i in options.indices { options[i].scores = options[i].scores.filter { leaves.contains($0.key) } }
        for k in weightSets.indices {
            weightSets[k].weights = weightSets[k].weights.filter { ids.contains($0.key) }
            switch weightSets[k].method {
            case .direct, .swing: break
            case .rankOrder(let formula, let ranking):
                weightSets[k].method = .rankOrder(formula, ranking: ranking.map { $0.filter { ids.contains($0) } }.filter { !$0.isEmpty })
            case .pairwise(let judgements):
                weightSets[k].method = .pairwise(judgements.filter { ids.contains($0.more) && ids.contains($0.less) })
            }
        }
        for i in narratives.indices where narratives[i].criterion.map({ !ids.contains($0) }) == true { narratives[i].criterion = nil }
        return gone.map(\.name)
    }

    /// The text without spaces and tabs at either end (no Foundation in the core).
    static func trim<S: StringProtocol>(_ s: S) -> String {
        String(s.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    static func leaves(of tree: [Criterion]) -> [String] {
        tree.flatMap { $0.isLeaf ? [$0.id] : leaves(of: $0.children) }
    }
}
