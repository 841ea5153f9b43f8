// Unit-cube designs for experiments; see sampling.hpp.
#include "localism/experiment/sampling.hpp"

#include <boost/random/sobol.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace localism::experiment {

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

std::uint64_t replicate_seed(std::uint64_t master_seed, std::int64_t replicate) {
    // Hash twice so nearby master seeds and nearby replicate indices do not give related seeds.
    return splitmix64(splitmix64(master_seed) ^ static_cast<std::uint64_t>(replicate)) >> 12;
}

std::uint64_t DesignRandom::next() {
    state_ += 0x9e3779b97f4a7c15ull;
    return splitmix64(state_);
}

double DesignRandom::uniform() {
    return std::ldexp(static_cast<double>(next() >> 11), -53);
}

std::uint64_t DesignRandom::below(std::uint64_t bound) {
    // Rejection sampling avoids modulo bias.
    const std::uint64_t limit = ~0ull - (~0ull % bound);
    std::uint64_t x = next();
    while (x >= limit)
        x = next();
    return x % bound;
}

std::vector<std::vector<std::size_t>> grid_indices(const std::vector<std::size_t>& counts) {
    std::size_t total = 1;
    for (const auto c : counts)
        total *= c;
    std::vector<std::vector<std::size_t>> out;
    out.reserve(total);
    std::vector<std::size_t> index(counts.size(), 0);
    for (std::size_t n = 0; n < total; ++n) {
        out.push_back(index);
        for (std::size_t d = counts.size(); d-- > 0;) {
            if (++index[d] < counts[d])
                break;
            index[d] = 0;
        }
    }
    return out;
}

std::vector<UnitPoint> latin_hypercube(std::size_t n, std::size_t k, std::uint64_t seed) {
    DesignRandom random(seed);
    std::vector<UnitPoint> points(n, UnitPoint(k));
    std::vector<std::size_t> strata(n);
    for (std::size_t d = 0; d < k; ++d) {
        std::iota(strata.begin(), strata.end(), std::size_t{0});
        for (std::size_t i = n; i > 1; --i)
            std::swap(strata[i - 1], strata[random.below(i)]);
        for (std::size_t i = 0; i < n; ++i) {
            points[i][d] =
                (static_cast<double>(strata[i]) + random.uniform()) / static_cast<double>(n);
        }
    }
    return points;
}

std::vector<SaltelliRow> saltelli(std::size_t n, std::size_t k) {
    boost::random::sobol sequence(static_cast<unsigned>(2 * k));
    sequence.discard(2 * k);  // the first point is all zeros: a degenerate corner
    std::vector<SaltelliRow> rows;
    rows.reserve(n * (k + 2));
    UnitPoint both(2 * k);
    for (std::size_t j = 0; j < n; ++j) {
        for (auto& x : both)
            x = std::ldexp(static_cast<double>(sequence()), -64);
        const UnitPoint a(both.begin(), both.begin() + static_cast<std::ptrdiff_t>(k));
        const UnitPoint b(both.begin() + static_cast<std::ptrdiff_t>(k), both.end());
        rows.push_back({j, 0, a});
        rows.push_back({j, 1, b});
        for (std::size_t i = 0; i < k; ++i) {
            UnitPoint ab = a;
            ab[i] = b[i];
            rows.push_back({j, static_cast<int>(2 + i), ab});
        }
    }
    return rows;
}

std::vector<MorrisRow> morris(std::size_t trajectories, std::size_t k, int levels,
                              std::uint64_t seed) {
    if (levels < 2)
        throw std::invalid_argument("Morris designs need at least 2 levels");
    DesignRandom random(seed);
    const double delta = levels / (2.0 * (levels - 1));
    // Start levels from which a step of +delta stays inside [0, 1].
    std::vector<double> starts;
    for (int l = 0; l < levels; ++l) {
        const double x = l / static_cast<double>(levels - 1);
        if (x <= 1.0 - delta + 1e-12)
            starts.push_back(x);
    }
    std::vector<MorrisRow> rows;
    rows.reserve(trajectories * (k + 1));
    std::vector<std::size_t> order(k);
    for (std::size_t t = 0; t < trajectories; ++t) {
        UnitPoint x(k);
        std::vector<double> direction(k);
        for (std::size_t d = 0; d < k; ++d) {
            const double lower = starts[random.below(starts.size())];
            direction[d] = random.below(2) == 0 ? -1.0 : 1.0;
            x[d] = direction[d] > 0 ? lower : lower + delta;
        }
        rows.push_back({t, 0, x});
        std::iota(order.begin(), order.end(), std::size_t{0});
        for (std::size_t i = k; i > 1; --i)
            std::swap(order[i - 1], order[random.below(i)]);
        for (std::size_t s = 0; s < k; ++s) {
            x[order[s]] += direction[order[s]] * delta;
            rows.push_back({t, static_cast<int>(s + 1), x});
        }
    }
    return rows;
}

}  // namespace localism::experiment
