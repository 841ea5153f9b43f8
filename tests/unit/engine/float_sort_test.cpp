// The radix sort behind the community Gini: same order as std::sort, any thread count.
#include <tbb/global_control.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>
#include <vector>

#include "localism/core/rng.hpp"
#include "localism/engine/float_sort.hpp"

using namespace localism;

namespace {
std::vector<float> sample(std::size_t n) {
    std::vector<float> values(n);
    for (std::size_t i = 0; i < n; ++i) {
        KeyedStream stream(5, i, 0, Purpose::kNeedNoise);
        const double u = stream.uniform();
        // Mostly need-like values, with zeros, negative zeros, negatives and repeats mixed in.
        values[i] = u < 0.05   ? 0.0f
                    : u < 0.07 ? -0.0f
                    : u < 0.1  ? -static_cast<float>(stream.uniform())
                    : u < 0.2  ? 100.0f
                               : static_cast<float>(200.0 * stream.uniform());
    }
    return values;
}
}  // namespace

TEST_CASE("sorted_float_keys orders like std::sort at any size and thread count", "[float_sort]") {
    for (std::size_t n : {0u, 1u, 17u, 4095u, 4096u, 70000u, 300001u}) {
        const std::vector<float> values = sample(n);
        std::vector<float> expected = values;
        std::sort(expected.begin(), expected.end());
        for (int threads : {1, 2, 5}) {
            tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                            static_cast<std::size_t>(threads));
            const std::vector<std::uint32_t> keys = sorted_float_keys(values);
            REQUIRE(keys.size() == n);
            REQUIRE(std::is_sorted(keys.begin(), keys.end()));
            for (std::size_t k = 0; k < n; ++k) {
                REQUIRE(key_to_float(keys[k]) == expected[k]);  // -0.0 == 0.0, as in any sum
            }
        }
    }
}

TEST_CASE("float keys round-trip every bit pattern class", "[float_sort]") {
    for (float x : {0.0f, -0.0f, 1.0f, -1.0f, 3.5e-40f, -3.5e-40f, 1e30f, -1e30f}) {
        const float back = key_to_float(float_key(x));
        REQUIRE(std::memcmp(&back, &x, sizeof x) == 0);
    }
    REQUIRE(float_key(-1.0f) < float_key(-0.0f));
    REQUIRE(float_key(-0.0f) < float_key(0.0f));
    REQUIRE(float_key(0.0f) < float_key(1e-40f));
}
