#pragma once
// Routes: (method, path pattern with {name} segments) -> handler, with who may call it and a
// summary the OpenAPI description is made from. Poco has no router of its own.
#include "server/Exchange.h"

#include <deque>
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

// What a route's request carries.
enum class Body {
    None,  // GET and DELETE
    Json,  // a JSON object (POST and PUT unless declared otherwise)
    Image, // a JPEG or PNG picture, up to the upload limit (415 for any other type)
    Sheet, // a CSV file or an Excel workbook (.xlsx), up to the upload limit (415 for any other type)
};

// A route and its properties. Router::add sets them from the method; a route that differs says
// so where it is added (`r.add(...).created()`), and the dispatcher and the OpenAPI description
// read them here, never from the path.
struct Route {
    std::string method;
    std::string pattern; // "/api/matters/{id}"
    Access access = Access::Public;
    std::string summary;
    Handler handler;
    std::vector<std::string> parts;

    int status = 200;            // the answer when all goes well (Exchange::reply): 201, 204 for DELETE
    Body body = Body::None;      // what the request carries
    bool csrf = false;           // writes carry the X-CSRF-Token of their session
    bool changesScreens = false; // a success wakes the scheduler (writes of records)
    bool sameOrigin = false;     // the Origin is checked even for a GET (a WebSocket)
    std::string answers = "application/json";
    std::string imageField = "photo"; // Body::Image: the field a 415 names
    std::string tokenScope = "";      // set: a machine's `Authorization: Bearer` token of this scope may call it (server/ApiTokens)
    bool countyOnly = false;          // what spans every centre (backups, alerts, tokens, the calendar): not for a centre's users

    // It creates a record: 201.
    Route& created() {
        status = 201;
        return *this;
    }
    // Logging in: there is no session, hence no CSRF token, yet.
    Route& withoutCsrf() {
        csrf = false;
        return *this;
    }
    // A write that changes nothing a screen shows (a session, a user, an ad-hoc render).
    Route& leavesScreens() {
        changesScreens = false;
        return *this;
    }
    // `field`: what a refused type is reported against ("photo" for a staff photo, "file").
    Route& takesImage(std::string field = "photo") {
        body = Body::Image;
        imageField = std::move(field);
        return *this;
    }
    Route& takesSheet() {
        body = Body::Sheet;
        return *this;
    }
    Route& webSocket() {
        sameOrigin = true;
        return *this;
    }
    // A machine's token of `scope` may call it instead of a session (no CSRF then).
    Route& acceptsToken(std::string scope) {
        tokenScope = std::move(scope);
        return *this;
    }
    // It spans every centre: a user of one centre is refused (403).
    Route& forCountyOnly() {
        countyOnly = true;
        return *this;
    }
    Route& answering(std::string contentType) {
        answers = std::move(contentType);
        return *this;
    }
};

// POST, PUT, DELETE and PATCH.
bool isWrite(const std::string& method);

class Router {
public:
    // The route, its properties set from the method, to be changed where they differ.
    Route& add(std::string method, std::string pattern, Access access, std::string summary, Handler handler);

    // The route for `method` and `path`, with its {name} segments put in `params`; nullptr when
    // none. `pathKnown` says whether some route has this path under another method (405).
    const Route* match(const std::string& method, const std::string& path, std::map<std::string, std::string>& params,
                       bool& pathKnown) const;
    // The methods some route takes on `path`, comma separated ("GET, PUT, DELETE").
    std::string allowed(const std::string& path) const;
    const std::deque<Route>& routes() const { return routes_; }

private:
    std::deque<Route> routes_; // a deque: add() hands out references that later adds keep valid
};

std::vector<std::string> splitPath(const std::string& path);

} // namespace gongshi::server
