// Running one scenario to a file.
#include "localism/run/runner.hpp"

#include <chrono>
#include <filesystem>

#include "localism/engine/simulation.hpp"
#include "localism/output/hdf5_writer.hpp"
#include "localism/output/state_file.hpp"
#include "localism/run/continuation.hpp"
#include "localism/scenario/validate.hpp"

namespace localism {

namespace {

RunProvenance provenance_of(const RunRequest& request) {
    RunProvenance provenance;
    provenance.seed = static_cast<std::uint64_t>(request.scenario.run.seed);
    provenance.threads = request.threads;
    provenance.scenario_name = request.scenario.run.name;
    provenance.scenario_text = request.scenario_text;
    provenance.scenario_resolved = scenario::describe(request.scenario);
    provenance.created = iso_time_now();
    return provenance;
}

// Checks that `request` may continue the state saved in request.from_state and restores it
// into `simulation`; returns the saved month. Throws StateFileError naming what differs.
std::int32_t restore(const RunRequest& request, const std::string& resolved,
                     Simulation& simulation) {
    const SavedStateInfo info = read_state_info(request.from_state);
    if (const auto difference = scenario_difference(info.scenario_resolved, resolved, info.month))
        throw StateFileError(request.from_state + ": saved from another scenario (" + *difference +
                             "); a saved state continues only with its own "
                             "scenario");
    if (info.month >= simulation.months())
        throw StateFileError(request.from_state + ": saved at month " + std::to_string(info.month) +
                             ", the end of the run; nothing to "
                             "continue");
    restore_state(request.from_state, simulation);
    return info.month;
}

}  // namespace

RunResult run_to_file(const RunRequest& request) {
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    RunResult result;
    Simulation simulation(request.scenario);
    RunProvenance provenance = provenance_of(request);
    if (!request.from_state.empty()) {
        result.continued_from_month = restore(request, provenance.scenario_resolved, simulation);
        provenance.continued_from = request.from_state;
        provenance.continued_from_month = result.continued_from_month;
    }
    Clock::duration writing{};
    const bool saves_states = request.save_state_at > 0 || request.save_state_every > 0;
    RunWriter writer(request.output_path, provenance, simulation.world(), saves_states);
    if (!request.from_state.empty())
        writer.continue_from(request.from_state, result.continued_from_month);
    const auto snapshot_every = request.scenario.output.snapshot_interval_months;
    const std::int32_t last =
        request.save_state_at > 0 ? request.save_state_at : simulation.months();
    MonthRecord record;
    while (simulation.month() < last) {
        if (request.stop && request.stop->load())
            return result;  // writer removes the partial
        record = simulation.step();
        const auto before = Clock::now();
        writer.append(record);
        if (snapshot_every > 0 && simulation.month() % snapshot_every == 0)
            writer.snapshot(simulation.world());
        if (request.save_state_every > 0 && simulation.month() % request.save_state_every == 0 &&
            simulation.month() < last)
            writer.checkpoint(state_path_for(request.output_path), simulation);
        writing += Clock::now() - before;
        if (request.on_month)
            request.on_month(simulation.month(), simulation.months());
    }
    const auto before = Clock::now();
    if (request.save_state_at > 0)
        writer.save_state(simulation);
    writer.finish();
    writing += Clock::now() - before;
    if (request.save_state_every > 0 || request.from_state == state_path_for(request.output_path)) {
        std::error_code ignored;  // the run is complete: its periodic state is stale
        std::filesystem::remove(state_path_for(request.output_path), ignored);
        std::filesystem::remove(state_path_for(request.output_path) + ".tmp", ignored);
    }
    result.completed = true;
    result.months = simulation.month();
    if (!record.national.empty()) {
        result.final_total_need = record.national[national_index("total_need")];
        result.final_active = record.national[national_index("count_active")];
    }
    result.output_seconds = std::chrono::duration<double>(writing).count();
    result.wall_seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return result;
}

}  // namespace localism
