// Hot loops of SMAA-2, with a vector version chosen at run time for the processor at hand.
// Every version computes exactly the same integers: comparisons of the same doubles.
#include "WikkenKernels.h"

// No fused multiply-add: totals must round exactly as the plain Swift loop `t += w * v` does.
#pragma STDC FP_CONTRACT OFF
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define WK_X86 1
#endif

int wk_padded(int n) { int p = (n + 15) & ~15; return p < 64 ? 64 : p; }

static void totals_generic(const double *values, const double *w, int n, int m, double *t) {
    for (int i = 0; i < n; i++) t[i] = 0;
    for (int j = 0; j < m; j++) {
        const double wj = w[j];
        const double *col = values + (long)j * n;
        for (int i = 0; i < n; i++) t[i] += wj * col[i];
    }
}

static int ranks_generic(const double *t, int n, int32_t *beatenT, int64_t *acc, int32_t *rank) {
    const int padded = wk_padded(n);
    for (int i = 0; i < n; i++) rank[i] = 0;
    for (int k = 0; k < n; k++) {
        const double tk = t[k];
        int32_t *row = beatenT ? beatenT + (long)k * padded : 0;
        for (int i = 0; i < n; i++) {
            int32_t b = t[i] < tk;
            rank[i] += b;
            if (row) row[i] += b;
        }
    }
    int first = -1;
    for (int i = 0; i < n; i++) {
        acc[(long)i * n + rank[i]] += 1;
        if (rank[i] == 0 && first < 0) first = i;
    }
    return first;
}

#ifdef WK_X86
// For every option k at once against all i: rank[i] += (t[k] > t[i]) and, when counting pairs,
// beatenT[k * padded + i] += the same. Independent vector adds, no reduction chains.
__attribute__((target("avx512f")))
static int ranks_avx512(const double *t, int n, int32_t *beatenT, int64_t *acc, int32_t *rank) {
    const int padded = wk_padded(n);
    const __m512i ones = _mm512_set1_epi32(1);
    if (padded == 64) {
        // Up to 64 options: the totals and the four rank vectors stay in registers.
        __m512d t0 = _mm512_loadu_pd(t), t1 = _mm512_loadu_pd(t + 8), t2 = _mm512_loadu_pd(t + 16), t3 = _mm512_loadu_pd(t + 24);
        __m512d t4 = _mm512_loadu_pd(t + 32), t5 = _mm512_loadu_pd(t + 40), t6 = _mm512_loadu_pd(t + 48), t7 = _mm512_loadu_pd(t + 56);
        __m512i r0 = _mm512_setzero_si512(), r1 = r0, r2 = r0, r3 = r0;
        for (int k = 0; k < n; k++) {
            const __m512d tk = _mm512_set1_pd(t[k]);
            // t[i] < t[k]; padding lanes hold +inf and never count.
            __mmask16 m0 = (__mmask16)(_mm512_cmp_pd_mask(t0, tk, _CMP_LT_OQ) | ((unsigned)_mm512_cmp_pd_mask(t1, tk, _CMP_LT_OQ) << 8));
            __mmask16 m1 = (__mmask16)(_mm512_cmp_pd_mask(t2, tk, _CMP_LT_OQ) | ((unsigned)_mm512_cmp_pd_mask(t3, tk, _CMP_LT_OQ) << 8));
            __mmask16 m2 = (__mmask16)(_mm512_cmp_pd_mask(t4, tk, _CMP_LT_OQ) | ((unsigned)_mm512_cmp_pd_mask(t5, tk, _CMP_LT_OQ) << 8));
            __mmask16 m3 = (__mmask16)(_mm512_cmp_pd_mask(t6, tk, _CMP_LT_OQ) | ((unsigned)_mm512_cmp_pd_mask(t7, tk, _CMP_LT_OQ) << 8));
            r0 = _mm512_mask_add_epi32(r0, m0, r0, ones);
            r1 = _mm512_mask_add_epi32(r1, m1, r1, ones);
            r2 = _mm512_mask_add_epi32(r2, m2, r2, ones);
            r3 = _mm512_mask_add_epi32(r3, m3, r3, ones);
            if (beatenT) {
                int32_t *row = beatenT + (long)k * padded;
                __m512i c;
                // padded is 64 here (wk_padded never returns less).
                c = _mm512_loadu_si512(row);      _mm512_storeu_si512(row, _mm512_mask_add_epi32(c, m0, c, ones));
                c = _mm512_loadu_si512(row + 16); _mm512_storeu_si512(row + 16, _mm512_mask_add_epi32(c, m1, c, ones));
                c = _mm512_loadu_si512(row + 32); _mm512_storeu_si512(row + 32, _mm512_mask_add_epi32(c, m2, c, ones));
                c = _mm512_loadu_si512(row + 48); _mm512_storeu_si512(row + 48, _mm512_mask_add_epi32(c, m3, c, ones));
            }
        }
        _mm512_storeu_si512(rank, r0);
        _mm512_storeu_si512(rank + 16, r1);
        _mm512_storeu_si512(rank + 32, r2);
        _mm512_storeu_si512(rank + 48, r3);
    } else {
        for (int i = 0; i < padded; i += 16) _mm512_storeu_si512(rank + i, _mm512_setzero_si512());
        for (int k = 0; k < n; k++) {
            const __m512d tk = _mm512_set1_pd(t[k]);
            int32_t *row = beatenT ? beatenT + (long)k * padded : 0;
            for (int i = 0; i < padded; i += 16) {
                __mmask8 a = _mm512_cmp_pd_mask(_mm512_loadu_pd(t + i), tk, _CMP_LT_OQ);
                __mmask8 b = _mm512_cmp_pd_mask(_mm512_loadu_pd(t + i + 8), tk, _CMP_LT_OQ);
                __mmask16 mask = (__mmask16)(a | ((unsigned)b << 8));
                __m512i r = _mm512_loadu_si512(rank + i);
                _mm512_storeu_si512(rank + i, _mm512_mask_add_epi32(r, mask, r, ones));
                if (row) {
                    __m512i c = _mm512_loadu_si512(row + i);
                    _mm512_storeu_si512(row + i, _mm512_mask_add_epi32(c, mask, c, ones));
                }
            }
        }
    }
    int first = -1;
    for (int i = 0; i < n; i++) {
        acc[(long)i * n + rank[i]] += 1;
        if (rank[i] == 0 && first < 0) first = i;
    }
    return first;
}

