import ArgumentParser
import Foundation
import Veerkracht
import WikkenCore
import WikkenFormats
import WikkenReports

/// `wikken veerkracht`: the resilience signal, an area's profile and the allocation planner on
/// CBS and Leefbaarometer files.
struct VeerkrachtCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veerkracht",
        abstract: "Veerkracht van buurten op CBS-cijfers, en een plan voor het huisvesten van aandachtsgroepen.",
        subcommands: [SignalCommand.self, ProfileCommand.self, AllocationCommand.self, InterventionsCommand.self, VeerkrachtReportCommand.self]
    )
}

/// The data files and the choices of the composite and the bands, shared by the subcommands.
struct VeerkrachtInput: ParsableArguments {
    @ArgumentParser.Option(name: .customLong("kwb"), help: "CBS Kerncijfers wijken en buurten (CSV, , of ;); mag vaker, één per jaar. Het jaar komt uit de bestandsnaam (bijv. kwb2023).")
    var kwb: [String] = []

    @ArgumentParser.Option(name: .customLong("lbm"), help: "Leefbaarometer-scores per buurt (CSV met bu_code, lbm, onv, …); hoort bij het CBS-jaar dat het dichtst bij het meetjaar ligt.")
    var lbm: [String] = []

    @ArgumentParser.Option(name: .customLong("ses"), help: "CBS SES-WOA-scores (CSV); hoort bij het laatste jaar.")
    var ses: [String] = []

    @ArgumentParser.Option(name: .customLong("codeboek"), help: "Het CBS-codeboek (CSV met variable, label_nl, unit) voor de betekenis van de kolommen in het profiel.")
    var codebook: String?

    @ArgumentParser.Option(name: .customLong("indicator"), help: "Indicator in de score, met gewicht: bijstand_per_1000=2 (mag vaker); met :omgekeerd telt een hogere waarde als minder kwetsbaar (of omgekeerd). Standaard: bijstand_per_1000=2, laag_inkomen_pct=1, sociaal_minimum_pct=1.")
    var indicators: [String] = []

    @ArgumentParser.Option(name: .customLong("normalisatie"), help: "z-score (standaard) of min-max.")
    var normalisation: String = "z-score"

    @ArgumentParser.Flag(name: .customLong("relatief"), help: "Vergelijk met de eigen gemeente in plaats van met alle gebieden in de gegevens.")
    var relative = false

    @ArgumentParser.Option(name: .customLong("ontbrekend"), help: "Ontbrekende cijfers: herverdelen (standaard; het gewicht gaat naar de andere) of weigeren (geen score).")
    var missing: String = "herverdelen"

    @ArgumentParser.Option(name: .customLong("drempel-concentratie"), help: "Hoge concentratie vanaf deze score (standaard 1,0 bij z-score, 75 bij min-max).")
    var levelThreshold: Double?

    @ArgumentParser.Option(name: .customLong("drempel-stijging"), help: "Stijgende concentratie vanaf deze toename (standaard 0,10).")
    var riseThreshold: Double?

    @ArgumentParser.Option(name: .customLong("drempel-overlast"), help: "Veel overlast vanaf deze waarde van −onv (standaard 0,15).")
    var nuisanceThreshold: Double?

    @ArgumentParser.Option(name: .customLong("drempel-overlast-stijging"), help: "Stijgende overlast vanaf deze toename van −onv (standaard 0,05).")
    var nuisanceRiseThreshold: Double?

    static func rows(_ t: CSVTable) -> Sources.Rows { t.rows.map { ($0.line, $0.fields) } }

    static func table(_ path: String) throws -> CSVTable {
        switch CSVTable.read(try text(path), file: path) {
        case .success(let t): return t
        case .failure(let p):
            Terminal.err(p.description)
            throw Exit.invalidDossier
        }
    }

    static func text(_ path: String) throws -> String { try Terminal.readText(path, language: .nl) }

