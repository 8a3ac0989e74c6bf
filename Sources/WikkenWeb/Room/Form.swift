import Foundation
import Hummingbird
import MultipartKit
import NIOCore
import WikkenCore

/// A submitted HTML form: `application/x-www-form-urlencoded` decoded by Hummingbird's
/// `URLEncodedFormDecoder`, or `multipart/form-data` (uploads) parsed by multipart-kit, binary-safe.
/// Read once per request by ``FormReader``; handlers read fields by name or decode a `Decodable`
/// struct with ``decode(_:)``.
public struct Form: Sendable {
    /// A file of a multipart form: its name as the browser sent it and its bytes.
    public struct File: Sendable {
        public var name: String
        public var bytes: [UInt8]

        /// The file as UTF-8 text (a leading byte-order mark kept, as the CSV readers expect);
        /// nil when it is not UTF-8 (a spreadsheet saved as .xlsx, say).
        public var text: String? { String(validating: bytes, as: UTF8.self) }
    }

    var values: [String: String] = [:]
    var files: [String: File] = [:]
    /// The fields as URL-encoded text, what ``decode(_:)`` reads: the body itself for a
    /// URL-encoded form; for a multipart form its fields, encoded once when it was read.
    var encoded = ""

    /// The largest form body without files (URL-encoded), and with files (multipart: the national
    /// CBS file is about 9 MB).
    static let fieldLimit = 1_000_000
    static let uploadLimit = 16_000_000

    subscript(_ key: String) -> String? { values[key] }

    /// The fields as a `Decodable` struct: its properties by field name, optional when a field may
    /// be missing.
    func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: encoded)
        } catch {
            throw HTTPError(.badRequest, message: "Het formulier is niet compleet. Laad de pagina opnieuw en probeer het nog eens.")
        }
    }

    /// Why a body could not be read as a form, in Dutch.
    enum Problem: Error {
        case unreadable(String)
    }

    /// Reads a body of the given content type; `nil` when it is not a form type.
    static func read(_ body: ByteBuffer, contentType: String) throws(Problem) -> Form? {
        let type = contentType.lowercased()
        if type.hasPrefix("application/x-www-form-urlencoded") {
            return try urlEncoded(String(buffer: body))
        }
        if type.hasPrefix("multipart/form-data") {
            return try multipart(body, boundary: boundary(of: contentType))
        }
        return nil
    }

    static func urlEncoded(_ text: String) throws(Problem) -> Form {
        guard !text.isEmpty else { return Form() }
        do {
            return Form(values: try URLEncodedFormDecoder().decode([String: String].self, from: text), encoded: text)
        } catch {
            throw .unreadable("De velden van het formulier zijn niet te lezen.")
        }
    }

    /// The boundary parameter of a multipart content type (RFC 2046: 1 to 70 characters).
    static func boundary(of contentType: String) throws(Problem) -> String {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            guard (1...70).contains(value.utf8.count) else { break }
            return value
        }
        throw .unreadable("Het formulier met bestanden mist een geldige grens (boundary).")
    }

    /// The parts of a multipart/form-data body (RFC 7578): fields as text, files as bytes. A body
    /// that does not end with the closing boundary is refused (nothing half-read is used).
    static func multipart(_ body: ByteBuffer, boundary: String) throws(Problem) -> Form {
        final class Collector {
            var form = Form()
            var headers: [(String, String)] = []
            var bytes: [UInt8] = []
            var complete = false
            var bad: String?

            func finishPart() {
                defer { headers = []; bytes = [] }
                guard let disposition = headers.first(where: { $0.0.lowercased() == "content-disposition" })?.1 else {
                    bad = "Een deel van het formulier heeft geen naam."
                    return
                }
                let attributes = Self.attributes(disposition)
                guard let name = attributes["name"] else {
                    bad = "Een deel van het formulier heeft geen naam."
                    return
                }
                if let file = attributes["filename"] {
                    if !file.isEmpty { form.files[name] = File(name: file, bytes: bytes) }
                } else if let text = String(validating: bytes, as: UTF8.self) {
                    form.values[name] = text
                } else {
                    bad = "Het veld ‘\(name)’ is geen tekst (UTF-8)."
                }
            }

            /// `form-data; name="x"; filename="y.csv"` as a dictionary.
            static func attributes(_ header: String) -> [String: String] {
                var result: [String: String] = [:]
                for item in header.split(separator: ";").dropFirst() {
                    let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard pair.count == 2 else { continue }
                    var value = pair[1]
                    if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                    result[pair[0].lowercased()] = value
                }
                return result
            }
        }
        guard headerNamesAreASCII(body.readableBytesView, boundary: Array(boundary.utf8)) else {
            throw .unreadable("Het formulier met bestanden is niet te lezen: een kopregel van een deel bevat tekens die daar niet mogen.")
        }
        let collector = Collector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in collector.headers.append((name, value)) }
        parser.onBody = { buffer in
            collector.bytes += buffer.readBytes(length: buffer.readableBytes) ?? []
        }
        parser.onPartComplete = {
            collector.finishPart()
            collector.complete = true
        }
        do {
            try parser.execute(body)
        } catch {
            throw .unreadable("Het formulier met bestanden is niet te lezen.")
        }
        if let bad = collector.bad { throw .unreadable(bad) }
        guard collector.complete, collector.headers.isEmpty, collector.bytes.isEmpty else {
            throw .unreadable("Het formulier met bestanden is niet compleet aangekomen. Probeer het opnieuw.")
        }
        var form = collector.form
        do {
            form.encoded = try URLEncodedFormEncoder().encode(form.values)
        } catch {
            throw .unreadable("De velden van het formulier zijn niet te lezen.")
        }
        return form
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

