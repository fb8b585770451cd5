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

/// The bytes of the rule file at `path` (displayed as `display`), or nullopt with an error
/// when it cannot be read or is larger than the limit (checked before reading it).
std::optional<std::string> read_rule_bytes(const std::string& path, const std::string& display,
                                           Diagnostics& diags);

/// Parses one rule file's text (named `display` in diagnostics); every problem goes to
/// `diags`. Returns nullopt only when the text is too big, not UTF-8, or not TOML at all.
std::optional<FileContents> read_rule_text(std::string_view content, const std::string& display,
                                           Diagnostics& diags);

/// Every id a [[test]] case expects something of is an award or a check of a loaded rule set
/// (test_reader.cpp).
void check_test_ids(const RuleBook& book, Diagnostics& diags);

} // namespace commend::rules
