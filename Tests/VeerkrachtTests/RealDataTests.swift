import Foundation
import Testing
import Veerkracht
import WikkenCore
import WikkenFormats

/// The Veerkracht instruments on the real Utrecht data in `Data/veerkracht` (CBS kerncijfers
/// 2023 and 2024, Leefbaarometer 2020; see its PROVENANCE.md).
@Suite("Veerkracht on real Utrecht data")
struct RealDataTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Data/veerkracht")

    static func table(_ name: String) throws -> CSVTable {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return try CSVTable.read(text, file: name).get()
    }

    static func rows(_ t: CSVTable) -> Sources.Rows { t.rows.map { ($0.line, $0.fields) } }

    static func kwb(_ year: Int) throws -> AreaYear {
        let t = try table("cbs_kwb\(year)_gemeente_utrecht.csv")
        var y = try Sources.kwb(header: t.header, rows: rows(t), year: year, file: "kwb\(year)").get()
        let l = try table("lbm3_2020_buurt_provincie_utrecht.csv")
        y.join(try Sources.leefbaarometer(header: l.header, rows: rows(l), file: "lbm").get())
        return y
    }

    static let overvecht = ["BU03440312", "BU03440322", "BU03440331", "BU03440341", "BU03440342"].map { AreaCode($0)! }
    static let sciencePark = AreaCode("BU03440533")!

    @Test("the files read: 122 areas, codes and kinds, `.` and empty kept apart")
    func read() throws {
        let y = try Self.kwb(2023)
        #expect(y.areas.count == 122)
        #expect(y.areas.filter { $0.code.kind == .buurt }.count == 111 && y.areas.filter { $0.code.kind == .wijk }.count == 10)
        let neckardreef = try #require(y.byCode[AreaCode("BU03440322")!])
        #expect(neckardreef.name == "Neckardreef en omgeving" && neckardreef.boundaryChange == 1 && neckardreef.code.wijk == "WK034403")
        #expect(neckardreef["a_inw"] == .value(4390) && neckardreef["p_hh_li"] == .unknown && neckardreef["lbm"] == .value(3.71))
        #expect(neckardreef["bestaat_niet"] == .notApplicable)
    }

    @Test("`.` survives the round trip: read, write, read again gives the same cells")
    func roundTrip() throws {
        let original = try Self.kwb(2023)
        let columns = ["a_inw", "a_soz_wb", "p_wcorpw", "p_hh_li", "g_ele", "lbm", "onv"]
        let written = Sources.write(original, columns: columns)
        let csv = CSVTable(header: written.header, rows: written.rows.enumerated().map { CSVTable.Row(line: $0.offset + 2, fields: $0.element) }).write(separator: ";")
        let again = try CSVTable.read(csv, file: "terug.csv").get()
        let reread = try Sources.kwb(header: again.header, rows: Self.rows(again), year: 2023, file: "terug.csv").get()
        #expect(reread.areas.count == original.areas.count)
        for (a, b) in zip(original.areas, reread.areas) {
            let same: Bool = a.code == b.code && a.name == b.name && a.boundaryChange == b.boundaryChange
            #expect(same)
            for c in columns {
                let equal: Bool = a[c] == b[c]
                #expect(equal, "\(a.code) \(c)")
            }
        }
        #expect(csv.contains(";.;"))
        #expect(reread.areas.contains { $0["p_hh_li"] == .unknown })
    }

    @Test("Overvecht: a high concentration of bijstand and a low Leefbaarometer score; Utrecht Science Park: corporation-heavy but not vulnerable")
    func overvechtAndSciencePark() throws {
        let y = try Self.kwb(2023)
        let scores = Dictionary(uniqueKeysWithValues: Composite.compute(y, .standard).map { ($0.code, $0) })
        let rules = IndicatorRules()
        for code in Self.overvecht {
            let s = try #require(scores[code]?.score)
            #expect(s >= 1.5, "\(code): \(s)")
            #expect(try #require(y.byCode[code]?["lbm"].number) < 3.9)
            // Income columns are `.` in this release: left out and said so, never counted as 0.
            #expect(scores[code]!.flags.contains { $0.contains("onbekend bij het CBS") })
            #expect(scores[code]!.flags.contains { $0.contains("is over de andere verdeeld") })
        }
        let park = try #require(y.byCode[Self.sciencePark])
        #expect(rules.isCorporatiebuurt(park) == true)
        #expect(try #require(scores[Self.sciencePark]?.score) < 0)
        let signals = Dictionary(uniqueKeysWithValues: Signal.compute(later: y, earlier: nil, spec: .standard).map { ($0.code, $0) })
        for code in Self.overvecht { #expect(signals[code]?.band == .kwetsbaar, "\(code)") }
        #expect(signals[Self.sciencePark]?.band != .kwetsbaar && signals[Self.sciencePark]?.band != .onderDruk)
        #expect(signals[Self.overvecht[1]]?.why.contains { $0.hasPrefix("Concentratie kwetsbare huishoudens") && $0.contains("hoog") } == true)
        // Small areas: the rate is suppressed, not 0.
        let industrial = try #require(y.byCode[AreaCode("BU03440333")!])
        #expect(rules.value(.bijstand, in: industrial).cell == .unknown)
        #expect(rules.value(.bijstand, in: industrial).reason?.contains("te weinig inwoners (85") == true)
    }

    @Test("the composite by hand: z-scores of bijstand against all buurten, and a turned direction mirrors them")
    func compositeByHand() throws {
        let y = try Self.kwb(2023)
        let rules = IndicatorRules()
        let buurten = y.areas.filter { $0.code.kind == .buurt }
        let xs = buurten.compactMap { rules.value(.bijstand, in: $0).number }
        let mean = xs.reduce(0, +) / Double(xs.count)
        let sd = (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count)).squareRoot()
        let spec = CompositeSpec(parts: [.init(.bijstand, weight: 1)])
        let scores = Dictionary(uniqueKeysWithValues: Composite.compute(y, spec).map { ($0.code, $0.score) })
        let neckar = AreaCode("BU03440322")!
        let x = try #require(rules.value(.bijstand, in: y.byCode[neckar]!).number)
        #expect(abs(try #require(scores[neckar] ?? nil) - (x - mean) / sd) < 1e-12)
        let turned = Dictionary(uniqueKeysWithValues: Composite.compute(y, CompositeSpec(parts: [.init(.bijstand, weight: 1, direction: -1)])).map { ($0.code, $0.score) })
        #expect(abs(try #require(turned[neckar] ?? nil) + (x - mean) / sd) < 1e-12)
        // Min–max: the highest bijstand rate scores 100, the lowest 0.
        let minMax = Composite.compute(y, CompositeSpec(parts: [.init(.bijstand, weight: 1)], normalisation: .minMax)).compactMap(\.score)
        #expect(minMax.max() == 100 && minMax.min() == 0)
        #expect(xs.count == 106)  // 111 buurten: 4 with bijstand unknown at CBS (`.`), 1 with fewer than 100 inhabitants
    }

    @Test("2023 and 2024 join by code with ind_wbi; what 2024 does not have yet stays unknown")
    func twoYears() throws {
        let y23 = try Self.kwb(2023), y24 = try Self.kwb(2024)
        let population = y24.change(of: "a_inw", since: y23)
        #expect(population[AreaCode("BU03440322")!] == .value(55))
        #expect(population.count == 122)
        let bijstand = y24.change(of: "a_soz_wb", since: y23)
        #expect(bijstand[AreaCode("BU03440322")!] == .unknown("onbekend bij het CBS (‘.’) in 2024"))
        // An area whose boundaries changed is not compared.
        var changed = y24
        changed.areas[0].boundaryChange = 3
        #expect(changed.change(of: "a_inw", since: y23)[changed.areas[0].code] == .unknown("grenzen gewijzigd (ind_wbi 3)"))
        let signals = Signal.compute(later: y24, earlier: y23, spec: .standard)
        let neckardreef = try #require(signals.first { $0.code == AreaCode("BU03440322")! })
        #expect(neckardreef.vulnerabilityChange == nil && neckardreef.vulnerability == nil)
        #expect(neckardreef.why.contains { $0.contains("Concentratie onbekend") })
        // The reasons are kinds; their text is a facet, in Dutch and in English.
        #expect(neckardreef.notes.contains { if case .vulnerabilityUnknown = $0 { return true } else { return false } })
        #expect(neckardreef.why(in: .en).contains { $0.hasPrefix("Concentration unknown:") })
        let single = try #require(Signal.compute(later: y24, earlier: nil, spec: .standard).first)
        #expect(single.notes.first == .oneYearOnly && single.why(in: .en).first == "Development unknown: only one year is loaded.")
    }
}

@Suite("Interventions for an area under pressure")
struct InterventionTests {
    @Test("Neckardreef: a valid dossier with the six interventions and a null alternative, every score missing for a reason, the reasons as context")
    func neckardreef() throws {
        let y = try RealDataTests.kwb(2023)
        let code = AreaCode("BU03440322")!
        let signal = try #require(Signal.compute(later: y, earlier: nil, spec: .standard).first { $0.code == code })
        let d = Interventions.dossier(for: signal, area: try #require(y.byCode[code]))
        #expect(d.validate().filter { $0.severity == .error }.isEmpty)
        #expect(d.id == "interventies-bu03440322" && d.options.count == 7 && d.weightSets.count == 3 && d.leafCriteria.count == 6)
        #expect(d.options.allSatisfy { o in d.leafCriteria.allSatisfy { o.scores[$0.id]?.missingReason == Interventions.notScored } })
        #expect(d.context?.contains("Band ‘kwetsbaar’") == true && d.context?.contains("bijstand per 1.000 inwoners: 95,67") == true)
    }
}
