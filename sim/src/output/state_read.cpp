// Reads a saved state as untrusted input; see localism/output/state_file.hpp. Nothing is read
// before its type, rank and shape are known to match the buffer it is read into, and enums and
// flags are checked against their valid ranges before they reach the model.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <vector>

#include "hdf5_interface.hpp"
#include "localism/core/version.hpp"
#include "localism/output/run_file.hpp"
#include "localism/output/state_file.hpp"
#include "series_storage.hpp"
#include "state_fields.hpp"
#include "state_seal.hpp"

namespace localism {

namespace {

using namespace state_detail;

template <typename T>
using Buffer = std::conditional_t<std::is_same_v<T, bool>, std::uint8_t, T>;

// No model value is ever NaN or infinite; a damaged one would spread through every sum.
template <typename T>
bool all_finite(const std::vector<T>& values) {
    if constexpr (std::is_floating_point_v<T>) {
        return std::all_of(values.begin(), values.end(), [](T v) { return std::isfinite(v); });
    } else if constexpr (requires { std::tuple_size<T>::value; }) {
        using V = typename T::value_type;
        if constexpr (std::is_floating_point_v<V>) {
            for (const T& row : values) {
                if (!std::all_of(row.begin(), row.end(), [](V v) { return std::isfinite(v); }))
                    return false;
            }
        }
        return true;
    } else {
        return true;
    }
}

class StateReader {
  public:
    explicit StateReader(const std::string& path) : path_(path) {
        if (!std::filesystem::is_regular_file(path))
            throw StateFileError(path + ": no such file");
        file_ = h5::try_open_read_only(path);
        if (!file_.valid())
            throw StateFileError(path + ": not an HDF5 file");
        if (!exists("state"))
            bad("/state",
                "no saved state in this file (write one with localism run "
                "--save-state-at MONTH or --save-state-every N)");
    }

    [[noreturn]] void bad(const std::string& object, const std::string& problem) const {
        const std::string label = object.front() == '/' ? object : "/" + object;
        throw StateFileError(path_ + ": " + label + ": " + problem);
    }

    // True when every link along `object` exists and is a hard link (no external files).
    bool exists(const std::string& object) const {
        for (std::size_t slash = object.find('/');; slash = object.find('/', slash + 1)) {
            const std::string prefix = object.substr(0, slash);
            H5L_info_t link{};
            if (H5Lexists(file_.get(), prefix.c_str(), H5P_DEFAULT) <= 0 ||
                H5Lget_info(file_.get(), prefix.c_str(), &link, H5P_DEFAULT) < 0 ||
                link.type != H5L_TYPE_HARD)
                return false;
            if (slash == std::string::npos)
                return true;
        }
    }

    // The number of elements of dataset `object`, after checking that it holds elements of T
    // (exact file type, rank, row width) stored so that reading it allocates a bounded amount.
    template <typename T>
    hsize_t length(const std::string& object) const {
        using E = Element<T>;
        const h5::Dataset dataset = open(object);
        const h5::Datatype type(H5Dget_type(dataset.get()));
        if (!type.valid() || H5Tequal(type.get(), E::file_type()) <= 0)
            bad(object, "unexpected element type (not the one this program saves)");
        const h5::Dataspace space(H5Dget_space(dataset.get()));
        const int rank = space.valid() ? H5Sget_simple_extent_ndims(space.get()) : -1;
        const int expected_rank = E::width == 1 ? 1 : 2;
        hsize_t dims[2] = {0, 0};
        if (rank != expected_rank || H5Sget_simple_extent_type(space.get()) != H5S_SIMPLE ||
            H5Sget_simple_extent_dims(space.get(), dims, nullptr) != rank ||
            (rank == 2 && dims[1] != E::width))
            bad(object, "expected " + std::to_string(expected_rank) + "-D values of width " +
                            std::to_string(E::width));
        if (const auto problem = output::series_storage_problem(dataset.get(), dims[0],
                                                                sizeof(T) / E::width, E::width))
            bad(object, *problem);
        return dims[0];
    }

