// `localism summary OUT.h5`: provenance, last-month values and run totals of a run file.
#include <cstdio>
#include <iostream>
#include <numeric>
#include <optional>

#include "commands.hpp"
#include "localism/engine/metric_registry.hpp"
#include "localism/output/run_file.hpp"

namespace localism::cli {

namespace {

constexpr std::size_t kLastRow = static_cast<std::size_t>(-1);

// Outcomes by deprivation decile over the whole run (empty for a file without /deciles).
// Share removed is need removed / the decile's need in the first month, as in the council panel
// of the analysis; per GBP 1,000 divides by the public money its communities received.
std::string decile_lines(const output::RunFile& file) {
    const auto removed = file.decile_row("cumulative_need_reduced", kLastRow);
    const auto start = file.decile_row("total_need", 0);
    const auto spent = file.decile_row("cumulative_spend_gbp", kLastRow);
    const auto communities = file.decile_row("communities", 0);
    if (!removed || !start || !spent || !communities)
        return {};
    std::string text =
        "\nby deprivation decile (1 = most deprived tenth of communities), whole run:\n"
        "  decile  communities  first-month need  need removed  share removed   public GBP "
        "received  need removed per GBP 1,000\n";
    for (std::size_t d = 0; d < removed->size(); ++d) {
        const double share = (*start)[d] > 0 ? (*removed)[d] / (*start)[d] : 0.0;
        const double per_1000 = (*spent)[d] > 0 ? 1000.0 * (*removed)[d] / (*spent)[d] : 0.0;
        char line[256];
        std::snprintf(
            line, sizeof line, "  %6zu  %11.0f  %16.6g  %12.6g  %12.2f%%  %19.6g  %26.4g\n", d + 1,
            (*communities)[d], (*start)[d], (*removed)[d], 100.0 * share, (*spent)[d], per_1000);
        text += line;
    }
    return text +
           "councils: the most and least additional need removed per pound are measured "
           "against a baseline arm in the same replicate, which one run lacks; see `python3 -m "
           "analysis.compare DIR --baseline ARM` on a sweep with a baseline arm\n";
}

// Run totals: each monthly flow of the registry (spending, income, need reduced, starts) summed
// over every month, since the last month alone says little (programmes may end before it).
std::string total_lines(const output::RunFile& file) {
    std::string text = "\nrun totals (each monthly flow summed over all months):\n";
    bool any = false;
    double spend_gbp = 0.0;  // every spend_*_gbp line: the public money spent, as in the manifest
    for (const auto& name : file.national_metrics()) {
        const MetricDef* metric = find_metric(Scope::kNational, name);
        if (!metric || !metric->is_flow())
            continue;
        const std::vector<double> series = file.national_series(name);
        const double total = std::accumulate(series.begin(), series.end(), 0.0);
        const std::string units = metric->units.substr(0, metric->units.size() - 6);  // "/month"
        char line[512];
        std::snprintf(line, sizeof line, "  %-32s %14.6g  ", name.c_str(), total);
        text += line + units + "\n";
        any = true;
        if (name.rfind("spend_", 0) == 0)
            spend_gbp += total;
    }
    char line[128];
    std::snprintf(line, sizeof line, "  %-32s %14.6g  GBP\n", "(all spend_* lines)", spend_gbp);
    return any ? text + line : std::string();
}

// A summary-level file (output.level: summary) holds yearly rows: a flow's last value is the
// last year's total, and /final has the manifest's values over the whole run.
std::string summary_level_lines(const output::RunFile& file) {
    if (file.output_level() != "summary")
        return {};
    std::string text =
        "\noutput level summary: values above are at the last recorded year's end; flows "
        "(units per month) are that year's totals\nfinal values (as in a sweep manifest):\n";
    for (const MetricDef* column : metrics_in(Scope::kManifest)) {
        const std::string& name = column->name;
        const std::optional<double> value = file.final_value(name);
        if (!value)
            continue;
        char line[512];
        std::snprintf(line, sizeof line, "  %-32s %14.6g\n", name.c_str(), *value);
        text += line;
    }
    return text;
}

int summarise(const std::string& path) {
    try {
        const output::RunFile file(path);
        // Read in full before printing, so a bad file prints its error and nothing else.
        const std::string header =
            "file:      " + path + "\nscenario:  " + file.string_attribute("scenario_name") +
            "\nformat:    " + file.string_attribute("format_version") + ", program " +
            file.string_attribute("program_version") + " (" + file.string_attribute("git_sha") +
            ")\ncreated:   " + file.string_attribute("created") + "\n";
        std::string lines = "last month:\n";
        for (const auto& metric : file.national_metrics()) {
            const std::optional<double> value = file.last_national_value(metric);
            if (!value)
                continue;
            const std::string object = "national/" + metric;
            const std::string units = file.has_attribute("units", object)
                                          ? file.string_attribute("units", object)
                                          : std::string();
            char line[512];
            std::snprintf(line, sizeof line, "  %-32s %14.6g  ", metric.c_str(), *value);
            lines += line + units + "\n";
        }
        lines += total_lines(file);
        lines += decile_lines(file);
        lines += summary_level_lines(file);
        std::cout << header << lines;
    } catch (const output::RunFileError& e) {
        std::cerr << path << ": error: " << e.problem() << "\n";
        return kExitBadInput;
    }
    return kExitOk;
}

}  // namespace

Command add_summary_command(CLI::App& app) {
    auto path = std::make_shared<std::string>();
    CLI::App* command = app.add_subcommand(
        "summary", "Print provenance, last-month values and run totals of an output file");
    command->add_option("file", *path, "Output HDF5 file")->required();
    return {command, [path] { return summarise(*path); }};
}

}  // namespace localism::cli
