import CZlib

/// The zip container of an `.xlsx`, read and written here with zlib, bounded for uploads.
///
/// Why not a zip library: ZIPFoundation 0.9.20 (the one mirrored here) traps on an in-memory
/// archive that seeks past its end, and loops for ever on an entry whose deflate stream is cut
/// short (its inflate loop waits for a stream end that never comes; it also tells zlib a chunk
/// is longer than it is). The fuzzer found both with uploads. What a spreadsheet needs is small:
/// the central directory, the local headers, and inflate with a limit.
///
/// Writing stores the entries without compression (method 0, with their CRC-32): the files are
/// a few kB, and Excel and LibreOffice read stored entries as they read deflated ones.
enum Zip {
    struct Problem: Error, Equatable {
        var message: String
        init(_ message: String) { self.message = message }
    }

    /// One file in the archive, as the central directory and its local header say.
    struct Entry: Equatable {
        var name: String
        var method: Int
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        /// Where the entry's data starts in the archive.
        var dataStart: Int
    }

    // MARK: Reading

    /// The entries of an archive by name; every entry's data lies within the archive.
    static func entries(_ bytes: [UInt8]) throws(Problem) -> [String: Entry] {
        func u16(_ at: Int) -> Int? { at >= 0 && at + 2 <= bytes.count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : nil }
        func u32(_ at: Int) -> Int? {
            guard at >= 0, at + 4 <= bytes.count else { return nil }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        let damaged = Problem("het bestand is beschadigd (de inhoudsopgave van het zip-bestand klopt niet)")
        // The end-of-central-directory record lies within the last 22 + 65,535 bytes.
        var end = bytes.count - 22
        while end >= 0, end >= bytes.count - 22 - 65_535, u32(end) != 0x0605_4B50 { end -= 1 }
        guard end >= 0, u32(end) == 0x0605_4B50, let count = u16(end + 10), let start = u32(end + 16) else { throw damaged }
        var entries: [String: Entry] = [:]
        var at = start
        for _ in 0..<count {
            guard u32(at) == 0x0201_4B50, let method = u16(at + 10), let crc = u32(at + 16), let compressed = u32(at + 20), let size = u32(at + 24),
                  let nameLength = u16(at + 28), let extraLength = u16(at + 30), let commentLength = u16(at + 32), let local = u32(at + 42),
                  at + 46 + nameLength <= bytes.count else { throw damaged }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            guard compressed != 0xFFFF_FFFF, size != 0xFFFF_FFFF, u32(local) == 0x0403_4B50, let localName = u16(local + 26), let localExtra = u16(local + 28) else { throw damaged }
            let dataStart = local + 30 + localName + localExtra
            guard dataStart + compressed <= bytes.count else {
                throw Problem("het bestand is beschadigd (\(name) loopt voorbij het einde van het bestand)")
            }
            if entries[name] == nil {
                entries[name] = Entry(name: name, method: method, crc: UInt32(crc), compressedSize: compressed, uncompressedSize: size, dataStart: dataStart)
            }
            at += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    /// The unpacked data of an entry: stored or deflated, at most `limit` bytes, its CRC-32 checked.
    static func data(of entry: Entry, in bytes: [UInt8], limit: Int) throws(Problem) -> [UInt8] {
        let tooBig = Problem("een deel van het bestand is uitgepakt groter dan \(limit >> 20) MB")
        let damaged = Problem("het bestand is beschadigd (\(entry.name) is niet uit te pakken)")
        guard entry.uncompressedSize <= limit else { throw tooBig }
        let packed = Array(bytes[entry.dataStart..<(entry.dataStart + entry.compressedSize)])
        var out: [UInt8]
        switch entry.method {
        case 0:
            out = packed
        case 8:
            out = []
            var stream = z_stream()
            guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw damaged }
            defer { inflateEnd(&stream) }
            var chunk = [UInt8](repeating: 0, count: 64 << 10)
            var result: Int32 = Z_OK
            var input = packed
            input.append(0)  // a pointer to an empty array is not guaranteed; the extra byte is never offered
            let total = packed.count
            input.withUnsafeMutableBufferPointer { source in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(total)
                // Each round either produces output (bounded by `limit`) or ends: a finished stream,
                // an error, or no progress possible (a stream cut short) — never a loop without end.
                while true {
                    let produced: Int = chunk.withUnsafeMutableBufferPointer { target in
                        stream.next_out = target.baseAddress
                        stream.avail_out = UInt32(target.count)
                        result = inflate(&stream, Z_NO_FLUSH)
                        return target.count - Int(stream.avail_out)
                    }
                    out.append(contentsOf: chunk[0..<produced])
                    if result != Z_OK || out.count > limit || (produced == 0 && stream.avail_in == 0) { break }
                }
            }
            guard out.count <= limit else { throw tooBig }
            guard result == Z_STREAM_END else { throw damaged }
        default:
            throw Problem("het bestand gebruikt een manier van inpakken die Wikken niet kent (methode \(entry.method))")
        }
        guard out.count == entry.uncompressedSize, crc32(out) == entry.crc else { throw damaged }
        return out
    }

    // MARK: Writing

    /// A zip archive of `files` (name, content), stored.
    static func write(_ files: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = [], directory: [UInt8] = []
        func u16(_ x: Int, _ into: inout [UInt8]) { into += [UInt8(x & 0xFF), UInt8((x >> 8) & 0xFF)] }
        func u32(_ x: Int, _ into: inout [UInt8]) { into += (0..<4).map { UInt8((x >> (8 * $0)) & 0xFF) } }
        for file in files {
            let name = Array(file.name.utf8), crc = Int(crc32(file.bytes)), offset = out.count
            // Local header: version 2.0, flag 0x0800 (UTF-8 names), stored, 1980-01-01 00:00.
            u32(0x0403_4B50, &out); u16(20, &out); u16(0x0800, &out); u16(0, &out); u16(0, &out); u16(0x21, &out)
            u32(crc, &out); u32(file.bytes.count, &out); u32(file.bytes.count, &out); u16(name.count, &out); u16(0, &out)
            out += name
            out += file.bytes
            u32(0x0201_4B50, &directory); u16(20, &directory); u16(20, &directory); u16(0x0800, &directory); u16(0, &directory); u16(0, &directory); u16(0x21, &directory)
            u32(crc, &directory); u32(file.bytes.count, &directory); u32(file.bytes.count, &directory); u16(name.count, &directory)
            u16(0, &directory); u16(0, &directory); u16(0, &directory); u16(0, &directory); u32(0, &directory); u32(offset, &directory)
            directory += name
        }
        let start = out.count
        out += directory
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(files.count, &out); u16(files.count, &out)
        u32(directory.count, &out); u32(start, &out); u16(0, &out)
        return out
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(CZlib.crc32(0, buffer.baseAddress, UInt32(buffer.count)))
        }
    }
}
