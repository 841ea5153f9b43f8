// Reading untrusted input files within limits; see input_limits.hpp.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "localism/scenario/input_limits.hpp"

namespace localism::scenario {

namespace {

std::string kind_of(mode_t mode) {
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a pipe (FIFO)";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

Diagnostic file_error(const std::string& path, std::string message, std::string hint) {
    return {{path, 0, 0}, "", std::move(message), std::move(hint)};
}

// Owns a file descriptor so every early return closes it.
struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0)
            ::close(fd);
    }
};

}  // namespace

bool read_input_file(const std::string& path, std::string& text, std::vector<Diagnostic>& errors) {
    return read_input_file(path, text, errors, InputFileKind{});
}

bool read_input_file(const std::string& path, std::string& text, std::vector<Diagnostic>& errors,
                     const InputFileKind& kind) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat on the open descriptor then
    // decides, so the file cannot be swapped between the check and the read.
    const Fd file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
    if (file.fd < 0) {
        const int why = errno;
        errors.push_back(file_error(path,
                                    "cannot open the file (" + std::string(strerror(why)) + ")",
                                    why == ENOENT ? "check the path" : "check its permissions"));
        return false;
    }
    struct stat info {};
    if (::fstat(file.fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        errors.push_back(file_error(path,
                                    "is " + kind_of(info.st_mode) + ", expected " + kind.expected,
                                    "give the path of a regular file"));
        return false;
    }
    const auto cap = kind.max_bytes;
    if (static_cast<std::size_t>(info.st_size) > cap) {
        errors.push_back(file_error(path,
                                    "the file is " + std::to_string(info.st_size) +
                                        " bytes, more than the limit of " + std::to_string(cap),
                                    kind.limit_hint));
        return false;
    }
    // The size can change after fstat: read at most cap + 1 bytes and judge by what arrived.
    text.assign(cap + 1, '\0');
    std::size_t got = 0;
    while (got < text.size()) {
        const ssize_t n = ::read(file.fd, text.data() + got, text.size() - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            errors.push_back(file_error(
                path, "cannot read the file (" + std::string(strerror(errno)) + ")", ""));
            return false;
        }
        if (n == 0)
            break;
        got += static_cast<std::size_t>(n);
    }
    text.resize(got);
    if (got > cap) {
        errors.push_back(file_error(
            path,
            "the file grew beyond the limit of " + std::to_string(cap) + " bytes while being read",
            ""));
        return false;
    }
    return true;
}

std::size_t first_invalid_utf8(const std::string& text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t at = 0;
    while (at < size) {
        const unsigned char lead = bytes[at];
        std::size_t length = 0;
        unsigned int low = 0x80, high = 0xBF;  // allowed range of the second byte
        if (lead < 0x80) {
            length = 1;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            low = lead == 0xE0 ? 0xA0 : 0x80;   // no overlong forms
            high = lead == 0xED ? 0x9F : 0xBF;  // no UTF-16 surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return at;
        }
        if (at + length > size)
            return at;
        for (std::size_t k = 1; k < length; ++k) {
            const unsigned int byte = bytes[at + k];
            if (k == 1 ? (byte < low || byte > high) : (byte < 0x80 || byte > 0xBF))
                return at;
        }
        at += length;
    }
    return std::string::npos;
}

}  // namespace localism::scenario
