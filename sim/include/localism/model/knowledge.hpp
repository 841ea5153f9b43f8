// Knowledge sharing (ODD 7.9): an active group may observe one peer's last-month practice and
// copy part of it when the peer did better (losing some ownership), or explore a variation and
// keep it if it fits better; groups that own their practice adapt it towards their context and
// gain ownership. Central broadcast pulls non-members towards the national template.
// Programme members keep the imposed template: ring-fencing forbids adapting it.
#pragma once

#include "localism/model/process.hpp"

namespace localism {

// Moves `practice` a fraction `weight` of the way to `target`.
void move_towards(Vector4& practice, const Vector4& target, double weight);
// Learning, exploration, adaptation and broadcast for one council's groups (a CouncilProcess).
// Peers are read only through the PeerView's last-month copies.
void step_knowledge(const MonthContext& context, const PeerView& peers, CouncilSlice& slice);

}  // namespace localism
