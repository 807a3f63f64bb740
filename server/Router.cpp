#include "server/Router.h"

namespace gongshi::server {

std::vector<std::string> splitPath(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '/') {
            ++i;
            continue;
        }
        std::size_t j = path.find('/', i);
        if (j == std::string::npos) j = path.size();
        parts.push_back(path.substr(i, j - i));
        i = j;
    }
    return parts;
}

bool isWrite(const std::string& method) { return method == "POST" || method == "PUT" || method == "DELETE" || method == "PATCH"; }

Route& Router::add(std::string method, std::string pattern, Access access, std::string summary, Handler handler) {
    Route r{std::move(method), std::move(pattern), access, std::move(summary), std::move(handler), {}};
    r.parts = splitPath(r.pattern);
    const bool write = isWrite(r.method);
    r.status = r.method == "DELETE" ? 204 : 200;
    r.body = r.method == "POST" || r.method == "PUT" ? Body::Json : Body::None;
    r.csrf = write;
    r.changesScreens = write;
    routes_.push_back(std::move(r));
    return routes_.back();
}

const Route* Router::match(const std::string& method, const std::string& path, std::map<std::string, std::string>& params,
                           bool& pathKnown) const {
    const auto parts = splitPath(path);
    pathKnown = false;
    for (const Route& r : routes_) {
        if (r.parts.size() != parts.size()) continue;
        std::map<std::string, std::string> found;
        bool ok = true;
        for (std::size_t i = 0; i < parts.size() && ok; ++i) {
            const std::string& p = r.parts[i];
            if (p.size() > 2 && p.front() == '{' && p.back() == '}')
                found[p.substr(1, p.size() - 2)] = parts[i];
            else
                ok = p == parts[i];
        }
        if (!ok) continue;
        if (r.method != method) {
            pathKnown = true;
            continue;
        }
        params = std::move(found);
        return &r;
    }
    return nullptr;
}

std::string Router::allowed(const std::string& path) const {
    std::string out;
    for (const char* method : {"GET", "POST", "PUT", "DELETE"}) {
        std::map<std::string, std::string> params;
        bool known = false;
        if (match(method, path, params, known)) out += (out.empty() ? "" : ", ") + std::string(method);
    }
    return out;
}

} // namespace gongshi::server
