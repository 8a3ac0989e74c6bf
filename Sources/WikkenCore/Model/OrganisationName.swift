/// How organisation names are compared everywhere (the network's registrations, a dossier's
/// partners): lower case, letters and digits only, with the words every corporation's name has
/// taken out ("Stichting", "Woningcorporatie", "(demo)" stays: it is part of the name).
public enum OrganisationName {
    public static func normalised(_ name: String) -> String {
        let words = name.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        let filler: Set<String> = ["stichting", "de", "het", "bv", "nv", "vereniging"]
        let kept = words.filter { !filler.contains($0) }
        return (kept.isEmpty ? words : kept).joined()
    }
}
