/// A story (*verhaal*) told about an option, a criterion or a single score, with its stance
/// towards the number.
public struct Narrative: Equatable, Sendable {
    public var id: String
    public var text: String
    /// Who tells it, as a role ("bewoner Overvecht", "wijkconsulent").
    public var teller: String?
    /// ISO date (yyyy-mm-dd).
    public var date: String?
    /// What the story is about: an option, a criterion, or both (a single score).
    public var option: String?
    public var criterion: String?
    public var stance: Stance

    public init(id: String, text: String, teller: String? = nil, date: String? = nil, option: String? = nil, criterion: String? = nil, stance: Stance) {
        self.id = id
        self.text = text
        self.teller = teller
        self.date = date
        self.option = option
        self.criterion = criterion
        self.stance = stance
    }

    /// How a story relates to the number it is linked to.
    public enum Stance: String, Equatable, Sendable, CaseIterable {
        case supports
        case contradicts
        case nuances
    }
}
