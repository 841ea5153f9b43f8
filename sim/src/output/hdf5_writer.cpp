// HDF5 run output.
#include "localism/output/hdf5_writer.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "hdf5_interface.hpp"
#include "localism/core/version.hpp"
#include "run_writer_impl.hpp"
#include "state_seal.hpp"

namespace localism {

std::string iso_time_now() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

RunWriter::Impl::Impl(const std::string& partial_path, const RunProvenance& provenance,
                      const World& world, bool sealed)
    : partial_path_(partial_path),
      scenario_resolved_(provenance.scenario_resolved),
      compression_level_(static_cast<int>(world.scenario->output.compression_level)),
      snapshot_interval_(world.scenario->output.snapshot_interval_months),
      councils_(world.state.councils.size()),
      communities_(world.state.communities.size()),
      summary_(world.scenario->output.level == OutputLevel::kSummary) {
    file_ = h5::create_file(partial_path_, sealed ? output_detail::kSealBytes : 0);
    const hid_t file = file_.get();
    h5::write_string_attribute(file, "format", kOutputFormatName);
    h5::write_string_attribute(file, "format_version", kOutputFormatVersion);
    h5::write_string_attribute(file, "program_version", kProgramVersion);
    h5::write_string_attribute(file, "git_sha", kGitSha);
    h5::write_scalar_attribute(file, "seed", H5T_NATIVE_UINT64, provenance.seed);
    h5::write_scalar_attribute(file, "threads", H5T_NATIVE_INT32,
                               static_cast<std::int32_t>(provenance.threads));
    h5::write_string_attribute(file, "created", provenance.created);
    h5::write_string_attribute(file, "scenario_name", provenance.scenario_name);
    h5::write_string_attribute(file, "scenario_text", provenance.scenario_text);
    h5::write_string_attribute(file, "scenario_resolved", provenance.scenario_resolved);
    if (!provenance.continued_from.empty()) {
        h5::write_string_attribute(file, "continued_from", provenance.continued_from);
        h5::write_scalar_attribute(file, "continued_from_month", H5T_NATIVE_INT32,
                                   provenance.continued_from_month);
    }
    // Written only at the summary level, so full files stay as they were (absent = full).
    if (summary_)
        h5::write_string_attribute(file, "output_level", "summary");
    create_layout(world);
}

void RunWriter::Impl::close() {
    if (summary_)
        close_summary();
    flush();
    // Datasets before the file, so the file's close is the one that flushes everything (with
    // one left open, HDF5 would close the file only when that one closes, after the rename).
    for (auto* group : {&national_, &council_, &snapshots_, &deciles_}) {
        for (auto& series : *group)
            series->dataset.close("closing a dataset");
        group->clear();
    }
    for (h5::Dataset* scale : {&time_scale_, &council_scale_, &snapshot_scale_, &decile_scale_})
        scale->close("closing a dimension scale");
    file_.close("closing the file");
}

namespace {

std::string kibibytes(std::uintmax_t bytes) {
    return std::to_string((bytes + 1023) / 1024) + " KiB";
}

// What a full disk left: the space still free next to the partial file and how far the file
// got. A file that filled the disk needs more than both together, which is the least the user
// has to free (the writer cannot know the final compressed size in advance).
std::string space_note(const std::string& partial_path) {
    std::error_code error;
    const auto written = std::filesystem::file_size(partial_path, error);
    if (error)
        return "";
    const std::filesystem::path parent = std::filesystem::absolute(partial_path).parent_path();
    const auto space = std::filesystem::space(parent, error);
    if (error)
        return "";
    return " (" + kibibytes(space.available) + " free in " + parent.string() + "; the file had " +
           "reached " + kibibytes(written) + ", so this run needs more than " +
           kibibytes(written + space.available) + ": free some space or write elsewhere with -o)";
}

// Every HDF5 failure of the writer is reported as one error naming the output path and, when
// the disk is full, the space the run needs.
template <typename Step>
void guarded(const std::string& path, const std::string& partial_path, Step&& step) {
    try {
        step();
    } catch (const h5::Error& e) {
        const std::string why = e.what();
        const bool disk_full = why.find("No space left") != std::string::npos;
        throw WriteError("cannot write " + path + ": " + why +
                         (disk_full ? space_note(partial_path) : ""));
    }
}

}  // namespace

RunWriter::RunWriter(std::string final_path, const RunProvenance& provenance, const World& world,
                     bool sealed)
    : final_path_(std::move(final_path)), sealed_(sealed) {
    try {
        guarded(final_path_, partial_path(),
                [&] { impl_ = std::make_unique<Impl>(partial_path(), provenance, world, sealed); });
    } catch (...) {
        // No destructor runs for a half-built writer, so its partial file is removed here.
        std::remove(partial_path().c_str());
        throw;
    }
}

RunWriter::~RunWriter() {
    impl_.reset();  // closes whatever is still open, ignoring errors
    if (!finished_)
        std::remove(partial_path().c_str());
}

void RunWriter::append(const MonthRecord& record) {
    guarded(final_path_, partial_path(), [&] { impl_->append(record); });
}

void RunWriter::snapshot(const World& world) {
    guarded(final_path_, partial_path(), [&] { impl_->snapshot(world); });
}

void RunWriter::save_state(const Simulation& simulation) {
    guarded(final_path_, partial_path(), [&] { impl_->save_state(simulation); });
}

void RunWriter::checkpoint(const std::string& state_path, const Simulation& simulation) {
    guarded(state_path, state_path, [&] { impl_->checkpoint(state_path, simulation); });
}

void RunWriter::continue_from(const std::string& history_path, std::int32_t month) {
    guarded(final_path_, partial_path(), [&] { impl_->continue_from(history_path, month); });
}

void RunWriter::finish() {
    guarded(final_path_, partial_path(), [&] { impl_->close(); });
    if (sealed_) {
        try {
            output_detail::seal_file(partial_path());
        } catch (const std::runtime_error& e) {
            throw WriteError("cannot write " + final_path_ + ": " + e.what());
        }
    }
    std::error_code error;
    std::filesystem::rename(partial_path(), final_path_, error);
    if (error)
        throw WriteError("cannot write " + final_path_ + ": renaming " + partial_path() + ": " +
                         error.message());
    finished_ = true;
}

}  // namespace localism
