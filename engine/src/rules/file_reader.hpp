// Internal to the rules stage: the FileReader that read_rule_file() runs over one parsed TOML
// file. The file's frame — header, shared tables, lets — and the helpers that read one value
// are in toml_reader.cpp; the awards and [ranking] in award_reader.cpp; checks and targets in
// check_target_reader.cpp.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <toml++/toml.h>
#include <vector>

#include "rules/toml_reader.hpp"

namespace commend::rules::detail {

class FileReader {
  public:
    FileReader(std::string display, std::vector<std::string> lines, Diagnostics& diags)
        : display_(std::move(display)), lines_(std::move(lines)), diags_(diags) {}

    FileContents read(const toml::table& root);

  private:
    std::string display_;
    std::vector<std::string> lines_;
    Diagnostics& diags_;

    // Reading one value (toml_reader.cpp).
    SourcePos pos(const toml::source_region& r) const;
    SourcePos pos(const toml::node& n) const;
    void error(const SourcePos& at, std::string code, std::string message);
    void check_keys(const toml::table& t, std::initializer_list<const char*> allowed,
                    const std::string& what);
    const toml::table* as_table(const toml::node& n, const std::string& what);
    template <class F> void for_each_table(const toml::table& root, const char* key, F f);
    std::optional<std::string> string_at(const toml::table& t, const char* key,
                                         const std::string& what, bool required,
                                         SourcePos* where = nullptr);
    /// The index in `words` of the text at `key` (absent: nullopt); any other text is an error
    /// `code` with `message` at the value.
    std::optional<std::size_t> choice_at(const toml::table& t, const char* key,
                                         const std::string& what,
                                         std::initializer_list<const char*> words, const char* code,
                                         const char* message);
    std::optional<int> year_at(const toml::table& t, const char* key, const std::string& what);
    std::vector<std::string> strings_at(const toml::table& t, const char* key,
                                        const std::string& what, bool required);
    SourcePos text_origin(const toml::node& n) const;
    std::optional<expr::SourceText> expression(const toml::node& n, const std::string& what);
    std::optional<expr::SourceText> expression_at(const toml::table& t, const char* key,
                                                  const std::string& what, bool required);

    // The file's frame (toml_reader.cpp).
    void read_header(const toml::table& root, RuleSet& rs);
    void read_shared(const toml::table& root, SharedTables& shared);
    void read_lets(const toml::table& root, RuleSet& rs);

    // Awards and [ranking] (award_reader.cpp).
    std::vector<RankKey> rank_keys(const toml::table& t, const char* key, const std::string& what);
    void read_limit(const toml::node& n, Limit& limit, const std::string& what);
    void read_award(const toml::table& t, RuleSet& rs);
    void read_ranking(const toml::table& t, RuleSet& rs);

    // Checks and targets (check_target_reader.cpp).
    void read_check(const toml::table& t, RuleSet& rs);
    void read_target(const toml::table& t, RuleSet& rs);

    // Test cases (test_reader.cpp).
    void read_test(const toml::table& t, RuleSet& rs);
    std::optional<ruletest::CaseSubject>
    read_case_subject(const toml::table& t, const std::string& what, int depth, bool in_list);
    void read_history(const toml::node& n, ruletest::CaseSubject& s, const std::string& what);
    std::optional<ruletest::CaseValue> cell_value(const toml::node& n, const std::string& what);
};

} // namespace commend::rules::detail
