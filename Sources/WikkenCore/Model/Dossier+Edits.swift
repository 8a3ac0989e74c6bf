/// Edits of the criteria tree and the weight sets that keep every reference consistent: a new
/// criterion gets what each weight set needs to stay complete, a removed criterion takes its
/// scores, weights, ranks and judgements along, and stories about it stay (only the link goes).
///
/// Each edit either changes the dossier and returns what it did, or throws an ``EditError`` and
/// leaves the dossier as it was. The caller still validates the result (``Dossier/validate()``).
extension Dossier {
    /// What one weight set needs when a criterion is added to a sibling group.
    public enum NewCriterionNeed: Equatable, Sendable {
        /// The group has no explicit weights in this set (equal weights); nothing to ask.
        case nothing
        /// Direct or SWING weights: a weight for the new criterion, on the same footing as its
        /// siblings (which are listed with their current weights).
        case weight(siblings: [(id: String, weight: Double)])
        /// A rank order: the new criterion is placed last in its group (least important).
        case lastInRanking
        /// Pairwise judgements: one judgement of the new criterion against `sibling` (Saaty
        /// scale, 1/9…9), so the group stays connected.
        case judgement(against: String)

        public static func == (a: Self, b: Self) -> Bool {
            switch (a, b) {
            case (.nothing, .nothing), (.lastInRanking, .lastInRanking): return true
            case let (.weight(x), .weight(y)): return x.map(\.id) == y.map(\.id) && x.map(\.weight) == y.map(\.weight)
            case let (.judgement(x), .judgement(y)): return x == y
            default: return false
            }
        }
    }

    public enum EditError: Error, Equatable, Sendable {
        case unknownCriterion(String)
        case unknownWeightSet(String)
        /// New criteria go at the top level or under a criterion that already has children:
        /// a leaf that got children would lose its scores.
        case parentIsLeaf(String)
        /// Removing it would leave its parent (`parent`) without children, or the tree empty.
        case lastChild(parent: String?)
        case lastWeightSet
        /// A weight set needs a value for the new criterion (see ``NewCriterionNeed``).
        case valueNeeded(weightSet: String)
        case invalidValue(weightSet: String)
    }

    /// The siblings a new criterion under `parent` joins (top level when `parent` is nil).
    func siblings(under parent: String?) throws -> [Criterion] {
        guard let parent else { return criteria }
        guard let p = criterion(parent) else { throw EditError.unknownCriterion(parent) }
        guard !p.isLeaf else { throw EditError.parentIsLeaf(parent) }
        return p.children
    }

    /// Per weight set (in dossier order), what it needs for a new criterion under `parent`.
    public func needsForNewCriterion(under parent: String?) throws -> [(weightSet: String, need: NewCriterionNeed)] {
        let group = try siblings(under: parent).map(\.id)
        return weightSets.map { set in
            switch set.method {
            case .direct, .swing:
                let given = group.compactMap { id in set.weights[id].map { (id: id, weight: $0) } }
                return (set.id, given.isEmpty ? .nothing : .weight(siblings: given))
            case .rankOrder(_, let ranking):
                let ranked = Set(ranking.joined())
                return (set.id, group.contains(where: ranked.contains) ? .lastInRanking : .nothing)
            case .pairwise(let judgements):
                let members = Set(group)
                let used = judgements.contains { members.contains($0.more) && members.contains($0.less) }
                return (set.id, used ? .judgement(against: group[0]) : .nothing)
            }
        }
    }

