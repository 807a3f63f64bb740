#include "common/ShareDir.h"

#include <filesystem>
#include <system_error>

namespace gongshi {

std::string installedShareDir(const std::string& sub) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec || exe.empty()) return {};
    const fs::path dir = exe.parent_path().parent_path() / "share" / "gongshi" / sub;
    return fs::is_directory(dir, ec) ? dir.string() : std::string();
}

} // namespace gongshi
