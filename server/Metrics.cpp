#include "server/Metrics.h"

#include "server/Exchange.h"

#include <cstdio>
#include <tuple>

namespace gongshi::server {

namespace {

std::string number(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

} // namespace

const std::vector<double>& HttpMetrics::buckets() {
    static const std::vector<double> b{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    return b;
}

void HttpMetrics::record(const std::string& method, const std::string& route, int status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{method, route, status}];
    Latency& l = latency_[route];
    if (l.counts.empty()) l.counts.assign(buckets().size(), 0);
    for (std::size_t i = 0; i < buckets().size(); ++i)
        if (seconds <= buckets()[i]) {
            ++l.counts[i];
            break;
        }
    ++l.count;
    l.sum += seconds;
}

std::string HttpMetrics::text() const {
    std::lock_guard lock(mutex_);
    std::string out = "# HELP gongshi_http_requests_total HTTP requests answered, by method, route and status.\n"
                      "# TYPE gongshi_http_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
        const auto& [method, route, status] = key;
        out += "gongshi_http_requests_total{method=\"" + metricLabel(method) + "\",route=\"" + metricLabel(route) + "\",code=\"" +
               std::to_string(status) + "\"} " + std::to_string(n) + "\n";
    }
    out += "# HELP gongshi_http_request_duration_seconds Time to answer a request, by route.\n"
           "# TYPE gongshi_http_request_duration_seconds histogram\n";
    for (const auto& [route, l] : latency_) {
        const std::string r = "route=\"" + metricLabel(route) + "\"";
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < buckets().size(); ++i) {
            cumulative += l.counts[i];
            out += "gongshi_http_request_duration_seconds_bucket{" + r + ",le=\"" + number(buckets()[i]) + "\"} " +
                   std::to_string(cumulative) + "\n";
        }
        out += "gongshi_http_request_duration_seconds_bucket{" + r + ",le=\"+Inf\"} " + std::to_string(l.count) + "\n";
        out += "gongshi_http_request_duration_seconds_sum{" + r + "} " + number(l.sum) + "\n";
        out += "gongshi_http_request_duration_seconds_count{" + r + "} " + std::to_string(l.count) + "\n";
    }
    return out;
}

bool metricsAllowedFrom(const Poco::Net::HTTPServerRequest& request, bool open) { return open || fromThisMachine(request); }

std::string metricLabel(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

} // namespace gongshi::server
