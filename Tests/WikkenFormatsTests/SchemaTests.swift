import Foundation
import Testing
import WikkenCore
@testable import WikkenFormats

/// `docs/dossier.schema.json` is for editors; the reader is the authority. This keeps the two
/// in step: every part of the schema allows exactly the fields the reader allows.
@Suite("The JSON Schema matches the reader")
struct SchemaTests {
    static var schema: [String: Any] {
        let url = Repository.root.appendingPathComponent("docs/dossier.schema.json")
        let data = try! Data(contentsOf: url)
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static let parts: [(String, [String])] = [
        ("dossier", Keys.dossier), ("besluitvormer", Keys.decisionMaker), ("criterium", Keys.criterion),
        ("schaal", Keys.scale), ("optie", Keys.option), ("weging", Keys.weightSet),
        ("verhaal", Keys.narrative), ("besluit", Keys.decision), ("voorkeur", Keys.preference),
    ]

    @Test("fields per part", arguments: parts)
    func fields(part: String, keys: [String]) throws {
        let defs = try #require(Self.schema["$defs"] as? [String: Any])
        let def = try #require(defs[part] as? [String: Any])
        let properties = try #require(def["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(keys))
        #expect(def["additionalProperties"] as? Bool == false)
    }

    @Test("score fields")
    func scoreFields() throws {
        let defs = try #require(Self.schema["$defs"] as? [String: Any])
        let score = try #require(defs["score"] as? [String: Any])
        let alternatives = try #require(score["oneOf"] as? [[String: Any]])
        let object = try #require(alternatives.first { $0["type"] as? String == "object" })
        #expect(Set((object["properties"] as? [String: Any] ?? [:]).keys) == Set(Keys.score))
    }
}
