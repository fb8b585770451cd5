// `commend audit` and `commend record` (SPEC §6; the history store).
#include "cli.hpp"

namespace commend::cli {

void add_audit_commands(CLI::App&, Commands&) {}

} // namespace commend::cli
