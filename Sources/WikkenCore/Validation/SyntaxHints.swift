/// Plain-language hints for the syntax errors people make most, keyed by the parser's own words
/// (libyaml's English messages and our JSON parser's).
enum SyntaxHints {
    static func hint(for detail: String, language: Language) -> String? {
        let nl = language == .nl
        let table: [(String, String, String)] = [
            ("did not find expected '-' indicator",
             "een regel staat verkeerd ingesprongen; elk item van een lijst begint met '- ' op dezelfde hoogte",
             "a line is indented wrongly; every list item starts with '- ' at the same indentation"),
            ("did not find expected key",
             "een regel staat verkeerd ingesprongen, of er ontbreekt een ':' na een veldnaam",
             "a line is indented wrongly, or a ':' is missing after a field name"),
            ("mapping values are not allowed",
             "er staat een ':' waar dat niet kan; zet tekst met een dubbele punt tussen aanhalingstekens",
             "there is a ':' where it cannot be; put text containing a colon in quotes"),
            ("found character that cannot start any token",
             "er staat een teken dat hier niet kan, vaak een tab; spring in met spaties",
             "there is a character that cannot stand here, often a tab; indent with spaces"),
            ("block sequence entries are not allowed",
             "een '-' direct na een ':' op dezelfde regel; zet tekens als '-' tussen aanhalingstekens (\"-\")",
             "a '-' right after a ':' on the same line; put signs like '-' in quotes (\"-\")"),
            ("did not find expected ',' or",
             "een lijst [ ] of groep { } is niet goed afgesloten, of er mist een komma",
             "a list [ ] or group { } is not closed properly, or a comma is missing"),
            ("expected ',' or",
             "er mist een komma, of een haakje staat verkeerd",
             "a comma is missing, or a bracket is misplaced"),
            ("expected a field name in double quotes",
             "in JSON staat een veldnaam tussen dubbele aanhalingstekens, en na het laatste veld komt geen komma",
             "in JSON a field name stands in double quotes, and no comma follows the last field"),
            ("levels deep", "lijsten en groepen zijn te diep in elkaar genest; een dossier heeft er hoogstens 64 lagen",
             "lists and groups are nested too deeply; a dossier has at most 64 levels"),
            ("Maximum nesting level reached", "lijsten en groepen zijn te diep in elkaar genest; een dossier heeft er hoogstens 64 lagen",
             "lists and groups are nested too deeply; a dossier has at most 64 levels"),
            ("are aliases repeating each other", "het bestand wordt met zijn verwijzingen (&anker en *anker) te groot: meer dan 500.000 waarden",
             "with its references (&anchor and *anchor) the file grows too large: more than 500,000 values"),
        ]
        return table.first { detail.contains($0.0) }.map { nl ? $0.1 : $0.2 }
    }
}
