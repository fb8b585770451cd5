#include "expr/functions.hpp"

namespace commend::expr {

const std::map<std::string, FunctionInfo, std::less<>>& functions() {
    static const std::map<std::string, FunctionInfo, std::less<>> table = {
        {"streak", {Function::streak, 1, 1}},     {"years", {Function::years, 1, 1}},
        {"always", {Function::always, 1, 1}},     {"ever", {Function::ever, 1, 1}},
        {"never", {Function::never, 1, 1}},       {"prev", {Function::prev, 1, 2}},
        {"children", {Function::children, 0, 1}}, {"descendants", {Function::descendants, 0, 1}},
        {"where", {Function::where, 2, 2}},       {"count", {Function::count, 1, 2}},
        {"share", {Function::share, 2, 2}},       {"all", {Function::all, 2, 2}},
        {"any", {Function::any, 2, 2}},           {"none", {Function::none, 2, 2}},
        {"sum", {Function::sum, 2, 2}},           {"avg", {Function::avg, 2, 2}},
        {"min", {Function::min, 2, 2}},           {"max", {Function::max, 2, 2}},
        {"parent", {Function::parent, 1, 1}},     {"awarded", {Function::awarded, 1, 1}},
        {"eligible", {Function::eligible, 1, 1}}, {"if", {Function::if_, 3, 3}},
        {"abs", {Function::abs, 1, 1}},           {"known", {Function::known, 1, 1}},
    };
    return table;
}

bool is_time_function(Function f) {
    return f == Function::streak || f == Function::years || f == Function::always ||
           f == Function::ever || f == Function::never || f == Function::prev;
}

bool is_set_aggregate(Function f) {
    return f == Function::count || f == Function::share || f == Function::all ||
           f == Function::any || f == Function::none || f == Function::sum || f == Function::avg ||
           f == Function::set_min || f == Function::set_max;
}

} // namespace commend::expr
