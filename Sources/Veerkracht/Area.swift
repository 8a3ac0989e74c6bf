/// A value from a CBS table: a number, unknown (`.`: "onbekend, onvoldoende betrouwbaar of
/// geheim"), or not applicable (empty: "kan op logische gronden niet voorkomen"). Unknown and
/// not applicable are states, never 0, and survive every round trip.
public enum Cell: Equatable, Hashable, Sendable {
    case value(Double)
    case unknown
    case notApplicable

    /// Reads CBS text: `.` → unknown, empty → not applicable, a number (decimal point or comma).
    /// Anything else is nil (the caller reports where).
    public init?(cbs text: String) {
        let utf8 = text.utf8
        if utf8.isEmpty { self = .notApplicable; return }
        if utf8.count == 1, utf8.first == UInt8(ascii: ".") { self = .unknown; return }
        var comma = false, point = false
        for b in utf8 {
            if b == UInt8(ascii: ",") { comma = true } else if b == UInt8(ascii: ".") { point = true }
        }
        var t = text
        if comma, !point { t = String(decoding: utf8.map { $0 == UInt8(ascii: ",") ? UInt8(ascii: ".") : $0 }, as: UTF8.self) }
        guard let x = Double(t), x.isFinite else { return nil }
        self = .value(x)
    }

    public var number: Double? { if case .value(let x) = self { return x } else { return nil } }
}

/// The kind of a CBS area code: `GM` + 4, `WK` + 6, `BU` + 8 characters (digits, and since 2023
/// also capital letters in the wijk and buurt parts).
public enum AreaKind: String, Sendable, CaseIterable {
    case gemeente, wijk, buurt

    public var label: String { rawValue }
}

public struct AreaCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let text: String
    public let kind: AreaKind
    /// The code packed in base 37 (a number per character), so that hashing and comparing for
    /// equality are one integer operation: joins of whole-country tables hash millions of codes.
    let key: UInt64

    /// Validates a code; nil when it is not one (the caller says where and what was expected).
    public init?(_ text: String) {
        var key: UInt64 = 0
        var count = 0, lower = false
        var kind: AreaKind = .gemeente
        var first: UInt8 = 0
        for b in text.utf8 {
            let u = b >= 97 && b <= 122 ? b - 32 : b
            if u != b { lower = true }
            switch count {
            case 0:
                // G, W or B: anything else is no code (and would not fit the key's arithmetic).
                guard u == 71 || u == 87 || u == 66 else { return nil }
                first = u
            case 1:
                switch (first, u) {
                case (71, 77): kind = .gemeente
                case (87, 75): kind = .wijk
                case (66, 85): kind = .buurt
                default: return nil
                }
            default:
                let digit = u >= 48 && u <= 57, letter = u >= 65 && u <= 90
                guard count < 6 ? digit : (digit || letter) else { return nil }
            }
            key = key &* 37 &+ UInt64(u >= 65 ? u - 65 + 11 : u - 48 + 1)
            count += 1
        }
        guard count == (kind == .gemeente ? 6 : kind == .wijk ? 8 : 10) else { return nil }
        self.text = lower ? text.uppercased() : text
        self.kind = kind
        self.key = key
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
    public static func == (a: AreaCode, b: AreaCode) -> Bool { a.key == b.key }

    /// The gemeente code this area lies in (`GM0344` for `BU03440311`).
    public var gemeente: String { "GM" + text.dropFirst(2).prefix(4) }
    /// The wijk code of a buurt (`WK034403` for `BU03440311`).
    public var wijk: String? { kind == .buurt ? "WK" + text.dropFirst(2).prefix(6) : nil }

    public var description: String { text }
    public static func < (a: AreaCode, b: AreaCode) -> Bool { a.text < b.text }
}

/// The variable names of a year's table, shared by its areas (one lookup table per year, not
/// one dictionary per area).
public final class Columns: Sendable {
    public let names: [String]
    let index: [String: Int]

    public init(_ names: [String]) {
        self.names = names
        index = Dictionary(firstValues: names.enumerated().map { ($0.element, $0.offset) })
    }

