#pragma once
// One request and its answer as the API handlers see them: path parameters, query, the body
// (read once, capped), the logged-in user, and ways to answer in JSON, bytes or nothing.
#include "records/Records.h"

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

#include <map>
#include <optional>
#include <string>

namespace gongshi::server {

struct User {
    std::string username;
    std::string role; // admin, editor, window
    content::Id windowId = 0;
    content::Id centreId = 0; // the centre the user works in; 0: the county, every centre

    bool isAdmin() const { return role == "admin"; }
    bool canEdit() const { return role == "admin" || role == "editor"; }
};

class Exchange {
public:
    Exchange(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, std::size_t maxBody);

    Poco::Net::HTTPServerRequest& request;
    Poco::Net::HTTPServerResponse& response;
    std::map<std::string, std::string> params; // from the path pattern: {id}, {version}, ...
    std::optional<User> user;                  // set for routes that need a session
    std::string sessionToken;
    std::string csrf;
    std::string tokenName; // a machine's token (Route::acceptsToken) called instead of a user

    const std::string& path() const { return path_; }
    // Why the request target could not be read (a bad %-escape...); empty when it could.
    const std::string& targetError() const { return targetError_; }
    const std::string& method() const { return request.getMethod(); }
    // The path parameter as a record id; 404 when it is not a positive number.
    content::Id id(const std::string& name = "id") const;
    int integerParam(const std::string& name) const;

    bool hasQuery(const std::string& name) const;
    std::string query(const std::string& name, const std::string& fallback = "") const;
    // 400 naming the parameter when it is not a whole number within [min, max].
    int queryInt(const std::string& name, int fallback, int min, int max) const;

    // The body, read at most once; 413 when it is longer than the limit.
    const std::string& body();
    void setBodyLimit(std::size_t limit) { maxBody_ = limit; }
    // The body as a JSON object: 400 on invalid UTF-8 (naming the byte offset), bad JSON or not
    // an object.
    Poco::JSON::Object::Ptr jsonBody();

    // The route's answer when all goes well (Route::status): reply() and replyEmpty() send it.
    int okStatus = 200;
    void reply(const Poco::JSON::Object::Ptr& object) { sendJson(okStatus, object); }
    void replyEmpty() { sendEmpty(okStatus); }
    // The picture a Body::Image route was sent: "jpg" or "png" from the Content-Type; 415 for
    // anything else, naming `field` ("photo": a staff photo; else an uploaded picture).
    std::string imageType(const std::string& field = "photo") const;
    // The sheet a Body::Sheet route was sent: "csv" (text/csv) or "xlsx" from the Content-Type; 415
    // for anything else.
    std::string sheetType() const;

    void sendJson(int status, const std::string& json);
    // Sends the headers of a JSON answer of exactly `length` bytes; the body goes into the stream.
    std::ostream& startJson(int status, std::size_t length);
    void sendJson(int status, const Poco::JSON::Object::Ptr& object);
    void sendBytes(int status, const std::string& contentType, const std::string& bytes);
    void sendEmpty(int status = 204);
    bool sent() const { return response.sent(); }
    int status() const { return static_cast<int>(response.getStatus()); }

private:
    std::string path_;
    std::string targetError_;
    std::map<std::string, std::string> query_;
    std::size_t maxBody_;
    std::optional<std::string> body_;
};

// A client on this machine: a loopback address, IPv4 or IPv6, or IPv4's seen through an IPv6 socket.
bool fromThisMachine(const Poco::Net::IPAddress& client);
// A request from this machine: from loopback and not passed on by a reverse proxy on it (which
// says so in Forwarded, X-Forwarded-For or X-Real-IP). For what only this machine may do.
bool fromThisMachine(const Poco::Net::HTTPServerRequest& request);

} // namespace gongshi::server
