// Similar councils for devolved learning ties (ODD 7.10).
#include "localism/model/similar_councils.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "localism/core/parallel.hpp"

namespace localism {

namespace {

constexpr int kAttributes = 3;
using Point = std::array<double, kAttributes>;

std::uint32_t size_of(const Council& c) {
    return c.last_community - c.first_community;
}

// Deprivation, rural share and log size, each scaled by its spread across non-empty councils.
std::vector<Point> standardised_points(const std::vector<Council>& councils) {
    std::vector<Point> points(councils.size());
    for (std::size_t k = 0; k < councils.size(); ++k) {
        const double size = std::max<double>(1.0, size_of(councils[k]));
        points[k] = {councils[k].deprivation, councils[k].rural_share, std::log(size)};
    }
    for (int a = 0; a < kAttributes; ++a) {
        double sum = 0.0, square_sum = 0.0, n = 0.0;
        for (std::size_t k = 0; k < councils.size(); ++k) {
            if (size_of(councils[k]) == 0)
                continue;
            sum += points[k][a];
            square_sum += points[k][a] * points[k][a];
            n += 1.0;
        }
        const double mean = n > 0.0 ? sum / n : 0.0;
        const double sd = n > 0.0 ? std::sqrt(std::max(0.0, square_sum / n - mean * mean)) : 0.0;
        // A spread below rounding noise is no spread: the attribute cannot tell councils apart.
        const double scale = sd > 1e-9 * std::max(1.0, std::abs(mean)) ? 1.0 / sd : 0.0;
        for (auto& p : points)
            p[a] = (p[a] - mean) * scale;
    }
    return points;
}

std::vector<std::uint32_t> nearest(const std::vector<Council>& councils,
                                   const std::vector<Point>& points, std::size_t self,
                                   std::size_t k) {
    std::vector<std::pair<double, std::uint32_t>> candidates;
    for (std::size_t j = 0; j < councils.size(); ++j) {
        if (j == self || size_of(councils[j]) == 0)
            continue;
        double distance = 0.0;
        for (int a = 0; a < kAttributes; ++a)
            distance += (points[j][a] - points[self][a]) * (points[j][a] - points[self][a]);
        candidates.emplace_back(distance, static_cast<std::uint32_t>(j));
    }
    const std::size_t keep = std::min(k, candidates.size());
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep),
                      candidates.end());  // pairs: distance, then id
    std::vector<std::uint32_t> ids(keep);
    for (std::size_t m = 0; m < keep; ++m)
        ids[m] = candidates[m].second;
    return ids;
}

}  // namespace

std::vector<std::vector<std::uint32_t>> similar_councils(const std::vector<Council>& councils,
                                                         std::int64_t k) {
    const std::vector<Point> points = standardised_points(councils);
    std::vector<std::vector<std::uint32_t>> result(councils.size());
    const auto wanted = static_cast<std::size_t>(std::max<std::int64_t>(0, k));
    parallel_range(0, councils.size(), 16, [&](std::size_t begin, std::size_t end) {
        for (std::size_t c = begin; c != end; ++c) {
            if (size_of(councils[c]) > 0)
                result[c] = nearest(councils, points, c, wanted);
        }
    });
    return result;
}

}  // namespace localism
