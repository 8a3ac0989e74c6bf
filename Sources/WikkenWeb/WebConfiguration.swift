import WikkenNetwork

/// How the web app runs. Every property has a safe default.
public struct WebConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Mark cookies Secure; set when the app runs behind TLS.
    public var secureCookies = false
    /// How failed sign-ins are slowed down (``SignInThrottle``).
    var signInRules = SignInThrottle.Rules()
    /// Tests only: the throttle's clock (a test that counts waits must not depend on how fast
    /// the machine checks passwords).
    var signInClock: (@Sendable () -> ContinuousClock.Instant)?
    /// Take the client's address from `X-Forwarded-For` (its last entry): only behind a reverse
    /// proxy that sets it, or anyone could choose their address and escape the sign-in limits.
    public var trustProxy = false
    /// Folder with the CBS and Leefbaarometer files for the veerkracht pages (`kwb<jaar>…csv`,
    /// `lbm…csv`, `…ses_woa…csv`); relative to the working folder.
    public var veerkrachtData = "Data/veerkracht"
    /// Tests only: told of every page model rendered.
    var pageObserver: PageObserver?
    /// How the network's mail is sent (no relay by default: it waits in the outbox).
    public var mail = MailConfiguration()
    /// Who participants turn to, and the address the personal links in mails start with.
    public var contact = NetworkContact()
    /// Open routes a script could hammer: registrations per client address, and link requests
    /// per client address and per e-mail address, each per window.
    var registrationLimit = (count: 10, window: Duration.seconds(600))
    var linkRequestLimit = (perAddress: 10, perEmail: 3, window: Duration.seconds(3600))

    public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
    }
}
