#include "common/Error.h"
#include "protocols/transport/UdpReceiver.h"
#include "protocols/transport/UdpTransport.h"
#include "protocols/transport/Transport.h"
#include "tests/support/TransportTestSupport.h"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using namespace gongshi::protocols::transport;
using gongshi::TransportError;
using gongshi::protocols::Bytes;
using Clock = std::chrono::steady_clock;
using gongshi::test::kFast;
using gongshi::test::messageOf;
using gongshi::test::msSince;

namespace {

std::string address(const UdpReceiver& receiver) { return "udp:127.0.0.1:" + std::to_string(receiver.port()); }

} // namespace

TEST_CASE("udp carries datagrams both ways, one datagram per read") {
    UdpReceiver receiver;
    REQUIRE(receiver.port() != 0);
    auto client = openTransport(address(receiver), kFast);
    CHECK(client->isDatagram());
    CHECK(client->describe() == address(receiver));

    client->write({1, 2, 3});
    client->write({4, 5});
    auto first = receiver.receive(Millis{2000});
    REQUIRE(first);
    CHECK(first->data == Bytes{1, 2, 3});
    CHECK(first->sender.host() == "127.0.0.1");
    auto second = receiver.receive(Millis{2000});
    REQUIRE(second);
    CHECK(second->data == Bytes{4, 5});

    receiver.sendTo({9, 8, 7}, first->sender);
    receiver.sendTo({6}, first->sender);
    CHECK(client->read(Millis{2000}) == Bytes{9, 8, 7});
    CHECK(client->read(Millis{2000}) == Bytes{6});
}

TEST_CASE("a udp read with nothing to read returns empty after the timeout") {
    UdpReceiver receiver;
    auto client = openTransport(address(receiver), kFast);
    auto start = Clock::now();
    CHECK(client->read(Millis{150}).empty());
    auto elapsed = msSince(start);
    CHECK(elapsed >= 150);
    CHECK(elapsed < 650);
    CHECK_FALSE(receiver.receive(Millis{0}).has_value());
}

TEST_CASE("udp to a port nobody listens on surfaces as TransportError") {
    std::string closed;
    {
        UdpReceiver gone;
        closed = address(gone);
    }
    auto client = openTransport(closed, kFast);
    client->write({1});
    // The ICMP "port unreachable" comes back asynchronously; the connected socket reports it.
    auto start = Clock::now();
    std::string message = messageOf([&] { client->read(Millis{1000}); });
    CHECK(msSince(start) < 1000);
    CHECK(message == closed + ": receive failed: nothing listens on that port (connection refused)");
}

TEST_CASE("a datagram larger than udp carries is refused before sending") {
    UdpReceiver receiver;
    auto client = openTransport(address(receiver), kFast);
    std::string message = messageOf([&] { client->write(Bytes(UdpTransport::kMaxDatagram + 1, 0)); });
    CHECK(message == address(receiver) + ": a datagram of 65508 bytes is larger than UDP carries (65507)");
}
