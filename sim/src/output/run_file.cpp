// Checked reading of run files; see run_file.hpp. Nothing is read before its type class,
// rank and size are known to fit the buffer it is read into.
#include "localism/output/run_file.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "hdf5_interface.hpp"
#include "localism/output/hdf5_writer.hpp"
#include "series_storage.hpp"

namespace localism::output {

namespace {

std::string class_name(H5T_class_t type_class) {
    switch (type_class) {
        case H5T_INTEGER:
            return "an integer";
        case H5T_FLOAT:
            return "a float";
        case H5T_STRING:
            return "a string";
        case H5T_COMPOUND:
            return "a compound";
        case H5T_ARRAY:
            return "an array type";
        case H5T_VLEN:
            return "a variable-length sequence";
        default:
            return "another type class";
    }
}

std::string object_label(const std::string& object) {
    if (object.empty() || object == ".")
        return "/";
    return object.front() == '/' ? object : "/" + object;
}

}  // namespace

struct RunFile::Impl {
    std::string path;
    h5::File file;

    [[noreturn]] void bad(const std::string& object, const std::string& problem) const {
        throw RunFileError(path, object_label(object) + ": " + problem);
    }
    // A failed HDF5 call on a file that passed the shape checks (e.g. a damaged chunk).
    template <typename Status>
    Status call(Status status, const std::string& object, const std::string& what) const {
        if (status < 0) {
            const std::string detail = h5::last_error_detail();
            bad(object, what + " failed" + (detail.empty() ? "" : ": " + detail));
        }
        return status;
    }

    // True when every link along `object` exists (H5Lexists needs each parent to exist) and is
    // a hard link: a run file never links to other files, so an external link is not followed.
    bool exists(const std::string& object) const {
        if (object.empty() || object == "/")
            return true;
        for (std::size_t slash = object.find('/');; slash = object.find('/', slash + 1)) {
            const std::string prefix = object.substr(0, slash);
            if (H5Lexists(file.get(), prefix.c_str(), H5P_DEFAULT) <= 0)
                return false;
            H5L_info_t link{};
            if (H5Lget_info(file.get(), prefix.c_str(), &link, H5P_DEFAULT) < 0 ||
                link.type != H5L_TYPE_HARD)
                return false;
            if (slash == std::string::npos)
                return true;
        }
    }
    h5::Object open(const std::string& object) const {
        if (!exists(object))
            bad(object, "no such object");
        const std::string name = object.empty() || object == "/" ? "." : object;
        return h5::Object(call(H5Oopen(file.get(), name.c_str(), H5P_DEFAULT), object, "opening"));
    }
    // A series `group`/`metric` (national/total_need, final/final_active).
    h5::Dataset open_metric(const std::string& metric,
                            const std::string& group = "national") const {
        const std::string object = group + "/" + metric;
        if (metric.empty() || metric.find('/') != std::string::npos)
            bad(object, "not a metric name");
        if (!exists(object))
            bad(object, "no such series");
        h5::Dataset dataset(
            call(H5Dopen2(file.get(), object.c_str(), H5P_DEFAULT), object, "opening the series"));
        return dataset;
    }
    std::vector<double> read_series(const std::string& metric, const std::string& group) const;

