import Foundation
import WikkenCore

/// Walks a ``SourceNode`` tree into a ``Dossier``, collecting every structural problem (wrong
/// type, unknown or duplicate field, missing field, non-finite number) instead of stopping at the
/// first, and remembering where each path stood so semantic problems can be located too.
struct DossierDecoder {
    let file: String
    private(set) var problems: [DossierProblem] = []
    private var locations: [DossierPath: SourceLocation] = [:]

    init(file: String) { self.file = file }

    /// The location of `path`, or of its nearest ancestor that was read.
    func location(for path: DossierPath) -> SourceLocation? {
        var p: DossierPath? = path
        while let current = p {
            if let l = locations[current] { return l }
            p = current.parent
        }
        return nil
    }

    // MARK: - Dossier

    mutating func dossier(_ node: SourceNode) -> Dossier? {
        let path = DossierPath.root
        guard let f = fields(node, path, allowed: Keys.dossier, required: [Field.id, Field.title, Field.question, Field.criteria, Field.options, Field.weightSets]) else { return nil }
        if let v = f[Field.formatVersion] {
            if case .scalar(let s, _) = v, case .number(let x) = s.kind, x == Double(DossierReader.formatVersion) {} else {
                problem(path / Field.formatVersion, v, .unsupportedVersion(v.text, supported: String(DossierReader.formatVersion)))
            }
        }
        // Criteria first: the scales decide how option scores are read.
        let criteria = list(f[Field.criteria], path / Field.criteria) { d, n, p in d.criterion(n, p) }
        var scales: [String: Scale] = [:]
        func collect(_ c: Criterion) { if let s = c.scale, c.isLeaf { scales[c.id] = s }; c.children.forEach(collect) }
        criteria.forEach(collect)

        return Dossier(
            id: text(f[Field.id], path / Field.id) ?? "",
            title: text(f[Field.title], path / Field.title) ?? "",
            question: text(f[Field.question], path / Field.question) ?? "",
            context: text(f[Field.context], path / Field.context),
            organisation: text(f[Field.organisation], path / Field.organisation),
            decisionMakers: list(f[Field.decisionMakers], path / Field.decisionMakers) { d, n, p in d.decisionMaker(n, p) },
            options: list(f[Field.options], path / Field.options) { d, n, p in d.option(n, p, scales: scales) },
            criteria: criteria,
            weightSets: list(f[Field.weightSets], path / Field.weightSets) { d, n, p in d.weightSet(n, p) },
            narratives: list(f[Field.narratives], path / Field.narratives) { d, n, p in d.narrative(n, p) },
            decision: f[Field.decision].flatMap { decision($0, path / Field.decision) },
            missingRule: f[Field.missingRule].flatMap { choice($0, path / Field.missingRule, MissingRule.fileNames) }.flatMap { MissingRule(fileName: $0) },
            positions: list(f[Field.positions], path / Field.positions) { d, n, p in d.position(n, p) },
            partnersBlind: f[Field.partnerWeighing].flatMap { choice($0, path / Field.partnerWeighing, ["blind", "open"]) } == "blind"
        )
    }

    private mutating func decisionMaker(_ node: SourceNode, _ path: DossierPath) -> DecisionMaker? {
        guard let f = fields(node, path, allowed: Keys.decisionMaker, required: [Field.id, Field.name]) else { return nil }
        return DecisionMaker(id: text(f[Field.id], path / Field.id) ?? "", name: text(f[Field.name], path / Field.name) ?? "",
                             role: text(f[Field.role], path / Field.role), organisation: text(f[Field.organisation], path / Field.organisation),
                             delegates: list(f[Field.delegates], path / Field.delegates) { d, n, p in d.text(n, p) })
    }

    private mutating func criterion(_ node: SourceNode, _ path: DossierPath) -> Criterion? {
        guard let f = fields(node, path, allowed: Keys.criterion, required: [Field.id, Field.name]) else { return nil }
        return Criterion(
            id: text(f[Field.id], path / Field.id) ?? "",
            name: text(f[Field.name], path / Field.name) ?? "",
            description: text(f[Field.description], path / Field.description),
            scale: f[Field.scale].flatMap { scale($0, path / Field.scale) },
            preference: f[Field.preference].flatMap { preference($0, path / Field.preference) },
            children: list(f[Field.children], path / Field.children) { d, n, p in d.criterion(n, p) },
            owner: text(f[Field.owner], path / Field.owner)
        )
    }

