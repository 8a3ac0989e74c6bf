import Foundation
import Logging
import ServiceLifecycle
import WikkenNetwork
import WikkenStore

/// How the network's mail leaves the server: the standard `sendmail` interface. The command
/// reads one message (RFC 5322, recipients from its headers with `-t`) on its standard input and
/// exits 0 when the message was accepted; Debian's `msmtp` relays it to any SMTP server
/// (`msmtp -t --host=smtp.example.nl --port=587 --tls=on --auth=on --user=…`), or a local MTA's
/// `/usr/sbin/sendmail -t -i` does. Without a command nothing is sent and nothing pretends to
/// be: the messages wait in the outbox, where the organiser's page shows them.
public struct MailConfiguration: Sendable {
    /// The command and its arguments, or nil: no relay configured.
    public var command: [String]?
    /// The `From:` address.
    public var from: String
    /// How often the outbox is looked at.
    public var interval: Duration = .seconds(2)
    /// How long one `sendmail` may take before it is stopped (and the attempt counts as failed).
    public var timeout: Duration = .seconds(30)

    public init(command: [String]? = nil, from: String = "wikken@localhost") {
        self.command = command
        self.from = from
    }
}

/// The service that sends what is due in the outbox, with retries and backoff
/// (``Store/mailBackoff(afterAttempt:)``); stops with the server.
struct MailSender: Service {
    let store: Store
    let configuration: MailConfiguration
    let logger: Logger

    func run() async throws {
        guard configuration.command != nil else { return }
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    _ = try await sendDue()
                } catch is CancellationError {
                    return
                } catch {
                    logger.error("De uitgaande post kon niet worden gelezen: \(error)")
                }
                // Stopping the server cancels the wait: a clean end, not an error.
                guard (try? await Task.sleep(for: configuration.interval)) != nil else { return }
            }
        }
    }

    /// Sends every message that is due now; returns how many were accepted.
    func sendDue(now: Date = Date()) async throws -> Int {
        guard let command = configuration.command else { return 0 }
        var sent = 0
        for message in try await store.claimDueMail(now: now) {
            let text = message.message.rfc5322(from: configuration.from, date: Self.rfc5322Date(now),
                                               messageID: "\(message.id)@\(configuration.from.split(separator: "@").last.map(String.init) ?? "wikken")")
            switch await Self.run(command, input: Data(text.utf8), timeout: configuration.timeout) {
            case .success:
                try await store.markMailSent(id: message.id)
                sent += 1
            case .failure(let reason):
                logger.warning("Bericht \(message.id) niet verzonden: \(reason.text)")
                try await store.markMailFailed(id: message.id, error: reason.text)
            }
        }
        return sent
    }

    struct Failure: Error { var text: String }

    /// Runs the command with the message on its standard input; the exit status and what it
    /// wrote to standard error say how it went.
    static func run(_ command: [String], input: Data, timeout: Duration) async -> Result<Void, Failure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let stdin = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        let finished: Result<Int32, Failure> = await withCheckedContinuation { continuation in
            let once = OnceFlag()
            process.terminationHandler = { p in if once.claim() { continuation.resume(returning: .success(p.terminationStatus)) } }
            do {
                try process.run()
            } catch {
                if once.claim() { continuation.resume(returning: .failure(Failure(text: "\(command.first ?? "") kon niet worden gestart: \(error)"))) }
                return
            }
            // A message is a few kilobytes: it fits in the pipe, so writing never waits on the reader.
            // A command that exits without reading must not end the server: no SIGPIPE, an error instead.
            signal(SIGPIPE, SIG_IGN)
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
            Task {
                try? await Task.sleep(for: timeout)
                if process.isRunning { process.terminate() }
            }
        }
        switch finished {
        case .failure(let failure): return .failure(failure)
        case .success(0): return .success(())
        case .success(let status):
            let said = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile().prefix(400), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(Failure(text: "\(command.first ?? "sendmail") stopte met code \(status)" + (said.isEmpty ? "" : ": \(said)")))
        }
    }

    /// "Thu, 03 Dec 2026 21:56:44 +0000".
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}

/// True the first time only (a continuation resumed exactly once).
final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if done { return false }
        done = true
        return true
    }
}
