// Which scenario may continue a saved state: the one it was saved from, except for what cannot
// have mattered before the saved month (docs/user-guide.md, "Saved states and resuming").
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace localism {

// Compares two `localism describe` texts key by key (block.key). Returns the first key whose
// value differs, or is in only one of them, with both values, e.g.
// "central.mode: saved centralised, given devolved"; nullopt when the scenario may continue a
// state saved at the end of `saved_month`.
std::optional<std::string> scenario_difference(const std::string& saved_resolved,
                                               const std::string& given_resolved,
                                               std::int32_t saved_month);

// Whether `key` may differ between the saved scenario and the continuing one. Names and
// descriptions do not change results. Scheduled policy changes (`timeline:`) after the saved
// month are the other exception, decided here once the timeline exists.
bool may_differ_on_continuing(const std::string& key, std::int32_t saved_month);

}  // namespace localism