    private mutating func scale(_ node: SourceNode, _ path: DossierPath) -> Scale? {
        guard let f = fields(node, path, allowed: Keys.scale, required: [Field.scaleKind]) else { return nil }
        guard let kind = choice(f[Field.scaleKind], path / Field.scaleKind, [Field.numeric, Field.qualitative]) else { return nil }
        let foreign = kind == Field.numeric ? [Field.levels, Field.values] : [Field.unit, Field.direction, Field.worst, Field.best, Field.points]
        for key in foreign {
            if let given = f[key] { problem(path / key, given, .unknownKey(key, suggestion: nil)) }
        }
        if kind == Field.qualitative {
            let levels = list(f[Field.levels], path / Field.levels) { d, n, p in d.text(n, p) }
            let values = f[Field.values].map { _ in list(f[Field.values], path / Field.values) { d, n, p in d.number(n, p) } }
            if f[Field.levels] == nil { problem(path, node, .missingKey(Field.levels)) }
            return .qualitative(QualitativeScale(levels: levels, values: values))
        }
        var shape = ValueFunctionShape.linear
        if f[Field.points] != nil {
            shape = .piecewise(list(f[Field.points], path / Field.points) { d, n, p in d.point(n, p) })
        }
        let direction = choice(f[Field.direction], path / Field.direction, Direction.fileNames).flatMap(Direction.init(fileName:))
        return .numeric(NumericScale(
            unit: text(f[Field.unit], path / Field.unit), direction: direction,
            worst: number(f[Field.worst], path / Field.worst), best: number(f[Field.best], path / Field.best),
            valueFunction: shape
        ))
    }

    /// `{functie: lineair, q: 5, p: 15}`: the thresholds the function needs, and no others.
    private mutating func preference(_ node: SourceNode, _ path: DossierPath) -> PreferenceFunction? {
        guard let f = fields(node, path, allowed: Keys.preference, required: [Field.preferenceFunction]) else { return nil }
        guard let name = choice(f[Field.preferenceFunction], path / Field.preferenceFunction, PreferenceFunction.fileNames) else { return nil }
        let needed = PreferenceFunction.thresholdNames(for: name)
        var thresholds: [String: Double] = [:]
        for key in ["q", "p", "s"] {
            guard let value = f[key] else {
                if needed.contains(key) { problem(path, node, .missingKey(key)) }
                continue
            }
            if !needed.contains(key) {
                problem(path / key, value, .fieldNotForMethod(field: key, method: name))
            } else if let x = number(value, path / key) {
                thresholds[key] = x
            }
        }
        return PreferenceFunction(fileName: name, thresholds: thresholds)
    }

    private mutating func point(_ node: SourceNode, _ path: DossierPath) -> ValuePoint? {
        guard case .list(let items, _) = node, items.count == 2 else {
            problem(path, node, .wrongType(expected: .list, found: node.valueKind))
            return nil
        }
        guard let x = number(items[0], path / 0), let v = number(items[1], path / 1) else { return nil }
        return ValuePoint(x, v)
    }

    private mutating func option(_ node: SourceNode, _ path: DossierPath, scales: [String: Scale]) -> Option? {
        guard let f = fields(node, path, allowed: Keys.option, required: [Field.id, Field.name]) else { return nil }
        var scores: [String: Score] = [:]
        if let s = f[Field.scores], let entries = mapping(s, path / Field.scores) {
            for entry in entries {
                let scorePath = path / Field.scores / entry.key
                // A score that could not be read still counts as given, so it is not also reported missing.
                scores[entry.key] = score(entry.value, scorePath, scale: scales[entry.key]) ?? Score(value: nil)
            }
        }
        return Option(id: text(f[Field.id], path / Field.id) ?? "", name: text(f[Field.name], path / Field.name) ?? "",
                      description: text(f[Field.description], path / Field.description), scores: scores)
    }

