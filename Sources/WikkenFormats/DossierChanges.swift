import WikkenCore

/// One difference between two versions of a dossier, in the file's own terms.
public struct DossierChange: Equatable, Sendable {
    public enum Kind: Sendable, Equatable { case added, removed, changed }

    /// Where, as a path of the file's field names, listed things by id: `opties[x].scores.c`.
    public var path: String
    /// Where, for people (Dutch): "Optie ‘Renovatie’ · score op ‘Kosten’".
    public var place: String
    public var kind: Kind
    /// The value before and after, on one line as the file writes it (nil where it did not exist).
    public var before: String?
    public var after: String?

    public init(path: String, place: String, kind: Kind, before: String?, after: String?) {
        self.path = path
        self.place = place
        self.kind = kind
        self.before = before
        self.after = after
    }
}

/// What changed between two versions of a dossier, field by field: the readable difference the
/// history shows. Things with an id (options, criteria, weight sets, stories, decision makers) are
/// matched by id, so a reordering is no change and an added option is one line, not twenty. A
/// score, a scale, a preference function, a ranking and judgements each count as one field.
public enum DossierChanges {
    public static func between(_ old: Dossier, _ new: Dossier) -> [DossierChange] {
        let names = criterionNames(old).merging(criterionNames(new)) { _, newer in newer }
        let a = Flattened(DossierWriter.node(old), names: names), b = Flattened(DossierWriter.node(new), names: names)
        var changes: [DossierChange] = []
        // Whole things added or removed stand for everything inside them.
        let gone = a.items.subtracting(b.items), came = b.items.subtracting(a.items)
        func inside(_ path: String, _ items: Set<String>) -> Bool { items.contains { path.hasPrefix($0 + ".") || path.hasPrefix($0 + "[") } }
        for path in a.order where !inside(path, gone) && !inside(path, came) {
            guard let before = a.values[path] else { continue }
            if let after = b.values[path] {
                if after != before { changes.append(DossierChange(path: path, place: b.places[path] ?? path, kind: .changed, before: before, after: after)) }
            } else {
                changes.append(DossierChange(path: path, place: a.places[path] ?? path, kind: .removed, before: before, after: nil))
            }
        }
        for path in b.order where a.values[path] == nil && !inside(path, came) {
            guard let after = b.values[path] else { continue }
            changes.append(DossierChange(path: path, place: b.places[path] ?? path, kind: .added, before: nil, after: after))
        }
        return changes
    }

    static func criterionNames(_ d: Dossier) -> [String: String] {
        Dictionary(firstValues: d.allCriteria.map { ($0.id, $0.name) })
    }

    /// A dossier's file tree as fields: path → one-line value, in file order. An item of a list
    /// with ids has an entry of its own (its name) besides its fields.
    struct Flattened {
        var values: [String: String] = [:]
        var places: [String: String] = [:]
        /// Paths of items with an id (the item's own entry).
        var items: Set<String> = []
        var order: [String] = []
        let names: [String: String]

        init(_ root: OutNode, names: [String: String]) {
            self.names = names
            if case .map(let pairs) = root {
                for (key, value) in pairs where key != Field.formatVersion { walk(value, path: key, owner: nil, key: key) }
            }
        }

        private mutating func add(_ path: String, _ place: String, _ value: String) {
            if values[path] == nil { order.append(path) }
            values[path] = value
            places[path] = place
        }

        /// Walks the field `key` of the thing placed at `owner` (nil: the dossier itself).
        private mutating func walk(_ node: OutNode, path: String, owner: String?, key: String, label: String? = nil) {
            let place = (owner.map { $0 + " · " } ?? "") + (label ?? Self.label(key))
            // A score, a scale, a preference, a ranking, judgements: one field each.
            let unit = [Field.scale, Field.preference, Field.ranking, Field.judgements].contains(key) || path.contains("." + Field.scores + ".")
            switch node {
            case .map(let pairs) where !unit:
                for (k, v) in pairs {
                    // A score or a weight is named by its criterion: "optie ‘X’ · score op ‘Kosten’".
                    let name = "‘" + (names[k] ?? k) + "’"
                    switch key {
                    case Field.scores: walk(v, path: path + "." + k, owner: owner, key: k, label: "score op " + name)
                    case Field.weights: walk(v, path: path + "." + k, owner: owner, key: k, label: "gewicht van " + name)
                    default: walk(v, path: path + "." + k, owner: place, key: k)
                    }
                }
            case .list(let elements) where !unit && !elements.isEmpty && elements.allSatisfy({ $0.field(Field.id) != nil }):
                for item in elements {
                    guard case .map(let pairs) = item, let id = item.field(Field.id) else { continue }
                    let itemPath = path + "[" + id + "]"
                    let itemPlace = Self.itemLabel(key) + " ‘" + Self.itemName(item) + "’"
                    items.insert(itemPath)
                    add(itemPath, itemPlace, Self.itemName(item))
                    for (k, v) in pairs where k != Field.id { walk(v, path: itemPath + "." + k, owner: itemPlace, key: k) }
                }
            default:
                add(path, place, Self.inline(node))
            }
        }

        static func label(_ key: String) -> String {
            switch key {
            case Field.missingRule: return "regel voor ontbrekende scores"
            default: return key
            }
        }

        static func itemLabel(_ key: String) -> String {
            switch key {
            case Field.options: return "optie"
            case Field.criteria, Field.children: return "criterium"
            case Field.weightSets: return "weging"
            case Field.narratives: return "verhaal"
            case Field.positions: return "standpunt"
            case Field.decisionMakers: return "besluitvormer"
            default: return key
            }
        }

        /// An item's name, or the start of its text (stories have no name).
        static func itemName(_ item: OutNode) -> String {
            if let name = item.field(Field.name) { return name }
            if let text = item.field(Field.text) { return text.count > 40 ? String(text.prefix(40)) + "…" : text }
            return item.field(Field.id) ?? ""
        }

        /// A value on one line: scalars as they are, lists and maps in flow style.
        static func inline(_ node: OutNode) -> String {
            switch node {
            case .string(let s): return s.replacingOccurrences(of: "\n", with: " ")
            case .number(let x): return NumberText.plain(x)
            case .list(let items): return "[" + items.map(inline).joined(separator: ", ") + "]"
            case .map(let pairs): return "{" + pairs.map { $0.0 + ": " + inline($0.1) }.joined(separator: ", ") + "}"
            }
        }
    }
}

extension OutNode {
    /// The text of a map's field, if the node is a map that has it as a scalar.
    func field(_ key: String) -> String? {
        guard case .map(let pairs) = self, let value = pairs.first(where: { $0.0 == key })?.1 else { return nil }
        switch value {
        case .string(let s): return s
        case .number(let x): return NumberText.plain(x)
        default: return nil
        }
    }
}
