// Writes a saved state; see state_write.hpp. Every array is a contiguous dataset of the exact
// element type (state_fields.hpp), so the reader can check type and shape before reading.
#include "state_write.hpp"

#include <vector>

#include "hdf5_interface.hpp"
#include "localism/core/version.hpp"
#include "localism/output/state_file.hpp"
#include "state_fields.hpp"

namespace localism::state_detail {

namespace {

template <typename T>
using Buffer = std::conditional_t<std::is_same_v<T, bool>, std::uint8_t, T>;

// `count` elements of T as a contiguous dataset (rank 2 when an element is a row of values).
template <typename T>
void write_values(hid_t group, const std::string& name, const T* data, std::size_t count) {
    using E = Element<T>;
    const std::string what = "writing state dataset " + name;
    const int rank = E::width == 1 ? 1 : 2;
    const hsize_t dims[2] = {count, E::width};
    const auto space = h5::own<h5::Dataspace>(H5Screate_simple(rank, dims, nullptr), group, what);
    const auto dataset =
        h5::own<h5::Dataset>(H5Dcreate2(group, name.c_str(), E::file_type(), space.get(),
                                        H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                             group, what);
    if (count > 0)
        h5::check(H5Dwrite(dataset.get(), E::memory_type(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
                  group, what);
}

void write_communities(hid_t state, const Communities& c) {
    const h5::Group group = h5::create_group(state, "communities");
    std::size_t column = 0;
    Communities::zip(c, c, [&](const auto& values, const auto&) {
        write_values(group.get(), kCommunityColumnNames.at(column++), values.data(), values.size());
    });
}

// One dataset per field of a struct: one element per object in `objects`.
template <typename Object, typename Fields>
void write_fields(hid_t group, const std::vector<Object>& objects, Fields&& fields) {
    fields([&](const char* name, auto Object::*member) {
        using T = std::remove_cvref_t<decltype(objects[0].*member)>;
        std::vector<Buffer<T>> values;
        values.reserve(objects.size());
        for (const Object& object : objects)
            values.push_back(static_cast<Buffer<T>>(object.*member));
        write_values(group, name, values.data(), values.size());
    });
}

void write_central(hid_t state, const CentralGovernment& central) {
    const h5::Group group = h5::create_group(state, "central");
    write_fields(group.get(), std::vector<CentralGovernment>{central},
                 [](auto&& visit) { central_fields(visit); });
    std::vector<std::uint32_t> communities;
    std::vector<float> needs;
    for (const auto& [community, need] : central.prize_baselines) {
        communities.push_back(community);
        needs.push_back(need);
    }
    write_values(group.get(), "prize_baseline_community", communities.data(), communities.size());
    write_values(group.get(), "prize_baseline_need", needs.data(), needs.size());
    write_values(group.get(), "unfunded_months", central.unfunded_months.data(),
                 central.unfunded_months.size());
}

void write_network(hid_t state, const Network& network) {
    const h5::Group group = h5::create_group(state, "network");
    write_values(group.get(), "out_offsets", network.out_offsets.data(),
                 network.out_offsets.size());
    write_values(group.get(), "out_targets", network.out_targets.data(),
                 network.out_targets.size());
    write_values(group.get(), "in_offsets", network.in_offsets.data(), network.in_offsets.size());
    write_values(group.get(), "in_sources", network.in_sources.data(), network.in_sources.size());
    const std::uint8_t well_mixed = network.well_mixed ? 1 : 0;
    write_values(group.get(), "well_mixed", &well_mixed, 1);
}

void write_description(hid_t state, const ModelState& model, const std::string& resolved) {
    h5::write_string_attribute(state, "state_format_version", kStateFormatVersion);
    h5::write_string_attribute(state, "program_version", kProgramVersion);
    h5::write_string_attribute(state, "git_sha", kGitSha);
    h5::write_scalar_attribute(state, "month", H5T_NATIVE_INT32, model.month);
    h5::write_scalar_attribute(state, "communities", H5T_NATIVE_UINT64,
                               static_cast<std::uint64_t>(model.communities.size()));
    h5::write_scalar_attribute(state, "councils", H5T_NATIVE_UINT64,
                               static_cast<std::uint64_t>(model.councils.size()));
    h5::write_string_attribute(state, "scenario_resolved", resolved);
}

}  // namespace

void write_state_group(hid_t file, const Simulation& simulation,
                       const std::string& scenario_resolved) {
    const ModelState& model = simulation.world().state;
    const h5::Group state = h5::create_group(file, "state");
    write_description(state.get(), model, scenario_resolved);
    write_communities(state.get(), model.communities);
    const h5::Group councils = h5::create_group(state.get(), "councils");
    write_fields(councils.get(), model.councils, [](auto&& visit) { council_fields(visit); });
    write_central(state.get(), model.central);
    write_network(state.get(), model.network);
    const std::int64_t ledger[2] = {model.ledger.allocated_pence, model.ledger.spent_pence};
    write_values(state.get(), "ledger_pence", ledger, 2);
    const h5::Group observer = h5::create_group(state.get(), "observer");
    write_fields(observer.get(), std::vector<ObserverTotals>{simulation.observer_totals()},
                 [](auto&& visit) { observer_fields(visit); });
}

}  // namespace localism::state_detail
