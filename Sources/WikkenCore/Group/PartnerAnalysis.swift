/// Deciding with partners on a dossier: each partner's own result first, then the lenses that
/// combine them, how far they agree, what all can live with, and what would flip the choice.
///
/// A **partner** is a decision maker (`besluitvormers`) that owns at least one weight set
/// (`eigenaar`). A partner with several weight sets is a delegation: its weights are combined by
/// AIJ (``Delegation``, geometric mean of each leaf's global weight, renormalised) into one
/// result. Across partners the results are combined by ``GroupRanking`` (AIP and the voting
/// lenses), each partner counting equally unless partner weights are given. Weight sets without
/// an owner and decision makers without a weight set are named, not used.
public struct PartnerAnalysis: Sendable {
    public struct Partner: Sendable {
        public var id: String
        public var name: String
        /// The weight sets of the delegation (one or more).
        public var weightSets: [String]
        /// Global leaf weights, combined by AIJ for a delegation (sums to 1).
        public var leafWeights: [Double]
        /// The partner's own total per option (0–100), dossier order.
        public var totals: [Double]
        /// Competition ranks (1 = best) per option.
        public var ranks: [Int]
    }

    public enum Problem: Error, Equatable, Sendable {
        /// Fewer than two decision makers own a weight set; the ids of those that do.
        case tooFewPartners([String])
        /// A partner weight for an unknown partner, or a negative one.
        case partnerWeight(String)
        case analysis(MavtError)
    }

    public var optionIDs: [String]
    public var optionNames: [String]
    public var leafIDs: [String]
    public var partners: [Partner]
    /// Decision makers without a weight set, and weight sets without an owner: left out.
    public var withoutWeights: [String]
    public var withoutOwner: [String]
    public var group: GroupRanking
    /// Kendall's W over the partners' rankings (nil when every partner ties everything).
    public var kendallW: Double?
    /// Kendall's τ-b for each pair of partners (i < j), nil where undefined.
    public var pairs: [(a: Int, b: Int, tau: Double?)]
    /// Per leaf, how far the partners' global weights lie apart.
    public var weightSpread: [Agreement.Spread]
    public var fallback: FallbackBargaining.Result
    /// Every objection, by partner then option: the dissent register.
    public var objections: [Objection]
    /// The dossier's positions as given (acceptabel, kan ermee leven, bezwaar).
    public var positions: [Position]
    /// Each leaf's combined global weight: Σ w_p · W_p,leaf over the partners (a partner's own
    /// criteria weigh only through that partner). With shared scores the weighted total (AIP) is
    /// the MAVT total under these weights.
    public var combinedLeafWeights: [Double]
    /// The smallest change of one criterion's combined weight (the others rescaled in proportion)
    /// at which the weighted total's first two options tie; nil when none within 0–100%, or
    /// when missing scores are redistributed (the totals are then not linear in the weights).
    public var criterionFlip: CriterionFlip?

    public struct CriterionFlip: Sendable, Equatable {
        public var criterion: String
        /// The criterion's combined global weight now, and where the first two tie.
        public var weight: Double
        public var tiesAt: Double
        public var first: Int
        public var challenger: Int
    }

    /// A partner's objection to an option, with its reason when the dossier states one (one given
    /// on the command line has none).
    public struct Objection: Sendable, Equatable {
        public var partner: Int
        public var option: Int
        public var reason: String?
    }

    /// Options no partner objects to, in dossier order.
    public var unobjected: [Int] {
        optionIDs.indices.filter { i in !objections.contains { $0.option == i } }
    }

    /// The decision makers that own at least one weight set: the dossier's partners, in order.
    public static func partners(of dossier: Dossier) -> [DecisionMaker] {
        dossier.decisionMakers.filter { m in dossier.weightSets.contains { $0.owner == m.id } }
    }

