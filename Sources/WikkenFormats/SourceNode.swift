import WikkenCore

/// A parsed YAML or JSON document that remembers where each part stood (1-based line and column).
/// Both syntaxes read into this one tree, so the dossier reader has a single code path.
indirect enum SourceNode {
    /// How deep objects and lists may nest in a dossier file (a dossier needs about 20 levels
    /// for a deep criteria tree); beyond it the file is refused with the place.
    static let maxDepth = 64
    /// How many values a YAML file may hold once its aliases are expanded.
    static let maxNodes = 500_000

    case mapping([Entry], Mark)
    case list([SourceNode], Mark)
    case scalar(Scalar, Mark)

    struct Mark: Equatable {
        var line: Int
        var column: Int
    }

    struct Entry {
        var key: String
        var keyMark: Mark
        var value: SourceNode
    }

    struct Scalar {
        enum Kind: Equatable {
            case string
            case number(Double)
            case nonFinite
            case boolean(Bool)
            case null
        }
        /// The text as written (without quotes).
        var text: String
        var kind: Kind
    }

    var mark: Mark {
        switch self {
        case .mapping(_, let m), .list(_, let m), .scalar(_, let m): return m
        }
    }

    var valueKind: DossierProblem.ValueKind {
        switch self {
        case .mapping: return .mapping
        case .list: return .list
        case .scalar(let s, _):
            switch s.kind {
            case .string: return .text
            case .number, .nonFinite: return .number
            case .boolean: return .boolean
            case .null: return .nothing
            }
        }
    }
}

/// A syntax error with its position, from either parser.
struct SyntaxError: Error {
    var message: String
    var mark: SourceNode.Mark
    /// Set when the YAML parser refused a mapping with a repeated key.
    var duplicateKey: String? = nil
}
