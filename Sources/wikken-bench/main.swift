import Foundation
import Veerkracht
import WikkenCore
import WikkenFormats

/// Benchmarks with targets from the issues. Run in release:
///
///     swift run -c release wikken-bench [mavt|lezen|alles]
///
/// Each case runs a few warm-up rounds, then reports the median and the fastest of many rounds.
/// Targets are checked and printed, never asserted in unit tests.

struct Measurement {
    var median: Duration
    var fastest: Duration
}

func measure(rounds: Int, _ body: () -> Void) -> Measurement {
    let clock = ContinuousClock()
    for _ in 0..<3 { body() }
    var times: [Duration] = []
    for _ in 0..<rounds { times.append(clock.measure(body)) }
    times.sort()
    return Measurement(median: times[times.count / 2], fastest: times[0])
}

func ms(_ d: Duration) -> Double {
    let c = d.components
    return Double(c.seconds) * 1000 + Double(c.attoseconds) / 1e15
}

func report(_ name: String, _ m: Measurement, targetMs: Double) {
    let ok = ms(m.median) <= targetMs
    print(String(format: "%-52@ mediaan %8.3f ms  snelst %8.3f ms  doel ≤ %g ms  %@",
                 name as NSString, ms(m.median), ms(m.fastest), targetMs, ok ? "GEHAALD" : "NIET GEHAALD"))
}

/// A synthetic dossier: `options` × (`groups` × `perGroup`) leaves, mixed scales, some ranges,
/// `sets` weight sets with random weights. Deterministic for a seed.
func syntheticDossier(options n: Int, groups: Int, perGroup: Int, sets: Int, seed: UInt64 = 42) -> Dossier {
    var rng = SeededGenerator(seed: seed)
    var criteria: [Criterion] = []
    for g in 0..<groups {
        var children: [Criterion] = []
        for k in 0..<perGroup {
            let id = "c\(g)-\(k)"
            let scale: Scale
            switch k % 4 {
            case 0: scale = .qualitative(.fivePoint)
            case 1: scale = .numeric(NumericScale(direction: .lowerIsBetter, worst: 100, best: 0))
            case 2: scale = .numeric(NumericScale(direction: nil, valueFunction: .piecewise([ValuePoint(0, 0), ValuePoint(50, 70), ValuePoint(100, 100)])))
            default: scale = .numeric(NumericScale(direction: .higherIsBetter))
            }
            children.append(Criterion(id: id, name: "Criterium \(g).\(k)", scale: scale))
        }
        criteria.append(Criterion(id: "g\(g)", name: "Groep \(g)", children: children))
    }
    let leaves = criteria.flatMap(\.children)
    let options = (0..<n).map { i -> Option in
        var scores: [String: Score] = [:]
        for leaf in leaves {
            if case .qualitative(let q)? = leaf.scale {
                scores[leaf.id] = .level(q.levels[Int(rng.next() % UInt64(q.levels.count))])
            } else {
                let x = (rng.unit() * 80 + 10).rounded()
                scores[leaf.id] = rng.unit() < 0.2 ? Score(value: .number(x), low: .number(x - 5), high: .number(x + 5)) : .number(x)
            }
        }
        return Option(id: "o\(i)", name: "Optie \(i)", scores: scores)
    }
    let weightSets = (0..<sets).map { s -> WeightSet in
        var w: [String: Double] = [:]
        for c in criteria { w[c.id] = (rng.unit() * 9 + 1).rounded() }
        for c in leaves { w[c.id] = (rng.unit() * 9 + 1).rounded() }
        return WeightSet(id: "w\(s)", name: "Weging \(s)", weights: w)
    }
    return Dossier(id: "synthetisch", title: "Synthetisch", question: "?", options: options, criteria: criteria, weightSets: weightSets)
}

let which = CommandLine.arguments.dropFirst().first ?? "alles"

func report(_ name: String, _ m: Measurement, targetMicroseconds: Double) {
    let us = ms(m.median) * 1000
    print(String(format: "%-52@ mediaan %8.2f µs  snelst %8.2f µs  doel ≤ %g µs  %@",
                 name as NSString, us, ms(m.fastest) * 1000, targetMicroseconds, us <= targetMicroseconds ? "GEHAALD" : "NIET GEHAALD"))
}

