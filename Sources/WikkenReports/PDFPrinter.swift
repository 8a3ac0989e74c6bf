import Foundation

/// A memo printed to PDF by headless Chromium (the browser's own print engine, so the PDF looks
/// like the printed page: A4, headings kept with their charts). Used by `wikken notitie --formaat
/// pdf` and by the web app's "Download als PDF". Chromium is found on the PATH or through
/// `WIKKEN_CHROMIUM`; without it there is no PDF, and each caller says what to do instead.
public enum PDFPrinter {
    /// The path of a Chromium to print with, or nil.
    public static func find() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["WIKKEN_CHROMIUM"], FileManager.default.isExecutableFile(atPath: path) { return path }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders {
                let path = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    /// The PDF of a self-contained HTML page, or nil when Chromium failed or took longer than
    /// `timeout` (it is stopped then). Waits without blocking a thread; a temporary folder
    /// holds the page and the PDF and is removed after.
    public static func print(_ html: String, with chromium: String, timeout: Duration = .seconds(60)) async -> Data? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wikken-pdf-\(UUID().uuidString)")
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch { return nil }
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("notitie.html"), pdf = folder.appendingPathComponent("notitie.pdf")
        do { try Data(html.utf8).write(to: page) } catch { return nil }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        // A profile of its own per print: two prints at once do not share (or lock) one.
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
                             "--user-data-dir=\(folder.appendingPathComponent("profiel").path)",
                             "--print-to-pdf=\(pdf.path)", "--no-pdf-header-footer", page.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let status: Int32? = await withCheckedContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(returning: nil)
                return
            }
            // Past the time allowed Chromium is stopped; that ends the wait with a failure.
            Task {
                try? await Task.sleep(for: timeout)
                if process.isRunning { process.terminate() }
            }
        }
        guard status == 0 else { return nil }
        return try? Data(contentsOf: pdf)
    }
}
