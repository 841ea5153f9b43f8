// Streaming manifest.h5: every column is created at its final length up front and filled
// block by block, so collecting a large sweep holds one block of rows at a time.
#include "manifest_table.hpp"

#include "../output/hdf5_util.hpp"
#include "../output/metric_attributes.hpp"

namespace localism::experiment::detail {

void RowBlock::clear() {
    for (auto* column : {&run_id, &arm, &status, &error, &output})
        column->clear();
    for (auto* column : {&replicate, &sample_index, &role})
        column->clear();
    seed.clear();
    wall_seconds.clear();
    for (auto& column : params)
        column.clear();
    for (auto& column : metrics)
        column.clear();
}

namespace {

hid_t variable_string_type() {
    const hid_t type = h5::check(H5Tcopy(H5T_C_S1), "copying a string type");
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    return type;
}

void write_string_array_attribute(hid_t object, const char* name,
                                  const std::vector<std::string>& values) {
    const hid_t type = variable_string_type();
    const hsize_t count = values.size();
    const hid_t space = H5Screate_simple(1, &count, nullptr);
    const hid_t attribute =
        h5::check(H5Acreate2(object, name, type, space, H5P_DEFAULT, H5P_DEFAULT), name);
    std::vector<const char*> pointers;
    for (const auto& v : values)
        pointers.push_back(v.c_str());
    h5::check(H5Awrite(attribute, type, pointers.data()), name);
    H5Aclose(attribute);
    H5Sclose(space);
    H5Tclose(type);
}

void write_double_array_attribute(hid_t object, const char* name,
                                  const std::vector<double>& values) {
    const hsize_t count = values.size();
    const hid_t space = H5Screate_simple(1, &count, nullptr);
    const hid_t attribute =
        h5::check(H5Acreate2(object, name, H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT), name);
    h5::check(H5Awrite(attribute, H5T_NATIVE_DOUBLE, values.data()), name);
    H5Aclose(attribute);
    H5Sclose(space);
}

void write_attributes(hid_t file, const ManifestAttributes& a) {
    h5::write_string_attribute(file, "format", "localism-manifest");
    h5::write_string_attribute(file, "format_version", "1.0");
    h5::write_string_attribute(file, "experiment_name", a.experiment_name);
    h5::write_scalar_attribute(file, "master_seed", H5T_NATIVE_INT64, a.master_seed);
    h5::write_string_attribute(file, "design", a.design);
    h5::write_string_attribute(file, "experiment_text", a.experiment_text);
    if (a.param_names.empty())
        return;
    write_string_array_attribute(file, "param_names", a.param_names);
    write_double_array_attribute(file, "param_lows", a.param_lows);
    write_double_array_attribute(file, "param_highs", a.param_highs);
}

}  // namespace

ManifestH5::ManifestH5(const std::string& path, std::int64_t rows,
                       const ManifestAttributes& attributes,
                       const std::vector<std::string>& param_paths, const std::string& role_column,
                       const std::vector<std::string>& metric_names)
    : rows_(rows) {
    file_ = h5::check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                      "creating " + path);
    write_attributes(file_, attributes);
    string_type_ = variable_string_type();
    runs_ = h5::ordered_group(file_, "runs");
    run_id_ = create(runs_, "run_id", string_type_);
    arm_ = create(runs_, "arm", string_type_);
    replicate_ = create(runs_, "replicate", H5T_STD_I64LE);
    sample_index_ = create(runs_, "sample_index", H5T_STD_I64LE);
    seed_ = create(runs_, "seed", H5T_STD_U64LE);
    status_ = create(runs_, "status", string_type_);
    wall_ = create(runs_, "wall_seconds", H5T_IEEE_F64LE);
    error_ = create(runs_, "error", string_type_);
    output_ = create(runs_, "output", string_type_);
    if (!role_column.empty())
        role_ = create(runs_, role_column, H5T_STD_I64LE);
    const hid_t param_group = h5::ordered_group(runs_, "param");
    for (const auto& p : param_paths)
        params_.push_back(create(param_group, p, H5T_IEEE_F64LE));
    H5Gclose(param_group);
    const hid_t metric_group = h5::ordered_group(runs_, "metric");
    for (const auto& m : metric_names) {
        metrics_.push_back(create(metric_group, m, H5T_IEEE_F64LE));
        if (const MetricDef* column = find_metric(Scope::kManifest, m))
            h5::write_metric_attributes(metrics_.back(), *column);
    }
    H5Gclose(metric_group);
}

ManifestH5::~ManifestH5() {
    for (const hid_t d : {run_id_, arm_, status_, error_, output_, replicate_, sample_index_, seed_,
                          wall_, role_}) {
        if (d >= 0)
            H5Dclose(d);
    }
    for (const hid_t d : params_)
        H5Dclose(d);
    for (const hid_t d : metrics_)
        H5Dclose(d);
    H5Tclose(string_type_);
    H5Gclose(runs_);
    H5Fclose(file_);
}

hid_t ManifestH5::create(hid_t parent, const std::string& name, hid_t type) {
    const hsize_t size = static_cast<hsize_t>(rows_);
    const hid_t space = H5Screate_simple(1, &size, nullptr);
    const hid_t dataset = h5::check(
        H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
        "creating manifest column " + name);
    H5Sclose(space);
    return dataset;
}

void ManifestH5::write_column(hid_t dataset, hid_t memory_type, std::int64_t first_row,
                              std::size_t count, const void* data) {
    if (count == 0)
        return;
    const hsize_t start = static_cast<hsize_t>(first_row), length = count;
    const hid_t file_space = H5Dget_space(dataset);
    H5Sselect_hyperslab(file_space, H5S_SELECT_SET, &start, nullptr, &length, nullptr);
    const hid_t memory_space = H5Screate_simple(1, &length, nullptr);
    h5::check(H5Dwrite(dataset, memory_type, memory_space, file_space, H5P_DEFAULT, data),
              "writing the manifest");
    H5Sclose(memory_space);
    H5Sclose(file_space);
}

void ManifestH5::write_strings(hid_t dataset, std::int64_t first_row,
                               const std::vector<std::string>& values) {
    std::vector<const char*> pointers;
    pointers.reserve(values.size());
    for (const auto& v : values)
        pointers.push_back(v.c_str());
    write_column(dataset, string_type_, first_row, values.size(), pointers.data());
}

void ManifestH5::write(std::int64_t first_row, const RowBlock& block) {
    const std::size_t n = block.size();
    write_strings(run_id_, first_row, block.run_id);
    write_strings(arm_, first_row, block.arm);
    write_strings(status_, first_row, block.status);
    write_strings(error_, first_row, block.error);
    write_strings(output_, first_row, block.output);
    write_column(replicate_, H5T_NATIVE_INT64, first_row, n, block.replicate.data());
    write_column(sample_index_, H5T_NATIVE_INT64, first_row, n, block.sample_index.data());
    write_column(seed_, H5T_NATIVE_UINT64, first_row, n, block.seed.data());
    write_column(wall_, H5T_NATIVE_DOUBLE, first_row, n, block.wall_seconds.data());
    if (role_ >= 0)
        write_column(role_, H5T_NATIVE_INT64, first_row, n, block.role.data());
    for (std::size_t p = 0; p < params_.size(); ++p)
        write_column(params_[p], H5T_NATIVE_DOUBLE, first_row, n, block.params[p].data());
    for (std::size_t m = 0; m < metrics_.size(); ++m)
        write_column(metrics_[m], H5T_NATIVE_DOUBLE, first_row, n, block.metrics[m].data());
}

}  // namespace localism::experiment::detail
