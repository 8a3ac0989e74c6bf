/// A card in the instrument library (*afwegingsinstrumenten*): what an instrument does, when
/// to use it, its steps and pitfalls. `origin` is `wikken` for the methods built into Wikken and
/// `netwerk` for the network's own instruments.
public struct InstrumentCard: Equatable, Sendable {
    public var id: String
    public var name: String
    public var origin: String
    public var summary: String
    public var whenToUse: String
    /// One step per line.
    public var steps: String
    /// One pitfall per line.
    public var pitfalls: String

    public init(id: String, name: String, origin: String, summary: String, whenToUse: String, steps: String, pitfalls: String) {
        self.id = id
        self.name = name
        self.origin = origin
        self.summary = summary
        self.whenToUse = whenToUse
        self.steps = steps
        self.pitfalls = pitfalls
    }

    public var originLabel: String { origin == "wikken" ? "methode in Wikken" : "instrument van het netwerk" }

    /// The cards a new library starts with: Wikken's methods and one of the network's own.
    public static let starters: [InstrumentCard] = [
        InstrumentCard(
            id: "gewogen-optelling", name: "Gewogen optelling (MAVT)", origin: "wikken",
            summary: "Geeft elke optie per criterium een waarde van 0 tot 100 en telt die op met gewichten. De uitkomst laat zien welke optie het best scoort en waardoor.",
            whenToUse: "Als je een handvol opties op meerdere criteria vergelijkt en wilt kunnen uitleggen welk criterium de doorslag geeft.",
            steps: "Kies de opties en de criteria.\nScoor elke optie per criterium, met een bandbreedte als je het niet zeker weet.\nGeef gewichten per partij (weging).\nLees de rangorde en de uitleg; kijk wat de keuze zou doen omslaan.",
            pitfalls: "Criteria die hetzelfde meten tellen dubbel.\nGewichten zonder schaal ('kosten is belangrijk') zeggen weinig: vraag hoe groot het verschil tussen slechtste en beste is.\nEen ontbrekende score is geen nul."),
        InstrumentCard(
            id: "swing", name: "SWING-gewichten", origin: "wikken",
            summary: "Gewichten bepalen door te vragen welke verbetering van slechtste naar beste je het eerst zou willen, en hoeveel de andere daarbij waard zijn.",
            whenToUse: "Als partijen gewichten moeten geven en je wilt dat die gaan over echte verschillen tussen de opties, niet over abstract belang.",
            steps: "Zet per criterium de slechtste en beste waarde naast elkaar.\nKies de verbetering die het meest waard is: die krijgt 100.\nGeef de andere verbeteringen een getal tussen 0 en 100.",
            pitfalls: "Vergeet niet de bandbreedte te laten zien; anders wordt het toch abstract belang."),
        InstrumentCard(
            id: "rangorde", name: "Rangorde van criteria (ROC)", origin: "wikken",
            summary: "Maakt gewichten uit alleen een volgorde van belangrijk naar minder belangrijk.",
            whenToUse: "Als een partij wel kan ordenen maar geen getallen wil of kan geven, bijvoorbeeld een huurderscommissie.",
            steps: "Zet de criteria op volgorde.\nGelijk belangrijke criteria mogen samen op één plek.\nWikken rekent de gewichten uit (ROC, of rangsom of reciproke rang).",
            pitfalls: "De formule bepaalt hoe groot de verschillen worden; laat zien welke je gebruikt."),
        InstrumentCard(
            id: "paarsgewijs-ahp", name: "Paarsgewijs vergelijken (AHP)", origin: "wikken",
            summary: "Vergelijkt criteria steeds twee aan twee ('iets belangrijker', 'veel belangrijker') en maakt daar gewichten van, met een maat voor consistentie.",
            whenToUse: "Bij weinig criteria per groep (tot zeven) en als partijen liever in woorden vergelijken dan in getallen.",
            steps: "Vergelijk elk paar criteria in een groep.\nKijk naar de consistentie (CR); boven 0,10 zijn de oordelen tegenstrijdig.\nPas de oordelen aan die Wikken voorstelt.",
            pitfalls: "Veel paren bij veel criteria: het wordt een lange sessie.\nEen goede consistentie betekent niet dat de oordelen kloppen."),
        InstrumentCard(
            id: "promethee", name: "PROMETHEE", origin: "wikken",
            summary: "Vergelijkt opties paarsgewijs per criterium met voorkeursdrempels: wanneer is een verschil 'niet de moeite', wanneer 'duidelijk beter'?",
            whenToUse: "Als kleine verschillen niet mogen tellen, of als een grote achterstand op één criterium niet mag worden weggepoetst.",
            steps: "Kies per criterium een voorkeursfunctie en drempels.\nLees de netto-stroom (PROMETHEE II) en kijk waar opties onvergelijkbaar zijn (PROMETHEE I).",
            pitfalls: "Drempels zijn keuzes: leg uit waarom je ze kiest."),
        InstrumentCard(
            id: "topsis-vikor", name: "TOPSIS en VIKOR", origin: "wikken",
            summary: "Kijken hoe dicht elke optie bij de ideale optie ligt (TOPSIS), of zoeken een compromis dat voor de meerderheid goed is en voor niemand slecht (VIKOR).",
            whenToUse: "Als controle naast de gewogen optelling: komt dezelfde optie bovenaan?",
            steps: "Draai 'methoden vergelijken' in Wikken.\nBespreek waar de methoden verschillen en waarom.",
            pitfalls: "Verschillende methoden geven soms een andere winnaar; dat is informatie, geen fout."),
        InstrumentCard(
            id: "smaa", name: "SMAA-2: hoe zeker is de uitkomst?", origin: "wikken",
            summary: "Rekent duizenden keren met gewichten en scores binnen hun onzekerheid, en zegt hoe vaak elke optie bovenaan komt.",
            whenToUse: "Als partijen het niet eens worden over gewichten, of als scores onzeker zijn.",
            steps: "Geef bandbreedtes bij onzekere scores.\nKies of gewichten vrij zijn of alleen een volgorde hebben.\nLees de kans op elke plaats en de 'centrale gewichten'.",
            pitfalls: "Een kans van 60% is geen zekerheid; zeg er in de notitie bij wat de andere 40% betekent."),
        InstrumentCard(
            id: "tellen-en-vertellen", name: "Tellen en vertellen: verhalen naast cijfers", origin: "wikken",
            summary: "Legt bij de cijfers de verhalen vast van bewoners, collega's en partners, en zegt of een verhaal het cijfer steunt, nuanceert of tegenspreekt.",
            whenToUse: "Altijd als de uitkomst aan een bestuur of aan bewoners wordt uitgelegd; dashboards alleen overtuigen niet.",
            steps: "Verzamel verhalen bij de opties en criteria.\nGeef aan hoe elk verhaal zich tot het cijfer verhoudt.\nLaat de verhalen die het cijfer tegenspreken als eerste zien in de bestuursnotitie.",
            pitfalls: "Kies geen verhalen die alleen de gewenste uitkomst steunen."),
        InstrumentCard(
            id: "afwegen-in-de-wijk", name: "Afwegen in de wijk", origin: "netwerk",
            summary: "Een werkvorm van het netwerk: corporatie, gemeente en bewoners wegen samen de opties voor één wijk, ieder met een eigen weging, en bespreken de verschillen.",
            whenToUse: "Bij een wijkaanpak of prestatieafspraken, als partijen samen moeten kiezen maar ieders afweging zichtbaar moet blijven.",
            steps: "Haal eerst verhalen op in de wijk.\nKies samen de criteria.\nLaat elke partij apart wegen.\nBespreek waar de rangordes verschillen en wat de keuze zou doen omslaan.",
            pitfalls: "Partijen gaan onderhandelen over gewichten in plaats van over de wijk.\nTe veel criteria maken het gesprek vaag."),
    ]
}
