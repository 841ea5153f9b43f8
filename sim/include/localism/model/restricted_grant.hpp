// A finalist grant restricted to the delivery year (ODD 7.19): paid in monthly tranches that pay
// the group's running cost and buy the rest of the project as it is delivered, so the grant is
// spent during the funded year instead of banked as cash (bar prize.restricted_reserve_share of
// each tranche); tranches not yet paid when a finalist dissolves stay in the prize fund.
#pragma once

#include <cstdint>

#include "localism/model/process.hpp"

namespace localism {

// Pence of tranche `k` (0-based) of a restricted grant of `grant_pence` paid over
// `delivery_months` months: equal tranches, the last one carrying the rounding remainder, so the
// tranches add up to the grant exactly.
std::int64_t restricted_tranche_pence(std::int64_t grant_pence, std::int64_t delivery_months,
                                      std::int64_t k);
// Pays tranche `k` to every finalist of the latest call that has not dissolved (called by the
// prize process in each delivery month when prize.finalist_grant_restricted is on).
void pay_restricted_tranches(const MonthContext& context, NationalSlice& slice, std::int64_t k);

}  // namespace localism
