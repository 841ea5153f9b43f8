// Checked writing helpers over owned HDF5 handles (internal to sim/src/output): files and
// groups that track creation order (netCDF-4 expects it), attributes, and fixed or extendible
// datasets. Every failure throws h5::Error naming the file and object.
#pragma once

#include <hdf5.h>

#include <string>
#include <vector>

#include "hdf5_handle.hpp"

namespace localism::h5 {

// Creates (truncates) `path`, tracking link and attribute creation order, with a user block of
// `user_block_bytes` (0, or a power of two >= 512) before the HDF5 data.
File create_file(const std::string& path, std::size_t user_block_bytes = 0);

// Opens `path` read-only, or returns an invalid handle when HDF5 cannot open it.
File try_open_read_only(const std::string& path);

// Opens a copy of a file image held in memory read-only, or returns an invalid handle.
File try_open_image(const std::string& image);

Group create_group(hid_t parent, const std::string& name);

// A one-dimensional dataspace of `size` elements, extendible up to `max_size`.
Dataspace simple_space(hsize_t size, hsize_t max_size);

// A variable-length UTF-8 string type.
Datatype variable_string_type();

void write_string_attribute(hid_t object, const char* name, const std::string& value);
void write_string_array_attribute(hid_t object, const char* name,
                                  const std::vector<std::string>& values);
void write_double_array_attribute(hid_t object, const char* name,
                                  const std::vector<double>& values);

template <typename T>
void write_scalar_attribute(hid_t object, const char* name, hid_t type, T value) {
    const auto space = own<Dataspace>(H5Screate(H5S_SCALAR), object, "creating a dataspace");
    const auto attribute =
        own<Attribute>(H5Acreate2(object, name, type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                       object, std::string("creating attribute ") + name);
    check(H5Awrite(attribute.get(), type, &value), object,
          std::string("writing attribute ") + name);
}

// A fixed 1-D dataset of variable-length UTF-8 strings.
Dataset write_string_dataset(hid_t parent, const char* name,
                             const std::vector<std::string>& values);

// Writes `count` elements of `data` into rows [first, first + count) of a 1-D dataset.
void write_rows(hid_t dataset, hid_t memory_type, hsize_t first, hsize_t count, const void* data);

}  // namespace localism::h5
