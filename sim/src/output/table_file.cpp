// Block-written HDF5 columns; see table_file.hpp.
#include "localism/output/table_file.hpp"

#include <map>

#include "hdf5_interface.hpp"

namespace localism::output {

struct TableFile::Impl {
    std::string path;
    hsize_t rows = 0;
    h5::File file;
    h5::Datatype string_type;
    std::map<std::string, h5::Group> groups;  // by path
    std::vector<h5::Dataset> columns;
    std::vector<ColumnType> types;

    hid_t parent_of(const std::string& member_path) const {
        const auto slash = member_path.rfind('/');
        if (slash == std::string::npos)
            return file.get();
        const auto group = groups.find(member_path.substr(0, slash));
        if (group == groups.end())
            throw h5::Error(path + ": no group " + member_path.substr(0, slash) + " for " +
                            member_path);
        return group->second.get();
    }
    static std::string leaf(const std::string& member_path) {
        const auto slash = member_path.rfind('/');
        return slash == std::string::npos ? member_path : member_path.substr(slash + 1);
    }
    hid_t column(std::size_t index, ColumnType type) const {
        if (index >= columns.size() || types[index] != type)
            throw h5::Error(path + ": column " + std::to_string(index) +
                            " written with the wrong type");
        return columns[index].get();
    }
    void write(std::size_t index, ColumnType type, hid_t memory_type, std::int64_t first_row,
               std::size_t count, const void* data) const {
        const hid_t dataset = column(index, type);
        if (first_row < 0 || static_cast<hsize_t>(first_row) + count > rows)
            throw h5::Error(path + ": rows beyond the end of the table");
        h5::write_rows(dataset, memory_type, static_cast<hsize_t>(first_row), count, data);
    }
};

TableFile::TableFile(const std::string& path, std::int64_t rows) : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    impl_->rows = static_cast<hsize_t>(std::max<std::int64_t>(rows, 0));
    impl_->file = h5::create_file(path);
    impl_->string_type = h5::variable_string_type();
}

TableFile::~TableFile() = default;
TableFile::TableFile(TableFile&&) noexcept = default;
TableFile& TableFile::operator=(TableFile&&) noexcept = default;

void TableFile::attribute(const std::string& name, const std::string& value) {
    h5::write_string_attribute(impl_->file.get(), name.c_str(), value);
}

void TableFile::attribute(const std::string& name, std::int64_t value) {
    h5::write_scalar_attribute(impl_->file.get(), name.c_str(), H5T_STD_I64LE, value);
}

void TableFile::attribute(const std::string& name, const std::vector<std::string>& values) {
    h5::write_string_array_attribute(impl_->file.get(), name.c_str(), values);
}

void TableFile::attribute(const std::string& name, const std::vector<double>& values) {
    h5::write_double_array_attribute(impl_->file.get(), name.c_str(), values);
}

void TableFile::column_attribute(std::size_t column, const std::string& name,
                                 const std::string& value) {
    h5::write_string_attribute(impl_->columns.at(column).get(), name.c_str(), value);
}

void TableFile::add_group(const std::string& path) {
    impl_->groups.emplace(path, h5::create_group(impl_->parent_of(path), Impl::leaf(path)));
}

std::size_t TableFile::add_column(const std::string& path, ColumnType type) {
    const hid_t parent = impl_->parent_of(path);
    const hid_t file_type = type == ColumnType::kString   ? impl_->string_type.get()
                            : type == ColumnType::kInt64  ? H5T_STD_I64LE
                            : type == ColumnType::kUInt64 ? H5T_STD_U64LE
                                                          : H5T_IEEE_F64LE;
    const auto space = h5::simple_space(impl_->rows, impl_->rows);
    impl_->columns.push_back(
        h5::own<h5::Dataset>(H5Dcreate2(parent, Impl::leaf(path).c_str(), file_type, space.get(),
                                        H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                             parent, "creating column " + path));
    impl_->types.push_back(type);
    return impl_->columns.size() - 1;
}

void TableFile::write(std::size_t column, std::int64_t first_row,
                      const std::vector<std::string>& values) {
    std::vector<const char*> pointers;
    pointers.reserve(values.size());
    for (const auto& v : values)
        pointers.push_back(v.c_str());
    impl_->write(column, ColumnType::kString, impl_->string_type.get(), first_row, values.size(),
                 pointers.data());
}

void TableFile::write(std::size_t column, std::int64_t first_row,
                      const std::vector<std::int64_t>& values) {
    impl_->write(column, ColumnType::kInt64, H5T_NATIVE_INT64, first_row, values.size(),
                 values.data());
}

void TableFile::write(std::size_t column, std::int64_t first_row,
                      const std::vector<std::uint64_t>& values) {
    impl_->write(column, ColumnType::kUInt64, H5T_NATIVE_UINT64, first_row, values.size(),
                 values.data());
}

void TableFile::write(std::size_t column, std::int64_t first_row,
                      const std::vector<double>& values) {
    impl_->write(column, ColumnType::kFloat64, H5T_NATIVE_DOUBLE, first_row, values.size(),
                 values.data());
}

void TableFile::close() {
    for (auto& column : impl_->columns)
        column.close(impl_->path + ": closing a column");
    for (auto& [name, group] : impl_->groups)
        group.close(impl_->path + ": closing group " + name);
    impl_->string_type.close(impl_->path + ": closing a string type");
    impl_->file.close(impl_->path + ": closing the file");
}

}  // namespace localism::output
