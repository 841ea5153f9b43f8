// Transferable know-how: the NK landscape and the search and copying rules on it.
#include "localism/model/knowhow.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>

#include "localism/model/knowhow_maximum.hpp"

namespace localism {

namespace {

// Choice j's K interaction partners: a partial Fisher-Yates shuffle of the other choices.
void draw_loci(KeyedStream& stream, int choices, int interactions, int j,
               std::vector<std::uint8_t>& loci) {
    std::vector<std::uint8_t> others;
    for (int x = 0; x < choices; ++x) {
        if (x != j)
            others.push_back(static_cast<std::uint8_t>(x));
    }
    loci.push_back(static_cast<std::uint8_t>(j));
    for (int t = 0; t < interactions; ++t) {
        const auto left = static_cast<std::uint32_t>(others.size()) - static_cast<std::uint32_t>(t);
        std::swap(others[static_cast<std::size_t>(t)],
                  others[static_cast<std::size_t>(t) + stream.below(left)]);
        loci.push_back(others[static_cast<std::size_t>(t)]);
    }
}

std::vector<std::uint16_t> gather_tables(const KnowhowLandscape& landscape) {
    const int width = landscape.interactions + 1;
    std::vector<std::uint16_t> gather(static_cast<std::size_t>(landscape.choices) * 3 * 256, 0);
    for (int j = 0; j < landscape.choices; ++j) {
        const std::uint8_t* loci = &landscape.loci[static_cast<std::size_t>(j * width)];
        for (int b = 0; b < width; ++b) {
            const int byte = loci[b] / 8, bit = loci[b] % 8;
            std::uint16_t* table = &gather[(static_cast<std::size_t>(j) * 3 + byte) * 256];
            for (unsigned v = 0; v < 256; ++v)
                table[v] |= static_cast<std::uint16_t>(((v >> bit) & 1u) << b);
        }
    }
    return gather;
}

}  // namespace

KnowhowLandscape build_knowhow_landscape(std::uint64_t seed, int choices, int interactions) {
    assert(choices >= 1 && choices <= 24 && interactions >= 0 && interactions < choices);
    KnowhowLandscape landscape;
    landscape.choices = choices;
    landscape.interactions = interactions;
    const std::size_t row = std::size_t{1} << (interactions + 1);
    for (int j = 0; j < choices; ++j) {
        KeyedStream stream(seed, static_cast<std::uint64_t>(j), 0, Purpose::kKnowhowLandscape);
        draw_loci(stream, choices, interactions, j, landscape.loci);
        for (std::size_t r = 0; r < row; ++r)
            landscape.contributions.push_back(stream.uniform());
    }
    landscape.gather = gather_tables(landscape);
    landscape.max_value = knowhow_maximum(landscape);
    return landscape;
}

KnowhowLandscape build_knowhow_landscape(const Scenario& s) {
    if (!s.knowhow.enabled)
        return {};
    return build_knowhow_landscape(static_cast<std::uint64_t>(s.run.seed),
                                   static_cast<int>(s.knowhow.choices),
                                   static_cast<int>(s.knowhow.interactions));
}

double knowhow_value(const KnowhowLandscape& landscape, KnowhowChoices choices) {
    const std::size_t row = std::size_t{1} << (landscape.interactions + 1);
    double sum = 0.0;
    for (int j = 0; j < landscape.choices; ++j)
        sum += landscape.contributions[static_cast<std::size_t>(j) * row +
                                       knowhow_row_index(landscape, j, choices)];
    return sum / landscape.choices;
}

double knowhow_score(const KnowhowLandscape& landscape, KnowhowChoices choices) {
    const double ratio = knowhow_value(landscape, choices) / landscape.max_value;
    const double squared = ratio * ratio;
    const double fourth = squared * squared;
    return fourth * fourth;  // ^8 (Lazer & Friedman's spread of scores)
}

double knowhow_factor(const KnowhowParams& p, double score) {
    return (1.0 - p.weight) + p.weight * score;
}

KnowhowChoices random_choices(int choices, KeyedStream& stream) {
    const KnowhowChoices bits = stream();
    return choices >= 32 ? bits : bits & ((KnowhowChoices{1} << choices) - 1u);
}

bool local_search_step(const KnowhowLandscape& landscape, KnowhowChoices& choices,
                       KeyedStream& stream) {
    const KnowhowChoices trial =
        choices ^
        (KnowhowChoices{1} << stream.below(static_cast<std::uint32_t>(landscape.choices)));
    if (knowhow_value(landscape, trial) <= knowhow_value(landscape, choices))
        return false;
    choices = trial;
    return true;
}

bool copy_if_better(const KnowhowLandscape& landscape, KnowhowChoices& own, KnowhowChoices peer) {
    if (knowhow_value(landscape, peer) <= knowhow_value(landscape, own))
        return false;
    own = peer;
    return true;
}

}  // namespace localism
