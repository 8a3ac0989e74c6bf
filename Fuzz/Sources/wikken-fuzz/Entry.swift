import Glibc
import WikkenFuzzing

/// The harness named by WIKKEN_FUZZ (see `Harness`), chosen once.
let harness: Harness = {
    let name = getenv("WIKKEN_FUZZ").map { String(cString: $0) } ?? ""
    guard let harness = Harness(rawValue: name) else {
        fatalError("WIKKEN_FUZZ must name a harness: \(Harness.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return harness
}()

/// libFuzzer's entry: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    harness.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