    /// The years, oldest first, with the Leefbaarometer and SES files joined.
    func loadAll() throws -> VeerkrachtFiles.Loaded {
        guard !kwb.isEmpty else { throw Terminal.usageError("geef minstens één CBS-bestand met --kwb.", language: .nl) }
        func files(_ paths: [String]) throws -> [VeerkrachtFiles.File] { try paths.map { .init(name: $0, text: try Self.text($0)) } }
        switch VeerkrachtFiles.load(kwb: try files(kwb), lbm: try files(lbm), ses: try files(ses), codebook: try files(codebook.map { [$0] } ?? [])) {
        case .success(let loaded):
            for note in loaded.notes { Terminal.err(note) }
            return loaded
        case .failure(let problems):
            for p in problems.list.prefix(50) { Terminal.err(p.description) }
            if problems.list.count > 50 { Terminal.err("… en nog \(problems.list.count - 50) problemen.") }
            Terminal.err("\(problems.list.count) \(problems.list.count == 1 ? "probleem" : "problemen") in de gegevens; er is niets berekend.")
            throw Exit.invalidDossier
        }
    }

    func spec() throws -> CompositeSpec {
        var parts: [CompositeSpec.Part] = []
        for var text in indicators {
            let flipped = text.hasSuffix(":omgekeerd")
            if flipped { text = String(text.dropLast(":omgekeerd".count)) }
            let pieces = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard let indicator = Indicator(rawValue: pieces[0]) else {
                throw Terminal.usageError("onbekende indicator ‘\(pieces[0])’; kies uit \(Indicator.allCases.map(\.rawValue).joined(separator: ", ")).", language: .nl)
            }
            let weight = pieces.count > 1 ? Double(pieces[1].replacingOccurrences(of: ",", with: ".")) : 1
            guard let weight, weight >= 0, weight.isFinite else { throw Terminal.usageError("gewicht van \(pieces[0]) is geen getal van 0 of meer.", language: .nl) }
            parts.append(.init(indicator, weight: weight, direction: flipped ? -indicator.vulnerableDirection : nil))
        }
        var spec = parts.isEmpty ? CompositeSpec.standard : CompositeSpec(parts: parts)
        guard let n = CompositeSpec.Normalisation(rawValue: normalisation) else { throw Terminal.usageError("--normalisatie is z-score of min-max.", language: .nl) }
        guard let m = CompositeSpec.MissingRule(rawValue: missing) else { throw Terminal.usageError("--ontbrekend is herverdelen of weigeren.", language: .nl) }
        spec.normalisation = n
        spec.missing = m
        spec.reference = relative ? .gemeente : .all
        return spec
    }

    /// One area of the latest year with its signal (computed for its kind), or a clear message
    /// and exit code 1 when it is not in the data.
    func area(_ code: String, buurtOnly: Bool = false) throws -> (loaded: VeerkrachtFiles.Loaded, year: Int, area: Area, signal: AreaSignal) {
        guard let areaCode = AreaCode(code), !buurtOnly || areaCode.kind == .buurt else {
            throw Terminal.usageError("‘\(code)’ is geen \(buurtOnly ? "buurtcode" : "gebiedscode"); verwacht bijvoorbeeld BU03440322.", language: .nl)
        }
        let loaded = try loadAll()
        var spec = try spec()
        spec.kind = areaCode.kind
        let signals = Signal.compute(later: loaded.latest, earlier: loaded.previous, spec: spec, thresholds: thresholds(spec))
        guard let area = loaded.latest.byCode[areaCode], let signal = signals.first(where: { $0.code == areaCode }) else {
            Terminal.err("\(code) staat niet in de gegevens van \(loaded.latest.year).")
            throw ExitCode(1)
        }
        return (loaded, loaded.latest.year, area, signal)
    }

    func thresholds(_ spec: CompositeSpec) -> SignalThresholds {
        var t = SignalThresholds(for: spec.normalisation)
        if let x = levelThreshold { t.vulnerabilityLevel = x; t.areAssumptions = false }
        if let x = riseThreshold { t.vulnerabilityRise = x; t.areAssumptions = false }
        if let x = nuisanceThreshold { t.nuisanceLevel = x; t.areAssumptions = false }
        if let x = nuisanceRiseThreshold { t.nuisanceRise = x; t.areAssumptions = false }
        return t
    }

