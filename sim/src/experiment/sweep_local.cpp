// Running a design's runs on this machine; see sweep.hpp.
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <mutex>
#include <thread>

#include "localism/experiment/sweep.hpp"
#include "localism/output/hdf5_writer.hpp"
#include "localism/run/runner.hpp"
#include "progress.hpp"

namespace localism::experiment {

namespace {

std::string describe_error(const std::exception& error) {
    if (const auto* input = dynamic_cast<const scenario::InputError*>(&error)) {
        std::string text = "invalid scenario:";
        const char* separator = " ";
        for (const auto& d : input->diagnostics()) {
            text += separator + d.to_string();
            separator = "; ";
        }
        return text;
    }
    return error.what();
}

}  // namespace

SweepOutcome count_shard(const Design& design, const SweepDir& dir, const SweepOptions& options) {
    SweepOutcome outcome;
    for (std::int64_t i = 0; i < design.size(); ++i) {
        if (!in_shard(i, options))
            continue;
        ++outcome.total;
        if (!needs_run(dir, design.run(i).id, options.retry_failed))
            ++outcome.skipped;
    }
    return outcome;
}

bool in_shard(std::int64_t index, const SweepOptions& options) {
    return index % options.shard_count == options.shard_index;
}

bool needs_run(const SweepDir& dir, const std::string& id, bool retry_failed) {
    const RunState state = dir.state(id);
    return state == RunState::kPending || state == RunState::kDamaged ||
           state == RunState::kWriteFailed || (state == RunState::kFailed && retry_failed);
}

namespace {

// After a write error the disk may not even take the short failure record; the run then stays
// pending, which is also right, so that error is reported and not thrown.
void record_write_failure(const SweepDir& dir, const std::string& id, const std::string& message) {
    try {
        dir.record_write_failure(id, message);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "warning: %s: %s (the run stays pending)\n", id.c_str(), e.what());
    }
}

}  // namespace

RunAttempt execute_run(const Design& design, std::int64_t index, const SweepDir& dir, int threads,
                       const std::atomic<bool>* stop) {
    const RunSpec run = design.run(index);
    dir.clear_for_rerun(run.id);
    RunAttempt attempt;
    const bool branching = design.experiment().history_month > 0;
    if (branching) {
        if (const std::string problem = history_problem(design, dir, run.replicate);
            !problem.empty()) {
            dir.record_failure(run.id, problem);
            return attempt;
        }
    }
    try {
        RunRequest request{design.scenario_for(run),
                           dir.output_path(run.id).string(),
                           design.scenario_text_for(run),
                           threads,
                           {},
                           stop};
        if (branching)
            request.from_state = history_dir(dir).run_file(history_id(run.replicate)).string();
        const RunResult result = run_to_file(request);
        if (!result.completed) {
            attempt.interrupted = true;
            return attempt;
        }
        attempt.ok = true;
        attempt.wall_seconds = result.wall_seconds;
        dir.record_success(run.id, result.wall_seconds);
    } catch (const WriteError& e) {
        attempt = RunAttempt{};
        attempt.write_error = e.what();
        // The run file may be complete while its success record could not be written: it is not
        // done, so remove it; that also frees the space the failure record and manifest need.
        dir.clear_for_rerun(run.id);
        record_write_failure(dir, run.id, e.what());
    } catch (const std::exception& e) {
        // A failed run is recorded and the sweep goes on: one bad combination must not cost the
        // rest.
        dir.record_failure(run.id, describe_error(e));
    }
    return attempt;
}

std::int64_t report_invalid_runs(const Design& design, std::int64_t shown) {
    // Replicates differ only in their seed, so validating replicate 0 of each arm x point suffices.
    const std::int64_t reps = design.experiment().replicates;
    std::int64_t invalid = 0;
    for (std::int64_t i = 0; i < design.size(); i += reps) {
        const RunSpec run = design.run(i);
        try {
            (void)design.scenario_for(run);
        } catch (const std::exception& e) {
            invalid += reps;
            if (shown-- > 0) {
                std::fprintf(stderr, "warning: runs %s (all replicates) will fail: %s\n",
                             run.id.c_str(), describe_error(e).c_str());
            }
        }
    }
    return invalid;
}

namespace {

// What the jobs of a local sweep share: the next index to take, and the reasons to stop taking.
struct LocalJobs {
    LocalJobs(const Design& d, const SweepDir& sweep_dir, const SweepOptions& o,
              detail::Progress& p, int threads_per_job)
        : design(d), dir(sweep_dir), options(o), progress(p), per_job(threads_per_job) {}
    const Design& design;
    const SweepDir& dir;
    const SweepOptions& options;
    detail::Progress& progress;
    int per_job;
    std::atomic<std::int64_t> next{0};
    std::atomic<bool> interrupted{false};
    std::atomic<bool> write_failed{false};
    std::mutex mutex;  // guards the two below
    std::exception_ptr fatal;
    std::string write_error;

    bool stopping() const {
        return interrupted || write_failed || (options.stop && options.stop->load());
    }
    void note_write_error(const std::string& message) {
        std::lock_guard<std::mutex> lock(mutex);
        if (write_error.empty())
            write_error = message;
        write_failed = true;
    }
    void work() {
        // Each job's arena bounds its run's parallelism, so jobs do not steal each other's threads.
        tbb::task_arena arena(per_job);
        try {
            for (std::int64_t i = next++; i < design.size() && !stopping(); i = next++) {
                if (!in_shard(i, options) ||
                    !needs_run(dir, design.run(i).id, options.retry_failed))
                    continue;
                RunAttempt attempt;
                arena.execute(
                    [&] { attempt = execute_run(design, i, dir, per_job, options.stop); });
                if (attempt.interrupted) {
                    interrupted = true;
                    break;
                }
                if (!attempt.write_error.empty())
                    note_write_error(attempt.write_error);
                progress.finished(design.run(i).id, attempt.ok, attempt.wall_seconds);
            }
        } catch (...) {
            // Only bookkeeping I/O gets here; stop everything and report it.
            std::lock_guard<std::mutex> lock(mutex);
            if (!fatal)
                fatal = std::current_exception();
            interrupted = true;
        }
    }
};

}  // namespace

SweepOutcome sweep_local(const Design& design, const SweepDir& dir, const SweepOptions& options) {
    SweepOutcome outcome = count_shard(design, dir, options);
    const std::int64_t todo = outcome.total - outcome.skipped;
    detail::Progress progress(todo, outcome.skipped, options.quiet);
    const int jobs = static_cast<int>(
        std::clamp<std::int64_t>(options.jobs, 1, std::max<std::int64_t>(todo, 1)));
    const int per_job = std::max(1, options.threads / jobs);
    tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(jobs * per_job));
    if (design.experiment().history_month > 0 && todo > 0) {
        outcome.write_error = run_histories(design, dir, options, options.jobs, per_job);
        if (!outcome.write_error.empty() || (options.stop && options.stop->load())) {
            outcome.interrupted = outcome.write_error.empty();
            return outcome;
        }
    }
    LocalJobs shared(design, dir, options, progress, per_job);
    std::vector<std::thread> workers;
    for (int j = 0; j < jobs; ++j)
        workers.emplace_back([&shared] { shared.work(); });
    for (auto& w : workers)
        w.join();
    if (shared.fatal)
        std::rethrow_exception(shared.fatal);
    outcome.ran = progress.done();
    outcome.failed = progress.failed();
    outcome.interrupted = shared.interrupted || (options.stop && options.stop->load());
    outcome.write_error = shared.write_error;
    return outcome;
}

}  // namespace localism::experiment
