import WikkenCore

/// Writes dossiers as YAML or JSON in the documented field order. Reading the output back gives
/// the same dossier (tested for every example).
public enum DossierWriter {
    public static func write(_ dossier: Dossier, as syntax: DossierSyntax) -> String {
        let tree = node(dossier)
        switch syntax {
        case .json: return JSONEmitter.emit(tree) + "\n"
        case .yaml: return YAMLEmitter.emit(tree)
        }
    }

    static func node(_ d: Dossier) -> OutNode {
        var m = OutMap()
        m[Field.formatVersion] = .number(Double(DossierReader.formatVersion))
        m[Field.id] = .string(d.id)
        m[Field.title] = .string(d.title)
        m[Field.question] = .string(d.question)
        m[Field.context] = d.context.map(OutNode.string)
        m[Field.organisation] = d.organisation.map(OutNode.string)
        m[Field.missingRule] = d.missingRule.map { .string($0.fileName) }
        if d.partnersBlind { m[Field.partnerWeighing] = .string("blind") }
        if !d.decisionMakers.isEmpty {
            m[Field.decisionMakers] = .list(d.decisionMakers.map { dm in
                var x = OutMap()
                x[Field.id] = .string(dm.id)
                x[Field.name] = .string(dm.name)
                x[Field.role] = dm.role.map(OutNode.string)
                x[Field.organisation] = dm.organisation.map(OutNode.string)
                if !dm.delegates.isEmpty { x[Field.delegates] = .list(dm.delegates.map(OutNode.string)) }
                return x.node
            })
        }
        m[Field.criteria] = .list(d.criteria.map(criterion))
        let leaves = d.leafCriteria.map(\.id)
        m[Field.options] = .list(d.options.map { option($0, leafOrder: leaves) })
        m[Field.weightSets] = .list(d.weightSets.map { set in
            var x = OutMap()
            x[Field.id] = .string(set.id)
            x[Field.name] = .string(set.name)
            x[Field.owner] = set.owner.map(OutNode.string)
            x[Field.description] = set.description.map(OutNode.string)
            if set.method != .direct { x[Field.method] = .string(set.method.fileName) }
            switch set.method {
            case .direct, .swing:
                let order = d.allCriteria.map(\.id) + set.weights.keys.sorted()
                var w = OutMap()
                for id in order where w[id] == nil { w[id] = set.weights[id].map(OutNode.number) }
                x[Field.weights] = w.node
            case let .rankOrder(formula, ranking):
                x[Field.ranking] = .list(ranking.map { $0.count == 1 ? .string($0[0]) : .list($0.map(OutNode.string)) })
                x[Field.formula] = .string(formula.fileName)
            case .pairwise(let judgements):
                x[Field.judgements] = .list(judgements.map { .list([.string($0.more), .string($0.less), judgementValue($0.value)]) })
            }
            return x.node
        })
        if !d.narratives.isEmpty {
            m[Field.narratives] = .list(d.narratives.map { n in
                var x = OutMap()
                x[Field.id] = .string(n.id)
                x[Field.text] = .string(n.text)
                x[Field.teller] = n.teller.map(OutNode.string)
                x[Field.date] = n.date.map(OutNode.string)
                x[Field.option] = n.option.map(OutNode.string)
                x[Field.criterion] = n.criterion.map(OutNode.string)
                x[Field.stance] = .string(n.stance.fileName)
                return x.node
            })
        }
        if !d.positions.isEmpty {
            m[Field.positions] = .list(d.positions.map { p in
                var x = OutMap()
                x[Field.partner] = .string(p.partner)
                x[Field.option] = .string(p.option)
                x[Field.mark] = .string(p.mark.rawValue)
                x[Field.reason] = p.reason.map(OutNode.string)
                return x.node
            })
        }
        if let r = d.decision {
            var x = OutMap()
            x[Field.status] = .string(r.status.fileName)
            x[Field.decidedBy] = r.decidedBy.map(OutNode.string)
            x[Field.date] = r.date.map(OutNode.string)
            x[Field.reviewDate] = r.reviewDate.map(OutNode.string)
            x[Field.chosenOption] = r.chosenOption.map(OutNode.string)
            x[Field.note] = r.note.map(OutNode.string)
            m[Field.decision] = x.node
        }
        return m.node
    }

