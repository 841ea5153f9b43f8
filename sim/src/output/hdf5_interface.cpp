// Checked HDF5 calls and writing helpers; see hdf5_handle.hpp and hdf5_interface.hpp.
#include "hdf5_interface.hpp"

#include <hdf5_hl.h>

namespace localism::h5 {

namespace {

herr_t keep_innermost(unsigned, const H5E_error2_t* error, void* out) {
    if (error->desc != nullptr && error->desc[0] != '\0')
        *static_cast<std::string*>(out) = error->desc;
    return 0;
}

// A low-level write error carries a long description; its "error message = '...'" part is
// the one a user can act on.
std::string shorten(const std::string& detail) {
    const std::string key = "error message = '";
    const auto start = detail.find(key);
    if (start == std::string::npos)
        return detail;
    const auto end = detail.find('\'', start + key.size());
    return detail.substr(start + key.size(),
                         end == std::string::npos ? end : end - start - key.size());
}

// Names are looked up only after a failure, so their cost never matters.
std::string name_of(hid_t location, bool file) {
    if (location < 0)
        return "";
    const ssize_t length =
        file ? H5Fget_name(location, nullptr, 0) : H5Iget_name(location, nullptr, 0);
    if (length <= 0)
        return "";
    std::string name(static_cast<std::size_t>(length) + 1, '\0');
    if (file)
        H5Fget_name(location, name.data(), name.size());
    else
        H5Iget_name(location, name.data(), name.size());
    name.resize(static_cast<std::size_t>(length));
    return name;
}

// HDF5 1.10 cannot close a file whose final flush failed (a full disk): the id stays
// registered with its state half torn down, and the library's own atexit clean-up then
// crashes on it. Every handle here is closed by its owner before exit, so that clean-up has
// nothing to do, and it is switched off before the first HDF5 call of the process.
const bool kNoLibraryCleanupAtExit = [] {
    H5dont_atexit();
    return true;
}();

}  // namespace

std::string last_error_detail() {
    std::string innermost;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, keep_innermost, &innermost);
    return shorten(innermost);
}

void fail(hid_t location, const std::string& what) {
    const std::string detail = last_error_detail();
    const std::string file = name_of(location, true);
    const std::string object = name_of(location, false);
    std::string message = file.empty() ? what : file + ": " + what;
    if (!object.empty())
        message += " (object " + object + ")";
    if (!detail.empty())
        message += ": " + detail;
    throw Error(message);
}

void silence_error_printing() {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

File create_file(const std::string& path, std::size_t user_block_bytes) {
    silence_error_printing();
    const auto fcpl = own<PropertyList>(H5Pcreate(H5P_FILE_CREATE), H5I_INVALID_HID,
                                        "creating file properties for " + path);
    const unsigned order = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
    check(H5Pset_link_creation_order(fcpl.get(), order), H5I_INVALID_HID, "setting link order");
    check(H5Pset_attr_creation_order(fcpl.get(), order), H5I_INVALID_HID,
          "setting attribute order");
    if (user_block_bytes > 0)
        check(H5Pset_userblock(fcpl.get(), user_block_bytes), H5I_INVALID_HID,
              "reserving the user block");
    // Object headers of format 1.8 carry checksums, which HDF5 verifies before decoding them:
    // a damaged header is then an error, not input to 1.10.8's decoders, which overflow on some
    // (byteflip.py found a heap-buffer-overflow in H5Aexists on a version-1 dataset header).
    // 1.8 stays readable by every HDF5 1.8+ and netCDF-4 reader.
    const auto fapl = own<PropertyList>(H5Pcreate(H5P_FILE_ACCESS), H5I_INVALID_HID,
                                        "creating file access properties for " + path);
    check(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_V18), H5I_INVALID_HID,
          "setting the file format version");
    return own<File>(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()),
                     H5I_INVALID_HID, "cannot create " + path);
}

