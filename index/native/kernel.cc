// hqdb's exact-scan kernel: top-k of a group of queries over a list of rows of a
// contiguous float32 matrix, each query optionally restricted by its own bitmap.
// Every entry point (one query over labels or a bitmap, a block of queries, a
// group with masks) runs the same machinery, so every native exact scan of a
// (query, row) pair gives the same float, bit for bit:
//
//   * rows are packed 16 at a time into a panel, transposed dimension-major, that
//     stays in L1/L2 while every query needing one of its rows passes over it;
//   * a register-tiled micro-kernel scores MR queries x 16*NP rows with the
//     dimension as the inner loop (broadcast a query value, FMA it against the
//     packed row vectors), as an sgemm micro-kernel does;
//   * each score is ONE sequential sum over d = 0..dim-1 (dot: acc = fma(q, x, acc);
//     L2: t = x - q, acc = fma(t, t, acc); L1: acc = acc + |x - q|), so it does not
//     depend on the tile shape, on the other queries or rows of the call, nor on the
//     path: AVX-512F, AVX2+FMA, or portable C++ (scalar std::fma in the same order);
//   * top-k is fused: a tile's scores are compared with SIMD against each query's
//     running threshold and only survivors reach the heap.
//
// Paths are chosen per call (the last argument, from index/kernel.ts); each SIMD
// function carries its own target attribute so the binary runs on any x86-64.
// Distances are "smaller is better": 0 = negated dot product, 1 = squared L2, 2 = L1.

#include <napi.h>
#include <immintrin.h>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace {

enum Metric { DOT = 0, L2 = 1, L1 = 2 };
enum Path { PORTABLE = 0, AVX2 = 1, AVX512 = 2 };

// Rows per panel: one AVX-512 vector, two AVX2 vectors.
constexpr int PANEL = 16;
// Panels packed at once: a single query scores all four in one micro-kernel call
// (four independent FMA chains per d hide the FMA latency).
constexpr int BLOCK_PANELS = 4;

bool has_avx2() {
  static const bool v = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2");
  return v;
}

bool has_avx512() {
  static const bool v = has_avx2() && __builtin_cpu_supports("avx512f");
  return v;
}

Path best_path() { return has_avx512() ? AVX512 : has_avx2() ? AVX2 : PORTABLE; }

// ---- top-k ----------------------------------------------------------------

// Max-heap on (distance, label): a candidate enters when it is lexicographically
// smaller than the worst kept, so the result does not depend on visiting order.
struct TopK {
  size_t k;
  std::vector<std::pair<float, int32_t>> heap;
  TopK(size_t k_, size_t expect) : k(k_) { heap.reserve(std::min(k_, expect) + 1); }
  bool full() const { return heap.size() >= k; }
  // What a score must not exceed to be worth a push; NaN (every compare passes) until full.
  float threshold() const { return full() ? heap.front().first : NAN; }
  void push(float d, int32_t label) {
    if (heap.size() < k) {
      heap.emplace_back(d, label);
      std::push_heap(heap.begin(), heap.end());
    } else if (d < heap.front().first || (d == heap.front().first && label < heap.front().second)) {
      std::pop_heap(heap.begin(), heap.end());
      heap.back() = {d, label};
      std::push_heap(heap.begin(), heap.end());
    }
  }
  void sorted(std::vector<std::pair<float, int32_t>>& out) const {
    out = heap;
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.first < b.first || (a.first == b.first && a.second < b.second); });
  }
};

// ---- the problem ----------------------------------------------------------------

struct Group {
  const float* data;
  size_t nrows;  // rows in data
  size_t dim;
  const float* queries;  // nq x dim, row-major
  size_t nq;
  const int32_t* rows;  // candidate labels
  size_t count;
  const uint32_t* masks;  // null when no query has a mask
  size_t nmask;           // words in masks
  const int32_t* mask_of;  // nq word offsets into masks, -1 = no mask; null = none
  size_t mask_words;
  int metric;
  size_t k;
};

// A run of a panel's rows whose labels ascend inside one 64-bit window of a bitmap:
// the rows' bits in a mask are pext(window, bits), in row order.
struct Segment {
  uint32_t word;   // first of the window's two words
  uint32_t first;  // first row of the run in the panel
  uint64_t bits;   // the run's labels, relative to word * 32
};

struct PanelRows {
  int32_t label[PANEL];
  int n = 0;
  Segment seg[PANEL];
  int nseg = 0;

  void segment() {
    nseg = 0;
    for (int r = 0; r < n; r++) {
      uint32_t l = static_cast<uint32_t>(label[r]);
      Segment* s = nseg ? &seg[nseg - 1] : nullptr;
      if (s && l > static_cast<uint32_t>(label[r - 1]) && l - s->word * 32 < 64) {
        s->bits |= uint64_t(1) << (l - s->word * 32);
      } else {
        seg[nseg++] = {l >> 5, static_cast<uint32_t>(r), uint64_t(1) << (l & 31)};
      }
    }
  }
};

// The two words of a query's bitmap at `word`, zero beyond its end.
inline uint64_t window(const uint32_t* m, size_t words, uint32_t word) {
  if (word >= words) return 0;
  uint64_t lo = m[word];
  return word + 1 < words ? lo | (uint64_t(m[word + 1]) << 32) : lo;
}

inline uint64_t extract_bits(uint64_t w, uint64_t bits) {
  uint64_t out = 0;
  for (int i = 0; bits; i++, bits &= bits - 1) out |= ((w >> __builtin_ctzll(bits)) & 1) << i;
  return out;
}

__attribute__((target("bmi2"))) inline uint64_t extract_pext(uint64_t w, uint64_t bits) { return _pext_u64(w, bits); }

// allow[j] = which of the panel's rows query j may score.
template <bool PEXT>
void panel_masks(const Group& g, const PanelRows& pr, const size_t* qwords, uint16_t* allow) {
  const uint16_t all = static_cast<uint16_t>((1u << pr.n) - 1);
  for (size_t j = 0; j < g.nq; j++) {
    int32_t m = g.mask_of ? g.mask_of[j] : -1;
    if (m < 0) { allow[j] = all; continue; }
    const uint32_t* words = g.masks + m;
    uint32_t bits = 0;
    for (int s = 0; s < pr.nseg; s++) {
      const Segment& sg = pr.seg[s];
      uint64_t w = window(words, qwords[j], sg.word);
      if (w) bits |= static_cast<uint32_t>(PEXT ? extract_pext(w, sg.bits) : extract_bits(w, sg.bits)) << sg.first;
    }
    allow[j] = static_cast<uint16_t>(bits);
  }
}

__attribute__((target("bmi2"))) void panel_masks_bmi2(const Group& g, const PanelRows& pr, const size_t* qwords, uint16_t* allow) {
  panel_masks<true>(g, pr, qwords, allow);
}

// ---- packing: 16 rows -> dim x 16, dimension-major --------------------------------

// The next panel's rows are fetched (into L2, as for single queries below) while
// this one is packed, a line of each row per 16 floats packed, so the fetches keep
// pace with the packing: the hardware prefetchers do not follow sixteen
// interleaved rows, and fetching a whole panel at once overflows the miss buffers.
inline void prefetch_line(const float* const* next, size_t at) {
  for (int r = 0; r < PANEL; r++) __builtin_prefetch(next[r] + at, 0, 2);
}

void pack_portable(const float* const* src, const float* const* next, size_t dim, float* dst) {
  for (size_t d = 0; d < dim; d++) {
    if (d % 16 == 0) prefetch_line(next, d);
    for (int r = 0; r < PANEL; r++) dst[d * PANEL + r] = src[r][d];
  }
  prefetch_line(next, dim - 1);
}

