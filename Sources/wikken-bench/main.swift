import Foundation
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

if which == "lezen" || which == "alles" {
    let dossier = syntheticDossier(options: 200, groups: 8, perGroup: 5, sets: 10)
    let yaml = DossierWriter.write(dossier, as: .yaml)
    let json = DossierWriter.write(dossier, as: .json)
    var count = 0
    report("YAML lezen en controleren (\(yaml.utf8.count / 1024) kB)", measure(rounds: 20) { count += DossierReader.read(yaml, file: "b.yaml").problems.count }, targetMs: 1000)
    report("JSON lezen en controleren (\(json.utf8.count / 1024) kB)", measure(rounds: 20) { count += DossierReader.read(json, file: "b.json").problems.count }, targetMs: 1000)
    if count < 0 { print(count) }
}
