import ArgumentParser
import Foundation
import WikkenCore
import WikkenFormats

/// Writing to standard output and error, and reading dossier files with messages people understand.
enum Terminal {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// A progress line on standard error that overwrites itself.
    static func progress(_ fraction: Double, language: Language) {
        let percent = Int((fraction * 100).rounded())
        FileHandle.standardError.write(Data("\r\(language == .nl ? "Bezig" : "Working"): \(percent)%".utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Reads and validates a dossier file. Prints problems to standard error (warnings too unless
    /// `quietWarnings`) and throws the right exit code when the dossier cannot be used.
    static func loadDossier(_ path: String, language: Language, quietWarnings: Bool = false) throws -> (Dossier, DossierReadResult) {
        let text = try readText(path, language: language)
        let result = DossierReader.read(text, file: path)
        let shown = quietWarnings ? result.errors : result.problems
        for p in shown { err(p.rendered(in: language)) }
        guard let dossier = result.validDossier else {
            let n = result.errors.count
            err(language == .nl
                ? "\(path): \(n) \(n == 1 ? "fout" : "fouten") gevonden; er is niets berekend."
                : "\(path): \(n) \(n == 1 ? "error" : "errors") found; nothing was computed.")
            throw Exit.invalidDossier
        }
        return (dossier, result)
    }

    /// Reports wrong use of a command in the chosen language; exit code 64, as argument-parser uses.
    static func usageError(_ message: String, language: Language) -> ExitCode {
        err((language == .nl ? "Fout: " : "Error: ") + message)
        return ExitCode.validationFailure
    }

    /// The MAVT analysis, or the reason it could not run printed and its exit code thrown.
    static func analyse(_ dossier: Dossier, missingRule: MissingRule, language: Language) throws -> MavtResult {
        do {
            return try Mavt.analyse(dossier, missingRule: missingRule)
        } catch {
            throw report(error, in: dossier, language: language)
        }
    }

    /// Prints why an analysis could not run and returns the exit code for it.
    static func report(_ error: MavtError, in dossier: Dossier, language: Language) -> ExitCode {
        let nl = language == .nl
        switch error {
        case .invalidDossier(let problems):
            for p in problems { err(p.rendered(in: language)) }
            return Exit.invalidDossier
        case .missingScores(let list):
            for m in list {
                let optionName = dossier.option(m.option)?.name ?? m.option
                let criterionName = dossier.criterion(m.criterion)?.name ?? m.criterion
                let reason = m.reason.map { nl ? " (reden: \($0))" : " (reason: \($0))" } ?? ""
                err(nl ? "ontbreekt: \(optionName) op \(criterionName)\(reason)" : "missing: \(optionName) on \(criterionName)\(reason)")
            }
            err(nl
                ? "Er \(MissingScore.counted(list.count)); er is niets berekend. Vul \(list.count == 1 ? "die" : "ze") aan, of kies een regel in het dossier (ontbrekend: slechtst of herverdelen) of voor één keer: --ontbrekend slechtst (telt als slechtste waarde) of --ontbrekend herverdelen (gewichten over de bekende scores)."
                : "\(list.count) score\(list.count == 1 ? " is" : "s are") missing; nothing was computed. Fill them in, or choose a rule in the dossier (ontbrekend: slechtst or herverdelen) or for this run: --missing slechtst (count as worst value) or --missing herverdelen (weights over the known scores).")
            return Exit.refused
        case .ruleNotSupported(let rule):
            err(nl
                ? "De regel '\(rule.cliName)' geldt alleen voor MAVT; kies --ontbrekend slechtst of vul de scores aan."
                : "The rule '\(rule.cliName)' applies to MAVT only; choose --missing slechtst or fill in the scores.")
            return Exit.refused
        }
    }

    /// The weight sets named on the command line (all when none are named).
    static func selectWeightSets(_ ids: [String], in dossier: Dossier, language: Language) throws -> [WeightSet] {
        guard !ids.isEmpty else { return dossier.weightSets }
        if let unknown = ids.first(where: { dossier.weightSet($0) == nil }) {
            let known = dossier.weightSets.map(\.id).joined(separator: ", ")
            throw usageError(language == .nl
                ? "Onbekende weging '\(unknown)'. Dit dossier heeft: \(known)."
                : "Unknown weight set '\(unknown)'. This dossier has: \(known).", language: language)
        }
        return ids.compactMap { dossier.weightSet($0) }
    }

    static func readText(_ path: String, language: Language) throws -> String {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            err(language == .nl ? "\(path): het bestand is niet te lezen (bestaat het?)." : "\(path): the file cannot be read (does it exist?).")
            throw Exit.fileProblem
        }
        guard let text = String(data: data, encoding: .utf8) else {
            err(language == .nl ? "\(path): het bestand is geen UTF-8-tekst." : "\(path): the file is not UTF-8 text.")
            throw Exit.fileProblem
        }
        return text
    }

    /// Writes all of `text` or nothing: a temporary file renamed into place.
    static func writeAtomically(_ text: String, to path: String, language: Language) throws {
        try writeAtomically(Data(text.utf8), to: path, language: language)
    }

    static func writeAtomically(_ data: Data, to path: String, language: Language) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            err(language == .nl ? "\(path): kan het bestand niet schrijven; er is niets veranderd." : "\(path): cannot write the file; nothing was changed.")
            throw Exit.fileProblem
        }
    }
}

extension OutputLanguage {
    var core: Language { self == .nl ? .nl : .en }
}
