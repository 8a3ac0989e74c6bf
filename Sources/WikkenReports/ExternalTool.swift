import Foundation

/// The Debian tools Wikken uses when they are installed — Chromium to print memos as PDF
/// (``PDFPrinter``), qrencode to draw QR codes (``QRCode``): found through an environment
/// variable or on the PATH, run without a shell, and stopped when they take too long.
enum ExternalTool {
    /// The tool named by the environment variable `key` when that is executable, else the first
    /// of `names` on the PATH; nil when there is none.
    static func find(_ names: [String], override key: String) -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment[key], FileManager.default.isExecutableFile(atPath: path) { return path }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in names {
            for folder in folders {
                let path = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    /// Runs `executable` with `arguments` (output discarded) and returns its exit status; nil when
    /// it could not start. Waits without blocking a thread; past `timeout` the tool is stopped,
    /// which ends the wait with a failing status.
    static func run(_ executable: String, _ arguments: [String], timeout: Duration) async -> Int32? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return await withCheckedContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(returning: nil)
                return
            }
            Task {
                try? await Task.sleep(for: timeout)
                if process.isRunning { process.terminate() }
            }
        }
    }
}
