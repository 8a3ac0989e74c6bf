/// What one partner owns in a dossier — its weight sets (`eigenaar`) and its positions
/// (`standpunten`) — and how a dossier takes a new version of that part and nothing else. The web
/// app lets a partner organisation change exactly this, blind or open.
public struct PartnerPart: Equatable, Sendable {
    public var partner: String
    public var weightSets: [WeightSet]
    public var positions: [Position]

    public init(partner: String, weightSets: [WeightSet], positions: [Position]) {
        self.partner = partner
        self.weightSets = weightSets
        self.positions = positions
    }
}

extension Dossier {
    /// The decision maker that speaks for the organisation called `name`: the one whose
    /// `organisatie` is that name, compared as ``OrganisationName/normalised(_:)`` does.
    public func decisionMaker(forOrganisation name: String) -> DecisionMaker? {
        let wanted = OrganisationName.normalised(name)
        guard !wanted.isEmpty else { return nil }
        return decisionMakers.first { $0.organisation.map(OrganisationName.normalised) == wanted }
    }

    /// The weight sets and positions of `partner`, in dossier order.
    public func part(of partner: String) -> PartnerPart {
        PartnerPart(partner: partner, weightSets: weightSets.filter { $0.owner == partner }, positions: positions.filter { $0.partner == partner })
    }

    /// This dossier with `part` in place of the partner's own part: each of its weight sets takes
    /// the given weights (a set of another owner is never touched, a set the part names that the
    /// dossier does not have is added at the end, owned by the partner), and its positions are
    /// replaced. Everything else stays as it is.
    public func replacing(_ part: PartnerPart) -> Dossier {
        var result = self
        for set in part.weightSets {
            var owned = set
            owned.owner = part.partner
            if let k = result.weightSets.firstIndex(where: { $0.id == set.id }) {
                guard result.weightSets[k].owner == part.partner else { continue }
                result.weightSets[k] = owned
            } else {
                result.weightSets.append(owned)
            }
        }
        // Positions keep their place among the others': the partner's old ones go, its new ones
        // come where its first one was (or at the end).
        let first = result.positions.firstIndex { $0.partner == part.partner } ?? result.positions.count
        let before = result.positions[..<first].filter { $0.partner != part.partner }
        let after = result.positions[first...].filter { $0.partner != part.partner }
        result.positions = Array(before) + part.positions.map { var p = $0; p.partner = part.partner; return p } + Array(after)
        return result
    }
}
