// hqdb's exact-scan kernel: distances from one query, or a tile of queries,
// to a set of rows of a contiguous float32 matrix, with fixed-size top-k
// selection. AVX2+FMA code paths are chosen at run time when the CPU has
// them; the portable paths are plain C++ the compiler may auto-vectorise.
//
// Distances are "smaller is better": 0 = negated dot product, 1 = squared L2, 2 = L1.

#include <napi.h>
#include <immintrin.h>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace {

enum Metric { DOT = 0, L2 = 1, L1 = 2 };

// ---- distance functions -------------------------------------------------

float dot_scalar(const float* a, const float* b, size_t d) {
  float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  size_t i = 0;
  for (; i + 4 <= d; i += 4) { s0 += a[i] * b[i]; s1 += a[i + 1] * b[i + 1]; s2 += a[i + 2] * b[i + 2]; s3 += a[i + 3] * b[i + 3]; }
  for (; i < d; i++) s0 += a[i] * b[i];
  return -(s0 + s1 + s2 + s3);
}

float l2_scalar(const float* a, const float* b, size_t d) {
  float s0 = 0, s1 = 0;
  size_t i = 0;
  for (; i + 2 <= d; i += 2) { float x = a[i] - b[i], y = a[i + 1] - b[i + 1]; s0 += x * x; s1 += y * y; }
  for (; i < d; i++) { float x = a[i] - b[i]; s0 += x * x; }
  return s0 + s1;
}

float l1_scalar(const float* a, const float* b, size_t d) {
  float s = 0;
  for (size_t i = 0; i < d; i++) s += std::fabs(a[i] - b[i]);
  return s;
}

__attribute__((target("avx2,fma"))) inline float hsum256(__m256 v) {
  __m128 lo = _mm256_castps256_ps128(v), hi = _mm256_extractf128_ps(v, 1);
  lo = _mm_add_ps(lo, hi);
  __m128 sh = _mm_movehdup_ps(lo);
  __m128 s = _mm_add_ps(lo, sh);
  sh = _mm_movehl_ps(sh, s);
  return _mm_cvtss_f32(_mm_add_ss(s, sh));
}

__attribute__((target("avx2,fma"))) float dot_avx2(const float* a, const float* b, size_t d) {
  __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
  size_t i = 0;
  for (; i + 16 <= d; i += 16) {
    s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
    s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), s1);
  }
  for (; i + 8 <= d; i += 8) s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
  float s = hsum256(_mm256_add_ps(s0, s1));
  for (; i < d; i++) s += a[i] * b[i];
  return -s;
}

__attribute__((target("avx2,fma"))) float l2_avx2(const float* a, const float* b, size_t d) {
  __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
  size_t i = 0;
  for (; i + 16 <= d; i += 16) {
    __m256 x = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
    __m256 y = _mm256_sub_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8));
    s0 = _mm256_fmadd_ps(x, x, s0);
    s1 = _mm256_fmadd_ps(y, y, s1);
  }
  for (; i + 8 <= d; i += 8) { __m256 x = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i)); s0 = _mm256_fmadd_ps(x, x, s0); }
  float s = hsum256(_mm256_add_ps(s0, s1));
  for (; i < d; i++) { float x = a[i] - b[i]; s += x * x; }
  return s;
}

__attribute__((target("avx2,fma"))) float l1_avx2(const float* a, const float* b, size_t d) {
  const __m256 mask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
  __m256 s0 = _mm256_setzero_ps();
  size_t i = 0;
  for (; i + 8 <= d; i += 8) s0 = _mm256_add_ps(s0, _mm256_and_ps(mask, _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i))));
  float s = hsum256(s0);
  for (; i < d; i++) s += std::fabs(a[i] - b[i]);
  return s;
}

