import Foundation
import Hummingbird
import WikkenStore
import WikkenCore

/// A submitted HTML form (application/x-www-form-urlencoded, or multipart/form-data with files).
struct Form {
    var values: [String: String] = [:]
    /// Uploaded files (multipart/form-data) by field name: the file's name and its text.
    var files: [String: (name: String, text: String)] = [:]

    /// Reads a posted form: URL-encoded, or multipart/form-data when it carries a file.
    static func read(_ request: Request) async throws -> Form {
        let buffer = try await request.body.collect(upTo: 1_000_000)
        let text = String(buffer: buffer)
        if let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
           let b = type.range(of: "boundary=") {
            let boundary = type[b.upperBound...].split(separator: ";")[0].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            return multipart(text, boundary: boundary)
        }
        var form = Form()
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            let key = decode(parts[0])
            form.values[key] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return form
    }

    subscript(_ key: String) -> String? { values[key] }

    /// The parts of a multipart/form-data body (RFC 7578): fields as values, files with their name.
    static func multipart(_ text: String, boundary: String) -> Form {
        var form = Form()
        for part in text.components(separatedBy: "--" + boundary).dropFirst() {
            if part.hasPrefix("--") { break }
            guard let split = part.range(of: "\r\n\r\n") else { continue }
            let head = String(part[..<split.lowerBound])
            var body = part[split.upperBound...]
            if body.hasSuffix("\r\n") { body = body.dropLast() }  // "\r\n" is one Character
            func attribute(_ key: String) -> String? {
                guard let r = head.range(of: " \(key)=\"") else { return nil }
                return String(head[r.upperBound...].prefix { $0 != "\"" })
            }
            guard let name = attribute("name") else { continue }
            if let file = attribute("filename") {
                if !file.isEmpty { form.files[name] = (file, String(body)) }
            } else {
                form.values[name] = String(body)
            }
        }
        return form
    }
}

/// Counts failed sign-ins per key in a sliding window, to slow down password guessing.
actor LoginLimiter {
    private var failures: [String: [ContinuousClock.Instant]] = [:]
    private let limit: Int
    private let window: Duration

    init(limit: Int, window: Duration = .seconds(900)) {
        self.limit = limit
        self.window = window
    }

    func isBlocked(_ key: String) -> Bool {
        prune(key)
        return (failures[key]?.count ?? 0) >= limit
    }

    func fail(_ key: String) {
        prune(key)
        failures[key, default: []].append(.now)
    }

    func succeed(_ key: String) { failures[key] = nil }

    private func prune(_ key: String) {
        let cutoff = ContinuousClock.now - window
        failures[key] = failures[key]?.filter { $0 > cutoff }
    }
}

extension Form {
    /// A number as typed in a Dutch form: a decimal comma or point; nil when it is not a finite number.
    static func decimal(_ text: String) -> Double? {
        Double(text.replacingOccurrences(of: ",", with: ".")).flatMap { $0.isFinite ? $0 : nil }
    }

    /// A number as shown in a form field: the shortest exact form, with a decimal comma.
    static func decimalText(_ x: Double) -> String { NumberText.plain(x).replacingOccurrences(of: ".", with: ",") }
}

extension Form {
    /// Throws 403 unless the form carries the session's token (protection against cross-site
    /// requests, on every form of a signed-in user).
    func requireToken(of session: Session) throws {
        guard self["csrf"] == session.csrf else { throw HTTPError(.forbidden, message: "Het formulier is verlopen; laad de pagina opnieuw.") }
    }
}
