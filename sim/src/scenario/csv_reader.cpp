// CSV records with located cells; see csv_reader.hpp.
#include "csv_reader.hpp"

namespace localism::scenario::detail {

CsvReader::CsvReader(const std::string& text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF")
        at_ = 3;
    line_start_ = 0;
}

bool CsvReader::quoted_cell(CsvCell& cell) {
    const std::size_t open = at_++;
    std::string copy;
    bool escaped = false;
    while (at_ < text_.size()) {
        const char c = text_[at_];
        if (c == '"' && at_ + 1 < text_.size() && text_[at_ + 1] == '"') {
            copy += '"';
            escaped = true;
            at_ += 2;
        } else if (c == '"') {
            ++at_;
            if (escaped) {
                unescaped_.push_back(std::move(copy));
                cell.value = unescaped_.back();
            } else {
                cell.value = text_.substr(open + 1, at_ - open - 2);
            }
            return true;
        } else {
            if (c == '\n') {
                ++line_;
                line_start_ = at_ + 1;
            }
            copy += c;
            ++at_;
        }
    }
    error_ = "a quoted cell is not closed (expected a closing `\"`)";
    return false;
}

bool CsvReader::next(std::vector<CsvCell>& cells) {
    cells.clear();
    if (at_ >= text_.size() || !error_.empty())
        return false;
    record_line_ = line_;
    while (true) {
        CsvCell cell;
        cell.column = static_cast<int>(at_ - line_start_) + 1;
        if (at_ < text_.size() && text_[at_] == '"') {
            if (!quoted_cell(cell)) {
                error_column_ = cell.column;
                return false;
            }
        } else {
            const std::size_t end = text_.find_first_of(",\r\n\"", at_);
            const std::size_t stop = end == std::string_view::npos ? text_.size() : end;
            cell.value = text_.substr(at_, stop - at_);
            at_ = stop;
        }
        cells.push_back(cell);
        const char c = at_ < text_.size() ? text_[at_] : '\n';
        if (c == ',') {
            ++at_;
            continue;
        }
        if (c == '\r' && at_ + 1 < text_.size() && text_[at_ + 1] == '\n')
            ++at_;
        if (c == '\n' || c == '\r') {
            at_ = std::min(at_ + 1, text_.size());
            ++line_;
            line_start_ = at_;
            return true;
        }
        error_ = "unexpected `\"` inside a cell (quote the whole cell and double the quote)";
        error_column_ = static_cast<int>(at_ - line_start_) + 1;
        return false;
    }
}

std::pair<int, int> line_and_column(const std::string& text, std::size_t offset) {
    int line = 1;
    std::size_t start = 0;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            start = i + 1;
        }
    }
    return {line, static_cast<int>(offset - start) + 1};
}

}  // namespace localism::scenario::detail
