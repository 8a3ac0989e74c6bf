/// The sentences people read for each problem, in Dutch (B1) and English. One place for all of them.
extension DossierProblem {
    public func message(in language: Language) -> String {
        let nl = language == .nl
        func list(_ items: [String]) -> String { items.map { "'\($0)'" }.joined(separator: ", ") }
        switch kind {
        case .syntax(let detail):
            let lead = nl ? "het bestand is geen geldige YAML of JSON" : "the file is not valid YAML or JSON"
            guard let hint = SyntaxHints.hint(for: detail, language: language) else { return "\(lead): \(detail)" }
            return nl ? "\(lead): \(hint) (melding van de lezer: \(detail))" : "\(lead): \(hint) (parser message: \(detail))"
        case let .unknownKey(key, suggestion):
            let hint = suggestion.map { nl ? "; bedoelt u '\($0)'?" : "; did you mean '\($0)'?" } ?? ""
            return (nl ? "onbekend veld '\(key)'" : "unknown field '\(key)'") + hint
        case .textSplitByComma(let key):
            return nl
                ? "onbekend veld '\(key)'; staat er een komma in tekst tussen { }? Zet die tekst dan tussen aanhalingstekens"
                : "unknown field '\(key)'; is there a comma in text inside { }? Then put that text in quotes"
        case .duplicateKey(let key):
            return nl ? "het veld '\(key)' staat er twee keer" : "the field '\(key)' appears twice"
        case .missingKey(let key):
            return nl ? "het verplichte veld '\(key)' ontbreekt" : "the required field '\(key)' is missing"
        case let .wrongType(expected, found):
            return nl ? "verwacht \(expected.dutch), gevonden: \(found.dutch)" : "expected \(expected.english), found \(found.english)"
        case .notFinite(let text):
            return nl ? "'\(text)' is geen eindig getal; verwacht een gewoon getal" : "'\(text)' is not a finite number; expected an ordinary number"
        case .numberTooLarge(let text):
            return nl ? "'\(text)' is te groot; verwacht een getal van −1.000.000.000.000 tot en met 1.000.000.000.000"
                : "'\(text)' is too large; expected a number from −1,000,000,000,000 to 1,000,000,000,000"
        case .criteriaTooDeep(let limit):
            return nl ? "de criteria liggen hier meer dan \(limit) lagen diep; verwacht hoogstens \(limit) lagen (meestal zijn 2 of 3 genoeg)"
                : "the criteria are nested more than \(limit) levels deep here; expected at most \(limit) levels (2 or 3 are usually enough)"
        case let .notOneOf(value, allowed):
            return nl ? "'\(value)' is niet toegestaan; verwacht een van: \(list(allowed))" : "'\(value)' is not allowed; expected one of: \(list(allowed))"
        case let .unsupportedVersion(found, supported):
            return nl ? "formaatversie \(found) wordt niet ondersteund; verwacht \(supported)" : "format version \(found) is not supported; expected \(supported)"
        case .invalidId(let id):
            return nl
                ? "'\(id)' is geen geldige id; gebruik kleine letters, cijfers en streepjes (bijvoorbeeld 'sociale-huur')"
                : "'\(id)' is not a valid id; use lower-case letters, digits and hyphens (for example 'social-rent')"
        case let .duplicateId(id, first):
            return nl ? "de id '\(id)' is al gebruikt bij \(first)" : "the id '\(id)' is already used at \(first)"
        case .unknownOption(let id):
            return nl ? "er is geen optie met id '\(id)'" : "there is no option with id '\(id)'"
        case .unknownCriterion(let id):
            return nl ? "er is geen criterium met id '\(id)'" : "there is no criterion with id '\(id)'"
        case .unknownDecisionMaker(let id):
            return nl ? "er is geen besluitvormer met id '\(id)'" : "there is no decision maker with id '\(id)'"
        case .notALeaf(let id):
            return nl
                ? "'\(id)' heeft subcriteria; scores horen bij de onderste criteria"
                : "'\(id)' has sub-criteria; scores belong to the lowest criteria"
        case .noCriteria:
            return nl ? "het dossier heeft geen criteria; verwacht minstens één" : "the dossier has no criteria; expected at least one"
        case .noOptions:
            return nl ? "het dossier heeft geen opties; verwacht minstens één" : "the dossier has no options; expected at least one"
        case .noWeightSets:
            return nl ? "het dossier heeft geen weging; verwacht minstens één" : "the dossier has no weight set; expected at least one"
        case .leafWithoutScale:
            return nl
                ? "een criterium zonder subcriteria heeft een 'schaal' nodig (numeriek of kwalitatief)"
                : "a criterion without sub-criteria needs a 'schaal' (numeric or qualitative)"
        case .parentWithScale:
            return nl
                ? "een criterium met subcriteria heeft geen 'schaal'; zet de schaal bij de subcriteria"
                : "a criterion with sub-criteria has no 'schaal'; put the scale on the sub-criteria"
        case .directionRequired:
            return nl
                ? "een lineaire schaal heeft een 'richting' nodig: 'hoger-is-beter' of 'lager-is-beter'"
                : "a linear scale needs a 'richting': 'hoger-is-beter' or 'lager-is-beter'"
        case .worstEqualsBest(let x):
            return nl ? "'slechtst' en 'best' zijn allebei \(NumberText.plain(x)); verwacht twee verschillende waarden" : "'slechtst' and 'best' are both \(NumberText.plain(x)); expected two different values"
        case .tooFewLevels:
            return nl ? "een kwalitatieve schaal heeft minstens twee niveaus nodig" : "a qualitative scale needs at least two levels"
        case .duplicateLevel(let level):
            return nl ? "het niveau '\(level)' staat er twee keer" : "the level '\(level)' appears twice"
        case let .levelValueCount(levels, values):
            return nl ? "er zijn \(levels) niveaus maar \(values) waarden; verwacht er evenveel" : "there are \(levels) levels but \(values) values; expected as many"
        case .valueOutOfUnitRange(let x):
            return nl ? "waarde \(NumberText.plain(x)) ligt niet tussen 0 en 100" : "value \(NumberText.plain(x)) is not between 0 and 100"
        case .tooFewPoints:
            return nl ? "een stuksgewijs lineaire waardefunctie heeft minstens twee punten nodig" : "a piecewise linear value function needs at least two points"
        case .pointsNotIncreasing:
            return nl ? "de punten moeten oplopen in meetwaarde, zonder dubbele" : "the points must increase in measurement, without repeats"
        case .preferenceOnParent:
            return nl
                ? "een voorkeursfunctie hoort bij een criterium zonder subcriteria"
                : "a preference function belongs to a criterion without sub-criteria"
        case let .invalidThreshold(name, value, rule):
            let v = NumberText.plain(value)
            switch rule {
            case .nonNegative: return nl ? "drempel \(name) = \(v) is negatief; verwacht 0 of meer" : "threshold \(name) = \(v) is negative; expected 0 or more"
            case .positive: return nl ? "drempel \(name) = \(v) moet groter zijn dan 0" : "threshold \(name) = \(v) must be above 0"
            case .belowP: return nl ? "drempel q = \(v) moet kleiner zijn dan p" : "threshold q = \(v) must be below p"
            }
        case .expectedNumber(let found):
            return nl ? "verwacht een getal (numerieke schaal), gevonden: '\(found)'" : "expected a number (numeric scale), found '\(found)'"
        case let .expectedLevel(found, levels):
            return nl ? "'\(found)' staat niet op de schaal; verwacht een van: \(list(levels))" : "'\(found)' is not on the scale; expected one of: \(list(levels))"
        case let .rangeInverted(low, high):
            return nl ? "'laag' (\(low)) is hoger dan 'hoog' (\(high))" : "'laag' (\(low)) is above 'hoog' (\(high))"
        case let .valueOutsideRange(value, low, high):
            return nl ? "de waarde \(value) ligt buiten de bandbreedte \(low)–\(high)" : "the value \(value) lies outside the range \(low)–\(high)"
        case let .outsideScale(value, lower, upper):
            return nl
                ? "\(NumberText.plain(value)) ligt buiten de schaal \(NumberText.plain(lower))–\(NumberText.plain(upper))"
                : "\(NumberText.plain(value)) lies outside the scale \(NumberText.plain(lower))–\(NumberText.plain(upper))"
        case .missingWithValue:
            return nl ? "een score is óf bekend ('waarde') óf ontbrekend ('ontbreekt'), niet allebei" : "a score is either known ('waarde') or missing ('ontbreekt'), not both"
        case .reasonWithoutMissing:
            return nl ? "verwacht 'waarde' of 'ontbreekt' met een reden" : "expected 'waarde', or 'ontbreekt' with a reason"
        case let .scoreNotGiven(option, criterion):
            return nl
                ? "optie '\(option)' heeft geen score op '\(criterion)'; vul een waarde in of schrijf 'ontbreekt' met de reden"
                : "option '\(option)' has no score on '\(criterion)'; give a value or write 'ontbreekt' with the reason"
        case .negativeWeight(let w):
            return nl ? "gewicht \(NumberText.plain(w)) is negatief; verwacht 0 of meer" : "weight \(NumberText.plain(w)) is negative; expected 0 or more"
        case .allWeightsZero(let parent):
            let group = parent.map { "'\($0)'" } ?? (nl ? "de hoofdcriteria" : "the top-level criteria")
            return nl
                ? "alle gewichten onder \(group) zijn 0, zodat ze niet te normaliseren zijn; geef minstens één gewicht groter dan 0"
                : "all weights under \(group) are 0, so they cannot be normalised; give at least one weight above 0"
        case let .weightsIncomplete(parent, missing):
            let group = parent.map { "'\($0)'" } ?? (nl ? "de hoofdcriteria" : "the top-level criteria")
            return nl
                ? "onder \(group) ontbreken gewichten voor \(list(missing)); geef alle gewichten van deze groep of geen"
                : "under \(group) weights are missing for \(list(missing)); give all weights of this group or none"
        case .swingWithout100(let parent):
            let group = parent.map { "'\($0)'" } ?? (nl ? "de hoofdcriteria" : "the top-level criteria")
            return nl
                ? "bij SWING krijgt de belangrijkste zwaai onder \(group) 100 punten en de andere 0 tot 100; pas de punten aan"
                : "with SWING the most important swing under \(group) gets 100 points and the others 0 to 100; adjust the points"
        case let .rankingIncomplete(parent, missing):
            let group = parent.map { "'\($0)'" } ?? (nl ? "de hoofdcriteria" : "the top-level criteria")
            return nl
                ? "onder \(group) \(missing.count == 1 ? "staat" : "staan") \(list(missing)) niet in de rangorde; zet alle criteria van deze groep erin of geen"
                : "under \(group) \(list(missing)) \(missing.count == 1 ? "is" : "are") not in the ranking; rank all criteria of this group or none"
        case .rankedTwice(let id):
            return nl ? "'\(id)' staat twee keer in de rangorde" : "'\(id)' appears twice in the ranking"
        case .judgementWithItself(let id):
            return nl ? "'\(id)' wordt met zichzelf vergeleken; vergelijk twee verschillende criteria" : "'\(id)' is compared with itself; compare two different criteria"
        case let .notSiblings(a, b):
            return nl
                ? "'\(a)' en '\(b)' hebben niet hetzelfde bovenliggende criterium; vergelijk alleen criteria uit dezelfde groep"
                : "'\(a)' and '\(b)' do not share a parent; compare only criteria of the same group"
        case .judgementOutOfScale(let v):
            return nl ? "oordeel \(NumberText.plain(v)) ligt buiten de schaal van Saaty; verwacht 1 tot 9" : "judgement \(NumberText.plain(v)) is outside Saaty's scale; expected 1 to 9"
        case let .duplicateJudgement(a, b):
            return nl ? "'\(a)' en '\(b)' worden twee keer vergeleken; houd één oordeel over" : "'\(a)' and '\(b)' are compared twice; keep one judgement"
        case let .judgementsNotConnected(parent, unreached):
            let group = parent.map { "'\($0)'" } ?? (nl ? "de hoofdcriteria" : "the top-level criteria")
            return nl
                ? "de oordelen onder \(group) verbinden \(list(unreached)) niet met de rest; voeg een vergelijking toe"
                : "the judgements under \(group) do not connect \(list(unreached)) with the rest; add a comparison"
        case let .fieldNotForMethod(field, method):
            return nl ? "'\(field)' hoort niet bij '\(method)'" : "'\(field)' does not belong with '\(method)'"
        case .objectionWithoutReason:
            return nl ? "een bezwaar heeft een 'reden' nodig: zeg waarom, zodat de anderen erop kunnen ingaan"
                      : "an objection needs a 'reden' (reason): say why, so the others can respond to it"
        case let .duplicatePosition(partner, option, first):
            return nl ? "'\(partner)' heeft al een standpunt over '\(option)' bij \(first); één standpunt per partner en optie"
                      : "'\(partner)' already has a position on '\(option)' at \(first); one position per partner and option"
        case .ownCriterionNotTopLevel(let id):
            return nl ? "'\(id)' heeft een eigenaar maar staat onder een ander criterium; een eigen criterium van een partner staat bovenaan in de boom"
                      : "'\(id)' has an owner but sits below another criterion; a partner's own criterion belongs at the top of the tree"
        case let .othersOwnCriterion(criterion, owner):
            return nl ? "'\(criterion)' is een eigen criterium van '\(owner)'; alleen wegingen van '\(owner)' wegen het (haal het hier weg)"
                      : "'\(criterion)' is an own criterion of '\(owner)'; only weight sets of '\(owner)' weigh it (remove it here)"
        case .nothingToWeigh:
            return nl ? "deze weging heeft geen enkel criterium om te wegen: alle criteria bovenaan zijn eigen criteria van andere partners"
                      : "this weight set has no criterion to weigh: every top-level criterion is another partner's own"
        case let .duplicateOrganisation(name, first):
            return nl ? "'\(name)' is al de organisatie van een besluitvormer bij \(first); één besluitvormer per organisatie (haar mensen wijzigen die weging)"
                      : "'\(name)' is already the organisation of a decision maker at \(first); one decision maker per organisation (its people edit that weighing)"
        case .narrativeWithoutLink:
            return nl ? "een verhaal hoort bij een 'optie', een 'criterium' of allebei (één score)" : "a story belongs to an 'optie', a 'criterium' or both (one score)"
        case .invalidDate(let text):
            return nl ? "'\(text)' is geen datum; verwacht jjjj-mm-dd" : "'\(text)' is not a date; expected yyyy-mm-dd"
        }
    }
}

extension DossierProblem.ValueKind {
    var dutch: String {
        switch self {
        case .mapping: return "een groep velden"
        case .list: return "een lijst"
        case .text: return "tekst"
        case .number: return "een getal"
        case .boolean: return "ja/nee"
        case .nothing: return "niets"
        }
    }

    var english: String {
        switch self {
        case .mapping: return "a mapping of fields"
        case .list: return "a list"
        case .text: return "text"
        case .number: return "a number"
        case .boolean: return "true/false"
        case .nothing: return "nothing"
        }
    }
}