// Four queries against one row: the row is loaded once per tile of queries.
// Each query's sum is accumulated exactly as dot_avx2 / l2_avx2 accumulate it
// (two accumulators over alternate 8-float blocks, one 8-float tail, then the
// scalar tail), so a batch's exact scores are bit-identical to a single query's.
__attribute__((target("avx2,fma"))) void dot4_avx2(const float* q, size_t qstride, const float* b, size_t d, float* out) {
  __m256 a[4], c[4];
  for (int j = 0; j < 4; j++) { a[j] = _mm256_setzero_ps(); c[j] = _mm256_setzero_ps(); }
  size_t i = 0;
  for (; i + 16 <= d; i += 16) {
    __m256 r0 = _mm256_loadu_ps(b + i), r1 = _mm256_loadu_ps(b + i + 8);
    for (int j = 0; j < 4; j++) {
      a[j] = _mm256_fmadd_ps(_mm256_loadu_ps(q + j * qstride + i), r0, a[j]);
      c[j] = _mm256_fmadd_ps(_mm256_loadu_ps(q + j * qstride + i + 8), r1, c[j]);
    }
  }
  if (i + 8 <= d) {
    __m256 r0 = _mm256_loadu_ps(b + i);
    for (int j = 0; j < 4; j++) a[j] = _mm256_fmadd_ps(_mm256_loadu_ps(q + j * qstride + i), r0, a[j]);
    i += 8;
  }
  for (int j = 0; j < 4; j++) {
    float t = hsum256(_mm256_add_ps(a[j], c[j]));
    for (size_t x = i; x < d; x++) t += q[j * qstride + x] * b[x];
    out[j] = -t;
  }
}

__attribute__((target("avx2,fma"))) void l2x4_avx2(const float* q, size_t qstride, const float* b, size_t d, float* out) {
  __m256 a[4], c[4];
  for (int j = 0; j < 4; j++) { a[j] = _mm256_setzero_ps(); c[j] = _mm256_setzero_ps(); }
  size_t i = 0;
  for (; i + 16 <= d; i += 16) {
    __m256 r0 = _mm256_loadu_ps(b + i), r1 = _mm256_loadu_ps(b + i + 8);
    for (int j = 0; j < 4; j++) {
      __m256 x = _mm256_sub_ps(_mm256_loadu_ps(q + j * qstride + i), r0);
      __m256 y = _mm256_sub_ps(_mm256_loadu_ps(q + j * qstride + i + 8), r1);
      a[j] = _mm256_fmadd_ps(x, x, a[j]);
      c[j] = _mm256_fmadd_ps(y, y, c[j]);
    }
  }
  if (i + 8 <= d) {
    __m256 r0 = _mm256_loadu_ps(b + i);
    for (int j = 0; j < 4; j++) {
      __m256 x = _mm256_sub_ps(_mm256_loadu_ps(q + j * qstride + i), r0);
      a[j] = _mm256_fmadd_ps(x, x, a[j]);
    }
    i += 8;
  }
  for (int j = 0; j < 4; j++) {
    float t = hsum256(_mm256_add_ps(a[j], c[j]));
    for (size_t x = i; x < d; x++) { float y = q[j * qstride + x] - b[x]; t += y * y; }
    out[j] = t;
  }
}

using DistFn = float (*)(const float*, const float*, size_t);

bool has_avx2() {
  static const bool v = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return v;
}

bool force_portable = false;

DistFn pick(int metric) {
  bool simd = has_avx2() && !force_portable;
  switch (metric) {
    case DOT: return simd ? dot_avx2 : dot_scalar;
    case L2: return simd ? l2_avx2 : l2_scalar;
    default: return simd ? l1_avx2 : l1_scalar;
  }
}

// ---- top-k ----------------------------------------------------------------

struct TopK {
  size_t k;
  std::vector<std::pair<float, int32_t>> heap;  // max-heap on distance
  explicit TopK(size_t k_) : k(k_) { heap.reserve(k_ + 1); }
  inline float bound() const { return heap.size() < k ? INFINITY : heap.front().first; }
  inline void push(float d, int32_t label) {
    if (k == 0) return;
    if (heap.size() < k) {
      heap.emplace_back(d, label);
      std::push_heap(heap.begin(), heap.end());
    } else if (d < heap.front().first) {
      std::pop_heap(heap.begin(), heap.end());
      heap.back() = {d, label};
      std::push_heap(heap.begin(), heap.end());
    }
  }
  void sorted(std::vector<std::pair<float, int32_t>>& out) {
    out = heap;
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.first < b.first || (a.first == b.first && a.second < b.second); });
  }
};

