// The one Catch2 main of the unit tests; every other file here holds the tests of one stage.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
