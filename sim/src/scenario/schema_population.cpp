// Schema entries: run control and the initial population.
#include "schema_builder.hpp"

namespace localism::scenario::detail {

namespace {

// How a real geography's attributes shape communities (ODD 5.1); inert without one.
void add_geography_rules(std::vector<ParamSpec>& out) {
    using S = Scenario;
    using G = GeographyParams;
    out.push_back(text(
        "population.geography", &S::population, &PopulationParams::geography,
        {"-",
         "Directory holding communities.csv and councils.csv of a real geography; sets the "
         "communities and councils (empty = a synthetic population). Relative to the file that "
         "sets it",
         user_choice("the place simulated; England 2019: data/england/geography (IMD 2019, "
                     "MHCLG; RUC 2011, ONS)")}));
    out.push_back(
        numeric("geography.reference_population", &S::geography, &G::reference_population, 1, 1e7,
                {"people", "Population at which a community's initial need is need.initial_mean",
                 measured("a typical English LSOA has about 1,500 residents (ONS); need scales in "
                          "proportion")}));
    out.push_back(
        numeric("geography.rural_social_capital_effect", &S::geography,
                &G::rural_social_capital_effect, 0, 1,
                {"0-1", "Relative rise in mean social capital of a fully rural community",
                 assumption(0, 0.4,
                            "formal volunteering and neighbourhood trust are higher in rural areas "
                            "(DCMS Community Life Survey)")}));
    out.push_back(
        numeric("geography.education_leadership_effect", &S::geography,
                &G::education_leadership_effect, 0, 1,
                {"0-1", "Relative fall in mean leadership at the most education-deprived community",
                 assumption(0, 0.5,
                            "the civic core is concentrated in less deprived, more qualified areas "
                            "(Mohan & Bulloch 2012, TSRC WP 73)")}));
    out.push_back(numeric(
        "geography.health_capacity_effect", &S::geography, &G::health_capacity_effect, 0, 1,
        {"0-1", "Relative fall in mean capacity at the most health-deprived community",
         assumption(0, 0.4, "poor health limits volunteering (Community Life Survey barriers)")}));
}

}  // namespace

void add_run_and_population(std::vector<ParamSpec>& out) {
    using S = Scenario;
    const char* half_to_double = "half to double the default (docs/ODD.md, Initialization)";
    const char* alike_to_double =
        "from contexts alike across the country (0.05, docs/ODD.md 8.3) to double the default";
    out.push_back(required(
        text("run.name", &S::run, &RunParams::name,
             {"-", "Short scenario name, stored in every output file", user_choice("a label")})));
    out.push_back(
        text("run.description", &S::run, &RunParams::description,
             {"-", "Free-text description of what the scenario shows", user_choice("a label")}));
    out.push_back(numeric("run.months", &S::run, &RunParams::months, 1, 12000,
                          {"months", "Length of the run; one tick is one month",
                           user_choice("the horizon the question asks about")}));
    out.push_back(
        numeric("run.seed", &S::run, &RunParams::seed, 0, 9.0e15,
                {"-", "Master seed keying every random draw", user_choice("replicates vary it")}));
    out.push_back(required(numeric("population.communities", &S::population,
                                   &PopulationParams::communities, 1, 100'000'000,
                                   {"communities", "Number of community agents",
                                    user_choice("size of the simulated world")})));
    out.push_back(
        numeric("population.councils", &S::population, &PopulationParams::councils, 1, 65'535,
                {"councils", "Number of councils; communities are split evenly among them",
                 user_choice("size of the simulated world; England has ~317 local authorities (ONS "
                             "2023), 'a few hundred councils' (domain.md)")}));
    out.push_back(numeric("population.leadership_mean", &S::population,
                          &PopulationParams::leadership_mean, 0.01, 0.99,
                          {"0-1", "Mean of the Beta-distributed leadership score",
                           assumption(0.15, 0.5,
                                      "Ghorbani et al. 2020: leaders are the bottleneck; "
                                      "half to about one and a half times the default")}));
    out.push_back(numeric("population.leadership_concentration", &S::population,
                          &PopulationParams::leadership_concentration, 0.1, 1000,
                          {"-", "Beta concentration (a+b) of leadership; higher = less spread",
                           assumption(2, 8, half_to_double)}));
    out.push_back(numeric("population.social_capital_mean", &S::population,
                          &PopulationParams::social_capital_mean, 0.01, 0.99,
                          {"0-1", "Mean social capital before the deprivation effect",
                           assumption(0.3, 0.7, "a middling mean, kept off the 0 and 1 bounds")}));
    out.push_back(
        numeric("population.deprivation_social_capital_effect", &S::population,
                &PopulationParams::deprivation_social_capital_effect, 0, 1,
                {"0-1", "How much council deprivation lowers social capital (0 = not at all)",
                 assumption(0.2, 0.8,
                            "Neighbourhood Challenge targeted low social-capital areas "
                            "(NESTA 2011): an effect clearly above 0")}));
    out.push_back(numeric("population.capacity_mean", &S::population,
                          &PopulationParams::capacity_mean, 0.01, 0.99,
                          {"0-1", "Mean initial capacity (volunteers, skills)",
                           assumption(0.2, 0.6, "half to one and a half times the default")}));
    out.push_back(numeric("population.context_spread_between_councils", &S::population,
                          &PopulationParams::context_spread_between_councils, 0, 10,
                          {"context units", "SD of council-level local context around 0",
                           assumption(0.05, 1, alike_to_double)}));
    out.push_back(numeric("population.context_spread_within_council", &S::population,
                          &PopulationParams::context_spread_within_council, 0, 10,
                          {"context units", "SD of a community's context around its council's",
                           assumption(0.05, 0.6, alike_to_double)}));
    add_geography_rules(out);
}

}  // namespace localism::scenario::detail
