// Owned HDF5 identifiers and checked calls (internal to sim/src/output; modelled on OpenMC's
// hdf5_interface.h). Every other file in the project reaches HDF5 through the public headers
// of localism/output, which never expose <hdf5.h> or hid_t.
#pragma once

#include <hdf5.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace localism::h5 {

// Any failed HDF5 call. The message names the file and the object when they are known.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The innermost message of the current thread's HDF5 error stack ("No space left on device"
// rather than "H5Fclose failed"), or "" when the stack is empty. Read it before any further
// HDF5 call, which clears the stack.
std::string last_error_detail();

// Throws Error for a failed call on `location` (any open id, or H5I_INVALID_HID): the message
// is "<file>: <what> (object <path>): <HDF5 detail>".
[[noreturn]] void fail(hid_t location, const std::string& what);

// Status of a call that returns herr_t, htri_t, hssize_t or hid_t: negative means failure.
template <typename Status>
Status check(Status status, hid_t location, const std::string& what) {
    if (status < 0)
        fail(location, what);
    return status;
}

// Stops HDF5 printing its error stack to stderr on this thread: every failure is reported
// once, by the exception built from that stack.
void silence_error_printing();

using CloseFunction = herr_t (*)(hid_t);

// Owns one HDF5 identifier and closes it exactly once. close() reports a failure (a full disk
// shows up when the file is closed); the destructor cannot, so it ignores one. The id is
// released before the close call, so a failed close is never retried on a dead id.
template <CloseFunction Close>
class Id {
  public:
    Id() = default;
    explicit Id(hid_t id) : id_(id) {}
    ~Id() { reset(); }
    Id(Id&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
    Id& operator=(Id&& other) noexcept {
        if (this != &other) {
            reset();
            id_ = std::exchange(other.id_, H5I_INVALID_HID);
        }
        return *this;
    }
    Id(const Id&) = delete;
    Id& operator=(const Id&) = delete;

    hid_t get() const { return id_; }
    bool valid() const { return id_ >= 0; }

    void close(const std::string& what) {
        if (id_ < 0)
            return;
        const hid_t id = std::exchange(id_, H5I_INVALID_HID);
        if (Close(id) < 0)
            fail(H5I_INVALID_HID, what);
    }
    void reset() noexcept {
        if (id_ >= 0)
            Close(std::exchange(id_, H5I_INVALID_HID));
    }

  private:
    hid_t id_ = H5I_INVALID_HID;
};

using File = Id<H5Fclose>;
using Group = Id<H5Gclose>;
using Dataset = Id<H5Dclose>;
using Dataspace = Id<H5Sclose>;
using Datatype = Id<H5Tclose>;
using Attribute = Id<H5Aclose>;
using PropertyList = Id<H5Pclose>;
using Object = Id<H5Oclose>;  // a group or dataset opened by path

// Takes ownership of a freshly created or opened id, or throws when the call failed.
template <typename Handle>
Handle own(hid_t id, hid_t location, const std::string& what) {
    return Handle(check(id, location, what));
}

}  // namespace localism::h5