__attribute__((target("avx2,fma"))) void pack_avx2(const float* const* src, const float* const* next, size_t dim, float* dst) {
  size_t d0 = 0;
  for (; d0 + 8 <= dim; d0 += 8) {
    if (d0 % 16 == 0) prefetch_line(next, d0);
    for (int h = 0; h < 2; h++) {
      const float* const* s = src + h * 8;
      __m256 r0 = _mm256_loadu_ps(s[0] + d0), r1 = _mm256_loadu_ps(s[1] + d0), r2 = _mm256_loadu_ps(s[2] + d0), r3 = _mm256_loadu_ps(s[3] + d0);
      __m256 r4 = _mm256_loadu_ps(s[4] + d0), r5 = _mm256_loadu_ps(s[5] + d0), r6 = _mm256_loadu_ps(s[6] + d0), r7 = _mm256_loadu_ps(s[7] + d0);
      __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1), t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
      __m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5), t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
      __m256 s0 = _mm256_shuffle_ps(t0, t2, 0x44), s1 = _mm256_shuffle_ps(t0, t2, 0xEE), s2 = _mm256_shuffle_ps(t1, t3, 0x44), s3 = _mm256_shuffle_ps(t1, t3, 0xEE);
      __m256 s4 = _mm256_shuffle_ps(t4, t6, 0x44), s5 = _mm256_shuffle_ps(t4, t6, 0xEE), s6 = _mm256_shuffle_ps(t5, t7, 0x44), s7 = _mm256_shuffle_ps(t5, t7, 0xEE);
      float* o = dst + d0 * PANEL + h * 8;
      _mm256_store_ps(o + 0 * PANEL, _mm256_permute2f128_ps(s0, s4, 0x20));
      _mm256_store_ps(o + 1 * PANEL, _mm256_permute2f128_ps(s1, s5, 0x20));
      _mm256_store_ps(o + 2 * PANEL, _mm256_permute2f128_ps(s2, s6, 0x20));
      _mm256_store_ps(o + 3 * PANEL, _mm256_permute2f128_ps(s3, s7, 0x20));
      _mm256_store_ps(o + 4 * PANEL, _mm256_permute2f128_ps(s0, s4, 0x31));
      _mm256_store_ps(o + 5 * PANEL, _mm256_permute2f128_ps(s1, s5, 0x31));
      _mm256_store_ps(o + 6 * PANEL, _mm256_permute2f128_ps(s2, s6, 0x31));
      _mm256_store_ps(o + 7 * PANEL, _mm256_permute2f128_ps(s3, s7, 0x31));
    }
  }
  for (; d0 < dim; d0++)
    for (int r = 0; r < PANEL; r++) dst[d0 * PANEL + r] = src[r][d0];
  prefetch_line(next, dim - 1);
}

// ---- micro-kernels ------------------------------------------------------------------

// Scores MR queries against NP panels: out[(i * NP + p) * 16 + r] is query q[i]'s
// distance to row r of panel pan[p]; surv[i * NP + p] has the bits of the rows
// allowed by allow[i * NP + p] whose distance does not exceed thr[i].
using KernelFn = void (*)(const float* const* q, const float* const* pan, size_t dim, const float* thr, const uint16_t* allow, float* out, uint16_t* surv);

template <int MR, int NP, int M>
__attribute__((target("avx512f,avx2,fma"))) void kernel_avx512(const float* const* q, const float* const* pan, size_t dim, const float* thr, const uint16_t* allow, float* out, uint16_t* surv) {
  __m512 acc[MR][NP];
  #pragma GCC unroll 16
  for (int i = 0; i < MR; i++)
    #pragma GCC unroll 16
    for (int p = 0; p < NP; p++) acc[i][p] = _mm512_setzero_ps();
  for (size_t d = 0; d < dim; d++) {
    __m512 x[NP];
    #pragma GCC unroll 16
    for (int p = 0; p < NP; p++) x[p] = _mm512_load_ps(pan[p] + d * PANEL);
    #pragma GCC unroll 16
    for (int i = 0; i < MR; i++) {
      __m512 b = _mm512_set1_ps(q[i][d]);
      #pragma GCC unroll 16
      for (int p = 0; p < NP; p++) {
        if (M == DOT) {
          acc[i][p] = _mm512_fmadd_ps(b, x[p], acc[i][p]);
        } else if (M == L2) {
          __m512 t = _mm512_sub_ps(x[p], b);
          acc[i][p] = _mm512_fmadd_ps(t, t, acc[i][p]);
        } else {
          acc[i][p] = _mm512_add_ps(acc[i][p], _mm512_abs_ps(_mm512_sub_ps(x[p], b)));
        }
      }
    }
  }
  #pragma GCC unroll 16
  for (int i = 0; i < MR; i++) {
    __m512 t = _mm512_set1_ps(thr[i]);
    #pragma GCC unroll 16
    for (int p = 0; p < NP; p++) {
      __m512 v = M == DOT ? _mm512_castsi512_ps(_mm512_xor_si512(_mm512_castps_si512(acc[i][p]), _mm512_set1_epi32(INT32_MIN))) : acc[i][p];
      _mm512_storeu_ps(out + (i * NP + p) * PANEL, v);
      surv[i * NP + p] = _mm512_mask_cmp_ps_mask(allow[i * NP + p], v, t, _CMP_NGT_UQ);
    }
  }
}

template <int MR, int NP, int M>
__attribute__((target("avx2,fma"))) void kernel_avx2(const float* const* q, const float* const* pan, size_t dim, const float* thr, const uint16_t* allow, float* out, uint16_t* surv) {
  constexpr int NV = 2 * NP;
  __m256 acc[MR][NV];
  #pragma GCC unroll 16
  for (int i = 0; i < MR; i++)
    #pragma GCC unroll 16
    for (int v = 0; v < NV; v++) acc[i][v] = _mm256_setzero_ps();
  const __m256 abs_mask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
  for (size_t d = 0; d < dim; d++) {
    __m256 x[NV];
    #pragma GCC unroll 16
    for (int v = 0; v < NV; v++) x[v] = _mm256_load_ps(pan[v / 2] + d * PANEL + (v % 2) * 8);
    #pragma GCC unroll 16
    for (int i = 0; i < MR; i++) {
      __m256 b = _mm256_broadcast_ss(q[i] + d);
      #pragma GCC unroll 16
      for (int v = 0; v < NV; v++) {
        if (M == DOT) {
          acc[i][v] = _mm256_fmadd_ps(b, x[v], acc[i][v]);
        } else if (M == L2) {
          __m256 t = _mm256_sub_ps(x[v], b);
          acc[i][v] = _mm256_fmadd_ps(t, t, acc[i][v]);
        } else {
          acc[i][v] = _mm256_add_ps(acc[i][v], _mm256_and_ps(abs_mask, _mm256_sub_ps(x[v], b)));
        }
      }
    }
  }
  const __m256 sign = _mm256_castsi256_ps(_mm256_set1_epi32(INT32_MIN));
  #pragma GCC unroll 16
  for (int i = 0; i < MR; i++) {
    __m256 t = _mm256_set1_ps(thr[i]);
    #pragma GCC unroll 16
    for (int p = 0; p < NP; p++) {
      __m256 lo = acc[i][2 * p], hi = acc[i][2 * p + 1];
      if (M == DOT) { lo = _mm256_xor_ps(lo, sign); hi = _mm256_xor_ps(hi, sign); }
      _mm256_storeu_ps(out + (i * NP + p) * PANEL, lo);
      _mm256_storeu_ps(out + (i * NP + p) * PANEL + 8, hi);
      unsigned m = _mm256_movemask_ps(_mm256_cmp_ps(lo, t, _CMP_NGT_UQ)) | (_mm256_movemask_ps(_mm256_cmp_ps(hi, t, _CMP_NGT_UQ)) << 8);
      surv[i * NP + p] = static_cast<uint16_t>(m & allow[i * NP + p]);
    }
  }
}

