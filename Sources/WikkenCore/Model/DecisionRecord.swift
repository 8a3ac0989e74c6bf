/// What was decided, by whom and when, and when the decision is reviewed.
public struct DecisionRecord: Equatable, Sendable {
    public enum Status: String, Equatable, Sendable, CaseIterable {
        case draft
        case decided
        case superseded
    }

    public var status: Status
    public var decidedBy: String?
    /// ISO dates (yyyy-mm-dd).
    public var date: String?
    public var reviewDate: String?
    public var chosenOption: String?
    public var note: String?

    public init(status: Status, decidedBy: String? = nil, date: String? = nil, reviewDate: String? = nil, chosenOption: String? = nil, note: String? = nil) {
        self.status = status
        self.decidedBy = decidedBy
        self.date = date
        self.reviewDate = reviewDate
        self.chosenOption = chosenOption
        self.note = note
    }
}
