// HDF5 run output: dataset layout, buffered appends, snapshots and the final rename.
#include <array>
#include <filesystem>
#include <numeric>

#include <hdf5_hl.h>

#include "hdf5_interface.hpp"
#include "localism/scenario/geography.hpp"
#include "localism/scenario/timeline.hpp"
#include "metric_attributes.hpp"
#include "run_writer_impl.hpp"

namespace localism {

namespace {

constexpr std::size_t kFlushRows = 120;
constexpr std::size_t kTimeChunkRows = 120;

// A fixed scale holds the ids first_id .. first_id + n - 1.
h5::Dataset make_scale(hid_t parent, const char* name, std::size_t n, bool extendible,
                       const MetricInfo& info, std::int32_t first_id = 0) {
    const std::string what = std::string("creating dimension scale ") + name;
    const auto space =
        h5::simple_space(extendible ? 0 : n, extendible ? H5S_UNLIMITED : static_cast<hsize_t>(n));
    const auto dcpl = h5::own<h5::PropertyList>(H5Pcreate(H5P_DATASET_CREATE), parent, what);
    if (extendible) {
        const hsize_t chunk[1] = {kTimeChunkRows};
        h5::check(H5Pset_chunk(dcpl.get(), 1, chunk), parent, what);
    }
    auto scale = h5::own<h5::Dataset>(
        H5Dcreate2(parent, name, H5T_STD_I32LE, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
        parent, what);
    if (!extendible) {
        std::vector<std::int32_t> ids(n);
        std::iota(ids.begin(), ids.end(), first_id);
        h5::check(
            H5Dwrite(scale.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, ids.data()),
            scale.get(), what);
    }
    h5::check(H5DSset_scale(scale.get(), name), scale.get(), "making a dimension scale");
    h5::write_string_attribute(scale.get(), "units", info.units);
    h5::write_string_attribute(scale.get(), "description", info.description);
    return scale;
}

h5::Dataset extendible(hid_t parent, const std::string& name, hid_t file_type, std::size_t width,
                       std::size_t chunk_rows, int compression, const MetricDef& metric) {
    const std::string what = "creating dataset " + name;
    const int rank = width == 0 ? 1 : 2;
    const std::array<hsize_t, 2> dims{0, width};
    const std::array<hsize_t, 2> max_dims{H5S_UNLIMITED, width};
    const auto space =
        h5::own<h5::Dataspace>(H5Screate_simple(rank, dims.data(), max_dims.data()), parent, what);
    const auto dcpl = h5::own<h5::PropertyList>(H5Pcreate(H5P_DATASET_CREATE), parent, what);
    const std::array<hsize_t, 2> chunk{chunk_rows,
                                       std::max<hsize_t>(1, std::min<hsize_t>(width, 1u << 16))};
    h5::check(H5Pset_chunk(dcpl.get(), rank, chunk.data()), parent, what);
    if (compression > 0) {
        h5::check(H5Pset_shuffle(dcpl.get()), parent, what);
        h5::check(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(compression)), parent, what);
    }
    auto dataset = h5::own<h5::Dataset>(H5Dcreate2(parent, name.c_str(), file_type, space.get(),
                                                   H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                                        parent, what);
    h5::write_metric_attributes(dataset.get(), metric);
    return dataset;
}

void attach_scale(const h5::Dataset& dataset, const h5::Dataset& scale, unsigned dimension) {
    h5::check(H5DSattach_scale(dataset.get(), scale.get(), dimension), dataset.get(),
              "attaching a dimension scale");
}

// How the datasets of one registry scope are laid out.
struct SeriesLayout {
    Scope scope;
    hid_t file_type;
    std::size_t width;  // 0 for a time series, else columns per row
    std::size_t chunk_rows;
    int compression;
    const h5::Dataset* row_scale;
    const h5::Dataset* column_scale;  // null for a time series
};

// One extendible dataset per registry metric of the layout's scope, attached to its scales.
std::vector<std::unique_ptr<output_detail::Series>> create_series(hid_t group,
                                                                  const SeriesLayout& layout) {
    std::vector<std::unique_ptr<output_detail::Series>> created;
    for (const MetricDef* metric : metrics_in(layout.scope)) {
        auto series = std::make_unique<output_detail::Series>();
        series->width = layout.width;
        series->dataset = extendible(group, metric->name, layout.file_type, layout.width,
                                     layout.chunk_rows, layout.compression, *metric);
        attach_scale(series->dataset, *layout.row_scale, 0);
        if (layout.column_scale)
            attach_scale(series->dataset, *layout.column_scale, 1);
        created.push_back(std::move(series));
    }
    return created;
}

// With a real geography, /council_info also holds each council's id, name and type as strings
// (docs/output-format.md); synthetic runs have none.
void write_council_names(hid_t info_group, const Geography& geography,
                         const h5::Dataset& council_scale) {
    struct Field {
        const char* name;
        std::string GeographyCouncil::*member;
        const char* description;
    };
    const Field fields[] = {
        {"code", &GeographyCouncil::id, "Council id from the geography (e.g. the ONS code)"},
        {"name", &GeographyCouncil::name, "Council name from the geography"},
        {"type", &GeographyCouncil::type, "Kind of council from the geography"},
    };
    for (const auto& field : fields) {
        std::vector<std::string> values;
        for (const auto& council : geography.councils)
            values.push_back(council.*field.member);
        const auto dataset = h5::write_string_dataset(info_group, field.name, values);
        h5::write_string_attribute(dataset.get(), "units", "-");
        h5::write_string_attribute(dataset.get(), "description", field.description);
        h5::write_string_attribute(dataset.get(), "better", "neither");
        h5::write_string_attribute(dataset.get(), "scope", "council_info");
        attach_scale(dataset, council_scale, 0);
    }
}

// /timeline: the policy changes the run applied (ODD 7.20), one row per change, by month.
void write_timeline(hid_t file, const PolicyTimeline& timeline) {
    const h5::Group group = h5::create_group(file, "timeline");
    std::vector<std::int32_t> months;
    std::vector<std::string> keys;
    std::vector<std::string> values;
    for (const PolicyChange& change : timeline.changes) {
        months.push_back(change.month);
        keys.push_back(change.key);
        values.push_back(change.value);
    }
    const h5::Dataspace space = h5::simple_space(months.size(), months.size());
    const auto month =
        h5::own<h5::Dataset>(H5Dcreate2(group.get(), "month", H5T_STD_I32LE, space.get(),
                                        H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                             group.get(), "creating dataset timeline/month");
    h5::check(H5Dwrite(month.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, months.data()),
              month.get(), "writing timeline/month");
    h5::write_string_attribute(month.get(), "units", "months");
    h5::write_string_attribute(month.get(), "description",
                               "Month at whose start the change took effect (1 = first month)");
    const auto key = h5::write_string_dataset(group.get(), "key", keys);
    h5::write_string_attribute(key.get(), "units", "-");
    h5::write_string_attribute(key.get(), "description", "Parameter changed (dotted path)");
    const auto value = h5::write_string_dataset(group.get(), "value", values);
    h5::write_string_attribute(value.get(), "units", "-");
    h5::write_string_attribute(value.get(), "description", "Its value from that month, as text");
}

}  // namespace

namespace output_detail {

void append_rows(const h5::Dataset& dataset, hid_t mem_type, std::size_t already, std::size_t rows,
                 std::size_t width, const void* data) {
    const hid_t id = dataset.get();
    const int rank = width == 0 ? 1 : 2;
    const std::array<hsize_t, 2> new_size{already + rows, width};
    h5::check(H5Dset_extent(id, new_size.data()), id, "extending a dataset");
    const auto file_space = h5::own<h5::Dataspace>(H5Dget_space(id), id, "appending rows");
    const std::array<hsize_t, 2> start{already, 0};
    const std::array<hsize_t, 2> count{rows, width};
    h5::check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                  count.data(), nullptr),
              id, "appending rows");
    const auto mem_space =
        h5::own<h5::Dataspace>(H5Screate_simple(rank, count.data(), nullptr), id, "appending rows");
    h5::check(H5Dwrite(id, mem_type, mem_space.get(), file_space.get(), H5P_DEFAULT, data), id,
              "appending rows");
}

}  // namespace output_detail

using output_detail::append_rows;

void RunWriter::Impl::create_layout(const World& world) {
    // At the summary level /time and /national are written whole when the run ends
    // (summary_writer.cpp): small fixed datasets cost far less than extendible chunked ones.
    if (!summary_) {
        time_scale_ =
            make_scale(file_.get(), "time", 0, true,
                       {"time", "months", "Month number of each recorded row (1 = first month)"});
    }
    council_scale_ =
        make_scale(file_.get(), "council", councils_, false, {"council", "id", "Council id"});
    const h5::Group national = h5::create_group(file_.get(), "national");
    if (!summary_) {
        national_ = create_series(national.get(), {Scope::kNational, H5T_IEEE_F64LE, 0,
                                                   kTimeChunkRows, 0, &time_scale_, nullptr});
        create_panels(world);
    }
    const h5::Group info_group = h5::create_group(file_.get(), "council_info");
    const auto values = council_info(world);
    for (std::size_t f = 0; f < metrics_in(Scope::kCouncilInfo).size(); ++f) {
        const MetricDef& info = *metrics_in(Scope::kCouncilInfo)[f];
        const h5::Dataspace space = h5::simple_space(councils_, councils_);
        const auto dataset =
            h5::own<h5::Dataset>(H5Dcreate2(info_group.get(), info.name.c_str(), H5T_IEEE_F64LE,
                                            space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                                 info_group.get(), "creating dataset " + info.name);
        h5::check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                           values[f].data()),
                  dataset.get(), "writing council information");
        h5::write_metric_attributes(dataset.get(), info);
        attach_scale(dataset, council_scale_, 0);
    }
    if (world.scenario->geography_tables)
        write_council_names(info_group.get(), *world.scenario->geography_tables, council_scale_);
    if (world.scenario->timeline)
        write_timeline(file_.get(), *world.scenario->timeline);
    if (world.scenario->output.snapshot_interval_months > 0 && !summary_) {
        const h5::Group group = h5::create_group(file_.get(), "communities");
        snapshot_scale_ = make_scale(group.get(), "snapshot_month", 0, true,
                                     {"snapshot_month", "months", "Month of each snapshot"});
        const h5::Dataset community_scale = make_scale(group.get(), "community", communities_,
                                                       false, {"community", "id", "Community id"});
        snapshots_ =
            create_series(group.get(), {Scope::kSnapshot, H5T_IEEE_F32LE, communities_, 1,
                                        compression_level_, &snapshot_scale_, &community_scale});
    }
}

