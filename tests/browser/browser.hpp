// Headless Chromium for the browser tests: where it is, and running it on a page. The tests
// look at the review as a person would — what the browser puts in the DOM, what it paints,
// whether the page scrolls sideways — rather than at the HTML text.
#pragma once

#include <filesystem>
#include <string>

namespace commend::test {

/// The Chromium binary: $COMMEND_CHROMIUM, else `chromium` or `chromium-browser` on the PATH;
/// empty when there is none (main() then skips the tests).
std::string find_chromium();
/// What main() found.
const std::string& chromium();

/// Runs headless Chromium on `page` with `args` (e.g. "--dump-dom"), its profile in `profile`,
/// stdout to `out`; returns the exit status. A run that hangs is stopped after two minutes.
int run_chromium(const std::filesystem::path& profile, const std::string& args,
                 const std::filesystem::path& page, const std::filesystem::path& out);

} // namespace commend::test
