import ArgumentParser
import Foundation
import WikkenCore
import WikkenFormats
import WikkenReports

/// `wikken rapport`: the board memo as HTML, Markdown or PDF.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rapport",
        abstract: "Maak de bestuursnotitie als HTML, Markdown of PDF. (Board memo.)",
        aliases: ["report", "memo"]
    )

    @OptionGroup var common: CommonOptions

    @Argument(help: "Het dossierbestand (.yaml, .yml of .json).")
    var file: String

    @ArgumentParser.Option(name: [.customLong("weging"), .customLong("weight-set")], help: "De weging waarop het advies rust (standaard de eerste).")
    var weightSet: String?

    @ArgumentParser.Option(name: [.customLong("formaat"), .customLong("format")], help: "html, md of pdf (standaard volgens --uit, anders html).")
    var format: Format?

    @ArgumentParser.Option(name: [.customLong("uit"), .customLong("output")], help: "Het bestand om te schrijven; '-' schrijft HTML of Markdown naar het scherm. Standaard: bestuursnotitie-<dossier>.<formaat>.")
    var output: String?

    @Flag(name: .customLong("smaa"), help: "Neem SMAA-2 op (10.000 trekkingen, zaad 1).")
    var smaa = false

    @ArgumentParser.Option(name: [.customLong("datum"), .customLong("date")], help: "Datum op de notitie, jjjj-mm-dd (standaard vandaag).")
    var date: String?

    @OptionGroup var missing: MissingOption

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, md, pdf
    }

    func run() async throws {
        let language = common.language.core
        let nl = language == .nl
        let (dossier, _) = try Terminal.loadDossier(file, language: language, quietWarnings: true)
        guard let chosen = try Terminal.selectWeightSets(weightSet.map { [$0] } ?? [], in: dossier, language: language).first,
              let index = dossier.weightSets.firstIndex(where: { $0.id == chosen.id }) else {
            throw Terminal.usageError(nl ? "Dit dossier heeft geen weging; voeg er een toe onder ‘wegingen’." : "This dossier has no weight set; add one under ‘wegingen’.", language: language)
        }
        if let date, !ISODate.isValid(date) {
            throw Terminal.usageError(nl ? "--datum '\(date)' is geen datum; schrijf jjjj-mm-dd." : "--date '\(date)' is not a date; write yyyy-mm-dd.", language: language)
        }
        let format = self.format ?? output.flatMap { Format(rawValue: URL(fileURLWithPath: $0).pathExtension.lowercased()) } ?? .html
        if format == .pdf, output == "-" {
            throw Terminal.usageError(nl ? "Een PDF kan niet naar het scherm; geef een bestandsnaam met --uit." : "A PDF cannot go to the screen; give a file name with --output.", language: language)
        }

        let hash = SHA256.hex(Array(DossierWriter.write(dossier, as: .json).utf8))
        let memo: Memo
        do {
            memo = try Memo.assemble(dossier, weightSet: index, missingRule: missing.rule(for: dossier), smaa: smaa, date: date ?? Self.today(), contentHash: hash, language: language)
        } catch {
            throw Terminal.report(error, in: dossier, language: language)
        }
        let target = output ?? "bestuursnotitie-\(dossier.id).\(format.rawValue)"
        switch format {
        case .html, .md:
            let text = format == .html ? MemoHTML.render(memo) : MemoMarkdown.render(memo)
            if target == "-" { Terminal.out(text); return }
            try Terminal.writeAtomically(text, to: target, language: language)
        case .pdf:
            try await Self.printPDF(MemoHTML.render(memo), to: target, language: language)
        }
        Terminal.err(nl ? "Geschreven: \(target)" : "Written: \(target)")
    }

    static func today() -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return String(format: "%04d-%02d-%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1)
    }

    /// Headless Chromium prints the HTML to PDF; the PDF appears only when printing succeeded.
    static func printPDF(_ html: String, to target: String, language: Language) async throws {
        let nl = language == .nl
        guard let chromium = PDFPrinter.find() else {
            Terminal.err(nl
                ? "Voor een PDF is Chromium nodig, maar het is niet gevonden. Installeer het (Debian/Ubuntu: apt-get install chromium) of zet WIKKEN_CHROMIUM op het pad van de browser. Tip: maak een HTML-notitie (--formaat html) en druk die in een browser af als PDF."
                : "A PDF needs Chromium, which was not found. Install it (Debian/Ubuntu: apt-get install chromium) or set WIKKEN_CHROMIUM to the browser's path. Tip: make an HTML memo (--format html) and print it to PDF in a browser.")
            throw Exit.toolMissing
        }
        guard let data = await PDFPrinter.print(html, with: chromium) else {
            Terminal.err(nl ? "Chromium kon de PDF niet maken; er is niets geschreven." : "Chromium could not make the PDF; nothing was written.")
            throw Exit.toolMissing
        }
        do {
            try data.write(to: URL(fileURLWithPath: target), options: .atomic)
        } catch {
            Terminal.err(nl ? "\(target): kan het bestand niet schrijven; er is niets veranderd." : "\(target): cannot write the file; nothing was changed.")
            throw Exit.fileProblem
        }
    }
}
