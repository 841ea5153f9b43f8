// Council funding and commissioning (ODD 7.5). Each round a council takes applications, scores
// them (quality signal + usual-suspects weight x track record + assessor noise), awards open
// grants, contracts and local-challenge grants within each budget line, and buys non-financial
// support (capacity and business-model advice) for groups it did not fund.
#pragma once

#include <vector>

#include "localism/model/process.hpp"

namespace localism {

struct Applicant {
    std::uint32_t community = 0;
    double score = 0.0;
};

// Application score: quality signal + usual_suspects_weight x min(1, track record share) + noise,
// where the share is track record / councils.track_record_saturation_months.
double application_score(double quality, double track_record_share, double usual_suspects_weight,
                         double noise);

// Sorts by score, highest first; ties broken by community id so the order is reproducible.
void rank_applicants(std::vector<Applicant>& applicants);

// Splits `pence` over the council's four budget lines by the scenario's shares, exactly.
void fund_council_lines(const CommissioningParams& p, Council& council, std::int64_t pence);

// One month of council commissioning (a round every round_interval_months; a CouncilProcess).
void step_commissioning(const MonthContext& context, const PeerView& peers, CouncilSlice& slice);

}  // namespace localism
