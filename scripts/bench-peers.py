#!/usr/bin/env python3
"""The Python peers on the sizes of wikken-bench, for the ratios in docs/methods.md.

Times pymcdm's TOPSIS (vector normalisation) and PROMETHEE II (linear, 'vshape_2') on 5000 × 20,
and pysensmcda's SMAA-2 on the weighted sum with 100,000 samples × 50 options × 10 criteria
(uniform weights, fixed values), each on random data of the same shape as the bench's. Prints the
median of a few rounds (one round for the slow ones). Not part of the tests: the peers are not
installed in CI. Install them with `pip install pymcdm pysensmcda`, then run

    python3 scripts/bench-peers.py [topsis|promethee|smaa|alles]

beside `swift run -c release wikken-bench alles`. PROMETHEE in pymcdm builds an n × n × m
difference table (5000 × 5000 × 20 doubles: 4 GB); where memory does not allow it the script
says so and times 1000 × 20 instead, which a reader can scale by n².
"""
import statistics
import sys
import time

import numpy as np

which = sys.argv[1] if len(sys.argv) > 1 else "alles"
rng = np.random.default_rng(1)


def timed(rounds, body):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def matrix(n, m):
    values = rng.uniform(0, 100, size=(n, m))
    weights = rng.uniform(0.1, 1, size=m)
    types = np.array([-1 if j % 3 == 0 else 1 for j in range(m)])
    return values, weights / weights.sum(), types


if which in ("topsis", "alles"):
    from pymcdm.methods import TOPSIS
    from pymcdm.normalizations import vector_normalization
    values, weights, types = matrix(5000, 20)
    topsis = TOPSIS(normalization_function=vector_normalization)
    topsis(values, weights, types)
    print(f"pymcdm TOPSIS 5000 × 20: {timed(20, lambda: topsis(values, weights, types)):.1f} ms (mediaan van 20)")

if which in ("promethee", "alles"):
    from pymcdm.methods import PROMETHEE_II
    values, weights, types = matrix(5000, 20)
    promethee = PROMETHEE_II("vshape_2", p=[20.0] * 20, q=[5.0] * 20)
    try:
        print(f"pymcdm PROMETHEE II 5000 × 20 (lineair, q 5, p 20): {timed(1, lambda: promethee(values, weights, types)):.0f} ms (één ronde)")
    except MemoryError:
        small, w, t = matrix(1000, 20)
        ms = timed(1, lambda: promethee(small, w, t))
        print(f"pymcdm PROMETHEE II 5000 × 20: te weinig geheugen; 1000 × 20: {ms:.0f} ms (× 25 voor 5000: ~{ms * 25:.0f} ms)")

if which in ("smaa", "alles"):
    from pymcdm.methods import WSM
    from pymcdm.normalizations import minmax_normalization
    from pysensmcda.smaa import smaa2
    values = rng.uniform(0, 100, size=(50, 10))
    types = np.ones(10)
    wsm = WSM(normalization_function=minmax_normalization)
    ms = timed(1, lambda: smaa2(wsm, values, types, num_samples=100_000, seed=1))
    print(f"pysensmcda SMAA-2 (WSM) 100.000 × 50 × 10: {ms:.0f} ms (één ronde)")
