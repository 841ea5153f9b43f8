// Catch2 v2 test runner entry point for all unit, integration and validation tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