func once(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    return ms(clock.measure(body))
}

/// A random decision matrix: values uniform on 0–100, random weights, a mix of benefit and cost.
func randomMatrix(options n: Int, criteria m: Int, preference: (Int) -> PreferenceFunction, seed: UInt64) -> DecisionMatrix {
    var rng = SeededGenerator(seed: seed)
    let values = (0..<(n * m)).map { _ in rng.unit() * 100 }
    var weights = (0..<m).map { _ in rng.unit() + 0.1 }
    let sum = weights.reduce(0, +)
    weights = weights.map { $0 / sum }
    return DecisionMatrix(options: (0..<n).map { "o\($0)" }, criteria: (0..<m).map { "c\($0)" }, values: values,
                          benefit: (0..<m).map { $0 % 3 != 0 }, weights: weights, preferences: (0..<m).map(preference))
}

func maxDifference(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { abs($0 - $1) }.max() ?? 0 }
print("wikken-bench — \(ProcessInfo.processInfo.activeProcessorCount) kernen; release-build vereist voor de doelen\n")

if which == "mavt" || which == "alles" {
    let dossier = syntheticDossier(options: 200, groups: 8, perGroup: 5, sets: 10)
    var checksum = 0.0
    let m = measure(rounds: 200) {
        let r = try! Mavt.analyse(dossier)
        checksum += r.weightSets[0].totals[0]
    }
    report("MAVT 200 opties × 40 criteria × 10 wegingen", m, targetMs: 10)
    let v = measure(rounds: 200) { checksum += Double(dossier.validate().count) }
    report("  waarvan controle (validate)", v, targetMs: 10)
    if checksum.isNaN { print("?") }
}

if which == "partners" || which == "alles" {
    // Six partners, each a delegation of two weight sets, with objections: the whole analysis
    // (own results, AIJ, four lenses, Kendall's W, τ-b per pair, fallback, both flip tests).
    var dossier = syntheticDossier(options: 200, groups: 8, perGroup: 5, sets: 12)
    dossier.decisionMakers = (0..<6).map { DecisionMaker(id: "p\($0)", name: "Partner \($0)") }
    for k in dossier.weightSets.indices { dossier.weightSets[k].owner = "p\(k / 2)" }
    dossier.positions = (0..<6).map { Position(partner: "p\($0)", option: "o\($0 * 7)", mark: .objection, reason: "Niet uitvoerbaar.") }
    var checksum = 0.0
    report("Afwegen met partners: 200 opties × 40 criteria, 6 partners × 2 wegingen",
           measure(rounds: 50) { checksum += (try? PartnerAnalysis.analyse(dossier))?.kendallW ?? 0 }, targetMs: 50)
    var small = syntheticDossier(options: 4, groups: 2, perGroup: 3, sets: 4)
    small.decisionMakers = (0..<3).map { DecisionMaker(id: "p\($0)", name: "Partner \($0)") }
    for k in small.weightSets.indices { small.weightSets[k].owner = "p\(min(k, 2))" }
    report("  de maat van een prestatieafspraak: 4 opties, 3 partners",
           measure(rounds: 500) { checksum += (try? PartnerAnalysis.analyse(small))?.kendallW ?? 0 }, targetMs: 1)
    if checksum.isNaN { print("?") }
}

if which == "lezen" || which == "alles" {
    let dossier = syntheticDossier(options: 200, groups: 8, perGroup: 5, sets: 10)
    let yaml = DossierWriter.write(dossier, as: .yaml)
    let json = DossierWriter.write(dossier, as: .json)
    var count = 0
    report("YAML lezen en controleren (\(yaml.utf8.count / 1024) kB)", measure(rounds: 20) { count += DossierReader.read(yaml, file: "b.yaml").problems.count }, targetMs: 1000)
    report("JSON lezen en controleren (\(json.utf8.count / 1024) kB)", measure(rounds: 20) { count += DossierReader.read(json, file: "b.json").problems.count }, targetMs: 1000)
    if count < 0 { print(count) }
}

