// Reads one TOML rule file into a RuleSet plus the schema parts it declares. Internal to the
// rules stage: load_rules() merges the files and checks them together.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commend/rules/ruleset.hpp"

namespace commend::rules {

/// The parts of one file that are shared by every loaded rule set (SPEC §3).
struct SharedTables {
    struct ScaleDecl {
        Scale scale;
        SourcePos pos;
    };
    std::vector<ScaleDecl> scales;
    struct AliasDecl {
        std::string alias, level;
        SourcePos pos;
    };
    std::vector<AliasDecl> aliases;
    struct ColumnDecl {
        std::string name;
        std::string type; ///< flag | number | text | a scale's name
        std::optional<std::string> missing;
        enum class MissingKind { boolean, number, text } missing_kind = MissingKind::text;
        SourcePos missing_pos;
        SourcePos pos, type_pos;
    };
    std::vector<ColumnDecl> columns;
    std::map<std::string, std::string> labels;
};

struct FileContents {
    std::unique_ptr<RuleSet> ruleset;
    SharedTables shared;
};

/// Parses `path` (displayed as `display`); every problem goes to `diags`. Returns nullopt
/// only when the file cannot be read or is not TOML at all.
std::optional<FileContents> read_rule_file(const std::string& path, const std::string& display,
                                           Diagnostics& diags);

/// Every id a [[test]] case expects something of is an award or a check of a loaded rule set
/// (test_reader.cpp).
void check_test_ids(const RuleBook& book, Diagnostics& diags);

} // namespace commend::rules