template <int MR, int NP, int M>
void kernel_portable(const float* const* q, const float* const* pan, size_t dim, const float* thr, const uint16_t* allow, float* out, uint16_t* surv) {
  float acc[MR][NP][PANEL] = {};
  for (size_t d = 0; d < dim; d++)
    for (int i = 0; i < MR; i++) {
      const float b = q[i][d];
      for (int p = 0; p < NP; p++) {
        const float* x = pan[p] + d * PANEL;
        for (int r = 0; r < PANEL; r++) {
          if (M == DOT) {
            acc[i][p][r] = std::fma(b, x[r], acc[i][p][r]);
          } else if (M == L2) {
            const float t = x[r] - b;
            acc[i][p][r] = std::fma(t, t, acc[i][p][r]);
          } else {
            acc[i][p][r] = acc[i][p][r] + std::fabs(x[r] - b);
          }
        }
      }
    }
  for (int i = 0; i < MR; i++)
    for (int p = 0; p < NP; p++) {
      uint32_t m = 0;
      for (int r = 0; r < PANEL; r++) {
        const float v = M == DOT ? -acc[i][p][r] : acc[i][p][r];
        out[(i * NP + p) * PANEL + r] = v;
        if (!(v > thr[i])) m |= 1u << r;
      }
      surv[i * NP + p] = static_cast<uint16_t>(m & allow[i * NP + p]);
    }
}

// One query against 32 rows, for scans of a single query: with one query a panel's
// store and reload cost more than the arithmetic, so the rows are transposed in
// registers on their way to the FMAs, eight rows by four dimensions at a time.
// Four groups of eight rows give four independent FMA chains. The sums are the
// panel kernels' sums, in the same order. Returns the rows whose distance does not
// exceed thr. The hardware prefetchers do not follow 32 interleaved rows, so every
// row is fetched PREFETCH_AHEAD floats ahead of use, running on into next[] (the
// rows of the following call) near the end; into L2 only, because 128-d rows are
// 512 bytes apart and four of every 32 share each L1 set (fetching into L1 evicted
// lines before their use and ran 2-3x slower).
constexpr int SINGLE_ROWS = 32;
constexpr size_t PREFETCH_AHEAD = 64;
using SingleFn = uint32_t (*)(const float* q, const float* const* rows, const float* const* next, size_t dim, float thr, float* out);

template <int M>
__attribute__((target("avx2,fma"))) inline __m256 step_avx2(__m256 acc, __m256 b, __m256 x) {
  if (M == DOT) return _mm256_fmadd_ps(b, x, acc);
  __m256 t = _mm256_sub_ps(x, b);
  if (M == L2) return _mm256_fmadd_ps(t, t, acc);
  return _mm256_add_ps(acc, _mm256_and_ps(_mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff)), t));
}

template <int M>
__attribute__((target("avx2,fma"))) uint32_t single_avx2(const float* q, const float* const* rows, const float* const* next, size_t dim, float thr, float* out) {
  constexpr int G = SINGLE_ROWS / 8;
  __m256 acc[G];
  for (int g = 0; g < G; g++) acc[g] = _mm256_setzero_ps();
  size_t d = 0;
  for (; d + 4 <= dim; d += 4) {
    if (d % 16 == 0) {
      const size_t at = d + PREFETCH_AHEAD;
      for (int r = 0; r < SINGLE_ROWS; r++) __builtin_prefetch(at < dim ? rows[r] + at : next[r] + (at - dim), 0, 2);
    }
    const __m256 b0 = _mm256_broadcast_ss(q + d), b1 = _mm256_broadcast_ss(q + d + 1), b2 = _mm256_broadcast_ss(q + d + 2), b3 = _mm256_broadcast_ss(q + d + 3);
#pragma GCC unroll 4
    for (int g = 0; g < G; g++) {
      // a_i = [row i, d..d+4 | row i+4, same], then a 4x4 transpose inside each lane.
      const float* const* r = rows + g * 8;
      __m256 a0 = _mm256_insertf128_ps(_mm256_castps128_ps256(_mm_loadu_ps(r[0] + d)), _mm_loadu_ps(r[4] + d), 1);
      __m256 a1 = _mm256_insertf128_ps(_mm256_castps128_ps256(_mm_loadu_ps(r[1] + d)), _mm_loadu_ps(r[5] + d), 1);
      __m256 a2 = _mm256_insertf128_ps(_mm256_castps128_ps256(_mm_loadu_ps(r[2] + d)), _mm_loadu_ps(r[6] + d), 1);
      __m256 a3 = _mm256_insertf128_ps(_mm256_castps128_ps256(_mm_loadu_ps(r[3] + d)), _mm_loadu_ps(r[7] + d), 1);
      __m256 t0 = _mm256_unpacklo_ps(a0, a1), t1 = _mm256_unpackhi_ps(a0, a1), t2 = _mm256_unpacklo_ps(a2, a3), t3 = _mm256_unpackhi_ps(a2, a3);
      acc[g] = step_avx2<M>(acc[g], b0, _mm256_shuffle_ps(t0, t2, 0x44));
      acc[g] = step_avx2<M>(acc[g], b1, _mm256_shuffle_ps(t0, t2, 0xEE));
      acc[g] = step_avx2<M>(acc[g], b2, _mm256_shuffle_ps(t1, t3, 0x44));
      acc[g] = step_avx2<M>(acc[g], b3, _mm256_shuffle_ps(t1, t3, 0xEE));
    }
  }
  for (; d < dim; d++) {
    for (int g = 0; g < G; g++) {
      const float* const* r = rows + g * 8;
      __m256 x = _mm256_setr_ps(r[0][d], r[1][d], r[2][d], r[3][d], r[4][d], r[5][d], r[6][d], r[7][d]);
      acc[g] = step_avx2<M>(acc[g], _mm256_broadcast_ss(q + d), x);
    }
  }
  const __m256 t = _mm256_set1_ps(thr);
  uint32_t surv = 0;
  for (int g = 0; g < G; g++) {
    __m256 v = M == DOT ? _mm256_xor_ps(acc[g], _mm256_castsi256_ps(_mm256_set1_epi32(INT32_MIN))) : acc[g];
    _mm256_storeu_ps(out + g * 8, v);
    surv |= static_cast<uint32_t>(_mm256_movemask_ps(_mm256_cmp_ps(v, t, _CMP_NGT_UQ))) << (g * 8);
  }
  return surv;
}

// ---- per-path tables ------------------------------------------------------------------

constexpr int MAX_MR = 8;

struct PathImpl {
  void (*pack)(const float* const*, const float* const*, size_t, float*);
  void (*masks)(const Group&, const PanelRows&, const size_t*, uint16_t*);
  int mr;      // queries per full tile (one panel)
  int min_mr;  // smaller remainders go to the one-query, several-panel kernel
  KernelFn one[MAX_MR + 1];            // one[r]: r queries x 1 panel
  KernelFn multi[BLOCK_PANELS + 1];    // multi[np]: 1 query x np panels
  SingleFn single;  // one query without panels; null: through panels
};

template <template <int, int, int> class K, int M, int... R>
void fill_one(KernelFn* one, std::integer_sequence<int, R...>) { ((one[R + 1] = &K<R + 1, 1, M>::run), ...); }
template <template <int, int, int> class K, int M, int... P>
void fill_multi(KernelFn* multi, std::integer_sequence<int, P...>) { ((multi[P + 1] = &K<1, P + 1, M>::run), ...); }

