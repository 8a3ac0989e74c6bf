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

    public init(id: String, name: String, description: String? = nil, scale: Scale? = nil, preference: PreferenceFunction? = nil, children: [Criterion] = []) {
        self.id = id
        self.name = name
        self.description = description
        self.scale = scale
        self.preference = preference
        self.children = children
    }

    public var isLeaf: Bool { children.isEmpty }
}
