import Testing
import WikkenCore
@testable import WikkenFormats

@Suite("A score grid's cell as text")
struct ScoreCellTests {
    @Test("numbers with a comma, ranges three ways, missing with a reason, levels; and back to text")
    func parse() throws {
        func cell(_ t: String, qualitative: Bool = false) throws -> Score? { try ScoreCell.parse(t, qualitative: qualitative).get() }
        #expect(try cell("  ") == nil)
        #expect(try cell("7,5") == Score(value: .number(7.5)))
        #expect(try cell("-3") == Score(value: .number(-3)))
        #expect(try cell("40 (30 tot 50)") == Score(value: .number(40), low: .number(30), high: .number(50)))
        #expect(try cell("40 (30-50)") == Score(value: .number(40), low: .number(30), high: .number(50)))
        #expect(try cell("-4 (-6 - -2)") == Score(value: .number(-4), low: .number(-6), high: .number(-2)))
        #expect(try cell("4 (2–6)") == Score(value: .number(4), low: .number(2), high: .number(6)))
        #expect(try cell("? nog geen offerte") == Score(value: nil, missingReason: "nog geen offerte"))
        #expect(try cell("?") == Score(value: nil, missingReason: "onbekend"))
        #expect(try cell("+ (0 tot ++)", qualitative: true) == Score(value: .level("+"), low: .level("0"), high: .level("++")))
        let old = Score(value: .number(1), source: "begroting", note: "n")
        #expect(try ScoreCell.parse("2", qualitative: false, keeping: old).get() == Score(value: .number(2), source: "begroting", note: "n"))
        for bad in ["veel", "1e400", "nan", "40 (30)", "(30 tot 50)", "4 (a tot 5)", String(repeating: "1", count: 301)] {
            #expect(throws: ScoreCell.Problem.self, "\(bad)") { try cell(bad) }
        }
        for score in [Score(value: .number(40), low: .number(30), high: .number(50)), Score(value: .number(0.25)), Score(value: nil, missingReason: "x")] {
            #expect(try cell(ScoreCell.text(score)) == score)
        }
        #expect(ScoreCell.text(Score(value: .number(12.5))) == "12,5" && ScoreCell.text(nil) == "")
    }
}
