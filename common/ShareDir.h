// Where an installed gongshi finds the files it ships beside its binary: the admin page and the
// font overrides live in PREFIX/share/gongshi when the binary is PREFIX/bin/gongshi (the Debian
// package: /usr/bin/gongshi and /usr/share/gongshi). A binary run from its build tree has no such
// directory, and the callers fall back to the source tree.
#pragma once

#include <string>

namespace gongshi {

// PREFIX/share/gongshi/<sub> for the running executable when that directory exists, else "".
std::string installedShareDir(const std::string& sub);

} // namespace gongshi
