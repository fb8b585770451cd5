// `commend import | export | verify | revoke`: the history store's own commands.
#include "cli.hpp"

namespace commend::cli {

void add_store_commands(CLI::App&, Commands&) {}

} // namespace commend::cli
