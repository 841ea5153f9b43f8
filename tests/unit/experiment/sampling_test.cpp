// Seeds and unit-cube designs: the structural properties the analysis relies on.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "localism/experiment/sampling.hpp"

using namespace localism::experiment;

TEST_CASE("replicate seeds are deterministic, distinct across replicates and in run.seed's range",
          "[experiment]") {
    std::set<std::uint64_t> seeds;
    for (std::int64_t r = 0; r < 1000; ++r) {
        const std::uint64_t seed = replicate_seed(42, r);
        CHECK(seed == replicate_seed(42, r));
        CHECK(seed < 9'000'000'000'000'000ull);
        seeds.insert(seed);
    }
    CHECK(seeds.size() == 1000);
    CHECK(replicate_seed(42, 0) != replicate_seed(43, 0));
}

TEST_CASE("a full-factorial grid has the product of the value counts, each tuple once",
          "[experiment]") {
    const auto grid = grid_indices({3, 2, 4});
    REQUIRE(grid.size() == 24);
    std::set<std::vector<std::size_t>> distinct(grid.begin(), grid.end());
    CHECK(distinct.size() == 24);
    CHECK(grid.front() == std::vector<std::size_t>{0, 0, 0});
    CHECK(grid[1] == std::vector<std::size_t>{0, 0, 1});  // last parameter varies fastest
    CHECK(grid.back() == std::vector<std::size_t>{2, 1, 3});
}

TEST_CASE("a Latin hypercube hits each of the n strata once in every dimension", "[experiment]") {
    const std::size_t n = 37, k = 5;
    const auto points = latin_hypercube(n, k, 9);
    REQUIRE(points.size() == n);
    for (std::size_t d = 0; d < k; ++d) {
        std::set<std::size_t> strata;
        for (const auto& p : points) {
            REQUIRE(p[d] >= 0.0);
            REQUIRE(p[d] < 1.0);
            strata.insert(static_cast<std::size_t>(std::floor(p[d] * static_cast<double>(n))));
        }
        CHECK(strata.size() == n);
    }
    CHECK(latin_hypercube(n, k, 9) == points);
}

TEST_CASE("Saltelli rows come as A_j, B_j, AB_j^(1..k) with AB^(i) = A except column i from B",
          "[experiment]") {
    const std::size_t n = 16, k = 3;
    const auto rows = saltelli(n, k);
    REQUIRE(rows.size() == n * (k + 2));
    for (std::size_t j = 0; j < n; ++j) {
        const auto* block = &rows[j * (k + 2)];
        const auto& a = block[0].point;
        const auto& b = block[1].point;
        CHECK(block[0].role == 0);
        CHECK(block[1].role == 1);
        for (std::size_t i = 0; i < k; ++i) {
            const auto& ab = block[2 + i];
            CHECK(ab.role == static_cast<int>(2 + i));
            CHECK(ab.base_sample == j);
            for (std::size_t c = 0; c < k; ++c)
                CHECK(ab.point[c] == (c == i ? b[c] : a[c]));
        }
    }
    // A and B are different Sobol dimensions, not copies of each other (single points may
    // coincide).
    for (std::size_t c = 0; c < k; ++c) {
        std::size_t differ = 0;
        for (std::size_t j = 0; j < n; ++j) {
            differ += rows[j * (k + 2)].point[c] != rows[j * (k + 2) + 1].point[c] ? 1 : 0;
        }
        CHECK(differ > n / 2);
    }
    // A Sobol sequence fills each half of [0,1) equally well: 8 of the 16 first points per half.
    std::size_t low = 0;
    for (std::size_t j = 0; j < n; ++j)
        low += rows[j * (k + 2)].point[0] < 0.5 ? 1 : 0;
    CHECK(low == n / 2);
}

TEST_CASE("each Morris step moves exactly one coordinate by +-delta and stays on the grid",
          "[experiment]") {
    const std::size_t r = 20, k = 4;
    const int levels = 4;
    const double delta = levels / (2.0 * (levels - 1));
    const auto rows = morris(r, k, levels, 5);
    REQUIRE(rows.size() == r * (k + 1));
    for (std::size_t t = 0; t < r; ++t) {
        std::set<std::size_t> moved;
        for (std::size_t s = 1; s <= k; ++s) {
            const auto& before = rows[t * (k + 1) + s - 1].point;
            const auto& after = rows[t * (k + 1) + s].point;
            CHECK(rows[t * (k + 1) + s].step == static_cast<int>(s));
            std::size_t changed = 0;
            for (std::size_t c = 0; c < k; ++c) {
                if (std::abs(after[c] - before[c]) > 1e-12) {
                    ++changed;
                    moved.insert(c);
                    CHECK(std::abs(std::abs(after[c] - before[c]) - delta) < 1e-12);
                }
                CHECK(after[c] >= -1e-12);
                CHECK(after[c] <= 1.0 + 1e-12);
            }
            CHECK(changed == 1);
        }
        CHECK(moved.size() == k);  // every parameter moves once per trajectory
    }
}
