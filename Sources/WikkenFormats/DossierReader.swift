import WikkenCore

/// The two syntaxes of a dossier file. They share one structure (see `docs/dossierformaat.md`).
public enum DossierSyntax: String, Sendable, CaseIterable {
    case yaml
    case json

    /// By file extension: `.json` is JSON, `.yaml`/`.yml` YAML; otherwise `nil`.
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".json") { self = .json } else if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { self = .yaml } else { return nil }
    }
}

/// The outcome of reading a dossier: the dossier when the file could be read, and every problem
/// found (syntax, structure and meaning), each with file, line, column and path.
public struct DossierReadResult: Sendable {
    /// `nil` when the file is not readable as a dossier at all; it may still have errors otherwise.
    public var dossier: Dossier?
    /// All problems, sorted by position in the file.
    public var problems: [DossierProblem]

    public var errors: [DossierProblem] { problems.filter { $0.severity == .error } }
    public var warnings: [DossierProblem] { problems.filter { $0.severity == .warning } }
    /// The dossier, if it has no errors.
    public var validDossier: Dossier? { errors.isEmpty ? dossier : nil }
    /// The dossier, if its only errors say it is unfinished (see ``Dossier/blockingProblems()``):
    /// what a store keeps while a dossier is built step by step.
    public var storableDossier: Dossier? { errors.allSatisfy(\.kind.meansUnfinished) ? dossier : nil }
}

/// Reads dossiers from YAML or JSON text and validates everything in one pass.
extension DossierProblem {
    /// The part of the dossier that a structural problem left unread, if any. Unknown and
    /// duplicate fields are skipped without losing anything the dossier needs.
    var unreadablePath: DossierPath? {
        switch kind {
        case .missingKey(let key): return path / key
        case .unknownKey, .duplicateKey, .textSplitByComma: return nil
        default: return path
        }
    }
}

public enum DossierReader {
    /// The format version this reader understands (the `wikken:` field).
    public static let formatVersion = 1

    /// Reads `text`; `file` names it in problem locations. The syntax follows from the file name,
    /// or, failing that, from the first character (`{` is JSON).
    public static func read(_ text: String, file: String, syntax: DossierSyntax? = nil) -> DossierReadResult {
        let syntax = syntax ?? DossierSyntax(fileName: file) ?? (text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }.first == "{" ? .json : .yaml)
        let root: SourceNode?
        do {
            root = syntax == .json ? try JSONSource.parse(text) : try YAMLSource.parse(text)
        } catch {
            let kind: DossierProblem.Kind = error.duplicateKey.map { .duplicateKey($0) } ?? .syntax(error.message)
            let problem = DossierProblem(.error, at: .root, kind,
                                         location: SourceLocation(file: file, line: error.mark.line, column: error.mark.column))
            return DossierReadResult(dossier: nil, problems: [problem])
        }
        guard let root else {
            let empty = DossierProblem(.error, at: .root, .wrongType(expected: .mapping, found: .nothing), location: SourceLocation(file: file, line: 1, column: 1))
            return DossierReadResult(dossier: nil, problems: [empty])
        }
        var decoder = DossierDecoder(file: file)
        let dossier = decoder.dossier(root)
        var problems = decoder.problems
        if let dossier {
            // A semantic problem at, under or above a part that could not be read is a consequence
            // of that structural problem: show only the cause.
            let unreadable = decoder.problems.compactMap(\.unreadablePath)
            for var p in dossier.validate() where !unreadable.contains(where: { p.path.isWithin($0) || $0.isWithin(p.path) }) {
                p.location = decoder.location(for: p.path)
                problems.append(p)
            }
        }
        // A structural problem often causes a semantic one at the same place: keep the first.
        // "Missing 'naam'" next to "unknown 'nam'; did you mean 'naam'?" says the same twice.
        let suggested = Set(problems.compactMap { p -> String? in
            if case .unknownKey(_, let s?) = p.kind, let parent = p.path.parent { return "\(parent)|\(s)" }
            return nil
        })
        problems.removeAll { p in
            if case .missingKey(let key) = p.kind { return suggested.contains("\(p.path)|\(key)") }
            return false
        }
        return DossierReadResult(dossier: dossier, problems: problems.sorted())
    }
}