    // Reads exactly `count` elements of T into `out`, checking enums and flags.
    template <typename T>
    void read(const std::string& object, T* out, std::size_t count) const {
        const hsize_t stored = length<T>(object);
        if (stored != count)
            bad(object,
                "expected " + std::to_string(count) + " values, found " + std::to_string(stored));
        if (count == 0)
            return;
        std::vector<Buffer<T>> values(count);
        const h5::Dataset dataset = open(object);
        if (H5Dread(dataset.get(), Element<T>::memory_type(), H5S_ALL, H5S_ALL, H5P_DEFAULT,
                    values.data()) < 0)
            bad(object, "reading failed: " + h5::last_error_detail());
        if constexpr (max_valid<T>() > 0) {
            for (const auto value : values) {
                if (static_cast<std::uint64_t>(value) > max_valid<T>())
                    bad(object, "value " + std::to_string(static_cast<std::uint64_t>(value)) +
                                    " out of range (at most " + std::to_string(max_valid<T>()) +
                                    ")");
            }
        }
        if (!all_finite(values))
            bad(object, "a value is not a finite number");
        for (std::size_t i = 0; i < count; ++i)
            out[i] = static_cast<T>(values[i]);
    }
    template <typename T>
    std::vector<T> read_all(const std::string& object, std::size_t max_count) const {
        static_assert(!std::is_same_v<T, bool>, "no vector<bool>");
        const hsize_t count = length<T>(object);
        if (count > max_count)
            bad(object, std::to_string(count) + " values, more than the " +
                            std::to_string(max_count) + " possible");
        std::vector<T> values(count);
        read(object, values.data(), count);
        return values;
    }

    std::string string_attribute(const char* name) const {
        const output::RunFile run_file(path_);
        return run_file.string_attribute(name, "state");
    }
    double number_attribute(const char* name) const {
        const output::RunFile run_file(path_);
        return run_file.number_attribute(name, "state");
    }

  private:
    h5::Dataset open(const std::string& object) const {
        if (!exists(object))
            bad(object, "missing");
        H5O_info_t info{};
        if (H5Oget_info_by_name(file_.get(), object.c_str(), &info, H5P_DEFAULT) < 0 ||
            info.type != H5O_TYPE_DATASET)
            bad(object, "expected a dataset");
        h5::Dataset dataset(H5Dopen2(file_.get(), object.c_str(), H5P_DEFAULT));
        if (!dataset.valid())
            bad(object, "cannot be opened: " + h5::last_error_detail());
        return dataset;
    }

