// Saved states from the writer's side: /state in the run file, periodic checkpoints next to it,
// and a continued run's history copied from the file it continues.
#include <filesystem>

#include "hdf5_interface.hpp"
#include "localism/output/state_file.hpp"
#include "run_writer_impl.hpp"
#include "series_storage.hpp"
#include "state_seal.hpp"
#include "state_write.hpp"

namespace localism {

namespace {

// Opens `path` for writing with the same file format bounds as create_file.
h5::File open_for_writing(const std::string& path) {
    const auto fapl =
        h5::own<h5::PropertyList>(H5Pcreate(H5P_FILE_ACCESS), H5I_INVALID_HID, "opening " + path);
    h5::check(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_V18), H5I_INVALID_HID,
              "setting the file format version");
    return h5::own<h5::File>(H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl.get()), H5I_INVALID_HID,
                             "cannot open " + path);
}

// A dataset of the history checked as untrusted input: floats (or, for a scale, integers) of
// exactly `rows` x `width` (width 0: a 1-D series), stored so that reading allocates a bounded
// amount.
h5::Dataset open_history(hid_t history, const std::string& path, const std::string& object,
                         H5T_class_t type_class, hsize_t rows, std::size_t width) {
    const auto bad = [&](const std::string& problem) {
        throw StateFileError(path + ": /" + object + ": " + problem);
    };
    H5L_info_t link{};
    if (H5Lexists(history, object.c_str(), H5P_DEFAULT) <= 0 ||
        H5Lget_info(history, object.c_str(), &link, H5P_DEFAULT) < 0 || link.type != H5L_TYPE_HARD)
        bad("missing from the saved run (made with other output settings?)");
    H5O_info_t info{};
    if (H5Oget_info_by_name(history, object.c_str(), &info, H5P_DEFAULT) < 0 ||
        info.type != H5O_TYPE_DATASET)
        bad("expected a dataset");
    h5::Dataset dataset(H5Dopen2(history, object.c_str(), H5P_DEFAULT));
    const h5::Datatype type(dataset.valid() ? H5Dget_type(dataset.get()) : H5I_INVALID_HID);
    const std::size_t element_bytes = type.valid() ? H5Tget_size(type.get()) : 0;
    if (!type.valid() || H5Tget_class(type.get()) != type_class || element_bytes == 0 ||
        element_bytes > 16)
        bad(type_class == H5T_FLOAT ? "expected floats" : "expected integers");
    const h5::Dataspace space(H5Dget_space(dataset.get()));
    const int rank = width == 0 ? 1 : 2;
    hsize_t dims[2] = {0, 0};
    if (!space.valid() || H5Sget_simple_extent_ndims(space.get()) != rank ||
        H5Sget_simple_extent_dims(space.get(), dims, nullptr) != rank || dims[0] != rows ||
        (rank == 2 && dims[1] != width))
        bad("expected " + std::to_string(rows) + " rows" +
            (width ? " of " + std::to_string(width) + " values" : std::string()) +
            " (the saved months)");
    if (const auto problem = output::series_storage_problem(dataset.get(), rows, element_bytes,
                                                            std::max<std::size_t>(width, 1)))
        bad(*problem);
    return dataset;
}

template <typename T>
std::vector<T> read_history(hid_t history, const std::string& path, const std::string& object,
                            hid_t memory_type, hsize_t rows, std::size_t width) {
    const H5T_class_t type_class = memory_type == H5T_NATIVE_INT32 ? H5T_INTEGER : H5T_FLOAT;
    const h5::Dataset dataset = open_history(history, path, object, type_class, rows, width);
    std::vector<T> values(rows * std::max<std::size_t>(width, 1));
    if (!values.empty() &&
        H5Dread(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
        throw StateFileError(path + ": /" + object +
                             ": reading failed: " + h5::last_error_detail());
    return values;
}

}  // namespace

void RunWriter::Impl::save_state(const Simulation& simulation) {
    flush();
    state_detail::write_state_group(file_.get(), simulation, scenario_resolved_);
}

void RunWriter::Impl::checkpoint(const std::string& state_path, const Simulation& simulation) {
    flush();
    h5::check(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), file_.get(), "flushing for a saved state");
    const std::string temporary = state_path + ".tmp";
    std::filesystem::copy_file(partial_path_, temporary,
                               std::filesystem::copy_options::overwrite_existing);
    try {
        h5::File copy = open_for_writing(temporary);
        state_detail::write_state_group(copy.get(), simulation, scenario_resolved_);
        copy.close("closing " + temporary);
        try {
            output_detail::seal_file(temporary);
        } catch (const std::runtime_error& e) {
            throw WriteError("cannot write " + state_path + ": " + e.what());
        }
        std::filesystem::rename(temporary, state_path);
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw;
    }
}

void RunWriter::Impl::copy_series(hid_t history, const std::string& group,
                                  std::vector<std::unique_ptr<output_detail::Series>>& series,
                                  hsize_t rows, std::size_t width, const std::string& path) {
    const Scope scope = group == "national"   ? Scope::kNational
                        : group == "councils" ? Scope::kCouncil
                                              : Scope::kDecile;
    for (std::size_t m = 0; m < series.size(); ++m) {
        const std::string object = group + "/" + metrics_in(scope)[m]->name;
        auto values = read_history<double>(history, path, object, H5T_NATIVE_DOUBLE, rows, width);
        series[m]->buffer.insert(series[m]->buffer.begin(), values.begin(), values.end());
    }
}

void RunWriter::Impl::continue_from(const std::string& path, std::int32_t month) {
    const h5::File history = h5::try_open_read_only(path);
    if (!history.valid())
        throw StateFileError(path + ": not an HDF5 file");
    const auto rows = static_cast<hsize_t>(month);
    const auto months =
        read_history<std::int32_t>(history.get(), path, "time", H5T_NATIVE_INT32, rows, 0);
    for (hsize_t row = 0; row < rows; ++row) {
        if (months[row] != static_cast<std::int32_t>(row + 1))
            throw StateFileError(path + ": /time: expected months 1.." + std::to_string(month));
    }
    months_buffer_.insert(months_buffer_.begin(), months.begin(), months.end());
    copy_series(history.get(), "national", national_, rows, 0, path);
    copy_series(history.get(), "councils", council_, rows, councils_, path);
    copy_series(history.get(), "deciles", deciles_, rows, kDecileCount, path);
    if (snapshots_.empty())
        return;
    const auto interval = snapshot_interval_;
    const hsize_t taken = interval > 0 ? static_cast<hsize_t>(month / interval) : 0;
    const auto when = read_history<std::int32_t>(history.get(), path, "communities/snapshot_month",
                                                 H5T_NATIVE_INT32, taken, 0);
    for (std::size_t f = 0; f < snapshots_.size(); ++f) {
        const std::string object = "communities/" + metrics_in(Scope::kSnapshot)[f]->name;
        const auto values =
            read_history<float>(history.get(), path, object, H5T_NATIVE_FLOAT, taken, communities_);
        output_detail::append_rows(snapshots_[f]->dataset, H5T_NATIVE_FLOAT, 0, taken, communities_,
                                   values.data());
    }
    output_detail::append_rows(snapshot_scale_, H5T_NATIVE_INT32, 0, taken, 0, when.data());
    snapshots_written_ = taken;
}

}  // namespace localism
