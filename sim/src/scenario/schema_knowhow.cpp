// Schema entries: transferable know-how (ODD 7.14).
#include "schema_builder.hpp"

namespace localism::scenario::detail {

void add_knowhow(std::vector<ParamSpec>& out) {
    using S = Scenario;
    using H = KnowhowParams;
    const char* nk = "Kauffman 1993; Lazer & Friedman 2007 (N = 20, K = 5)";
    out.push_back(flag("knowhow.enabled", &S::knowhow, &H::enabled,
                       {"-", "Switch transferable know-how (design choices on an NK landscape)",
                        user_choice("switch of a mechanism")}));
    out.push_back(numeric("knowhow.choices", &S::knowhow, &H::choices, 1, 24,
                          {"choices", "Binary design choices of a practice (NK N)",
                           assumption(12, 20, std::string(nk) + "; above 20 start-up slows")}));
    out.push_back(numeric("knowhow.interactions", &S::knowhow, &H::interactions, 0, 10,
                          {"choices",
                           "Other choices each choice's value depends on (NK K): 0 gives one "
                           "peak, larger K a more rugged landscape; below knowhow.choices",
                           assumption(0, 10,
                                      std::string(nk) + "; from one peak to rugged, always below "
                                                        "the lowest knowhow.choices")}));
    out.push_back(numeric(
        "knowhow.weight", &S::knowhow, &H::weight, 0, 1,
        {"fraction",
         "Share of an initiative's effect that depends on transferable "
         "know-how; 0 = none (only local fit matters)",
         assumption(0.2, 0.9, "0.9 is the case of docs/ODD.md 8.3 where centralised wins")}));
}

}  // namespace localism::scenario::detail
