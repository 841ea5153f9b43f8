// Keyed random streams: same key, same draws; any key component changes the draws.
#include <catch2/catch.hpp>

#include "localism/core/rng.hpp"

using localism::KeyedStream;
using localism::Purpose;

TEST_CASE("a keyed stream repeats exactly for the same key", "[rng]") {
    KeyedStream a(42, 7, 3, Purpose::kEmergence);
    KeyedStream b(42, 7, 3, Purpose::kEmergence);
    for (int k = 0; k < 100; ++k)
        REQUIRE(a() == b());
}

TEST_CASE("seed, entity, tick and purpose each change the stream", "[rng]") {
    const auto first = [](KeyedStream s) { return s(); };
    const auto base = first(KeyedStream(42, 7, 3, Purpose::kEmergence));
    CHECK(base != first(KeyedStream(43, 7, 3, Purpose::kEmergence)));
    CHECK(base != first(KeyedStream(42, 8, 3, Purpose::kEmergence)));
    CHECK(base != first(KeyedStream(42, 7, 4, Purpose::kEmergence)));
    CHECK(base != first(KeyedStream(42, 7, 3, Purpose::kFinance)));
    CHECK(base != first(KeyedStream(42, 7 + (1ull << 32), 3, Purpose::kEmergence)));
}

TEST_CASE("uniform draws have mean 1/2 and variance 1/12 within 4 standard errors", "[rng]") {
    const int n = 200000;
    double sum = 0.0, square = 0.0;
    for (int i = 0; i < n; ++i) {
        const double u =
            KeyedStream(1, static_cast<std::uint64_t>(i), 0, Purpose::kNeedNoise).uniform();
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        sum += u;
        square += u * u;
    }
    const double mean = sum / n;
    CHECK(std::abs(mean - 0.5) < 4.0 * std::sqrt(1.0 / 12.0 / n));
    CHECK(std::abs(square / n - mean * mean - 1.0 / 12.0) < 0.002);
}

TEST_CASE("below(n) stays in range and covers it evenly", "[rng]") {
    std::vector<int> counts(10, 0);
    KeyedStream s(5, 1, 1, Purpose::kNetwork);
    for (int k = 0; k < 100000; ++k)
        ++counts[s.below(10)];
    for (int c : counts)
        CHECK(std::abs(c - 10000) < 500);
}