    /// The signal of the latest year, against the year before when there is one.
    func signal() throws -> (loaded: VeerkrachtFiles.Loaded, spec: CompositeSpec, thresholds: SignalThresholds, signals: [AreaSignal]) {
        let loaded = try loadAll(), spec = try spec(), t = thresholds(spec)
        return (loaded, spec, t, Signal.compute(later: loaded.latest, earlier: loaded.previous, spec: spec, thresholds: t))
    }
}

func number(_ x: Double?, _ decimals: Int = 2) -> String { x.map { NumberText.rounded($0, decimals: decimals, language: .nl) } ?? "onbekend" }

struct SignalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "signaal", abstract: "De veerkracht per buurt: concentratie, overlast, hun ontwikkeling, en de band met de reden.")

    @OptionGroup var input: VeerkrachtInput

    @ArgumentParser.Flag(name: .customLong("json"), help: "Uitvoer als JSON.")
    var json = false

    @ArgumentParser.Option(name: .customLong("gemeente"), help: "Alleen gebieden van deze gemeente (GM0344).")
    var gemeente: String?

    func run() async throws {
        var (loaded, spec, t, signals) = try input.signal()
        if let gemeente { signals = signals.filter { $0.code.gemeente == gemeente.uppercased() } }
        signals = signals.mostPressingFirst
        if json {
            Terminal.out(VeerkrachtJSON.signal(year: loaded.latest.year, previousYear: loaded.previous?.year, spec: spec, thresholds: t, signals: signals,
                                               warnings: Signal.warnings(later: loaded.latest, earlier: loaded.previous, spec: spec)))
            return
        }
        var out = "Veerkracht \(loaded.latest.year)" + (loaded.previous.map { " (ontwikkeling sinds \($0.year))" } ?? " (één jaar: geen ontwikkeling)") + "\n"
        out += "Concentratie: " + spec.parts.map { "\($0.indicator.label) × \(NumberText.plain($0.weight))\($0.direction != $0.indicator.vulnerableDirection ? " (omgekeerd)" : "")" }.joined(separator: ", ") + ". " + spec.conventions + "\n"
        out += "Drempels\(t.areAssumptions ? " (aannames, aan te passen met --drempel-…)" : ""): concentratie ≥ \(number(t.vulnerabilityLevel)), stijging ≥ \(number(t.vulnerabilityRise)), overlast ≥ \(number(t.nuisanceLevel)), stijging overlast ≥ \(number(t.nuisanceRise)).\n"
        for warning in Signal.warnings(later: loaded.latest, earlier: loaded.previous, spec: spec) { out += warning + "\n" }
        out += "\n"
        out += "band          code        concentratie  overlast  corporatie  buurt\n"
        for s in signals {
            out += s.band.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0) + " " + s.code.text.padding(toLength: 11, withPad: " ", startingAt: 0) + " "
                + number(s.vulnerability).leftPadded(12) + "  " + number(s.nuisance).leftPadded(8) + "  " + (s.corporatiebuurt == true ? "ja" : s.corporatiebuurt == false ? "nee" : "?").leftPadded(10)
                + "  " + s.name + "\n"
        }
        let counts = Band.allCases.map { b in "\(b.rawValue): \(signals.filter { $0.band == b }.count)" }.joined(separator: ", ")
        out += "\n\(signals.count) gebieden — \(counts).\n"
        let flagged = signals.filter { $0.band == .onderDruk || $0.band == .kwetsbaar }
        if !flagged.isEmpty {
            out += "\nWaarom (onder druk en kwetsbaar):\n"
            for s in flagged { out += "\n\(s.name) (\(s.code.text)) — \(s.band.rawValue)\n" + s.why.map { "  - \($0)\n" }.joined() }
        }
        Terminal.out(out)
    }
}

