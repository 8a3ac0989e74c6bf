/// Sorting doubles with their positions in O(n): least-significant-digit radix sort on the
/// IEEE 754 bit patterns (11-bit digits, six passes; a pass is skipped when every key has the
/// same digit).
/// Used where sorting dominates (PROMETHEE flows over thousands of options).
struct RadixSorter {
    private var keys: [UInt64] = []
    private var keysScratch: [UInt64] = []
    private var index: [Int32] = []
    private var indexScratch: [Int32] = []
    private var counts = [Int](repeating: 0, count: 2048)

    /// An order-preserving integer key: positive doubles flip the sign bit, negative ones flip all
    /// bits, so unsigned comparison of keys matches `<` of the doubles (−0 sorts before +0).
    @inline(__always)
    static func key(_ x: Double) -> UInt64 {
        let bits = x.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// The positions of `values` in ascending order (ties keep their input order).
    mutating func order(_ values: UnsafeBufferPointer<Double>) -> [Int32] {
        let n = values.count
        if keys.count != n {
            keys = [UInt64](repeating: 0, count: n)
            keysScratch = keys
            index = [Int32](repeating: 0, count: n)
            indexScratch = index
        }
        for i in 0..<n {
            keys[i] = Self.key(values[i])
            index[i] = Int32(i)
        }
        var shift: UInt64 = 0
        while shift < 64 {
            for b in 0..<2048 { counts[b] = 0 }
            keys.withUnsafeBufferPointer { k in
                counts.withUnsafeMutableBufferPointer { c in
                    for i in 0..<n { c[Int((k[i] &>> shift) & 0x7FF)] &+= 1 }
                }
            }
            // Skip a digit that every key shares.
            if counts[Int((keys[0] &>> shift) & 0x7FF)] != n {
                var total = 0
                for b in 0..<2048 {
                    let c = counts[b]
                    counts[b] = total
                    total &+= c
                }
                keys.withUnsafeBufferPointer { k in
                    index.withUnsafeBufferPointer { ix in
                        keysScratch.withUnsafeMutableBufferPointer { k2 in
                            indexScratch.withUnsafeMutableBufferPointer { ix2 in
                                counts.withUnsafeMutableBufferPointer { c in
                                    for i in 0..<n {
                                        let d = Int((k[i] &>> shift) & 0x7FF)
                                        let p = c[d]
                                        c[d] = p &+ 1
                                        k2[p] = k[i]
                                        ix2[p] = ix[i]
                                    }
                                }
                            }
                        }
                    }
                }
                swap(&keys, &keysScratch)
                swap(&index, &indexScratch)
            }
            shift += 11
        }
        return index
    }
}
