#pragma once
// Routes: (method, path pattern with {name} segments) -> handler, with who may call it and a
// summary the OpenAPI description is made from. Poco has no router of its own.
#include "server/Exchange.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace gongshi::server {

enum class Access {
    Public,  // anyone
    Session, // any logged-in user (the handler may narrow it, e.g. a window's own status)
    Editor,  // editor or admin
    Admin,
};

using Handler = std::function<void(Exchange&)>;

struct Route {
    std::string method;
    std::string pattern; // "/api/matters/{id}"
    Access access = Access::Public;
    std::string summary;
    Handler handler;
    std::vector<std::string> parts;
};

class Router {
public:
    void add(std::string method, std::string pattern, Access access, std::string summary, Handler handler);

    // The route for `method` and `path`, with its {name} segments put in `params`; nullptr when
    // none. `pathKnown` says whether some route has this path under another method (405).
    const Route* match(const std::string& method, const std::string& path, std::map<std::string, std::string>& params,
                       bool& pathKnown) const;
    // The methods some route takes on `path`, comma separated ("GET, PUT, DELETE").
    std::string allowed(const std::string& path) const;
    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

std::vector<std::string> splitPath(const std::string& path);

} // namespace gongshi::server
