#include "server/ApiTokens.h"

#include "common/Error.h"
#include "records/Records.h"
#include "server/AuditLog.h"
#include "server/Auth.h"

#include <Poco/Data/Statement.h>
#include <Poco/JSON/Object.h>
#include <Poco/Nullable.h>

#include <sstream>

using namespace Poco::Data::Keywords;

namespace gongshi::server {

const std::vector<std::string>& ApiTokens::scopes() {
    static const std::vector<std::string> all{"calls"};
    return all;
}

namespace {

// The audit's view of a token: never the token, nor its hash.
std::string tokenJson(const std::string& name, const std::string& scope) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("name", name);
    o.set("scope", scope);
    std::ostringstream out;
    o.stringify(out);
    return out.str();
}

} // namespace

std::string ApiTokens::add(const std::string& name, const std::string& scope, const std::string& actor) {
    if (name.empty()) throw ValidationError("name", "令牌名称不能为空");
    if (name.size() > 64) throw ValidationError("name", "令牌名称最多64个字符");
    for (unsigned char c : name)
        if (!std::isalnum(c) && c != '-' && c != '_' && c != '.')
            throw ValidationError("name", "令牌名称“" + name + "”只能由英文字母、数字和 - _ . 组成");
    bool known = false;
    std::string all;
    for (const auto& s : scopes()) {
        known = known || s == scope;
        all += (all.empty() ? "" : "、") + s;
    }
    if (!known) throw ValidationError("scope", "未知的令牌用途“" + scope + "”，可用：" + all + "（calls：排队叫号）");
    const std::string token = "gst_" + Auth::randomHex(24);
    std::string n = name, sc = scope, hash = Auth::sha256Hex(token), at = content::utcNow();
    db_.write([&](content::Connection& s) {
        int taken = 0;
        s << "SELECT COUNT(*) FROM api_tokens WHERE name = ?", use(n), into(taken), now;
        if (taken) throw ConflictError("令牌“" + name + "”已存在；要换新令牌，请先删除它");
        s << "INSERT INTO api_tokens (name, scope, token_hash, created_at) VALUES (?, ?, ?, ?)", use(n), use(sc), use(hash), use(at), now;
        recordAuditEvent(s, {"", at, actor, "token-add", "token", 0, "", tokenJson(name, scope)});
    });
    return token;
}

void ApiTokens::remove(const std::string& name, const std::string& actor) {
    std::string n = name;
    db_.write([&](content::Connection& s) {
        std::vector<std::string> scope;
        s << "SELECT scope FROM api_tokens WHERE name = ?", use(n), into(scope), now;
        if (scope.empty()) throw NotFoundError("没有名为“" + name + "”的令牌");
        s << "DELETE FROM api_tokens WHERE name = ?", use(n), now;
        recordAuditEvent(s, {"", content::utcNow(), actor, "token-remove", "token", 0, tokenJson(name, scope[0]), ""});
    });
}

std::vector<ApiToken> ApiTokens::list() {
    content::Connection s = db_.session();
    std::vector<std::string> names, scopes, created;
    std::vector<Poco::Nullable<std::string>> used;
    s << "SELECT name, scope, created_at, last_used_at FROM api_tokens ORDER BY name", into(names), into(scopes), into(created), into(used),
        now;
    std::vector<ApiToken> out;
    for (std::size_t i = 0; i < names.size(); ++i)
        out.push_back({names[i], scopes[i], created[i], used[i].isNull() ? std::string() : used[i].value()});
    return out;
}

std::optional<ApiToken> ApiTokens::find(const std::string& token) {
    if (token.empty() || token.size() > 200) return std::nullopt;
    std::string hash = Auth::sha256Hex(token);
    std::vector<std::string> names, scopes, created;
    {
        content::Connection s = db_.session();
        s << "SELECT name, scope, created_at FROM api_tokens WHERE token_hash = ?", use(hash), into(names), into(scopes), into(created),
            now;
    }
    if (names.empty()) return std::nullopt;
    std::string at = content::utcNow(), name = names[0];
    db_.writeQuietly(
        [&](content::Connection& s) { s << "UPDATE api_tokens SET last_used_at = ? WHERE name = ?", use(at), use(name), now; });
    return ApiToken{names[0], scopes[0], created[0], at};
}

} // namespace gongshi::server
