#pragma once
#include <string>

namespace gongshi::test {

// True when the run was asked to rewrite golden files (--update-golden or GONGSHI_UPDATE_GOLDEN=1).
bool updateGolden();
// The project's source directory (for tests/golden and tests/data).
std::string sourceDir();

} // namespace gongshi::test
