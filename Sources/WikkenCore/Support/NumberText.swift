/// Number formatting without Foundation's locale machinery, so output is identical on every machine.
public enum NumberText {
    /// The shortest text that reads back as the same number; integers without a fraction
    /// (`5`, `0.25`, `1e-07`). Used in files.
    public static func plain(_ x: Double) -> String {
        if x.isFinite, x == x.rounded(), abs(x) < 1e15 {
            return String(Int64(x))
        }
        return "\(x)"
    }

    /// A number rounded to `decimals` places for people: Dutch uses a decimal comma (`72,4`),
    /// English a point. A minus sign is the typographic `−`.
    ///
    /// Total: never traps. Beyond what whole numbers of `decimals` places can hold exactly (about
    /// 9·10¹⁵ units), the number is written as Swift writes it (`5e+17`), and not-a-number and
    /// infinity as `—` and `∞`; a dossier cannot hold such numbers (``Dossier/numberLimit``), but
    /// a computation on them might.
    public static func rounded(_ x: Double, decimals: Int = 1, language: Language) -> String {
        let decimals = min(max(decimals, 0), 9)
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        guard x.isFinite else { return x.isNaN ? "—" : x < 0 ? "−∞" : "∞" }
        guard abs(x) * scale < 9e15 else {
            let text = "\(x)".replacingAll("-", with: "−")
            return language == .nl ? text.replacingAll(".", with: ",") : text
        }
        var r = (x * scale).rounded() / scale
        if r == 0 { r = 0 } // no "−0"
        let negative = r < 0
        let units = Int64((abs(r) * scale).rounded())
        let whole = units / Int64(scale)
        let frac = units % Int64(scale)
        var text = String(whole)
        if decimals > 0 {
            let f = String(frac)
            text += (language == .nl ? "," : ".") + String(repeating: "0", count: decimals - f.count) + f
        }
        return negative ? "−" + text : text
    }

    /// A signed difference for people: `+12,0` or `−6,5`.
    public static func signed(_ x: Double, decimals: Int = 1, language: Language) -> String {
        let text = rounded(x, decimals: decimals, language: language)
        return text.hasPrefix("−") || text.allSatisfy({ $0 == "0" || $0 == "," || $0 == "." }) ? text : "+" + text
    }

    /// A share as a percentage: `18%`.
    public static func percent(_ share: Double, decimals: Int = 0, language: Language) -> String {
        rounded(share * 100, decimals: decimals, language: language) + "%"
    }
}

extension NumberText {
    /// A whole number with thousands separators: `10.000` (Dutch) or `10,000` (English).
    public static func grouped(_ x: Int, language: Language) -> String {
        let digits = String(x.magnitude)  // abs(Int.min) traps (found by the fuzzer)
        var out = ""
        for (k, ch) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(language == .nl ? "." : ",") }
            out.append(ch)
        }
        return (x < 0 ? "−" : "") + out
    }

    /// Like ``rounded(_:decimals:language:)`` but without trailing zeros: `40`, `33,3`, `−0,5`.
    public static func compact(_ x: Double, decimals: Int = 1, language: Language) -> String {
        var text = rounded(x, decimals: decimals, language: language)
        let separator: Character = language == .nl ? "," : "."
        if text.contains(separator) {
            while text.hasSuffix("0") { text.removeLast() }
            if text.last == separator { text.removeLast() }
        }
        return text
    }
}

extension String {
    /// Every `target` character replaced (Foundation-free, for the core).
    func replacingAll(_ target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
