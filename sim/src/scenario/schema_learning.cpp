// Schema entries: knowledge sharing, the peer network and output options.
#include "schema_builder.hpp"

namespace localism::scenario::detail {

void add_knowledge_network_output(std::vector<ParamSpec>& out) {
    using S = Scenario;
    using K = KnowledgeParams;
    const std::string lazer = "half to double the default; Lazer & Friedman 2007; March 1991";
    const char* bunt = "half to double the default; Bunt & Harris 2010: ownership";
    const char* output = "output setting";
    out.push_back(flag("knowledge.enabled", &S::knowledge, &K::enabled,
                       {"-", "Switch knowledge sharing between groups on or off",
                        user_choice("switch of a mechanism")}));
    out.push_back(numeric(
        "knowledge.observe_probability_per_month", &S::knowledge, &K::observe_probability_per_month,
        0, 1,
        {"1/month", "Chance an active group observes one peer", assumption(0.1, 0.4, lazer)}));
    out.push_back(
        numeric("knowledge.copy_weight", &S::knowledge, &K::copy_weight, 0, 1,
                {"fraction", "How far a group moves towards a better peer's practice",
                 assumption(0.25, 0.75, "either side of half-way; Lazer & Friedman 2007")}));
    out.push_back(numeric("knowledge.adapt_rate_per_month", &S::knowledge, &K::adapt_rate_per_month,
                          0, 1,
                          {"1/month", "Share of the practice-context gap closed by adapting",
                           assumption(0.05, 0.2,
                                      "half to double the default; Bunt & Harris "
                                      "2010: adapt, not replicate")}));
    out.push_back(numeric("knowledge.explore_probability_per_month", &S::knowledge,
                          &K::explore_probability_per_month, 0, 1,
                          {"1/month", "Chance of trying a random variation of practice",
                           assumption(0.025, 0.1, lazer)}));
    out.push_back(
        numeric("knowledge.explore_sd", &S::knowledge, &K::explore_sd, 0, 10,
                {"context units", "SD of an exploratory variation", assumption(0.1, 0.4, lazer)}));
    out.push_back(numeric("knowledge.ownership_gain_per_month", &S::knowledge,
                          &K::ownership_gain_per_month, 0, 1,
                          {"1/month", "Ownership gained per month of adapting one's practice",
                           assumption(0.01, 0.04, bunt)}));
    out.push_back(numeric("knowledge.ownership_loss_on_copy", &S::knowledge,
                          &K::ownership_loss_on_copy, 0, 1,
                          {"fraction", "Ownership lost when copying a peer or template",
                           assumption(0.05, 0.2, bunt)}));
    using N = NetworkParams;
    out.push_back(
        choice("network.type", &S::network, &N::type,
               std::array{"council_small_world", "watts_strogatz", "klemm_eguiluz", "erdos_renyi",
                          "well_mixed"},
               {"-", "Peer network model",
                user_choice("structural alternative tested for robustness (Watts & Strogatz "
                            "1998; Klemm & Eguiluz 2002)")}));
    out.push_back(numeric("network.mean_degree", &S::network, &N::mean_degree, 0, 1000,
                          {"ties", "Mean number of peer ties per community",
                           assumption(4, 16, "half to double the default")}));
    out.push_back(
        numeric("network.rewire_probability", &S::network, &N::rewire_probability, 0, 1,
                {"probability", "Watts-Strogatz rewiring probability",
                 assumption(0.01, 0.3, "the small-world region of Watts & Strogatz 1998")}));
    out.push_back(numeric("network.cross_council_share", &S::network, &N::cross_council_share, 0, 1,
                          {"fraction", "Council small world: share of ties to other councils",
                           assumption(0.05, 0.2, "half to double the default")}));
    out.push_back(
        numeric("network.klemm_m", &S::network, &N::klemm_m, 1, 1000,
                {"ties", "Klemm-Eguiluz active-set size m (out-degree)",
                 assumption(3, 10, "about the mean degree's range; Klemm & Eguiluz 2002")}));
    out.push_back(numeric("network.klemm_mu", &S::network, &N::klemm_mu, 0, 1,
                          {"probability", "Klemm-Eguiluz chance a tie goes to a random node",
                           assumption(0.05, 0.3, "small-world values of Klemm & Eguiluz 2002")}));
    out.push_back(choice(
        "network.klemm_variant", &S::network, &N::klemm_variant, std::array{"paper", "repast_hpc"},
        {"-",
         "Klemm-Eguiluz growth rule: the paper's, or Repast HPC 2.3.1's (m seed nodes linked both "
         "ways; the new node always stays active and one of the m old active nodes is dropped "
         "with probability proportional to 1 / in-degree; no random attachment, so klemm_mu "
         "must be 0)",
         user_choice("benchmark workload choice (Klemm & Eguiluz 2002; Repast HPC 2.3.1 "
                     "NetworkBuilder.h, KEBuilder)")}));
    using O = OutputParams;
    out.push_back(choice(
        "output.level", &S::output, &O::level, std::array{"full", "summary"},
        {"-",
         "How much a run file holds: full (monthly national series, decile and council panels, "
         "snapshots) or summary (national series by year, flows summed and stocks at year end, "
         "and the final values of the sweep manifest; no panels or snapshots)",
         user_choice(output)}));
    out.push_back(numeric(
        "output.snapshot_interval_months", &S::output, &O::snapshot_interval_months, 0, 12000,
        {"months", "Community snapshot interval; 0 = no snapshots", user_choice(output)}));
    out.push_back(flag("output.council_panels", &S::output, &O::council_panels,
                       {"-", "Write per-council time x council panels", user_choice(output)}));
    out.push_back(numeric(
        "output.compression_level", &S::output, &O::compression_level, 0, 9,
        {"-", "gzip level of chunked datasets (after shuffle; 0 = none)", user_choice(output)}));
}

}  // namespace localism::scenario::detail
