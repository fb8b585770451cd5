// Every limit the engine enforces on its input, in one place. Rule files are written by people
// and data comes out of spreadsheets — and now and then from someone hostile — so each size
// that could exhaust memory, the stack or the machine's time is checked, and going over it is
// an input error at the place it happens (exit 2), never a crash or a hang.
//
// docs/limits.md lists each limit with its value, the message it gives and why it is there;
// keep the two in step.
#pragma once

#include <cstddef>
#include <cstdint>

namespace commend::limits {

// ---- CSV data (engine/src/data) -------------------------------------------------------

/// Bytes in one CSV file. Cell text is stored with 32-bit offsets (CsvTable), so a bigger
/// file could not be loaded anyway; checked before the file is read.
constexpr std::uint64_t csv_file_bytes = 0xFFFFFFFFull; // 4 GiB less one byte
/// Physical lines in one CSV file: line numbers are 32-bit, and 100 million rows are ten
/// times a nation's evaluations for ten years.
constexpr int csv_lines = 100'000'000;
/// Bytes in one row (one line, or several when a quoted cell holds line breaks). Real rows
/// are a few hundred bytes; a longer one is a broken or foreign file, and stopping early keeps
/// it from being normalized and stored.
constexpr std::size_t csv_row_bytes = 1u << 20; // 1 MiB
/// Columns of one CSV file (header cells).
constexpr std::size_t csv_columns = 1000;
/// Subjects in subjects.csv (subject numbers are 32-bit; 10 million is ten times the party
/// members of a large province).
constexpr std::size_t subjects = 10'000'000;
/// Levels of the organization tree below a root. Grouping by the nearest ancestor of a kind
/// walks up the tree for every subject; real trees are a handful of levels deep.
constexpr int tree_depth = 100;
/// Values a yearly column holds: subjects × the years from the data set's first year to its
/// last. Yearly columns are dense, so this bounds their memory (500 million is 4 GB for a
/// number column); a stray year such as `from = 1900` is the usual way to hit it.
constexpr std::uint64_t yearly_cells = 500'000'000;
/// Years are written with 1 to 4 digits (SPEC §2), so 0 to 9999; --year, --from and --to
/// and the rules' in_force years take the same range.
constexpr int first_year = 0, last_year = 9999;

// ---- rule files (engine/src/rules, engine/src/expr) ----------------------------------------

/// Bytes in one rule file; checked before reading it.
constexpr std::size_t rule_file_bytes = 8u << 20; // 8 MiB
/// Rule files loaded at once (the *.toml files of a --rules folder).
constexpr std::size_t rule_files = 500;
/// [[award]], [[check]], [[target]] tables and [let] names in one file, each.
constexpr std::size_t items_per_file = 2000;
/// Awards, checks and targets of every loaded file together, each.
constexpr std::size_t items_in_all_files = 10'000;
/// Bytes in one expression; longer ones belong in [let] names.
constexpr std::size_t expression_bytes = 4096;
/// Nesting of one expression (brackets, calls, `not`, unary minus), and of [let] names
/// referring to [let] names: the parser, checker and evaluator recurse, and this keeps them
/// far from the end of the stack.
constexpr int expression_depth = 64;
/// How deep evaluating one expression may recurse: the height of its tree with the [let]
/// names it uses written out (a chain `a + b + c` is one level per operator). Keeps the
/// evaluator far from the end of an 8 MiB stack, sanitizers included.
constexpr int evaluation_depth = 1000;
/// Years in one window: `last = N`, `past = N`, `from = A, to = B`, `prev(x, N)`.
constexpr int window_years = 1000;

/// Places of an award's limit (`limit = N`, `max = N`, `min = N`): ten million is every
/// member of a large party; more is a typo, and would not fit the counts.
constexpr int places = 10'000'000;

// ---- [[test]] cases of a rule file (engine/src/rules/test_reader.cpp, ruletest/case_data.cpp) --

/// Subjects nested in a case (parent of parent…, children of children…).
constexpr int test_case_nesting = 8;
/// Subjects alike in one `count`.
constexpr std::int64_t test_case_count = 10'000;
/// Subjects of one case; a case that needs more belongs in a data folder.
constexpr std::size_t test_case_subjects = 100'000;
/// Rows of one case's evaluations: its subjects' years together. A few lines of TOML — ten
/// thousand subjects alike, from the year 0 — would otherwise ask for a hundred million rows.
constexpr std::size_t test_case_rows = 1'000'000;

// ---- evaluation (engine/src/expr/cost.cpp) --------------------------------------------------

/// The estimated work of evaluating one year, in evaluation steps (roughly one node of an
/// expression for one subject in one year), above which rules are refused once the data is
/// known. Calibrated so that the ceiling takes about 10 s on the reference machine; it grows
/// with the data: `evaluation_steps_per_100k_subjects` for every 100,000 subjects, and never
/// less than that (see docs/limits.md).
constexpr double evaluation_steps_per_100k_subjects = 3.0e8;

} // namespace commend::limits
