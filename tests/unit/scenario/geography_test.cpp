// Geography tables: the format's rules (sorting by council, optional columns), every error
// located at file:line:column, and England's tables as shipped (317 councils, 32,844
// neighbourhoods, 54.7 million people, Birmingham 639).
#include <catch2/catch.hpp>

#include <algorithm>

#include "localism/scenario/geography.hpp"
#include "localism/scenario/validate.hpp"

using namespace localism;
using localism::scenario::InputError;
using localism::scenario::parse_geography;

namespace {

const std::string kCouncils = "id,name,type\nA,Alpha,city\nB,\"Beta, Gamma\",district\n";
const std::string kCommunities =
    "id,council,population,deprivation\nb1,B,1000,0.9\na1,A,2000,0.1\nb2,B,3000,0.5\n";

Geography parse(const std::string& communities, const std::string& councils = kCouncils) {
    return parse_geography(communities, "communities.csv", councils, "councils.csv");
}

// The first diagnostic of tables that must fail.
scenario::Diagnostic first_error(const std::string& communities,
                                 const std::string& councils = kCouncils) {
    try {
        parse(communities, councils);
    } catch (const InputError& e) {
        return e.diagnostics().front();
    }
    FAIL("the tables were accepted");
    return {};
}

}  // namespace

TEST_CASE("geography tables are sorted by council, in file order within each", "[geography]") {
    const Geography g = parse(kCommunities);
    REQUIRE(g.councils.size() == 2);
    CHECK(g.councils[1].name == "Beta, Gamma");
    CHECK(g.council_first == std::vector<std::uint32_t>{0, 1, 3});
    CHECK(g.population == std::vector<std::uint32_t>{2000, 1000, 3000});
    CHECK(g.total_population() == 6000);
    // Absent optional columns: decile 10 - floor(10 x score) (0.1 is the top of decile 9),
    // domains repeat the score, urban.
    CHECK(g.deprivation_decile == std::vector<std::uint8_t>{9, 1, 5});
    CHECK(g.education[1] == Approx(0.9));
    CHECK(g.rural[2] == 0.0f);
}

TEST_CASE("a UTF-8 byte-order mark and CRLF line ends are accepted", "[geography]") {
    const Geography g = parse(
        "\xEF\xBB\xBFid,council,population,deprivation,rural\r\n"
        "a1,A,10,0.2,1\r\nb1,B,20,0.3,0.5\r\n");
    CHECK(g.communities() == 2);
    CHECK(g.rural[1] == 0.5f);
}

TEST_CASE("geography errors name file, line, column and what was expected", "[geography]") {
    SECTION("duplicate community id") {
        const auto d = first_error(kCommunities + "a1,B,5,0.5\n");
        CHECK(d.where.to_string() == "communities.csv:5:1");
        CHECK(d.message == "duplicate community id `a1` (first on line 3)");
    }
    SECTION("unknown council, with the nearest id") {
        const auto d = first_error("id,council,population,deprivation\nx,Bb,1,0.5\na,A,1,0.1\n");
        CHECK(d.where.to_string() == "communities.csv:2:3");
        CHECK(d.hint == "did you mean `B`?");
    }
    SECTION("a council with no communities") {
        const auto d = first_error("id,council,population,deprivation\na1,A,2000,0.1\n");
        CHECK(d.where.to_string() == "councils.csv:3:1");
        CHECK(d.message == "council `B` has no communities in communities.csv");
    }
    SECTION("negative and non-numeric populations") {
        auto d = first_error("id,council,population,deprivation\na,A,-4,0.1\nb,B,1,0.1\n");
        CHECK(d.where.to_string() == "communities.csv:2:5");
        CHECK(d.key_path == "population");
        d = first_error("id,council,population,deprivation\na,A,\"1,296\",0.1\nb,B,1,0.1\n");
        CHECK(d.hint == "remove the thousands separators");
    }
    SECTION("a misspelt column gets a did-you-mean; a missing one is named") {
        auto d = first_error("id,council,populaton,deprivation\n");
        CHECK(d.where.to_string() == "communities.csv:1:12");
        CHECK(d.hint == "did you mean `population`?");
        d = first_error("id,population,deprivation\n");
        CHECK(d.key_path == "council");
        CHECK(d.message.rfind("missing column", 0) == 0);
    }
    SECTION("wrong encodings") {
        CHECK(first_error("\xFF\xFEi\0d\0", kCouncils).message ==
              "the file is UTF-16 (it starts with a UTF-16 byte-order mark)");
        const auto d = first_error(kCommunities + "c\xC3,A,1,0.5\n");
        CHECK(d.where.to_string() == "communities.csv:5:2");
    }
    SECTION("extra columns are attributes; unknown-but-far names are not errors") {
        CHECK(parse("id,council,population,deprivation,msoa_name\na,A,1,0.1,x\nb,B,1,0.2,y\n")
                  .communities() == 2);
    }
}

TEST_CASE("at most kMaxDiagnostics problems are listed per table", "[geography]") {
    std::string rows = "id,council,population,deprivation\n";
    for (int i = 0; i < 500; ++i)
        rows += "c" + std::to_string(i) + ",A,-1,0.5\n";
    try {
        parse(rows);
        FAIL("accepted");
    } catch (const InputError& e) {
        CHECK(e.diagnostics().size() == scenario::kMaxDiagnostics);
    }
}

TEST_CASE("England's shipped geography: 317 councils, 32,844 neighbourhoods, 54.7m people",
          "[geography]") {
    const Geography g =
        scenario::read_geography(std::string(LOCALISM_SOURCE_DIR) + "/data/england/geography");
    CHECK(g.councils.size() == 317);
    CHECK(g.communities() == 32'844);
    CHECK(g.total_population() == 54'728'204);
    const auto birmingham = std::find_if(g.councils.begin(), g.councils.end(),
                                         [](const auto& c) { return c.name == "Birmingham"; });
    REQUIRE(birmingham != g.councils.end());
    const auto k = static_cast<std::size_t>(birmingham - g.councils.begin());
    CHECK(birmingham->id == "E08000025");
    CHECK(birmingham->type == "metropolitan district");
    CHECK(g.council_first[k + 1] - g.council_first[k] == 639);
    // Deciles are the published IMD deciles: each holds a tenth of the neighbourhoods.
    for (int decile = 1; decile <= 10; ++decile) {
        const auto n = std::count(g.deprivation_decile.begin(), g.deprivation_decile.end(),
                                  static_cast<std::uint8_t>(decile));
        CHECK((n == 3284 || n == 3285));
    }
}

TEST_CASE("a scenario's geography sets the counts; a stated count that disagrees is an error",
          "[geography]") {
    const std::string tiny = std::string(LOCALISM_SOURCE_DIR) + "/tests/data/geography/tiny.yaml";
    const Scenario s = scenario::load_scenario(tiny);
    CHECK(s.population.communities == 10);
    CHECK(s.population.councils == 3);
    REQUIRE(s.geography_tables);
    CHECK(s.geography_tables->councils[2].name == "Hill, Dale and Moor");
    // Reading the resolved scenario back gives the same tables (the path is absolute).
    CHECK(scenario::describe(s).find(s.population.geography) != std::string::npos);
    CHECK_THROWS_AS(scenario::load_scenario(tiny, {"population.communities=11"}), InputError);
    CHECK(scenario::load_scenario(tiny, {"population.communities=10"}).population.communities ==
          10);
}
