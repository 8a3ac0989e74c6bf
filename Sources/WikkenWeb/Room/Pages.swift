import Foundation
import Hummingbird
import Mustache

/// Every page template (`Templates/<name>.mustache`). The app resolves them all at start-up, so a
/// missing or broken template stops the server with a clear message instead of answering a page.
enum Template: String, CaseIterable, Sendable {
    case account, beheer, bewerken, criterium, deelname, dossier, dossiers, editie, gebied, geschiedenis, inloggen, instrument, instrumenten
    case link, melding, netwerk, nieuw, oordelen, optie, pagina, partners, post, samenvoegen, sessie, stap, toewijzing, veerkracht, weging
    case beheerEditie = "beheer-editie"
    case beheerAanmelding = "beheer-aanmelding"
    case beheerNetwerk = "beheer-netwerk"
    case liveDeelnemen = "live-deelnemen"
    case live = "live"
    case liveLeiden = "live-leiden"
    case liveScherm = "live-scherm"
    case instrumentBewerken = "instrument-bewerken"
    case gegevensVoorbeeld = "gegevens-voorbeeld"
}

/// Why the pages could not be loaded.
public struct PagesError: Error, CustomStringConvertible {
    public var description: String
}

/// The page templates (package resources, so the binary runs from any folder) and the style sheet.
public struct Pages: Sendable {
    let library: MustacheLibrary
    let css: String
    let script: String
    /// Pages rendered once for everyone who may see them (see ``renderShared(key:session:context:status:_:)``).
    let rendered = RenderedPages()
    /// Tests only: told of every page model rendered.
    var observer: PageObserver?

    /// Loads and checks every ``Template``; throws ``PagesError`` naming each one that is missing.
    public static func load() async throws -> Pages {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw PagesError(description: "De map Templates hoort bij het programma maar ontbreekt; installeer Wikken opnieuw.")
        }
        return try await load(folder: folder)
    }

    static func load(folder: URL) async throws -> Pages {
        EscapedHTML.register()
        let library: MustacheLibrary
        do {
            library = try await MustacheLibrary(directory: folder.path)
        } catch {
            throw PagesError(description: "De sjablonen in \(folder.path) zijn niet te lezen: \(error)")
        }
        let missing = Template.allCases.filter { library.getTemplate(named: $0.rawValue) == nil }.map { "\($0.rawValue).mustache" }
        guard missing.isEmpty else {
            throw PagesError(description: "Sjablonen ontbreken in \(folder.path): \(missing.joined(separator: ", ")). De server start niet zonder.")
        }
        do {
            let css = try String(contentsOf: folder.appendingPathComponent("wikken.css"), encoding: .utf8)
            let script = try String(contentsOf: folder.appendingPathComponent("wikken.js"), encoding: .utf8)
            return Pages(library: library, css: css, script: script)
        } catch {
            throw PagesError(description: "wikken.css of wikken.js ontbreekt in \(folder.path).")
        }
    }

    /// A simple message page (errors, conflicts).
    func message(_ title: String, _ lines: [String], link: (href: String, text: String)? = nil, context: WikkenContext, status: HTTPResponse.Status) -> Response {
        render(MessagePage(titel: title, kop: title, regels: lines, link: link.map { .init(href: $0.href, tekst: $0.text) }), context: context, status: status)
    }

    /// An HTML page from its typed model, with the signed-in user (for the header).
    func render<Model: PageModel>(_ model: Model, context: WikkenContext, status: HTTPResponse.Status = .ok) -> Response {
        switch html(model, context: context) {
        case .success(let html): return Self.response(ByteBuffer(string: html), status: status)
        case .failure(let problem): return Self.failure(problem)
        }
    }

    static func response(_ html: ByteBuffer, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: html))
    }

    /// A page that could not be made: a plain 500 that says which, never a 200.
    static func failure(_ problem: PagesError) -> Response {
        Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: problem.description + "\n")))
    }

    /// The page's HTML, or why it could not be made (never a page without its template).
    func html<Model: PageModel>(_ model: Model, context: WikkenContext) -> Result<String, PagesError> {
        observer?.saw(model)
        let tree: Any
        do {
            tree = try PageEncoder.tree(model)
        } catch {
            return .failure(PagesError(description: "De pagina \(Model.template.rawValue) kon niet worden opgebouwd."))
        }
        var object = tree as? [String: Any] ?? [:]
        if let session = context.identity {
            object["gebruiker"] = ["naam": session.user.name, "organisatie": session.organisationName, "csrf": session.csrf,
                                   "beheerder": session.user.role == .beheerder]
        }
        // Unreachable without the template: every template was found at start-up.
        guard let html = library.render(object, withTemplate: Model.template.rawValue) else {
            return .failure(PagesError(description: "Het sjabloon \(Model.template.rawValue) ontbreekt."))
        }
        return .success(html)
    }
}


/// A message: errors, conflicts, confirmations.
struct MessagePage: PageModel {
    static let template = Template.melding
    struct Link: Encodable {
        var href: String
        var tekst: String
    }

    var titel: String
    var kop: String
    var regels: [String]
    var link: Link?
}
