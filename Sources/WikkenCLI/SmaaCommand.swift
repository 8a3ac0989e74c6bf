import ArgumentParser
import Foundation
import WikkenCore
import WikkenReports

/// `wikken smaa`: how robust is the ranking when weights (and uncertain scores) vary?
struct SmaaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "smaa",
        abstract: "SMAA-2: kans op elke plaats als gewichten en onzekere scores variëren. (Stochastic acceptability.)"
    )

    @OptionGroup var common: CommonOptions

    @Argument(help: "Het dossierbestand (.yaml, .yml of .json).")
    var file: String

    @ArgumentParser.Option(name: [.customLong("trekkingen"), .customLong("samples")], help: "Aantal trekkingen (standaard 10000).")
    var samples: Int = 10_000

    @ArgumentParser.Option(name: [.customLong("zaad"), .customLong("seed")], help: "Startgetal voor het toeval; dezelfde waarde geeft dezelfde uitkomst.")
    var seed: UInt64 = 1

    @ArgumentParser.Option(name: [.customLong("verdeling"), .customLong("distribution")], help: "Hoe scores binnen hun bandbreedte worden getrokken: uniform of driehoek.")
    var distribution: Distribution = .uniform

    @ArgumentParser.Option(name: [.customLong("gewichten"), .customLong("weights")], help: "vrij (elke weging even waarschijnlijk) of rangorde (alleen de volgorde van belang uit --weging).")
    var weights: WeightChoice = .vrij

    @ArgumentParser.Option(name: [.customLong("weging"), .customLong("weight-set")], help: "De weging waaruit de rangorde komt (standaard de eerste).")
    var weightSet: String?

    @ArgumentParser.Option(name: [.customLong("grens"), .customLong("bound")], help: "Grenzen voor een gewicht: criterium=laag:hoog, als deel (0.1:0.4) of procent (10%:40%); mag vaker.")
    var bounds: [String] = []

    @ArgumentParser.Option(name: [.customLong("ontbrekend"), .customLong("missing")],
                           help: "Ontbrekende scores: weigeren of slechtst. Standaard de regel in het dossier (ontbrekend:), anders weigeren. / Missing scores: the dossier's rule by default, else refuse.")
    var missing: MissingChoice?

    @Flag(name: .long, help: "Uitvoer als JSON, met alle foutmarges.")
    var json = false

    enum Distribution: String, ExpressibleByArgument, CaseIterable {
        case uniform, driehoek, triangular
    }

    enum WeightChoice: String, ExpressibleByArgument, CaseIterable {
        case vrij, rangorde, free, ranking
    }

    func run() throws {
        let language = common.language.core
        let nl = language == .nl
        guard samples > 0, samples <= 10_000_000 else {
            throw Terminal.usageError(nl ? "--trekkingen moet tussen 1 en 10 miljoen liggen." : "--samples must lie between 1 and 10 million.", language: language)
        }
        let (dossier, _) = try Terminal.loadDossier(file, language: language, quietWarnings: true)
        let set = try Terminal.selectWeightSets(weightSet.map { [$0] } ?? [], in: dossier, language: language)[0]
        let rule = dossier.missingRule(override: missing?.rule)
        if rule == .renormalise { throw Terminal.report(.ruleNotSupported(.renormalise), in: dossier, language: language) }
        var single = dossier
        single.weightSets = [set]
        let result: MavtResult
        do {
            result = try Mavt.analyse(single, missingRule: rule)
        } catch {
            throw Terminal.report(error, in: dossier, language: language)
        }
        let leaves = dossier.leafCriteria
        var settings = Smaa.Settings(samples: samples, seed: seed, triangular: distribution != .uniform)
        var source: String? = nil
        if weights == .rangorde || weights == .ranking {
            // Tiers of leaves with equal global weight, heaviest first.
            let w = result.weightSets[0].leafWeights
            let distinct = Array(Set(w)).sorted(by: >)
            settings.weights = .ranking(distinct.map { value in w.indices.filter { abs(w[$0] - value) < 1e-12 } })
            source = set.id
        }
        if !bounds.isEmpty {
            var b = [ClosedRange<Double>?](repeating: nil, count: leaves.count)
            for text in bounds {
                guard let (id, range) = Self.parseBound(text), let j = leaves.firstIndex(where: { $0.id == id }) else {
                    throw Terminal.usageError(nl
                        ? "Grens '\(text)' niet begrepen; schrijf criterium=laag:hoog met een onderste criterium, bijvoorbeeld overlast=0.1:0.4."
                        : "Bound '\(text)' not understood; write criterion=low:high for a lowest criterion, for example overlast=0.1:0.4.", language: language)
                }
                b[j] = range
            }
            settings.bounds = b
        }
        let model = SmaaModel(single, result)
        let showProgress = !json && isatty(STDERR_FILENO) == 1 && samples >= 200_000
        let smaa: Smaa.Result
        do {
            smaa = try Smaa.run(model, settings: settings, progress: showProgress ? { Terminal.progress($0, language: language) } : nil)
        } catch {
            switch error {
            case .boundsInfeasible:
                Terminal.err(nl ? "De grenzen kunnen samen niet op 100% uitkomen; er is niets berekend." : "The bounds cannot add up to 100%; nothing was computed.")
            case .boundsTooNarrow:
                Terminal.err(nl ? "Bijna geen weging past binnen de grenzen en de rangorde; maak de grenzen ruimer." : "Hardly any weights fit the bounds and ranking; widen the bounds.")
            case .noSamples:
                Terminal.err(nl ? "Niets te trekken." : "Nothing to sample.")
            }
            throw ExitCode.validationFailure
        }
        if showProgress { Terminal.err("") }
        if json {
            Terminal.out(AnalysisJSON.encode(SmaaJSON.document(dossier, smaa, settings)))
        } else {
            Terminal.out(SmaaText(dossier: dossier, result: smaa, settings: settings, uncertainScores: model.uncertain.count, weightSource: source, language: language).render())
        }
    }

    /// `overlast=0.1:0.4` or `overlast=10%:40%`.
    static func parseBound(_ text: String) -> (String, ClosedRange<Double>)? {
        let parts = text.split(separator: "=", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let ends = parts[1].split(separator: ":")
        guard ends.count == 2 else { return nil }
        func value(_ s: Substring) -> Double? {
            let t = s.replacingOccurrences(of: ",", with: ".")
            if t.hasSuffix("%") { return Double(t.dropLast()).map { $0 / 100 } }
            return Double(t)
        }
        guard let lo = value(ends[0]), let hi = value(ends[1]), lo >= 0, hi <= 1, lo <= hi else { return nil }
        return (String(parts[0]), lo...hi)
    }
}
