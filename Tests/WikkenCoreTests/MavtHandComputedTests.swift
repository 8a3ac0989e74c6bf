import Testing
import WikkenCore
import _WikkenTestSupport

@Suite("MAVT against a hand-computed case")
struct MavtHandComputedTests {
    let result = try! Mavt.analyse(HandComputed.dossier)

    @Test("values per option and leaf")
    func values() {
        let expected: [[Double]] = [[0, 100, 56], [50, 50, 90], [100, 0, 100]]
        for i in 0..<3 { for j in 0..<3 { #expect(abs(result.value(option: i, leaf: j)! - expected[i][j]) < 1e-9) } }
        #expect(abs(result.valueLow[1 * 3 + 0]! - 25) < 1e-9)
        #expect(abs(result.valueHigh[1 * 3 + 0]! - 75) < 1e-9)
    }

    @Test("global weights are products of local weights")
    func weights() {
        let w1 = result.weightSets[0].leafWeights, w2 = result.weightSets[1].leafWeights
        for (a, b) in zip(w1, [0.375, 0.375, 0.25]) { #expect(abs(a - b) < 1e-12) }
        for (a, b) in zip(w2, [0.125, 0.375, 0.5]) { #expect(abs(a - b) < 1e-12) }
        #expect(abs(result.weightSets[1].weights.global["a"]! - 0.5) < 1e-12)
    }

    @Test("totals and rankings of both weight sets")
    func totals() {
        // W1: x = .375·0 + .375·100 + .25·56 = 51.5; y = 18.75 + 18.75 + 22.5 = 60; z = 37.5 + 0 + 25 = 62.5
        let w1 = result.weightSets[0]
        for (a, b) in zip(w1.totals, [51.5, 60, 62.5]) { #expect(abs(a - b) < 1e-9) }
        #expect(w1.ranking.map(\.option) == [2, 1, 0])
        #expect(w1.ranking.map(\.rank) == [1, 2, 3])
        // W2: x = 0 + 37.5 + 28 = 65.5; y = 6.25 + 18.75 + 45 = 70; z = 12.5 + 0 + 50 = 62.5
        let w2 = result.weightSets[1]
        for (a, b) in zip(w2.totals, [65.5, 70, 62.5]) { #expect(abs(a - b) < 1e-9) }
        #expect(w2.ranking.map(\.option) == [1, 0, 2])
    }

    @Test("the score range gives the total range")
    func ranges() {
        // y under W1: a1 value 25–75 instead of 50, weight .375 → 60 ∓ 9.375
        let w1 = result.weightSets[0]
        #expect(abs(w1.totalLow[1] - 50.625) < 1e-9)
        #expect(abs(w1.totalHigh[1] - 69.375) < 1e-9)
        #expect(w1.totalLow[0] == w1.totals[0] && w1.totalHigh[0] == w1.totals[0])
        // z (62.5) and y (50.625–69.375) overlap
        #expect(w1.topTwoOverlap)
    }

    @Test("contributions add up to the totals, per leaf and per parent")
    func contributions() {
        let w1 = result.weightSets[0]
        #expect(abs(w1.contribution(option: 0, criterion: "a", in: result) - 37.5) < 1e-9)
        #expect(abs(w1.contribution(option: 0, criterion: "b", in: result) - 14) < 1e-9)
        let d = w1.differences(2, 1, over: ["a", "b"], in: result)
        // z − y: A 37.5 − 37.5 = 0, B 25 − 22.5 = 2.5
        #expect(d.first?.criterion == "b")
        #expect(abs(d[0].difference - 2.5) < 1e-9)
        #expect(abs(d.reduce(0) { $0 + $1.difference } - (62.5 - 60)) < 1e-9)
    }
}

@Suite("MAVT rules")
struct MavtRuleTests {
    @Test("equal totals share a rank")
    func ties() {
        let entries = Mavt.rank([50, 70, 50, 70 + 1e-12, 10])
        #expect(entries.map(\.option) == [1, 3, 0, 2, 4])
        #expect(entries.map(\.rank) == [1, 1, 3, 3, 5])
        #expect(entries.map(\.tied) == [true, true, true, true, false])
    }

    static func withMissingY(reason: String? = "nog niet gemeten") -> Dossier {
        var d = HandComputed.dossier
        d.options[1].scores["a2"] = Score(value: nil, missingReason: reason)
        return d
    }

    @Test("missing scores are refused by default, listing each")
    func refuse() {
        #expect(throws: MavtError.missingScores([MissingScore(option: "y", criterion: "a2", reason: "nog niet gemeten")])) {
            try Mavt.analyse(Self.withMissingY())
        }
    }

    @Test("the worst-value rule counts a missing score as the lowest value and marks the option")
    func worst() throws {
        let r = try Mavt.analyse(Self.withMissingY(), missingRule: .worst)
        // y under W1: 18.75 + .375·0 + 22.5 = 41.25
        #expect(abs(r.weightSets[0].totals[1] - 41.25) < 1e-9)
        #expect(r.weightSets[0].affectedByMissing == [false, true, false])
        #expect(r.warnings.contains(.missingScoreHandled(option: "y", criterion: "a2", rule: .worst)))
    }

    @Test("the renormalise rule divides by the weight of the known scores")
    func renormalise() throws {
        let r = try Mavt.analyse(Self.withMissingY(), missingRule: .renormalise)
        // y under W1: (18.75 + 22.5) / (.375 + .25) = 66
        #expect(abs(r.weightSets[0].totals[1] - 66) < 1e-9)
        let sum = (0..<3).reduce(0.0) { $0 + r.weightSets[0].contribution(option: 1, leaf: $1) }
        #expect(abs(sum - 66) < 1e-9)
        #expect(abs(r.weightSets[0].totals[0] - 51.5) < 1e-9, "options without missing scores are unchanged")
    }

    @Test("an invalid dossier is refused with its problems")
    func invalid() {
        var d = HandComputed.dossier
        d.weightSets[0].weights["b"] = -1
        #expect(throws: MavtError.invalidDossier([DossierProblem(at: DossierPath([.key("wegingen"), .index(0), .key("gewichten"), .key("b")]), .negativeWeight(-1))])) {
            try Mavt.analyse(d)
        }
    }

    @Test("a sibling group without weights gets equal weights")
    func equalWeights() throws {
        var d = HandComputed.dossier
        d.weightSets = [WeightSet(id: "leeg", name: "Leeg")]
        let r = try Mavt.analyse(d)
        for (a, b) in zip(r.weightSets[0].leafWeights, [0.25, 0.25, 0.5]) { #expect(abs(a - b) < 1e-12) }
    }

    @Test("a criterion on which all options score the same gives 100 and a warning")
    func constant() throws {
        var d = HandComputed.dossier
        for i in d.options.indices { d.options[i].scores["a1"] = .number(5) }
        let r = try Mavt.analyse(d)
        #expect(r.value(option: 0, leaf: 0) == 100)
        #expect(r.warnings.contains(.constantCriterion("a1")))
        #expect(r.weightSets.allSatisfy { $0.totals.allSatisfy(\.isFinite) })
    }

    @Test("a single option ranks first alone")
    func singleOption() throws {
        var d = HandComputed.dossier
        d.options = [d.options[0]]
        let r = try Mavt.analyse(d)
        #expect(r.weightSets[0].ranking == [RankEntry(option: 0, rank: 1, total: r.weightSets[0].totals[0], tied: false)])
        #expect(r.weightSets[0].totals[0].isFinite)
    }
}

@Suite("Value functions")
struct ValueFunctionTests {
    @Test("linear with a fixed scale, either direction")
    func linear() {
        let lower = ValueFunction(scale: .numeric(NumericScale(direction: .lowerIsBetter, worst: 60, best: 0)), scores: [])
        #expect(lower.value(.number(48)) == 20)
        #expect(lower.value(.number(0)) == 100)
        let higher = ValueFunction(scale: .numeric(NumericScale(direction: .higherIsBetter, worst: 0, best: 10)), scores: [])
        #expect(higher.value(.number(2.5)) == 25)
    }

    @Test("a piecewise range takes the peak inside it")
    func piecewisePeak() {
        let f = ValueFunction(.piecewise([ValuePoint(0, 0), ValuePoint(5, 100), ValuePoint(10, 20)]))
        let (lo, hi) = f.valueRange(low: .number(2), high: .number(8))
        #expect(abs(lo - 40) < 1e-12)
        #expect(hi == 100)
    }

    @Test("explicit level values are used")
    func discrete() {
        let f = ValueFunction(scale: .qualitative(QualitativeScale(levels: ["geen", "beperkt", "gedeeld", "bepalend"], values: [0, 30, 70, 100])), scores: [])
        #expect(f.value(.level("gedeeld")) == 70)
        #expect(f.valueRange(low: .level("beperkt"), high: .level("bepalend")) == (30, 100))
    }
}

@Suite("Validation and slugs")
struct ValidationTests {
    @Test("the hand-computed dossier is valid")
    func valid() {
        #expect(HandComputed.dossier.validate() == [])
    }

    @Test("slugs", arguments: [("sociale-huur", true), ("a1", true), ("Sociale", false), ("a--b", false), ("-a", false), ("a b", false), ("", false)])
    func slugs(id: String, valid: Bool) {
        #expect(Slug.isValid(id) == valid)
    }

    @Test("slugs made from names")
    func makeSlug() {
        #expect(Slug.make(from: "Betaalbaarheid & kosten") == "betaalbaarheid-kosten")
        #expect(Slug.make(from: "Casuïstiek één") == "casuistiek-een")
    }

    @Test("dates", arguments: [("2026-02-28", true), ("2024-02-29", true), ("2026-02-29", false), ("2026-13-01", false), ("26-01-01", false)])
    func dates(text: String, valid: Bool) {
        #expect(ISODate.isValid(text) == valid)
    }

    @Test("Dutch number formatting")
    func numbers() {
        #expect(NumberText.rounded(72.45, language: .nl) == "72,5")
        #expect(NumberText.rounded(-0.04, language: .nl) == "0,0")
        #expect(NumberText.signed(-6.04, language: .nl) == "−6,0")
        #expect(NumberText.signed(12, language: .en) == "+12.0")
        #expect(NumberText.compact(33.333, language: .nl) == "33,3")
        #expect(NumberText.plain(5) == "5")
        #expect(NumberText.plain(0.25) == "0.25")
    }
}

@Suite("SHA-256")
struct SHA256Tests {
    /// FIPS 180-4 / NIST test vectors.
    @Test("known digests", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func digests(input: String, expected: String) {
        #expect(SHA256.hex(Array(input.utf8)) == expected)
    }
}
