import Testing
@testable import Veerkracht
import WikkenCore

/// Issue 12's reproducers for the veerkracht readers: inputs that trapped before and are refused now.
@Suite("Veerkracht input that once stopped the server")
struct HostileInputTests {
    @Test("an area code whose first byte sorts below '0' is no code (it trapped in the key arithmetic)",
          arguments: ["!M0344", " BU03440322", "\u{0}U03440322", "-K034403", "/M0344", "", "B", "BU", "G", "\u{7F}M0344", "é03440322"])
    func areaCodes(text: String) {
        #expect(AreaCode(text) == nil)
    }

    @Test("every single byte before a valid tail is either refused or read as the code it spells")
    func everyFirstByte() {
        for b in UInt8(0)...UInt8(255) {
            let text = String(decoding: [b] + Array("U03440322".utf8), as: UTF8.self)
            if let code = AreaCode(text) { #expect(code.text == "BU03440322") }
        }
    }

    @Test("an area twice in one file is refused with both lines (it was counted twice), in CBS and Leefbaarometer files")
    func repeatedAreas() {
        let header = ["gwb_code_10", "regio", "a_inw"]
        let rows: Sources.Rows = [(2, ["BU03440322", "Een", "100"]), (3, ["BU03440323", "Twee", "100"]), (4, ["BU03440322", "Een", "100"])]
        guard case .failure(let problems) = Sources.kwb(header: header, rows: rows, year: 2023, file: "kwb2023.csv") else { Issue.record("accepted"); return }
        #expect(problems.list.map(\.line) == [4] && problems.list[0].message == "BU03440322 staat al op regel 2; elk gebied hoort één keer in het bestand")
        guard case .failure(let lbm) = Sources.leefbaarometer(header: ["bu_code", "lbm", "onv"], rows: [(2, ["BU03440322", "4", "0,1"]), (5, ["BU03440322", "4", "0,2"])], file: "lbm.csv") else {
            Issue.record("accepted"); return
        }
        #expect(lbm.list.map(\.line) == [5])
    }

    @Test("counts are bounded where they enter: the complexes file, and the shared count parser")
    func counts() {
        #expect(AllocationProblem.count("1000000") == 1_000_000)
        #expect(AllocationProblem.count(" 40 ") == 40)
        for text in ["1000001", "9223372036854775807", "-1", "4e3", "", "veel"] { #expect(AllocationProblem.count(text) == nil, "\(text)") }
        let header = ["complex_id", "naam", "buurt", "woningen", "vrijkomend", "maximum", "kwetsbaarheid_pct"]
        let rows: Sources.Rows = [(2, ["k1", "Eén", "BU03440322", "9223372036854775807", "10", "", ""]),
                          (3, ["k2", "Twee", "BU03440322", "100", "10", "9223372036854775807", "250"])]
        guard case .failure(let problems) = Sources.complexes(header: header, rows: rows, file: "complexen.csv") else {
            Issue.record("accepted"); return
        }
        #expect(problems.list.map(\.line) == [2, 3, 3])
        #expect(problems.list[0].message.contains("0 tot en met 1.000.000"))
    }

    @Test("the largest counts allowed add up and plan without overflow")
    func largest() {
        let bu = AreaCode("BU03440322")!
        let complexes = (0..<3).map { AllocationProblem.Complex(id: "k\($0)", name: "K\($0)", buurt: bu, dwellings: AllocationProblem.maxCount, vacancies: AllocationProblem.maxCount, cap: AllocationProblem.maxCount) }
        let groups = (0..<20).map { AllocationProblem.Group(id: "g\($0)", name: "G\($0)", households: AllocationProblem.maxCount) }
        let plan = Allocation.plan(AllocationProblem(groups: groups, complexes: complexes, bands: [bu: .kwetsbaar]))
        #expect(plan.placed.values.reduce(0, +) + plan.totalUnplaced == 20 * AllocationProblem.maxCount)
    }
}