    std::string path_;
    h5::File file_;
};

[[noreturn]] void different_population(const std::string& path, const std::string& what) {
    throw StateFileError(path + ": the saved state is of a different population (" + what +
                         "); continue it with the scenario it was saved from");
}

void restore_communities(const StateReader& reader, const std::string& path, Communities& c) {
    // Fixed characteristics that index tables: they must be the population's own.
    const auto council = c.council;
    const auto decile = c.deprivation_decile;
    std::size_t column = 0;
    const std::size_t n = c.size();
    Communities::zip(c, c, [&](auto& values, auto&) {
        reader.read(std::string("state/communities/") + kCommunityColumnNames.at(column++),
                    values.data(), n);
    });
    if (c.council != council || c.deprivation_decile != decile)
        different_population(path, "communities belong to other councils or deciles");
}

// Reads one dataset per field into `objects`, which hold the freshly built values; fields that
// fix the population (`fixed`) must equal them.
template <typename Object, typename Fields>
void restore_fields(const StateReader& reader, const std::string& group,
                    std::vector<Object>& objects, Fields&& fields) {
    fields([&](const char* name, auto Object::*member) {
        using T = std::remove_cvref_t<decltype(objects[0].*member)>;
        // Not a std::vector: T may be bool.
        const auto values = std::make_unique<T[]>(objects.size());
        reader.read(group + "/" + name, values.get(), objects.size());
        for (std::size_t k = 0; k < objects.size(); ++k)
            objects[k].*member = values[k];
    });
}

void restore_councils(const StateReader& reader, const std::string& path,
                      std::vector<Council>& councils) {
    const std::vector<Council> built = councils;
    restore_fields(reader, "state/councils", councils, [](auto&& visit) { council_fields(visit); });
    for (std::size_t k = 0; k < councils.size(); ++k) {
        if (councils[k].id != built[k].id ||
            councils[k].first_community != built[k].first_community ||
            councils[k].last_community != built[k].last_community)
            different_population(path, "council " + std::to_string(k) + " holds other communities");
    }
}

void restore_central(const StateReader& reader, std::size_t communities,
                     CentralGovernment& central) {
    std::vector<CentralGovernment> one{central};
    restore_fields(reader, "state/central", one, [](auto&& visit) { central_fields(visit); });
    central = one[0];
    const auto ids =
        reader.read_all<std::uint32_t>("state/central/prize_baseline_community", communities);
    const auto needs = reader.read_all<float>("state/central/prize_baseline_need", communities);
    if (ids.size() != needs.size())
        reader.bad("state/central/prize_baseline_need", "not one value per baseline community");
    central.prize_baselines.clear();
    for (std::size_t f = 0; f < ids.size(); ++f) {
        if (ids[f] >= communities)
            reader.bad("state/central/prize_baseline_community", "community id out of range");
        central.prize_baselines.emplace_back(ids[f], needs[f]);
    }
    central.unfunded_months =
        reader.read_all<std::uint8_t>("state/central/unfunded_months", communities);
    if (!central.unfunded_months.empty() && central.unfunded_months.size() != communities)
        reader.bad("state/central/unfunded_months", "expected none or one per community");
}

// The network is rebuilt from the scenario; the saved one must be the same.
void check_network(const StateReader& reader, const std::string& path, const Network& network) {
    const auto same = [&](const char* name, const auto& built) {
        using T = typename std::remove_cvref_t<decltype(built)>::value_type;
        const std::string object = std::string("state/network/") + name;
        if (reader.length<T>(object) != built.size())
            different_population(path, std::string("the network's ") + name + " differ");
        std::vector<T> saved(built.size());
        reader.read(object, saved.data(), saved.size());
        if (saved != built)
            different_population(path, std::string("the network's ") + name + " differ");
    };
    same("out_offsets", network.out_offsets);
    same("out_targets", network.out_targets);
    same("in_offsets", network.in_offsets);
    same("in_sources", network.in_sources);
}

// The /state attributes, each checked for type and range (not yet for versions).
SavedStateInfo read_attributes(const std::string& path) {
    SavedStateInfo info;
    try {
        const StateReader reader(path);
        info.state_format_version = reader.string_attribute("state_format_version");
        info.program_version = reader.string_attribute("program_version");
        info.git_sha = reader.string_attribute("git_sha");
        const double month = reader.number_attribute("month");
        if (!(month >= 0 && month <= 1e6))
            reader.bad("/state", "attribute 'month' out of range");
        info.month = static_cast<std::int32_t>(month);
        info.communities = static_cast<std::uint64_t>(reader.number_attribute("communities"));
        info.councils = static_cast<std::uint64_t>(reader.number_attribute("councils"));
        info.scenario_resolved = reader.string_attribute("scenario_resolved");
    } catch (const output::RunFileError& e) {
        throw StateFileError(e.what());
    }
    return info;
}

}  // namespace

void restore_state(const std::string& path, Simulation& simulation) {
    const SavedStateInfo info = read_state_info(path);
    World& world = simulation.world_for_restore();
    ModelState& model = world.state;
    if (info.communities != model.communities.size() || info.councils != model.councils.size())
        different_population(path, std::to_string(info.communities) + " communities in " +
                                       std::to_string(info.councils) + " councils, not " +
                                       std::to_string(model.communities.size()) + " in " +
                                       std::to_string(model.councils.size()));
    try {
        const StateReader reader(path);
        check_network(reader, path, model.network);
        restore_communities(reader, path, model.communities);
        restore_councils(reader, path, model.councils);
        restore_central(reader, model.communities.size(), model.central);
        std::int64_t ledger[2] = {0, 0};
        reader.read("state/ledger_pence", ledger, 2);
        model.ledger = {ledger[0], ledger[1]};
        std::vector<ObserverTotals> totals{simulation.observer_totals()};
        restore_fields(reader, "state/observer", totals,
                       [](auto&& visit) { observer_fields(visit); });
        simulation.observer_totals_for_restore() = totals[0];
    } catch (const output::RunFileError& e) {
        throw StateFileError(e.what());
    }
    model.month = info.month;
}

SavedStateInfo read_state_info(const std::string& path) {
    if (!std::filesystem::is_regular_file(path))
        throw StateFileError(path + ": no such file");
    output_detail::Seal seal = output_detail::Seal::kNone;
    try {
        seal = output_detail::check_seal(path);
    } catch (const std::runtime_error& e) {
        throw StateFileError(path + ": " + e.what());
    }
    const SavedStateInfo info = read_attributes(path);
    if (info.state_format_version != kStateFormatVersion)
        throw StateFileError(path + ": saved state format version " + info.state_format_version +
                             "; this program reads version " + kStateFormatVersion);
    if (info.program_version != kProgramVersion || info.git_sha != kGitSha)
        throw StateFileError(path + ": saved by localism " + info.program_version + " (" +
                             info.git_sha + "); this is " + kProgramVersion + " (" + kGitSha +
                             "), and a state continues bit-identically only with the program "
                             "that saved it");
    if (seal != output_detail::Seal::kIntact)
        throw StateFileError(path + ": the saved state carries no seal (the SHA-256 that " +
                             "localism writes into the first " +
                             std::to_string(output_detail::kSealBytes) +
                             " bytes of every file with a state); the file is damaged or was "
                             "changed after it was written");
    return info;
}

}  // namespace localism
