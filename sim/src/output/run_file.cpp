// Checked reading of run files; see run_file.hpp. Nothing is read before its type class,
// rank and size are known to fit the buffer it is read into. This file opens files and reads
// attributes; run_file_series.cpp reads the series.
#include "localism/output/run_file.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "localism/output/hdf5_writer.hpp"
#include "run_file_impl.hpp"
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

}  // namespace

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

}  // namespace localism::output