// ---- row gathering ------------------------------------------------------------

// Rows selected by a filter are scattered over memory: fetching the rows a few
// iterations ahead hides most of the latency of those random accesses.
const size_t PREFETCH_AHEAD = 8;

inline void prefetch_row(const float* row, size_t dim) {
  const char* p = reinterpret_cast<const char*>(row);
  for (size_t off = 0; off < dim * sizeof(float); off += 64) _mm_prefetch(p + off, _MM_HINT_T0);
}

void scan_rows(const float* data, size_t rows, size_t dim, const float* q, const int32_t* labels, size_t count, DistFn dist, TopK& top) {
  for (size_t i = 0; i < count; i++) {
    if (i + PREFETCH_AHEAD < count) {
      int32_t ahead = labels[i + PREFETCH_AHEAD];
      if (ahead >= 0 && static_cast<size_t>(ahead) < rows) prefetch_row(data + static_cast<size_t>(ahead) * dim, dim);
    }
    int32_t l = labels[i];
    if (l < 0 || static_cast<size_t>(l) >= rows) continue;
    top.push(dist(q, data + static_cast<size_t>(l) * dim, dim), l);
  }
}

// ---- argument helpers --------------------------------------------------------

template <typename T>
T* typed(const Napi::Value& v, size_t* len, const char* what) {
  if (!v.IsTypedArray()) throw Napi::TypeError::New(v.Env(), std::string(what) + " must be a typed array");
  auto ta = v.As<Napi::TypedArray>();
  if (len) *len = ta.ElementLength();
  return reinterpret_cast<T*>(static_cast<uint8_t*>(ta.ArrayBuffer().Data()) + ta.ByteOffset());
}

Napi::Object result(Napi::Env env, std::vector<std::pair<float, int32_t>>& items) {
  auto labels = Napi::Int32Array::New(env, items.size());
  auto dists = Napi::Float32Array::New(env, items.size());
  for (size_t i = 0; i < items.size(); i++) { labels[i] = items[i].second; dists[i] = items[i].first; }
  auto o = Napi::Object::New(env);
  o.Set("labels", labels);
  o.Set("distances", dists);
  return o;
}

// scanLabels(data, dim, query, labels, count, metric, k)
Napi::Value ScanLabels(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  size_t n_data, n_labels;
  const float* data = typed<float>(info[0], &n_data, "data");
  size_t dim = info[1].As<Napi::Number>().Uint32Value();
  const float* q = typed<float>(info[2], nullptr, "query");
  const int32_t* labels = typed<int32_t>(info[3], &n_labels, "labels");
  size_t count = std::min<size_t>(info[4].As<Napi::Number>().Uint32Value(), n_labels);
  DistFn dist = pick(info[5].As<Napi::Number>().Int32Value());
  TopK top(info[6].As<Napi::Number>().Uint32Value());
  size_t rows = dim ? n_data / dim : 0;
  scan_rows(data, rows, dim, q, labels, count, dist, top);
  std::vector<std::pair<float, int32_t>> out;
  top.sorted(out);
  return result(env, out);
}

// scanBitmap(data, dim, query, words (Uint32Array), metric, k): rows whose bit is set.
Napi::Value ScanBitmap(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  size_t n_data, n_words;
  const float* data = typed<float>(info[0], &n_data, "data");
  size_t dim = info[1].As<Napi::Number>().Uint32Value();
  const float* q = typed<float>(info[2], nullptr, "query");
  const uint32_t* words = typed<uint32_t>(info[3], &n_words, "bitmap");
  DistFn dist = pick(info[4].As<Napi::Number>().Int32Value());
  TopK top(info[5].As<Napi::Number>().Uint32Value());
  size_t rows = dim ? n_data / dim : 0;
  std::vector<int32_t> labels;
  for (size_t w = 0; w < n_words; w++) {
    uint32_t bits = words[w];
    while (bits) {
      size_t l = w * 32 + __builtin_ctz(bits);
      bits &= bits - 1;
      if (l >= rows) break;
      labels.push_back(static_cast<int32_t>(l));
    }
  }
  scan_rows(data, rows, dim, q, labels.data(), labels.size(), dist, top);
  std::vector<std::pair<float, int32_t>> out;
  top.sorted(out);
  return result(env, out);
}

