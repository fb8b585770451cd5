// What `commend record` writes to the award ledger: the awards a committee actually decided
// for a year, compared with the run's selection so that every difference carries a reason.
//
//   YearResult run = evaluate_year(ws, 2021);
//   DecisionInput in{"125-QĐ/ĐUK", "2022-01-18", {}, list};   // list: the committee's CSV
//   auto entries = plan_decision(ws, run, in, store.effective_grants(), diags);
//   if (entries) store.append(*entries, diags);
//
// Without a list, the run's selection is recorded as decided (origin "run"); ties and
// unknowns are not, since only the committee can settle them. With a list (origin "list"),
// the list is the committee's final word for the awards it covers. Each row is one of:
//   - a subject the run selected: recorded as it is;
//   - a subject tied at the cut-off ("tie-resolved"), one whose eligibility is unknown
//     ("unknown-accepted") or any other ("added": a manual addition) — a reason is required;
//   - `excluded = true` for a subject the run selected that the committee left out
//     ("excluded") — a reason is required.
// A selected subject that the list neither grants nor excludes is an error, so that nothing
// the rules chose disappears without a word. The list is a CSV file with the columns
// subject, award, reason (may be empty where no reason is needed) and optionally excluded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commend/data/csv.hpp"
#include "commend/diagnostic.hpp"
#include "commend/run/workspace.hpp"
#include "commend/store/history_store.hpp"

namespace commend {

struct DecisionInput {
    std::string decision;            ///< the decision's reference (required)
    std::string decided_on;          ///< YYYY-MM-DD or empty
    std::vector<std::string> awards; ///< the awards decided; empty = every award in force
    std::optional<CsvTable> list;    ///< the committee's final list, when given
    std::string store = "ledger";    ///< names the ledger in diagnostics (the database file)
};

/// The ledger entries recording the decision (seq, times and hashes left for the store), or
/// nullopt with every problem in `diags` (each list error at its file, line and column).
/// `effective` are the grants already recorded: recording one of them again is an error.
std::optional<std::vector<LedgerEntry>> plan_decision(const Workspace& ws, const YearResult& run,
                                                      const DecisionInput& input,
                                                      const std::vector<LedgerEntry>& effective,
                                                      Diagnostics& diags);

} // namespace commend
