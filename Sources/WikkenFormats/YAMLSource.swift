import Yams

/// Reads YAML (1.1, as libyaml) into a ``SourceNode`` tree, keeping line and column of every node.
enum YAMLSource {
    static func parse(_ text: String) throws(SyntaxError) -> SourceNode? {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
            throw SyntaxError(message: "", mark: .init(line: context.mark.line, column: context.mark.column), duplicateKey: duplicates.first)
        } catch let error as YamlError {
            throw SyntaxError(message: Self.describe(error), mark: Self.mark(of: error))
        } catch {
            throw SyntaxError(message: "\(error)", mark: .init(line: 1, column: 1))
        }
        guard let node else { return nil }
        var budget = SourceNode.maxNodes
        return try convert(node, depth: 0, budget: &budget)
    }

    /// Bounded in depth and in nodes: the composer has already put every alias's node in its place,
    /// so a few lines of aliases to aliases (a "billion laughs") would otherwise expand without end.
    private static func convert(_ node: Node, depth: Int, budget: inout Int) throws(SyntaxError) -> SourceNode {
        let mark = node.mark.map { SourceNode.Mark(line: $0.line, column: $0.column) } ?? .init(line: 1, column: 1)
        budget -= 1
        guard budget >= 0 else {
            throw SyntaxError(message: "more than \(SourceNode.maxNodes) values (are aliases repeating each other?)", mark: mark)
        }
        guard depth < SourceNode.maxDepth else { throw SyntaxError(message: "nested more than \(SourceNode.maxDepth) levels deep", mark: mark) }
        switch node {
        case .scalar(let s):
            return .scalar(.init(text: s.string, kind: kind(of: s, node: node)), mark)
        case .mapping(let m):
            var entries: [SourceNode.Entry] = []
            for (key, value) in m {
                let keyMark = key.mark.map { SourceNode.Mark(line: $0.line, column: $0.column) } ?? mark
                entries.append(SourceNode.Entry(key: key.scalar?.string ?? "\(key)", keyMark: keyMark, value: try convert(value, depth: depth + 1, budget: &budget)))
            }
            return .mapping(entries, mark)
        case .sequence(let s):
            var items: [SourceNode] = []
            for item in s { items.append(try convert(item, depth: depth + 1, budget: &budget)) }
            return .list(items, mark)
        case .alias(let a):
            return .scalar(.init(text: "*\(a.anchor)", kind: .string), mark)
        }
    }

    private static func kind(of s: Node.Scalar, node: Node) -> SourceNode.Scalar.Kind {
        guard s.style == .plain || s.style == .any else { return .string }
        switch node.tag.rawValue {
        case Tag.Name.null.rawValue: return .null
        case Tag.Name.bool.rawValue: return .boolean(node.bool ?? false)
        case Tag.Name.int.rawValue, Tag.Name.float.rawValue:
            guard let x = node.int.map(Double.init) ?? node.float else { return .string }
            return x.isFinite ? .number(x) : .nonFinite
        default: return .string
        }
    }

    private static func mark(of error: YamlError) -> SourceNode.Mark {
        switch error {
        case .scanner(_, _, let m, _), .parser(_, _, let m, _), .composer(_, _, let m, _):
            return .init(line: m.line, column: m.column)
        default:
            return .init(line: 1, column: 1)
        }
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        case .reader(let problem, _, _, _): return problem
        default: return "\(error)"
        }
    }
}
