// OpenBLAS sgemm at the shapes bench/core/kernels.ts measures scanGroup on: the
// nq x rows matrix of dot products Q * X^T, one thread, no masks and no top-k (so
// an upper bound for what a BLAS-based scanGroup could reach). Not part of the
// addon; it justifies not depending on a BLAS.
//
//   apt-get install -y libopenblas-dev
//   g++ -O2 -o /tmp/sgemm bench/core/sgemm-openblas.cc -lopenblas && OPENBLAS_NUM_THREADS=1 /tmp/sgemm

#include <cblas.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

extern "C" void openblas_set_num_threads(int);

static double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

int main() {
  openblas_set_num_threads(1);
  const int queries[] = {1, 4, 16, 64, 256};
  const int rows[] = {1000, 10000, 100000};
  const int dims[] = {100, 128, 784};
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(-0.5f, 0.5f);
  std::printf("{\"openblas\": \"%s\", \"threads\": 1, \"gflops\": [\n", openblas_get_config());
  bool first = true;
  for (int dim : dims) {
    std::vector<float> x(static_cast<size_t>(100000) * dim), q(256 * dim);
    for (auto& v : x) v = u(rng);
    for (auto& v : q) v = u(rng);
    for (int n : rows) {
      std::vector<float> c(static_cast<size_t>(256) * n);
      for (int nq : queries) {
        double flops = 2.0 * dim * n * nq;
        if (flops > 8e9) continue;  // as kernels.ts
        double best = 1e9;
        double end = now() + 0.15;
        do {
          double t = now();
          // C (nq x n) = Q (nq x dim) * X^T (dim x n), row-major.
          cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, nq, n, dim, 1.0f, q.data(), dim, x.data(), dim, 0.0f, c.data(), n);
          best = std::min(best, now() - t);
        } while (now() < end);
        std::printf("%s  {\"dim\": %d, \"rows\": %d, \"queries\": %d, \"gflops\": %.2f}", first ? "" : ",\n", dim, n, nq, flops / best / 1e9);
        first = false;
      }
    }
  }
  std::printf("\n]}\n");
}