template <int MR, int NP, int M> struct Avx512K { static void run(const float* const* q, const float* const* p, size_t d, const float* t, const uint16_t* a, float* o, uint16_t* s) { kernel_avx512<MR, NP, M>(q, p, d, t, a, o, s); } };
template <int MR, int NP, int M> struct Avx2K { static void run(const float* const* q, const float* const* p, size_t d, const float* t, const uint16_t* a, float* o, uint16_t* s) { kernel_avx2<MR, NP, M>(q, p, d, t, a, o, s); } };
template <int MR, int NP, int M> struct PortableK { static void run(const float* const* q, const float* const* p, size_t d, const float* t, const uint16_t* a, float* o, uint16_t* s) { kernel_portable<MR, NP, M>(q, p, d, t, a, o, s); } };

template <template <int, int, int> class K, int M>
PathImpl make_impl(void (*pack)(const float* const*, const float* const*, size_t, float*), void (*masks)(const Group&, const PanelRows&, const size_t*, uint16_t*), int mr, int min_mr, SingleFn single) {
  PathImpl impl{pack, masks, mr, min_mr, {}, {}, single};
  fill_one<K, M>(impl.one, std::make_integer_sequence<int, MAX_MR>());
  fill_multi<K, M>(impl.multi, std::make_integer_sequence<int, BLOCK_PANELS>());
  return impl;
}

// Tile sizes, measured on Zen 4 (bench/core/kernels.ts): AVX-512 holds 8 queries x
// 16 rows in 8 of its 32 registers; AVX2 6 x 16 rows (12 of 16) for the dot product
// and 4 x 16 for L2 / L1, which need a register for the difference. A remainder of
// fewer queries than min_mr would leave too few independent FMA chains to cover the
// FMA latency, so those queries score up to four panels per call instead.
const PathImpl& impl(Path path, int metric) {
  static const PathImpl t[3][3] = {
      {make_impl<PortableK, DOT>(pack_portable, panel_masks<false>, 4, 1, nullptr), make_impl<PortableK, L2>(pack_portable, panel_masks<false>, 4, 1, nullptr), make_impl<PortableK, L1>(pack_portable, panel_masks<false>, 4, 1, nullptr)},
      {make_impl<Avx2K, DOT>(pack_avx2, panel_masks_bmi2, 6, 4, single_avx2<DOT>), make_impl<Avx2K, L2>(pack_avx2, panel_masks_bmi2, 4, 4, single_avx2<L2>), make_impl<Avx2K, L1>(pack_avx2, panel_masks_bmi2, 4, 4, single_avx2<L1>)},
      {make_impl<Avx512K, DOT>(pack_avx2, panel_masks_bmi2, 8, 3, single_avx2<DOT>), make_impl<Avx512K, L2>(pack_avx2, panel_masks_bmi2, 8, 3, single_avx2<L2>), make_impl<Avx512K, L1>(pack_avx2, panel_masks_bmi2, 8, 3, single_avx2<L1>)},
  };
  return t[path][metric < 0 || metric > 2 ? 0 : metric];
}

// ---- the driver ---------------------------------------------------------------------

struct Scratch {
  std::vector<float> buf;  // BLOCK_PANELS panels, 64-byte aligned
  std::vector<float> zero;
  float* panels(size_t dim) {
    size_t need = BLOCK_PANELS * dim * PANEL + 16;
    if (buf.size() < need) buf.assign(need, 0.0f);
    uintptr_t p = reinterpret_cast<uintptr_t>(buf.data());
    return reinterpret_cast<float*>((p + 63) & ~uintptr_t(63));
  }
  const float* zeros(size_t dim) {
    if (zero.size() < dim) zero.assign(dim, 0.0f);
    return zero.data();
  }
};

thread_local Scratch scratch;

// The single-query loop: `take(b)` fills buffer b's rows (label[b], ptr[b], n[b]) with the
// next SINGLE_ROWS candidates, padded with zero rows; the other buffer is prefetched meanwhile.
struct SingleRows {
  int32_t label[2][SINGLE_ROWS];
  const float* ptr[2][SINGLE_ROWS];
  int n[2];
};

template <typename Take>
void run_single(const Group& g, SingleFn fn, TopK& top, SingleRows& s, Take take) {
  float out[SINGLE_ROWS];
  int cur = 0;
  take(cur);
  while (s.n[cur] > 0) {
    take(cur ^ 1);
    uint32_t surv = fn(g.queries, s.ptr[cur], s.ptr[cur ^ 1], g.dim, top.threshold(), out);
    if (s.n[cur] < SINGLE_ROWS) surv &= (1u << s.n[cur]) - 1;
    for (; surv; surv &= surv - 1) top.push(out[__builtin_ctz(surv)], s.label[cur][__builtin_ctz(surv)]);
    cur ^= 1;
  }
}

// One query (mask words `words`, or none): 32 selected rows per call of `fn`.
void scan_single(const Group& g, SingleFn fn, const uint32_t* mask, size_t words, TopK& top) {
  const float* zeros = scratch.zeros(g.dim);
  SingleRows s;
  auto& label = s.label;
  auto& ptr = s.ptr;
  auto& n = s.n;
  size_t next = 0;
  auto take = [&](int b) {
    n[b] = 0;
    while (n[b] < SINGLE_ROWS && next < g.count) {
      int32_t l = g.rows[next++];
      if (l < 0 || static_cast<size_t>(l) >= g.nrows) continue;
      if (mask && ((static_cast<size_t>(l) >> 5) >= words || !((mask[l >> 5] >> (l & 31)) & 1))) continue;
      label[b][n[b]] = l;
      ptr[b][n[b]++] = g.data + static_cast<size_t>(l) * g.dim;
    }
    for (int r = n[b]; r < SINGLE_ROWS; r++) ptr[b][r] = zeros;
  };
  run_single(g, fn, top, s, take);
}

// Rows [from, to) of one query whose bit is set in `mask` (rows are labels): the set
// bits enumerated word by word, so a sparse mask costs its words and its rows, not a
// test per row.
void scan_bits(const Group& g, SingleFn fn, const uint32_t* mask, size_t words, size_t from, size_t to, TopK& top) {
  const float* zeros = scratch.zeros(g.dim);
  to = std::min({to, g.nrows, words * 32});
  SingleRows s;
  auto& label = s.label;
  auto& ptr = s.ptr;
  auto& n = s.n;
  size_t w = from >> 5;
  uint32_t bits = from < to ? mask[w] & (~0u << (from & 31)) : 0;
  auto take = [&](int b) {
    n[b] = 0;
    while (n[b] < SINGLE_ROWS && w * 32 < to) {
      if (!bits) {
        if (++w * 32 >= to) break;
        bits = mask[w];
        continue;
      }
      size_t l = w * 32 + __builtin_ctz(bits);
      if (l >= to) { w = to; break; }
      bits &= bits - 1;
      label[b][n[b]] = static_cast<int32_t>(l);
      ptr[b][n[b]++] = g.data + l * g.dim;
    }
    for (int r = n[b]; r < SINGLE_ROWS; r++) ptr[b][r] = zeros;
  };
  run_single(g, fn, top, s, take);
}

void scan_into(const Group& g, Path path, TopK* const* tp);

void scan(const Group& g, Path path, std::vector<TopK>& tops) {
  tops.clear();
  tops.reserve(g.nq);
  for (size_t j = 0; j < g.nq; j++) tops.emplace_back(g.k, g.count);
  std::vector<TopK*> tp(g.nq);
  for (size_t j = 0; j < g.nq; j++) tp[j] = &tops[j];
  scan_into(g, path, tp.data());
}

