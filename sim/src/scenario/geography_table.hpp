// Shared helpers for reading one geography table: located errors, the header's columns (with
// did-you-mean for misspelt ones) and typed cells. Internal to the scenario module.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "csv_reader.hpp"
#include "localism/scenario/diagnostics.hpp"

namespace localism::scenario::detail {

struct ColumnSpec {
    const char* name;
    bool required;
    const char* meaning;  // what the column holds, quoted in "missing column" errors
};

// One table being read: its file name, its text and where its problems go.
class GeographyTable {
  public:
    GeographyTable(const std::string& text, std::string file, std::vector<Diagnostic>& errors)
        : reader(text), text_(text), file_(std::move(file)), errors_(errors) {}
    void error(int line, int column, const std::string& key, std::string message,
               std::string hint = "");
    // True once this table has reported kMaxDiagnostics problems: reading stops there.
    bool full() const { return reported_ >= kMaxDiagnostics; }
    bool failed() const { return reported_ > 0; }
    const std::string& file() const { return file_; }
    // Wrong encoding (UTF-16, invalid UTF-8, NUL bytes) is reported at its line and column.
    bool check_encoding();
    // Reads the header; returns the index of each known column (-1 when absent), reporting
    // missing required columns, duplicates and unknown columns close to a known name.
    std::vector<int> header(const std::vector<ColumnSpec>& known);
    // Reads the next record; false at the end or on a syntax error (reported). Blank lines are
    // skipped; a record with the wrong number of cells is reported and skipped.
    bool next_row();

    // Typed cells of the current row (column index from header()); each reports a bad value.
    bool integer(int index, const char* name, std::int64_t min, std::int64_t max,
                 std::int64_t& out);
    bool number(int index, const char* name, double min, double max, double& out);
    std::string_view text(int index) const { return cells[static_cast<std::size_t>(index)].value; }
    int column(int index) const { return cells[static_cast<std::size_t>(index)].column; }

    CsvReader reader;
    std::vector<CsvCell> cells;

  private:
    const std::string& text_;
    std::string file_;
    std::vector<Diagnostic>& errors_;
    std::size_t columns_ = 0;
    std::size_t reported_ = 0;
};

}  // namespace localism::scenario::detail