struct ProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "profiel", abstract: "Alle indicatoren van één gebied, met zijn band en de reden.")

    @Argument(help: "De gebiedscode, bijvoorbeeld BU03440322.")
    var code: String

    @OptionGroup var input: VeerkrachtInput

    func run() async throws {
        let (loaded, year, area, signal) = try input.area(code)
        let rules = IndicatorRules()
        var out = "\(area.name) (\(area.code.text)), \(area.gemeenteName), \(year)\n\n"
        for indicator in Indicator.allCases {
            let v = rules.value(indicator, in: area)
            out += "  " + indicator.label.padding(toLength: 46, withPad: " ", startingAt: 0) + " " + (v.number.map { NumberText.rounded($0, decimals: 2, language: .nl) } ?? v.reason ?? "onbekend") + "\n"
        }
        if let lbm = area["lbm"].number { out += "  Leefbaarometer-klasse: \(LeefbaarometerClasses.assumed.label(lbm)) (klassegrenzen zijn een aanname)\n" }
        if let corp = rules.isCorporatiebuurt(area) { out += "  Corporatiebuurt (meer dan twee derde corporatiewoningen): \(corp ? "ja" : "nee")\n" }
        if input.codebook != nil {
            out += "\nCBS-cijfers:\n"
            for row in Sources.profile(area, codebook: loaded.codebook) {
                out += "  " + "\(row.label) [\(row.variable)]".padding(toLength: 60, withPad: " ", startingAt: 0) + " " + row.value + "\n"
            }
        }
        out += "\nBand: \(signal.band.rawValue)\n" + signal.why.map { "  - \($0)\n" }.joined()
        Terminal.out(out)
    }
}

struct AllocationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "toewijzing", abstract: "Verdeel de huishoudens van aandachtsgroepen over complexen, met zo min mogelijk druk op kwetsbare buurten.")

    @ArgumentParser.Option(name: .customLong("complexen"), help: "CSV met complex_id, naam, buurt (BU-code), woningen, vrijkomend (per jaar); optioneel maximum, geschikt_voor (groepen, gescheiden door |), overlastmeldingen (per jaar) en kwetsbaarheid_pct.")
    var complexes: String

    @ArgumentParser.Option(name: .customLong("groep"), help: "Een aandachtsgroep met het aantal huishoudens: statushouders=40 (mag vaker).")
    var groups: [String]

    @ArgumentParser.Option(name: .customLong("buurtmaximum"), help: "Hoogstens zoveel huishoudens in een buurt: BU03440322=5 (mag vaker).")
    var buurtCaps: [String] = []

    @OptionGroup var input: VeerkrachtInput

    func run() async throws {
        let (_, _, _, signals) = try input.signal()
        let bands = Dictionary(firstValues: signals.map { ($0.code, $0.band) })
        let t = try VeerkrachtInput.table(complexes)
        let list: [AllocationProblem.Complex]
        switch Sources.complexes(header: t.header, rows: VeerkrachtInput.rows(t), file: complexes) {
        case .success(let l): list = l
        case .failure(let problems):
            for p in problems.list { Terminal.err(p.description) }
            throw Exit.invalidDossier
        }
        for c in list where bands[c.buurt] == nil { Terminal.err("let op: buurt \(c.buurt.text) van \(c.name) staat niet in de CBS-gegevens; zijn band is ‘onbekend’") }
        var groupList: [AllocationProblem.Group] = []
        for text in groups {
            let pieces = text.split(separator: "=").map(String.init)
            guard pieces.count == 2, let n = AllocationProblem.count(pieces[1]) else {
                throw Terminal.usageError("--groep \(text): schrijf naam=aantal, bijvoorbeeld statushouders=40; het aantal is \(AllocationProblem.countExpected).", language: .nl)
            }
            groupList.append(.init(id: pieces[0], name: pieces[0], households: n))
        }
        var caps: [AreaCode: Int] = [:]
        for text in buurtCaps {
            let pieces = text.split(separator: "=").map(String.init)
            guard pieces.count == 2, let code = AreaCode(pieces[0]), let n = AllocationProblem.count(pieces[1]) else {
                throw Terminal.usageError("--buurtmaximum \(text): schrijf BU-code=aantal; het aantal is \(AllocationProblem.countExpected).", language: .nl)
            }
            caps[code] = n
        }
        let problem = AllocationProblem(groups: groupList, complexes: list, bands: bands, buurtCaps: caps)
        let plan = Allocation.plan(problem)
        var out = "Toewijzing van \(groupList.map(\.households).reduce(0, +)) huishoudens over \(list.count) complexen\n"
        out += "Regels (aannames, per band): " + Band.allCases.compactMap { b in
            guard let r = problem.rules[b] else { return nil }
            return "\(b.rawValue) hoogstens \(Int((r.maxShare * 100).rounded()))% van het vrijkomen, druk \(r.pressure)"
        }.joined(separator: "; ") + ".\n\n"
        for (line, c) in zip(plan.lines, list) where line.total > 0 || line.cap > 0 {
            let groupsText = line.perGroup.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            out += "\(c.name) (\(c.buurt.text), \(line.band.rawValue)): \(line.total)\(groupsText.isEmpty ? "" : " — \(groupsText)")\n  \(line.why)\n"
        }
        out += "\nGeplaatst: " + groupList.map { "\($0.name) \(plan.placed[$0.id] ?? 0) van \($0.households)" }.joined(separator: ", ") + ". Totale druk: \(plan.pressure).\n"
        if plan.totalUnplaced > 0 {
            out += "Niet te plaatsen: \(plan.totalUnplaced) huishoudens. Wat in de weg zit:\n" + plan.binding.map { "  - \($0)\n" }.joined()
            Terminal.out(out)
            throw ExitCode(2)
        }
        Terminal.out(out)
    }
}