// The queries' top-k over the group's rows, pushed into heaps that may already hold
// candidates (the heaps' thresholds carry over, so later rows are pruned as well).
void scan_into(const Group& g, Path path, TopK* const* tp) {
  if (g.k == 0 || g.nq == 0 || g.count == 0 || g.dim == 0) return;
  const PathImpl& I = impl(path, g.metric);
  const size_t dim = g.dim, nq = g.nq;
  float* panels = scratch.panels(dim);
  const float* zeros = scratch.zeros(dim);

  bool masked = false;
  std::vector<size_t> qwords(nq, 0);  // words of query j's mask inside `masks`
  for (size_t j = 0; j < nq && g.mask_of; j++) {
    int32_t m = g.mask_of[j];
    if (m < 0) continue;
    masked = true;
    qwords[j] = static_cast<size_t>(m) >= g.nmask ? 0 : std::min(g.mask_words, g.nmask - m);
  }
  if (nq == 1 && I.single) return scan_single(g, I.single, masked ? g.masks + g.mask_of[0] : nullptr, qwords[0], *tp[0]);

  // A query whose mask leaves few of the rows of the panels it touches scores them
  // faster alone, on its own rows, than in panels it would mostly waste: a row
  // costs the single-query path about SINGLE_COST times what it costs in a full
  // tile (bench/core/kernels.ts: ~14 against ~60 GFLOP/s at 128-d), so a query goes
  // alone when it has fewer than PANEL / SINGLE_COST allowed rows per panel needed.
  // The first DECIDE_PANELS panels decide: counting over all of them cost more than
  // the sparse queries' whole scan.
  std::vector<uint8_t> alone(nq, 0);
  size_t shared = nq;
  if (masked && I.single) {
    constexpr size_t SINGLE_COST = 4, DECIDE_PANELS = 64;
    std::vector<size_t> allowed(nq, 0), needed(nq, 0);
    std::vector<uint16_t> a(nq);
    PanelRows p;
    for (size_t at = 0, panels = 0; panels < DECIDE_PANELS; panels++) {
      p.n = 0;
      while (p.n < PANEL && at < g.count) {
        int32_t l = g.rows[at++];
        if (l >= 0 && static_cast<size_t>(l) < g.nrows) p.label[p.n++] = l;
      }
      if (p.n == 0) break;
      p.segment();
      I.masks(g, p, qwords.data(), a.data());
      for (size_t j = 0; j < nq; j++) {
        allowed[j] += __builtin_popcount(a[j]);
        needed[j] += a[j] != 0;
      }
    }
    for (size_t j = 0; j < nq; j++) {
      if (g.mask_of[j] < 0 || allowed[j] * SINGLE_COST >= needed[j] * PANEL) continue;
      alone[j] = 1;
      shared--;
      Group one = g;
      one.queries = g.queries + j * dim;
      one.nq = 1;
      scan_single(one, I.single, g.masks + g.mask_of[j], qwords[j], *tp[j]);
    }
    if (shared == 0) return;
  }
  std::vector<float> thr(nq);
  for (size_t j = 0; j < nq; j++) thr[j] = tp[j]->threshold();
  std::vector<uint16_t> allow(nq * BLOCK_PANELS);  // [panel][query]
  std::vector<uint8_t> leftover(nq, 0);           // panels a query scores in the multi-panel kernel
  std::vector<uint32_t> list(nq);
  PanelRows pr[BLOCK_PANELS];
  float out[MAX_MR * BLOCK_PANELS * PANEL];
  uint16_t surv[MAX_MR * BLOCK_PANELS], allow_t[MAX_MR * BLOCK_PANELS];
  const float* qp[MAX_MR];
  const float* pp[BLOCK_PANELS];
  float tt[MAX_MR];

  auto settle = [&](const uint32_t* qs, int mr, const int* pidx, int np) {
    for (int i = 0; i < mr; i++) {
      TopK& top = *tp[qs[i]];
      bool pushed = false;
      for (int p = 0; p < np; p++) {
        for (uint32_t bits = surv[i * np + p]; bits; bits &= bits - 1) {
          int r = __builtin_ctz(bits);
          top.push(out[(i * np + p) * PANEL + r], pr[pidx[p]].label[r]);
          pushed = true;
        }
      }
      if (pushed) thr[qs[i]] = top.threshold();
    }
  };

  const float* src[PANEL];
  const float* nxt[PANEL];
  size_t next = 0;  // cursor into g.rows
  auto take = [&](PanelRows& p) {
    p.n = 0;
    while (p.n < PANEL && next < g.count) {
      int32_t l = g.rows[next++];
      if (l >= 0 && static_cast<size_t>(l) < g.nrows) p.label[p.n++] = l;
    }
  };
  PanelRows ahead;
  take(ahead);
  while (ahead.n > 0) {
    int np = 0;
    for (; np < BLOCK_PANELS && ahead.n > 0; np++) {
      pr[np] = ahead;
      take(ahead);
      for (int r = 0; r < PANEL; r++) {
        src[r] = r < pr[np].n ? g.data + static_cast<size_t>(pr[np].label[r]) * dim : zeros;
        nxt[r] = r < ahead.n ? g.data + static_cast<size_t>(ahead.label[r]) * dim : zeros;
      }
      I.pack(src, nxt, dim, panels + np * dim * PANEL);
      if (masked) pr[np].segment();
      I.masks(g, pr[np], qwords.data(), allow.data() + np * nq);
      if (shared < nq)
        for (size_t j = 0; j < nq; j++)
          if (alone[j]) allow[np * nq + j] = 0;
    }
    // Full tiles of MR queries per panel; small remainders are gathered per query.
    for (int p = 0; p < np; p++) {
      const uint16_t* a = allow.data() + p * nq;
      size_t n = 0;
      for (size_t j = 0; j < nq; j++)
        if (a[j]) list[n++] = static_cast<uint32_t>(j);
      const float* pan = panels + p * dim * PANEL;
      size_t t = 0;
      for (; t < n; t += I.mr) {
        int mr = static_cast<int>(std::min<size_t>(I.mr, n - t));
        if (mr < I.min_mr) break;
        for (int i = 0; i < mr; i++) {
          uint32_t j = list[t + i];
          qp[i] = g.queries + j * dim;
          tt[i] = thr[j];
          allow_t[i] = a[j];
        }
        I.one[mr](qp, &pan, dim, tt, allow_t, out, surv);
        settle(&list[t], mr, &p, 1);
      }
      for (; t < n; t++) leftover[list[t]] |= 1u << p;
    }
    for (size_t j = 0; j < nq; j++) {
      if (!leftover[j]) continue;
      int pidx[BLOCK_PANELS], n = 0;
      for (int p = 0; p < np; p++)
        if (leftover[j] >> p & 1) { pidx[n] = p; pp[n] = panels + p * dim * PANEL; allow_t[n] = allow[p * nq + j]; n++; }
      leftover[j] = 0;
      qp[0] = g.queries + j * dim;
      tt[0] = thr[j];
      uint32_t jj = static_cast<uint32_t>(j);
      I.multi[n](qp, pp, dim, tt, allow_t, out, surv);
      settle(&jj, 1, pidx, n);
    }
  }
}

// ---- argument helpers --------------------------------------------------------

// The typed array's own data pointer, from napi_get_typedarray_info: unlike
// going through its ArrayBuffer, this also works for views of a SharedArrayBuffer.
template <typename T>
T* typed(const Napi::Value& v, napi_typedarray_type want, size_t* len, const char* what) {
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  bool is = false;
  napi_is_typedarray(v.Env(), v, &is);
  if (!is || napi_get_typedarray_info(v.Env(), v, &type, &length, &data, nullptr, nullptr) != napi_ok || type != want)
    throw Napi::TypeError::New(v.Env(), std::string(what) + " must be a " + (want == napi_float32_array ? "Float32Array" : want == napi_int32_array ? "Int32Array" : "Uint32Array"));
  if (len) *len = length;
  static T none{};
  return length ? static_cast<T*>(data) : &none;
}

