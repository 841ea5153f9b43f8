// Experimental designs on the unit cube: seeds per replicate, full-factorial grids, Latin
// hypercubes, Saltelli (Sobol) and Morris designs. Pure functions, deterministic in their seeds.
#pragma once

#include <cstdint>
#include <vector>

namespace localism::experiment {

using UnitPoint = std::vector<double>;  // one coordinate per parameter, each in [0, 1]

// SplitMix64 finaliser: a bijective, well-mixed 64-bit hash.
std::uint64_t splitmix64(std::uint64_t x);

// Seed of replicate `replicate`: depends only on the master seed and the replicate index, so
// every arm and design point of replicate r sees the same random numbers (common random numbers).
// Kept to 52 bits so it is within run.seed's range and exact in any float64 column.
std::uint64_t replicate_seed(std::uint64_t master_seed, std::int64_t replicate);

// A small deterministic stream for the designs themselves (identical on every platform, unlike
// the std distributions).
class DesignRandom {
  public:
    explicit DesignRandom(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();
    double uniform();                          // [0, 1)
    std::uint64_t below(std::uint64_t bound);  // [0, bound)
  private:
    std::uint64_t state_;
};

// Index tuples of a full-factorial grid, last parameter varying fastest.
std::vector<std::vector<std::size_t>> grid_indices(const std::vector<std::size_t>& counts);

// n points; in each dimension every stratum [s/n, (s+1)/n) holds exactly one point.
std::vector<UnitPoint> latin_hypercube(std::size_t n, std::size_t k, std::uint64_t seed);

struct SaltelliRow {
    std::size_t base_sample = 0;  // j
    int role = 0;                 // 0 = A_j, 1 = B_j, 1 + i = AB_j^(i) for i = 1..k
    UnitPoint point;
};
// Saltelli design over a 2k-dimensional Sobol sequence (first k columns A, last k B); rows in
// the order A_j, B_j, AB_j^(1..k) for each j. The all-zero first Sobol point is skipped.
std::vector<SaltelliRow> saltelli(std::size_t n, std::size_t k);

struct MorrisRow {
    std::size_t trajectory = 0;
    int step = 0;  // 0..k; step s > 0 moves exactly one coordinate by +-delta from step s-1
    UnitPoint point;
};
// `trajectories` elementary-effects trajectories on a `levels`-point grid of [0, 1] with
// delta = levels / (2 (levels - 1)), as in Morris (1991) and Saltelli et al. (2008).
std::vector<MorrisRow> morris(std::size_t trajectories, std::size_t k, int levels,
                              std::uint64_t seed);

}  // namespace localism::experiment