if which == "promethee" || which == "promethee-kern" || which == "alles" {
    let piecewise: [PreferenceFunction] = [.usual, .uShape(q: 5), .vShape(p: 20), .level(q: 5, p: 20), .linear(q: 5, p: 20)]
    let linear = randomMatrix(options: 5000, criteria: 20, preference: { piecewise[$0 % piecewise.count] }, seed: 1)
    var sink = 0.0
    report("PROMETHEE II 5000 × 20, stuksgewijs lineair", measure(rounds: 30) { sink += Promethee.analyse(linear).net[0] }, targetMs: 10)
    if which == "promethee-kern" { exit(0) }
    var fast = Promethee.analyse(linear), slow = fast
    let slowMs = once { slow = Promethee.reference(linear) }
    let fastMs = ms(measure(rounds: 5) { fast = Promethee.analyse(linear) }.median)
    print(String(format: "  leerboek O(n²m): %.0f ms, %.0f× trager; grootste verschil in netto stroom %.1e", slowMs, slowMs / fastMs, maxDifference(fast.net, slow.net)))
    let gauss = randomMatrix(options: 5000, criteria: 20, preference: { _ in .gaussian(s: 10) }, seed: 2)
    report("PROMETHEE II 5000 × 20, Gauss (s = 10 op 0–100)", measure(rounds: 3) { sink += Promethee.analyse(gauss).net[0] }, targetMs: 1000)
    let gaussFastMs = once { fast = Promethee.analyse(gauss) }
    let gaussSlowMs = once { slow = Promethee.reference(gauss) }
    print(String(format: "  leerboek O(n²m): %.0f ms, %.1f× trager; grootste verschil in netto stroom %.1e", gaussSlowMs, gaussSlowMs / gaussFastMs, maxDifference(fast.net, slow.net)))
    if sink.isNaN { print("?") }
}

if which == "topsis" || which == "alles" {
    let matrix = randomMatrix(options: 5000, criteria: 20, preference: { _ in .usual }, seed: 3)
    var sink = 0.0
    report("TOPSIS 5000 × 20", measure(rounds: 200) { sink += Topsis.analyse(matrix).closeness[0] }, targetMs: 1)
    // The textbook's order with every intermediate kept (what `methoden --json` prints).
    var fast = Topsis.analyse(matrix), slow = Topsis.working(matrix)
    let fastMs = ms(measure(rounds: 50) { fast = Topsis.analyse(matrix) }.median)
    let slowMs = ms(measure(rounds: 5) { slow = Topsis.working(matrix) }.median)
    print(String(format: "  leerboek (alle tussenstappen): %.1f ms, %.0f× trager; grootste verschil in nabijheid %.1e", slowMs, slowMs / fastMs, maxDifference(fast.closeness, slow.closeness)))
    report("VIKOR 5000 × 20", measure(rounds: 200) { sink += Vikor.analyse(matrix).q[0] }, targetMs: 10)
    if sink.isNaN { print("?") }
}

if which == "ahp" || which == "alles" {
    var rng = SeededGenerator(seed: 4)
    let n = 15
    var m = [[Double?]](repeating: [Double?](repeating: 1, count: n), count: n)
    for i in 0..<n { for j in (i + 1)..<n { let v = SaatyScale.values[Int(rng.next() % 17)]; m[i][j] = v; m[j][i] = 1 / v } }
    let comparison = PairwiseComparison(elements: (0..<n).map { "c\($0)" }, matrix: m)
    var sink = 0.0
    report("AHP 15 × 15: eigenvector, λmax, CI", measure(rounds: 2000) { sink += comparison.analyse().lambdaMax }, targetMicroseconds: 50)
    if sink.isNaN { print("?") }
}