size_t uint_arg(const Napi::Value& v) { return v.As<Napi::Number>().Uint32Value(); }

Path path_arg(const Napi::CallbackInfo& info, size_t i) {
  if (info.Length() <= i || info[i].IsUndefined()) return best_path();
  int p = info[i].As<Napi::Number>().Int32Value();
  if (p < PORTABLE || p > AVX512 || (p == AVX2 && !has_avx2()) || (p == AVX512 && !has_avx512()))
    throw Napi::Error::New(info.Env(), "kernel path " + std::to_string(p) + " is not available on this CPU");
  return static_cast<Path>(p);
}

void need(Napi::Env env, bool ok, const char* what) {
  if (!ok) throw Napi::RangeError::New(env, what);
}

Napi::Object result(Napi::Env env, const TopK& top, std::vector<std::pair<float, int32_t>>& items) {
  top.sorted(items);
  auto labels = Napi::Int32Array::New(env, items.size());
  auto dists = Napi::Float32Array::New(env, items.size());
  for (size_t i = 0; i < items.size(); i++) { labels[i] = items[i].second; dists[i] = items[i].first; }
  auto o = Napi::Object::New(env);
  o.Set("labels", labels);
  o.Set("distances", dists);
  return o;
}

Group base(const Napi::CallbackInfo& info) {
  Group g{};
  size_t n_data;
  g.data = typed<float>(info[0], napi_float32_array, &n_data, "data");
  g.dim = uint_arg(info[1]);
  g.nrows = g.dim ? n_data / g.dim : 0;
  return g;
}

// scanLabels(data, dim, query, labels, count, metric, k, path)
Napi::Value ScanLabels(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  Group g = base(info);
  size_t n_q, n_labels;
  g.queries = typed<float>(info[2], napi_float32_array, &n_q, "query");
  need(env, n_q >= g.dim, "query is shorter than dim");
  g.nq = 1;
  g.rows = typed<int32_t>(info[3], napi_int32_array, &n_labels, "labels");
  g.count = std::min(uint_arg(info[4]), n_labels);
  g.metric = info[5].As<Napi::Number>().Int32Value();
  g.k = uint_arg(info[6]);
  std::vector<TopK> tops;
  scan(g, path_arg(info, 7), tops);
  std::vector<std::pair<float, int32_t>> out;
  return result(env, tops[0], out);
}

// scanBitmap(data, dim, query, words (Uint32Array), metric, k, path): rows whose bit is set.
Napi::Value ScanBitmap(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  Group g = base(info);
  size_t n_q, n_words;
  g.queries = typed<float>(info[2], napi_float32_array, &n_q, "query");
  need(env, n_q >= g.dim, "query is shorter than dim");
  g.nq = 1;
  const uint32_t* words = typed<uint32_t>(info[3], napi_uint32_array, &n_words, "bitmap");
  g.metric = info[4].As<Napi::Number>().Int32Value();
  g.k = uint_arg(info[5]);
  std::vector<int32_t> labels;
  for (size_t w = 0; w < n_words; w++) {
    for (uint32_t bits = words[w]; bits; bits &= bits - 1) {
      size_t l = w * 32 + __builtin_ctz(bits);
      if (l >= g.nrows) break;
      labels.push_back(static_cast<int32_t>(l));
    }
  }
  g.rows = labels.data();
  g.count = labels.size();
  std::vector<TopK> tops;
  scan(g, path_arg(info, 6), tops);
  std::vector<std::pair<float, int32_t>> out;
  return result(env, tops[0], out);
}

// scanBlock(data, dim, queries, nq, labels, count, metric, k, path): top-k per query over the same rows.
Napi::Value ScanBlock(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  Group g = base(info);
  size_t n_q, n_labels;
  g.queries = typed<float>(info[2], napi_float32_array, &n_q, "queries");
  g.nq = uint_arg(info[3]);
  need(env, n_q >= g.nq * g.dim, "queries is shorter than nq * dim");
  g.rows = typed<int32_t>(info[4], napi_int32_array, &n_labels, "labels");
  g.count = std::min(uint_arg(info[5]), n_labels);
  g.metric = info[6].As<Napi::Number>().Int32Value();
  g.k = uint_arg(info[7]);
  std::vector<TopK> tops;
  scan(g, path_arg(info, 8), tops);
  auto arr = Napi::Array::New(env, g.nq);
  std::vector<std::pair<float, int32_t>> out;
  for (size_t j = 0; j < g.nq; j++) arr.Set(j, result(env, tops[j], out));
  return arr;
}

// scanGroup(data, dim, queries, nq, rows, count, masks, maskOf, maskWords, metric, k, path)
// -> {labels: Int32Array(nq * k), distances: Float32Array(nq * k), counts: Int32Array(nq)}
Napi::Value ScanGroup(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  Group g = base(info);
  size_t n_q, n_rows, n_mask_of;
  g.queries = typed<float>(info[2], napi_float32_array, &n_q, "queries");
  g.nq = uint_arg(info[3]);
  need(env, n_q >= g.nq * g.dim, "queries is shorter than nq * dim");
  g.rows = typed<int32_t>(info[4], napi_int32_array, &n_rows, "rows");
  g.count = std::min(uint_arg(info[5]), n_rows);
  g.masks = typed<uint32_t>(info[6], napi_uint32_array, &g.nmask, "masks");
  g.mask_of = typed<int32_t>(info[7], napi_int32_array, &n_mask_of, "maskOf");
  need(env, n_mask_of >= g.nq, "maskOf is shorter than nq");
  g.mask_words = uint_arg(info[8]);
  g.metric = info[9].As<Napi::Number>().Int32Value();
  g.k = uint_arg(info[10]);
  std::vector<TopK> tops;
  scan(g, path_arg(info, 11), tops);
  auto labels = Napi::Int32Array::New(env, g.nq * g.k);
  auto dists = Napi::Float32Array::New(env, g.nq * g.k);
  auto counts = Napi::Int32Array::New(env, g.nq);
  std::vector<std::pair<float, int32_t>> out;
  for (size_t j = 0; j < g.nq; j++) {
    tops[j].sorted(out);
    counts[j] = static_cast<int32_t>(out.size());
    for (size_t i = 0; i < out.size(); i++) { labels[j * g.k + i] = out[i].second; dists[j * g.k + i] = out[i].first; }
  }
  auto o = Napi::Object::New(env);
  o.Set("labels", labels);
  o.Set("distances", dists);
  o.Set("counts", counts);
  return o;
}

// Set bits of words [0, words) of a mask among rows [from, to).
size_t count_range(const uint32_t* m, size_t words, size_t from, size_t to) {
  to = std::min(to, words * 32);
  if (from >= to) return 0;
  size_t wf = from >> 5, wt = (to - 1) >> 5;
  uint32_t lo = ~0u << (from & 31), hi = ~0u >> (31 - ((to - 1) & 31));
  if (wf == wt) return __builtin_popcount(m[wf] & lo & hi);
  size_t n = __builtin_popcount(m[wf] & lo) + __builtin_popcount(m[wt] & hi);
  for (size_t w = wf + 1; w < wt; w++) n += __builtin_popcount(m[w]);
  return n;
}

