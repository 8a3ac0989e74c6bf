import Foundation
import Testing
import WikkenCore
import WikkenReports
import _WikkenTestSupport

/// Dossiers stored before the number limits existed may hold numbers a dossier may no longer
/// hold (issue 12: a score of 5·10¹⁷ crashed every later analysis request; ±10³⁰⁸ crashed the memo
/// and put not-a-number into a `try!`). Validation now refuses them; what is already stored must
/// still be shown, never trap.
@Suite("Numbers beyond the limits never trap")
struct OutOfBoundsTests {
    static func poisoned(_ values: [Double]) -> Dossier {
        var d = StoryDossier.dossier
        let leaf = d.leafCriteria[0].id
        for (i, v) in values.enumerated() where i < d.options.count { d.options[i].scores[leaf] = Score(value: .number(v)) }
        return d
    }

    @Test("validation refuses them, naming the field", arguments: [5e17, 1e308, -1e308, 1.0e12 + 1])
    func refused(value: Double) {
        let problems = Self.poisoned([value]).validate().filter { $0.severity == .error }
        #expect(problems.contains { $0.kind == .numberTooLarge(NumberText.plain(value)) })
        #expect(Self.poisoned([1e12]).validate().allSatisfy { $0.kind != .numberTooLarge("1000000000000") })
    }

    @Test("a stored dossier with them is refused by every method with the field named, not computed", arguments: [[5e17, 1, 2], [1e308, -1e308, 0]])
    func stored(values: [Double]) throws {
        let dossier = Self.poisoned(values)
        #expect(throws: MavtError.self) { try Mavt.analyse(dossier) }
        #expect(throws: MavtError.self) { try MethodComparison.run(dossier, weightSet: dossier.weightSets[0]) }
        #expect(throws: (any Error).self) { try MemoTests.memo(dossier) }
    }

    @Test("rounding for people is total: huge, not-a-number and infinite numbers have a text")
    func rounding() {
        #expect(NumberText.rounded(5e17, language: .nl) == "5e+17")
        #expect(NumberText.rounded(-1.5e300, decimals: 2, language: .nl) == "−1,5e+300")
        #expect(NumberText.rounded(.nan, language: .nl) == "—")
        #expect(NumberText.rounded(-.infinity, language: .en) == "−∞")
        #expect(NumberText.rounded(72.44, language: .nl) == "72,4")
        #expect(NumberText.rounded(1e12, decimals: 2, language: .nl) == "1000000000000,00")
        #expect(NumberText.percent(.nan, language: .nl) == "—%")
        // Found by the fuzzer: abs(Int.min) trapped.
        #expect(NumberText.grouped(Int.min, language: .nl) == "−9.223.372.036.854.775.808")
        #expect(NumberText.grouped(-1234, language: .en) == "−1,234")
    }

    @Test("JSON with not-a-number writes null instead of trapping")
    func nonFiniteJSON() throws {
        struct Value: Encodable { var x: Double; var y: Double }
        let text = AnalysisJSON.encode(Value(x: .nan, y: 1))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["x"] is NSNull && object["y"] as? Double == 1)
    }
}

@Suite("The methods' working for large dossiers")
struct LargeWorkingTests {
    /// Above 200 options the JSON leaves π out and takes PROMETHEE's flows from the fast path
    /// (each criterion alone for its own net flow), so that the API stays O(n log n) per
    /// criterion; the numbers are the textbook's.
    @Test("above the π limit, the fast path gives the textbook's flows per criterion and in total")
    func largePromethee() {
        var rng = SeededGenerator(seed: 17)
        let n = MethodsJSON.preferenceMatrixLimit + 11, m = 3
        let values = (0..<(n * m)).map { _ in Double(rng.next() % 200) / 10 }
        let matrix = DecisionMatrix(options: (0..<n).map { "o\($0)" }, criteria: ["a", "b", "c"], values: values, benefit: [true, false, true],
                                    weights: [0.5, 0.3, 0.2], preferences: [.level(q: 0.3, p: 1.2), .linear(q: 0.5, p: 4), .gaussian(s: 2)])
        let fast = MethodsJSON.prometheeWorking(matrix), textbook = Promethee.working(matrix)
        #expect(fast.preference.isEmpty && textbook.preference.count == n * n)
        for k in 0..<(n * m) { #expect(abs(fast.criterionNetFlows[k] - textbook.criterionNetFlows[k]) < 1e-9) }
        for i in 0..<n { #expect(abs(fast.net[i] - textbook.net[i]) < 1e-9 && abs(fast.positive[i] - textbook.positive[i]) < 1e-9) }
        #expect(fast.tolerances == textbook.tolerances)
    }
}