    private mutating func score(_ node: SourceNode, _ path: DossierPath, scale: Scale?) -> Score? {
        if case .mapping = node {
            guard let f = fields(node, path, allowed: Keys.score, required: []) else { return nil }
            let value = f[Field.value].flatMap { scoreValue($0, path / Field.value, scale: scale) }
            let missing = text(f[Field.missing], path / Field.missing)
            if f[Field.value] == nil, f[Field.missing] == nil { problem(path, node, .reasonWithoutMissing) }
            return Score(
                value: value,
                low: f[Field.low].flatMap { scoreValue($0, path / Field.low, scale: scale) },
                high: f[Field.high].flatMap { scoreValue($0, path / Field.high, scale: scale) },
                missingReason: missing,
                source: text(f[Field.source], path / Field.source),
                note: text(f[Field.note], path / Field.note)
            )
        }
        if case .scalar(let s, _) = node, s.kind == .null {
            record(path, node)
            problem(path, node, .reasonWithoutMissing)
            return nil
        }
        return scoreValue(node, path, scale: scale).map { Score(value: $0) }
    }

    /// A measurement: on a qualitative scale always the text as written (so `0` is the level "0").
    private mutating func scoreValue(_ node: SourceNode, _ path: DossierPath, scale: Scale?) -> ScoreValue? {
        record(path, node)
        guard case .scalar(let s, _) = node else {
            problem(path, node, .wrongType(expected: .number, found: node.valueKind))
            return nil
        }
        if case .qualitative? = scale { return .level(s.text) }
        switch s.kind {
        case .number(let x): return .number(x)
        case .nonFinite: problem(path, node, .notFinite(s.text)); return nil
        case .null: problem(path, node, .wrongType(expected: .number, found: .nothing)); return nil
        case .string, .boolean: return .level(s.text)
        }
    }

    private mutating func weightSet(_ node: SourceNode, _ path: DossierPath) -> WeightSet? {
        guard let f = fields(node, path, allowed: Keys.weightSet, required: [Field.id, Field.name]) else { return nil }
        let methodName = f[Field.method].flatMap { choice($0, path / Field.method, WeightingMethod.fileNames) } ?? "direct"
        // Each method has its own input field; the others do not belong.
        let input: String
        switch methodName {
        case "rangorde": input = Field.ranking
        case "ahp": input = Field.judgements
        default: input = Field.weights
        }
        for field in [Field.weights, Field.ranking, Field.judgements, Field.formula] where field != input {
            guard let given = f[field], !(field == Field.formula && input == Field.ranking) else { continue }
            problem(path / field, given, .fieldNotForMethod(field: field, method: methodName))
        }
        if f[input] == nil { problem(path, node, .missingKey(input)) }

        var weights: [String: Double] = [:]
        var method = WeightingMethod.direct
        switch methodName {
        case "rangorde":
            let ranking = list(f[Field.ranking], path / Field.ranking) { d, n, p -> [String]? in
                if case .list = n { return d.list(n, p) { d, n, p in d.text(n, p) } }
                return d.text(n, p).map { [$0] }
            }
            let formula = f[Field.formula].flatMap { choice($0, path / Field.formula, RankOrderFormula.fileNames) }.flatMap(RankOrderFormula.init(fileName:))
            method = .rankOrder(formula ?? .rankOrderCentroid, ranking: ranking)
        case "ahp":
            method = .pairwise(list(f[Field.judgements], path / Field.judgements) { d, n, p in d.judgement(n, p) })
        default:
            method = methodName == "swing" ? .swing : .direct
            if let w = f[Field.weights], let entries = mapping(w, path / Field.weights) {
                for entry in entries { if let x = number(entry.value, path / Field.weights / entry.key) { weights[entry.key] = x } }
            }
        }
        return WeightSet(id: text(f[Field.id], path / Field.id) ?? "", name: text(f[Field.name], path / Field.name) ?? "",
                         owner: text(f[Field.owner], path / Field.owner), description: text(f[Field.description], path / Field.description),
                         method: method, weights: weights)
    }

    /// `[meer, minder, waarde]`: a number 1/9–9, a fraction such as "1/3", or a Saaty label.
    private mutating func judgement(_ node: SourceNode, _ path: DossierPath) -> Judgement? {
        guard case .list(let items, _) = node, items.count == 3 else {
            problem(path, node, .wrongType(expected: .list, found: node.valueKind))
            return nil
        }
        guard let more = text(items[0], path / 0), let less = text(items[1], path / 1) else { return nil }
        record(path / 2, items[2])
        guard case .scalar(let s, _) = items[2] else {
            problem(path / 2, items[2], .wrongType(expected: .number, found: items[2].valueKind))
            return nil
        }
        switch s.kind {
        case .number(let x): return Judgement(more, less, x)
        case .nonFinite: problem(path / 2, items[2], .notFinite(s.text)); return nil
        default:
            let parts = s.text.split(separator: "/")
            if parts.count == 2, let a = Double(parts[0].trimmingCharacters(in: .whitespaces)), let b = Double(parts[1].trimmingCharacters(in: .whitespaces)), b != 0 {
                return Judgement(more, less, a / b)
            }
            if let v = SaatyScale.value(ofLabel: s.text) { return Judgement(more, less, v) }
            problem(path / 2, items[2], .notOneOf(s.text, allowed: SaatyScale.dutchLabels.map(\.1)))
            return nil
        }
    }

