// `localism plan`, `localism sweep` and `localism collect`: experiments of many runs.
#include <tbb/info.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "commands.hpp"
#include "localism/experiment/collect.hpp"
#include "localism/experiment/plan.hpp"
#include "localism/experiment/run_container.hpp"
#include "localism/experiment/sweep.hpp"
#include "localism/experiment/sweep_growth.hpp"

#ifdef LOCALISM_HAVE_MPI
#include <mpi.h>
#endif

namespace localism::cli {

namespace {

using namespace localism::experiment;

struct SweepCliOptions {
    std::string experiment_path;
    std::string output;
    int jobs = 1;
    int threads = 0;
    std::string shard = "0/1";
    bool retry_failed = false;
    bool quiet = false;
    std::string layout = "auto";  // auto: the directory's layout, files for a new one
};

// MPI is started only under a launcher, so a plain `localism sweep` never needs an MPI runtime.
struct MpiSession {
    int rank = 0;
    int size = 1;
    bool active = false;
    MpiSession() {
#ifdef LOCALISM_HAVE_MPI
        const bool launched = std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMI_SIZE") ||
                              std::getenv("PMIX_RANK");
        if (!launched)
            return;
        int provided = 0;
        MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
        MPI_Comm_rank(MPI_COMM_WORLD, &rank);
        MPI_Comm_size(MPI_COMM_WORLD, &size);
        active = true;
#endif
    }
    ~MpiSession() {
#ifdef LOCALISM_HAVE_MPI
        if (active)
            MPI_Finalize();
#endif
    }
    // Rank 0's verdict on a step every rank must agree on (e.g. the directory is usable).
    bool agree(bool ok) const {
#ifdef LOCALISM_HAVE_MPI
        int flag = ok ? 1 : 0;
        if (active)
            MPI_Bcast(&flag, 1, MPI_INT, 0, MPI_COMM_WORLD);
        return flag != 0;
#else
        return ok;
#endif
    }
};

// The container writer of this process: one per shard (and per MPI rank), so no two processes
// append to the same file.
std::string writer_name(const SweepOptions& options, const MpiSession& mpi) {
    char name[64];
    if (mpi.size > 1)
        std::snprintf(name, sizeof name, "shard-%05lld-rank-%05d",
                      static_cast<long long>(options.shard_index), mpi.rank);
    else
        std::snprintf(name, sizeof name, "shard-%05lld",
                      static_cast<long long>(options.shard_index));
    return name;
}

// A directory keeps the layout it was started with; asking for the other one is an error.
bool choose_layout(SweepDir& dir, const SweepCliOptions& cli, std::string& why) {
    const bool has_runs = std::filesystem::exists(dir.root() / "runs") &&
                          !std::filesystem::is_empty(dir.root() / "runs");
    if (cli.layout == "container" && has_runs) {
        why = dir.root().string() + " holds runs of the file layout; use a new directory";
        return false;
    }
    if (cli.layout == "files" && dir.containers()) {
        why = dir.root().string() + " holds a container-layout sweep (shards/); omit --layout";
        return false;
    }
    return true;
}

bool parse_shard(const std::string& text, SweepOptions& options) {
    const auto slash = text.find('/');
    try {
        if (slash == std::string::npos)
            return false;
        options.shard_index = std::stoll(text.substr(0, slash));
        options.shard_count = std::stoll(text.substr(slash + 1));
    } catch (const std::exception&) {
        return false;
    }
    return options.shard_count >= 1 && options.shard_index >= 0 &&
           options.shard_index < options.shard_count;
}

SweepOutcome run_design(const Design& design, const SweepDir& dir, const SweepOptions& options,
                        const MpiSession& mpi) {
#ifdef LOCALISM_HAVE_MPI
    if (mpi.active)
        return sweep_mpi(design, dir, options, mpi.rank, mpi.size);
#endif
    (void)mpi;
    return sweep_local(design, dir, options);
}

std::string human_size(std::uintmax_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
    return text;
}

void report_collect(const CollectSummary& summary, const std::filesystem::path& dir,
                    std::FILE* out) {
    std::fprintf(out, "manifest: %lld ok, %lld failed, %lld pending -> %s\n",
                 static_cast<long long>(summary.ok), static_cast<long long>(summary.failed),
                 static_cast<long long>(summary.pending), (dir / "manifest.h5").c_str());
    if (summary.damaged > 0) {
        std::fprintf(stderr,
                     "warning: %lld run file(s) changed or damaged since their run, marked "
                     "failed (first: %s)\n",
                     static_cast<long long>(summary.damaged), summary.first_damage.c_str());
    }
}

// After the runs: the manifest (when this invocation covers the whole design) and the exit code.
int finish(const SweepOutcome& outcome, const SweepDir& dir, const SweepOptions& options) {
    if (!options.quiet) {
        std::fprintf(stderr,
                     "sweep: ran %lld, failed %lld, skipped %lld of %lld run(s) in this %s\n",
                     static_cast<long long>(outcome.ran), static_cast<long long>(outcome.failed),
                     static_cast<long long>(outcome.skipped), static_cast<long long>(outcome.total),
                     options.shard_count > 1 ? "shard" : "sweep");
    }
    if (outcome.interrupted) {
        std::fprintf(stderr, "sweep: interrupted; rerun the same command to resume\n");
        return kExitInterrupted;
    }
    if (!outcome.write_error.empty()) {
        std::error_code ec;
        const auto space = std::filesystem::space(dir.root(), ec);
        std::fprintf(stderr,
                     "sweep: stopped starting runs after a write error: %s\n"
                     "sweep: %s free in %s; runs already done are kept: free some space and "
                     "rerun the same command to resume\n",
                     outcome.write_error.c_str(),
                     ec ? "unknown space" : human_size(space.available).c_str(),
                     dir.root().c_str());
    }
    if (options.shard_count > 1)
        return outcome.failed > 0 ? kExitRuntime : kExitOk;
    const CollectSummary summary = collect(dir.root());
    if (!options.quiet || summary.damaged > 0)
        report_collect(summary, dir.root(), stderr);
    return summary.failed > 0 || summary.pending > 0 || !outcome.write_error.empty() ? kExitRuntime
                                                                                     : kExitOk;
}

// A directory whose records do not read (e.g. an inputs.yaml edited by hand) is refused too.
OpenedDir open_dir(const SweepDir& dir, const Design& design) {
    try {
        return open_sweep_dir(dir, design);
    } catch (const std::exception& e) {
        OpenedDir refused;
        refused.why = dir.root().string() + ": cannot use this sweep directory: " + e.what();
        return refused;
    }
}

// Design warnings (e.g. a Sobol size not a power of two) go to stderr; the command goes on.
void print_design_warnings(const Experiment& experiment) {
    for (const auto& w : design_warnings(experiment)) {
        std::cerr << w.where.to_string() << ": warning: `" << w.key_path << "`: " << w.message
                  << (w.hint.empty() ? "" : " (" + w.hint + ")") << "\n";
    }
}

int execute_sweep(const SweepCliOptions& cli) {
    SweepOptions options;
    if (!parse_shard(cli.shard, options)) {
        std::cerr << "--shard: expected I/N with 0 <= I < N, got `" << cli.shard << "`\n";
        return kExitBadInput;
    }
    std::optional<Design> design;
    try {
        design.emplace(load_experiment(cli.experiment_path));
        if (design->experiment().history_month > 0)
            (void)design->history_scenario(0);  // the branch month within the run
    } catch (const std::exception& e) {
        return report_input_error(e);
    }
    const MpiSession mpi;
    if (design->experiment().history_month > 0 && (mpi.size > 1 || options.shard_count > 1)) {
        // Shards or ranks would share the histories, and two writers of one history file race.
        if (mpi.rank == 0)
            std::cerr << "error: " << cli.experiment_path
                      << ": a branching experiment (`history:`) runs with the local sweep only; "
                         "run it without MPI and without --shard (use --jobs)\n";
        return kExitBadInput;
    }
    SweepDir dir(cli.output);
    OpenedDir opened;
    opened.ok = true;
    if (mpi.rank == 0) {
        print_design_warnings(design->experiment());
        opened.ok = choose_layout(dir, cli, opened.why);
        if (opened.ok && cli.layout == "container")
            dir.use_containers("");  // before prepare, which then makes no runs/
        if (opened.ok)
            opened = open_dir(dir, *design);
        if (opened.ok && !opened.growth.empty())
            std::cerr << "sweep: growing " << cli.output << " (" << opened.growth
                      << "): only the new runs are run\n";
        if (opened.ok && !cli.quiet)
            report_invalid_runs(*design, 5);
    }
    if (!mpi.agree(opened.ok)) {
        if (mpi.rank == 0)
            std::cerr << "error: " << opened.why << "\n";
        return kExitBadInput;
    }
    if (cli.layout == "container" || dir.containers() || uses_containers(dir.root())) {
        try {
            dir.use_containers(writer_name(options, mpi));
        } catch (const std::exception& e) {
            std::cerr << "error: " << e.what() << "\n";
            return kExitRuntime;
        }
    }
    options.jobs = cli.jobs;
    // Under MPI each rank is one process per core by convention, so one thread each by default.
    options.threads = cli.threads > 0 ? cli.threads
                      : mpi.size > 1  ? 1
                                      : tbb::info::default_concurrency();
    options.retry_failed = cli.retry_failed;
    options.quiet = cli.quiet;
    options.stop = &install_stop_handler();
    const SweepOutcome outcome = run_design(*design, dir, options, mpi);
    return mpi.rank == 0 ? finish(outcome, dir, options) : kExitOk;
}

int execute_plan(const std::string& path) {
    try {
        const Design design(load_experiment(path));
        if (design.experiment().history_month > 0)
            (void)design.history_scenario(0);  // the branch month within the run
        print_design_warnings(design.experiment());
        const PlanEstimate result = estimate(design);
        print_plan(design, result, tbb::info::default_concurrency(), std::cout);
    } catch (const std::exception& e) {
        return report_input_error(e);
    }
    return kExitOk;
}

int execute_collect(const std::string& dir) {
    if (!std::filesystem::exists(SweepDir(dir).design_file())) {
        std::cerr << dir << ": error: not a sweep directory (no design.yaml)\n";
        return kExitBadInput;
    }
    CollectSummary summary;
    try {
        summary = collect(dir);
    } catch (const scenario::InputError& e) {
        return report_input_error(e);
    }
    report_collect(summary, dir, stdout);
    // The manifest is written either way; the exit code flags data damaged since the run.
    return summary.damaged > 0 ? kExitRuntime : kExitOk;
}

}  // namespace

Command add_plan_command(CLI::App& app) {
    auto path = std::make_shared<std::string>();
    CLI::App* plan = app.add_subcommand(
        "plan", "Show an experiment's runs, parameters, estimated time and disk");
    plan->add_option("experiment", *path, "Experiment YAML file")->required();
    return {plan, [path] { return execute_plan(*path); }};
}

Command add_sweep_command(CLI::App& app) {
    auto options = std::make_shared<SweepCliOptions>();
    CLI::App* sweep =
        app.add_subcommand("sweep", "Run every run of an experiment into a directory (resumable)");
    sweep->add_option("experiment", options->experiment_path, "Experiment YAML file")->required();
    sweep->add_option("-o,--output", options->output, "Sweep directory")->required();
    sweep->add_option("--jobs", options->jobs, "Runs at once on this machine (default 1)")
        ->check(CLI::Range(1, kMaxJobs));
    sweep
        ->add_option("--threads", options->threads,
                     "Threads in total, shared by the jobs (default: all cores)")
        ->check(CLI::Range(1, kMaxThreads));
    sweep->add_option("--shard", options->shard,
                      "Run only runs with index % N == I (I/N, 0-based)");
    sweep->add_flag("--retry-failed", options->retry_failed, "Rerun runs that failed before");
    sweep->add_flag("--quiet", options->quiet, "No progress output");
    sweep
        ->add_option("--layout", options->layout,
                     "files: runs/<id>.h5 per run; container: one append-only file per shard "
                     "(shards/); auto (default): the directory's layout, files when new")
        ->check(CLI::IsMember({"auto", "files", "container"}));
    return {sweep, [options] { return execute_sweep(*options); }};
}

Command add_collect_command(CLI::App& app) {
    auto dir = std::make_shared<std::string>();
    CLI::App* collect_app = app.add_subcommand(
        "collect", "Build DIR/manifest.h5 and manifest.csv from a sweep directory");
    collect_app->add_option("dir", *dir, "Sweep directory")->required();
    return {collect_app, [dir] { return execute_collect(*dir); }};
}

}  // namespace localism::cli
