import WikkenCore

/// A small dossier computed by hand (see the comments), covering a hierarchy, all three kinds of
/// value function, a score range and two weight sets.
///
/// Criteria: A (a1: cost in euro, lower is better, local scale; a2: quality laag/midden/hoog)
/// and B (support, piecewise linear through (0,0), (10,80), (20,100)).
/// Scores:          a1          a2      b
///   x              30          hoog    7
///   y              20 (15–25)  midden  15
///   z              10          laag    20
/// Values: a1 local scale worst 30 (x) best 10 (z): x 0, y 50 (range 25–75), z 100.
///         a2 evenly spaced: laag 0, midden 50, hoog 100.
///         b: x 7 → 0 + 80·7/10 = 56; y 15 → 80 + 20·5/10 = 90; z 20 → 100.
public enum HandComputed {
    public static let dossier = Dossier(
        id: "hand", title: "Handberekend", question: "Welke?",
        options: [
            Option(id: "x", name: "X", scores: ["a1": .number(30), "a2": .level("hoog"), "b": .number(7)]),
            Option(id: "y", name: "Y", scores: ["a1": Score(value: .number(20), low: .number(15), high: .number(25)), "a2": .level("midden"), "b": .number(15)]),
            Option(id: "z", name: "Z", scores: ["a1": .number(10), "a2": .level("laag"), "b": .number(20)]),
        ],
        criteria: [
            Criterion(id: "a", name: "A", children: [
                Criterion(id: "a1", name: "Kosten", scale: .numeric(NumericScale(unit: "euro", direction: .lowerIsBetter))),
                Criterion(id: "a2", name: "Kwaliteit", scale: .qualitative(QualitativeScale(levels: ["laag", "midden", "hoog"]))),
            ]),
            Criterion(id: "b", name: "B", scale: .numeric(NumericScale(direction: nil, valueFunction: .piecewise([ValuePoint(0, 0), ValuePoint(10, 80), ValuePoint(20, 100)])))),
        ],
        weightSets: [
            // W1: A 3, B 1 → A .75, B .25; a1 = a2 = .5 → global a1 .375, a2 .375, b .25
            WeightSet(id: "w1", name: "W1", weights: ["a": 3, "b": 1, "a1": 1, "a2": 1]),
            // W2: A 1, B 1 → .5 each; a1 1, a2 3 → global a1 .125, a2 .375, b .5
            WeightSet(id: "w2", name: "W2", weights: ["a": 1, "b": 1, "a1": 1, "a2": 3]),
        ]
    )
}