if which == "smaa" || which == "smaa-kern" || which == "alles" {
    var rng = SeededGenerator(seed: 5)
    let n = 50, m = 10
    // Realistic structure: each option has an overall quality (normal, sd 20 points) and a
    // criterion-specific deviation (normal, sd 12), clamped to 0–100 (column-major).
    func normal() -> Double { (-2 * log(1 - rng.unit())).squareRoot() * cos(2 * Double.pi * rng.unit()) }
    let quality = (0..<n).map { _ in 50 + 20 * normal() }
    var values = [Double](repeating: 0, count: n * m)
    for j in 0..<m { for i in 0..<n { values[j * n + i] = min(100, max(0, quality[i] + 12 * normal())) } }
    let uniformValues = (0..<(n * m)).map { _ in rng.unit() * 100 }
    let fixed = SmaaModel(optionCount: n, criterionCount: m, values: values)
    let f = ValueFunction(.linear(worst: 0, best: 100, local: false))
    let uncertain = (0..<(n * m)).filter { _ in rng.unit() < 0.2 }.map { cell -> SmaaModel.UncertainScore in
        let v = values[cell]
        return .init(option: cell % n, criterion: cell / n, sampler: .numeric(low: max(0, v - 10), mode: v, high: min(100, v + 10), function: f))
    }
    let ranged = SmaaModel(optionCount: n, criterionCount: m, values: values, uncertain: uncertain)
    let settings = Smaa.Settings(samples: 100_000, seed: 1, confidenceSamples: 10_000)
    var result = try! Smaa.run(fixed, settings: settings)
    print("  (vectorcode: \(Smaa.kernel))")
    var ranksOnly = settings
    ranksOnly.pairwise = false
    report("SMAA-2 100.000 × 50 opties × 10 criteria", measure(rounds: 10) { result = try! Smaa.run(fixed, settings: ranksOnly) }, targetMs: 50)
    if which == "smaa-kern" { exit(0) }
    report("  idem, met paarsgewijze winstkansen", measure(rounds: 10) { result = try! Smaa.run(fixed, settings: settings) }, targetMs: 50)
    let fastMs = ms(measure(rounds: 3) { result = try! Smaa.run(fixed, settings: settings) }.median)
    var plain = result
    let plainMs = once { plain = try! Smaa.reference(fixed, settings: settings) }
    let agree = plain.rankAcceptability == result.rankAcceptability && plain.pairwiseWinning == result.pairwiseWinning
    print(String(format: "  eenvoudige lus: %.0f ms, %.0f× trager; uitkomsten %@", plainMs, plainMs / fastMs, agree ? "gelijk" : "VERSCHILLEND"))
    report("  idem, \(uncertain.count) scores met bandbreedte", measure(rounds: 5) { result = try! Smaa.run(ranged, settings: settings) }, targetMs: 1000)
    let uniform = SmaaModel(optionCount: n, criterionCount: m, values: uniformValues)
    let stress = measure(rounds: 3) { result = try! Smaa.run(uniform, settings: settings) }
    print(String(format: "  zwaarste geval (alle waarden uniform 0–100, veel bijna-gelijke opties): mediaan %.0f ms", ms(stress.median)))
}

