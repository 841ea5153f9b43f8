// SHA-256 through OpenSSL's libcrypto; see file_checksum.hpp. libcrypto is already in every
// localism process (HDF5 -> libcurl -> libssl), so this adds no new runtime dependency, and a
// cryptographic hash makes an accidental match of a damaged file impossible in practice.
#include "localism/output/file_checksum.hpp"

#include <openssl/evp.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

namespace localism::output {

namespace {

using Context = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;
using Stream = std::unique_ptr<std::FILE, decltype(&std::fclose)>;

std::string hex(const unsigned char* bytes, unsigned length) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < length; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 0xF];
    }
    return out;
}

}  // namespace

FileChecksum checksum_file(const std::filesystem::path& path, std::uintmax_t offset) {
    const Stream in(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!in || (offset > 0 && std::fseek(in.get(), static_cast<long>(offset), SEEK_SET) != 0))
        throw std::runtime_error("cannot read " + path.string() + ": " + std::strerror(errno));
    const Context context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("cannot start SHA-256 for " + path.string());
    FileChecksum checksum;
    std::vector<unsigned char> buffer(std::size_t{1} << 20);
    while (const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), in.get())) {
        EVP_DigestUpdate(context.get(), buffer.data(), got);
        checksum.bytes += got;
    }
    if (std::ferror(in.get()))
        throw std::runtime_error("cannot read " + path.string() + ": " + std::strerror(errno));
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned length = 0;
    if (EVP_DigestFinal_ex(context.get(), digest, &length) != 1)
        throw std::runtime_error("cannot finish SHA-256 for " + path.string());
    checksum.sha256_hex = hex(digest, length);
    return checksum;
}

FileChecksum checksum_bytes(const std::string& bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("cannot compute SHA-256");
    return {hex(digest, length), bytes.size()};
}

}  // namespace localism::output
