// Branch and bound over the design choices, assigned in order 0, 1, ..., N-1. A partial
// assignment's bound adds, for every choice j, the largest of j's contributions consistent
// with the bits assigned so far. Each term is at least the term any completion has, and the
// terms are added in the same order as knowhow_value adds them; rounding is monotone, so the
// bound is never below the value of a leaf beneath it, even in floating point. A subtree whose
// bound is below the best leaf found is skipped, which makes the result exact.
#include "localism/model/knowhow_maximum.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace localism {

namespace {

class BranchAndBound {
  public:
    explicit BranchAndBound(const KnowhowLandscape& landscape)
        : landscape_(landscape),
          width_(landscape.interactions + 1),
          row_(std::size_t{1} << width_),
          best_given_(static_cast<std::size_t>(landscape.choices) *
                      static_cast<std::size_t>(landscape.choices + 1) * row_) {
        for (int depth = 0; depth <= landscape.choices; ++depth) {
            for (int j = 0; j < landscape.choices; ++j)
                fill_best_given(depth, j);
        }
    }

    double maximum() {
        search(0, 0);
        return best_;
    }

  private:
    // Bits of j's row index (positions b) whose locus is among the first `depth` choices.
    std::size_t assigned_mask(int depth, int j) const {
        std::size_t mask = 0;
        for (int b = 0; b < width_; ++b) {
            if (landscape_.loci[static_cast<std::size_t>(j * width_ + b)] < depth)
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
    // Unassigned choices are 0 in `choices`, so j's index masked to the assigned bits is read
    // straight from it.
    double bound(int depth, KnowhowChoices choices) {
        double sum = 0.0;
        for (int j = 0; j < landscape_.choices; ++j) {
            const std::uint8_t* loci = &landscape_.loci[static_cast<std::size_t>(j * width_)];
            std::size_t index = 0;
            for (int b = 0; b < width_; ++b)
                index |= static_cast<std::size_t>((choices >> loci[b]) & 1u) << b;
            sum += table(depth, j)[index];
        }
        return sum / landscape_.choices;
    }
    void search(int depth, KnowhowChoices choices) {
        if (depth == landscape_.choices) {
            best_ = std::max(best_, knowhow_value(landscape_, choices));
            return;
        }
        const KnowhowChoices with_one = choices | (KnowhowChoices{1} << depth);
        const double bound_zero = bound(depth + 1, choices);
        const double bound_one = bound(depth + 1, with_one);
        // The more promising branch first, so a good leaf is found early and prunes the rest.
        const bool one_first = bound_one > bound_zero;
        const double first_bound = one_first ? bound_one : bound_zero;
        const double second_bound = one_first ? bound_zero : bound_one;
        if (first_bound > best_)
            search(depth + 1, one_first ? with_one : choices);
        if (second_bound > best_)
            search(depth + 1, one_first ? choices : with_one);
    }

    const KnowhowLandscape& landscape_;
    int width_;
    std::size_t row_;
    std::vector<double> best_given_;  // (depth, choice) -> 2^(K+1) best contributions
    double best_ = 0.0;
};

}  // namespace

double knowhow_maximum(const KnowhowLandscape& landscape) {
    return BranchAndBound(landscape).maximum();
}

}  // namespace localism
