import Foundation
import Hummingbird
import Veerkracht
import WikkenCore
import WikkenFormats
import WikkenStore

/// The veerkracht work shared by the pages and the API: which data a user sees (the shared files
/// or the organisation's own), the choices of a view, the signal and the allocation plan. No
/// pages, no requests: the controllers turn its results into pages and JSON.
struct VeerkrachtService: Sendable {
    let store: any VeerkrachtFileStore
    /// The shared data (the `Data/veerkracht` folder), or why there is none.
    let shared: Result<VeerkrachtFiles.Loaded, VeerkrachtDataError>

    init(store: any VeerkrachtFileStore, shared: Result<VeerkrachtFiles.Loaded, VeerkrachtDataError>) {
        self.store = store
        self.shared = shared
    }



    /// Reads every CSV in `folder` (see ``load(_:origin:)``).
    static func loadData(folder: String) -> Result<VeerkrachtFiles.Loaded, VeerkrachtDataError> {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            return .failure(VeerkrachtDataError(message: "De map \(folder) met CBS-gegevens is er niet. Start Wikken in de map van het project, of geef --veerkracht-gegevens."))
        }
        let files: [VeerkrachtFiles.File] = names.filter { $0.hasSuffix(".csv") }.sorted().compactMap { name in
            (try? String(contentsOfFile: (folder as NSString).appendingPathComponent(name), encoding: .utf8)).map { .init(name: name, text: $0) }
        }
        return load(files, origin: "in \(folder)")
    }

    /// Sorts files by name (``VeerkrachtFiles/Kind/init(fileName:)``) and loads them.
    static func load(_ files: [VeerkrachtFiles.File], origin: String) -> Result<VeerkrachtFiles.Loaded, VeerkrachtDataError> {
        func pick(_ kind: VeerkrachtFiles.Kind) -> [VeerkrachtFiles.File] { files.filter { VeerkrachtFiles.Kind(fileName: $0.name) == kind } }
        let kwb = pick(.kwb)
        guard !kwb.isEmpty else { return .failure(VeerkrachtDataError(message: "Geen CBS-kerncijfers (een bestand met kwb en een jaartal in de naam) \(origin).")) }
        let result = VeerkrachtFiles.load(kwb: kwb, lbm: pick(.lbm), ses: pick(.ses), codebook: pick(.codebook))
        return result.mapError { VeerkrachtDataError(message: $0.list.prefix(5).map(\.description).joined(separator: " ")) }
    }

    /// Parsed uploads per organisation, by the names and times of its files (a new upload makes a
    /// new key; at most a few kept).
    final class Parsed: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String: Result<VeerkrachtFiles.Loaded, VeerkrachtDataError>] = [:]
        subscript(key: String) -> Result<VeerkrachtFiles.Loaded, VeerkrachtDataError>? {
            get { lock.lock(); defer { lock.unlock() }; return entries[key] }
            set {
                lock.lock(); defer { lock.unlock() }
                if entries.count >= 16 { entries.removeAll() }
                entries[key] = newValue
            }
        }
    }
    let parsed = Parsed()

    /// The data a user sees, and the organisation's own files (always listed, so that each can be removed).
    struct DataView {
        var loaded: Result<VeerkrachtFiles.Loaded, VeerkrachtDataError>
        /// True when `loaded` is the organisation's own data.
        var own: Bool
        var files: [DataFileInfo]
        /// Why the organisation's own files cannot be used (they do not load together); the shared
        /// data is used meanwhile.
        var ownProblem: String?
        /// The organisation has files, but no kerncijfers among them yet; the shared data is used meanwhile.
        var waitingForKerncijfers = false
    }

    /// The organisation's own files when they include kerncijfers and load together, else the
    /// shared data with the reason. Only the list of files is read per request; their contents
    /// only when they changed.
    func data(for user: User) async throws -> DataView {
        let info = try await store.dataFileInfo(organisationID: user.organisationID)
        guard !info.isEmpty else { return DataView(loaded: shared, own: false, files: []) }
        guard info.contains(where: { VeerkrachtFiles.Kind(fileName: $0.name) == .kwb }) else {
            return DataView(loaded: shared, own: false, files: info, waitingForKerncijfers: true)
        }
        let key = Self.key(user.organisationID, info)
        let loaded: Result<VeerkrachtFiles.Loaded, VeerkrachtDataError>
        if let hit = parsed[key] {
            loaded = hit
        } else {
            let files = try await store.dataFiles(organisationID: user.organisationID)
            loaded = Self.load(files.map { .init(name: $0.name, text: $0.content) }, origin: "in je eigen gegevens")
            parsed[key] = loaded
        }
        switch loaded {
        case .success: return DataView(loaded: loaded, own: true, files: info)
        case .failure(let e):
            // Stored before every upload was checked: shown, with the files to remove, never a dead end.
            return DataView(loaded: shared, own: false, files: info,
                            ownProblem: "Je eigen gegevens zijn niet te gebruiken: \(e.message) Verwijder het bestand dat niet klopt; tot dan zie je de voorbeeldgegevens.")
        }
    }

    /// The cache key of an organisation's files: their names and times.
    static func key(_ organisationID: String, _ info: [DataFileInfo]) -> String {
        organisationID + "|" + info.map { "\($0.name)@\($0.uploadedAt)" }.joined(separator: "|")
    }

    /// Keeps what an upload already loaded for the files as they are now stored, so the page after
    /// the upload does not parse them all again.
    func remember(_ loaded: VeerkrachtFiles.Loaded, organisationID: String) async throws {
        parsed[Self.key(organisationID, try await store.dataFileInfo(organisationID: organisationID))] = .success(loaded)
    }

    /// The choices of a view, read from the query (with the defaults of the instruments).
    struct Choices {
        var year: Int?
        var weights: [Indicator: Double] = [.bijstand: 2, .laagInkomen: 1, .sociaalMinimum: 1, .sesWoa: 0, .corporatie: 0]
        /// Indicators whose direction the user turned.
        var turned: Set<Indicator> = []
        var normalisation = CompositeSpec.Normalisation.zScore
        var relative = false
        var thresholds = SignalThresholds()
        /// The allocation's maximum share and pressure per band (`m-<band>`, `p-<band>`).
        var rules = AllocationProblem.defaultRules
        var rulesChanged = false
        var problems: [String] = []

        /// A band as it appears in a field name: `onder-druk`.
        static func key(_ band: Band) -> String { band.rawValue.replacingOccurrences(of: " ", with: "-") }

        static let offered: [Indicator] = [.bijstand, .laagInkomen, .sociaalMinimum, .sesWoa, .corporatie]

        init(_ query: [String: String]) {
            func number(_ key: String) -> Double? {
                guard let raw = query[key], !raw.isEmpty else { return nil }
                return Form.decimal(raw)
            }
            year = query["jaar"].flatMap(Int.init)
            for indicator in Self.offered {
                if let raw = query["g-\(indicator.rawValue)"], !raw.isEmpty {
                    if let w = number("g-\(indicator.rawValue)"), w >= 0 { weights[indicator] = w } else { problems.append("Gewicht van \(indicator.label): ‘\(raw)’ is geen getal van 0 of meer.") }
                }
            }
            for indicator in Self.offered where query["r-\(indicator.rawValue)"] == "omgekeerd" { turned.insert(indicator) }
            if query["normalisatie"] == "min-max" { normalisation = .minMax }
            thresholds = SignalThresholds(for: normalisation)
            relative = query["vergelijk"] == "gemeente"
            for (key, path) in [("d-concentratie", \SignalThresholds.vulnerabilityLevel), ("d-stijging", \.vulnerabilityRise), ("d-overlast", \.nuisanceLevel), ("d-overlast-stijging", \.nuisanceRise)] {
                if let raw = query[key], !raw.isEmpty {
                    if let x = number(key) { thresholds[keyPath: path] = x; thresholds.areAssumptions = false } else { problems.append("Drempel ‘\(raw)’ is geen getal.") }
                }
            }
            for band in Band.allCases {
                guard var rule = rules[band] else { continue }
                if let raw = query["m-\(Self.key(band))"], !raw.isEmpty {
                    if let x = number("m-\(Self.key(band))"), (0...100).contains(x) { rule.maxShare = x / 100 } else { problems.append("Maximum bij ‘\(band.rawValue)’: ‘\(raw)’ is geen percentage van 0 tot en met 100.") }
                }
                if let raw = query["p-\(Self.key(band))"], !raw.isEmpty {
                    if let p = Int(raw.trimmingCharacters(in: .whitespaces)), (0...1000).contains(p) { rule.pressure = p } else { problems.append("Druk bij ‘\(band.rawValue)’: ‘\(raw)’ is geen heel getal van 0 tot en met 1000.") }
                }
                if rule != rules[band] { rules[band] = rule; rulesChanged = true }
            }
            if weights.values.allSatisfy({ $0 == 0 }) { problems.append("Geef minstens één indicator een gewicht groter dan 0."); weights[.bijstand] = 1 }
        }

        var spec: CompositeSpec {
            var s = CompositeSpec(parts: Self.offered.filter { (weights[$0] ?? 0) > 0 }.map {
                .init($0, weight: weights[$0] ?? 0, direction: turned.contains($0) ? -$0.vulnerableDirection : nil)
            })
            s.normalisation = normalisation
            s.reference = relative ? .gemeente : .all
            return s
        }

        /// The query string that reproduces these choices (for links to profiles).
        var query: String {
            var parts = Self.offered.map { "g-\($0.rawValue)=\(NumberText.plain(weights[$0] ?? 0))" } + turned.map { "r-\($0.rawValue)=omgekeerd" }.sorted()
            if let year { parts.append("jaar=\(year)") }
            if normalisation == .minMax { parts.append("normalisatie=min-max") }
            if relative { parts.append("vergelijk=gemeente") }
            if !thresholds.areAssumptions {
                parts += [("d-concentratie", thresholds.vulnerabilityLevel), ("d-stijging", thresholds.vulnerabilityRise), ("d-overlast", thresholds.nuisanceLevel),
                          ("d-overlast-stijging", thresholds.nuisanceRise)].map { "\($0.0)=\(NumberText.plain($0.1))" }
            }
            if rulesChanged {
                for band in Band.allCases {
                    guard let rule = rules[band] else { continue }
                    parts += ["m-\(Self.key(band))=\(NumberText.plain(rule.maxShare * 100))", "p-\(Self.key(band))=\(rule.pressure)"]
                }
            }
            return parts.joined(separator: "&")
        }
    }

    static func query(_ request: Request) -> [String: String] {
        var q: [String: String] = [:]
        for (k, v) in request.uri.queryParameters { q[String(k)] = String(v) }
        return q
    }

    /// The choices of a request, or — when it makes none (no weight, direction, year,
    /// normalisation, comparison or threshold) — the ones the organisation saved, if any. Also
    /// says whether the saved ones are used.
    func query(_ request: Request, for user: User) async throws -> (query: [String: String], saved: VeerkrachtSettings?) {
        var q = Self.query(request)
        let choosing = q.keys.contains { $0.hasPrefix("g-") || $0.hasPrefix("r-") || $0.hasPrefix("d-") || ["jaar", "normalisatie", "vergelijk"].contains($0) }
        guard !choosing, let saved = try await store.veerkrachtChoices(organisationID: user.organisationID),
              let stored = try? URLEncodedFormDecoder().decode([String: String].self, from: saved.choices) else { return (q, nil) }
        q.merge(stored) { mine, _ in mine }
        return (q, saved)
    }

    /// The signal of the chosen year against the year before it. Without a choice: the latest
    /// year that has both axes for some area (a new CBS release lacks income and benefit figures
    /// for a year or more).
    func signals(_ choices: Choices, _ loaded: VeerkrachtFiles.Loaded) -> (year: AreaYear, before: AreaYear?, signals: [AreaSignal]) {
        let years = loaded.years
        func at(_ k: Int) -> (AreaYear, AreaYear?, [AreaSignal]) {
            let before = k > 0 ? years[k - 1] : nil
            return (years[k], before, Signal.compute(later: years[k], earlier: before, spec: choices.spec, thresholds: choices.thresholds))
        }
        if let chosen = choices.year.flatMap({ y in years.firstIndex { $0.year == y } }) { return at(chosen) }
        for k in years.indices.reversed() {
            let result = at(k)
            if result.2.contains(where: { $0.vulnerability != nil && $0.nuisance != nil }) { return result }
        }
        return at(years.count - 1)
    }


    struct PlanProblems: Error { var list: [String] }

    /// An allocation plan for household counts per group (as typed) and complexes (CSV text),
    /// with the bands of the default view; or the problems, each with its line.
    func plan(groups counts: [(String, String)], complexesCSV: String, choices: Choices, data l: VeerkrachtFiles.Loaded)
        -> Result<(AllocationPlan, [AllocationProblem.Group], [AllocationProblem.Complex], Int), PlanProblems> {
        var problems: [String] = []
        var groups: [AllocationProblem.Group] = []
        for (g, text) in counts {
            guard let n = AllocationProblem.count(text) else { problems.append("\(g): vul een aantal huishoudens in, \(AllocationProblem.countExpected)."); continue }
            groups.append(.init(id: g, name: g, households: n))
        }
        var complexes: [AllocationProblem.Complex] = []
        switch CSVTable.read(complexesCSV, file: "complexen") {
        case .failure(let p): problems.append("Complexen, regel \(p.line): \(p.message)")
        case .success(let t):
            switch Sources.complexes(header: t.header, rows: t.rows.map { ($0.line, $0.fields) }, file: "complexen") {
            case .success(let list): complexes = list
            case .failure(let p): problems += p.list.map { "Complexen, regel \($0.line)\($0.column.map { " (kolom \($0))" } ?? ""): \($0.message)." }
            }
        }
        guard problems.isEmpty else { return .failure(PlanProblems(list: problems)) }
        // The bands as the organisation's (or the page's) choices make them, and its maxima.
        let (year, _, signals) = signals(choices, l)
        let bands = Dictionary(firstValues: signals.map { ($0.code, $0.band) })
        return .success((Allocation.plan(AllocationProblem(groups: groups, complexes: complexes, bands: bands, rules: choices.rules)), groups, complexes, year.year))
    }

}

/// Why there is no veerkracht data to show, in Dutch.
struct VeerkrachtDataError: Error, Sendable { var message: String }
