// Knowledge sharing run alone on a test world: copying a better peer, ignoring a worse one,
// programme members left alone, broadcast of the national template, adaptation.
#include <catch2/catch.hpp>

#include "localism/model/knowledge.hpp"
#include "test_world.hpp"

using namespace localism;

namespace {

// Two communities (two councils) in well-mixed contact, so each one's only peer is the other;
// every group observes every month, nobody explores, adapts or gains ownership, so a copy is the
// only thing that can move practice.
std::map<std::string, std::string> copy_only(double copy_weight) {
    return {{"network.type", "well_mixed"},
            {"knowledge.observe_probability_per_month", "1"},
            {"knowledge.explore_probability_per_month", "0"},
            {"knowledge.adapt_rate_per_month", "0"},
            {"knowledge.ownership_gain_per_month", "0"},
            {"knowledge.ownership_loss_on_copy", "0.25"},
            {"knowledge.copy_weight", std::to_string(copy_weight)}};
}

// Makes community i an active group with the given practice, ownership and effectiveness.
void set_group(Communities& c, std::uint32_t i, const Vector4& practice, float ownership,
               float effectiveness) {
    c.stage[i] = Stage::kActive;
    c.practice[i] = practice;
    c.ownership[i] = ownership;
    c.effectiveness[i] = effectiveness;
}

}  // namespace

TEST_CASE("a group copies a better peer's practice by copy_weight and loses ownership",
          "[knowledge]") {
    testing::TestWorld world(2, copy_only(0.5));
    Communities& c = world.communities();
    set_group(c, 0, {0.0f, 0.0f, 0.0f, 0.0f}, 0.75f, 0.25f);
    set_group(c, 1, {1.0f, 2.0f, -1.0f, 4.0f}, 0.5f, 0.75f);
    world.next_month();
    world.run_councils(&step_knowledge);
    CHECK(c.practice[0] == Vector4{0.5f, 1.0f, -0.5f, 2.0f});  // halfway: exact in binary
    CHECK(c.ownership[0] == 0.5f);                             // 0.75 - 0.25
    SECTION("the better group does not copy the worse one") {
        CHECK(c.practice[1] == Vector4{1.0f, 2.0f, -1.0f, 4.0f});
        CHECK(c.ownership[1] == 0.5f);
    }
}

TEST_CASE("a copy uses last month's peer values, not values changed this month", "[knowledge]") {
    testing::TestWorld world(2, copy_only(1.0));
    Communities& c = world.communities();
    set_group(c, 0, {0.0f, 0.0f, 0.0f, 0.0f}, 1.0f, 0.25f);
    set_group(c, 1, {1.0f, 1.0f, 1.0f, 1.0f}, 1.0f, 0.75f);
    world.next_month();
    c.practice[1] = {9.0f, 9.0f, 9.0f, 9.0f};  // this month's change, invisible to peers
    c.effectiveness[0] = 1.0f;                 // so is this one
    world.run_councils(&step_knowledge);
    CHECK(c.practice[0] == Vector4{1.0f, 1.0f, 1.0f, 1.0f});
}

TEST_CASE("an equally good, inactive or dissolved peer is not copied", "[knowledge]") {
    for (const Stage peer_stage : {Stage::kActive, Stage::kDormant, Stage::kDissolved}) {
        testing::TestWorld world(2, copy_only(0.5));
        Communities& c = world.communities();
        const float peer_effectiveness = peer_stage == Stage::kActive ? 0.25f : 0.75f;
        set_group(c, 0, {0.0f, 0.0f, 0.0f, 0.0f}, 0.75f, 0.25f);
        set_group(c, 1, {1.0f, 1.0f, 1.0f, 1.0f}, 0.5f, peer_effectiveness);
        c.stage[1] = peer_stage;
        world.next_month();
        world.run_councils(&step_knowledge);
        CHECK(c.practice[0] == Vector4{0.0f, 0.0f, 0.0f, 0.0f});
        CHECK(c.ownership[0] == 0.75f);
    }
}

