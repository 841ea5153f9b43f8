// A table of fixed-length HDF5 columns written block by block (the sweep manifest's storage),
// with no HDF5 types in its interface. Its owner decides the layout; this class only writes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace localism::output {

enum class ColumnType { kString, kInt64, kUInt64, kFloat64 };

class TableFile {
  public:
    // Creates (truncates) `path`; every column will hold `rows` values. Throws on failure.
    TableFile(const std::string& path, std::int64_t rows);
    ~TableFile();  // closes without reporting errors: call close() to see them
    TableFile(TableFile&&) noexcept;
    TableFile& operator=(TableFile&&) noexcept;

    // Root attributes.
    void attribute(const std::string& name, const std::string& value);
    void attribute(const std::string& name, std::int64_t value);
    void attribute(const std::string& name, const std::vector<std::string>& values);
    void attribute(const std::string& name, const std::vector<double>& values);

    // Groups and columns are addressed by '/'-separated paths; a group must exist before its
    // members, and members are listed in creation order. Returns the column's number.
    void add_group(const std::string& path);
    std::size_t add_column(const std::string& path, ColumnType type);
    // A string attribute on a column (e.g. a metric's units, description, better, scope).
    void column_attribute(std::size_t column, const std::string& name, const std::string& value);

    // Writes values into rows [first_row, first_row + values.size()) of a column, whose type
    // must match.
    void write(std::size_t column, std::int64_t first_row, const std::vector<std::string>& values);
    void write(std::size_t column, std::int64_t first_row, const std::vector<std::int64_t>& values);
    void write(std::size_t column, std::int64_t first_row,
               const std::vector<std::uint64_t>& values);
    void write(std::size_t column, std::int64_t first_row, const std::vector<double>& values);

    // Closes every column and the file, reporting any failure (e.g. a full disk).
    void close();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace localism::output
