/// The error box of a form page: the problems and how many, in words ("1 fout", "3 fouten");
/// `nil` in a page model when there are none (the template leaves the box out).
struct ProblemBox: Encodable {
    var fouten: [String]
    var aantal: Int
    var woord: String

    init?(_ problems: [String]) {
        guard !problems.isEmpty else { return nil }
        fouten = problems
        aantal = problems.count
        woord = problems.count == 1 ? "fout" : "fouten"
    }
}
