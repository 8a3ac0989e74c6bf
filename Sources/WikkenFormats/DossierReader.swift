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
}

/// Reads dossiers from YAML or JSON text and validates everything in one pass.
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
            let problem = DossierProblem(.error, at: .root, .syntax(error.message),
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
            // Semantic problems under a place with a structural problem are its consequences.
            let structural = decoder.problems.map(\.path)
            for var p in dossier.validate() where !structural.contains(where: { p.path.isWithin($0) }) {
                p.location = decoder.location(for: p.path)
                problems.append(p)
            }
        }
        // A structural problem often causes a semantic one at the same place: keep the first.
        var seen = Set<String>()
        problems = problems.filter { seen.insert("\($0.path)|\($0.kind)").inserted }
        return DossierReadResult(dossier: dossier, problems: problems.sorted())
    }
}
