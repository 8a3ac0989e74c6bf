import HummingbirdBcrypt
import NIOPosix

/// Passwords hashed and checked with bcrypt (cost 12) on NIO's thread pool: a hash takes about a
/// quarter of a second of CPU, which on the async executor would stall every other request.
enum Password {
    static let cost: UInt8 = 12

    /// A bcrypt hash (cost 12) that belongs to no account, checked when the e-mail address is
    /// unknown, so that a failed sign-in takes as long for an unknown as for a known account.
    /// Written out, not computed: hashing it at the first failed sign-in would cost that request a
    /// second bcrypt, on the async executor. Its password is "wikken-geen-account" (a test checks
    /// that it verifies, i.e. that bcrypt really does the work).
    static let decoy = "$2b$12$ua//oWWisvuAokBqXZLamexYd9D9Vs8zb3v0rU8kOWzR2CWLTlhqq"

    static func hash(_ password: String, cost: UInt8 = Password.cost) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
