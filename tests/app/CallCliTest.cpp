// `gongshi token` and `gongshi call` as processes against a `gongshi serve` on 127.0.0.1: a token
// printed once and kept as a hash, listed and removed; a call by the token from the environment or
// --token, to the server the data directory names (serve.url) or --to; refusals in Chinese.
#include "tests/support/Process.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

using gongshi::test::BackgroundProcess;
using gongshi::test::gongshiBinary;
using gongshi::test::runProcess;
using gongshi::test::slurp;
using gongshi::test::TempDir;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}

} // namespace

TEST_CASE("gongshi token prints a token once and keeps its hash; gongshi call calls through a running server") {
    TempDir dir("gongshi-call-cli");
    const std::string data = dir / "data";
    REQUIRE(runProcess({gongshiBinary(), "import", "demo", "--data-dir", data}, 120000).exitCode == 0);

    auto added = runProcess({gongshiBinary(), "token", "add", "jiaohao", "--scope", "calls", "--data-dir", data});
    REQUIRE_MESSAGE(added.exitCode == 0, added.err);
    const std::string token = trimmed(added.out);
    CHECK(token.rfind("gst_", 0) == 0);
    CHECK(token.find('\n') == std::string::npos); // the token alone on standard output
    CHECK(has(added.err, "只显示这一次"));
    // Only its hash is stored: the database file never holds the token.
    CHECK_FALSE(has(slurp(data + "/gongshi.db") + slurp(data + "/gongshi.db-wal"), token));
    auto again = runProcess({gongshiBinary(), "token", "add", "jiaohao", "--scope", "calls", "--data-dir", data});
    CHECK(again.exitCode == 1);
    CHECK(has(again.err, "已存在"));
    auto badScope = runProcess({gongshiBinary(), "token", "add", "x", "--scope", "admin", "--data-dir", data});
    CHECK(badScope.exitCode == 1);
    CHECK(has(badScope.err, "未知的令牌用途"));
    auto listed = runProcess({gongshiBinary(), "token", "list", "--data-dir", data});
    CHECK(listed.exitCode == 0);
    CHECK(has(listed.out, "jiaohao"));
    CHECK(has(listed.out, "从未使用"));
    CHECK_FALSE(has(listed.out, token));

    BackgroundProcess server({gongshiBinary(), "serve", "--data-dir", data, "--port", "0", "--port-file", dir / "port", "--threads", "4"});
    std::string url;
    for (int i = 0; i < 300 && url.empty(); ++i) {
        url = trimmed(slurp(data + "/serve.url"));
        if (url.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    REQUIRE_MESSAGE(!url.empty(), server.stderrText());
    CHECK(url == "http://127.0.0.1:" + trimmed(slurp(dir / "port")));

    // The token from the environment, the server from the data directory.
    setenv("GONGSHI_TOKEN", token.c_str(), 1);
    auto called = runProcess({gongshiBinary(), "call", "--window", "3", "--ticket", "A012", "--seconds", "10", "--data-dir", data});
    unsetenv("GONGSHI_TOKEN");
    CHECK_MESSAGE(called.exitCode == 0, called.err);
    CHECK(has(called.out, "请 A012 号到 3 号窗口"));
    CHECK(has(called.out, "10 秒"));
    // --token and --to; a bad ticket is the server's refusal, in Chinese, naming the field.
    auto bad = runProcess({gongshiBinary(), "call", "--window", "3", "--ticket", "A-1", "--token", token, "--to", url});
    CHECK(bad.exitCode == 1);
    CHECK(has(bad.err, "HTTP 400"));
    CHECK(has(bad.err, "只能由英文字母和数字组成"));
    CHECK(has(bad.err, "ticket"));
    auto noWindow = runProcess({gongshiBinary(), "call", "--window", "99", "--ticket", "A1", "--token", token, "--to", url});
    CHECK(noWindow.exitCode == 1);
    CHECK(has(noWindow.err, "HTTP 404"));
    auto noToken = runProcess({gongshiBinary(), "call", "--window", "3", "--ticket", "A1", "--to", url});
    CHECK(noToken.exitCode == 1);
    CHECK(has(noToken.err, "缺少叫号令牌"));
    auto nobody = runProcess({gongshiBinary(), "call", "--window", "3", "--ticket", "A1", "--token", token, "--to", "http://127.0.0.1:1"});
    CHECK(nobody.exitCode == 1);
    CHECK(has(nobody.err, "连不上服务器"));

    auto used = runProcess({gongshiBinary(), "token", "list", "--data-dir", data});
    CHECK(has(used.out, "最近使用"));
    // Removed while the server runs: refused at once.
    auto removed = runProcess({gongshiBinary(), "token", "remove", "jiaohao", "--data-dir", data});
    CHECK(removed.exitCode == 0);
    CHECK(has(removed.out, "已删除令牌"));
    auto refused = runProcess({gongshiBinary(), "call", "--window", "3", "--ticket", "A013", "--token", token, "--data-dir", data});
    CHECK(refused.exitCode == 1);
    CHECK(has(refused.err, "HTTP 401"));
    CHECK(has(refused.err, "令牌无效"));
    auto removeAgain = runProcess({gongshiBinary(), "token", "remove", "jiaohao", "--data-dir", data});
    CHECK(removeAgain.exitCode == 1);
    CHECK(has(removeAgain.err, "没有名为"));

    CHECK(server.stop(10000) == 0);
    CHECK(slurp(data + "/serve.url").empty()); // gone with the server
}