    private mutating func narrative(_ node: SourceNode, _ path: DossierPath) -> Narrative? {
        guard let f = fields(node, path, allowed: Keys.narrative, required: [Field.id, Field.text, Field.stance]) else { return nil }
        let stance = choice(f[Field.stance], path / Field.stance, Narrative.Stance.fileNames).flatMap(Narrative.Stance.init(fileName:))
        return Narrative(id: text(f[Field.id], path / Field.id) ?? "", text: text(f[Field.text], path / Field.text) ?? "",
                         teller: text(f[Field.teller], path / Field.teller), date: text(f[Field.date], path / Field.date),
                         option: text(f[Field.option], path / Field.option), criterion: text(f[Field.criterion], path / Field.criterion),
                         stance: stance ?? .nuances)
    }

    private mutating func position(_ node: SourceNode, _ path: DossierPath) -> Position? {
        guard let f = fields(node, path, allowed: Keys.position, required: [Field.partner, Field.option, Field.mark]) else { return nil }
        // An unknown mark is reported here; the position stays (as acceptable) so later positions keep their index.
        let mark = choice(f[Field.mark], path / Field.mark, Position.Mark.fileNames).flatMap(Position.Mark.init(rawValue:))
        return Position(partner: text(f[Field.partner], path / Field.partner) ?? "", option: text(f[Field.option], path / Field.option) ?? "",
                        mark: mark ?? .acceptable, reason: text(f[Field.reason], path / Field.reason))
    }

    private mutating func decision(_ node: SourceNode, _ path: DossierPath) -> DecisionRecord? {
        guard let f = fields(node, path, allowed: Keys.decision, required: [Field.status]) else { return nil }
        let status = choice(f[Field.status], path / Field.status, DecisionRecord.Status.fileNames).flatMap(DecisionRecord.Status.init(fileName:))
        return DecisionRecord(status: status ?? .draft, decidedBy: text(f[Field.decidedBy], path / Field.decidedBy),
                              date: text(f[Field.date], path / Field.date), reviewDate: text(f[Field.reviewDate], path / Field.reviewDate),
                              chosenOption: text(f[Field.chosenOption], path / Field.chosenOption), note: text(f[Field.note], path / Field.note))
    }

    // MARK: - Building blocks

    private mutating func problem(_ path: DossierPath, _ node: SourceNode, _ kind: DossierProblem.Kind) {
        problems.append(DossierProblem(.error, at: path, kind, location: loc(node.mark)))
    }

    private func loc(_ mark: SourceNode.Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }

    private mutating func record(_ path: DossierPath, _ node: SourceNode) {
        if locations[path] == nil { locations[path] = loc(node.mark) }
    }

    /// The entries of a mapping, reporting duplicate keys (the first wins).
    private mutating func mapping(_ node: SourceNode, _ path: DossierPath) -> [SourceNode.Entry]? {
        record(path, node)
        guard case .mapping(let entries, _) = node else {
            problem(path, node, .wrongType(expected: .mapping, found: node.valueKind))
            return nil
        }
        var seen = Set<String>()
        var result: [SourceNode.Entry] = []
        for e in entries {
            if seen.insert(e.key).inserted {
                result.append(e)
                record(path / e.key, e.value)
            } else {
                problems.append(DossierProblem(.error, at: path / e.key, .duplicateKey(e.key), location: loc(e.keyMark)))
            }
        }
        return result
    }

