// libFuzzer target: arbitrary bytes as a communities.csv against a fixed three-council
// councils.csv; bytes after a 0x1E byte are councils.csv instead. Any outcome but an
// InputError or a geography whose councils each own a non-empty range is a finding.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "localism/scenario/geography.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const auto split = bytes.find('\x1E');
    const std::string communities = bytes.substr(0, split);
    const std::string councils = split == std::string::npos
                                     ? std::string("id,name,type\nC1,a,x\nC2,b,y\nC3,\"c, d\",z\n")
                                     : bytes.substr(split + 1);
    try {
        const auto g = localism::scenario::parse_geography(communities, "communities.csv", councils,
                                                           "councils.csv");
        if (g.council_first.size() != g.councils.size() + 1 ||
            g.council_first.back() != g.communities())
            std::abort();
        for (std::size_t k = 0; k < g.councils.size(); ++k) {
            if (g.council_first[k + 1] <= g.council_first[k])
                std::abort();  // an empty council must have been refused
        }
    } catch (const localism::scenario::InputError&) {
        // a clean rejection
    }
    return 0;
}
