// Running one scenario to a file.
#include "localism/run/runner.hpp"

#include <chrono>

#include "localism/engine/simulation.hpp"
#include "localism/output/hdf5_writer.hpp"
#include "localism/scenario/validate.hpp"

namespace localism {

RunResult run_to_file(const RunRequest& request) {
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    RunResult result;
    Simulation simulation(request.scenario);
    RunProvenance provenance;
    provenance.seed = static_cast<std::uint64_t>(request.scenario.run.seed);
    provenance.threads = request.threads;
    provenance.scenario_name = request.scenario.run.name;
    provenance.scenario_text = request.scenario_text;
    provenance.scenario_resolved = scenario::describe(request.scenario);
    provenance.created = iso_time_now();
    Clock::duration writing{};
    RunWriter writer(request.output_path, provenance, simulation.world());
    const auto snapshot_every = request.scenario.output.snapshot_interval_months;
    MonthRecord record;
    while (simulation.month() < simulation.months()) {
        if (request.stop && request.stop->load())
            return result;  // writer removes the partial
        record = simulation.step();
        const auto before = Clock::now();
        writer.append(record);
        if (snapshot_every > 0 && simulation.month() % snapshot_every == 0)
            writer.snapshot(simulation.world());
        writing += Clock::now() - before;
        if (request.on_month)
            request.on_month(simulation.month(), simulation.months());
    }
    const auto before = Clock::now();
    writer.finish();
    writing += Clock::now() - before;
    result.completed = true;
    result.months = simulation.month();
    result.final_total_need = record.national[national_index("total_need")];
    result.final_active = record.national[national_index("count_active")];
    result.output_seconds = std::chrono::duration<double>(writing).count();
    result.wall_seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return result;
}

}  // namespace localism