    /// The fields of a mapping, checked against the allowed and required keys.
    private mutating func fields(_ node: SourceNode, _ path: DossierPath, allowed: [String], required: [String]) -> [String: SourceNode]? {
        guard let entries = mapping(node, path) else { return nil }
        var result: [String: SourceNode] = [:]
        for e in entries {
            if allowed.contains(e.key) {
                result[e.key] = e.value
            } else {
                let suggestion = Self.suggestion(for: e.key, among: allowed)
                let splitText: Bool = {
                    guard suggestion == nil, e.key.contains(" "), case .scalar(let s, _) = e.value else { return false }
                    return s.kind == .null
                }()
                let kind: DossierProblem.Kind = splitText ? .textSplitByComma(e.key) : .unknownKey(e.key, suggestion: suggestion)
                problems.append(DossierProblem(.error, at: path / e.key, kind, location: loc(e.keyMark)))
            }
        }
        for key in required where result[key] == nil { problem(path, node, .missingKey(key)) }
        return result
    }

    private mutating func list<T>(_ node: SourceNode?, _ path: DossierPath, _ element: (inout DossierDecoder, SourceNode, DossierPath) -> T?) -> [T] {
        guard let node else { return [] }
        record(path, node)
        guard case .list(let items, _) = node else {
            problem(path, node, .wrongType(expected: .list, found: node.valueKind))
            return []
        }
        var result: [T] = []
        for (i, item) in items.enumerated() {
            record(path / i, item)
            if let value = element(&self, item, path / i) { result.append(value) }
        }
        return result
    }

    /// Text: any scalar except null, taken as written (so `titel: 2030` is the text "2030").
    private mutating func text(_ node: SourceNode?, _ path: DossierPath) -> String? {
        guard let node else { return nil }
        record(path, node)
        guard case .scalar(let s, _) = node, s.kind != .null else {
            problem(path, node, .wrongType(expected: .text, found: node.valueKind))
            return nil
        }
        return s.text
    }

    private mutating func number(_ node: SourceNode?, _ path: DossierPath) -> Double? {
        guard let node else { return nil }
        record(path, node)
        guard case .scalar(let s, _) = node else {
            problem(path, node, .wrongType(expected: .number, found: node.valueKind))
            return nil
        }
        switch s.kind {
        case .number(let x): return x
        case .nonFinite: problem(path, node, .notFinite(s.text))
        default: problem(path, node, .wrongType(expected: .number, found: node.valueKind))
        }
        return nil
    }

    private mutating func choice(_ node: SourceNode?, _ path: DossierPath, _ allowed: [String]) -> String? {
        guard let node, let value = text(node, path) else { return nil }
        guard allowed.contains(value) else {
            problem(path, node, .notOneOf(value, allowed: allowed))
            return nil
        }
        return value
    }

    /// The allowed key closest to a misspelt one (edit distance at most 2), if any.
    static func suggestion(for key: String, among allowed: [String]) -> String? {
        let best = allowed.map { ($0, editDistance(key.lowercased(), $0)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= 2, best.1 < key.count else { return nil }
        return best.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}

extension SourceNode {
    /// The node as written, for messages.
    var text: String {
        switch self {
        case .scalar(let s, _): return s.text
        case .list: return "[…]"
        case .mapping: return "{…}"
        }
    }
}

/// The fields each part of a dossier may have, in the order the writer emits them.
enum Keys {
    static let dossier = [Field.formatVersion, Field.id, Field.title, Field.question, Field.context, Field.organisation,
                          Field.decisionMakers, Field.criteria, Field.options, Field.weightSets, Field.narratives, Field.positions, Field.decision, Field.missingRule, Field.partnerWeighing]
    static let decisionMaker = [Field.id, Field.name, Field.role, Field.organisation, Field.delegates]
    static let criterion = [Field.id, Field.name, Field.owner, Field.description, Field.scale, Field.preference, Field.children]
    static let preference = [Field.preferenceFunction, "q", "p", "s"]
    static let scale = [Field.scaleKind, Field.unit, Field.direction, Field.worst, Field.best, Field.points, Field.levels, Field.values]
    static let option = [Field.id, Field.name, Field.description, Field.scores]
    static let score = [Field.value, Field.low, Field.high, Field.missing, Field.source, Field.note]
    static let weightSet = [Field.id, Field.name, Field.owner, Field.description, Field.method, Field.weights, Field.ranking, Field.formula, Field.judgements]
    static let narrative = [Field.id, Field.text, Field.teller, Field.date, Field.option, Field.criterion, Field.stance]
    static let position = [Field.partner, Field.option, Field.mark, Field.reason]
    static let decision = [Field.status, Field.decidedBy, Field.date, Field.reviewDate, Field.chosenOption, Field.note]
}
