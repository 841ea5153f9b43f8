// Counter-based random streams keyed by (seed, entity, tick, purpose).
// Every draw in the model comes from a stream built here, so a result never depends on which
// thread or process evaluated an entity, nor on the order entities were visited (CovidSim #116).
#pragma once

#include <Random123/philox.h>

#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cstdint>

namespace localism {

// One enumerator per random decision in the model. Values are part of the output contract:
// renumbering them changes every result, so only append.
enum class Purpose : std::uint32_t {
    kInitialisation = 1,
    kNeedNoise = 2,
    kEmergence = 3,
    kPlanProgress = 4,
    kDissolution = 5,
    kApplication = 6,
    kScoringNoise = 7,
    kKnowledgeObserve = 8,
    kKnowledgeExplore = 9,
    kNetwork = 10,
    kPilotSelection = 11,
    kRolloutOrder = 12,
    kPrizeEntry = 13,
    kPrizeJudging = 14,
    kSupport = 15,
    kFinance = 16,
    kCouncilInit = 17,
    kContext = 18,
    kCascade = 19,
    kInitialActive = 20,
    kKnowhowLandscape = 21,  // the run's NK landscape, keyed by design choice
    kKnowhowDesign = 22,     // a locally designed practice's initial choices
    kKnowhowSearch = 23,     // local search: which choice to flip
    kLeaderOutreach = 24,    // keyed by the council's first community: who is reached
    kLeaderLoss = 25,        // a successor's leadership
    kExistingSector = 26,
    kGrantCliff = 27,
    kLeaderLossGaps = 28,  // keyed by the council's first community: who loses a leader
    kProgrammeJoin = 29,   // a group with its own initiative decides whether to join
    kCouncilTraits = 32,   // keyed by council index, tick 0: skill, outreach, support (ODD 7.5)
    kSimilarLearningTies = 37,  // keyed by community, tick 0: learning ties to similar councils
};

// A uniform random bit generator over one (seed, entity, tick, purpose) key, usable with any
// Boost.Random distribution (portable across platforms, unlike std:: distributions).
// The word sequence is exactly r123::MicroURNG<Philox4x32>'s (block b is Philox of the counter
// with b in its last word, words taken from the top of the block down), but a block is only
// computed when one of its words is read: a draw whose outcome is certain (bernoulli with p <= 0
// or p >= 1) skips its word without running Philox, and leaves every later draw unchanged.
class KeyedStream {
  public:
    using Philox = r123::Philox4x32;
    using result_type = Philox::ctr_type::value_type;

    KeyedStream(std::uint64_t seed, std::uint64_t entity, std::int64_t tick, Purpose purpose)
        : counter_(make_counter(entity, tick, purpose)), key_(make_key(seed)) {}

    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return ~result_type{0}; }
    result_type operator()() {
        if (remaining_ == 0) {
            remaining_ = kWordsPerBlock;
            ++blocks_;
            computed_ = false;
        }
        if (!computed_)
            compute_block();
        return block_[--remaining_];
    }

    // Uniform double in [0, 1): one 32-bit word (boost's uniform_01 on a 32-bit engine).
    double uniform() { return boost::random::uniform_01<double>{}(*this); }
    double normal(double mean = 0.0, double sd = 1.0) {
        return boost::random::normal_distribution<double>{mean, sd}(*this);
    }
    // uniform() < probability; a certain outcome still uses up its word, so later draws match.
    bool bernoulli(double probability) {
        if (probability <= 0.0 || probability >= 1.0) {
            skip_word();
            return probability >= 1.0;
        }
        return uniform() < probability;
    }
    // Uniform integer in [0, n) by Lemire's multiply-shift; n must be > 0 and < 2^32.
    std::uint32_t below(std::uint32_t n) {
        return static_cast<std::uint32_t>((static_cast<std::uint64_t>((*this)()) * n) >> 32);
    }

  private:
    static constexpr unsigned kWordsPerBlock = 4;

    static Philox::ctr_type make_counter(std::uint64_t entity, std::int64_t tick, Purpose purpose) {
        // The last word is the block counter. Entity keys use 56 bits (pair keys such as
        // council x round fit), the purpose the top 8 bits of the second word.
        const auto entity_high = static_cast<std::uint32_t>(entity >> 32) & 0x00FFFFFFu;
        return {{static_cast<std::uint32_t>(entity),
                 entity_high | (static_cast<std::uint32_t>(purpose) << 24),
                 static_cast<std::uint32_t>(tick), 0u}};
    }
    static Philox::ukey_type make_key(std::uint64_t seed) {
        return {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
    }
    void skip_word() {
        if (remaining_ == 0) {
            remaining_ = kWordsPerBlock;
            ++blocks_;
            computed_ = false;
        }
        --remaining_;
    }
    void compute_block() {
        Philox::ctr_type c = counter_;
        c[kWordsPerBlock - 1] = blocks_ - 1;
        block_ = Philox{}(c, key_);
        computed_ = true;
    }

    Philox::ctr_type counter_;
    Philox::key_type key_;
    Philox::ctr_type block_{};
    std::uint32_t blocks_ = 0;  // blocks started so far; the current one is blocks_ - 1
    unsigned remaining_ = 0;    // words of the current block not yet used
    bool computed_ = false;     // block_ holds the current block
};

}  // namespace localism
