import Hummingbird
import WikkenStore

/// The request context: Hummingbird's core storage plus the signed-in session, if any.
public struct WikkenContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var session: Session?
    /// The name of the signed-in user's organisation, for the page header.
    public var organisationName = ""

    public init(source: Source) {
        coreContext = .init(source: source)
        session = nil
    }
}
