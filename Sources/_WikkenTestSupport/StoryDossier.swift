import WikkenCore

/// The hand-computed dossier of the core tests (W1: z 62.5, y 60, x 51.5; W2: y first), with
/// stories. Facts computed by hand:
/// - z against y over the top-level criteria: A 37.5 − 37.5 = 0, B 25 − 22.5 = +2.5.
/// - No top-level weight alone can move z from first place under W1 (see the comments in the test).
/// - y's cost has a range 15–25: at 15 (value 75 on the local scale 30 → 10) y gains
///   .375 × 25 = 9.375 and passes z (69.375 > 62.5).
public enum StoryDossier {
    public static var dossier: Dossier {
        var d = HandComputed.dossier
        d.narratives = [
            Narrative(id: "z-kosten", text: "De kosten van Z worden zwaar onderschat.", teller: "projectleider", option: "z", criterion: "a1", stance: .contradicts),
            Narrative(id: "x-alles", text: "X past bij onze koers.", teller: "bestuurder", option: "x", stance: .supports),
            Narrative(id: "draagvlak", text: "Draagvlak wisselt per straat.", teller: "wijkconsulent", criterion: "b", stance: .nuances),
            Narrative(id: "y-draagvlak", text: "In de buurt van Y is juist veel steun.", teller: "bewoner", option: "y", criterion: "b", stance: .contradicts),
        ]
        return d
    }
}

