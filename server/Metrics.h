#pragma once
// What a Prometheus server scrapes from GET /metrics (text format 0.0.4, names gongshi_*): requests
// and their latency by route, the screens online and what was sent to them, flash writes, the
// database's write time.
#include <Poco/Net/HTTPServerRequest.h>

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace gongshi::server {

class HttpMetrics {
public:
    // `route` is the route's pattern ("/api/matters/{id}"), "static" for the admin page's files,
    // "unknown" for paths no route has: the label set stays small whatever clients ask for.
    void record(const std::string& method, const std::string& route, int status, double seconds);
    // The requests and latency families, in the text format.
    std::string text() const;

    static const std::vector<double>& buckets(); // seconds

private:
    struct Latency {
        std::vector<std::uint64_t> counts; // per bucket, not cumulative
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_; // method, route, status
    std::map<std::string, Latency> latency_;                                      // by route
};

// Who may read /metrics without a session: this machine only (loopback), unless opened by config.
bool metricsAllowedFrom(const Poco::Net::HTTPServerRequest& request, bool open);

// `value` escaped for a label ("\\", "\"", newline).
std::string metricLabel(const std::string& value);

} // namespace gongshi::server
