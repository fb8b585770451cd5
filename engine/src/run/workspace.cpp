#include "commend/run/workspace.hpp"

#include "commend/rules/binding.hpp"

namespace commend {

std::optional<Workspace> open_workspace(const std::string& rules_path, DataSource* source,
                                        Diagnostics& diags) {
    Diagnostics rule_diags;
    auto rules = load_rules(rules_path, rule_diags);
    // With data at hand, "taken to be a data column" warnings are settled by binding (the
    // column exists, or it is an error), so they are only passed on without data.
    for (const auto& d : rule_diags.items())
        if (!source || d.code != "expr.undeclared-column") diags.add(d);
    if (!rules) return std::nullopt; // evaluation never starts on rules that failed a check
    Workspace ws;
    ws.rules = std::move(*rules);
    if (!source) return ws;
    Diagnostics data_diags;
    auto data = source->load(ws.rules.schema, data_diags);
    data_diags.sort();
    diags.append(data_diags);
    if (!data) return std::nullopt;
    ws.data = std::move(*data);
    if (!bind_rules(ws.rules, ws.data, diags)) return std::nullopt;
    ws.forest = std::make_unique<SubjectForest>(ws.data);
    return ws;
}

} // namespace commend
