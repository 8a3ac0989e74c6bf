/// A node of the criteria tree. Leaves carry a ``Scale`` and are scored; parents group children
/// and carry no scale.
public struct Criterion: Equatable, Sendable {
    public var id: String
    public var name: String
    public var description: String?
    /// The measurement scale; required on leaves, absent on parents.
    public var scale: Scale?
    public var children: [Criterion]

    public init(id: String, name: String, description: String? = nil, scale: Scale? = nil, children: [Criterion] = []) {
        self.id = id
        self.name = name
        self.description = description
        self.scale = scale
        self.children = children
    }

    public var isLeaf: Bool { children.isEmpty }
}
