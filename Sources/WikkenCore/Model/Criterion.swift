/// A node of the criteria tree. Leaves carry a ``Scale`` and are scored; parents group children
/// and carry no scale.
public struct Criterion: Equatable, Sendable {
    public var id: String
    public var name: String
    public var description: String?
    /// The measurement scale; required on leaves, absent on parents.
    public var scale: Scale?
    /// How PROMETHEE compares two options on this leaf; `nil` means the usual criterion (type I).
    public var preference: PreferenceFunction?
    public var children: [Criterion]
    /// A partner's own criterion (*eigenaar*, MAMCA): only weight sets of that decision maker
    /// weigh it, so it counts only in that partner's own result. Top level only.
    public var owner: String?

    public init(id: String, name: String, description: String? = nil, scale: Scale? = nil, preference: PreferenceFunction? = nil, children: [Criterion] = [],
                owner: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.scale = scale
        self.preference = preference
        self.children = children
        self.owner = owner
    }

    public var isLeaf: Bool { children.isEmpty }

    /// The top-level criteria a weight set of `owner` weighs: all but the own criteria of other
    /// partners (MAMCA: a partner's extra criteria count only in its own result).
    public static func weighed(by owner: String?, in criteria: [Criterion]) -> [Criterion] {
        criteria.filter { $0.owner == nil || $0.owner == owner }
    }
}