// The monthly panels of the full level: council panels (when asked for) and the deciles.
void RunWriter::Impl::create_panels(const World& world) {
    if (world.scenario->output.council_panels) {
        const h5::Group panels = h5::create_group(file_.get(), "councils");
        council_ = create_series(panels.get(), {Scope::kCouncil, H5T_IEEE_F64LE, councils_, 12,
                                                compression_level_, &time_scale_, &council_scale_});
    }
    decile_scale_ =
        make_scale(file_.get(), "decile", kDecileCount, false,
                   {"decile", "decile", "Deprivation decile: 1 most deprived, 10 least"}, 1);
    const h5::Group deciles = h5::create_group(file_.get(), "deciles");
    deciles_ = create_series(deciles.get(), {Scope::kDecile, H5T_IEEE_F64LE, kDecileCount, 120,
                                             compression_level_, &time_scale_, &decile_scale_});
}

void RunWriter::Impl::append(const MonthRecord& record) {
    if (summary_) {
        append_summary(record);
        return;
    }
    months_buffer_.push_back(record.month);
    for (std::size_t m = 0; m < national_.size(); ++m)
        national_[m]->buffer.push_back(record.national[m]);
    for (std::size_t m = 0; m < council_.size(); ++m) {
        const auto first = record.council.begin() + static_cast<std::ptrdiff_t>(m * councils_);
        council_[m]->buffer.insert(council_[m]->buffer.end(), first,
                                   first + static_cast<std::ptrdiff_t>(councils_));
    }
    for (std::size_t m = 0; m < deciles_.size(); ++m) {
        const auto first = record.decile.begin() + static_cast<std::ptrdiff_t>(m * kDecileCount);
        deciles_[m]->buffer.insert(deciles_[m]->buffer.end(), first, first + kDecileCount);
    }
    if (months_buffer_.size() >= kFlushRows)
        flush();
}

void RunWriter::Impl::flush() {
    const std::size_t rows = months_buffer_.size();
    if (rows == 0)
        return;
    append_rows(time_scale_, H5T_NATIVE_INT32, rows_written_, rows, 0, months_buffer_.data());
    for (auto* group : {&national_, &council_, &deciles_}) {
        for (auto& series : *group) {
            append_rows(series->dataset, H5T_NATIVE_DOUBLE, rows_written_, rows, series->width,
                        series->buffer.data());
            series->buffer.clear();
        }
    }
    rows_written_ += rows;
    months_buffer_.clear();
}

void RunWriter::Impl::snapshot(const World& world) {
    if (summary_)
        return;  // the summary level has no snapshots
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

}  // namespace localism
