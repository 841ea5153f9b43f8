// Deprivation deciles of synthetic communities (ODD 5).
#include "localism/model/deprivation_deciles.hpp"

#include <algorithm>
#include <numeric>

namespace localism {

void assign_deprivation_deciles(const std::vector<Council>& councils,
                                std::vector<std::uint8_t>& deciles) {
    // Communities of one council are contiguous and share its deprivation, so ordering the
    // councils (most deprived first, then by id) orders the communities (ties by id).
    std::vector<std::size_t> order(councils.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return councils[a].deprivation > councils[b].deprivation;
    });
    const auto n = static_cast<std::uint64_t>(deciles.size());
    std::uint64_t rank = 0;
    for (const std::size_t k : order) {
        for (auto i = councils[k].first_community; i < councils[k].last_community; ++i, ++rank)
            deciles[i] = static_cast<std::uint8_t>(1 + rank * kDecileCount / n);
    }
}

}  // namespace localism
