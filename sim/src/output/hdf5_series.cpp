// HDF5 run output: dataset layout, buffered appends, snapshots and the final rename.
#include <array>
#include <filesystem>
#include <numeric>

#include "hdf5_util.hpp"
#include "localism/output/hdf5_writer.hpp"
#include "metric_attributes.hpp"
#include "series.hpp"

namespace localism {

namespace {

constexpr std::size_t kFlushRows = 120;
constexpr std::size_t kTimeChunkRows = 120;

hid_t make_scale(hid_t parent, const char* name, std::size_t n, bool extendible,
                 const MetricInfo& info) {
    const hsize_t dims[1] = {extendible ? 0 : n};
    const hsize_t max_dims[1] = {extendible ? H5S_UNLIMITED : n};
    const hid_t space = H5Screate_simple(1, dims, max_dims);
    const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    if (extendible) {
        const hsize_t chunk[1] = {kTimeChunkRows};
        H5Pset_chunk(dcpl, 1, chunk);
    }
    const hid_t scale =
        h5::check(H5Dcreate2(parent, name, H5T_STD_I32LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                  std::string("creating ") + name);
    H5Pclose(dcpl);
    H5Sclose(space);
    if (!extendible) {
        std::vector<std::int32_t> ids(n);
        std::iota(ids.begin(), ids.end(), 0);
        H5Dwrite(scale, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, ids.data());
    }
    h5::check(H5DSset_scale(scale, name), "making a dimension scale");
    h5::write_string_attribute(scale, "units", info.units);
    h5::write_string_attribute(scale, "description", info.description);
    return scale;
}

hid_t extendible(hid_t parent, const std::string& name, hid_t file_type, std::size_t width,
                 std::size_t chunk_rows, int compression, const MetricDef& metric) {
    const int rank = width == 0 ? 1 : 2;
    const std::array<hsize_t, 2> dims{0, width};
    const std::array<hsize_t, 2> max_dims{H5S_UNLIMITED, width};
    const hid_t space = H5Screate_simple(rank, dims.data(), max_dims.data());
    const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    const std::array<hsize_t, 2> chunk{chunk_rows,
                                       std::max<hsize_t>(1, std::min<hsize_t>(width, 1u << 16))};
    H5Pset_chunk(dcpl, rank, chunk.data());
    if (compression > 0) {
        H5Pset_shuffle(dcpl);
        H5Pset_deflate(dcpl, static_cast<unsigned>(compression));
    }
    const hid_t dataset = h5::check(
        H5Dcreate2(parent, name.c_str(), file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
        "creating dataset " + name);
    H5Pclose(dcpl);
    H5Sclose(space);
    h5::write_metric_attributes(dataset, metric);
    return dataset;
}

void append_rows(hid_t dataset, hid_t mem_type, std::size_t already, std::size_t rows,
                 std::size_t width, const void* data) {
    const int rank = width == 0 ? 1 : 2;
    const std::array<hsize_t, 2> new_size{already + rows, width};
    h5::check(H5Dset_extent(dataset, new_size.data()), "extending a dataset");
    const hid_t file_space = H5Dget_space(dataset);
    const std::array<hsize_t, 2> start{already, 0};
    const std::array<hsize_t, 2> count{rows, width};
    H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr);
    const hid_t mem_space = H5Screate_simple(rank, count.data(), nullptr);
    h5::check(H5Dwrite(dataset, mem_type, mem_space, file_space, H5P_DEFAULT, data),
              "appending rows");
    H5Sclose(mem_space);
    H5Sclose(file_space);
}

}  // namespace

void RunWriter::create_layout(const World& world) {
    time_scale_ =
        make_scale(file_, "time", 0, true,
                   {"time", "months", "Month number of each recorded row (1 = first month)"});
    council_scale_ =
        make_scale(file_, "council", councils_, false, {"council", "id", "Council id"});
    const hid_t national = h5::ordered_group(file_, "national");
    for (const MetricDef* metric : metrics_in(Scope::kNational)) {
        auto series = std::make_unique<Series>();
        series->dataset =
            extendible(national, metric->name, H5T_IEEE_F64LE, 0, kTimeChunkRows, 0, *metric);
        H5DSattach_scale(series->dataset, time_scale_, 0);
        national_.push_back(std::move(series));
    }
    H5Gclose(national);
    if (world.scenario->output.council_panels) {
        const hid_t panels = h5::ordered_group(file_, "councils");
        for (const MetricDef* metric : metrics_in(Scope::kCouncil)) {
            auto series = std::make_unique<Series>();
            series->width = councils_;
            series->dataset = extendible(panels, metric->name, H5T_IEEE_F64LE, councils_, 12,
                                         compression_level_, *metric);
            H5DSattach_scale(series->dataset, time_scale_, 0);
            H5DSattach_scale(series->dataset, council_scale_, 1);
            council_.push_back(std::move(series));
        }
        H5Gclose(panels);
    }
    const hid_t info_group = h5::ordered_group(file_, "council_info");
    const auto values = council_info(world);
    for (std::size_t f = 0; f < metrics_in(Scope::kCouncilInfo).size(); ++f) {
        const MetricDef& info = *metrics_in(Scope::kCouncilInfo)[f];
        const hsize_t dims[1] = {councils_};
        const hid_t space = H5Screate_simple(1, dims, nullptr);
        const hid_t dataset = H5Dcreate2(info_group, info.name.c_str(), H5T_IEEE_F64LE, space,
                                         H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Dwrite(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values[f].data());
        h5::write_metric_attributes(dataset, info);
        H5DSattach_scale(dataset, council_scale_, 0);
        H5Dclose(dataset);
        H5Sclose(space);
    }
    H5Gclose(info_group);
    if (world.scenario->output.snapshot_interval_months > 0) {
        const hid_t group = h5::ordered_group(file_, "communities");
        snapshot_scale_ = make_scale(group, "snapshot_month", 0, true,
                                     {"snapshot_month", "months", "Month of each snapshot"});
        const hid_t community_scale = make_scale(group, "community", communities_, false,
                                                 {"community", "id", "Community id"});
        for (const MetricDef* field : metrics_in(Scope::kSnapshot)) {
            auto series = std::make_unique<Series>();
            series->width = communities_;
            series->dataset = extendible(group, field->name, H5T_IEEE_F32LE, communities_, 1,
                                         compression_level_, *field);
            H5DSattach_scale(series->dataset, snapshot_scale_, 0);
            H5DSattach_scale(series->dataset, community_scale, 1);
            snapshots_.push_back(std::move(series));
        }
        H5Dclose(community_scale);
        H5Gclose(group);
    }
}

void RunWriter::append(const MonthRecord& record) {
    months_buffer_.push_back(record.month);
    for (std::size_t m = 0; m < national_.size(); ++m)
        national_[m]->buffer.push_back(record.national[m]);
    for (std::size_t m = 0; m < council_.size(); ++m) {
        const auto first = record.council.begin() + static_cast<std::ptrdiff_t>(m * councils_);
        council_[m]->buffer.insert(council_[m]->buffer.end(), first,
                                   first + static_cast<std::ptrdiff_t>(councils_));
    }
    if (months_buffer_.size() >= kFlushRows)
        flush();
}

void RunWriter::flush() {
    const std::size_t rows = months_buffer_.size();
    if (rows == 0)
        return;
    append_rows(time_scale_, H5T_NATIVE_INT32, rows_written_, rows, 0, months_buffer_.data());
    for (auto* group : {&national_, &council_}) {
        for (auto& series : *group) {
            append_rows(series->dataset, H5T_NATIVE_DOUBLE, rows_written_, rows, series->width,
                        series->buffer.data());
            series->buffer.clear();
        }
    }
    rows_written_ += rows;
    months_buffer_.clear();
}

void RunWriter::snapshot(const World& world) {
    const Communities& c = world.state.communities;
    std::vector<float> values(communities_);
    for (std::size_t f = 0; f < snapshots_.size(); ++f) {
        const auto compute = std::get<SnapshotFn>(metrics_in(Scope::kSnapshot)[f]->compute);
        for (std::size_t i = 0; i < communities_; ++i)
            values[i] = compute(c, i);
        append_rows(snapshots_[f]->dataset, H5T_NATIVE_FLOAT, snapshots_written_, 1, communities_,
                    values.data());
    }
    const std::int32_t month = world.state.month;
    append_rows(snapshot_scale_, H5T_NATIVE_INT32, snapshots_written_, 1, 0, &month);
    ++snapshots_written_;
}

void RunWriter::finish() {
    flush();
    national_.clear();
    council_.clear();
    snapshots_.clear();
    for (hid_t* scale : {&time_scale_, &council_scale_, &snapshot_scale_}) {
        if (*scale >= 0)
            H5Dclose(*scale);
        *scale = -1;
    }
    h5::check(H5Fclose(file_), "closing the output file");
    file_ = -1;
    std::filesystem::rename(partial_path(), final_path_);
    finished_ = true;
}

}  // namespace localism
