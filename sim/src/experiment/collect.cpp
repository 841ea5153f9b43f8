// `localism collect`: the manifest of a sweep directory; see collect.hpp.
#include "localism/experiment/collect.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>

#include "localism/engine/metric_registry.hpp"
#include "localism/experiment/design.hpp"
#include "localism/experiment/sweep_dir.hpp"
#include "localism/output/hdf5_writer.hpp"
#include "localism/output/run_file.hpp"
#include "manifest_params.hpp"
#include "manifest_table.hpp"

namespace localism::experiment {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kBlockRows = 4096;
const double kNaN = std::nan("");

// A missing series reads as empty (NaN below); a malformed one throws, naming the file.
std::vector<double> read_series(const output::RunFile& file, const std::string& name) {
    return file.has_national(name) ? file.national_series(name) : std::vector<double>{};
}

// RFC 4180 quoting, so error messages with commas, quotes or newlines stay one field.
std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos)
        return text;
    std::string out = "\"";
    for (const char c : text)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string number(double x) {
    if (std::isnan(x))
        return "nan";
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", x);
    return text;
}

std::string role_column(DesignKind kind) {
    if (kind == DesignKind::kSobol)
        return "saltelli_role";
    if (kind == DesignKind::kMorris)
        return "morris_step";
    return "";
}

void write_csv_header(std::ofstream& csv, const detail::ParamColumns& params,
                      const std::string& role) {
    csv << "run_id,arm,replicate,sample_index,seed,status,wall_seconds,error,output";
    if (!role.empty())
        csv << "," << role;
    for (const auto* paths : {&params.numeric_paths(), &params.text_paths()})
        for (const auto& path : *paths)
            csv << ",param/" << path;
    for (const auto& m : manifest_metric_names())
        csv << ",metric/" << m;
    csv << "\n";
}

void write_csv_rows(std::ofstream& csv, const detail::RowBlock& b, bool with_role) {
    for (std::size_t r = 0; r < b.size(); ++r) {
        csv << csv_field(b.run_id[r]) << ',' << csv_field(b.arm[r]) << ',' << b.replicate[r] << ','
            << b.sample_index[r] << ',' << b.seed[r] << ',' << b.status[r] << ','
            << number(b.wall_seconds[r]) << ',' << csv_field(b.error[r]) << ',' << b.output[r];
        if (with_role)
            csv << ',' << b.role[r];
        for (const auto& column : b.params)
            csv << ',' << number(column[r]);
        for (const auto& column : b.text_params)
            csv << ',' << csv_field(column[r]);
        for (const auto& column : b.metrics)
            csv << ',' << number(column[r]);
        csv << '\n';
    }
}

// The status and metrics of one run; a file that passes its checksum but whose series do not
// read (never seen from our own writer) is reported like a damaged one, not thrown. A container
// entry's values come from its index line (no HDF5), or from its bytes for a line without them.
RunStatus status_with_metrics(const SweepDir& dir, const std::string& id,
                              std::vector<double>& metrics) {
    metrics.assign(manifest_metric_names().size(), kNaN);
    if (dir.containers()) {
        const RunStatus status = dir.status(id, &metrics);
        if (status.state != RunState::kDone)
            metrics.assign(manifest_metric_names().size(), kNaN);
        return status;
    }
    const RunStatus status = dir.status(id);
    if (status.state != RunState::kDone)
        return status;
    try {
        metrics = run_metrics(dir.run_file(id));
    } catch (const output::RunFileError& e) {
        metrics.assign(manifest_metric_names().size(), kNaN);
        return {RunState::kDamaged, e.what(), 0.0};
    }
    return status;
}

void add_row(const Design& design, const detail::ParamColumns& params, const SweepDir& dir,
             std::int64_t index, detail::RowBlock& b, CollectSummary& summary) {
    const RunSpec run = design.run(index);
    const DesignPoint& point = design.point_of(run);
    std::vector<double> metrics;
    const RunStatus status = status_with_metrics(dir, run.id, metrics);
    const bool done = status.state == RunState::kDone;
    const bool pending = status.state == RunState::kPending;
    b.run_id.push_back(run.id);
    b.arm.push_back(design.experiment().arms[run.arm].name);
    b.replicate.push_back(run.replicate);
    b.sample_index.push_back(point.sample_index);
    b.role.push_back(point.role);
    b.seed.push_back(run.seed);
    // A damaged run is "failed" here: its numbers are not trustworthy, and the next sweep redoes
    // it.
    b.status.push_back(done ? "ok" : pending ? "pending" : "failed");
    b.error.push_back(status.message);
    b.output.push_back(dir.output_relative(run.id));
    b.wall_seconds.push_back(done ? status.wall_seconds : kNaN);
    params.add(run, point, b);
    for (std::size_t m = 0; m < b.metrics.size(); ++m)
        b.metrics[m].push_back(metrics[m]);
    (done ? summary.ok : pending ? summary.pending : summary.failed) += 1;
    if (status.state == RunState::kDamaged && summary.damaged++ == 0)
        summary.first_damage = status.message;
}