extension String {
    /// nil for an empty text (an empty form field, an empty cookie).
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension Form {
    /// Whether every header name in the parts of a multipart body is ASCII. multipart-kit 4.7.1
    /// looks a header name's bytes up in a table of 128 entries, so a byte from 0x80 on in a header
    /// name **traps** (found by the fuzzer: one request stopped the server). This reads header
    /// names as the parser does, from more places than it will: after every `--boundary` anywhere
    /// in the body. Header values (a file name in UTF-8) may hold any byte.
    /// Reads the body where it lies (an upload may be 16 MB: no copy).
    static func headerNamesAreASCII(_ bytes: ByteBufferView, boundary: [UInt8]) -> Bool {
        let delimiter: [UInt8] = [0x2D, 0x2D] + boundary
        guard !boundary.isEmpty, bytes.count >= delimiter.count else { return true }
        var i = bytes.startIndex
        while i <= bytes.endIndex - delimiter.count {
            guard bytes[i] == 0x2D, bytes[i..<(i + delimiter.count)].elementsEqual(delimiter) else { i += 1; continue }
            // The rest of the boundary line, then the header lines until an empty one.
            var j = i + delimiter.count
            while j < bytes.endIndex, bytes[j] != 0x0A { j += 1 }
            j += 1
            // As the parser reads them: a header line ends at CR (a bare LF belongs to the value),
            // its name at the colon; CR at the start of a line ends the headers.
            lines: while j < bytes.endIndex, bytes[j] != 0x0D {
                while j < bytes.endIndex, bytes[j] != 0x3A, bytes[j] != 0x0D {
                    if bytes[j] >= 0x80 { return false }
                    j += 1
                }
                guard j < bytes.endIndex, bytes[j] == 0x3A else { break lines }  // the parser refuses a name without a colon
                while j < bytes.endIndex, bytes[j] != 0x0D { j += 1 }
                guard j + 1 < bytes.endIndex, bytes[j + 1] == 0x0A else { break lines }  // and a CR without LF
                j += 2
            }
            i += delimiter.count
        }
        return true
    }

    /// For the fuzzer (`Fuzz/`): reads a body as the form reader does and decodes a struct from
    /// it; whatever the bytes, this returns or throws, it never traps.
    public static func fuzz(_ body: [UInt8], contentType: String) {
        struct Fields: Decodable {
            var csrf: String?
            var naam: String?
            var aantal: Int?
            var waarde: Double?
            var lijst: [String]?
        }
        guard let form = try? read(ByteBuffer(bytes: body), contentType: contentType) else { return }
        _ = try? form.decode(Fields.self)
        _ = form.files.values.map(\.text)
    }
}

