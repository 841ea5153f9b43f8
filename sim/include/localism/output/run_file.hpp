// Reads run files (format `localism-output`, docs/output-format.md) as untrusted input: the
// type class, rank, shape and size of every object are checked before anything is read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace localism::output {

// A file that cannot be opened or does not hold what a run file must. The message names the
// file and the object: "out.h5: attribute 'format' of /: expected one string, found 1000".
class RunFileError : public std::runtime_error {
  public:
    RunFileError(const std::string& path, const std::string& problem)
        : std::runtime_error(path + ": " + problem), problem_(problem) {}
    // The message without the file name.
    const std::string& problem() const { return problem_; }

  private:
    std::string problem_;
};

// Limits on what a reader allocates for one value, so a hostile file cannot exhaust memory.
inline constexpr std::size_t kMaxStringBytes = std::size_t{16} << 20;  // 16 MiB
// 2^24 months (1.4 million years of monthly rows) is far beyond any real run.
inline constexpr std::size_t kMaxSeriesLength = std::size_t{1} << 24;
inline constexpr std::size_t kMaxListedNames = 100000;

class RunFile {
  public:
    // Opens `path` read-only and checks its `format` attribute; throws RunFileError.
    explicit RunFile(const std::string& path);
    // Opens the bytes of a run file held in memory (an entry of a sweep container); `label`
    // names it in messages (container:run id).
    RunFile(const std::string& label, const std::string& image);
    ~RunFile();
    RunFile(RunFile&&) noexcept;
    RunFile& operator=(RunFile&&) noexcept;

    // True when `path` opens as a complete run file (sweep resume); never throws for a bad file.
    static bool is_run_file(const std::string& path);

    const std::string& path() const;

    // Attributes of `object` ("/" is the root; "national/total_need" a dataset). A string
    // attribute is a scalar or one-element string of either fixed or variable length; a
    // number attribute is a scalar or one-element integer or float.
    bool has_attribute(const std::string& name, const std::string& object = "/") const;
    std::string string_attribute(const std::string& name, const std::string& object = "/") const;
    double number_attribute(const std::string& name, const std::string& object = "/") const;

    // Names of the series in /national, in the order they were written.
    std::vector<std::string> national_metrics() const;
    bool has_national(const std::string& metric) const;
    // A whole 1-D float series of /national, or its last value (nullopt when it is empty).
    std::vector<double> national_series(const std::string& metric) const;
    std::optional<double> last_national_value(const std::string& metric) const;

    // "full" or "summary" (root attribute output_level; absent in full files).
    std::string output_level() const;
    // A summary file's final value of a manifest column (/final/<name>); nullopt when absent.
    std::optional<double> final_value(const std::string& metric) const;

    // One row (0 = first month) of /deciles/<metric> (month x 10 deprivation deciles), or
    // nullopt when the file has no such series (made before version 0.x wrote deciles) or it is
    // empty; `row` past the end reads the last row.
    std::optional<std::vector<double>> decile_row(const std::string& metric, std::size_t row) const;

  private:
    void check_format() const;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace localism::output
