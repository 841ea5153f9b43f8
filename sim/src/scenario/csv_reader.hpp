// A small RFC 4180 CSV reader over text in memory that keeps every cell's line and column, so
// table errors can be located like scenario errors. Internal to the scenario module.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace localism::scenario::detail {

struct CsvCell {
    std::string_view value;  // unquoted; points into the text or into the reader's own copies
    int column = 0;          // 1-based byte column where the cell starts
};

class CsvReader {
  public:
    // Skips a UTF-8 byte-order mark; the text must outlive the reader.
    explicit CsvReader(const std::string& text);
    // Reads the next record into `cells`; false at the end of the text or on a syntax error
    // (then `error()` is set and `error_column()` says where).
    bool next(std::vector<CsvCell>& cells);
    int line() const { return record_line_; }  // 1-based line where the last record started
    const std::string& error() const { return error_; }
    int error_column() const { return error_column_; }

  private:
    bool quoted_cell(CsvCell& cell);
    std::string_view text_;
    std::size_t at_ = 0;
    std::size_t line_start_ = 0;
    int line_ = 1;
    int record_line_ = 0;
    std::string error_;
    int error_column_ = 0;
    std::deque<std::string> unescaped_;  // cells that held "" escapes
};

// 1-based line and column of byte `offset` of `text`.
std::pair<int, int> line_and_column(const std::string& text, std::size_t offset);

}  // namespace localism::scenario::detail
