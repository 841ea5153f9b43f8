// The summary output level (docs/output-format.md): national series by year (flows added over
// the year, stocks at its last month) and the sweep manifest's final values, no monthly panels.
// The manifest values are computed here from every month, by the registry's own functions, so a
// summary run gives the same manifest as a full one.
#include <hdf5_hl.h>

#include "hdf5_interface.hpp"
#include "metric_attributes.hpp"
#include "run_writer_impl.hpp"

namespace localism {

namespace {

constexpr std::int32_t kMonthsPerYear = 12;

}  // namespace

void RunWriter::Impl::append_summary(const MonthRecord& record) {
    const auto& metrics = metrics_in(Scope::kNational);
    if (monthly_national_.empty()) {
        monthly_national_.resize(metrics.size());
        year_row_.assign(metrics.size(), 0.0);
    }
    for (std::size_t m = 0; m < metrics.size(); ++m) {
        const double value = record.national[m];
        monthly_national_[m].push_back(value);
        const bool add = is_monthly_flow(*metrics[m]) && months_in_year_row_ > 0;
        year_row_[m] = add ? year_row_[m] + value : value;
    }
    ++months_in_year_row_;
    last_month_ = record.month;
    if (record.month % kMonthsPerYear == 0)
        end_year_row();
}

void RunWriter::Impl::end_year_row() {
    year_end_months_.push_back(last_month_);
    yearly_national_.resize(year_row_.size());
    for (std::size_t m = 0; m < year_row_.size(); ++m)
        yearly_national_[m].push_back(year_row_[m]);
    months_in_year_row_ = 0;
}

void RunWriter::Impl::close_summary() {
    if (months_in_year_row_ > 0)  // a part-year at the end is a row of its own
        end_year_row();
    write_yearly_series();
    write_final_values();
}

namespace {

// A small fixed dataset stored in its object header (compact): no chunk index, no extra block.
h5::Dataset compact_dataset(hid_t parent, const std::string& name, hid_t file_type,
                            std::size_t size) {
    const std::string what = "creating dataset " + name;
    const h5::Dataspace space = h5::simple_space(size, size);
    const auto dcpl = h5::own<h5::PropertyList>(H5Pcreate(H5P_DATASET_CREATE), parent, what);
    // Compact data must fit in the 64 KiB object header; long runs use contiguous storage.
    if (size * 8 < 32768)
        h5::check(H5Pset_layout(dcpl.get(), H5D_COMPACT), parent, what);
    return h5::own<h5::Dataset>(H5Dcreate2(parent, name.c_str(), file_type, space.get(),
                                           H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                                parent, what);
}

}  // namespace

// /time (year-end months, a dimension scale) and /national/<metric> by year.
void RunWriter::Impl::write_yearly_series() {
    const std::size_t years = year_end_months_.size();
    time_scale_ = compact_dataset(file_.get(), "time", H5T_STD_I32LE, years);
    if (years > 0)
        h5::check(H5Dwrite(time_scale_.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                           year_end_months_.data()),
                  time_scale_.get(), "writing /time");
    h5::check(H5DSset_scale(time_scale_.get(), "time"), time_scale_.get(),
              "making a dimension scale");
    h5::write_string_attribute(time_scale_.get(), "units", "months");
    h5::write_string_attribute(
        time_scale_.get(), "description",
        "Month at the end of each recorded year (the last row may end a part-year)");
    const auto national = h5::own<h5::Group>(H5Gopen2(file_.get(), "national", H5P_DEFAULT),
                                             file_.get(), "opening /national");
    const auto& metrics = metrics_in(Scope::kNational);
    for (std::size_t m = 0; m < metrics.size(); ++m) {
        const auto dataset =
            compact_dataset(national.get(), metrics[m]->name, H5T_IEEE_F64LE, years);
        if (years > 0)
            h5::check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                               yearly_national_[m].data()),
                      dataset.get(), "writing a yearly series");
        h5::write_metric_attributes(dataset.get(), *metrics[m]);
        h5::check(H5DSattach_scale(dataset.get(), time_scale_.get(), 0), dataset.get(),
                  "attaching a dimension scale");
    }
}

// /final/<manifest column>: one float64 each, with the registry's attributes (scope "manifest").
void RunWriter::Impl::write_final_values() {
    const auto& national = metrics_in(Scope::kNational);
    const RunSeries series = [&](const std::string& name) -> std::vector<double> {
        for (std::size_t m = 0; m < national.size(); ++m) {
            if (national[m]->name == name)
                return m < monthly_national_.size() ? monthly_national_[m] : std::vector<double>{};
        }
        return {};
    };
    const h5::Group group = h5::create_group(file_.get(), "final");
    for (const MetricDef* column : metrics_in(Scope::kManifest)) {
        const double value = std::get<ManifestFn>(column->compute)(series);
        const auto dataset = compact_dataset(group.get(), column->name, H5T_IEEE_F64LE, 1);
        h5::check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value),
                  dataset.get(), "writing a final value");
        h5::write_metric_attributes(dataset.get(), *column);
    }
}

}  // namespace localism
