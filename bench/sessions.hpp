// The benchmark's stages, grouped into sessions that each run in one child process
// (measure.hpp): what one process loads, it measures several stages on.
//
//   yardstick  load the BlocLayout (setup), run the yardstick (median of several runs),
//              write its outcome for the engine session to compare with
//   engine     load from CSV; evaluate the year; compare with the yardstick; explain one
//              subject; audit (when the audit uses the same rules)
//   audit      load from CSV with the audit's rules; audit the years
//   store      load from the history store (made by `commend import` beforehand)
//
// Figure names: "<stage>.seconds", "<stage>.rss_mb" (peak during the stage, loaded data
// included), and a few counts.
#pragma once

#include <string>

#include "measure.hpp"

namespace commend::bench {

struct BenchInput {
    std::string data;        ///< the CSV folder
    std::string rules;       ///< for loading, evaluate and explain
    std::string audit_rules; ///< for the audit (may equal `rules`)
    std::string db;          ///< the history store, for the store session
    std::string work;        ///< a folder for files handed between sessions
    int year = 2021, audit_from = 2012, audit_to = 2021;
    int repeat = 1; ///< evaluate and explain are run this many times; the median counts
};

Figures yardstick_session(const BenchInput& in);
/// `audit`: also audit in this session (when the audit's rules are `rules`).
Figures engine_session(const BenchInput& in, bool audit);
Figures audit_session(const BenchInput& in);
Figures store_session(const BenchInput& in);

/// Where the yardstick session leaves its outcome and the engine session its differences.
std::string yardstick_outcome_path(const BenchInput& in);
std::string differences_path(const BenchInput& in);

} // namespace commend::bench
