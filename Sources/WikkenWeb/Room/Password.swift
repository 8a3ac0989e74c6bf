import HummingbirdBcrypt
import NIOPosix

/// Passwords hashed and checked with bcrypt (cost 12) on NIO's thread pool: a hash takes about a
/// quarter of a second of CPU, which on the async executor would stall every other request.
enum Password {
    static let cost: UInt8 = 12

    /// A hash of a password nobody has, checked when the e-mail address is unknown, so that a
    /// failed sign-in takes as long for an unknown as for a known account.
    static let decoy = Bcrypt.hash("wikken-geen-account", cost: cost)

    static func hash(_ password: String, cost: UInt8 = Password.cost) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
