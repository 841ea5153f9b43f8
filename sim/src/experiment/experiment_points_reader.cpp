// Reading an explicit list of design points, `sample: {method: points, ...}`: from a CSV file
// (header = parameter paths, one row per point) or inline `parameters:` + `values:`. Used by
// the calibration (analysis/calibrate.py) to run the particles it proposes; see experiment.hpp.
#include <algorithm>
#include <filesystem>
#include <map>

#include "experiment_reader.hpp"
#include "localism/scenario/input_limits.hpp"

namespace localism::experiment {

namespace fs = std::filesystem;
using scenario::SourceLocation;

namespace {

// One comma-separated field of a CSV line and the 1-based column it starts at.
struct Field {
    std::string text;
    int column = 1;
};

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos)
        return "";
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// Plain CSV (no quoting: parameter paths and numbers never need it).
std::vector<Field> split_fields(const std::string& line) {
    std::vector<Field> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        const std::size_t end = comma == std::string::npos ? line.size() : comma;
        fields.push_back({trimmed(line.substr(start, end - start)), static_cast<int>(start) + 1});
        if (comma == std::string::npos)
            return fields;
        start = comma + 1;
    }
}

// Checks one value of a design parameter through the schema (type and range); on success
// stores it in `out`.
bool point_value(Reader& reader, const std::string& path, const std::string& text,
                 const SourceLocation& where, double& out) {
    const std::size_t before = reader.errors.size();
    if (text.empty()) {
        reader.errors.push_back({where, path, "expected a number, the field is empty", ""});
        return false;
    }
    check_override(path, {text, false, where}, reader.errors);
    if (reader.errors.size() != before)
        return false;
    try {
        out = std::stod(text);
    } catch (const std::exception&) {
        reader.errors.push_back({where, path, "expected a number, got `" + text + "`", ""});
        return false;
    }
    return true;
}

// Adds the parameter named in a header or `parameters:` entry; false after reporting.
bool add_parameter(Reader& reader, const std::string& path, const SourceLocation& where,
                   Experiment& out) {
    for (const auto& p : out.parameters) {
        if (p.path == path) {
            reader.errors.push_back(
                {where, path, "the parameter is listed twice", "give each parameter one column"});
            return false;
        }
    }
    const scenario::ParamSpec* spec = numeric_param(reader, where, path);
    if (!spec)
        return false;
    out.parameters.push_back({path, spec->type == scenario::ParamType::kInt, 0.0, 0.0, {}, where});
    return true;
}

bool too_many(Reader& reader, const SourceLocation& where, std::size_t count, std::size_t limit,
              const std::string& what) {
    if (count <= limit)
        return false;
    reader.errors.push_back({where, "sample", "more than " + std::to_string(limit) + " " + what,
                             "split the design into several experiments"});
    return true;
}

// One data row of the CSV; appends it to out.point_rows when every value checks.
void read_csv_row(Reader& reader, const std::string& file, int line_number, const std::string& line,
                  Experiment& out) {
    const auto fields = split_fields(line);
    if (fields.size() != out.parameters.size()) {
        reader.errors.push_back({{file, line_number, 1},
                                 "sample.file",
                                 "expected " + std::to_string(out.parameters.size()) +
                                     " values (one per header column), got " +
                                     std::to_string(fields.size()),
                                 ""});
        return;
    }
    std::vector<double> row(fields.size());
    bool ok = true;
    for (std::size_t c = 0; c < fields.size(); ++c) {
        const SourceLocation where{file, line_number, fields[c].column};
        ok = point_value(reader, out.parameters[c].path, fields[c].text, where, row[c]) && ok;
    }
    if (ok)
        out.point_rows.push_back(std::move(row));
}

void read_csv(Reader& reader, const std::string& file, const std::string& text, Experiment& out) {
    std::size_t start = 0;
    int line_number = 0;
    bool header = true;
    while (start < text.size() && reader.errors.size() < scenario::kMaxDiagnostics) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        std::string line = text.substr(start, end - start);
        start = end + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (trimmed(line).empty() || trimmed(line)[0] == '#')
            continue;  // blank lines and comments
        if (!header) {
            if (too_many(reader, {file, line_number, 1}, out.point_rows.size() + 1, kMaxPointRows,
                         "design points"))
                return;
            read_csv_row(reader, file, line_number, line, out);
            continue;
        }
        header = false;
        const auto fields = split_fields(line);
        if (too_many(reader, {file, line_number, 1}, fields.size(), kMaxPointColumns, "parameters"))
            return;
        for (const auto& f : fields)
            add_parameter(reader, f.text, {file, line_number, f.column}, out);
        if (out.parameters.size() != fields.size())
            return;  // rows cannot be checked against a bad header
    }
}

