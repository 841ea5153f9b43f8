// Sweep progress on stderr: runs done/total, failures and an ETA (internal to experiment/).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>

namespace localism::experiment::detail {

class Progress {
  public:
    Progress(std::int64_t total, std::int64_t skipped, bool quiet) : total_(total), quiet_(quiet) {
        if (!quiet_) {
            std::fprintf(stderr,
                         "sweep: %lld run(s) to do, %lld already done or failed (skipped)\n",
                         static_cast<long long>(total), static_cast<long long>(skipped));
        }
    }
    // Called from several threads (local jobs) or by rank 0 for every reported run.
    void finished(const std::string& id, bool ok, double wall_seconds) {
        std::lock_guard<std::mutex> lock(mutex_);
        ++done_;
        if (!ok)
            ++failed_;
        if (quiet_)
            return;
        const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
        const double eta =
            elapsed / static_cast<double>(done_) * static_cast<double>(total_ - done_);
        std::fprintf(stderr, "sweep: %lld/%lld done, %lld failed; %s %s in %.1f s; ETA %.0f s\n",
                     static_cast<long long>(done_), static_cast<long long>(total_),
                     static_cast<long long>(failed_), id.c_str(), ok ? "ok" : "FAILED",
                     wall_seconds, eta);
    }
    std::int64_t failed() const { return failed_; }
    std::int64_t done() const { return done_; }

  private:
    using Clock = std::chrono::steady_clock;
    std::mutex mutex_;
    std::int64_t total_;
    std::int64_t done_ = 0;
    std::int64_t failed_ = 0;
    bool quiet_;
    Clock::time_point start_ = Clock::now();
};

}  // namespace localism::experiment::detail
