#include "common/Error.h"
#include "protocols/transport/TcpListener.h"
#include "protocols/transport/TcpTransport.h"
#include "protocols/transport/Transport.h"
#include "tests/support/TransportTestSupport.h"

#include <doctest/doctest.h>

#include <chrono>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <sys/socket.h>

using namespace gongshi::protocols::transport;
using gongshi::TransportError;
using gongshi::protocols::Bytes;
using Clock = std::chrono::steady_clock;
using gongshi::test::kFast;
using gongshi::test::messageOf;
using gongshi::test::msSince;
using gongshi::test::readBytes;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string address(const TcpListener& listener) { return "tcp:127.0.0.1:" + std::to_string(listener.port()); }

// A port nothing listens on: bound once to get a free number, then released.
std::uint16_t closedPort() {
    TcpListener listener;
    return listener.port();
}

} // namespace

TEST_CASE("tcp loopback carries bytes both ways") {
    TcpListener listener;
    REQUIRE(listener.port() != 0);
    auto client = openTransport(address(listener), kFast);
    auto server = listener.accept(Millis{2000}, kFast);
    REQUIRE(server);
    CHECK(client->describe() == address(listener));
    CHECK(server->describe().rfind("tcp:127.0.0.1:", 0) == 0);
    CHECK(contains(server->describe(), "(accepted)"));
    CHECK_FALSE(client->isDatagram());

    const Bytes request{0x01, 0x02, 0x00, 0xFF};
    client->write(request);
    CHECK(readBytes(*server, request.size()) == request);
    const Bytes reply{0xAA, 0x55};
    server->write(reply);
    CHECK(readBytes(*client, reply.size()) == reply);
}

TEST_CASE("tcp connections turn Nagle off for short frames") {
    TcpListener listener;
    auto client = openTransport(address(listener), kFast);
    auto* tcp = dynamic_cast<TcpTransport*>(client.get());
    REQUIRE(tcp);
    int noDelay = 0;
    socklen_t len = sizeof(noDelay);
    REQUIRE(::getsockopt(tcp->nativeHandle(), IPPROTO_TCP, TCP_NODELAY, &noDelay, &len) == 0);
    CHECK(noDelay == 1);
}

TEST_CASE("a tcp peer that closes makes read throw TransportError") {
    TcpListener listener;
    auto client = openTransport(address(listener), kFast);
    auto server = listener.accept(Millis{2000}, kFast);
    REQUIRE(server);
    server->write({9});
    server->close();
    // What arrived before the close is still delivered, then the close is an error.
    CHECK(readBytes(*client, 1) == Bytes{9});
    auto start = Clock::now();
    std::string message = messageOf([&] { client->read(Millis{1500}); });
    CHECK(msSince(start) < 1500);
    CHECK(message == address(listener) + ": the peer has closed the connection");
}

TEST_CASE("a tcp peer that resets makes read throw TransportError") {
    TcpListener listener;
    auto client = openTransport(address(listener), kFast);
    auto server = listener.accept(Millis{2000}, kFast);
    REQUIRE(server);
    // Linger 0 makes close() send RST instead of FIN.
    linger hard{1, 0};
    REQUIRE(::setsockopt(server->nativeHandle(), SOL_SOCKET, SO_LINGER, &hard, sizeof(hard)) == 0);
    server->close();
    auto start = Clock::now();
    std::string message = messageOf([&] { client->read(Millis{1500}); });
    CHECK(msSince(start) < 1500);
    CHECK(message == address(listener) + ": read failed: the connection was reset by the peer");
}

TEST_CASE("connecting to a closed tcp port fails after the retries within bounded time") {
    const std::string closed = "tcp:127.0.0.1:" + std::to_string(closedPort());
    auto start = Clock::now();
    std::string message = messageOf([&] { openTransport(closed, kFast, RetryPolicy{3, Millis{50}}); });
    auto elapsed = msSince(start);
    CHECK(message == "cannot connect to " + closed + ": Connection refused (gave up after 3 attempts)");
    CHECK(elapsed >= 150); // backoff 50 + 100 ms
    CHECK(elapsed < 2000);
}

TEST_CASE("a tcp connect that is never answered times out") {
    // With a backlog of 0 the kernel queues one unaccepted connection and drops further SYNs.
    TcpListener listener("127.0.0.1", 0, 0);
    TcpTransport queued("127.0.0.1", listener.port(), kFast);
    Timeouts shortConnect = kFast;
    shortConnect.connect = Millis{300};
    auto start = Clock::now();
    std::string message = messageOf([&] { TcpTransport dropped("127.0.0.1", listener.port(), shortConnect); });
    auto elapsed = msSince(start);
    CHECK(message == "cannot connect to " + address(listener) + ": no answer within 300 ms");
    CHECK(elapsed >= 300);
    CHECK(elapsed < 800);
}

TEST_CASE("a tcp write to a peer that never reads times out") {
    TcpListener listener;
    int small = 4096;
    // Accepted sockets inherit the listener's receive buffer; a fixed size also stops autotuning.
    REQUIRE(::setsockopt(listener.nativeHandle(), SOL_SOCKET, SO_RCVBUF, &small, sizeof(small)) == 0);
    Timeouts shortWrite = kFast;
    shortWrite.write = Millis{300};
    auto client = openTransport(address(listener), shortWrite);
    auto* tcp = dynamic_cast<TcpTransport*>(client.get());
    REQUIRE(tcp);
    REQUIRE(::setsockopt(tcp->nativeHandle(), SOL_SOCKET, SO_SNDBUF, &small, sizeof(small)) == 0);
    auto server = listener.accept(Millis{2000}, kFast); // accepted, never read
    REQUIRE(server);

    const Bytes big(4 * 1024 * 1024, 0x55);
    auto start = Clock::now();
    std::string message = messageOf([&] { client->write(big); });
    auto elapsed = msSince(start);
    CHECK(contains(message, address(listener) + ": write timed out after 300 ms"));
    CHECK(contains(message, "(the peer is not reading)"));
    CHECK(elapsed >= 300);
    CHECK(elapsed < 800);
}

TEST_CASE("accept returns no connection when no client comes within the timeout") {
    TcpListener listener;
    auto start = Clock::now();
    CHECK(listener.accept(Millis{100}) == nullptr);
    auto elapsed = msSince(start);
    CHECK(elapsed >= 100);
    CHECK(elapsed < 600);
}

TEST_CASE("a tcp host name is resolved before connecting") {
    TcpListener listener;
    auto client = openTransport("tcp:localhost:" + std::to_string(listener.port()), kFast);
    auto server = listener.accept(Millis{2000}, kFast);
    REQUIRE(server);
    client->write({1, 2});
    CHECK(readBytes(*server, 2) == Bytes{1, 2});
    CHECK(client->describe() == "tcp:localhost:" + std::to_string(listener.port()));
}

TEST_CASE("a closed tcp transport refuses further use") {
    TcpListener listener;
    auto client = openTransport(address(listener), kFast);
    client->close();
    CHECK(messageOf([&] { client->write({1}); }) == address(listener) + " is closed");
}
