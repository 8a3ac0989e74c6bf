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
        if text == "." { self = .unknown; return }
        if text.isEmpty { self = .notApplicable; return }
        var t = text
        if t.contains(","), !t.contains(".") { t = String(t.map { $0 == "," ? "." : $0 }) }
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

    /// Validates a code; nil when it is not one (the caller says where and what was expected).
    public init?(_ text: String) {
        let t = text.uppercased()
        let body = t.dropFirst(2)
        let kind: AreaKind
        switch t.prefix(2) {
        case "GM": guard body.count == 4 else { return nil }; kind = .gemeente
        case "WK": guard body.count == 6 else { return nil }; kind = .wijk
        case "BU": guard body.count == 8 else { return nil }; kind = .buurt
        default: return nil
        }
        guard body.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }), body.prefix(4).allSatisfy(\.isNumber) else { return nil }
        self.text = t
        self.kind = kind
    }

    /// The gemeente code this area lies in (`GM0344` for `BU03440311`).
    public var gemeente: String { "GM" + text.dropFirst(2).prefix(4) }
    /// The wijk code of a buurt (`WK034403` for `BU03440311`).
    public var wijk: String? { kind == .buurt ? "WK" + text.dropFirst(2).prefix(6) : nil }

    public var description: String { text }
    public static func < (a: AreaCode, b: AreaCode) -> Bool { a.text < b.text }
}

/// One area in one year of a table.
public struct Area: Sendable, Equatable {
    public var code: AreaCode
    public var name: String
    public var gemeenteName: String
    /// CBS `ind_wbi`: 1 same as the year before, 2 new code but same boundaries, 3 boundaries
    /// changed (not comparable with the year before); nil when the table has no such column.
    public var boundaryChange: Int?
    /// Values by variable name (CBS codebook names: `a_inw`, `p_wcorpw`, …; `lbm`, `onv`, … for
    /// the Leefbaarometer; `ses_woa_score`).
    public var cells: [String: Cell]

    public init(code: AreaCode, name: String, gemeenteName: String, boundaryChange: Int?, cells: [String: Cell]) {
        self.code = code
        self.name = name
        self.gemeenteName = gemeenteName
        self.boundaryChange = boundaryChange
        self.cells = cells
    }

    /// A value, or not applicable when the variable is not in the data at all.
    public subscript(_ variable: String) -> Cell { cells[variable] ?? .notApplicable }
}

/// The areas of one year (a *peiljaar*), from one or more sources joined by code.
public struct AreaYear: Sendable, Equatable {
    public var year: Int
    public var areas: [Area]

    public init(year: Int, areas: [Area]) {
        self.year = year
        self.areas = areas
    }

    public var byCode: [AreaCode: Area] { Dictionary(areas.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }) }

    /// Adds the variables of `other` (e.g. Leefbaarometer scores) to the areas with the same
    /// code. Areas only in `other` are not added; returns the codes that did not match.
    @discardableResult
    public mutating func join(_ other: [AreaCode: [String: Cell]]) -> [AreaCode] {
        var matched = Set<AreaCode>()
        for i in areas.indices {
            guard let extra = other[areas[i].code] else { continue }
            matched.insert(areas[i].code)
            for (k, v) in extra { areas[i].cells[k] = v }
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
