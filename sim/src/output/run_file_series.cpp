// Reading the series of a run file (national, final, decile rows); see run_file.hpp. Every
// series is checked for type, rank, length and storage before a buffer is allocated for it.
#include <algorithm>
#include <cstring>

#include "localism/output/run_file.hpp"
#include "run_file_impl.hpp"
#include "series_storage.hpp"

namespace localism::output {

namespace {

struct NameList {
    std::vector<std::string> names;
    bool too_many = false;
};

herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* data) {
    auto* list = static_cast<NameList*>(data);
    if (list->names.size() >= kMaxListedNames) {
        list->too_many = true;
        return 1;  // stop iterating
    }
    list->names.emplace_back(name, strnlen(name, kMaxStringBytes));
    return 0;
}

bool creation_order_indexed(hid_t group) {
    const h5::PropertyList properties(H5Gget_create_plist(group));
    unsigned flags = 0;
    return properties.valid() && H5Pget_link_creation_order(properties.get(), &flags) >= 0 &&
           (flags & H5P_CRT_ORDER_INDEXED) != 0;
}

}  // namespace

std::vector<std::string> RunFile::national_metrics() const {
    if (!impl_->exists("national"))
        return {};
    const h5::Object group = impl_->open("national");
    if (H5Iget_type(group.get()) != H5I_GROUP)
        impl_->bad("national", "expected a group");
    NameList list;
    // Only H5_ITER_NATIVE: it walks the group's own B-tree, which for a creation-order index (in
    // every file localism writes) is creation order. Any other order makes HDF5 1.10.8 build a
    // table of links first, and when a damaged file fails half-way through it frees the table's
    // uninitialised entries (found by tests/fuzz/run_file_fuzz.cpp; the input is kept in
    // tests/fuzz/regressions/run_file/). Other files are then sorted by name here.
    hsize_t index = 0;
    const bool by_creation = creation_order_indexed(group.get());
    impl_->call(H5Literate(group.get(), by_creation ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME,
                           H5_ITER_NATIVE, &index, collect_name, &list),
                "national", "listing the series");
    if (list.too_many)
        impl_->bad("national", "more than " + std::to_string(kMaxListedNames) + " series");
    if (!by_creation)
        std::sort(list.names.begin(), list.names.end());
    return list.names;
}

bool RunFile::has_national(const std::string& metric) const {
    return !metric.empty() && metric.find('/') == std::string::npos &&
           impl_->exists("national/" + metric);
}

std::vector<double> RunFile::Impl::read_series(const std::string& metric,
                                               const std::string& group) const {
    const std::string object = group + "/" + metric;
    const h5::Dataset dataset = open_metric(metric, group);
    const h5::Dataspace space(call(H5Dget_space(dataset.get()), object, "reading the shape"));
    std::vector<double> values(series_length(dataset, space, object));
    call(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, space.get(), space.get(), H5P_DEFAULT,
                 values.data()),
         object, "reading");
    return values;
}

std::vector<double> RunFile::national_series(const std::string& metric) const {
    return impl_->read_series(metric, "national");
}

std::string RunFile::output_level() const {
    return has_attribute("output_level") ? string_attribute("output_level") : "full";
}

std::optional<double> RunFile::final_value(const std::string& metric) const {
    if (metric.empty() || metric.find('/') != std::string::npos ||
        !impl_->exists("final/" + metric))
        return std::nullopt;
    const std::vector<double> values = impl_->read_series(metric, "final");
    if (values.size() != 1)
        impl_->bad("final/" + metric, "expected one value, found " + std::to_string(values.size()));
    return values.front();
}

std::optional<double> RunFile::last_national_value(const std::string& metric) const {
    const std::string object = "national/" + metric;
    const h5::Dataset dataset = impl_->open_metric(metric);
    const h5::Dataspace space(
        impl_->call(H5Dget_space(dataset.get()), object, "reading the shape"));
    const hsize_t length = impl_->series_length(dataset, space, object);
    if (length == 0)
        return std::nullopt;
    const hsize_t last = length - 1, one = 1;
    impl_->call(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, &last, nullptr, &one, nullptr),
                object, "selecting the last value");
    const h5::Dataspace memory(impl_->call(H5Screate_simple(1, &one, nullptr), object, "reading"));
    double value = 0.0;
    impl_->call(
        H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, memory.get(), space.get(), H5P_DEFAULT, &value),
        object, "reading the last value");
    return value;
}

std::optional<std::vector<double>> RunFile::decile_row(const std::string& metric,
                                                       std::size_t row) const {
    constexpr hsize_t kDeciles = 10;
    const std::string object = "deciles/" + metric;
    if (metric.empty() || metric.find('/') != std::string::npos || !impl_->exists(object))
        return std::nullopt;
    const h5::Dataset dataset(
        impl_->call(H5Dopen2(impl_->file.get(), object.c_str(), H5P_DEFAULT), object, "opening"));
    const h5::Dataspace space(
        impl_->call(H5Dget_space(dataset.get()), object, "reading the shape"));
    const h5::Datatype type(impl_->call(H5Dget_type(dataset.get()), object, "reading the type"));
    if (H5Tget_class(type.get()) != H5T_FLOAT || H5Tget_size(type.get()) > 16)
        impl_->bad(object, "expected a float table");
    hsize_t dims[2] = {0, 0};
    if (H5Sget_simple_extent_ndims(space.get()) != 2 ||
        H5Sget_simple_extent_dims(space.get(), dims, nullptr) != 2 || dims[1] != kDeciles)
        impl_->bad(object, "expected a table of months x 10 deciles");
    if (dims[0] > kMaxSeriesLength)
        impl_->bad(object, "table of " + std::to_string(dims[0]) + " rows exceeds the limit");
    if (const auto problem =
            series_storage_problem(dataset.get(), dims[0], H5Tget_size(type.get()), kDeciles))
        impl_->bad(object, *problem);
    if (dims[0] == 0)
        return std::nullopt;
    const hsize_t start[2] = {std::min<hsize_t>(row, dims[0] - 1), 0};
    const hsize_t count[2] = {1, kDeciles};
    impl_->call(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr),
                object, "selecting a row");
    const h5::Dataspace memory(
        impl_->call(H5Screate_simple(2, count, nullptr), object, "reading a row"));
    std::vector<double> values(kDeciles);
    impl_->call(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, memory.get(), space.get(), H5P_DEFAULT,
                        values.data()),
                object, "reading a row");
    return values;
}

}  // namespace localism::output
