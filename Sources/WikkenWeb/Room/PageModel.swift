import Foundation
import Hummingbird
import Mustache

/// A page's values, checked by the compiler: one struct per template, its property names the
/// template's keys (Dutch, as the templates read). ``Pages/render(_:context:status:)`` encodes it
/// once into the tree Mustache reads.
///
/// Mustache treats an empty text as true in a section (`{{#x}}…{{/x}}`), so a value that may be
/// absent is an optional (nil: left out), never an empty text.
protocol PageModel: Encodable {
    static var template: Template { get }
}

/// A test hook: every page model the app renders, in order, so a test asserts on what a page
/// says (a reader's page has no weight forms) rather than on its markup. Set through
/// `WebConfiguration.pageObserver`; `nil` in a running server.
final class PageObserver: @unchecked Sendable {
    private let lock = NSLock()
    private var models: [any PageModel] = []

    func saw(_ model: any PageModel) { lock.withLock { models.append(model) } }

    /// The most recent page model of this type.
    func last<Model: PageModel>(_ type: Model.Type) -> Model? {
        lock.withLock { models.last { $0 is Model } as? Model }
    }
}

/// Encodes a ``PageModel`` into dictionaries, arrays and scalars for Mustache, in one pass and
/// without reflection. `nil` becomes `NSNull` (the key stays, so a lookup does not climb to an
/// outer value of the same name), as does an empty text.
struct PageEncoder {
    /// A settable slot in the tree: the root, a dictionary entry or an array element.
    final class Box {
        var value: Any?
    }

    /// A dictionary being filled; kept in a box while encoding and resolved at the end.
    final class Keyed {
        var entries: [String: Box] = [:]
    }

    /// A list being filled, likewise.
    final class Unkeyed {
        var elements: [Box] = []
    }

    /// Strings become NSNull when empty; everything else as it is.
    static func scalar(_ value: Any) -> Any {
        if let text = value as? String, text.isEmpty { return NSNull() }
        return value
    }

    struct Node: Encoder {
        let box: Box
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        init(box: Box, path: [any CodingKey]) {
            self.box = box
            codingPath = path
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            let keyed: Keyed
            if let existing = box.value as? Keyed { keyed = existing } else {
                keyed = Keyed()
                box.value = keyed
            }
            return KeyedEncodingContainer(KeyedContainer(keyed: keyed, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            let list: Unkeyed
            if let existing = box.value as? Unkeyed { list = existing } else {
                list = Unkeyed()
                box.value = list
            }
            return UnkeyedContainer(list: list, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(box: box, codingPath: codingPath) }
    }

    static func resolve(_ value: Any?) -> Any {
        switch value {
        case let keyed as Keyed: return keyed.entries.mapValues { resolve($0.value) }
        case let list as Unkeyed: return list.elements.map { resolve($0.value) }
        case nil: return NSNull()
        case let value?: return value
        }
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let keyed: Keyed
        var codingPath: [any CodingKey]

        func box(_ key: Key) -> Box {
            let box = Box()
            keyed.entries[key.stringValue] = box
            return box
        }

        mutating func encodeNil(forKey key: Key) throws { box(key).value = NSNull() }
        mutating func encode(_ value: Bool, forKey key: Key) throws { box(key).value = value }
        mutating func encode(_ value: String, forKey key: Key) throws { box(key).value = PageEncoder.scalar(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { box(key).value = value }
        mutating func encode(_ value: Int, forKey key: Key) throws { box(key).value = value }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try value.encode(to: Node(box: box(key), path: codingPath + [key]))
        }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { box(key).value = value.map(PageEncoder.scalar) ?? NSNull() }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            Node(box: box(key), path: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Node(box: box(key), path: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { Node(box: Box(), path: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { Node(box: box(key), path: codingPath + [key]) }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let list: Unkeyed
        var codingPath: [any CodingKey]
        var count: Int { list.elements.count }

        func next() -> Box {
            let box = Box()
            list.elements.append(box)
            return box
        }

        mutating func encodeNil() throws { next().value = NSNull() }
        mutating func encode(_ value: Bool) throws { next().value = value }
        mutating func encode(_ value: String) throws { next().value = PageEncoder.scalar(value) }
        mutating func encode(_ value: Double) throws { next().value = value }
        mutating func encode(_ value: Int) throws { next().value = value }
        mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: Node(box: next(), path: codingPath)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            Node(box: next(), path: codingPath).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { Node(box: next(), path: codingPath).unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { Node(box: next(), path: codingPath) }
    }

    struct SingleContainer: SingleValueEncodingContainer {
        let box: Box
        var codingPath: [any CodingKey]

        mutating func encodeNil() throws { box.value = NSNull() }
        mutating func encode(_ value: Bool) throws { box.value = value }
        mutating func encode(_ value: String) throws { box.value = PageEncoder.scalar(value) }
        mutating func encode(_ value: Double) throws { box.value = value }
        mutating func encode(_ value: Int) throws { box.value = value }
        mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: Node(box: box, path: codingPath)) }
    }
}

extension PageEncoder {
    /// The model as the tree Mustache reads.
    static func tree(_ value: some Encodable) throws -> Any {
        let box = Box()
        try value.encode(to: Node(box: box, path: []))
        return resolve(box.value)
    }
}
