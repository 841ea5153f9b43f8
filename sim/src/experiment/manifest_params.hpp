// The manifest's parameter columns (internal to collect): the design's parameters, then every
// scenario parameter whose effective value differs between arms (set:, extends: or the base
// they share), numeric ones as float64 and the rest (e.g. central.mode) as strings.
#pragma once

#include <string>
#include <vector>

#include "localism/experiment/design.hpp"
#include "manifest_table.hpp"

namespace localism::experiment::detail {

class ParamColumns {
  public:
    explicit ParamColumns(const Design& design);

    // Column names (dotted parameter paths) in the order their values are added.
    const std::vector<std::string>& numeric_paths() const { return numeric_paths_; }
    const std::vector<std::string>& text_paths() const { return text_paths_; }
    // Appends one run's values to block.params and block.text_params.
    void add(const RunSpec& run, const DesignPoint& point, RowBlock& block) const;

  private:
    std::size_t design_count_ = 0;
    std::vector<std::string> numeric_paths_, text_paths_;
    std::vector<std::vector<double>> arm_numbers_;     // [arm column][arm]
    std::vector<std::vector<std::string>> arm_texts_;  // [text column][arm]
};

}  // namespace localism::experiment::detail
