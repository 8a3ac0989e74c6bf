import Hummingbird
import WikkenStore

/// The request context: Hummingbird's core storage plus the signed-in session, if any.
public struct WikkenContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var session: Session?

    public init(source: Source) {
        coreContext = .init(source: source)
        session = nil
    }
}