    /// Adds `criterion` (with its children, if any) at the end of the group under `parent`.
    /// `values` gives, per weight set that needs one, the weight (direct, SWING) or the judgement
    /// of the new criterion against the named sibling (pairwise; above 1 means the new one is
    /// more important). Options get no score for a new leaf: that is shown as "not given".
    public mutating func addCriterion(_ criterion: Criterion, under parent: String?, values: [String: Double]) throws {
        var sets = weightSets
        for (k, (setID, need)) in try needsForNewCriterion(under: parent).enumerated() {
            switch need {
            case .nothing: break
            case .lastInRanking:
                if case .rankOrder(let formula, var ranking) = sets[k].method {
                    ranking.append([criterion.id])
                    sets[k].method = .rankOrder(formula, ranking: ranking)
                }
            case .weight:
                guard let w = values[setID] else { throw EditError.valueNeeded(weightSet: setID) }
                guard w.isFinite, w >= 0 else { throw EditError.invalidValue(weightSet: setID) }
                sets[k].weights[criterion.id] = w
            case .judgement(let sibling):
                guard let v = values[setID] else { throw EditError.valueNeeded(weightSet: setID) }
                guard v.isFinite, v >= 1.0 / 9 - 1e-9, v <= 9 + 1e-9 else { throw EditError.invalidValue(weightSet: setID) }
                if case .pairwise(var judgements) = sets[k].method {
                    judgements.append(v >= 1 ? Judgement(criterion.id, sibling, v) : Judgement(sibling, criterion.id, 1 / v))
                    sets[k].method = .pairwise(judgements)
                }
            }
        }
        if let parent {
            func insert(_ list: inout [Criterion]) {
                for i in list.indices {
                    if list[i].id == parent { list[i].children.append(criterion); return }
                    insert(&list[i].children)
                }
            }
            insert(&criteria)
        } else {
            criteria.append(criterion)
        }
        weightSets = sets
    }

    /// What removing a criterion took along, for the revision summary.
    public struct Removal: Equatable, Sendable {
        /// The criterion and everything below it.
        public var criteria: [String]
        public var scores: Int
        /// Stories that were about one of the criteria; they stay, without that link.
        public var storiesUnlinked: Int
    }

    /// Removes a criterion and its subtree, with the scores, weights, ranks and judgements on
    /// them. Refuses the last child of a group (the parent would become a leaf without a scale)
    /// and the last criterion.
    @discardableResult
    public mutating func removeCriterion(_ id: String) throws -> Removal {
        guard let target = criterion(id) else { throw EditError.unknownCriterion(id) }
        let parent = allCriteria.first { $0.children.contains { $0.id == id } }
        if (parent?.children.count ?? criteria.count) == 1 { throw EditError.lastChild(parent: parent?.id) }
        var gone: [String] = []
        func collect(_ c: Criterion) { gone.append(c.id); c.children.forEach(collect) }
        collect(target)
        let removed = Set(gone)

        func prune(_ list: inout [Criterion]) {
            list.removeAll { $0.id == id }
            for i in list.indices { prune(&list[i].children) }
        }
        prune(&criteria)
        var scores = 0
        for i in options.indices {
            for key in options[i].scores.keys where removed.contains(key) {
                options[i].scores[key] = nil
                scores += 1
            }
        }
        for k in weightSets.indices {
            weightSets[k].weights = weightSets[k].weights.filter { !removed.contains($0.key) }
            switch weightSets[k].method {
            case .direct, .swing: break
            case .rankOrder(let formula, let ranking):
                weightSets[k].method = .rankOrder(formula, ranking: ranking.map { $0.filter { !removed.contains($0) } }.filter { !$0.isEmpty })
            case .pairwise(let judgements):
                weightSets[k].method = .pairwise(judgements.filter { !removed.contains($0.more) && !removed.contains($0.less) })
            }
        }
        var unlinked = 0
        for i in narratives.indices where narratives[i].criterion.map(removed.contains) == true {
            narratives[i].criterion = nil
            unlinked += 1
        }
        return Removal(criteria: gone, scores: scores, storiesUnlinked: unlinked)
    }

    /// Adds a weight set for a new stakeholder or perspective: a copy of `copyOf` (its method and
    /// weights), or equal weights everywhere (direct, no numbers yet). Returns its new id, made
    /// from the name and unique in the dossier (and not one of `reserved`, e.g. a word a web
    /// address uses).
    @discardableResult
    public mutating func addWeightSet(name: String, owner: String?, description: String?, copyOf: String?, reserved: Set<String> = []) throws -> String {
        var set = WeightSet(id: "", name: name, owner: owner, description: description)
        if let copyOf {
            guard let source = weightSet(copyOf) else { throw EditError.unknownWeightSet(copyOf) }
            set.method = source.method
            set.weights = source.weights
        }
        let id = Slug.unique(from: name, reserved: reserved) { weightSet($0) != nil }
        set.id = id
        weightSets.append(set)
        return id
    }

    /// Removes a weight set; the last one stays (an analysis needs one).
    public mutating func removeWeightSet(_ id: String) throws {
        guard weightSet(id) != nil else { throw EditError.unknownWeightSet(id) }
        guard weightSets.count > 1 else { throw EditError.lastWeightSet }
        weightSets.removeAll { $0.id == id }
    }
}
