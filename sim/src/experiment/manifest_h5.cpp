// Streaming manifest.h5: every column is created at its final length up front and filled
// block by block, so collecting a large sweep holds one block of rows at a time.
#include "manifest_table.hpp"

#include "localism/engine/metric_registry.hpp"

namespace localism::experiment::detail {

namespace {

// The registry's labels on a manifest metric column, as on run-file datasets.
void write_metric_attributes(output::TableFile& table, std::size_t column,
                             const MetricDef& metric) {
    table.column_attribute(column, "units", metric.units);
    table.column_attribute(column, "description", metric.description);
    table.column_attribute(column, "better", to_string(metric.better));
    table.column_attribute(column, "scope", to_string(metric.scope()));
}

}  // namespace

void RowBlock::clear() {
    for (auto* column : {&run_id, &arm, &status, &error, &output})
        column->clear();
    for (auto* column : {&replicate, &sample_index, &role})
        column->clear();
    seed.clear();
    wall_seconds.clear();
    for (auto& column : params)
        column.clear();
    for (auto& column : text_params)
        column.clear();
    for (auto& column : metrics)
        column.clear();
}

namespace {

void write_attributes(output::TableFile& file, const ManifestAttributes& a) {
    file.attribute("format", std::string("localism-manifest"));
    file.attribute("format_version", std::string("1.0"));
    file.attribute("experiment_name", a.experiment_name);
    file.attribute("master_seed", a.master_seed);
    file.attribute("design", a.design);
    file.attribute("experiment_text", a.experiment_text);
    if (a.branch_month > 0)
        file.attribute("branch_month", a.branch_month);
    if (a.param_names.empty())
        return;
    file.attribute("param_names", a.param_names);
    file.attribute("param_lows", a.param_lows);
    file.attribute("param_highs", a.param_highs);
}

}  // namespace

ManifestH5::ManifestH5(const std::string& path, std::int64_t rows,
                       const ManifestAttributes& attributes,
                       const std::vector<std::string>& param_paths,
                       const std::vector<std::string>& text_param_paths,
                       const std::string& role_column, const std::vector<std::string>& metric_names)
    : table_(path, rows) {
    using output::ColumnType;
    write_attributes(table_, attributes);
    table_.add_group("runs");
    run_id_ = table_.add_column("runs/run_id", ColumnType::kString);
    arm_ = table_.add_column("runs/arm", ColumnType::kString);
    replicate_ = table_.add_column("runs/replicate", ColumnType::kInt64);
    sample_index_ = table_.add_column("runs/sample_index", ColumnType::kInt64);
    seed_ = table_.add_column("runs/seed", ColumnType::kUInt64);
    status_ = table_.add_column("runs/status", ColumnType::kString);
    wall_ = table_.add_column("runs/wall_seconds", ColumnType::kFloat64);
    error_ = table_.add_column("runs/error", ColumnType::kString);
    output_ = table_.add_column("runs/output", ColumnType::kString);
    if (!role_column.empty()) {
        has_role_ = true;
        role_ = table_.add_column("runs/" + role_column, ColumnType::kInt64);
    }
    table_.add_group("runs/param");
    for (const auto& p : param_paths)
        params_.push_back(table_.add_column("runs/param/" + p, ColumnType::kFloat64));
    for (const auto& p : text_param_paths)
        text_params_.push_back(table_.add_column("runs/param/" + p, ColumnType::kString));
    table_.add_group("runs/metric");
    for (const auto& m : metric_names) {
        metrics_.push_back(table_.add_column("runs/metric/" + m, ColumnType::kFloat64));
        if (const MetricDef* column = find_metric(Scope::kManifest, m))
            write_metric_attributes(table_, metrics_.back(), *column);
    }
}

void ManifestH5::write(std::int64_t first_row, const RowBlock& block) {
    table_.write(run_id_, first_row, block.run_id);
    table_.write(arm_, first_row, block.arm);
    table_.write(status_, first_row, block.status);
    table_.write(error_, first_row, block.error);
    table_.write(output_, first_row, block.output);
    table_.write(replicate_, first_row, block.replicate);
    table_.write(sample_index_, first_row, block.sample_index);
    table_.write(seed_, first_row, block.seed);
    table_.write(wall_, first_row, block.wall_seconds);
    if (has_role_)
        table_.write(role_, first_row, block.role);
    for (std::size_t p = 0; p < params_.size(); ++p)
        table_.write(params_[p], first_row, block.params[p]);
    for (std::size_t p = 0; p < text_params_.size(); ++p)
        table_.write(text_params_[p], first_row, block.text_params[p]);
    for (std::size_t m = 0; m < metrics_.size(); ++m)
        table_.write(metrics_[m], first_row, block.metrics[m]);
}

}  // namespace localism::experiment::detail
