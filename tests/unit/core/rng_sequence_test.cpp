// KeyedStream's lazy blocks reproduce r123::MicroURNG<Philox4x32> word for word, and a skipped
// certain draw leaves every later draw unchanged.
#include <Random123/philox.h>
// clang-format off
#include <Random123/MicroURNG.hpp>
// clang-format on

#include <catch2/catch.hpp>

#include "localism/core/rng.hpp"

using localism::KeyedStream;
using localism::Purpose;

namespace {
r123::MicroURNG<r123::Philox4x32> reference(std::uint64_t seed, std::uint64_t entity,
                                            std::int64_t tick, Purpose purpose) {
    const auto entity_high = static_cast<std::uint32_t>(entity >> 32) & 0x00FFFFFFu;
    const r123::Philox4x32::ctr_type counter{
        {static_cast<std::uint32_t>(entity),
         entity_high | (static_cast<std::uint32_t>(purpose) << 24),
         static_cast<std::uint32_t>(tick), 0u}};
    const r123::Philox4x32::ukey_type key{
        {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
    return {counter, key};
}
}  // namespace

TEST_CASE("a keyed stream yields MicroURNG's words", "[rng]") {
    for (std::uint64_t entity : {0ull, 7ull, (1ull << 40) + 3}) {
        KeyedStream stream(42, entity, 5, Purpose::kKnowledgeExplore);
        auto expected = reference(42, entity, 5, Purpose::kKnowledgeExplore);
        for (int k = 0; k < 37; ++k)
            REQUIRE(stream() == expected());
    }
}

TEST_CASE("certain bernoulli draws use up one word without changing later draws", "[rng]") {
    for (int skipped = 0; skipped < 9; ++skipped) {
        KeyedStream stream(3, 11, 2, Purpose::kEmergence);
        auto expected = reference(3, 11, 2, Purpose::kEmergence);
        for (int k = 0; k < skipped; ++k) {
            const bool certain_yes = k % 2 == 0;
            REQUIRE(stream.bernoulli(certain_yes ? 1.0 : 0.0) == certain_yes);
            expected();
        }
        for (int k = 0; k < 6; ++k)
            REQUIRE(stream() == expected());
    }
}
