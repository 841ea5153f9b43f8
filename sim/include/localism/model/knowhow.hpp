// Transferable know-how (ODD 7.14): a practice's N binary design choices valued on one NK
// landscape per run (Kauffman 1993; Lazer & Friedman 2007). Unlike fit, the value of a set of
// choices holds everywhere, so it can be learnt from peers; local search stalls on local peaks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "localism/core/rng.hpp"
#include "localism/scenario/scenario.hpp"

namespace localism {

// Design choices of one practice: bit j is choice j (N <= 24).
using KnowhowChoices = std::uint32_t;

// The run's NK landscape, built once before the first month and read-only afterwards (shared
// with council processes through PeerView). Empty when the mechanism is off.
struct KnowhowLandscape {
    int choices = 0;       // N
    int interactions = 0;  // K
    // For choice j: the bit positions of j and its K partners, (K + 1) per choice; the bits read
    // in that order form the index into j's row of contributions.
    std::vector<std::uint8_t> loci;
    std::vector<double> contributions;  // N rows of 2^(K+1) values, uniform on [0, 1)
    // gather[(3 j + b) x 256 + v]: the bits of j's row index that byte b of the choices supplies
    // when it has value v. Three lookups replace K + 1 single-bit extractions per choice
    // (knowhow_value runs for every active group every month).
    std::vector<std::uint16_t> gather;
    double max_value = 1.0;  // V_max: global maximum by exhaustive search
    bool empty() const { return choices == 0; }
};

// Draws the landscape from keyed streams (seed, choice j, 0, kKnowhowLandscape): the same for
// any thread count. Finds V_max exactly by branch and bound (knowhow_maximum.hpp).
KnowhowLandscape build_knowhow_landscape(std::uint64_t seed, int choices, int interactions);
// Builds the run's landscape, or an empty one when knowhow.enabled is false.
KnowhowLandscape build_knowhow_landscape(const Scenario& s);

// Index into choice j's row of contributions: the bits of `choices` at j's K + 1 loci.
inline std::size_t knowhow_row_index(const KnowhowLandscape& landscape, int j,
                                     KnowhowChoices choices) {
    const std::uint16_t* gather = &landscape.gather[static_cast<std::size_t>(j) * 3 * 256];
    return gather[choices & 255u] | gather[256 + ((choices >> 8) & 255u)] |
           gather[512 + ((choices >> 16) & 255u)];
}
// V in [0, 1): mean contribution of the N choices.
double knowhow_value(const KnowhowLandscape& landscape, KnowhowChoices choices);
// Lazer & Friedman's normalised score in [0, 1]: (V / V_max)^8.
double knowhow_score(const KnowhowLandscape& landscape, KnowhowChoices choices);

// Multiplier on an initiative's effect: (1 - weight) + weight x score; weight 0 is no
// transferable know-how (the model before 7.14).
double knowhow_factor(const KnowhowParams& p, double score);

// Uniformly random choices: a locally designed practice, drawn from `stream`.
KnowhowChoices random_choices(int choices, KeyedStream& stream);
// One step of local search: flips one random choice and keeps the flip if the score rises.
// Returns whether it was kept.
bool local_search_step(const KnowhowLandscape& landscape, KnowhowChoices& choices,
                       KeyedStream& stream);
// Lazer & Friedman's copying rule: takes the peer's choices if they score higher.
bool copy_if_better(const KnowhowLandscape& landscape, KnowhowChoices& own, KnowhowChoices peer);

}  // namespace localism
