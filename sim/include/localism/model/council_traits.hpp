// Councils that differ (ODD 7.5): each council's commissioning skill, outreach and support
// capacity, drawn once per council so what devolved money achieves depends on who spends it.
#pragma once

#include <cstdint>

#include "localism/model/state.hpp"
#include "localism/scenario/scenario.hpp"

namespace localism {

// A lognormal multiplier with mean 1 and log SD `spread` from the standard normal `z`;
// exactly 1 when spread is 0, so identical councils reproduce the scenario's values bit for bit.
double trait_multiplier(double spread, double z);

// Draws the council's three multipliers from KeyedStream(seed, council, 0, kCouncilTraits).
void draw_council_traits(const CommissioningParams& p, std::uint64_t seed, Council& council);

// The council's chance that a group without track record applies (councils.outreach scaled).
double council_outreach(const CommissioningParams& p, const Council& council);

// The council's assessors' scoring noise SD (councils.scoring_noise_sd over its skill).
double council_scoring_noise_sd(const CommissioningParams& p, const Council& council);

}  // namespace localism
