// Schema of the existing sector (ODD 7.17) and the grant cliff (ODD 7.18).
#include "schema_builder.hpp"

namespace localism::scenario::detail {

namespace {

// The BGC entrant ages (Challenge Works BGC page: of 355 entrants 12% brand-new groups, 49%
// under 5 years old) are the patterns the sector's share and mean age are fitted to.
const std::vector<std::string> kEntrantAges = {"bgc_entrants_brand_new", "bgc_entrants_under_5y"};

void add_existing_sector(std::vector<ParamSpec>& out) {
    using S = Scenario;
    using E = ExistingSectorParams;
    out.push_back(flag("sector.enabled", &S::sector, &E::enabled,
                       {"-",
                        "Groups already running at month 0 (off = every community starts "
                        "with no group and no history)",
                        user_choice("switch of a mechanism")}));
    out.push_back(numeric(
        "sector.initial_share", &S::sector, &E::initial_share, 0, 10,
        {"probability",
         "Chance a community of mean leadership has a group at month 0 (scales "
         "with leadership, capped at 1; 0.9 gives ~68% of communities)",
         calibrated(kEntrantAges, 0.5, 1.5,
                    "0.9 gives ~12% brand-new entrants in big_green_challenge.yaml (docs/ODD.md "
                    "7.17)")}));
    out.push_back(numeric(
        "sector.mean_age_months", &S::sector, &E::mean_age_months, 1, 1200,
        {"months", "Mean age of an existing group at month 0 (exponential ages)",
         calibrated(
             kEntrantAges, 50, 200,
             "42% of established entrants under 60 months -> mean ~100 (docs/ODD.md 7.17)")}));
    out.push_back(numeric("sector.max_age_months", &S::sector, &E::max_age_months, 1, 1200,
                          {"months", "Oldest existing group at month 0", assumption(240, 1200)}));
    out.push_back(numeric("sector.track_record_cap_months", &S::sector, &E::track_record_cap_months,
                          0, 1200,
                          {"months", "Track record of an existing group: its age, capped here",
                           assumption(36, 600, "councils remember about a decade")}));
    out.push_back(numeric("sector.initial_cash_months", &S::sector, &E::initial_cash_months, 0, 120,
                          {"months of running cost",
                           "Mean reserves of an existing group at "
                           "month 0 (uniform from 0 to twice this)",
                           assumption(0, 12, "small charities hold a few months of reserves")}));
}

void add_grant_cliff(std::vector<ParamSpec>& out) {
    using S = Scenario;
    using G = GrantCliffParams;
    out.push_back(flag("grant_cliff.enabled", &S::grant_cliff, &G::enabled,
                       {"-",
                        "A group whose cash runs out faces a one-off dissolution chance "
                        "that grows with its grant dependence",
                        user_choice("switch of a mechanism")}));
    out.push_back(
        numeric("grant_cliff.hazard", &S::grant_cliff, &G::hazard, 0, 1,
                {"probability",
                 "Dissolution chance at the cliff of a group funded "
                 "only by grants and contracts (x grant share)",
                 assumption(0.2, 0.8, "Bunt & Harris 2010: sustainable business models")}));
}

}  // namespace

void add_sector_and_grant_cliff(std::vector<ParamSpec>& out) {
    add_existing_sector(out);
    add_grant_cliff(out);
}

}  // namespace localism::scenario::detail
