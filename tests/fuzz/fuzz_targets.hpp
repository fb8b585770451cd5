// The bodies of the fuzz targets, shared by the libFuzzer executables (fuzz_*.cpp, built with
// -DCOMMEND_FUZZ=ON) and the unit test that replays the seed corpora and every input a fuzzer
// once crashed on (tests/fuzz/regressions/<target>/), so a fixed crash stays fixed in every
// ordinary test run.
//
// Each takes arbitrary bytes and returns false when the engine broke one of its promises
// without crashing (a refusal without an error, a value of the wrong type, a range upside
// down); the fuzzers abort on false, the unit test fails. Crashes, hangs, leaks and undefined
// behaviour are the sanitizers' and libFuzzer's to catch.
#pragma once

#include <string_view>

#include "commend/expr/value.hpp"

namespace commend::fuzz {

/// The bytes as a CSV file (parse_csv), then as each file of a small data set in turn
/// (subjects.csv, evaluations.csv, awards.csv) loaded against a fixed schema.
bool csv(std::string_view bytes);

/// The bytes as a rule file (load_rules in memory); when it loads, bound to a small fixed
/// data set, its evaluation budget checked, and — when cheap — every year evaluated,
/// explained and ranked.
bool rules(std::string_view bytes);

/// The bytes as one expression: parsed, checked against a fixed schema with [let] names, its
/// cost and height estimated, and — when cheap — evaluated for every subject of a small data
/// set in three years, traced once; the batch evaluator must give the walker's values to the
/// bit, over subject lists in and out of order, with the subjects numbered in preorder or not.
bool expression(std::string_view bytes);

/// Two values alike bit for bit: the same kind; numbers with the same bits (any NaN alike);
/// levels, truths, texts and sets equal. How the expression target and the batch tests
/// compare the batch evaluator with the tree walker.
bool same_bits(const expr::Value& a, const expr::Value& b);

} // namespace commend::fuzz
