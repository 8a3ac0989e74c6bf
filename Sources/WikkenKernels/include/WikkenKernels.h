#ifndef WIKKEN_KERNELS_H
#define WIKKEN_KERNELS_H

#include <stdint.h>

/// One SMAA sample after the weights and values are drawn.
///
/// values: column-major n × m (values[j * n + i]); w: m weights; totals: scratch of at least
/// `wk_padded(n)` doubles; rank: scratch of `wk_padded(n)` ints; acceptability: n × n counters,
/// acceptability[i * n + rank(i)] += 1, where rank(i) is the number of options with a strictly
/// higher total (ties share the better rank); beatenT: n × wk_padded(n) counters (row k, column i),
/// beatenT[k * padded + i] += (total k > total i).
/// Returns the lowest index among the options with rank 0.
int wk_smaa_sample(const double *values, const double *w, int n, int m,
                   double *totals, int32_t *beatenT, int64_t *acceptability, int32_t *rank);

/// As wk_smaa_sample without the pairwise counts.
int wk_smaa_sample_ranks(const double *values, const double *w, int n, int m,
                         double *totals, int64_t *acceptability, int32_t *rank);

/// `count` samples whose weights are rows of `weights` (count × m), with fixed values: per sample
/// as wk_smaa_sample (beatenT may be NULL), then wk_smaa_credit_first.
void wk_smaa_block(const double *values, const double *weights, int count, int n, int m,
                   double *totals, int32_t *beatenT, int64_t *acceptability, int32_t *rank,
                   double *central, double *centralSquares, int64_t *firstCount);

/// After a sample: every option with rank 0 (ties for first included) gets the sample counted in
/// firstCount and its weights (and their squares) added to central/centralSquares (n × m).
void wk_smaa_credit_first(const double *w, int n, int m, const int32_t *rank,
                          double *central, double *centralSquares, int64_t *firstCount);

/// PROMETHEE Gaussian preference flows over values sorted ascending: plus[k] = Σ_b P(y_k − y_b),
/// minus[k] = Σ_b P(y_b − y_k), P(d) = 1 − exp(−d² / 2s²) for d > 0. Pairs more than 9 s apart
/// count as 1. exp is a branch-free polynomial (relative error below 1e-15).
void wk_gaussian_flows(const double *y, int n, double s, double *plus, double *minus);

/// The scratch size for n options: n rounded up to a multiple of 16, at least 64.
int wk_padded(int n);

/// Which code path wk_smaa_sample uses on this processor: "avx512", "avx2" or "generic".
const char *wk_kernel_name(void);

/// Uses the named path ("avx512", "avx2" or "generic") if this processor has it; returns 1 when
/// it does, 0 (and keeps the best path) when not. For tests that compare the paths.
int wk_use_kernel(const char *name);

#endif