detail::ManifestAttributes attributes_of(const Experiment& e, const std::string& design_text) {
    detail::ManifestAttributes a{e.name,
                                 static_cast<std::int64_t>(e.master_seed),
                                 design_name(e.design),
                                 design_text,
                                 {},
                                 {},
                                 {}};
    a.branch_month = e.history_month;
    if (e.design == DesignKind::kLhs || e.design == DesignKind::kSobol ||
        e.design == DesignKind::kMorris || e.design == DesignKind::kPoints) {
        for (const auto& p : e.parameters) {
            a.param_names.push_back(p.path);
            a.param_lows.push_back(p.low);
            a.param_highs.push_back(p.high);
        }
    }
    return a;
}

}  // namespace

const std::vector<std::string>& manifest_metric_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const MetricDef* column : metrics_in(Scope::kManifest))
            out.push_back(column->name);
        return out;
    }();
    return names;
}

std::vector<double> run_metrics(const fs::path& run_file) {
    return run_metrics(output::RunFile(run_file.string()));
}

// A summary file carries the manifest values, computed from every month when it was written
// (/final); a full file's are computed here from its monthly series.
std::vector<double> run_metrics(const output::RunFile& file) {
    std::vector<double> out;
    if (file.output_level() == "summary") {
        for (const MetricDef* column : metrics_in(Scope::kManifest))
            out.push_back(file.final_value(column->name).value_or(kNaN));
        return out;
    }
    const RunSeries series = [&file](const std::string& name) { return read_series(file, name); };
    for (const MetricDef* column : metrics_in(Scope::kManifest))
        out.push_back(std::get<ManifestFn>(column->compute)(series));
    return out;
}

namespace {

void write_manifest(const fs::path& dir_path, const fs::path& h5_tmp, const fs::path& csv_tmp,
                    CollectSummary& summary) {
    const SweepDir dir(dir_path);
    const std::string design_text = read_text_file(dir.design_file());
    const Design design(load_experiment(dir.design_file().string()));
    const Experiment& e = design.experiment();
    const std::string role = role_column(e.design);
    const detail::ParamColumns params(design);
    detail::ManifestH5 h5(h5_tmp.string(), design.size(), attributes_of(e, design_text),
                          params.numeric_paths(), params.text_paths(), role,
                          manifest_metric_names());
    std::ofstream csv(csv_tmp, std::ios::trunc);
    write_csv_header(csv, params, role);
    detail::RowBlock block;
    block.params.resize(params.numeric_paths().size());
    block.text_params.resize(params.text_paths().size());
    block.metrics.resize(manifest_metric_names().size());
    for (std::int64_t first = 0; first < design.size(); first += kBlockRows) {
        block.clear();
        const std::int64_t end = std::min<std::int64_t>(design.size(), first + kBlockRows);
        for (std::int64_t i = first; i < end; ++i)
            add_row(design, params, dir, i, block, summary);
        h5.write(first, block);
        write_csv_rows(csv, block, !role.empty());
    }
    csv.close();
    if (!csv)
        throw WriteError("cannot write " + csv_tmp.string());
    h5.close();
}

}  // namespace

CollectSummary collect(const fs::path& dir_path) {
    // Written under temporary names and renamed, so a reader never sees half a manifest.
    const fs::path h5_tmp = dir_path / "manifest.h5.tmp", csv_tmp = dir_path / "manifest.csv.tmp";
    CollectSummary summary;
    try {
        write_manifest(dir_path, h5_tmp, csv_tmp, summary);
        fs::rename(h5_tmp, dir_path / "manifest.h5");
        fs::rename(csv_tmp, dir_path / "manifest.csv");
    } catch (...) {
        std::error_code ec;
        fs::remove(h5_tmp, ec);
        fs::remove(csv_tmp, ec);
        throw;
    }
    return summary;
}

}  // namespace localism::experiment