struct InterventionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "interventies", abstract: "Een dossier met interventies voor één gebied, klaar om af te wegen.")

    @Argument(help: "De gebiedscode, bijvoorbeeld BU03440322.")
    var code: String

    @OptionGroup var input: VeerkrachtInput

    @ArgumentParser.Option(name: .customLong("uit"), help: "Het dossierbestand om te schrijven (.yaml of .json); - voor het scherm.")
    var output: String = "-"

    func run() async throws {
        let (_, _, area, signal) = try input.area(code, buurtOnly: true)
        let dossier = Interventions.dossier(for: signal, area: area)
        let text = DossierWriter.write(dossier, as: output.hasSuffix(".json") ? .json : .yaml)
        if output == "-" { Terminal.out(text); return }
        try Terminal.writeAtomically(text, to: output, language: .nl)
        Terminal.out("Geschreven: \(output) (band ‘\(signal.band.rawValue)’). Open het met wikken analyseer of in de web-app (Nieuw dossier).\n")
    }
}

struct VeerkrachtReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rapport", abstract: "Het veerkrachtsignaal als rapport (HTML, zelfstandig; of Markdown), met de grafiek, haar tekst en tabel, en de reden per buurt.")

    @OptionGroup var input: VeerkrachtInput

    @ArgumentParser.Option(name: .customLong("uit"), help: "Het bestand om te schrijven (.html of .md); - voor het scherm (Markdown).")
    var output: String = "veerkracht.html"

    @ArgumentParser.Option(name: .customLong("plaats"), help: "Naam van het gebied in de titel (standaard de gemeente uit de gegevens).")
    var place: String?

    @ArgumentParser.Option(name: .customLong("datum"), help: "Datum in het rapport (jjjj-mm-dd; standaard vandaag).")
    var date: String?

    func run() async throws {
        let (loaded, spec, t, signals) = try input.signal()
        let latest = loaded.latest
        let gemeente = latest.areas.first { $0.code.kind == .gemeente }?.name ?? latest.areas.first?.gemeenteName ?? ""
        let today = date ?? Report.today()
        let memo = VeerkrachtReport.memo(place: place ?? gemeente, year: latest.year, previousYear: loaded.previous?.year,
                                         signals: signals, spec: spec, thresholds: t, notes: [],
                                         warnings: Signal.warnings(later: latest, earlier: loaded.previous, spec: spec), date: today)
        let markdown = output == "-" || output.hasSuffix(".md")
        let text = markdown ? MemoMarkdown.render(memo) : MemoHTML.render(memo)
        if output == "-" { Terminal.out(text); return }
        try Terminal.writeAtomically(text, to: output, language: .nl)
        Terminal.out("Geschreven: \(output)\n")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
