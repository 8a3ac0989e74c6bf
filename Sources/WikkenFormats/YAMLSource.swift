import CYaml
import Yams

/// Reads YAML (1.1, as libyaml) into a ``SourceNode`` tree, keeping line and column of every node.
enum YAMLSource {
    static func parse(_ text: String) throws(SyntaxError) -> SourceNode? {
        try checkExpansion(text)
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

    /// Counts the values of the document with every alias expanded, from libyaml's events, and
    /// refuses it past ``SourceNode/maxNodes`` — before Yams composes it: Yams checks a mapping's
    /// keys for duplicates by hashing them, and a key that is an alias to aliases (827 bytes,
    /// found by the fuzzer) took 16 s to hash. Syntax errors are left to Yams, which reports them
    /// with their place.
    static func checkExpansion(_ text: String) throws(SyntaxError) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        let limit = SourceNode.maxNodes
        var sizes: [String: Int] = [:]
        var open: [(anchor: String?, size: Int)] = [(nil, 0)]
        /// Every value so far, aliases expanded: what the composed document will hold.
        var total = 0
        var tooLarge: SourceNode.Mark?
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            func anchor(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? { pointer.map { String(cString: $0) } }
            /// Adds a value of `size` to the one it is in (saturating: the count only has to pass the limit).
            func add(_ size: Int) { if let last = open.indices.last { open[last].size = min(open[last].size + size, limit + 1) } }
            /// A new value (or an alias's copy of one) in the document.
            func count(_ size: Int) { total = min(total + size, limit + 1) }
            while tooLarge == nil {
                guard yaml_parser_parse(&parser, &event) == 1 else { return }
                let type = event.type
                switch type {
                case YAML_SCALAR_EVENT:
                    if let name = anchor(event.data.scalar.anchor) { sizes[name] = 1 }
                    add(1); count(1)
                case YAML_ALIAS_EVENT:
                    let size = anchor(event.data.alias.anchor).flatMap { sizes[$0] } ?? 1
                    add(size); count(size)
                case YAML_SEQUENCE_START_EVENT:
                    open.append((anchor(event.data.sequence_start.anchor), 1)); count(1)
                case YAML_MAPPING_START_EVENT:
                    open.append((anchor(event.data.mapping_start.anchor), 1)); count(1)
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    if open.count > 1, let done = open.popLast() {
                        if let name = done.anchor { sizes[name] = done.size }
                        add(done.size)
                    }
                default: break
                }
                if total > limit {
                    tooLarge = .init(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                }
                yaml_event_delete(&event)
                if type == YAML_STREAM_END_EVENT { return }
            }
        }
        if let mark = tooLarge {
            throw SyntaxError(message: "more than \(limit) values (are aliases repeating each other?)", mark: mark)
        }
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
