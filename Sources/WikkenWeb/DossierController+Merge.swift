import Foundation
import Hummingbird
import WikkenCore
import WikkenFormats
import WikkenStore

// Saving a form when someone else saved first: the two changes are merged field by field
// (``DossierMerge``); only a field both changed differently is put to the person, on a page
// that shows the version they started from, theirs and yours. Nothing is overwritten unseen.
extension DossierController {
    enum SaveOutcome {
        /// Saved; the notice key for the dossier page (`opgeslagen`, or `samengevoegd…` when
        /// another change came in between and both are kept).
        case saved(notice: String)
        /// Someone else changed the same fields: the person decides on the merge page.
        case clashes(MergeView)
        /// Someone saved a newer revision and the two do not merge into a valid dossier;
        /// nothing was written. The text says so for a form.
        case conflict(current: Int, message: String)
        case invalid([String])
    }

    /// What the merge page needs to ask, and to merge again when it is answered.
    struct MergeView {
        var address: String
        var title: String
        var basedOn: Int
        var theirs: Int
        /// Who saved in between, by name, or "jij, in een ander venster".
        var who: String
        /// Whether it was the same person (another window).
        var byMe: Bool
        var yours: Dossier
        var summary: String
        var clashes: [DossierMerge.Clash]
    }

    /// Saves a dossier changed through a form as a new revision. When another revision was saved
    /// since `basedOn`, the changes are merged; what both changed differently is asked.
    func save(_ dossier: Dossier, at address: String, basedOn: Int, _ session: Session, summary: String, choices: [String: Bool] = [:]) async throws -> SaveOutcome {
        let problems = dossier.blockingProblems()
        guard problems.isEmpty else { return .invalid(problems.map { $0.message(in: .nl) }) }
        do {
            _ = try await store.save(dossier, at: address, basedOn: basedOn, viewer: session.user, summary: summary)
            return .saved(notice: "opgeslagen")
        } catch StoreError.invalidDossier(let found) {
            return .invalid(found.map { $0.message(in: .nl) })
        } catch StoreError.conflict {}
        // A few rounds: each merges onto the newest revision, which may move again meanwhile.
        for _ in 0..<3 {
            let (base, theirs, revisions) = try await readVisible { r in
                (try await r.dossier(id: address, revision: basedOn, viewer: session.user), try await r.dossier(id: address, viewer: session.user),
                 try await r.revisions(dossierID: address, viewer: session.user))
            }
            let authors = revisions.filter { $0.number > basedOn }
            let byMe = authors.allSatisfy { $0.authorID == session.user.id }
            let who = byMe ? "jij, in een ander venster" : Array(Set(authors.filter { $0.authorID != session.user.id }.map(\.authorName))).sorted().joined(separator: " en ")
            let merged = byMe ? "samengevoegd-zelf" : "samengevoegd"
            switch DossierMerge.merge(base: base.dossier, theirs: theirs.dossier, yours: dossier, choices: choices) {
            case .merged(let result):
                // Nothing of yours is missing from theirs (the same change made twice): nothing to save.
                if result == theirs.dossier { return .saved(notice: merged) }
                do {
                    _ = try await store.save(result, at: address, basedOn: theirs.revision, viewer: session.user,
                                             summary: summary + " (samengevoegd met versie \(theirs.revision))")
                    return .saved(notice: merged)
                } catch StoreError.conflict {
                    continue
                }
            case .clashes(let clashes):
                return .clashes(MergeView(address: address, title: theirs.dossier.title, basedOn: basedOn, theirs: theirs.revision, who: who, byMe: byMe,
                                          yours: dossier, summary: summary, clashes: clashes))
            case .invalid(let problems):
                return .conflict(current: theirs.revision, message: "Intussen heeft \(who) het dossier gewijzigd (nu versie \(theirs.revision); jij werkte vanaf versie \(basedOn)), en samen passen de wijzigingen niet: "
                                 + problems.joined(separator: "; ") + ". Er is niets overschreven; wat je typte staat hieronder nog.")
            }
        }
        let current = try await store.dossier(id: address, viewer: session.user).revision
        return .conflict(current: current, message: "Het dossier verandert nu snel achter elkaar (nu versie \(current)). Er is niets overschreven; probeer het zo opnieuw.")
    }

    /// The page that asks, per field both changed, which value to keep.
    func mergePage(_ view: MergeView, _ session: Session, context: WikkenContext) -> Response {
        let rows = view.clashes.prefix(MergePage.maxFields).enumerated().map { n, c in
            MergePage.Field(nummer: n, pad: c.path, waar: c.place, was: c.base ?? "(bestond niet)", hun: c.theirs ?? "(verwijderd)", jouw: c.yours ?? "(verwijderd)")
        }
        let page = MergePage(titel: view.title, id: view.address, csrf: session.csrf, basis: view.basedOn, versie: view.theirs, wie: view.who,
                             zelf: view.byMe, jouw: DossierWriter.write(view.yours, as: .json), samenvatting: view.summary, velden: rows)
        return pages.render(page, context: context, status: .conflict)
    }

    /// The merge page answered: merge again with the choices, onto the newest revision.
    func resolveMerge(_ context: WikkenContext) async throws -> Response {
        let session = try context.session
        let id = try context.parameters.require("id")
        let form = try context.form
        struct MergeFields: Decodable { var basis: String?; var jouw: String?; var samenvatting: String? }
        let fields = try form.decode(MergeFields.self)
        guard let basedOn = fields.basis.flatMap({ Int($0) }), let text = fields.jouw, let yours = DossierReader.read(text, file: "jouw.json", syntax: .json).storableDossier else {
            throw HTTPError(.badRequest, message: "Dit formulier is niet compleet; ga terug naar het dossier en probeer het opnieuw.")
        }
        // One choice per field: `pad-<n>` names the field, `keuze-<n>` is `jouw` or `hun` (paths
        // hold brackets, which a form's field names cannot).
        var choices: [String: Bool] = [:]
        for n in 0..<MergePage.maxFields {
            guard let path = form["pad-\(n)"] else { break }
            if let choice = form["keuze-\(n)"] { choices[path] = choice == "jouw" }
        }
        let back = (href: "/dossiers/\(id)", text: "Terug naar het dossier")
        switch try await save(yours, at: id, basedOn: basedOn, session, summary: fields.samenvatting ?? "Samengevoegd", choices: choices) {
        case .saved(let notice): return Response.redirect(to: "/dossiers/\(id)?melding=\(notice)")
        case .clashes(let view): return mergePage(view, session, context: context)
        case .conflict(_, let message): return pages.message("Niet opgeslagen", [message], link: back, context: context, status: .conflict)
        case .invalid(let problems): return pages.message("Niet opgeslagen", problems, link: back, context: context, status: .unprocessableContent)
        }
    }
}
