// Small RAII and attribute helpers over the HDF5 C API (internal to sim/src/output).
#pragma once

#include <hdf5.h>
#include <hdf5_hl.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace localism::h5 {

// Throws with `what` when an HDF5 call returned a negative status.
inline hid_t check(hid_t status, const std::string& what) {
    if (status < 0)
        throw std::runtime_error("HDF5 error while " + what);
    return status;
}

inline void write_string_attribute(hid_t object, const char* name, const std::string& value) {
    const hid_t type = check(H5Tcopy(H5T_C_S1), "copying a string type");
    H5Tset_size(type, value.empty() ? 1 : value.size());
    H5Tset_strpad(type, H5T_STR_NULLTERM);
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t attribute = check(H5Acreate2(object, name, type, space, H5P_DEFAULT, H5P_DEFAULT),
                                  std::string("creating attribute ") + name);
    check(H5Awrite(attribute, type, value.empty() ? "" : value.c_str()), "writing attribute");
    H5Aclose(attribute);
    H5Sclose(space);
    H5Tclose(type);
}

template <typename T>
void write_scalar_attribute(hid_t object, const char* name, hid_t type, T value) {
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t attribute = check(H5Acreate2(object, name, type, space, H5P_DEFAULT, H5P_DEFAULT),
                                  std::string("creating attribute ") + name);
    check(H5Awrite(attribute, type, &value), "writing attribute");
    H5Aclose(attribute);
    H5Sclose(space);
}

inline std::string read_string_attribute(hid_t object, const char* name) {
    const hid_t attribute =
        check(H5Aopen(object, name, H5P_DEFAULT), std::string("opening attribute ") + name);
    const hid_t type = H5Aget_type(attribute);
    std::string value;
    if (H5Tis_variable_str(type) > 0) {
        char* text = nullptr;
        const hid_t memtype = H5Tget_native_type(type, H5T_DIR_ASCEND);
        H5Aread(attribute, memtype, &text);
        value = text ? text : "";
        H5free_memory(text);
        H5Tclose(memtype);
    } else {
        std::vector<char> buffer(H5Tget_size(type) + 1, '\0');
        H5Aread(attribute, type, buffer.data());
        value = buffer.data();
    }
    H5Tclose(type);
    H5Aclose(attribute);
    return value;
}

// Group creation properties with link creation order tracked, which netCDF-4 expects.
inline hid_t ordered_group(hid_t parent, const char* name) {
    const hid_t gcpl = H5Pcreate(H5P_GROUP_CREATE);
    H5Pset_link_creation_order(gcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
    const hid_t group = check(H5Gcreate2(parent, name, H5P_DEFAULT, gcpl, H5P_DEFAULT),
                              std::string("creating group ") + name);
    H5Pclose(gcpl);
    return group;
}

}  // namespace localism::h5
