// The admin page's files. Paths are decoded, then must stay inside the web directory after
// resolving "..", symbolic links and the like: anything else is 404, never a file elsewhere.
#include "common/Messages.h"
#include "server/ApiContext.h"
#include "server/HttpError.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace gongshi::server {
namespace {

namespace fs = std::filesystem;

std::string contentType(const fs::path& p) {
    const std::string ext = p.extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json") return "application/json; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    return "application/octet-stream";
}

} // namespace

void serveStatic(Exchange& ex, const std::string& webDir) {
    std::string rel = ex.path(); // already percent-decoded by Poco::URI
    if (rel == "/" || rel.empty())
        rel = "/index.html";
    else if (rel == "/window" || rel == "/window/")
        rel = "/window.html";
    else if (rel.rfind("/player/", 0) == 0 && rel.find('/', 8) == std::string::npos)
        rel = "/player.html"; // /player/{id}
    if (rel.find('\0') != std::string::npos || rel.find('\\') != std::string::npos) throw HttpError(404, msg::noSuchPage(ex.path()));
    std::error_code ec;
    const fs::path root = fs::canonical(webDir, ec);
    if (ec) throw HttpError(404, msg::adminPageMissing(webDir));
    const fs::path file = fs::weakly_canonical(root / fs::path(rel).relative_path(), ec);
    if (ec) throw HttpError(404, msg::noSuchPage(ex.path()));
    auto [r, f] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    if (r != root.end() || !fs::is_regular_file(file, ec)) throw HttpError(404, msg::noSuchPage(ex.path()));
    std::ifstream in(file, std::ios::binary);
    if (!in) throw HttpError(404, msg::noSuchPage(ex.path()));
    std::ostringstream s;
    s << in.rdbuf();
    ex.response.set("Cache-Control", "no-cache");
    if (ex.method() == "HEAD") {
        ex.response.setContentType(contentType(file));
        ex.response.setContentLength(static_cast<std::streamsize>(s.str().size()));
        ex.response.send();
        return;
    }
    ex.sendBytes(200, contentType(file), s.str());
}

} // namespace gongshi::server
