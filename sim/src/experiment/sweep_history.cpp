// The shared histories of a branching experiment (`history: {month: M}`); see sweep.hpp.
#include <tbb/task_arena.h>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include "localism/experiment/sweep.hpp"
#include "localism/output/hdf5_writer.hpp"
#include "localism/run/runner.hpp"

namespace localism::experiment {

SweepDir history_dir(const SweepDir& dir) {
    return SweepDir(dir.root() / "history");
}

std::string history_id(std::int64_t replicate) {
    char id[32];
    std::snprintf(id, sizeof id, "r%03lld", static_cast<long long>(replicate));
    return id;
}

namespace {

// Replicates whose history some pending run of this shard continues.
std::vector<std::int64_t> histories_needed(const Design& design, const SweepDir& dir,
                                           const SweepOptions& options) {
    const std::int64_t reps = design.experiment().replicates;
    std::vector<bool> needed(static_cast<std::size_t>(reps), false);
    for (std::int64_t i = 0; i < design.size(); ++i) {
        const RunSpec run = design.run(i);
        if (in_shard(i, options) && needs_run(dir, run.id, options.retry_failed))
            needed[static_cast<std::size_t>(run.replicate)] = true;
    }
    std::vector<std::int64_t> replicates;
    const SweepDir histories = history_dir(dir);
    for (std::int64_t r = 0; r < reps; ++r) {
        // A complete history is reused; a damaged, failed or missing one is (re)run.
        if (needed[static_cast<std::size_t>(r)] &&
            histories.state(history_id(r)) != RunState::kDone)
            replicates.push_back(r);
    }
    return replicates;
}

// Runs replicate r's history to the branch month and saves the state in its run file. A failure
// is recorded in history/status/ and makes the replicate's arm runs fail with its message.
bool run_history(const Design& design, std::int64_t replicate, const SweepDir& histories,
                 int threads, const std::atomic<bool>* stop, std::string& write_error) {
    const std::string id = history_id(replicate);
    histories.clear_for_rerun(id);
    try {
        RunRequest request{design.history_scenario(replicate),
                           histories.run_file(id).string(),
                           design.history_text(replicate),
                           threads,
                           {},
                           stop};
        request.save_state_at = design.experiment().history_month;
        const RunResult result = run_to_file(request);
        if (!result.completed)
            return false;
        histories.record_success(id, result.wall_seconds);
    } catch (const WriteError& e) {
        histories.clear_for_rerun(id);
        write_error = e.what();
    } catch (const std::exception& e) {
        histories.record_failure(id, e.what());
    }
    return true;
}

}  // namespace

std::string run_histories(const Design& design, const SweepDir& dir, const SweepOptions& options,
                          int jobs, int per_job) {
    const std::vector<std::int64_t> replicates = histories_needed(design, dir, options);
    if (replicates.empty())
        return "";
    const SweepDir histories = history_dir(dir);
    std::filesystem::create_directories(histories.root() / "runs");
    std::filesystem::create_directories(histories.root() / "status");
    if (!options.quiet) {
        std::fprintf(stderr, "sweep: %zu shared histor%s to month %d first\n", replicates.size(),
                     replicates.size() == 1 ? "y" : "ies", design.experiment().history_month);
    }
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stopped{false};
    std::mutex mutex;
    std::string write_error;
    const auto work = [&] {
        tbb::task_arena arena(per_job);
        for (std::size_t k = next++; k < replicates.size() && !stopped; k = next++) {
            std::string error;
            bool completed = true;
            arena.execute([&] {
                completed =
                    run_history(design, replicates[k], histories, per_job, options.stop, error);
            });
            std::lock_guard<std::mutex> lock(mutex);
            if (!completed || !error.empty())
                stopped = true;
            if (!error.empty() && write_error.empty())
                write_error = error;
        }
    };
    std::vector<std::thread> workers;
    for (int j = 0; j < std::max(1, std::min<int>(jobs, static_cast<int>(replicates.size()))); ++j)
        workers.emplace_back(work);
    for (auto& w : workers)
        w.join();
    return write_error;
}

std::string history_problem(const Design& design, const SweepDir& dir, std::int64_t replicate) {
    const RunStatus status = history_dir(dir).status(history_id(replicate));
    if (status.state == RunState::kDone)
        return "";
    return "its shared history " + history_id(replicate) + " (to month " +
           std::to_string(design.experiment().history_month) + ") " +
           (status.message.empty() ? std::string("did not complete") : "failed: " + status.message);
}

}  // namespace localism::experiment
