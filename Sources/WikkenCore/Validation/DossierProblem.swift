/// One thing wrong with (or worth noting about) a dossier: what, where, and what was expected.
///
/// Problems are the single error vocabulary of dossiers. The core finds the semantic ones
/// (``Dossier/validate()``); the file reader adds syntax and structure problems and fills in
/// ``location``. ``message(in:)`` renders the sentence a person reads.
public struct DossierProblem: Equatable, Sendable, Comparable {
    public enum Severity: String, Sendable, Comparable {
        case error
        case warning
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    public var path: DossierPath
    public var kind: Kind
    /// File, line and column, when the dossier came from a file.
    public var location: SourceLocation?

    public init(_ severity: Severity = .error, at path: DossierPath, _ kind: Kind, location: SourceLocation? = nil) {
        self.severity = severity
        self.path = path
        self.kind = kind
        self.location = location
    }

    /// Orders by file position, then path, so lists read top to bottom like the file.
    public static func < (a: DossierProblem, b: DossierProblem) -> Bool {
        switch (a.location, b.location) {
        case let (l?, r?) where l != r: return l < r
        case (nil, _?): return false
        case (_?, nil): return true
        default: return a.path.description < b.path.description
        }
    }

    public enum Kind: Equatable, Sendable {
        // Syntax and structure (found by the file reader)
        case syntax(String)
        case unknownKey(String, suggestion: String?)
        case duplicateKey(String)
        /// A field name with spaces and no value: usually text with a comma inside `{ }`.
        case textSplitByComma(String)
        case missingKey(String)
        case wrongType(expected: ValueKind, found: ValueKind)
        case notFinite(String)
        /// A finite number beyond ``Dossier/numberLimit``.
        case numberTooLarge(String)
        /// Criteria nested deeper than ``Dossier/maxCriteriaDepth``.
        case criteriaTooDeep(limit: Int)
        case notOneOf(String, allowed: [String])
        case unsupportedVersion(String, supported: String)
        // Identity and references
        case invalidId(String)
        case duplicateId(String, firstAt: DossierPath)
        case unknownOption(String)
        case unknownCriterion(String)
        case unknownDecisionMaker(String)
        case notALeaf(String)
        // Criteria and scales
        case noCriteria
        case noOptions
        case noWeightSets
        case leafWithoutScale
        case parentWithScale
        case directionRequired
        case worstEqualsBest(Double)
        case tooFewLevels
        case duplicateLevel(String)
        case levelValueCount(levels: Int, values: Int)
        case valueOutOfUnitRange(Double)
        case tooFewPoints
        case pointsNotIncreasing
        case preferenceOnParent
        case invalidThreshold(name: String, value: Double, rule: ThresholdRule)
        // Scores
        case expectedNumber(found: String)
        case expectedLevel(found: String, levels: [String])
        case rangeInverted(low: String, high: String)
        case valueOutsideRange(value: String, low: String, high: String)
        case outsideScale(value: Double, lower: Double, upper: Double)
        case missingWithValue
        case reasonWithoutMissing
        case scoreNotGiven(option: String, criterion: String)
        // Weights
        case negativeWeight(Double)
        case allWeightsZero(parent: String?)
        case weightsIncomplete(parent: String?, missing: [String])
        case swingWithout100(parent: String?)
        case rankedTwice(String)
        case rankingIncomplete(parent: String?, missing: [String])
        case judgementWithItself(String)
        case notSiblings(String, String)
        case judgementOutOfScale(Double)
        case duplicateJudgement(String, String)
        case judgementsNotConnected(parent: String?, unreached: [String])
        case fieldNotForMethod(field: String, method: String)
        // Stories and record
        case narrativeWithoutLink
        case objectionWithoutReason
        case duplicatePosition(partner: String, option: String, firstAt: DossierPath)
        case duplicateOrganisation(String, firstAt: DossierPath)
        /// A partner's own criterion below the top level.
        case ownCriterionNotTopLevel(String)
        /// A weight set weighs another partner's own criterion.
        case othersOwnCriterion(criterion: String, owner: String)
        /// Every top-level criterion is another partner's own: the set weighs nothing.
        case nothingToWeigh
        case invalidDate(String)
    }

    /// What a PROMETHEE threshold must satisfy.
    public enum ThresholdRule: String, Sendable {
        case nonNegative, positive, belowP
    }

    /// The kinds of value a file can hold, for "expected a list, found a number".
    public enum ValueKind: String, Sendable {
        case mapping, list, text, number, boolean, nothing
    }
}

extension DossierProblem {
    /// `bestand.yaml:12:5: fout: opties[2].scores.x: <message>`
    public func rendered(in language: Language) -> String {
        var prefix = ""
        if let location { prefix = "\(location.file):\(location.line):\(location.column): " }
        let label: String
        switch (severity, language) {
        case (.error, .nl): label = "fout"
        case (.error, .en): label = "error"
        case (.warning, .nl): label = "waarschuwing"
        case (.warning, .en): label = "warning"
        }
        return "\(prefix)\(label): \(path): \(message(in: language))"
    }
}