File try_open_read_only(const std::string& path) {
    silence_error_printing();
    return File(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
}

File try_open_image(const std::string& image) {
    silence_error_printing();
    if (image.empty())
        return File(H5I_INVALID_HID);
    // Flags 0: HDF5 copies the image, so the caller's string may go away first.
    return File(H5LTopen_file_image(const_cast<char*>(image.data()), image.size(), 0));
}

Group create_group(hid_t parent, const std::string& name) {
    const auto gcpl =
        own<PropertyList>(H5Pcreate(H5P_GROUP_CREATE), parent, "creating group properties");
    check(H5Pset_link_creation_order(gcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          parent, "setting link order");
    return own<Group>(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT),
                      parent, "creating group " + name);
}

Dataspace simple_space(hsize_t size, hsize_t max_size) {
    return own<Dataspace>(H5Screate_simple(1, &size, &max_size), H5I_INVALID_HID,
                          "creating a dataspace");
}

Datatype variable_string_type() {
    auto type = own<Datatype>(H5Tcopy(H5T_C_S1), H5I_INVALID_HID, "copying a string type");
    check(H5Tset_size(type.get(), H5T_VARIABLE), H5I_INVALID_HID, "sizing a string type");
    check(H5Tset_cset(type.get(), H5T_CSET_UTF8), H5I_INVALID_HID, "setting UTF-8");
    return type;
}

void write_string_attribute(hid_t object, const char* name, const std::string& value) {
    const std::string what = std::string("writing attribute ") + name;
    const auto type = own<Datatype>(H5Tcopy(H5T_C_S1), object, what);
    check(H5Tset_size(type.get(), value.empty() ? 1 : value.size()), object, what);
    check(H5Tset_strpad(type.get(), H5T_STR_NULLTERM), object, what);
    const auto space = own<Dataspace>(H5Screate(H5S_SCALAR), object, what);
    const auto attribute = own<Attribute>(
        H5Acreate2(object, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), object, what);
    check(H5Awrite(attribute.get(), type.get(), value.c_str()), object, what);
}

void write_string_array_attribute(hid_t object, const char* name,
                                  const std::vector<std::string>& values) {
    const std::string what = std::string("writing attribute ") + name;
    const auto type = variable_string_type();
    const auto space = simple_space(values.size(), values.size());
    const auto attribute = own<Attribute>(
        H5Acreate2(object, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), object, what);
    std::vector<const char*> pointers;
    for (const auto& v : values)
        pointers.push_back(v.c_str());
    check(H5Awrite(attribute.get(), type.get(), pointers.data()), object, what);
}

Dataset write_string_dataset(hid_t parent, const char* name,
                             const std::vector<std::string>& values) {
    const std::string what = std::string("writing dataset ") + name;
    const auto type = variable_string_type();
    const auto space = simple_space(values.size(), values.size());
    auto dataset = own<Dataset>(
        H5Dcreate2(parent, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
        parent, what);
    std::vector<const char*> pointers;
    for (const auto& v : values)
        pointers.push_back(v.c_str());
    check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
          parent, what);
    return dataset;
}

void write_double_array_attribute(hid_t object, const char* name,
                                  const std::vector<double>& values) {
    const std::string what = std::string("writing attribute ") + name;
    const auto space = simple_space(values.size(), values.size());
    const auto attribute = own<Attribute>(
        H5Acreate2(object, name, H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), object,
        what);
    check(H5Awrite(attribute.get(), H5T_NATIVE_DOUBLE, values.data()), object, what);
}

void write_rows(hid_t dataset, hid_t memory_type, hsize_t first, hsize_t count, const void* data) {
    if (count == 0)
        return;
    const auto file_space = own<Dataspace>(H5Dget_space(dataset), dataset, "reading a shape");
    check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &first, nullptr, &count, nullptr),
          dataset, "selecting rows");
    const auto memory_space = simple_space(count, count);
    check(H5Dwrite(dataset, memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, data),
          dataset, "writing rows");
}

}  // namespace localism::h5