// scanProbes(data, dim, queries, nq, centroids, offsets, targets, masks, maskOf, maskWords, metric, k, path)
// -> {labels, distances, counts, probed: Int32Array(nq), covered: Int32Array(nq)}
// IVF probing over a partition whose rows are ordered by cluster: cluster c holds rows
// [offsets[c], offsets[c + 1]) for c < C = centroids / dim, and rows [offsets[C],
// offsets[C + 1]) are the tail written since the clustering, probed by every query.
// Query j ranks the centroids by the metric and probes its nearest clusters until they
// hold targets[j] rows it may return (its mask's bits, or every row without one; the
// tail's rows do not count towards it); then
// each cluster's probing queries are scored against its rows together, as scanGroup
// scores a group (queries whose mask leaves few of the cluster's rows score those rows
// alone, found word by word in the mask).
Napi::Value ScanProbes(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  Group g = base(info);
  size_t n_q, n_cent, n_off, n_targets, n_mask_of;
  g.queries = typed<float>(info[2], napi_float32_array, &n_q, "queries");
  g.nq = uint_arg(info[3]);
  need(env, n_q >= g.nq * g.dim, "queries is shorter than nq * dim");
  const float* cent = typed<float>(info[4], napi_float32_array, &n_cent, "centroids");
  const int32_t* off = typed<int32_t>(info[5], napi_int32_array, &n_off, "offsets");
  const int32_t* targets = typed<int32_t>(info[6], napi_int32_array, &n_targets, "targets");
  g.masks = typed<uint32_t>(info[7], napi_uint32_array, &g.nmask, "masks");
  g.mask_of = typed<int32_t>(info[8], napi_int32_array, &n_mask_of, "maskOf");
  g.mask_words = uint_arg(info[9]);
  g.metric = info[10].As<Napi::Number>().Int32Value();
  g.k = uint_arg(info[11]);
  Path path = path_arg(info, 12);
  need(env, g.dim > 0 && n_cent % g.dim == 0, "centroids is not a whole number of rows");
  const size_t C = n_cent / g.dim;
  need(env, n_off == C + 2, "offsets must hold clusters + 2 entries");
  need(env, n_targets >= g.nq && n_mask_of >= g.nq, "targets and maskOf need one entry per query");
  for (size_t c = 0; c <= C; c++) need(env, off[c] >= 0 && off[c] <= off[c + 1], "offsets must ascend from 0");
  need(env, static_cast<size_t>(off[C + 1]) <= g.nrows, "offsets go past the data");
  const size_t nq = g.nq, dim = g.dim, k = g.k;
  std::vector<TopK> tops;
  tops.reserve(nq);
  for (size_t j = 0; j < nq; j++) tops.emplace_back(k, 64);
  std::vector<size_t> qwords(nq, 0);
  for (size_t j = 0; j < nq; j++) {
    int32_t m = g.mask_of[j];
    if (m >= 0) qwords[j] = static_cast<size_t>(m) >= g.nmask ? 0 : std::min(g.mask_words, g.nmask - m);
  }
  auto rowsFor = [&](size_t j, size_t c) -> size_t {
    return g.mask_of[j] < 0 ? static_cast<size_t>(off[c + 1] - off[c]) : count_range(g.masks + g.mask_of[j], qwords[j], off[c], off[c + 1]);
  };
  // 1. Each query's clusters, nearest first, until they cover its target.
  auto probed = Napi::Int32Array::New(env, nq);
  auto covered = Napi::Int32Array::New(env, nq);
  std::vector<std::vector<uint32_t>> members(C + 1);
  if (k > 0 && nq > 0) {
    std::vector<int32_t> ids(C);
    for (size_t c = 0; c < C; c++) ids[c] = static_cast<int32_t>(c);
    Group rank{};
    rank.data = cent;
    rank.nrows = C;
    rank.dim = dim;
    rank.queries = g.queries;
    rank.nq = nq;
    rank.rows = ids.data();
    rank.count = C;
    rank.metric = g.metric;
    rank.k = C;
    std::vector<TopK> order;
    scan(rank, path, order);
    std::vector<std::pair<float, int32_t>> sorted;
    for (size_t j = 0; j < nq; j++) {
      // The tail is scanned as well, but does not count towards the target: its rows are
      // not near the query, so counting them left the nearest clusters unprobed whenever
      // the tail alone held the target.
      const size_t tail = rowsFor(j, C);
      size_t cov = 0;
      if (off[C + 1] > off[C]) members[C].push_back(static_cast<uint32_t>(j));
      order[j].sorted(sorted);
      size_t n = 0;
      for (size_t x = 0; x < sorted.size() && cov < static_cast<size_t>(std::max(0, targets[j])); x++) {
        size_t c = static_cast<size_t>(sorted[x].second);
        size_t r = rowsFor(j, c);
        if (r == 0) continue;
        cov += r;
        n++;
        members[c].push_back(static_cast<uint32_t>(j));
      }
      probed[j] = static_cast<int32_t>(n);
      covered[j] = static_cast<int32_t>(cov + tail);
    }
  }
  // 2. Cluster by cluster, its probing queries together.
  const PathImpl& I = impl(path, g.metric);
  std::vector<int32_t> iota(off[C + 1]);
  for (size_t i = 0; i < iota.size(); i++) iota[i] = static_cast<int32_t>(i);
  std::vector<float> qbuf;
  std::vector<int32_t> moff;
  std::vector<TopK*> tp;
  constexpr size_t SINGLE_COST = 4;
  for (size_t c = 0; c <= C; c++) {
    const size_t from = off[c], to = off[c + 1], size = to - from;
    if (size == 0 || members[c].empty()) continue;
    qbuf.clear();
    moff.clear();
    tp.clear();
    for (uint32_t j : members[c]) {
      if (g.mask_of[j] >= 0 && I.single) {
        size_t allowed = count_range(g.masks + g.mask_of[j], qwords[j], from, to);
        if (allowed == 0) continue;
        if (allowed * SINGLE_COST < size) {
          Group one = g;
          one.queries = g.queries + j * dim;
          one.nq = 1;
          scan_bits(one, I.single, g.masks + g.mask_of[j], qwords[j], from, to, tops[j]);
          continue;
        }
      }
      qbuf.insert(qbuf.end(), g.queries + j * dim, g.queries + (j + 1) * dim);
      moff.push_back(g.mask_of[j]);
      tp.push_back(&tops[j]);
    }
    if (tp.empty()) continue;
    Group sub = g;
    sub.queries = qbuf.data();
    sub.nq = tp.size();
    sub.rows = iota.data() + from;
    sub.count = size;
    sub.mask_of = moff.data();
    scan_into(sub, path, tp.data());
  }
  auto labels = Napi::Int32Array::New(env, nq * k);
  auto dists = Napi::Float32Array::New(env, nq * k);
  auto counts = Napi::Int32Array::New(env, nq);
  std::vector<std::pair<float, int32_t>> out;
  for (size_t j = 0; j < nq; j++) {
    tops[j].sorted(out);
    counts[j] = static_cast<int32_t>(out.size());
    for (size_t i = 0; i < out.size(); i++) { labels[j * k + i] = out[i].second; dists[j * k + i] = out[i].first; }
  }
  auto o = Napi::Object::New(env);
  o.Set("labels", labels);
  o.Set("distances", dists);
  o.Set("counts", counts);
  o.Set("probed", probed);
  o.Set("covered", covered);
  return o;
}

// ---- bitmaps -------------------------------------------------------------------
// The word-wise operations of index/bitmap.ts for the filter evaluator: the
// same results as its JavaScript loops, ~10x faster on 100k-label bitmaps
// (the compiler vectorises them; popcount uses the instruction where present).

