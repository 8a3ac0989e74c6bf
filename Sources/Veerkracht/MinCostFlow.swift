/// Minimum-cost flow with integer capacities and integer costs, solved exactly.
///
/// Primal–dual method: Dijkstra with node potentials (Johnson's reduced costs, all ≥ 0) finds the
/// cost of the cheapest augmenting path; then a blocking flow (Dinic) is pushed through all
/// edges of reduced cost 0 at once. The number of rounds is the number of distinct shortest-path
/// costs, which is small when costs take few values (as band-based pressure costs do), so
/// thousands of households over thousands of complexes take milliseconds. Costs must be ≥ 0.
public struct MinCostFlow: Sendable {
    public private(set) var nodeCount: Int
    var to: [Int32] = [], capacity: [Int] = [], cost: [Int] = []
    var head: [Int32], next: [Int32] = []

    public init(nodes: Int) {
        nodeCount = nodes
        head = Array(repeating: -1, count: nodes)
    }

    /// Adds an edge and its residual twin; returns the edge's index (for reading its flow).
    @discardableResult
    public mutating func addEdge(_ u: Int, _ v: Int, capacity c: Int, cost w: Int) -> Int {
        precondition(w >= 0 && c >= 0, "costs and capacities are not negative")
        let e = to.count
        to.append(Int32(v)); capacity.append(c); cost.append(w); next.append(head[u]); head[u] = Int32(e)
        to.append(Int32(u)); capacity.append(0); cost.append(-w); next.append(head[v]); head[v] = Int32(e + 1)
        return e
    }

    /// The flow on an edge (what its twin carries back).
    public func flow(_ edge: Int) -> Int { capacity[edge ^ 1] }

    /// Sends up to `limit` units from `s` to `t` at minimum cost; returns the flow and its cost.
    public mutating func solve(from s: Int, to t: Int, limit: Int = .max) -> (flow: Int, cost: Int) {
        let n = nodeCount
        var potential = [Int](repeating: 0, count: n)
        var distance = [Int](repeating: .max, count: n)
        var level = [Int32](repeating: -1, count: n)
        var cursor = [Int32](repeating: -1, count: n)
        var totalFlow = 0, totalCost = 0
        var heap = BinaryHeap()
        var queue = [Int32](repeating: 0, count: n)
        var stack: [Int32] = [], pathEdges: [Int32] = []
        while totalFlow < limit {
            // Dijkstra on reduced costs.
            for i in 0..<n { distance[i] = .max }
            distance[s] = 0
            heap.removeAll()
            heap.push(0, Int32(s))
            while let (d, u32) = heap.pop() {
                let u = Int(u32)
                if d > distance[u] { continue }
                var e = head[u]
                while e >= 0 {
                    let ei = Int(e)
                    if capacity[ei] > 0 {
                        let v = Int(to[ei])
                        let nd = d + cost[ei] + potential[u] - potential[v]
                        if nd < distance[v] { distance[v] = nd; heap.push(nd, Int32(v)) }
                    }
                    e = next[ei]
                }
            }
            guard distance[t] != .max else { break }
            // As in the AtCoder Library: only nodes at most as far as t move, by d(v) − d(t); this
            // keeps every residual reduced cost ≥ 0 for the next Dijkstra.
            let dt = distance[t]
            for i in 0..<n where distance[i] <= dt { potential[i] += distance[i] - dt }
            // Blocking flows on the admissible graph (residual edges of reduced cost 0).
            while totalFlow < limit {
                for i in 0..<n { level[i] = -1 }
                level[s] = 0
                var qh = 0, qt = 0
                queue[qt] = Int32(s); qt += 1
                while qh < qt {
                    let u = Int(queue[qh]); qh += 1
                    var e = head[u]
                    while e >= 0 {
                        let ei = Int(e), v = Int(to[ei])
                        if capacity[ei] > 0, level[v] < 0, cost[ei] + potential[u] - potential[v] == 0 {
                            level[v] = level[u] + 1
                            queue[qt] = Int32(v); qt += 1
                        }
                        e = next[ei]
                    }
                }
                guard level[t] >= 0 else { break }
                for i in 0..<n { cursor[i] = head[i] }
                // Iterative DFS: advance along admissible level edges, retreat on dead ends.
                var pushed = false
                while totalFlow < limit {
                    stack.removeAll(keepingCapacity: true); pathEdges.removeAll(keepingCapacity: true)
                    stack.append(Int32(s))
                    var found = false
                    while let top = stack.last {
                        let u = Int(top)
                        if u == t { found = true; break }
                        var advanced = false
                        while cursor[u] >= 0 {
                            let ei = Int(cursor[u]), v = Int(to[ei])
                            if capacity[ei] > 0, level[v] == level[u] + 1, cost[ei] + potential[u] - potential[v] == 0 {
                                stack.append(Int32(v)); pathEdges.append(Int32(ei)); advanced = true
                                break
                            }
                            cursor[u] = next[ei]
                        }
                        if !advanced {
                            level[u] = -1  // dead end for this phase
                            stack.removeLast()
                            if let last = pathEdges.popLast() { let p = Int(stack.last!); cursor[p] = next[Int(last)] }
                        }
                    }
                    guard found else { break }
                    var amount = limit - totalFlow
                    for e in pathEdges { amount = min(amount, capacity[Int(e)]) }
                    for e in pathEdges { capacity[Int(e)] -= amount; capacity[Int(e) ^ 1] += amount }
                    totalFlow += amount
                    totalCost += amount * (potential[t] - potential[s])
                    pushed = true
                }
                if !pushed { break }
            }
        }
        return (totalFlow, totalCost)
    }
}

/// A binary min-heap of (key, node).
struct BinaryHeap {
    private var keys: [Int] = [], nodes: [Int32] = []

    mutating func removeAll() { keys.removeAll(keepingCapacity: true); nodes.removeAll(keepingCapacity: true) }

    mutating func push(_ key: Int, _ node: Int32) {
        keys.append(key); nodes.append(node)
        var i = keys.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if keys[p] <= keys[i] { break }
            keys.swapAt(p, i); nodes.swapAt(p, i)
            i = p
        }
    }

    mutating func pop() -> (Int, Int32)? {
        guard let firstKey = keys.first else { return nil }
        let first = (firstKey, nodes[0])
        let lastKey = keys.removeLast(), lastNode = nodes.removeLast()
        if !keys.isEmpty {
            keys[0] = lastKey; nodes[0] = lastNode
            var i = 0
            let n = keys.count
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < n, keys[l] < keys[m] { m = l }
                if r < n, keys[r] < keys[m] { m = r }
                if m == i { break }
                keys.swapAt(m, i); nodes.swapAt(m, i)
                i = m
            }
        }
        return first
    }
}
