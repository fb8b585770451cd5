// Internal to the checker: the Checker that check() runs over one expression. It walks the
// tree once, resolving identifiers and typing every node; the calls of built-in functions
// are checked in checker_calls.cpp, everything else in checker.cpp.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commend/expr/checker.hpp"

namespace commend::expr::detail {

inline constexpr Type number_t{Type::number}, bool_t{Type::boolean}, text_t{Type::text},
    set_t{Type::set}, any_t{Type::any};

class Checker {
  public:
    Checker(SourceText& src, const Scope& scope, Diagnostics& diags)
        : src_(src), scope_(scope), diags_(diags) {}

    bool run(Type expected);
    void unsettled_levels(const Expr& e);

  private:
    SourceText& src_;
    const Scope& scope_;
    Diagnostics& diags_;
    bool ok_ = true;
    int time_depth_ = 0; // > 0 inside the first argument of a time function

    void error(const Expr& at, std::string code, std::string message);
    void error_at(int offset, std::string code, std::string message);
    void require(const Expr& e, Type got, Type want, const std::string& what);

    Type visit(Expr& e, int depth);

    Type visit_node(Expr&, NumberLiteral&, int) { return number_t; }
    Type visit_node(Expr&, BoolLiteral&, int) { return bool_t; }
    Type visit_node(Expr&, TextLiteral&, int) { return text_t; }

    // Identifiers (checker.cpp).
    Type visit_node(Expr& e, Identifier& id, int);
    static int level_index(const Scale& s, std::string_view name);
    bool reads_eligible(const Expr& e);
    std::map<const Expr*, bool> let_reads_eligible_; // memo of reads_eligible per let
    std::vector<int> scales_with_level(const std::string& name) const;
    bool is_yearly(const std::string& name) const;
    int yearly_index(const std::string& name) const;
    Type yearly_column_type(const std::string& name) const;
    static Type column_type(const Column& c);

    // Operators (checker.cpp).
    Type visit_node(Expr& e, Unary& u, int depth);
    void settle_level(Expr& side, Type& t, int scale);
    Type visit_node(Expr& e, Binary& b, int depth);
    std::string scale_name(int s) const;

    // Calls (checker_calls.cpp).
    const std::string* text_literal(const Expr& e);
    std::optional<double> number_literal(const Expr& e);
    /// The whole number written at `e` (a literal), at most `max` either way; `what` and
    /// `unit` name it in errors.
    std::optional<int> whole_number(const Expr& e, const std::string& what, bool positive, int max,
                                    const char* unit);
    void bad_year(const Expr& e, const std::string& what);
    void check_window(Call& c, bool allow_window, bool allow_since_only, const Expr& e);
    Type visit_node(Expr& e, Call& c, int depth);
};

} // namespace commend::expr::detail