__attribute__((target("popcnt"))) uint64_t count_popcnt(const uint32_t* w, size_t n) {
  uint64_t c = 0;
  size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    uint64_t v;
    std::memcpy(&v, w + i, 8);
    c += static_cast<uint64_t>(__builtin_popcountll(v));
  }
  for (; i < n; i++) c += static_cast<uint64_t>(__builtin_popcount(w[i]));
  return c;
}

uint64_t count_portable(const uint32_t* w, size_t n) {
  uint64_t c = 0;
  for (size_t i = 0; i < n; i++) c += static_cast<uint64_t>(__builtin_popcount(w[i]));
  return c;
}

bool has_popcnt() {
  static const bool v = __builtin_cpu_supports("popcnt");
  return v;
}

Napi::Value BitsCount(const Napi::CallbackInfo& info) {
  size_t n;
  const uint32_t* w = typed<uint32_t>(info[0], napi_uint32_array, &n, "words");
  return Napi::Number::New(info.Env(), static_cast<double>(has_popcnt() ? count_popcnt(w, n) : count_portable(w, n)));
}

// op 0: dst &= src (words of dst past src become 0); 1: dst |= src (over src's
// length, which the caller made fit); 2: dst &= ~src (over the shorter length).
Napi::Value BitsOp(const Napi::CallbackInfo& info) {
  size_t nd, ns;
  int op = info[0].As<Napi::Number>().Int32Value();
  uint32_t* d = typed<uint32_t>(info[1], napi_uint32_array, &nd, "dst");
  const uint32_t* s = typed<uint32_t>(info[2], napi_uint32_array, &ns, "src");
  size_t n = std::min(nd, ns);
  if (op == 0) {
    for (size_t i = 0; i < n; i++) d[i] &= s[i];
    for (size_t i = n; i < nd; i++) d[i] = 0;
  } else if (op == 1) {
    need(info.Env(), ns <= nd, "or: the destination is shorter than the source");
    for (size_t i = 0; i < n; i++) d[i] |= s[i];
  } else if (op == 2) {
    for (size_t i = 0; i < n; i++) d[i] &= ~s[i];
  } else {
    throw Napi::RangeError::New(info.Env(), "unknown bitmap operation");
  }
  return info.Env().Undefined();
}

// Sets the bits of labels[lo..hi) (each below the bitmap's capacity).
Napi::Value BitsSet(const Napi::CallbackInfo& info) {
  size_t nw, nl;
  uint32_t* w = typed<uint32_t>(info[0], napi_uint32_array, &nw, "words");
  const int32_t* labels = typed<int32_t>(info[1], napi_int32_array, &nl, "labels");
  size_t lo = uint_arg(info[2]), hi = uint_arg(info[3]);
  need(info.Env(), lo <= hi && hi <= nl, "label range out of bounds");
  for (size_t i = lo; i < hi; i++) {
    uint32_t l = static_cast<uint32_t>(labels[i]);
    need(info.Env(), (l >> 5) < nw, "label beyond the bitmap");
    w[l >> 5] |= 1u << (l & 31);
  }
  return info.Env().Undefined();
}

// The labels set in a (and in b, when given: a & b over their shorter length),
// ascending, as a new Int32Array: one pass to count, one to write.
Napi::Value BitsIndices(const Napi::CallbackInfo& info) {
  size_t na, nb = 0;
  const uint32_t* a = typed<uint32_t>(info[0], napi_uint32_array, &na, "words");
  const uint32_t* b = info[1].IsUndefined() ? nullptr : typed<uint32_t>(info[1], napi_uint32_array, &nb, "other");
  size_t n = b ? std::min(na, nb) : na;
  uint64_t count = 0;
  for (size_t i = 0; i < n; i++) count += static_cast<uint64_t>(__builtin_popcount(b ? a[i] & b[i] : a[i]));
  auto out = Napi::Int32Array::New(info.Env(), static_cast<size_t>(count));
  int32_t* o = out.Data();
  size_t j = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t bits = b ? a[i] & b[i] : a[i];
    while (bits) {
      o[j++] = static_cast<int32_t>(i * 32 + __builtin_ctz(bits));
      bits &= bits - 1;
    }
  }
  return out;
}

// Scatters a bitmap over collection labels into partition-local bitmaps: for
// each set label g with slotOf[leafOf[g]] = s >= 0, sets bit localOf[g] of
// slot s, whose words are out[offsets[s] .. offsets[s + 1]).
Napi::Value BitsLocalize(const Napi::CallbackInfo& info) {
  size_t nw, nleaf, nlocal, nslot, nout, noff;
  const uint32_t* words = typed<uint32_t>(info[0], napi_uint32_array, &nw, "words");
  const int32_t* leaf_of = typed<int32_t>(info[1], napi_int32_array, &nleaf, "leafOf");
  const int32_t* local_of = typed<int32_t>(info[2], napi_int32_array, &nlocal, "localOf");
  const int32_t* slot_of = typed<int32_t>(info[3], napi_int32_array, &nslot, "slotOf");
  uint32_t* out = typed<uint32_t>(info[4], napi_uint32_array, &nout, "out");
  const int32_t* offsets = typed<int32_t>(info[5], napi_int32_array, &noff, "offsets");
  need(info.Env(), nlocal >= nleaf && noff >= 1, "localOf shorter than leafOf");
  size_t slots = noff - 1;
  for (size_t s = 0; s < slots; s++)
    need(info.Env(), offsets[s] >= 0 && offsets[s] <= offsets[s + 1] && static_cast<size_t>(offsets[s + 1]) <= nout, "slot offsets out of bounds");
  size_t n = std::min(nw, (nleaf + 31) / 32);
  for (size_t w = 0; w < n; w++) {
    uint32_t bits = words[w];
    while (bits) {
      uint32_t g = static_cast<uint32_t>(w * 32 + __builtin_ctz(bits));
      bits &= bits - 1;
      if (g >= nleaf) break;
      int32_t leaf = leaf_of[g];
      if (leaf < 0 || static_cast<size_t>(leaf) >= nslot) continue;
      int32_t slot = slot_of[leaf];
      if (slot < 0 || static_cast<size_t>(slot) >= slots) continue;
      uint32_t local = static_cast<uint32_t>(local_of[g]);
      size_t at = static_cast<size_t>(offsets[slot]) + (local >> 5);
      if (at >= static_cast<size_t>(offsets[slot + 1])) continue;
      out[at] |= 1u << (local & 31);
    }
  }
  return info.Env().Undefined();
}

const char* path_name(Path p) { return p == AVX512 ? "avx512" : p == AVX2 ? "avx2" : "portable"; }

Napi::Value Features(const Napi::CallbackInfo& info) {
  auto o = Napi::Object::New(info.Env());
  o.Set("avx2", has_avx2());
  o.Set("avx512", has_avx512());
  o.Set("path", path_name(best_path()));
  return o;
}

}  // namespace

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("scanLabels", Napi::Function::New(env, ScanLabels));
  exports.Set("scanBitmap", Napi::Function::New(env, ScanBitmap));
  exports.Set("scanBlock", Napi::Function::New(env, ScanBlock));
  exports.Set("scanGroup", Napi::Function::New(env, ScanGroup));
  exports.Set("scanProbes", Napi::Function::New(env, ScanProbes));
  exports.Set("features", Napi::Function::New(env, Features));
  exports.Set("bitsCount", Napi::Function::New(env, BitsCount));
  exports.Set("bitsOp", Napi::Function::New(env, BitsOp));
  exports.Set("bitsSet", Napi::Function::New(env, BitsSet));
  exports.Set("bitsLocalize", Napi::Function::New(env, BitsLocalize));
  exports.Set("bitsIndices", Napi::Function::New(env, BitsIndices));
  return exports;
}

NODE_API_MODULE(hqdb_kernel, Init)
