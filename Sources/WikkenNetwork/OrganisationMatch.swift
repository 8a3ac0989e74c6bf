import WikkenCore
/// Which organisation a registration belongs to, when the participant typed a name instead of
/// choosing one: the once-only rule for non-partners counts the organisation's earlier
/// participation, so "Woonstichting De Kap" and "woonstichting de kap." must be one, and so must
/// two colleagues with addresses at the same domain.
public enum OrganisationMatch {
    /// An organisation as the matching sees it.
    public struct Candidate: Sendable, Equatable {
        public var id: String
        public var name: String
        /// The domain of its staff's e-mail addresses (`dekap.nl`), when known.
        public var emailDomain: String?

        public init(id: String, name: String, emailDomain: String?) {
            self.id = id
            self.name = name
            self.emailDomain = emailDomain
        }
    }

    /// Mail providers anyone can use: their domain says nothing about an organisation.
    public static let publicDomains: Set<String> = [
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.nl", "outlook.com", "outlook.nl", "live.nl", "live.com", "msn.com",
        "yahoo.com", "yahoo.nl", "icloud.com", "me.com", "mac.com", "ziggo.nl", "kpnmail.nl", "kpnplanet.nl", "planet.nl", "hetnet.nl",
        "home.nl", "xs4all.nl", "casema.nl", "chello.nl", "upcmail.nl", "tele2.nl", "online.nl", "quicknet.nl", "zeelandnet.nl",
        "proton.me", "protonmail.com", "gmx.com", "gmx.net", "example.nl", "example.com", "example.org",
    ]

    /// Names compared as ``OrganisationName/normalised(_:)`` does (the dossier's partners too).
    public static func normalisedName(_ name: String) -> String { OrganisationName.normalised(name) }

    /// The organisation's part of an address (`dekap.nl`), nil for public providers and for
    /// anything that is not an address.
    public static func domain(of email: String) -> String? {
        let parts = email.lowercased().split(separator: "@")
        guard parts.count == 2, parts[1].contains(".") else { return nil }
        let domain = String(parts[1])
        return publicDomains.contains(domain) ? nil : domain
    }

    /// The organisation a typed name and an address belong to: the same name (normalised)
    /// first, then the same e-mail domain; nil when neither matches.
    public static func match(name: String, email: String, among candidates: [Candidate]) -> Candidate? {
        let wanted = normalisedName(name)
        if !wanted.isEmpty, let byName = candidates.first(where: { normalisedName($0.name) == wanted }) { return byName }
        if let domain = domain(of: email), let byDomain = candidates.first(where: { $0.emailDomain == domain }) { return byDomain }
        return nil
    }
}