// scanBlock(data, dim, queries, nq, labels, count, metric, k): top-k per query
// over the same rows, four queries per pass over each row where SIMD allows.
Napi::Value ScanBlock(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  size_t n_data, n_labels;
  const float* data = typed<float>(info[0], &n_data, "data");
  size_t dim = info[1].As<Napi::Number>().Uint32Value();
  const float* qs = typed<float>(info[2], nullptr, "queries");
  size_t nq = info[3].As<Napi::Number>().Uint32Value();
  const int32_t* labels = typed<int32_t>(info[4], &n_labels, "labels");
  size_t count = std::min<size_t>(info[5].As<Napi::Number>().Uint32Value(), n_labels);
  int metric = info[6].As<Napi::Number>().Int32Value();
  size_t k = info[7].As<Napi::Number>().Uint32Value();
  size_t rows = dim ? n_data / dim : 0;
  std::vector<TopK> tops;
  tops.reserve(nq);
  for (size_t j = 0; j < nq; j++) tops.emplace_back(k);
  bool tiled = has_avx2() && !force_portable && (metric == DOT || metric == L2);
  DistFn dist = pick(metric);
  // Rows in tiles that stay in L1/L2 cache while every query tile passes over them.
  const size_t ROW_TILE = 256;
  float d4[4];
  for (size_t r0 = 0; r0 < count; r0 += ROW_TILE) {
    size_t r1 = std::min(count, r0 + ROW_TILE);
    size_t j = 0;
    if (tiled) {
      for (; j + 4 <= nq; j += 4) {
        const float* q = qs + j * dim;
        for (size_t r = r0; r < r1; r++) {
          int32_t l = labels[r];
          if (l < 0 || static_cast<size_t>(l) >= rows) continue;
          const float* row = data + static_cast<size_t>(l) * dim;
          if (metric == DOT) dot4_avx2(q, dim, row, dim, d4); else l2x4_avx2(q, dim, row, dim, d4);
          tops[j].push(d4[0], l); tops[j + 1].push(d4[1], l); tops[j + 2].push(d4[2], l); tops[j + 3].push(d4[3], l);
        }
      }
    }
    for (; j < nq; j++) {
      const float* q = qs + j * dim;
      for (size_t r = r0; r < r1; r++) {
        int32_t l = labels[r];
        if (l < 0 || static_cast<size_t>(l) >= rows) continue;
        tops[j].push(dist(q, data + static_cast<size_t>(l) * dim, dim), l);
      }
    }
  }
  auto arr = Napi::Array::New(env, nq);
  std::vector<std::pair<float, int32_t>> out;
  for (size_t j = 0; j < nq; j++) {
    tops[j].sorted(out);
    arr.Set(j, result(env, out));
  }
  return arr;
}

Napi::Value Features(const Napi::CallbackInfo& info) {
  auto o = Napi::Object::New(info.Env());
  o.Set("avx2", has_avx2());
  o.Set("simd", has_avx2() && !force_portable);
  return o;
}

Napi::Value SetPortable(const Napi::CallbackInfo& info) {
  force_portable = info[0].As<Napi::Boolean>().Value();
  return info.Env().Undefined();
}

}  // namespace

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("scanLabels", Napi::Function::New(env, ScanLabels));
  exports.Set("scanBitmap", Napi::Function::New(env, ScanBitmap));
  exports.Set("scanBlock", Napi::Function::New(env, ScanBlock));
  exports.Set("features", Napi::Function::New(env, Features));
  exports.Set("setPortable", Napi::Function::New(env, SetPortable));
  return exports;
}

NODE_API_MODULE(hqdb_kernel, Init)
