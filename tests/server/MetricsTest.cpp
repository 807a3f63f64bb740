// GET /metrics: the Prometheus text format, requests and latency by route (the route's pattern,
// not the path asked), the screens, the database; from this machine only without a session.
#include "server/Metrics.h"
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

#include <map>
#include <sstream>

using namespace gongshi;
using namespace gongshi::test;

namespace {

// Sample lines "name{labels} value" by "name{labels}".
std::map<std::string, double> samples(const std::string& text) {
    std::map<std::string, double> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto space = line.rfind(' ');
        out[line.substr(0, space)] = std::stod(line.substr(space + 1));
    }
    return out;
}

} // namespace

TEST_CASE("metrics count requests by route pattern and status, with latency histograms, screens and database writes") {
    ServerFixture f;
    Client admin = f.admin();
    for (int id : {1, 2, 3}) CHECK(admin.get("/api/matters/" + std::to_string(id)).status == 200);
    CHECK(admin.get("/api/matters/99999").status == 404);
    CHECK(f.client().get("/api/matters").status == 401);
    CHECK(f.client().get("/api/no-such-thing/7").status == 404);

    Response r = f.client().get("/metrics"); // no session, from 127.0.0.1
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
    const auto m = samples(r.body);
    CHECK(m.at("gongshi_http_requests_total{method=\"GET\",route=\"/api/matters/{id}\",code=\"200\"}") == 3);
    CHECK(m.at("gongshi_http_requests_total{method=\"GET\",route=\"/api/matters/{id}\",code=\"404\"}") == 1);
    CHECK(m.at("gongshi_http_requests_total{method=\"GET\",route=\"/api/matters\",code=\"401\"}") == 1);
    CHECK(m.at("gongshi_http_requests_total{method=\"GET\",route=\"unknown\",code=\"404\"}") == 1);
    CHECK(m.at("gongshi_http_request_duration_seconds_count{route=\"/api/matters/{id}\"}") == 4);
    CHECK(m.at("gongshi_http_request_duration_seconds_bucket{route=\"/api/matters/{id}\",le=\"+Inf\"}") == 4);
    CHECK(m.at("gongshi_http_request_duration_seconds_bucket{route=\"/api/matters/{id}\",le=\"10\"}") == 4);
    // Buckets are cumulative.
    CHECK(m.at("gongshi_http_request_duration_seconds_bucket{route=\"/api/matters/{id}\",le=\"0.005\"}") <=
          m.at("gongshi_http_request_duration_seconds_bucket{route=\"/api/matters/{id}\",le=\"0.01\"}"));
    // The demo's five screens, each with its counters; the login wrote a session.
    CHECK(m.at("gongshi_screens{state=\"online\"}") + m.at("gongshi_screens{state=\"offline\"}") == 5);
    CHECK(m.count("gongshi_screen_bytes_sent_total{screen=\"1\",protocol=\"bx-k\"}") == 1);
    CHECK(m.count("gongshi_screen_flash_writes_total{screen=\"3\",protocol=\"bx-6\"}") == 1);
    CHECK(m.at("gongshi_database_writes_total") >= 1);
    CHECK(r.body.find("# TYPE gongshi_http_request_duration_seconds histogram") != std::string::npos);
}

TEST_CASE("metrics are open to loopback only unless configured, and labels are escaped") {
    CHECK(server::fromThisMachine(Poco::Net::IPAddress("127.0.0.1")));
    CHECK(server::fromThisMachine(Poco::Net::IPAddress("::1")));
    CHECK(server::fromThisMachine(Poco::Net::IPAddress("::ffff:127.0.0.1")));
    CHECK_FALSE(server::fromThisMachine(Poco::Net::IPAddress("192.168.1.20")));
    CHECK_FALSE(server::fromThisMachine(Poco::Net::IPAddress("::ffff:192.168.1.20")));
    CHECK(server::metricLabel("a\"b\\c\nd") == "a\\\"b\\\\c\\nd");
}
