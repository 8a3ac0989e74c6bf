/// A decision described as a whole: the question, who decides, the options, the criteria tree,
/// the scores, one or more weight sets and the stories told about them.
///
/// A dossier is a plain value. It may be invalid (a dangling reference, a weight set that cannot
/// be normalised); ``Dossier/validate()`` lists every problem, and analyses refuse invalid input.
public struct Dossier: Equatable, Sendable {
    /// Stable identifier (a slug such as `wijkaanpak-overvecht`).
    public var id: String
    public var title: String
    /// The decision question (*vraag*), e.g. "Welke aanpak kiezen we voor Overvecht-Noord?".
    public var question: String
    /// Background the reader needs (*context*).
    public var context: String?
    /// The organisation that owns the dossier, as free text.
    public var organisation: String?
    public var decisionMakers: [DecisionMaker]
    public var options: [Option]
    /// Roots of the criteria tree.
    public var criteria: [Criterion]
    /// Weights per stakeholder or perspective. At least one.
    public var weightSets: [WeightSet]
    /// Stories (*verhalen*) that support, contradict or nuance the numbers.
    public var narratives: [Narrative]
    /// Partners' positions on options (*standpunten*): acceptable, can live with, objection.
    public var positions: [Position]
    /// The decision record (*besluit*), once there is one.
    public var decision: DecisionRecord?
    /// How analyses treat missing scores (*ontbrekend*), as the dossier's owners chose it. Unset,
    /// an analysis with missing scores is refused: no advice on a rule nobody chose. The command
    /// line may override it for one run (`--ontbrekend`).
    public var missingRule: MissingRule?
    /// Whether the partners weigh blind (*partnerweging: blind*): in the web app each partner
    /// organisation sees only its own weight sets and positions until the dossier's owner opens
    /// them. Only the web app acts on it; a file holds everything.
    public var partnersBlind: Bool

    public init(
        id: String, title: String, question: String, context: String? = nil,
        organisation: String? = nil, decisionMakers: [DecisionMaker] = [],
        options: [Option] = [], criteria: [Criterion] = [], weightSets: [WeightSet] = [],
        narratives: [Narrative] = [], decision: DecisionRecord? = nil, missingRule: MissingRule? = nil, positions: [Position] = [],
        partnersBlind: Bool = false
    ) {
        self.id = id
        self.title = title
        self.question = question
        self.context = context
        self.organisation = organisation
        self.decisionMakers = decisionMakers
        self.options = options
        self.criteria = criteria
        self.weightSets = weightSets
        self.narratives = narratives
        self.positions = positions
        self.decision = decision
        self.missingRule = missingRule
        self.partnersBlind = partnersBlind
    }
}

extension Dossier {
    /// All criteria, depth first, parents before their children.
    public var allCriteria: [Criterion] {
        var result: [Criterion] = []
        func visit(_ c: Criterion) {
            result.append(c)
            c.children.forEach(visit)
        }
        criteria.forEach(visit)
        return result
    }

    /// The leaves of the criteria tree, depth first: the criteria that are scored.
    public var leafCriteria: [Criterion] { allCriteria.filter(\.isLeaf) }

    public func criterion(_ id: String) -> Criterion? { allCriteria.first { $0.id == id } }
    public func option(_ id: String) -> Option? { options.first { $0.id == id } }
    public func weightSet(_ id: String) -> WeightSet? { weightSets.first { $0.id == id } }
}
