/// A path into a dossier as its file spells it, e.g. `opties[2].scores.betaalbaarheid`.
///
/// Components use the file format's (Dutch) keys; indices are 0-based, as in JSON Pointer and jq.
public struct DossierPath: Hashable, Sendable, CustomStringConvertible, Comparable {
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    public static let root = DossierPath()

    public func appending(_ key: String) -> DossierPath { DossierPath(components + [.key(key)]) }
    public func appending(_ index: Int) -> DossierPath { DossierPath(components + [.index(index)]) }
    public static func / (lhs: DossierPath, rhs: String) -> DossierPath { lhs.appending(rhs) }
    public static func / (lhs: DossierPath, rhs: Int) -> DossierPath { lhs.appending(rhs) }

    public var parent: DossierPath? {
        components.isEmpty ? nil : DossierPath(Array(components.dropLast()))
    }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let k): text += text.isEmpty ? k : "." + k
            case .index(let i): text += "[\(i)]"
            }
        }
        return text.isEmpty ? "(dossier)" : text
    }

    public static func < (lhs: DossierPath, rhs: DossierPath) -> Bool { lhs.description < rhs.description }
}

extension DossierPath {
    /// True when this path is `other` or lies below it.
    public func isWithin(_ other: DossierPath) -> Bool {
        components.count >= other.components.count && Array(components.prefix(other.components.count)) == other.components
    }
}