void read_points_file(Reader& reader, const YAML::Node& node, Experiment& out) {
    std::string name;
    if (!reader.word(node, "sample.file", name))
        return;
    fs::path path(name);
    if (path.is_relative())
        path = fs::path(reader.file).parent_path() / path;
    if (path.extension() != ".csv") {
        reader.fail(node, "sample.file", "the points file must be a .csv file",
                    "header: parameter paths; one row per design point");
        return;
    }
    std::string text;
    if (!scenario::read_input_file(path.string(), text, reader.errors))
        return;
    read_csv(reader, path.string(), text, out);
}

void read_inline_points(Reader& reader, const YAML::Node& node, Experiment& out) {
    const YAML::Node names = node["parameters"];
    if (!names || !names.IsSequence() || names.size() == 0) {
        reader.fail(names ? names : node, "sample.parameters",
                    "expected a list of parameter paths, one per value in each row",
                    "e.g. `parameters: [councils.outreach, prize.entry_probability]`");
        return;
    }
    if (too_many(reader, reader.at(names), names.size(), kMaxPointColumns, "parameters"))
        return;
    for (const auto& name : names) {
        if (!name.IsScalar() || !add_parameter(reader, name.Scalar(), reader.at(name), out))
            return;
    }
    const YAML::Node rows = node["values"];
    if (!rows.IsSequence() ||
        too_many(reader, reader.at(rows), rows.size(), kMaxPointRows, "design points"))
        return;
    for (const auto& row : rows) {
        if (!row.IsSequence() || row.size() != out.parameters.size()) {
            reader.fail(row, "sample.values",
                        "expected a list of " + std::to_string(out.parameters.size()) +
                            " values, one per parameter",
                        "e.g. `values: [[0.1, 0.03], [0.5, 0.05]]`");
            continue;
        }
        std::vector<double> values(row.size());
        bool ok = true;
        for (std::size_t c = 0; c < row.size(); ++c) {
            ok = row[c].IsScalar() &&
                 point_value(reader, out.parameters[c].path, row[c].Scalar(), reader.at(row[c]),
                             values[c]) &&
                 ok;
        }
        if (ok)
            out.point_rows.push_back(std::move(values));
    }
}

// Each parameter's [low, high] is the range of the values listed (for plan and manifest).
void set_ranges(Experiment& out) {
    for (std::size_t c = 0; c < out.parameters.size(); ++c) {
        double low = out.point_rows.front()[c], high = low;
        for (const auto& row : out.point_rows) {
            low = std::min(low, row[c]);
            high = std::max(high, row[c]);
        }
        out.parameters[c].low = low;
        out.parameters[c].high = high;
    }
}

}  // namespace

void read_points(Reader& reader, const YAML::Node& node, Experiment& out) {
    for (const char* key : {"n", "levels"}) {
        if (node[key]) {
            reader.fail(node[key], std::string("sample.") + key,
                        "a points design takes its size from the points listed", "remove it");
        }
    }
    const std::size_t before = reader.errors.size();
    if (node["file"] && (node["values"] || node["parameters"])) {
        reader.fail(node["file"], "sample.file",
                    "give either `file:` or `parameters:` with `values:`, not both", "");
    } else if (node["file"]) {
        read_points_file(reader, node["file"], out);
    } else if (node["values"]) {
        read_inline_points(reader, node, out);
    } else {
        reader.fail(node, "sample.file", "a points design needs its points",
                    "add `file: points.csv` (header: parameter paths) or `parameters:` and "
                    "`values:`");
    }
    if (reader.errors.size() == before && out.point_rows.empty()) {
        reader.fail(node, "sample", "the points design lists no points",
                    "add at least one row of values");
    }
    if (!out.point_rows.empty())
        set_ranges(out);
    out.samples = static_cast<std::int64_t>(out.point_rows.size());
}

}  // namespace localism::experiment
