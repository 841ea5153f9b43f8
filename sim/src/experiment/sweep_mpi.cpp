// Distributing a design's runs over MPI ranks: rank 0 hands out run indices one at a time as
// ranks ask, so long and short runs balance themselves; see sweep.hpp.
#ifdef LOCALISM_HAVE_MPI
#include <mpi.h>
#include <tbb/global_control.h>

#include <algorithm>

#include "localism/experiment/sweep.hpp"
#include "progress.hpp"

namespace localism::experiment {

namespace {

constexpr int kTagReport = 1;  // worker -> rank 0: {finished index or -1, status, wall seconds}
constexpr int kTagWork = 2;    // rank 0 -> worker: next index, or -1 to stop
constexpr double kNone = 0.0, kOk = 1.0, kFailed = 2.0, kInterrupted = 3.0, kWriteFailed = 4.0;

// The worker's message when the disk still took it, else a pointer to the run.
std::string write_error_of(const SweepDir& dir, const std::string& id) {
    const std::string recorded = dir.status(id).message;
    return recorded.empty() ? "run " + id + " could not write its output" : recorded;
}

// Rank 0: answers every request with the next pending index until none is left and every
// worker has been told to stop.
SweepOutcome coordinate(const Design& design, const SweepDir& dir, const SweepOptions& options,
                        int size) {
    SweepOutcome outcome;
    std::vector<std::int64_t> todo;  // indices only: small next to the design's points
    for (std::int64_t i = 0; i < design.size(); ++i) {
        if (!in_shard(i, options))
            continue;
        ++outcome.total;
        if (needs_run(dir, design.run(i).id, options.retry_failed))
            todo.push_back(i);
    }
    outcome.skipped = outcome.total - static_cast<std::int64_t>(todo.size());
    detail::Progress progress(static_cast<std::int64_t>(todo.size()), outcome.skipped,
                              options.quiet);
    std::size_t next = 0;
    int active = size - 1;
    while (active > 0) {
        double report[3];
        MPI_Status status;
        MPI_Recv(report, 3, MPI_DOUBLE, MPI_ANY_SOURCE, kTagReport, MPI_COMM_WORLD, &status);
        const auto finished = static_cast<std::int64_t>(report[0]);
        if (finished >= 0 && report[1] == kInterrupted)
            outcome.interrupted = true;
        if (finished >= 0 && report[1] != kInterrupted) {
            progress.finished(design.run(finished).id, report[1] == kOk, report[2]);
        }
        if (finished >= 0 && report[1] == kWriteFailed && outcome.write_error.empty())
            outcome.write_error = write_error_of(dir, design.run(finished).id);
        const bool stopping = outcome.interrupted || !outcome.write_error.empty() ||
                              (options.stop && options.stop->load());
        std::int64_t work = -1;
        if (!stopping && next < todo.size())
            work = todo[next++];
        if (work < 0)
            --active;
        MPI_Send(&work, 1, MPI_INT64_T, status.MPI_SOURCE, kTagWork, MPI_COMM_WORLD);
    }
    outcome.ran = progress.done();
    outcome.failed = progress.failed();
    outcome.interrupted = outcome.interrupted || (options.stop && options.stop->load());
    return outcome;
}

SweepOutcome work(const Design& design, const SweepDir& dir, const SweepOptions& options) {
    SweepOutcome outcome;
    tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(std::max(1, options.threads)));
    double report[3] = {-1.0, kNone, 0.0};
    for (;;) {
        MPI_Send(report, 3, MPI_DOUBLE, 0, kTagReport, MPI_COMM_WORLD);
        std::int64_t index = -1;
        MPI_Recv(&index, 1, MPI_INT64_T, 0, kTagWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (index < 0)
            break;
        const RunAttempt attempt = execute_run(design, index, dir, options.threads, options.stop);
        ++outcome.ran;
        if (!attempt.ok && !attempt.interrupted)
            ++outcome.failed;
        report[0] = static_cast<double>(index);  // exact: run indices are far below 2^53
        report[1] = attempt.interrupted            ? kInterrupted
                    : attempt.ok                   ? kOk
                    : !attempt.write_error.empty() ? kWriteFailed
                                                   : kFailed;
        report[2] = attempt.wall_seconds;
    }
    return outcome;
}

}  // namespace

SweepOutcome sweep_mpi(const Design& design, const SweepDir& dir, const SweepOptions& options,
                       int rank, int size) {
    if (size == 1)
        return sweep_local(design, dir, options);
    return rank == 0 ? coordinate(design, dir, options, size) : work(design, dir, options);
}

}  // namespace localism::experiment
#endif
