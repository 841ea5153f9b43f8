// Branch and bound over the design choices, assigned in order 0, 1, ..., N-1. A partial
// assignment's bound adds, for every choice j, the largest of j's contributions consistent
// with the bits assigned so far. Each term is at least the term any completion has, and the
// terms are added in the same order as knowhow_value adds them; rounding is monotone, so the
// bound is never below the value of a leaf beneath it, even in floating point. A subtree whose
// bound is below the best leaf found is skipped, which makes the result exact.
#include "localism/model/knowhow_maximum.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

namespace localism {

namespace {

// The order in which choices are fixed: next, the one that completes most choices' terms (all
// K + 1 of their inputs fixed), then the one read by most unfinished choices. Exact terms early
// make the bound tight near the root; the maximum does not depend on the order.
std::vector<int> completion_order(const KnowhowLandscape& landscape) {
    const int width = landscape.interactions + 1;
    std::vector<bool> fixed(static_cast<std::size_t>(landscape.choices), false);
    std::vector<int> order;
    const auto missing = [&](int j) {  // inputs of choice j not fixed yet
        int count = 0;
        for (int b = 0; b < width; ++b)
            count += !fixed[landscape.loci[static_cast<std::size_t>(j * width + b)]];
        return count;
    };
    while (order.size() < fixed.size()) {
        int best = -1, best_completed = -1, best_read = -1;
        for (int bit = 0; bit < landscape.choices; ++bit) {
            if (fixed[static_cast<std::size_t>(bit)])
                continue;
            int completed = 0, read = 0;
            for (int j = 0; j < landscape.choices; ++j) {
                bool reads = false;
                for (int b = 0; b < width; ++b)
                    reads |= landscape.loci[static_cast<std::size_t>(j * width + b)] == bit;
                const int left = missing(j);
                completed += reads && left == 1;
                read += reads && left > 0;
            }
            if (completed > best_completed || (completed == best_completed && read > best_read)) {
                best = bit;
                best_completed = completed;
                best_read = read;
            }
        }
        fixed[static_cast<std::size_t>(best)] = true;
        order.push_back(best);
    }
    return order;
}

// Per choice, the best contribution consistent with the bits fixed so far (N <= 24).
using Terms = std::array<double, 24>;

class BranchAndBound {
  public:
    explicit BranchAndBound(const KnowhowLandscape& landscape)
        : landscape_(landscape),
          width_(landscape.interactions + 1),
          row_(std::size_t{1} << width_),
          best_given_(static_cast<std::size_t>(landscape.choices) *
                      static_cast<std::size_t>(landscape.choices + 1) * row_),
          order_(completion_order(landscape)),
          position_(order_.size()) {
        for (std::size_t d = 0; d < order_.size(); ++d)
            position_[static_cast<std::size_t>(order_[d])] = static_cast<int>(d);
        for (int depth = 0; depth <= landscape.choices; ++depth) {
            for (int j = 0; j < landscape.choices; ++j)
                fill_best_given(depth, j);
        }
        readers_.resize(static_cast<std::size_t>(landscape.choices));
        for (int j = 0; j < landscape.choices; ++j) {
            for (int b = 0; b < width_; ++b)
                readers_[landscape.loci[static_cast<std::size_t>(j * width_ + b)]].push_back(j);
        }
    }

    double maximum() {
        Terms root{};
        for (int j = 0; j < landscape_.choices; ++j)
            root[static_cast<std::size_t>(j)] = table(0, j)[0];
        search(0, 0, root);
        return best_;
    }

  private:
    // Bits of j's row index (positions b) whose locus is among the first `depth` choices.
    std::size_t assigned_mask(int depth, int j) const {
        std::size_t mask = 0;
        for (int b = 0; b < width_; ++b) {
            if (position_[landscape_.loci[static_cast<std::size_t>(j * width_ + b)]] < depth)
                mask |= std::size_t{1} << b;
        }
        return mask;
    }
    double* table(int depth, int j) {
        return &best_given_[(static_cast<std::size_t>(depth) *
                                 static_cast<std::size_t>(landscape_.choices) +
                             static_cast<std::size_t>(j)) *
                            row_];
    }
    // table(depth, j)[index]: the largest contribution of j whose assigned bits equal index's.
    void fill_best_given(int depth, int j) {
        const std::size_t mask = assigned_mask(depth, j);
        double* best = table(depth, j);
        std::fill(best, best + row_, 0.0);
        const double* row = &landscape_.contributions[static_cast<std::size_t>(j) * row_];
        for (std::size_t r = 0; r < row_; ++r)
            best[r & mask] = std::max(best[r & mask], row[r]);
    }
    // Fixing choice `depth` changes the best term only of the choices that read it: the child's
    // terms are the parent's with those recomputed. The bound adds all terms in choice order.
    double child_terms(int depth, KnowhowChoices child, const Terms& parent, Terms& terms) {
        terms = parent;
        for (const int j : readers_[static_cast<std::size_t>(order_[depth])])
            terms[static_cast<std::size_t>(j)] =
                table(depth + 1, j)[knowhow_row_index(landscape_, j, child)];
        double sum = 0.0;
        for (int j = 0; j < landscape_.choices; ++j)
            sum += terms[static_cast<std::size_t>(j)];
        return sum / landscape_.choices;
    }
    void search(int depth, KnowhowChoices choices, const Terms& terms) {
        if (depth == landscape_.choices) {
            best_ = std::max(best_, knowhow_value(landscape_, choices));
            return;
        }
        const KnowhowChoices with_one = choices | (KnowhowChoices{1} << order_[depth]);
        Terms zero_terms, one_terms;
        const double bound_zero = child_terms(depth, choices, terms, zero_terms);
        const double bound_one = child_terms(depth, with_one, terms, one_terms);
        // The more promising branch first, so a good leaf is found early and prunes the rest.
        if (bound_one > bound_zero) {
            if (bound_one > best_)
                search(depth + 1, with_one, one_terms);
            if (bound_zero > best_)
                search(depth + 1, choices, zero_terms);
        } else {
            if (bound_zero > best_)
                search(depth + 1, choices, zero_terms);
            if (bound_one > best_)
                search(depth + 1, with_one, one_terms);
        }
    }

    const KnowhowLandscape& landscape_;
    int width_;
    std::size_t row_;
    std::vector<double> best_given_;         // (depth, choice) -> 2^(K+1) best contributions
    std::vector<int> order_;                 // depth -> the choice fixed at that depth
    std::vector<int> position_;              // choice -> its depth
    std::vector<std::vector<int>> readers_;  // choice -> the choices whose value reads it
    double best_ = 0.0;
};

}  // namespace

double knowhow_maximum(const KnowhowLandscape& landscape) {
    return BranchAndBound(landscape).maximum();
}

}  // namespace localism
