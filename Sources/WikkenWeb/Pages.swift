import Foundation
import Hummingbird
import Mustache

/// The page templates (package resources, so the binary runs from any folder) and the style sheet.
public struct Pages: Sendable {
    let library: MustacheLibrary
    let css: String
    let script: String

    public static func load() async throws -> Pages {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw HTTPError(.internalServerError, message: "templates missing")
        }
        let library = try await MustacheLibrary(directory: folder.path)
        let css = try String(contentsOf: folder.appendingPathComponent("wikken.css"), encoding: .utf8)
        let script = try String(contentsOf: folder.appendingPathComponent("wikken.js"), encoding: .utf8)
        return Pages(library: library, css: css, script: script)
    }

    /// An HTML page from a template, with the signed-in user (for the header) merged in.
    func render(_ template: String, _ values: [String: Any], context: WikkenContext, status: HTTPResponse.Status = .ok) -> Response {
        var object = values
        if let session = context.session {
            object["gebruiker"] = ["naam": session.user.name, "organisatie": session.organisationName, "csrf": session.csrf,
                                   "beheerder": session.user.role == .beheerder]
        }
        let html = library.render(Self.blanksAsNull(object), withTemplate: template) ?? "<!DOCTYPE html><title>Fout</title><p>Pagina ontbreekt.</p>"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// Empty texts become null, so that `{{#x}}…{{/x}}` leaves out what is empty (an empty
    /// string counts as true in swift-mustache) while the key still stops the lookup from
    /// climbing to an outer value of the same name.
    static func blanksAsNull(_ value: Any) -> Any {
        switch value {
        case let text as String: return text.isEmpty ? NSNull() : text
        case let dictionary as [String: Any]: return dictionary.mapValues(blanksAsNull)
        case let list as [[String: Any]]: return list.map { $0.mapValues(blanksAsNull) }
        case let list as [Any]: return list.map(blanksAsNull)
        default: return value
        }
    }

    /// A simple message page (errors, conflicts).
    func message(_ title: String, _ lines: [String], link: (href: String, text: String)? = nil, context: WikkenContext, status: HTTPResponse.Status) -> Response {
        var values: [String: Any] = ["titel": title, "kop": title, "regels": lines]
        if let link { values["link"] = ["href": link.href, "tekst": link.text] }
        return render("melding", values, context: context, status: status)
    }
}