    /// 3 as `3`, 1/3 as `"1/3"` (readable, and read back exactly).
    private static func judgementValue(_ v: Double) -> OutNode {
        if v < 1, v > 0 {
            let n = (1 / v).rounded()
            if n >= 2, n <= 9, 1 / n == v { return .string("1/\(Int(n))") }
        }
        return .number(v)
    }

    private static func criterion(_ c: Criterion) -> OutNode {
        var x = OutMap()
        x[Field.id] = .string(c.id)
        x[Field.name] = .string(c.name)
        x[Field.owner] = c.owner.map(OutNode.string)
        x[Field.description] = c.description.map(OutNode.string)
        if let scale = c.scale {
            var s = OutMap()
            switch scale {
            case .numeric(let n):
                s[Field.scaleKind] = .string(Field.numeric)
                s[Field.unit] = n.unit.map(OutNode.string)
                s[Field.direction] = n.direction.map { .string($0.fileName) }
                s[Field.worst] = n.worst.map(OutNode.number)
                s[Field.best] = n.best.map(OutNode.number)
                if case .piecewise(let points) = n.valueFunction {
                    s[Field.points] = .list(points.map { .list([.number($0.measurement), .number($0.value)]) })
                }
            case .qualitative(let q):
                s[Field.scaleKind] = .string(Field.qualitative)
                s[Field.levels] = .list(q.levels.map(OutNode.string))
                s[Field.values] = q.values.map { .list($0.map(OutNode.number)) }
            }
            x[Field.scale] = s.node
        }
        if let f = c.preference {
            var pf = OutMap()
            pf[Field.preferenceFunction] = .string(f.fileName)
            for (name, value) in f.thresholds { pf[name] = .number(value) }
            x[Field.preference] = pf.node
        }
        if !c.children.isEmpty { x[Field.children] = .list(c.children.map(criterion)) }
        return x.node
    }

    private static func option(_ o: Option, leafOrder: [String]) -> OutNode {
        var x = OutMap()
        x[Field.id] = .string(o.id)
        x[Field.name] = .string(o.name)
        x[Field.description] = o.description.map(OutNode.string)
        var scores = OutMap()
        for id in leafOrder + o.scores.keys.sorted() where scores[id] == nil {
            guard let s = o.scores[id] else { continue }
            scores[id] = score(s)
        }
        x[Field.scores] = scores.node
        return x.node
    }

    private static func score(_ s: Score) -> OutNode {
        func value(_ v: ScoreValue) -> OutNode {
            switch v {
            case .number(let x): return .number(x)
            case .level(let t): return .string(t)
            }
        }
        if let v = s.value, !s.hasRange, s.source == nil, s.note == nil, s.missingReason == nil { return value(v) }
        var x = OutMap()
        x[Field.value] = s.value.map(value)
        x[Field.low] = s.low.map(value)
        x[Field.high] = s.high.map(value)
        x[Field.missing] = s.missingReason.map(OutNode.string)
        x[Field.source] = s.source.map(OutNode.string)
        x[Field.note] = s.note.map(OutNode.string)
        return x.node
    }
}

/// A document to write: ordered mappings, lists and scalars.
indirect enum OutNode: Equatable {
    case map([(String, OutNode)])
    case list([OutNode])
    case string(String)
    case number(Double)

    static func == (a: OutNode, b: OutNode) -> Bool {
        switch (a, b) {
        case let (.map(x), .map(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.list(x), .list(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        default: return false
        }
    }

    var isScalar: Bool {
        switch self {
        case .string, .number: return true
        default: return false
        }
    }
}

/// An ordered mapping under construction; assigning `nil` leaves a field out.
struct OutMap {
    private(set) var pairs: [(String, OutNode)] = []
    subscript(key: String) -> OutNode? {
        get { pairs.first { $0.0 == key }?.1 }
        set {
            guard let newValue else { return }
            if let i = pairs.firstIndex(where: { $0.0 == key }) { pairs[i].1 = newValue } else { pairs.append((key, newValue)) }
        }
    }
    var node: OutNode { .map(pairs) }
}
