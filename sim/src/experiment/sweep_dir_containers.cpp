// The container layout of a sweep directory (run_container.hpp): SweepDir's side.
#include "localism/experiment/run_container.hpp"
#include "localism/experiment/sweep_dir.hpp"

namespace localism::experiment {

namespace fs = std::filesystem;

SweepDir::SweepDir(fs::path root) : root_(std::move(root)) {
    if (uses_containers(root_))
        containers_ = std::make_shared<ContainerStore>(root_);
}

void SweepDir::use_containers(const std::string& writer) {
    fs::create_directories(root_ / "shards");
    fs::create_directories(root_ / "status");
    if (!containers_)
        containers_ = std::make_shared<ContainerStore>(root_);
    if (!writer.empty())
        containers_->open_writer(writer);
}

fs::path SweepDir::output_path(const std::string& id) const {
    return containers_ ? containers_->staging_file(id) : run_file(id);
}

std::string SweepDir::output_relative(const std::string& id) const {
    return containers_ ? containers_->output_relative(id) : "runs/" + id + ".h5";
}

std::optional<RunStatus> SweepDir::container_status(const std::string& id,
                                                    std::vector<double>* metrics) const {
    return containers_->status(id, metrics);
}

void SweepDir::append_to_container(const std::string& id, double wall_seconds) const {
    containers_->append(id, containers_->staging_file(id), wall_seconds);
}

}  // namespace localism::experiment
