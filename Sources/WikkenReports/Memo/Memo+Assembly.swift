import WikkenCore

extension Memo {
    /// The board memo of a dossier for one weight set, as the CLI (`wikken rapport`) and the web
    /// app (`/dossiers/:id/notitie`) make it: the MAVT analysis, the methods comparison (not with
    /// the renormalise rule, which the other methods do not have), optionally SMAA-2 with 10,000
    /// samples and seed 1, the date and the dossier's fingerprint (`contentHash`, the SHA-256 of
    /// its JSON, which the caller writes).
    public static func assemble(_ dossier: Dossier, weightSet: Int, missingRule: MissingRule, smaa: Bool, date: String,
                                contentHash: String, language: Language) throws(MavtError) -> Memo {
        let result = try Mavt.analyse(dossier, missingRule: missingRule)
        var methods: MethodComparison? = nil
        var smaaResult: (result: Smaa.Result, settings: Smaa.Settings)? = nil
        let chosen = dossier.weightSets[weightSet]
        if missingRule != .renormalise {
            methods = try MethodComparison.run(dossier, weightSet: chosen, missingRule: missingRule)
            if smaa {
                var single = dossier
                single.weightSets = [chosen]
                let settings = Smaa.Settings(samples: 10_000, seed: 1)
                if let analysed = try? Mavt.analyse(single, missingRule: missingRule), let r = try? Smaa.run(SmaaModel(dossier, analysed), settings: settings) {
                    smaaResult = (r, settings)
                }
            }
        }
        return Memo(.init(dossier: dossier, result: result, weightSet: weightSet, methods: methods, smaa: smaaResult,
                          date: date, contentHash: contentHash, language: language))
    }
}
