#include "protocols/transport/Resolver.h"

#include "common/Error.h"

#include <memory>
#include <netdb.h>
#include <time.h>

namespace gongshi::protocols::transport {
namespace {

// getaddrinfo_a reads the strings and hints until the lookup finishes, so they live together on
// the heap with the request.
struct Lookup {
    std::string host;
    std::string service;
    addrinfo hints{};
    gaicb request{};
};

std::vector<SocketAddress> collect(addrinfo* list) {
    std::vector<SocketAddress> out;
    for (addrinfo* ai = list; ai; ai = ai->ai_next)
        if (ai->ai_family == AF_INET || ai->ai_family == AF_INET6) out.emplace_back(ai->ai_addr, ai->ai_addrlen);
    return out;
}

struct AddrInfoFree {
    void operator()(addrinfo* list) const { ::freeaddrinfo(list); }
};
using AddrInfoList = std::unique_ptr<addrinfo, AddrInfoFree>;

std::string failure(const std::string& host, int code) { return "cannot resolve host '" + host + "': " + ::gai_strerror(code); }

} // namespace

std::vector<SocketAddress> resolveHost(const std::string& host, std::uint16_t port, int socketType, const Deadline& deadline) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = socketType;
    hints.ai_flags = AI_NUMERICSERV | AI_NUMERICHOST;
    const std::string service = std::to_string(port);

    addrinfo* raw = nullptr;
    int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &raw);
    if (rc == 0) {
        AddrInfoList list(raw);
        return collect(list.get());
    }
    if (rc != EAI_NONAME) throw TransportError(failure(host, rc));

    auto lookup = std::make_unique<Lookup>();
    lookup->host = host;
    lookup->service = service;
    lookup->hints = hints;
    lookup->hints.ai_flags = AI_NUMERICSERV;
    lookup->request.ar_name = lookup->host.c_str();
    lookup->request.ar_service = lookup->service.c_str();
    lookup->request.ar_request = &lookup->hints;
    gaicb* requests[] = {&lookup->request};
    rc = ::getaddrinfo_a(GAI_NOWAIT, requests, 1, nullptr);
    if (rc != 0) throw TransportError(failure(host, rc));

    while (::gai_error(&lookup->request) == EAI_INPROGRESS && !deadline.expired()) {
        auto left = deadline.remaining();
        timespec wait{static_cast<time_t>(left.count() / 1000), static_cast<long>(left.count() % 1000) * 1000000L};
        ::gai_suspend(requests, 1, &wait);
    }
    rc = ::gai_error(&lookup->request);
    if (rc == EAI_INPROGRESS) {
        int cancel = ::gai_cancel(&lookup->request);
        if (cancel == EAI_NOTCANCELED) {
            // The resolver thread still writes into the request: leaking these few bytes is the
            // only safe choice, and it happens only when DNS hangs.
            (void)lookup.release();
        } else if (cancel == EAI_ALLDONE) {
            AddrInfoList finished(lookup->request.ar_result);
        }
        throw TransportError("cannot resolve host '" + host + "': the name server did not answer in time");
    }
    AddrInfoList list(lookup->request.ar_result);
    if (rc != 0) throw TransportError(failure(host, rc));
    auto out = collect(list.get());
    if (out.empty()) throw TransportError("host '" + host + "' has no IPv4 or IPv6 address");
    return out;
}

} // namespace gongshi::protocols::transport
