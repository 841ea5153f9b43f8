// Running the runs of a design into a sweep directory: on this machine with several runs at
// once, or across MPI ranks with dynamic load balancing. A run's output depends only on its
// scenario and seed, so where and alongside what it runs never changes its numbers.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "localism/experiment/design.hpp"
#include "localism/experiment/sweep_dir.hpp"

namespace localism::experiment {

struct SweepOptions {
    int jobs = 1;     // concurrent runs (local sweeps)
    int threads = 1;  // TBB threads in total, shared out between the jobs
    std::int64_t shard_index = 0;
    std::int64_t shard_count = 1;
    bool retry_failed = false;
    bool quiet = false;
    const std::atomic<bool>* stop = nullptr;  // set by a signal handler; may be null
};

struct SweepOutcome {
    std::int64_t total = 0;    // runs in this shard
    std::int64_t skipped = 0;  // already complete (or failed, without --retry-failed)
    std::int64_t ran = 0;
    std::int64_t failed = 0;  // failed in this invocation
    bool interrupted = false;
    // The first write error (e.g. a full disk): no new run was started after it.
    std::string write_error;
};

// Whether this shard owns run `index`, and whether it still needs running (pending, damaged,
// failed to write, or failed with `retry_failed`).
bool in_shard(std::int64_t index, const SweepOptions& options);
bool needs_run(const SweepDir& dir, const std::string& id, bool retry_failed);

// Runs of this shard (total) and those already complete or failed (skipped); nothing is run.
SweepOutcome count_shard(const Design& design, const SweepDir& dir, const SweepOptions& options);

struct RunAttempt {
    bool ok = false;
    bool interrupted = false;
    double wall_seconds = 0.0;
    std::string write_error;  // the run's output (or its record) could not be written
};
// Runs one design run into `dir`, recording success or failure (never throws for a run-level
// problem: a bad parameter combination or a runtime error becomes status/<id>.failed). A write
// error is recorded too when the disk still takes the record, and returned so that the caller
// stops scheduling: with a full disk every later run would fail the same way.
RunAttempt execute_run(const Design& design, std::int64_t index, const SweepDir& dir, int threads,
                       const std::atomic<bool>* stop);

// Branching experiments (`history: {month: M}`): replicate r's shared history is the run file
// DIR/history/runs/r<r>.h5 (status in DIR/history/status/), run to month M with its state saved;
// every arm run of replicate r continues from it.
SweepDir history_dir(const SweepDir& dir);
std::string history_id(std::int64_t replicate);
// Runs the histories that pending runs of this shard need and that are not complete (a damaged
// one is rerun), `jobs` at a time; returns the first write error, or "".
std::string run_histories(const Design& design, const SweepDir& dir, const SweepOptions& options,
                          int jobs, int per_job);
// Why replicate r's runs cannot continue its history (failed or missing), or "" when it is done.
std::string history_problem(const Design& design, const SweepDir& dir, std::int64_t replicate);

// Runs every pending run of the shard on this machine, `jobs` at a time.
SweepOutcome sweep_local(const Design& design, const SweepDir& dir, const SweepOptions& options);

// Counts, for progress and the plan, the runs whose scenario fails validation; prints the first
// few messages to stderr. Runs that fail validation are recorded as failed when reached.
std::int64_t report_invalid_runs(const Design& design, std::int64_t shown);

#ifdef LOCALISM_HAVE_MPI
// Rank 0 hands out run indices on request; the other ranks run them. With one rank it runs
// locally. Returns the same outcome on rank 0; other ranks return their own counts.
SweepOutcome sweep_mpi(const Design& design, const SweepDir& dir, const SweepOptions& options,
                       int rank, int size);
#endif

}  // namespace localism::experiment
