// The HDF5 side of RunFile (internal to sim/src/output): the open file and the checked steps
// every read goes through. run_file.cpp opens files and reads attributes; run_file_series.cpp
// reads series, final values and decile rows.
#pragma once

#include <string>
#include <vector>

#include "hdf5_interface.hpp"
#include "localism/output/run_file.hpp"

namespace localism::output {

// How messages name an object: "/" for the root, otherwise with a leading slash.
inline std::string object_label(const std::string& object) {
    if (object.empty() || object == ".")
        return "/";
    return object.front() == '/' ? object : "/" + object;
}

struct RunFile::Impl {
    std::string path;
    h5::File file;

    [[noreturn]] void bad(const std::string& object, const std::string& problem) const {
        throw RunFileError(path, object_label(object) + ": " + problem);
    }
    // A failed HDF5 call on a file that passed the shape checks (e.g. a damaged chunk).
    template <typename Status>
    Status call(Status status, const std::string& object, const std::string& what) const {
        if (status < 0) {
            const std::string detail = h5::last_error_detail();
            bad(object, what + " failed" + (detail.empty() ? "" : ": " + detail));
        }
        return status;
    }

    // True when every link along `object` exists (H5Lexists needs each parent to exist) and is
    // a hard link: a run file never links to other files, so an external link is not followed.
    bool exists(const std::string& object) const {
        if (object.empty() || object == "/")
            return true;
        for (std::size_t slash = object.find('/');; slash = object.find('/', slash + 1)) {
            const std::string prefix = object.substr(0, slash);
            if (H5Lexists(file.get(), prefix.c_str(), H5P_DEFAULT) <= 0)
                return false;
            H5L_info_t link{};
            if (H5Lget_info(file.get(), prefix.c_str(), &link, H5P_DEFAULT) < 0 ||
                link.type != H5L_TYPE_HARD)
                return false;
            if (slash == std::string::npos)
                return true;
        }
    }
    h5::Object open(const std::string& object) const {
        if (!exists(object))
            bad(object, "no such object");
        const std::string name = object.empty() || object == "/" ? "." : object;
        return h5::Object(call(H5Oopen(file.get(), name.c_str(), H5P_DEFAULT), object, "opening"));
    }
    // A series `group`/`metric` (national/total_need, final/final_active).
    h5::Dataset open_metric(const std::string& metric,
                            const std::string& group = "national") const {
        const std::string object = group + "/" + metric;
        if (metric.empty() || metric.find('/') != std::string::npos)
            bad(object, "not a metric name");
        if (!exists(object))
            bad(object, "no such series");
        h5::Dataset dataset(
            call(H5Dopen2(file.get(), object.c_str(), H5P_DEFAULT), object, "opening the series"));
        return dataset;
    }
    std::vector<double> read_series(const std::string& metric, const std::string& group) const;

    h5::Attribute open_attribute(hid_t object, const std::string& object_name,
                                 const std::string& name) const;
    void require_one_value(const h5::Attribute& attribute, const std::string& where) const;
    std::string read_string(const h5::Attribute& attribute, const std::string& where) const;
    // Checks a series is a 1-D float dataset of at most kMaxSeriesLength, stored so that
    // reading it allocates a bounded amount (series_storage.hpp); returns its length.
    hsize_t series_length(const h5::Dataset& dataset, const h5::Dataspace& space,
                          const std::string& object) const;
};

}  // namespace localism::output
