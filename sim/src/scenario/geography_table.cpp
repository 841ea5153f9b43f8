// Reading one geography table with located errors; see geography_table.hpp.
#include "geography_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "localism/scenario/input_limits.hpp"

namespace localism::scenario::detail {

void GeographyTable::error(int line, int column, const std::string& key, std::string message,
                           std::string hint) {
    ++reported_;
    if (reported_ == kMaxDiagnostics) {
        errors_.push_back({{file_, line, column},
                           key,
                           std::move(message) + "; stopped reading this file after " +
                               std::to_string(kMaxDiagnostics) + " problems",
                           std::move(hint)});
        return;
    }
    if (reported_ < kMaxDiagnostics)
        errors_.push_back({{file_, line, column}, key, std::move(message), std::move(hint)});
}

bool GeographyTable::check_encoding() {
    const std::string_view start(text_.data(), std::min<std::size_t>(text_.size(), 2));
    if (start == "\xFF\xFE" || start == "\xFE\xFF") {
        error(1, 1, "", "the file is UTF-16 (it starts with a UTF-16 byte-order mark)",
              "save it as UTF-8 CSV");
        return false;
    }
    const std::size_t nul = text_.find('\0');
    const std::size_t invalid = first_invalid_utf8(text_);
    const std::size_t at = std::min(nul, invalid);
    if (at == std::string::npos)
        return true;
    const auto [line, column] = line_and_column(text_, at);
    error(line, column, "",
          at == nul ? "the file contains a NUL byte (is it UTF-16?)"
                    : "the file is not valid UTF-8 at this byte",
          "save it as UTF-8 CSV");
    return false;
}

std::vector<int> GeographyTable::header(const std::vector<ColumnSpec>& known) {
    std::vector<int> index(known.size(), -1);
    if (!reader.next(cells)) {
        error(1, reader.error().empty() ? 1 : reader.error_column(), "",
              reader.error().empty() ? "the file is empty, expected a header row" : reader.error());
        return index;
    }
    columns_ = cells.size();
    std::vector<std::string> names;
    for (const auto& spec : known)
        names.emplace_back(spec.name);
    std::vector<bool> suggested(known.size(), false);
    for (std::size_t c = 0; c < cells.size(); ++c) {
        const std::string name(cells[c].value);
        const auto it = std::find(names.begin(), names.end(), name);
        if (it != names.end()) {
            const auto k = static_cast<std::size_t>(it - names.begin());
            if (index[k] >= 0)
                error(1, cells[c].column, name, "duplicate column", "remove one of them");
            index[k] = static_cast<int>(c);
            continue;
        }
        // Other columns are extra attributes, kept out of the model, unless they look like a
        // misspelt known column.
        const std::string near = closest_match(name, names);
        if (!near.empty()) {
            const auto k = static_cast<std::size_t>(std::find(names.begin(), names.end(), near) -
                                                    names.begin());
            suggested[k] = true;
            error(1, cells[c].column, name, "unknown column", "did you mean `" + near + "`?");
        }
    }
    for (std::size_t k = 0; k < known.size(); ++k) {
        if (known[k].required && index[k] < 0 && !suggested[k]) {
            error(1, 1, known[k].name, std::string("missing column (") + known[k].meaning + ")",
                  "add a `" + std::string(known[k].name) + "` column to the header row");
        }
    }
    return index;
}

bool GeographyTable::next_row() {
    while (!full()) {
        if (!reader.next(cells)) {
            if (!reader.error().empty())
                error(reader.line(), reader.error_column(), "", reader.error());
            return false;
        }
        if (cells.size() == 1 && cells[0].value.empty())
            continue;  // a blank line
        if (cells.size() == columns_)
            return true;
        const int column = cells.back().column;
        error(reader.line(), column, "",
              "expected " + std::to_string(columns_) + " cells as in the header, got " +
                  std::to_string(cells.size()),
              "check for a missing or extra comma; quote cells that contain commas");
    }
    return false;
}

bool GeographyTable::integer(int index, const char* name, std::int64_t min, std::int64_t max,
                             std::int64_t& out) {
    const std::string_view value = text(index);
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
    const bool whole = ec == std::errc() && end == value.data() + value.size();
    if (whole && out >= min && out <= max)
        return true;
    const std::string got = "got `" + std::string(value) + "`";
    std::string hint;
    if (value.find(',') != std::string_view::npos)
        hint = "remove the thousands separators";
    error(reader.line(), column(index), name,
          "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
              ", " + got,
          hint);
    return false;
}

bool GeographyTable::number(int index, const char* name, double min, double max, double& out) {
    const std::string_view value = text(index);
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
    const bool whole = ec == std::errc() && end == value.data() + value.size();
    if (whole && std::isfinite(out) && out >= min && out <= max)
        return true;
    char range[64];
    std::snprintf(range, sizeof range, "a number from %g to %g", min, max);
    error(reader.line(), column(index), name,
          std::string("expected ") + range + ", got `" + std::string(value) + "`");
    return false;
}

}  // namespace localism::scenario::detail