if which == "veerkracht" || which == "alles" {
    // 14,000 buurten in 350 gemeenten over 10 years, with realistic spreads: inhabitants
    // log-normal around 1,200; bijstand around 2.5% with a tail of concentrated buurten;
    // low-income shares 15–60%; Leefbaarometer onv around 0 with a slow drift; some `.`.
    var rng = SeededGenerator(seed: 7)
    func normal() -> Double { (-2 * log(1 - rng.unit())).squareRoot() * cos(2 * Double.pi * rng.unit()) }
    let buurten = 14_000
    var base: [(inw: Double, share: Double, li: Double, onv: Double)] = (0..<buurten).map { _ in
        let inw = max(20, exp(7.1 + 0.8 * normal()))
        let share = min(0.25, max(0, 0.025 * exp(0.7 * normal())))
        return (inw, share, min(80, max(5, 35 + 10 * normal())), 0.08 * normal())
    }
    var files: [String] = []
    for year in 2015..<2025 {
        var lines = ["gwb_code,regio,gm_naam,ind_wbi,a_inw,a_soz_wb,p_wcorpw,p_hh_li,p_hh_osm,lbm,onv"]
        lines.reserveCapacity(buurten + 1)
        for b in 0..<buurten {
            // One buurt in fifty slides: more bijstand and more nuisance every year.
            let sliding = b % 50 == 0
            base[b].share = min(0.3, max(0, base[b].share * (1 + 0.05 * normal() + (sliding ? 0.25 : 0))))
            base[b].onv += 0.01 * normal() - (sliding ? 0.06 : 0)  // onv falls: more nuisance
            let gm = 1 + b / 40, code = String(format: "BU%04d%04d", gm, b % 40)
            let unknown = rng.unit() < 0.02
            let bijstand = unknown ? "." : String(Int((base[b].inw * base[b].share / 5).rounded() * 5))
            lines.append("\(code),Buurt \(b),Gemeente \(gm),\(rng.unit() < 0.01 ? 3 : 1),\(Int(base[b].inw)),\(bijstand),\(Int(rng.unit() * 90)),"
                + String(format: "%.1f,%.1f,%.2f,%.2f", base[b].li, base[b].li / 3, 4.1 - base[b].onv, base[b].onv))
        }
        files.append(lines.joined(separator: "\n"))
    }
    let bytes = files.map(\.utf8.count).reduce(0, +)
    var bands = 0
    let m = measure(rounds: 5) {
        var years: [AreaYear] = []
        for (k, text) in files.enumerated() {
            let table = try! CSVTable.read(text, file: "jaar\(k)").get()
            years.append(try! Sources.kwb(header: table.header, rows: table.rows.map { ($0.line, $0.fields) }, year: 2015 + k, file: "jaar\(k)").get())
        }
        bands += Signal.series(years, spec: .standard).map { $0.filter { $0.band == .onderDruk }.count }.reduce(0, +)
    }
    if CommandLine.arguments.contains("--fasen") {
        let clock = ContinuousClock()
        var tables: [CSVTable] = [], years: [AreaYear] = []
        print("  CSV lezen: \(clock.measure { tables = files.enumerated().map { try! CSVTable.read($0.element, file: "j\($0.offset)").get() } })")
        print("  gebieden maken: \(clock.measure { years = tables.enumerated().map { try! Sources.kwb(header: $0.element.header, rows: $0.element.rows.map { ($0.line, $0.fields) }, year: 2015 + $0.offset, file: "j").get() } })")
        print("  samengestelde score (10×): \(clock.measure { for y in years { bands += Composite.compute(y, .standard).count } })")
        var last: [AreaSignal] = []
        print("  signaal (9 jaarparen): \(clock.measure { last = Signal.series(years, spec: .standard).last ?? [] })")
        print("  banden in het laatste jaar: " + Band.allCases.map { b in "\(b.rawValue) \(last.filter { $0.band == b }.count)" }.joined(separator: ", "))
    }
    report("Veerkracht: 14.000 buurten × 10 jaar, CSV (\(bytes / 1_000_000) MB) tot signaal", m, targetMs: 500)

    // 2,000 households in 5 groups over 5,000 complexes in 3,000 buurten with random bands.
    var arng = SeededGenerator(seed: 11)
    let allBands: [Band] = [.onderDruk, .kwetsbaar, .letOp, .geenSignaal, .onbekend]
    var bandOf: [AreaCode: Band] = [:]
    let codes = (0..<3000).map { AreaCode(String(format: "BU%04d%04d", 1 + $0 / 40, $0 % 40))! }
    for c in codes { bandOf[c] = allBands[Int(arng.unit() * 5)] }
    let groupIDs = ["statushouders", "beschermd-wonen", "jeugdzorg", "dakloos", "overig"]
    let complexes = (0..<5000).map { k in
        AllocationProblem.Complex(id: "c\(k)", name: "Complex \(k)", buurt: codes[Int(arng.unit() * 3000)], dwellings: 100,
                                  vacancies: 2 + Int(arng.unit() * 28), suits: arng.unit() < 0.3 ? Set(groupIDs.filter { _ in arng.unit() < 0.5 }) : nil)
    }
    let problem = AllocationProblem(groups: groupIDs.map { .init(id: $0, name: $0, households: 400) }, complexes: complexes, bands: bandOf)
    var placed = 0
    report("Toewijzing: 2.000 huishoudens over 5.000 complexen, optimaal", measure(rounds: 5) { placed = Allocation.plan(problem).placed.values.reduce(0, +) }, targetMs: 1000)
    print("  geplaatst: \(placed) van 2000")
    if bands < 0 { print(bands) }
}
