// Lines of a shard container's index (shards/<writer>.idx); see run_container.hpp for the format.
// The manifest values ride in the line so that `collect` reads no HDF5: opening a run file and
// its twelve /final datasets cost about 0.5 ms per run, nine tenths of collect's time.
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "localism/experiment/collect.hpp"
#include "localism/experiment/run_container.hpp"
#include "localism/output/file_checksum.hpp"

namespace localism::experiment::detail {

namespace {

// Far above any run file; a larger recorded size is a damaged index line, not a run.
constexpr std::uint64_t kMaxEntryBytes = std::uint64_t{1} << 34;
constexpr std::string_view kMetricsKey = "metrics=";
constexpr std::string_view kCheckKey = " line=";
constexpr std::size_t kTagChars = 16;  // 64 bits of a SHA-256: a damaged line never matches

std::string tag_of(const std::string& text) {
    return output::checksum_bytes(text).sha256_hex.substr(0, kTagChars);
}

std::vector<std::string_view> split(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t end = text.find(' '); end != std::string_view::npos;
         start = end + 1, end = text.find(' ', start))
        out.push_back(text.substr(start, end - start));
    out.push_back(text.substr(start));
    return out;
}

// Whole-token numbers only: "12x" or "" is a damaged line.
bool to_u64(std::string_view token, std::uint64_t& out) {
    const std::string text(token);
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
        return false;
    char* end = nullptr;
    out = std::strtoull(text.c_str(), &end, 10);
    return *end == '\0';
}

bool to_double(std::string_view token, double& out) {
    const std::string text(token);
    char* end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return !text.empty() && *end == '\0';
}

bool is_hex(std::string_view text, std::size_t size) {
    return text.size() == size &&
           text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// The six fields every line starts with.
bool parse_entry(const std::vector<std::string_view>& t, std::string& id, ContainerEntry& e) {
    id = std::string(t[0]);
    e.sha256_hex = std::string(t[4]);
    return !id.empty() && to_u64(t[1], e.generation) && to_u64(t[2], e.offset) &&
           to_u64(t[3], e.bytes) && is_hex(t[4], 64) && to_double(t[5], e.wall_seconds) &&
           e.bytes > 0 && e.bytes <= kMaxEntryBytes;
}

}  // namespace

const std::string& metric_set_tag() {
    static const std::string tag = [] {
        std::string names;
        for (const auto& name : manifest_metric_names())
            names += name + "\n";
        return tag_of(names);
    }();
    return tag;
}

std::string format_index_line(const std::string& id, const ContainerEntry& e) {
    char head[192];
    std::snprintf(head, sizeof head, " %llu %llu %llu %s %.6f",
                  static_cast<unsigned long long>(e.generation),
                  static_cast<unsigned long long>(e.offset),
                  static_cast<unsigned long long>(e.bytes), e.sha256_hex.c_str(), e.wall_seconds);
    std::string line = id + head;
    if (!e.opened_when_written)
        return line + "\n";
    line += " " + std::string(kMetricsKey) + metric_set_tag();
    for (const double value : e.metrics) {
        char text[32];
        std::snprintf(text, sizeof text, " %.17g", value);  // %.17g reads back to the same double
        line += text;
    }
    return line + std::string(kCheckKey) + tag_of(line) + "\n";
}

bool parse_index_line(const std::string& line, std::string& id, ContainerEntry& entry) {
    const std::vector<std::string_view> tokens = split(line);
    if (tokens.size() == 6)  // no values: written without them (or before they were recorded)
        return parse_entry(tokens, id, entry);
    const std::size_t check = line.rfind(kCheckKey);
    if (tokens.size() < 8 || check == std::string::npos ||
        line.compare(check + kCheckKey.size(), std::string::npos, tag_of(line.substr(0, check))) !=
            0 ||
        tokens[6].substr(0, kMetricsKey.size()) != kMetricsKey || !parse_entry(tokens, id, entry))
        return false;
    entry.opened_when_written = true;
    // Another localism's metric set (added or renamed metrics): the values are not this one's
    // columns, so collect reads the run's entry in the pack instead.
    const std::size_t values = tokens.size() - 8;
    if (tokens[6].substr(kMetricsKey.size()) != metric_set_tag() ||
        values != manifest_metric_names().size())
        return true;
    entry.metrics.resize(values);
    for (std::size_t i = 0; i < values; ++i)
        if (!to_double(tokens[7 + i], entry.metrics[i]))
            return false;
    return true;
}

}  // namespace localism::experiment::detail