__attribute__((target("avx512f")))
static void totals_avx512(const double *values, const double *w, int n, int m, double *t) {
    const int padded = wk_padded(n);
    for (int i = 0; i < padded; i += 8) _mm512_storeu_pd(t + i, _mm512_setzero_pd());
    for (int j = 0; j < m; j++) {
        const __m512d wj = _mm512_set1_pd(w[j]);
        const double *col = values + (long)j * n;
        int i = 0;
        for (; i + 8 <= n; i += 8) _mm512_storeu_pd(t + i, _mm512_add_pd(_mm512_loadu_pd(t + i), _mm512_mul_pd(wj, _mm512_loadu_pd(col + i))));
        for (; i < n; i++) t[i] += w[j] * col[i];
    }
}

__attribute__((target("avx2")))
static void totals_avx2(const double *values, const double *w, int n, int m, double *t) {
    for (int i = 0; i < n; i++) t[i] = 0;
    for (int j = 0; j < m; j++) {
        const __m256d wj = _mm256_set1_pd(w[j]);
        const double *col = values + (long)j * n;
        int i = 0;
        for (; i + 4 <= n; i += 4) _mm256_storeu_pd(t + i, _mm256_add_pd(_mm256_loadu_pd(t + i), _mm256_mul_pd(wj, _mm256_loadu_pd(col + i))));
        for (; i < n; i++) t[i] += w[j] * col[i];
    }
}
#endif

enum { WK_UNKNOWN, WK_GENERIC, WK_AVX2, WK_AVX512 };
static int wk_level = WK_UNKNOWN;

static int level(void) {
    if (wk_level == WK_UNKNOWN) {
        int l = WK_GENERIC;
#ifdef WK_X86
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx512f")) l = WK_AVX512;
        else if (__builtin_cpu_supports("avx2")) l = WK_AVX2;
#endif
        wk_level = l;
    }
    return wk_level;
}

int wk_use_kernel(const char *name) {
    int wanted = WK_GENERIC;
    if (name[0] == 'a' && name[3] == '5') wanted = WK_AVX512;      /* "avx512" */
    else if (name[0] == 'a' && name[3] == '2') wanted = WK_AVX2;   /* "avx2" */
    wk_level = WK_UNKNOWN;
    int best = level();
    if (wanted > best) return 0;
    wk_level = wanted;
    return 1;
}

const char *wk_kernel_name(void) {
    switch (level()) {
    case WK_AVX512: return "avx512";
    case WK_AVX2: return "avx2";
    default: return "generic";
    }
}

int wk_smaa_sample(const double *values, const double *w, int n, int m,
                   double *totals, int32_t *beatenT, int64_t *acceptability, int32_t *rank) {
    const int padded = wk_padded(n);
    switch (level()) {
#ifdef WK_X86
    case WK_AVX512:
        totals_avx512(values, w, n, m, totals);
        for (int i = n; i < padded; i++) totals[i] = __builtin_inf();
        return ranks_avx512(totals, n, beatenT, acceptability, rank);
    case WK_AVX2:
        totals_avx2(values, w, n, m, totals);
        return ranks_generic(totals, n, beatenT, acceptability, rank);
#endif
    default:
        totals_generic(values, w, n, m, totals);
        return ranks_generic(totals, n, beatenT, acceptability, rank);
    }
}