    /// - Parameters:
    ///   - partnerWeights: weight per partner id; missing partners get 1; nil: all equal.
    ///   - objections: per partner id, more option ids it objects to (*bezwaar*), besides the
    ///     dossier's own positions (`standpunten`); both count in fallback bargaining.
    public static func analyse(_ dossier: Dossier, missingRule: MissingRule = .refuse, partnerWeights: [String: Double]? = nil,
                               objections: [String: Set<String>] = [:]) throws(Problem) -> PartnerAnalysis {
        let owned = partners(of: dossier)
        guard owned.count >= 2 else { throw .tooFewPartners(owned.map(\.id)) }
        if let partnerWeights {
            for (id, w) in partnerWeights where !owned.contains(where: { $0.id == id }) || !w.isFinite || w < 0 { throw .partnerWeight(id) }
        }
        let result: MavtResult
        do { result = try Mavt.analyse(dossier, missingRule: missingRule) } catch { throw .analysis(error) }

        // Each delegation of several sets gets a combined set, computed by MAVT like any other.
        var combinedDossier = dossier
        var combinedID: [String: String] = [:]
        for m in owned {
            let sets = dossier.weightSets.filter { $0.owner == m.id }
            guard sets.count > 1 else { continue }
            let rows = sets.compactMap { result.weightSet($0.id)?.leafWeights }
            let leaves = Delegation.combinedWeights(rows) ?? rows[0]
            // An id no weight set of the dossier has (validation would refuse a second one).
            var id = "aij-" + m.id
            while combinedDossier.weightSets.contains(where: { $0.id == id }) { id += "-x" }
            combinedID[m.id] = id
            combinedDossier.weightSets.append(Self.directSet(id: id, name: m.name, owner: m.id, leafWeights: leaves, leafIDs: result.leafIDs, criteria: dossier.criteria))
        }
        let combined: MavtResult
        if combinedID.isEmpty {
            combined = result
        } else {
            do { combined = try Mavt.analyse(combinedDossier, missingRule: missingRule) } catch { throw .analysis(error) }
        }

        let partners = owned.map { m -> Partner in
            let setIDs = dossier.weightSets.filter { $0.owner == m.id }.map(\.id)
            let own = combined.weightSet(combinedID[m.id] ?? setIDs[0])
            return Partner(id: m.id, name: m.name, weightSets: setIDs, leafWeights: own?.leafWeights ?? [], totals: own?.totals ?? [],
                           ranks: own?.rankOfOption ?? [])
        }
        let group: GroupRanking
        do {
            group = try GroupRanking(partners: partners.map(\.id), values: partners.map(\.totals),
                                     weights: partnerWeights.map { given in partners.map { given[$0.id] ?? 1 } }, tolerance: Mavt.tieTolerance)
        } catch {
            throw .partnerWeight(partnerWeights?.first(where: { $0.value == 0 })?.key ?? "")
        }
        let index = Dictionary(uniqueKeysWithValues: dossier.options.enumerated().map { ($1.id, $0) })
        var vetoes = objections
        for p in dossier.positions where p.mark == .objection { vetoes[p.partner, default: []].insert(p.option) }
        let combinedLeaves = result.leafIDs.indices.map { j in zip(group.weights, partners).reduce(0) { $0 + $1.0 * ($1.1.leafWeights.indices.contains(j) ? $1.1.leafWeights[j] : 0) } }
        var pairs: [(a: Int, b: Int, tau: Double?)] = []
        for a in partners.indices { for b in partners.indices where b > a { pairs.append((a, b, RankCorrelation.kendallTauB(partners[a].totals, partners[b].totals))) } }
        return PartnerAnalysis(
            optionIDs: result.optionIDs, optionNames: dossier.options.map(\.name), leafIDs: result.leafIDs, partners: partners,
            withoutWeights: dossier.decisionMakers.filter { m in !owned.contains { $0.id == m.id } }.map(\.id),
            withoutOwner: dossier.weightSets.filter { set in set.owner.map { o in !owned.contains { $0.id == o } } ?? true }.map(\.id),
            group: group, kendallW: Agreement.kendallW(values: group.values, tolerance: Mavt.tieTolerance), pairs: pairs,
            weightSpread: Agreement.spread(partners.map(\.leafWeights)),
            fallback: FallbackBargaining.run(values: group.values, vetoed: partners.map { p in Set((vetoes[p.id] ?? []).compactMap { index[$0] }) },
                                             tolerance: Mavt.tieTolerance),
            objections: partners.indices.flatMap { p in
                dossier.options.indices.compactMap { i -> Objection? in
                    guard vetoes[partners[p].id]?.contains(dossier.options[i].id) == true else { return nil }
                    let stated = dossier.positions.first { $0.partner == partners[p].id && $0.option == dossier.options[i].id && $0.mark == .objection }
                    return Objection(partner: p, option: i, reason: stated?.reason)
                }
            },
            positions: dossier.positions, combinedLeafWeights: combinedLeaves,
            criterionFlip: missingRule == .renormalise ? nil : Self.criterionFlip(dossier, leafWeights: combinedLeaves, leafIDs: result.leafIDs, missingRule: missingRule))
    }

    /// One-way sensitivity (``WeightSensitivity``) of the combined weights: they become a direct
    /// weight set over the whole tree (own criteria included, so their owners cleared).
    static func criterionFlip(_ dossier: Dossier, leafWeights: [Double], leafIDs: [String], missingRule: MissingRule) -> CriterionFlip? {
        var together = dossier
        for k in together.criteria.indices { together.criteria[k].owner = nil }
        together.weightSets = [directSet(id: "samen", name: "Samen", owner: nil, leafWeights: leafWeights, leafIDs: leafIDs, criteria: together.criteria)]
        guard let result = try? Mavt.analyse(together, missingRule: missingRule) else { return nil }
        let sensitivity = WeightSensitivity.analyse(together, result, weightSet: 0)
        guard let swap = sensitivity.smallestSwap, let at = swap.swapFirstTwoAt, let second = sensitivity.second else { return nil }
        return CriterionFlip(criterion: swap.criterion, weight: swap.weight, tiesAt: at, first: sensitivity.top, challenger: second)
    }

    public var level: Agreement.Level? { kendallW.map(Agreement.Level.init(w:)) }

    /// A direct weight set that reproduces global leaf weights in a criteria tree: each criterion
    /// weighs the sum of its leaves; a group whose parent weighs nothing gets equal weights
    /// (they cannot matter). Other partners' own criteria are left out, as for any set of `owner`.
    static func directSet(id: String, name: String, owner: String?, leafWeights: [Double], leafIDs: [String], criteria: [Criterion]) -> WeightSet {
        let leaf = Dictionary(uniqueKeysWithValues: zip(leafIDs, leafWeights))
        var weights: [String: Double] = [:]
        func total(_ c: Criterion) -> Double {
            c.isLeaf ? (leaf[c.id] ?? 0) : c.children.reduce(0) { $0 + total($1) }
        }
        func assign(_ group: [Criterion]) {
            let totals = group.map(total)
            let sum = totals.reduce(0, +)
            for (c, t) in zip(group, totals) {
                weights[c.id] = sum > 0 ? t : 1
                if !c.isLeaf { assign(c.children) }
            }
        }
        assign(Criterion.weighed(by: owner, in: criteria))
        return WeightSet(id: id, name: name, owner: owner, description: "AIJ: meetkundig gemiddelde van de wegingen van \(name)", method: .direct, weights: weights)
    }
}
