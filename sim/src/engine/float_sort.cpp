// Parallel LSD radix sort of float keys: three passes of 11, 11 and 10 bits. The input is split
// into a fixed number of blocks (not one per thread); each pass counts digits per block in
// parallel, turns the counts into output offsets in (digit, block) order, then scatters each
// block in index order. That is a stable sort, and a sorted sequence of keys is unique anyway.
#include "localism/engine/float_sort.hpp"

#include "localism/core/parallel.hpp"

#include <algorithm>
#include <array>

namespace localism {

namespace {

constexpr int kDigitBits = 11;
constexpr std::uint32_t kBuckets = 1u << kDigitBits;
constexpr std::size_t kBlockSize = 1 << 16;
constexpr std::size_t kSerialBelow = 1 << 12;

struct Blocks {
    std::size_t n;
    std::size_t count;
    std::size_t begin(std::size_t b) const { return b * n / count; }
    std::size_t end(std::size_t b) const { return (b + 1) * n / count; }
};

template <typename Body>
void for_each_block(const Blocks& blocks, Body&& body) {
    parallel_range(0, blocks.count, 1, [&](std::size_t begin, std::size_t end) {
        for (std::size_t b = begin; b != end; ++b) {
            body(b);
        }
    });
}

constexpr int kPasses = 3;  // 11 + 11 + 10 bits

std::uint32_t digit(std::uint32_t key, int pass) {
    return (key >> (pass * kDigitBits)) & (kBuckets - 1);
}

// One pass on one digit: counts per block, offsets in (digit, block) order, then a scatter of
// each block in index order. Returns false (and does nothing) when every key has the same
// digit, which is common for the top bits of similar-sized values. Counts are taken per pass
// because the blocks hold different keys after each scatter.
bool radix_pass(const std::vector<std::uint32_t>& in, std::vector<std::uint32_t>& out, int pass,
                const Blocks& blocks, std::vector<std::uint32_t>& counts) {
    counts.assign(blocks.count * kBuckets, 0);
    for_each_block(blocks, [&](std::size_t b) {
        std::uint32_t* count = counts.data() + b * kBuckets;
        for (std::size_t i = blocks.begin(b); i != blocks.end(b); ++i) {
            ++count[digit(in[i], pass)];
        }
    });
    std::size_t offset = 0;
    for (std::uint32_t d = 0; d < kBuckets; ++d) {
        std::size_t digit_total = 0;
        for (std::size_t b = 0; b < blocks.count; ++b) {
            digit_total += counts[b * kBuckets + d];
        }
        if (digit_total == in.size()) {
            return false;
        }
        for (std::size_t b = 0; b < blocks.count; ++b) {
            const std::uint32_t c = counts[b * kBuckets + d];
            counts[b * kBuckets + d] = static_cast<std::uint32_t>(offset);
            offset += c;
        }
    }
    for_each_block(blocks, [&](std::size_t b) {
        std::uint32_t* next = counts.data() + b * kBuckets;
        for (std::size_t i = blocks.begin(b); i != blocks.end(b); ++i) {
            out[next[digit(in[i], pass)]++] = in[i];
        }
    });
    return true;
}

// Below kSerialBelow keys: a serial LSD radix sort on 8-bit digits. std::sort took about a
// tenth of a 1,000-community run (the Gini is taken every month); four counting passes over
// 256 buckets cost a few microseconds. A pass whose digit is the same for every key is skipped.
void serial_radix_sort(std::vector<std::uint32_t>& keys) {
    std::vector<std::uint32_t> scratch(keys.size());
    for (int shift = 0; shift < 32; shift += 8) {
        std::array<std::uint32_t, 257> start{};
        for (const std::uint32_t key : keys)
            ++start[((key >> shift) & 255u) + 1];
        if (std::find(start.begin() + 1, start.end(), keys.size()) != start.end())
            continue;
        for (std::size_t d = 1; d < start.size(); ++d)
            start[d] += start[d - 1];
        for (const std::uint32_t key : keys)
            scratch[start[(key >> shift) & 255u]++] = key;
        keys.swap(scratch);
    }
}

}  // namespace

std::vector<std::uint32_t> sorted_float_keys(std::span<const float> values) {
    const std::size_t n = values.size();
    std::vector<std::uint32_t> keys(n);
    if (n < kSerialBelow) {
        std::transform(values.begin(), values.end(), keys.begin(), float_key);
        serial_radix_sort(keys);
        return keys;
    }
    const Blocks blocks{n, (n + kBlockSize - 1) / kBlockSize};
    for_each_block(blocks, [&](std::size_t b) {
        for (std::size_t i = blocks.begin(b); i != blocks.end(b); ++i)
            keys[i] = float_key(values[i]);
    });
    std::vector<std::uint32_t> scratch(n);
    std::vector<std::uint32_t> counts;
    for (int pass = 0; pass < kPasses; ++pass) {
        if (radix_pass(keys, scratch, pass, blocks, counts)) {
            keys.swap(scratch);
        }
    }
    return keys;
}

}  // namespace localism
