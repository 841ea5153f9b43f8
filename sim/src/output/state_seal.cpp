// Seals files that carry a saved state; see state_seal.hpp.
#include "state_seal.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "localism/output/file_checksum.hpp"

namespace localism::output_detail {

namespace {

using Block = std::array<char, kSealBytes>;
using Stream = std::unique_ptr<std::FILE, decltype(&std::fclose)>;

constexpr const char kMagic[] = "localism state seal 1\nsha256 ";

// The user block of a file whose bytes after it hash to `sha256_hex`: the magic line, the hex
// digest and a newline, then zeros.
Block seal_block(const std::string& sha256_hex) {
    Block block{};
    const std::string text = kMagic + sha256_hex + "\n";
    std::copy(text.begin(), text.end(), block.begin());
    return block;
}

// The first kSealBytes of `path` (fewer when the file is shorter; the rest stays zero) and how
// many there were.
std::size_t read_block(const std::string& path, Block& block) {
    const Stream in(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!in)
        throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
    block.fill(0);
    const std::size_t got = std::fread(block.data(), 1, block.size(), in.get());
    if (std::ferror(in.get()))
        throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
    return got;
}

bool starts_with_magic(const Block& block) {
    return std::memcmp(block.data(), kMagic, sizeof kMagic - 1) == 0;
}

}  // namespace

void seal_file(const std::string& path) {
    Block block{};
    const bool reserved = read_block(path, block) == kSealBytes &&
                          (starts_with_magic(block) ||
                           std::all_of(block.begin(), block.end(), [](char c) { return c == 0; }));
    if (!reserved)
        throw std::runtime_error("cannot seal " + path + ": no user block reserved for the seal");
    block = seal_block(output::checksum_file(path, kSealBytes).sha256_hex);
    const Stream out(std::fopen(path.c_str(), "r+b"), &std::fclose);
    if (!out || std::fwrite(block.data(), 1, block.size(), out.get()) != block.size() ||
        std::fflush(out.get()) != 0)
        throw std::runtime_error("cannot seal " + path + ": " + std::strerror(errno));
}

Seal check_seal(const std::string& path) {
    Block block{};
    const std::size_t got = read_block(path, block);
    if (!starts_with_magic(block))
        return Seal::kNone;
    const auto contents = output::checksum_file(path, kSealBytes);
    if (got != kSealBytes || block != seal_block(contents.sha256_hex))
        throw std::runtime_error(
            "damaged: its contents differ from the ones sealed when the state was saved (the "
            "SHA-256 in its first " +
            std::to_string(kSealBytes) +
            " bytes does not match; the file was changed, cut short or corrupted after it was "
            "written)");
    return Seal::kIntact;
}

}  // namespace localism::output_detail