    public func position(_ name: String) -> Int? { index[name] }
}

/// One area in one year of a table.
public struct Area: Sendable, Equatable {
    public var code: AreaCode
    public var name: String
    public var gemeenteName: String
    /// CBS `ind_wbi`: 1 same as the year before, 2 new code but same boundaries, 3 boundaries
    /// changed (not comparable with the year before); nil when the table has no such column.
    public var boundaryChange: Int?
    /// Values in the order of `columns` (CBS codebook names: `a_inw`, `p_wcorpw`, …; `lbm`,
    /// `onv`, … for the Leefbaarometer; `ses_woa_score`).
    public var values: [Cell]
    public var columns: Columns

    public init(code: AreaCode, name: String, gemeenteName: String, boundaryChange: Int?, values: [Cell], columns: Columns) {
        self.code = code
        self.name = name
        self.gemeenteName = gemeenteName
        self.boundaryChange = boundaryChange
        self.values = values
        self.columns = columns
    }

    /// A value, or not applicable when the variable is not in the data at all.
    public subscript(_ variable: String) -> Cell {
        guard let i = columns.position(variable), i < values.count else { return .notApplicable }
        return values[i]
    }

    public static func == (a: Area, b: Area) -> Bool {
        a.code == b.code && a.name == b.name && a.gemeenteName == b.gemeenteName && a.boundaryChange == b.boundaryChange
            && a.columns.names == b.columns.names && a.values == b.values
    }
}

/// The areas of one year (a *peiljaar*), from one or more sources joined by code.
public struct AreaYear: Sendable, Equatable {
    public var year: Int
    public var areas: [Area]

    public init(year: Int, areas: [Area]) {
        self.year = year
        self.areas = areas
    }

    public var byCode: [AreaCode: Area] { Dictionary(firstValues: areas.map { ($0.code, $0) }) }

    /// Adds the variables of `other` (e.g. Leefbaarometer scores) to the areas with the same
    /// code; areas without a match get them as not applicable. Areas only in `other` are not
    /// added; returns the codes that did not match.
    @discardableResult
    public mutating func join(_ other: [AreaCode: [String: Cell]]) -> [AreaCode] {
        guard let first = areas.first else { return other.keys.sorted() }
        let added = Array(Set(other.values.flatMap(\.keys))).filter { first.columns.position($0) == nil }.sorted()
        let columns = Columns(first.columns.names + added)
        var matched = Set<AreaCode>()
        for i in areas.indices {
            var values = areas[i].values + Array(repeating: Cell.notApplicable, count: added.count)
            if let extra = other[areas[i].code] {
                matched.insert(areas[i].code)
                for (k, v) in extra { if let p = columns.position(k) { values[p] = v } }
            }
            areas[i].values = values
            areas[i].columns = columns
        }
        return other.keys.filter { !matched.contains($0) }.sorted()
    }
}

/// The change of one variable between two years, per area, or why it cannot be given.
public enum Change: Equatable, Sendable {
    case value(Double)
    /// Not comparable, with the reason (boundaries changed, missing in a year, unknown value).
    case unknown(String)
}

extension AreaYear {
    /// `variable` now minus `variable` in `earlier`, joined by code. CBS's `ind_wbi` is
    /// respected: an area whose boundaries changed (3) is not compared.
    public func change(of variable: String, since earlier: AreaYear) -> [AreaCode: Change] {
        let before = earlier.byCode
        var result: [AreaCode: Change] = [:]
        for a in areas {
            guard a.boundaryChange != 3 else { result[a.code] = .unknown("grenzen gewijzigd (ind_wbi 3)"); continue }
            guard let old = before[a.code] else { result[a.code] = .unknown("niet in \(earlier.year)"); continue }
            switch (a[variable], old[variable]) {
            case (.value(let x), .value(let y)): result[a.code] = .value(x - y)
            case (.unknown, _), (_, .unknown): result[a.code] = .unknown("onbekend bij het CBS (‘.’) in \(a[variable] == .unknown ? year : earlier.year)")
            default: result[a.code] = .unknown("niet van toepassing")
            }
        }
        return result
    }
}
