// Schema entries: council commissioning, central government and the national challenge prize.
#include "schema_builder.hpp"

namespace localism::scenario::detail {

namespace {
constexpr const char* kHalfToDouble = "half to double the default (docs/ODD.md, Submodels)";
constexpr const char* kBunt = "Bunt & Harris 2010, Mass Localism (NESTA)";
constexpr const char* kBgc = "Big Green Challenge (NESTA / Challenge Works)";
constexpr const char* kCouncilDesign = "policy design of council funding (Bunt & Harris 2010)";
constexpr const char* kProgrammeDesign = "policy design of the centralised programme";
constexpr const char* kSwitch = "switch of a mechanism";

void add_commissioning(std::vector<ParamSpec>& out) {
    using S = Scenario;
    using C = CommissioningParams;
    out.push_back(
        flag("councils.enabled", &S::councils, &C::enabled,
             {"-", "Switch council funding and commissioning on or off", user_choice(kSwitch)}));
    out.push_back(
        numeric("councils.own_budget_gbp_per_community_per_year", &S::councils,
                &C::own_budget_gbp_per_community_per_year, 0, 1e9,
                {"GBP/community/year", "Council's own community budget", user_choice("budget")}));
    out.push_back(
        numeric("councils.leakage_share", &S::councils, &C::leakage_share, 0, 1,
                {"fraction",
                 "Share of each devolved (un-ring-fenced) allocation a council spends on its other "
                 "services; it removes no need (docs/ODD.md 7.12)",
                 assumption(0, 0.3)}));
    out.push_back(
        numeric("councils.round_interval_months", &S::councils, &C::round_interval_months, 1, 120,
                {"months", "Months between council funding rounds", user_choice(kCouncilDesign)}));
    const char* share = "Share of council community budget spent on this line";
    out.push_back(numeric("councils.open_grants_share", &S::councils, &C::open_grants_share, 0, 1,
                          {"fraction", share, user_choice(kCouncilDesign)}));
    out.push_back(numeric("councils.contracts_share", &S::councils, &C::contracts_share, 0, 1,
                          {"fraction", share, user_choice(kCouncilDesign)}));
    out.push_back(numeric("councils.nonfinancial_share", &S::councils, &C::nonfinancial_share, 0, 1,
                          {"fraction", "Share on advice, capacity and business-model support",
                           user_choice(kCouncilDesign)}));
    out.push_back(
        numeric("councils.local_challenge_share", &S::councils, &C::local_challenge_share, 0, 1,
                {"fraction", "Share on local challenge calls", user_choice(kCouncilDesign)}));
    out.push_back(numeric("councils.grant_gbp", &S::councils, &C::grant_gbp, 0, 1e9,
                          {"GBP", "Size of one open grant", user_choice(kCouncilDesign)}));
    out.push_back(numeric("councils.contract_gbp", &S::councils, &C::contract_gbp, 0, 1e9,
                          {"GBP", "Value of one service contract", user_choice(kCouncilDesign)}));
    out.push_back(numeric(
        "councils.contract_min_track_record_months", &S::councils,
        &C::contract_min_track_record_months, 0, 1200,
        {"months", "Track record required to bid for a contract", user_choice(kCouncilDesign)}));
    out.push_back(numeric("councils.usual_suspects_weight", &S::councils, &C::usual_suspects_weight,
                          0, 100,
                          {"score units", "Weight of track record in application scores",
                           user_choice("policy lever: Bunt 2010, 'beyond the usual suspects'")}));
    out.push_back(numeric("councils.outreach", &S::councils, &C::outreach, 0, 1,
                          {"probability", "Chance a group without track record applies",
                           user_choice("policy lever: outreach (Bunt & Harris 2010)")}));
    out.push_back(
        numeric("councils.admin_burden", &S::councils, &C::admin_burden, 0, 1,
                {"fraction", "Application paperwork: cuts low-capacity applications",
                 user_choice("policy lever: Bunt & Harris 2010, proportionate paperwork")}));
    out.push_back(numeric("councils.scoring_noise_sd", &S::councils, &C::scoring_noise_sd, 0, 10,
                          {"score units", "SD of assessors' noise in application scores",
                           assumption(0.15, 0.6, kHalfToDouble)}));
    out.push_back(numeric("councils.support_cost_gbp", &S::councils, &C::support_cost_gbp, 1, 1e9,
                          {"GBP", "Cost of supporting one group for one round",
                           assumption(1000, 4000, kHalfToDouble)}));
    out.push_back(numeric("councils.track_record_saturation_months", &S::councils,
                          &C::track_record_saturation_months, 1, 1200,
                          {"months", "Track record at which its score bonus stops growing",
                           assumption(12, 72, "one to six years")}));
    out.push_back(numeric("councils.apply_below_reserve_months", &S::councils,
                          &C::apply_below_reserve_months, 0, 120,
                          {"months", "Active groups apply when cash covers fewer months of costs",
                           assumption(1, 6, "one month to half a year of reserves")}));
    out.push_back(numeric("councils.capacity_gain", &S::councils, &C::capacity_gain, 0, 1,
                          {"0-1", "Capacity added by one round of support",
                           assumption(0.05, 0.2, std::string(kHalfToDouble) + "; " + kBunt)}));
    out.push_back(
        numeric("councils.business_model_gain", &S::councils, &C::business_model_gain, 0, 1,
                {"0-1", "Earned-income capability added by business-model support",
                 assumption(0.05, 0.3, std::string("a third to double the default; ") + kBunt)}));
    out.push_back(numeric(
        "councils.local_challenge_call_months", &S::councils, &C::local_challenge_call_months, 1,
        120,
        {"months", "How long a local challenge call stays open", user_choice(kCouncilDesign)}));
}

void add_central(std::vector<ParamSpec>& out) {
    using S = Scenario;
    out.push_back(choice("central.mode", &S::central, &CentralParams::mode,
                         std::array{"centralised", "devolved", "mixed"},
                         {"-", "Central government's policy mode",
                          user_choice("the policy compared (Bunt & Harris 2010)")}));
    out.push_back(numeric("central.devolved_weight", &S::central, &CentralParams::devolved_weight,
                          0, 1,
                          {"fraction", "Mixed mode: share of budget spent the devolved way",
                           user_choice("the policy compared")}));
    out.push_back(numeric("central.annual_budget_gbp", &S::central,
                          &CentralParams::annual_budget_gbp, 0, 1e13,
                          {"GBP/year", "Central budget for the challenge", user_choice("budget")}));
    using Z = CentralisedParams;
    out.push_back(numeric("centralised.pilot_areas", &S::centralised, &Z::pilot_areas, 1, 100'000,
                          {"councils", "Councils hosting pilots", user_choice(kProgrammeDesign)}));
    out.push_back(numeric("centralised.pilot_site_share", &S::centralised, &Z::pilot_site_share,
                          0.0001, 1,
                          {"fraction",
                           "Share of a pilot council's communities (highest "
                           "leadership first) that host pilots",
                           user_choice(kProgrammeDesign)}));
    out.push_back(
        numeric("centralised.pilot_months", &S::centralised, &Z::pilot_months, 1, 1200,
                {"months", "Pilot length before evaluation", user_choice(kProgrammeDesign)}));
    out.push_back(numeric(
        "centralised.pilot_grant_gbp_per_month", &S::centralised, &Z::pilot_grant_gbp_per_month, 0,
        1e9, {"GBP/month", "Grant to each pilot group", user_choice(kProgrammeDesign)}));
    out.push_back(numeric("centralised.rollout_share_per_month", &S::centralised,
                          &Z::rollout_share_per_month, 0, 1,
                          {"1/month", "Share of communities enrolled per month in rollout",
                           user_choice(kProgrammeDesign)}));
    out.push_back(numeric("centralised.programme_grant_gbp_per_month", &S::centralised,
                          &Z::programme_grant_gbp_per_month, 0, 1e9,
                          {"GBP/month", "Ring-fenced programme grant per enrolled group",
                           user_choice(kProgrammeDesign)}));
    out.push_back(
        numeric("centralised.imposed_ownership", &S::centralised, &Z::imposed_ownership, 0, 1,
                {"0-1", "Ownership of a group given the imposed template",
                 assumption(0.05, 0.8,
                            std::string("low when the template is not the group's own "
                                        "(") +
                                kBunt + "), up to 0.8 where members own it (docs/ODD.md 8.3)")}));
    out.push_back(numeric("centralised.budget_confidence_floor", &S::centralised,
                          &Z::budget_confidence_floor, 0, 1,
                          {"fraction", "Budget share kept when confidence is zero",
                           assumption(0.1, 0.6, "Bunt & Harris 2010: the vicious circle")}));
    out.push_back(numeric("centralised.broadcast_rate_per_month", &S::centralised,
                          &Z::broadcast_rate_per_month, 0, 1,
                          {"1/month", "Chance an active group adopts the broadcast template",
                           assumption(0.02, 0.1, kHalfToDouble)}));
    out.push_back(numeric(
        "centralised.max_unfunded_months", &S::centralised, &Z::max_unfunded_months, 0, 120,
        {"months",
         "Longest run of unpaid months a programme member stays enrolled; enrolment is paced so "
         "the money held funds every member to the next budget month",
         assumption(0, 6, "a programme rule")}));
    out.push_back(numeric("centralised.own_initiative_join_probability", &S::centralised,
                          &Z::own_initiative_join_probability, 0, 1,
                          {"probability",
                           "Chance a group already running its own initiative joins the programme "
                           "when the rollout reaches it (0: keeps its own)",
                           assumption(0, 0.5)}));
    out.push_back(numeric(
        "centralised.adaptation_rate_per_month", &S::centralised, &Z::adaptation_rate_per_month, 0,
        1,
        {"1/month",
         "Share of the gap to its own context (practice) and to full ownership a member closes "
         "each month; 0 keeps the fixed template, about 0.02-0.1 is replication with local "
         "adaptation",
         assumption(0, 0.1)}));
    out.push_back(numeric(
        "centralised.fixed_cost_gbp_per_year", &S::centralised, &Z::fixed_cost_gbp_per_year, 0, 1e9,
        {"GBP/year",
         "Fixed design and management cost of the national programme, whatever its size "
         "(economies of scale)",
         assumption(0, 3e6,
                    "a national team of 10-40 staff costs GBP 0.5m-3m a year; the default 0 "
                    "leaves it out")}));
    out.push_back(choice(
        "centralised.members_at_close", &S::centralised, &Z::members_at_close,
        std::array{"keep_until_april", "lose_funding"},
        {"-",
         "When a timeline closes the programme: members keep their grant until the next budget "
         "month (April), or lose it at once",
         user_choice("how a government winds a programme down (ODD 7.20)")}));
    using D = DevolvedParams;
    out.push_back(numeric("devolved.formula_deprivation_weight", &S::devolved,
                          &D::formula_deprivation_weight, 0, 10,
                          {"-", "Budget formula: extra share per unit deprivation",
                           user_choice("policy design: community-based budgets (Localism Bill "
                                       "2010)")}));
    out.push_back(numeric("devolved.prize_share", &S::devolved, &D::prize_share, 0, 1,
                          {"fraction", "Share of the devolved budget reserved for prizes",
                           user_choice("policy design of the devolved arm")}));
    out.push_back(numeric("devolved.learning_ties_per_community", &S::devolved,
                          &D::learning_ties_per_community, 0, 1000,
                          {"ties", "Cross-council learning ties added per community",
                           user_choice("policy design: Bunt 2010, help areas connect and "
                                       "learn from each other")}));
    out.push_back(numeric("devolved.learning_tie_cost_gbp_per_year", &S::devolved,
                          &D::learning_tie_cost_gbp_per_year, 0, 1e9,
                          {"GBP/tie/year", "Cost of maintaining one learning tie",
                           assumption(25, 100, kHalfToDouble)}));
    out.push_back(choice("devolved.learning_tie_partners", &S::devolved, &D::learning_tie_partners,
                         std::array{"random", "similar"},
                         {"-",
                          "random: a learning tie goes to a uniform community of any other "
                          "council; similar: to a uniform community of the "
                          "devolved.similar_councils councils nearest by deprivation, rural "
                          "share and log size (ODD 7.10)",
                          user_choice("policy design: whom learning ties connect (Bunt 2010, "
                                      "learning between comparable areas; CIPFA-style nearest "
                                      "neighbour groups of councils)")}));
    out.push_back(
        numeric("devolved.similar_councils", &S::devolved, &D::similar_councils, 1, 65535,
                {"councils",
                 "Similar councils a council's learning ties may reach "
                 "(learning_tie_partners: similar)",
                 assumption(3, 20, "CIPFA nearest neighbours use 15 of about 150 councils")}));
}

void add_prize(std::vector<ParamSpec>& out) {
    using S = Scenario;
    using P = PrizeParams;
    out.push_back(flag(
        "prize.enabled", &S::prize, &P::enabled,
        {"-", "Run national challenge prizes (devolved share of budget)", user_choice(kSwitch)}));
    out.push_back(numeric(
        "prize.first_call_month", &S::prize, &P::first_call_month, 1, 12000,
        {"month", "Month the first open call opens", user_choice("policy design of the prize")}));
    out.push_back(numeric("prize.interval_months", &S::prize, &P::interval_months, 1, 12000,
                          {"months", "Months between successive prize calls",
                           user_choice("policy design of the prize")}));
    out.push_back(numeric("prize.call_open_months", &S::prize, &P::call_open_months, 1, 120,
                          {"months", "Months the open call runs (external influence on starts)",
                           user_choice("policy design of the prize")}));
    out.push_back(numeric("prize.judging_noise_sd", &S::prize, &P::judging_noise_sd, 0, 10,
                          {"score units", "SD of judges' noise in entry and plan scores",
                           assumption(0.05, 0.3, "half to triple the default")}));
    out.push_back(numeric("prize.plan_support_capacity_gain", &S::prize,
                          &P::plan_support_capacity_gain, 0, 1,
                          {"0-1", "Capacity added by the prize's plan-writing support",
                           assumption(0.05, 0.2, "as councils.capacity_gain")}));
    out.push_back(
        numeric("prize.entry_probability", &S::prize, &P::entry_probability, 0, 1,
                {"probability", "Chance a community enters an open call, x leadership / 0.5",
                 calibrated({"bgc_entrants"}, 0.01, 0.1,
                            "0.03 in big_green_challenge.yaml (docs/ODD.md 7.13)")}));
    out.push_back(numeric("prize.plan_support_places", &S::prize, &P::plan_support_places, 0, 1e7,
                          {"groups", "Entrants supported to write plans (BGC: 100)",
                           measured(std::string("place limit, BGC 100; ") + kBgc)}));
    out.push_back(numeric(
        "prize.plan_support_gbp", &S::prize, &P::plan_support_gbp, 0, 1e9,
        {"GBP", "Support cost per plan-stage group", assumption(500, 2000, kHalfToDouble)}));
    out.push_back(numeric("prize.plan_months", &S::prize, &P::plan_months, 1, 120,
                          {"months", "Months to write plans before pitching",
                           user_choice("policy design of the prize")}));
    out.push_back(numeric("prize.pitch_quality_threshold", &S::prize, &P::pitch_quality_threshold,
                          0, 10,
                          {"score units", "Plan score needed to pitch (BGC: 21 of 100)",
                           calibrated({"bgc_pitch_ratio"}, 0.5, 1.6,
                                      "1.30 in big_green_challenge.yaml (docs/ODD.md 7.13)")}));
    out.push_back(numeric("prize.finalist_places", &S::prize, &P::finalist_places, 0, 1e6,
                          {"groups", "Finalists funded for the delivery year (BGC: 10)",
                           measured(std::string("place limit, BGC 10; ") + kBgc)}));
    out.push_back(numeric("prize.finalist_grant_gbp", &S::prize, &P::finalist_grant_gbp, 0, 1e9,
                          {"GBP", "Grant per finalist for the delivery year (BGC: 20,000)",
                           measured(std::string("grant size, BGC GBP 20,000; ") + kBgc)}));
    out.push_back(numeric("prize.delivery_months", &S::prize, &P::delivery_months, 1, 120,
                          {"months", "Delivery year length (BGC: Oct 2008 - Oct 2009)",
                           measured(std::string("BGC delivery year; ") + kBgc)}));
    out.push_back(numeric("prize.award_threshold_reduction", &S::prize,
                          &P::award_threshold_reduction, 0, 1,
                          {"fraction", "Need reduction in delivery needed for an award",
                           calibrated({"bgc_award_ratio"}, 0.05, 0.3,
                                      "0.12 in big_green_challenge.yaml (docs/ODD.md 7.13)")}));
    out.push_back(numeric("prize.award_large_count", &S::prize, &P::award_large_count, 0, 1e6,
                          {"awards", "Number of large awards (BGC: 3)",
                           measured(std::string("award count, BGC 3; ") + kBgc)}));
    out.push_back(numeric("prize.award_large_gbp", &S::prize, &P::award_large_gbp, 0, 1e10,
                          {"GBP", "Large award size (BGC: 300,000)",
                           measured(std::string("award size, BGC GBP 300,000; ") + kBgc)}));
    out.push_back(numeric("prize.award_small_count", &S::prize, &P::award_small_count, 0, 1e6,
                          {"awards", "Number of small awards (BGC: 1)",
                           measured(std::string("award count, BGC 1; ") + kBgc)}));
    out.push_back(numeric("prize.award_small_gbp", &S::prize, &P::award_small_gbp, 0, 1e10,
                          {"GBP", "Small award size (BGC: 100,000)",
                           measured(std::string("award size, BGC GBP 100,000; ") + kBgc)}));
}

// Targeting and the restricted grant of the Neighbourhood Challenge (ODD 7.19); the defaults
// admit every community and pay the grant as one lump, as the Big Green Challenge did.
void add_prize_targeting(std::vector<ParamSpec>& out) {
    using S = Scenario;
    using P = PrizeParams;
    out.push_back(numeric("prize.max_social_capital", &S::prize, &P::max_social_capital, 0, 1,
                          {"0-1",
                           "Highest social capital of a community that may enter a call (1: "
                           "everyone; the Neighbourhood Challenge targeted low social-capital "
                           "areas)",
                           user_choice("who a call admits is the call's design; the "
                                       "Neighbourhood Challenge targeted low social-capital "
                                       "areas (NESTA release 17 Feb 2011)")}));
    out.push_back(flag("prize.finalist_grant_restricted", &S::prize, &P::finalist_grant_restricted,
                       {"-",
                        "Pay the finalist grant in monthly tranches over the delivery months: "
                        "each pays the running cost and buys the rest of the project, so only "
                        "prize.restricted_reserve_share of it is banked; a dissolved finalist's "
                        "remaining tranches stay in the fund",
                        user_choice("how a grant is paid is the funder's design; the "
                                    "Neighbourhood Challenge paid project grants for a funded "
                                    "year")}));
    out.push_back(numeric(
        "prize.restricted_reserve_share", &S::prize, &P::restricted_reserve_share, 0, 1,
        {"fraction",
         "Share of each restricted tranche above the running cost a finalist may keep as its "
         "own reserves (assets, follow-on work); the rest is spent on the project",
         calibrated({"nc_sustained_one_year_on"}, 0.0, 0.2,
                    "0.06 in neighbourhood_challenge.yaml (docs/ODD.md 7.13)")}));
}
}  // namespace

void add_councils_and_central(std::vector<ParamSpec>& out) {
    add_commissioning(out);
    add_central(out);
    add_prize(out);
    add_prize_targeting(out);
}

}  // namespace localism::scenario::detail
