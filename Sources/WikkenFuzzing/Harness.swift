import Foundation
import Veerkracht
import WikkenCore
import WikkenFormats
import WikkenReports
import WikkenWeb

/// The fuzz harnesses: each feeds arbitrary bytes to one parser the outside world reaches, and
/// follows what it accepts a step further (a dossier that reads is analysed and reported). A
/// harness returns for every input; a trap is a finding.
///
/// Run them with libFuzzer through `scripts/fuzz.sh` (the `Fuzz/` package builds them with
/// `--sanitize=fuzzer`); the committed corpora in `Fuzz/Corpus/<name>/` are replayed by the
/// test suite, so every input that once crashed stays a regression test.
public enum Harness: String, CaseIterable, Sendable {
    case dossierYAML = "dossier-yaml"
    case dossierJSON = "dossier-json"
    case csv
    case veerkracht
    case areaCode = "gebiedscode"
    case form = "formulier"
    case number = "getal"
    case spreadsheet = "xlsx"
    case lines = "regels"

    public func run(_ bytes: [UInt8]) {
        switch self {
        case .dossierYAML: Self.dossier(bytes, .yaml)
        case .dossierJSON: Self.dossier(bytes, .json)
        case .csv:
            _ = CSVTable.read(String(decoding: bytes, as: UTF8.self), file: "fuzz.csv")
        case .veerkracht: Self.veerkracht(bytes)
        case .areaCode:
            let text = String(decoding: bytes, as: UTF8.self)
            if let code = AreaCode(text) { _ = (code.gemeente, code.wijk, code < code, code.hashValue) }
        case .form: Self.form(bytes)
        case .number: Self.number(bytes)
        case .spreadsheet: Self.spreadsheet(bytes)
        case .lines: Self.lines(bytes)
        }
    }

    /// An uploaded spreadsheet; when it reads, its cells as a score grid of a small dossier.
    static func spreadsheet(_ bytes: [UInt8]) {
        guard let sheet = try? Spreadsheet.readFirstSheet(Data(bytes)) else { return }
        guard case .success(let entries) = ScoreGrid.entries(sheet, for: gridDossier) else { return }
        for e in entries { _ = ScoreCell.parse(e.text, qualitative: e.criterion == "draagvlak") }
    }

    /// What a person types in a step: the first byte picks options, criteria or grid cells.
    static func lines(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        var d = gridDossier
        switch first % 3 {
        case 0: if (try? d.setOptions(fromLines: text)) != nil { _ = d.blockingProblems() }
        case 1: if (try? d.setCriteria(fromOutline: text)) != nil { _ = (d.criteriaOutline, d.blockingProblems()) }
        default:
            if case .success(let score?) = ScoreCell.parse(text, qualitative: first & 4 != 0) { _ = ScoreCell.text(score) }
        }
    }

    /// Two options and two criteria with scales, for the grid harnesses.
    static let gridDossier: Dossier = {
        var d = Dossier.draft(title: "Fuzz", question: "?")
        try? d.setOptions(fromLines: "Renoveren\nSlopen")
        try? d.setCriteria(fromOutline: "Kosten\nDraagvlak")
        if d.criteria.count == 2 {
            d.criteria[0].scale = .numeric(NumericScale(direction: .lowerIsBetter))
            d.criteria[1].scale = .qualitative(.fivePoint)
        }
        return d
    }()

    /// A dossier file; when it reads, its analysis, methods and reports too.
    static func dossier(_ bytes: [UInt8], _ syntax: DossierSyntax) {
        let text = String(decoding: bytes, as: UTF8.self)
        let read = DossierReader.read(text, file: "fuzz", syntax: syntax)
        for problem in read.problems { _ = problem.rendered(in: .nl) }
        guard let dossier = read.validDossier, let result = try? Mavt.analyse(dossier) else { return }
        _ = AnalysisJSON.encode(AnalysisJSON.document(dossier, result))
        _ = DossierWriter.write(dossier, as: syntax)
        if let set = dossier.weightSets.first, let methods = try? MethodComparison.run(dossier, weightSet: set) {
            _ = AnalysisJSON.encode(MethodsJSON.document(dossier, [methods]))
        }
        if let partners = try? PartnerAnalysis.analyse(dossier) {
            _ = PartnerText(dossier: dossier, analysis: partners).render()
            _ = AnalysisJSON.encode(PartnerJSON.document(dossier, partners))
        }
        // A partner's own part taken out and put back (the web app's partners page) keeps every
        // weight set and position (its positions may move together in the list).
        for m in dossier.decisionMakers {
            let part = dossier.part(of: m.id), back = dossier.replacing(part)
            if back.weightSets != dossier.weightSets || back.part(of: m.id) != part || back.positions.count != dossier.positions.count {
                fatalError("replacing a partner's own part changed the dossier")
            }
            _ = m.organisation.map { dossier.decisionMaker(forOrganisation: $0) }
        }
    }

    /// The first byte picks the kind of veerkracht file; the rest is its text.
    static func veerkracht(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        let kinds = VeerkrachtFiles.Kind.allCases
        if Int(first) % (kinds.count + 1) == kinds.count {
            guard case .success(let table) = CSVTable.read(text, file: "complexen.csv") else { return }
            _ = Sources.complexes(header: table.header, rows: table.rows.map { ($0.line, $0.fields) }, file: "complexen.csv")
            return
        }
        let kind = kinds[Int(first) % (kinds.count + 1)]
        let file = VeerkrachtFiles.File(name: "\(kind.rawValue)2023-fuzz.csv", text: text)
        guard VeerkrachtFiles.check(file, as: kind).isEmpty, kind == .kwb else { return }
        if case .success(let loaded) = VeerkrachtFiles.load(kwb: [file]), let year = loaded.years.last {
            _ = Signal.compute(later: year, earlier: nil, spec: CompositeSpec(parts: [.init(.bijstand, weight: 1)]), thresholds: SignalThresholds())
        }
    }

    /// The first line is the content type (so the fuzzer finds boundaries); the rest the body.
    static func form(_ bytes: [UInt8]) {
        let newline = bytes.firstIndex(of: 0x0A) ?? bytes.count
        let contentType = String(decoding: bytes[..<newline], as: UTF8.self)
        let body = Array(bytes[min(newline + 1, bytes.count)...])
        Form.fuzz(body, contentType: contentType)
    }

    /// Eight bytes as a Double and one as the number of decimals, through every formatter.
    static func number(_ bytes: [UInt8]) {
        guard bytes.count >= 9 else { return }
        var bits: UInt64 = 0
        for b in bytes.prefix(8) { bits = bits << 8 | UInt64(b) }
        let x = Double(bitPattern: bits), decimals = Int(bytes[8] % 12)
        for language in [Language.nl, .en] {
            _ = NumberText.rounded(x, decimals: decimals, language: language)
            _ = NumberText.compact(x, decimals: decimals, language: language)
            _ = NumberText.signed(x, decimals: decimals, language: language)
            _ = NumberText.percent(x, decimals: decimals, language: language)
        }
        _ = NumberText.plain(x)
        _ = NumberText.grouped(Int(truncatingIfNeeded: bits), language: .nl)
    }
}