int wk_smaa_sample_ranks(const double *values, const double *w, int n, int m,
                         double *totals, int64_t *acceptability, int32_t *rank) {
    return wk_smaa_sample(values, w, n, m, totals, 0, acceptability, rank);
}

// MARK: - PROMETHEE Gaussian flows

// e^x for -708 < x <= 0: Cody-Waite reduction x = k ln 2 + r, |r| <= ln 2 / 2, and the Taylor
// series of e^r to degree 13 (truncation below 1e-17 relative); branch-free so loops vectorise.
static inline double wk_exp(double x) {
    const double kf = __builtin_floor(x * 1.4426950408889634 + 0.5);
    const double r = (x - kf * 0.693147180369123816490) - kf * 1.90821492927058770002e-10;
    double p = 1.0 / 6227020800.0;
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    union { double d; int64_t i; } scale;
    scale.i = ((int64_t)kf + 1023) << 52;
    return p * scale.d;
}

// The pair loop over sorted values y: for each k, the options b below it within 9 s.
#define WK_GAUSSIAN_BODY                                                                   \
    const double cutoff = 9 * s, c = -0.5 / (s * s);                                       \
    for (int k = 0; k < n; k++) { plus[k] = 0; minus[k] = 0; }                             \
    int far = 0;                                                                            \
    for (int k = 0; k < n; k++) {                                                           \
        const double x = y[k];                                                              \
        while (far < k && x - y[far] > cutoff) far++;                                       \
        double lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};                                         \
        int b = far;                                                                        \
        for (; b + 8 <= k; b += 8) {                                                        \
            for (int l = 0; l < 8; l++) {                                                   \
                const double d = x - y[b + l];                                              \
                const double pref = d > 0 ? 1.0 - wk_exp(c * d * d) : 0.0;                  \
                lanes[l] += pref;                                                           \
                minus[b + l] += pref;                                                       \
            }                                                                               \
        }                                                                                   \
        double sum = (double)far;                                                           \
        for (; b < k; b++) {                                                                \
            const double d = x - y[b];                                                      \
            const double pref = d > 0 ? 1.0 - wk_exp(c * d * d) : 0.0;                      \
            sum += pref;                                                                    \
            minus[b] += pref;                                                               \
        }                                                                                   \
        plus[k] += sum + ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7])); \
    }                                                                                       \
    int hi = 0;                                                                             \
    for (int b = 0; b < n; b++) {                                                           \
        while (hi < n && y[hi] - y[b] <= cutoff) hi++;                                      \
        minus[b] += (double)(n - hi);                                                       \
    }

static void gaussian_generic(const double *restrict y, int n, double s, double *restrict plus, double *restrict minus) { WK_GAUSSIAN_BODY }

#ifdef WK_X86
__attribute__((target("avx512f")))
static void gaussian_avx512(const double *restrict y, int n, double s, double *restrict plus, double *restrict minus) { WK_GAUSSIAN_BODY }

__attribute__((target("avx2")))
static void gaussian_avx2(const double *restrict y, int n, double s, double *restrict plus, double *restrict minus) { WK_GAUSSIAN_BODY }
#endif

void wk_gaussian_flows(const double *y, int n, double s, double *plus, double *minus) {
    switch (level()) {
#ifdef WK_X86
    case WK_AVX512: gaussian_avx512(y, n, s, plus, minus); return;
    case WK_AVX2: gaussian_avx2(y, n, s, plus, minus); return;
#endif
    default: gaussian_generic(y, n, s, plus, minus); return;
    }
}

// MARK: - SMAA blocks

// Every option with rank 0 (no option has a strictly higher total) counts the sample for its
// central weights: a tie for first credits each tied option, as rank acceptability does.
void wk_smaa_credit_first(const double *w, int n, int m, const int32_t *rank,
                          double *central, double *centralSquares, int64_t *firstCount) {
    for (int i = 0; i < n; i++) {
        if (rank[i] != 0) continue;
        firstCount[i] += 1;
        double *c = central + (long)i * m, *c2 = centralSquares + (long)i * m;
        for (int j = 0; j < m; j++) {
            c[j] += w[j];
            c2[j] += w[j] * w[j];
        }
    }
}

void wk_smaa_block(const double *values, const double *weights, int count, int n, int m,
                   double *totals, int32_t *beatenT, int64_t *acceptability, int32_t *rank,
                   double *central, double *centralSquares, int64_t *firstCount) {
    for (int s = 0; s < count; s++) {
        const double *w = weights + (long)s * m;
        (void)wk_smaa_sample(values, w, n, m, totals, beatenT, acceptability, rank);
        wk_smaa_credit_first(w, n, m, rank, central, centralSquares, firstCount);
    }
}