    h5::Attribute open_attribute(hid_t object, const std::string& object_name,
                                 const std::string& name) const;
    void require_one_value(const h5::Attribute& attribute, const std::string& where) const;
    std::string read_string(const h5::Attribute& attribute, const std::string& where) const;
    // Checks a series is a 1-D float dataset of at most kMaxSeriesLength, stored so that
    // reading it allocates a bounded amount (series_storage.hpp); returns its length.
    hsize_t series_length(const h5::Dataset& dataset, const h5::Dataspace& space,
                          const std::string& object) const;
};

h5::Attribute RunFile::Impl::open_attribute(hid_t object, const std::string& object_name,
                                            const std::string& name) const {
    const std::string where = "attribute '" + name + "'";
    if (call(H5Aexists(object, name.c_str()), object_name, "looking up " + where) <= 0)
        bad(object_name, "no " + where);
    return h5::Attribute(
        call(H5Aopen(object, name.c_str(), H5P_DEFAULT), object_name, "opening " + where));
}

// An attribute read into a one-element buffer must hold exactly one element.
void RunFile::Impl::require_one_value(const h5::Attribute& attribute,
                                      const std::string& where) const {
    const h5::Dataspace space(call(H5Aget_space(attribute.get()), where, "reading the shape"));
    const H5S_class_t space_class = H5Sget_simple_extent_type(space.get());
    if (space_class == H5S_SCALAR)
        return;
    if (space_class != H5S_SIMPLE)
        bad(where, "expected one value, found an empty attribute");
    const hssize_t points = call(H5Sget_simple_extent_npoints(space.get()), where, "counting");
    if (points != 1)
        bad(where, "expected one value, found " + std::to_string(points));
}

std::string RunFile::Impl::read_string(const h5::Attribute& attribute,
                                       const std::string& where) const {
    const h5::Datatype type(call(H5Aget_type(attribute.get()), where, "reading the type"));
    const H5T_class_t type_class = H5Tget_class(type.get());
    if (type_class != H5T_STRING)
        bad(where, "expected a string, found " + class_name(type_class));
    require_one_value(attribute, where);
    const H5T_cset_t cset = H5Tget_cset(type.get());
    h5::Datatype memory(call(H5Tcopy(H5T_C_S1), where, "copying a string type"));
    call(H5Tset_cset(memory.get(), cset), where, "setting the character set");
    if (call(H5Tis_variable_str(type.get()), where, "reading the string kind") > 0) {
        call(H5Tset_size(memory.get(), H5T_VARIABLE), where, "sizing a string type");
        char* text = nullptr;
        call(H5Aread(attribute.get(), memory.get(), &text), where, "reading");
        // HDF5 allocated the text itself; the cap applies to what is copied out of it.
        const std::size_t length = text ? strnlen(text, kMaxStringBytes + 1) : 0;
        std::string value(text ? text : "", std::min(length, kMaxStringBytes));
        H5free_memory(text);
        if (length > kMaxStringBytes)
            bad(where, "string longer than " + std::to_string(kMaxStringBytes) + " bytes");
        return value;
    }
    const std::size_t size = H5Tget_size(type.get());
    if (size == 0 || size > kMaxStringBytes)
        bad(where, "string size " + std::to_string(size) + " outside 1.." +
                       std::to_string(kMaxStringBytes) + " bytes");
    call(H5Tset_size(memory.get(), size), where, "sizing a string type");
    call(H5Tset_strpad(memory.get(), H5T_STR_NULLPAD), where, "setting string padding");
    std::vector<char> buffer(size, '\0');
    call(H5Aread(attribute.get(), memory.get(), buffer.data()), where, "reading");
    return std::string(buffer.data(), strnlen(buffer.data(), size));
}

hsize_t RunFile::Impl::series_length(const h5::Dataset& dataset, const h5::Dataspace& space,
                                     const std::string& object) const {
    const h5::Datatype type(call(H5Dget_type(dataset.get()), object, "reading the type"));
    const H5T_class_t type_class = H5Tget_class(type.get());
    if (type_class != H5T_FLOAT)
        bad(object, "expected a float series, found " + class_name(type_class));
    if (H5Sget_simple_extent_type(space.get()) != H5S_SIMPLE)
        bad(object, "expected a 1-D series, found a scalar or empty dataspace");
    const int rank = call(H5Sget_simple_extent_ndims(space.get()), object, "reading the rank");
    if (rank != 1)
        bad(object, "expected a 1-D series, found rank " + std::to_string(rank));
    hsize_t length = 0;
    call(H5Sget_simple_extent_dims(space.get(), &length, nullptr), object, "reading the shape");
    if (length > kMaxSeriesLength)
        bad(object, "series of " + std::to_string(length) + " values exceeds the limit of " +
                        std::to_string(kMaxSeriesLength));
    const std::size_t element_bytes = H5Tget_size(type.get());
    if (element_bytes == 0 || element_bytes > 16)
        bad(object, "expected floats of at most 16 bytes, found " + std::to_string(element_bytes) +
                        "-byte values");
    if (const auto problem = series_storage_problem(dataset.get(), length, element_bytes))
        bad(object, *problem);
    return length;
}

RunFile::RunFile(const std::string& path) : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    if (!std::filesystem::is_regular_file(path))
        throw RunFileError(path, "no such file");
    impl_->file = h5::try_open_read_only(path);
    check_format();
}

RunFile::RunFile(const std::string& label, const std::string& image)
    : impl_(std::make_unique<Impl>()) {
    impl_->path = label;
    impl_->file = h5::try_open_image(image);
    check_format();
}

void RunFile::check_format() const {
    const std::string& path = impl_->path;
    if (!impl_->file.valid())
        throw RunFileError(path, "not an HDF5 file");
    if (!has_attribute("format"))
        throw RunFileError(path, std::string("not a localism output file (no format=\"") +
                                     kOutputFormatName + "\" attribute)");
    const std::string format = string_attribute("format");
    if (format != kOutputFormatName)
        throw RunFileError(path, "not a localism output file (format is \"" + format +
                                     "\", expected \"" + kOutputFormatName + "\")");
}

RunFile::~RunFile() = default;
RunFile::RunFile(RunFile&&) noexcept = default;
RunFile& RunFile::operator=(RunFile&&) noexcept = default;

bool RunFile::is_run_file(const std::string& path) {
    try {
        RunFile file(path);
        return true;
    } catch (const RunFileError&) {
        return false;
    }
}

const std::string& RunFile::path() const {
    return impl_->path;
}

bool RunFile::has_attribute(const std::string& name, const std::string& object) const {
    const h5::Object opened = impl_->open(object);
    return impl_->call(H5Aexists(opened.get(), name.c_str()), object, "looking up '" + name + "'") >
           0;
}

std::string RunFile::string_attribute(const std::string& name, const std::string& object) const {
    const h5::Object opened = impl_->open(object);
    const h5::Attribute attribute = impl_->open_attribute(opened.get(), object, name);
    return impl_->read_string(attribute, object_label(object) + " attribute '" + name + "'");
}

double RunFile::number_attribute(const std::string& name, const std::string& object) const {
    const h5::Object opened = impl_->open(object);
    const h5::Attribute attribute = impl_->open_attribute(opened.get(), object, name);
    const std::string where = object_label(object) + " attribute '" + name + "'";
    const h5::Datatype type(impl_->call(H5Aget_type(attribute.get()), where, "reading the type"));
    const H5T_class_t type_class = H5Tget_class(type.get());
    if (type_class != H5T_INTEGER && type_class != H5T_FLOAT)
        impl_->bad(where, "expected a number, found " + class_name(type_class));
    impl_->require_one_value(attribute, where);
    double value = 0.0;
    impl_->call(H5Aread(attribute.get(), H5T_NATIVE_DOUBLE, &value), where, "reading");
    return value;
}

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
