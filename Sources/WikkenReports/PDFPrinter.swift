import Foundation

/// A memo printed to PDF by headless Chromium (the browser's own print engine, so the PDF looks
/// like the printed page: A4, headings kept with their charts). Used by `wikken notitie --formaat
/// pdf` and by the web app's "Download als PDF". Chromium is found on the PATH or through
/// `WIKKEN_CHROMIUM`; without it there is no PDF, and each caller says what to do instead.
public enum PDFPrinter {
    /// The path of a Chromium to print with, or nil.
    public static func find() -> String? {
        ExternalTool.find(["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"], override: "WIKKEN_CHROMIUM")
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

        // A profile of its own per print: two prints at once do not share (or lock) one.
        let status = await ExternalTool.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
                                                       "--user-data-dir=\(folder.appendingPathComponent("profiel").path)",
                                                       "--print-to-pdf=\(pdf.path)", "--no-pdf-header-footer", page.absoluteString], timeout: timeout)
        guard status == 0 else { return nil }
        return try? Data(contentsOf: pdf)
    }
}
