import WikkenCore

/// A three-way merge of dossier versions: what you changed since the version you started from
/// (the base) and what others saved since then (theirs) come together, field by field, in the
/// file's own terms (the same fields as ``DossierChanges``). A field only one side changed takes
/// that side's value; a field both changed to different values is a clash, for a person to
/// decide. Things with an id are matched by id; one side removing what the other changed is a
/// clash too. The merged tree is read back by ``DossierReader``, so a merge that breaks a rule
/// of the format (a score for a removed criterion, say) is reported, never stored.
public enum DossierMerge {
    /// A field both sides changed differently, with the three values as the file writes them.
    public struct Clash: Equatable, Sendable {
        public var path: String
        public var place: String
        public var base: String?
        public var theirs: String?
        public var yours: String?
    }

    public enum Outcome: Sendable {
        /// Everything came together.
        case merged(Dossier)
        /// Fields to decide; everything else merged.
        case clashes([Clash])
        /// The merged dossier does not hold together (its problems, in Dutch).
        case invalid([String])
    }

    /// Merges `yours` and `theirs`, both made from `base`. `choices` settles clashes by path:
    /// true takes yours, false theirs.
    public static func merge(base: Dossier, theirs: Dossier, yours: Dossier, choices: [String: Bool] = [:]) -> Outcome {
        let names = DossierChanges.criterionNames(base).merging(DossierChanges.criterionNames(theirs)) { $1 }.merging(DossierChanges.criterionNames(yours)) { $1 }
        let trees = (DossierWriter.node(base), DossierWriter.node(theirs), DossierWriter.node(yours))
        // Places for people, from whichever version has the field.
        var places: [String: String] = [:]
        for tree in [trees.0, trees.1, trees.2] { places.merge(DossierChanges.Flattened(tree, names: names).places) { $1 } }
        var merger = Merger(choices: choices, names: names, places: places)
        let tree = merger.merge(trees.0, trees.1, trees.2, path: "", key: "")
        guard merger.clashes.isEmpty else { return .clashes(merger.clashes) }
        guard let tree else { return .invalid(["Er bleef geen dossier over."]) }
        let read = DossierReader.read(JSONEmitter.emit(tree), file: "samengevoegd.json", syntax: .json)
        guard let dossier = read.storableDossier else { return .invalid(read.errors.filter { !$0.kind.meansUnfinished }.map { "\($0.path): \($0.message(in: .nl))" }) }
        return .merged(dossier)
    }

    struct Merger {
        let choices: [String: Bool]
        let names: [String: String]
        let places: [String: String]
        var clashes: [Clash] = []

        /// Fields that are one value each, as in ``DossierChanges``.
        func isUnit(_ key: String, _ path: String) -> Bool {
            [Field.scale, Field.preference, Field.ranking, Field.judgements].contains(key) || path.contains("." + Field.scores + ".")
        }

        mutating func merge(_ b: OutNode?, _ t: OutNode?, _ y: OutNode?, path: String, key: String) -> OutNode? {
            if t == y { return t }
            if t == b { return y }
            if y == b { return t }
            // Both changed it, differently: look inside when it has insides.
            if let b, let t, let y, !isUnit(key, path) {
                if case .map(let bp) = b, case .map(let tp) = t, case .map(let yp) = y {
                    return .map(mergePairs(bp, tp, yp, path: path))
                }
                if case .list(let bl) = b, case .list(let tl) = t, case .list(let yl) = y, let merged = mergeItems(bl, tl, yl, path: path) {
                    return .list(merged)
                }
            }
            if let choice = choices[path] { return choice ? y : t }
            clashes.append(Clash(path: path, place: place(path), base: b.map(DossierChanges.Flattened.inline), theirs: t.map(DossierChanges.Flattened.inline),
                                 yours: y.map(DossierChanges.Flattened.inline)))
            return t
        }

        mutating func mergePairs(_ b: [(String, OutNode)], _ t: [(String, OutNode)], _ y: [(String, OutNode)], path: String) -> [(String, OutNode)] {
            func value(_ pairs: [(String, OutNode)], _ k: String) -> OutNode? { pairs.first { $0.0 == k }?.1 }
            var keys = t.map(\.0)
            for (k, _) in y where !keys.contains(k) { keys.append(k) }
            for (k, _) in b where !keys.contains(k) { keys.append(k) }
            return keys.compactMap { k in
                merge(value(b, k), value(t, k), value(y, k), path: path.isEmpty ? k : path + "." + k, key: k).map { (k, $0) }
            }
        }

        /// Lists of things with ids, merged by id (theirs' order, your new ones after); nil for other lists.
        mutating func mergeItems(_ b: [OutNode], _ t: [OutNode], _ y: [OutNode], path: String) -> [OutNode]? {
            guard (b + t + y).allSatisfy({ $0.field(Field.id) != nil }) else { return nil }
            func byID(_ items: [OutNode]) -> [String: OutNode] { Dictionary(firstValues: items.compactMap { n in n.field(Field.id).map { ($0, n) } }) }
            let (bi, ti, yi) = (byID(b), byID(t), byID(y))
            var ids = t.compactMap { $0.field(Field.id) }
            for n in y { if let id = n.field(Field.id), !ids.contains(id), bi[id] == nil { ids.append(id) } }
            for n in b { if let id = n.field(Field.id), !ids.contains(id) { ids.append(id) } }
            return ids.compactMap { id in merge(bi[id], ti[id], yi[id], path: path + "[" + id + "]", key: Field.id) }
        }

        /// The place of a path for people: as the versions name it, else from its parts.
        func place(_ path: String) -> String {
            if let known = places[path] { return known }
            var parts: [String] = []
            for piece in path.split(separator: ".") {
                if let open = piece.firstIndex(of: "["), piece.hasSuffix("]") {
                    let key = String(piece[..<open]), id = String(piece[piece.index(after: open)..<piece.index(before: piece.endIndex)])
                    parts.append(DossierChanges.Flattened.itemLabel(key) + " ‘" + (names[id] ?? id) + "’")
                } else {
                    parts.append(names[String(piece)].map { "‘" + $0 + "’" } ?? DossierChanges.Flattened.label(String(piece)))
                }
            }
            return parts.joined(separator: " · ")
        }
    }
}
