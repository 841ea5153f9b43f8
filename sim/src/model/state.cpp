// Storage and slicing of the per-community columns.
#include "localism/model/state.hpp"

#include <type_traits>

namespace localism {

void Communities::resize(std::size_t n) {
    zip(*this, *this, [n](auto& column, auto&) {
        column.assign(n, typename std::decay_t<decltype(column)>::value_type{});
    });
    start_month.assign(n, -1);  // no initiative yet
}

CommunitySlice Communities::slice(std::uint32_t first, std::uint32_t last) {
    CommunitySlice view;
    zip(view, *this, [first, last](auto& range, auto& stored) {
        range = {stored.data(), first, last};
    });
    return view;
}

}  // namespace localism
