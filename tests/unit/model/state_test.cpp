// State: column storage and its defaults, council slices over the same storage, bfloat16
// rounding and the council's held money.
#include <catch2/catch.hpp>

#include "localism/model/state.hpp"

using namespace localism;

TEST_CASE("resize gives every column n values at their initial defaults", "[state]") {
    Communities c;
    c.resize(5);
    std::size_t columns = 0;
    CommunityColumns<StoredColumn>::zip(c, c, [&](auto& column, auto&) {
        CHECK(column.size() == 5);
        ++columns;
    });
    CHECK(columns == 27);  // every column is listed in zip
    CHECK(c.size() == 5);
    for (std::uint32_t i = 0; i < 5; ++i) {
        CHECK(c.stage[i] == Stage::kNone);
        CHECK(c.start_month[i] == -1);
        CHECK(c.flags[i] == 0);
        CHECK(c.cash_pence[i] == 0);
        CHECK(c.prize_stage[i] == PrizeStage::kNone);
    }
}

TEST_CASE("resize resets values already there", "[state]") {
    Communities c;
    c.resize(2);
    c.start_month[1] = 7;
    c.need[1] = 3.0f;
    c.resize(3);
    CHECK(c.start_month[1] == -1);
    CHECK(c.need[1] == 0.0f);
}

TEST_CASE("a slice is indexed by global id and maps to the same storage", "[state]") {
    Communities c;
    c.resize(10);
    CommunitySlice s = c.slice(4, 7);
    for (std::uint32_t i = 4; i < 7; ++i) {
        s.need[i] = static_cast<float>(i);
        s.stage[i] = Stage::kPlan;
        CHECK(&s.practice[i] == &c.practice[i]);
        CHECK(&s.cash_pence[i] == &c.cash_pence[i]);
    }
    c.cash_pence[5] = 123;  // writes through the storage are seen by the slice
    CHECK(s.cash_pence[5] == 123);
    for (std::uint32_t i = 0; i < 10; ++i) {
        const bool inside = i >= 4 && i < 7;
        CHECK(c.need[i] == (inside ? static_cast<float>(i) : 0.0f));
        CHECK(c.stage[i] == (inside ? Stage::kPlan : Stage::kNone));
    }
}

TEST_CASE("adjacent council slices are disjoint and together cover the population", "[state]") {
    Communities c;
    c.resize(9);
    const std::uint32_t bounds[] = {0, 2, 2, 9};  // the middle council is empty
    for (std::uint16_t k = 0; k < 3; ++k) {
        CommunitySlice s = c.slice(bounds[k], bounds[k + 1]);
        for (std::uint32_t i = bounds[k]; i < bounds[k + 1]; ++i)
            s.council[i] = static_cast<std::uint16_t>(s.council[i] + k + 1);
    }
    for (std::uint32_t i = 0; i < 9; ++i)
        CHECK(c.council[i] == (i < 2 ? 1 : 3));  // each written once, by its own council
}

TEST_CASE("bfloat16 keeps 8 significant bits and rounds to nearest, ties to even", "[state]") {
    for (const float exact : {0.0f, 1.0f, -2.5f, 255.0f, 256.0f, 0.0078125f})
        CHECK(from_bfloat16(to_bfloat16(exact)) == exact);
    CHECK(from_bfloat16(to_bfloat16(257.0f)) == 256.0f);  // tie: 256 has the even mantissa
    CHECK(from_bfloat16(to_bfloat16(259.0f)) == 260.0f);  // tie: 260 has the even mantissa
    CHECK(from_bfloat16(to_bfloat16(257.5f)) == 258.0f);  // above the tie: rounds up
    // Relative error at most 2^-9 for any value in range.
    for (const float x : {0.1f, 3.14159f, 1000.3f, 123456.7f})
        CHECK(from_bfloat16(to_bfloat16(x)) == Approx(x).epsilon(1.0 / 512.0));
}

TEST_CASE("a council holds the sum of its four budget lines", "[state]") {
    Council council;
    council.open_grants_pence = 1;
    council.contracts_pence = 20;
    council.nonfinancial_pence = 300;
    council.local_challenge_pence = 4000;
    CHECK(council.held_pence() == 4321);
}