TEST_CASE("programme members keep the imposed template and their ownership", "[knowledge]") {
    auto overrides = copy_only(0.5);
    overrides["knowledge.adapt_rate_per_month"] = "0.5";
    overrides["knowledge.ownership_gain_per_month"] = "0.1";
    testing::TestWorld world(2, overrides);
    Communities& c = world.communities();
    set_group(c, 0, {3.0f, 3.0f, 3.0f, 3.0f}, 0.15f, 0.25f);
    set_group(c, 1, {1.0f, 1.0f, 1.0f, 1.0f}, 0.5f, 0.75f);
    c.flags[0] |= kFlagProgrammeMember;
    world.next_month();
    world.run_councils(&step_knowledge);
    CHECK(c.practice[0] == Vector4{3.0f, 3.0f, 3.0f, 3.0f});
    CHECK(c.ownership[0] == 0.15f);
}

TEST_CASE("owned practice adapts towards context by the adapt rate and ownership grows",
          "[knowledge]") {
    auto overrides = copy_only(0.5);
    overrides["knowledge.observe_probability_per_month"] = "0";
    overrides["knowledge.adapt_rate_per_month"] = "0.25";
    overrides["knowledge.ownership_gain_per_month"] = "0.125";
    testing::TestWorld world(2, overrides);
    Communities& c = world.communities();
    c.context[0] = {4.0f, 0.0f, -4.0f, 8.0f};
    set_group(c, 0, {0.0f, 0.0f, 0.0f, 0.0f}, 0.5f, 0.0f);
    c.ownership[1] = 0.5f;  // community 1 has no group: untouched
    world.next_month();
    world.run_councils(&step_knowledge);
    CHECK(c.practice[0] == Vector4{1.0f, 0.0f, -1.0f, 2.0f});
    CHECK(c.ownership[0] == 0.625f);
    CHECK(c.ownership[1] == 0.5f);
    c.ownership[0] = 0.95f;  // ownership saturates at 1
    world.next_month();
    world.run_councils(&step_knowledge);
    CHECK(c.ownership[0] == 1.0f);
}

TEST_CASE("broadcast pulls non-members towards the national template and costs ownership",
          "[knowledge]") {
    auto overrides = copy_only(0.5);
    overrides["centralised.broadcast_rate_per_month"] = "1";
    testing::TestWorld world(2, overrides);
    Communities& c = world.communities();
    set_group(c, 0, {0.0f, 0.0f, 0.0f, 0.0f}, 0.75f, 0.25f);
    set_group(c, 1, {1.0f, 1.0f, 1.0f, 1.0f}, 0.75f, 0.75f);
    c.flags[1] |= kFlagProgrammeMember;
    CentralGovernment& central = world.state().central;
    SECTION("without a template there is nothing to broadcast: peers are copied") {
        world.next_month();
        world.run_councils(&step_knowledge);
        CHECK(c.practice[0] == Vector4{0.5f, 0.5f, 0.5f, 0.5f});
    }
    SECTION("with a template, broadcast replaces peer learning") {
        central.has_template = true;
        central.template_practice = {-2.0f, 2.0f, -2.0f, 2.0f};
        world.next_month();
        world.run_councils(&step_knowledge);
        CHECK(c.practice[0] == Vector4{-1.0f, 1.0f, -1.0f, 1.0f});
        CHECK(c.ownership[0] == 0.5f);
        CHECK(c.practice[1] == Vector4{1.0f, 1.0f, 1.0f, 1.0f});  // a member: left alone
    }
}

TEST_CASE("knowledge sharing switched off changes nothing", "[knowledge]") {
    auto overrides = copy_only(0.5);
    overrides["knowledge.enabled"] = "false";
    testing::TestWorld world(2, overrides);
    Communities& c = world.communities();
    set_group(c, 0, {0.0f, 0.0f, 0.0f, 0.0f}, 0.75f, 0.25f);
    set_group(c, 1, {1.0f, 1.0f, 1.0f, 1.0f}, 0.5f, 0.75f);
    world.next_month();
    world.run_councils(&step_knowledge);
    CHECK(c.practice[0] == Vector4{0.0f, 0.0f, 0.0f, 0.0f});
}
