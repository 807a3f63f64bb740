// Connections that send slowly, idle between requests or come in crowds from one address: none
// of them keeps a normal request from being answered at once.
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

using namespace gongshi::test;
using namespace std::chrono_literals;

namespace {

using Clk = std::chrono::steady_clock;

Poco::Net::StreamSocket connect(int port) {
    Poco::Net::StreamSocket s;
    s.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)), Poco::Timespan(5, 0));
    s.setReceiveTimeout(Poco::Timespan(0, 200 * 1000));
    return s;
}

void sendAll(Poco::Net::StreamSocket& s, const std::string& bytes) {
    for (std::size_t sent = 0; sent < bytes.size();)
        sent += static_cast<std::size_t>(s.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent)));
}

// Whether the server has closed `s` (read gives 0 or an error), looking for at most 200 ms.
bool closedByServer(Poco::Net::StreamSocket& s) {
    char buf[512];
    try {
        return s.receiveBytes(buf, sizeof buf) <= 0;
    } catch (const Poco::TimeoutException&) {
        return false;
    } catch (const Poco::Exception&) {
        return true; // reset
    }
}

// Seconds a fresh client takes to have GET /a.js answered (status in `status`).
double timedGet(int port, int& status) {
    const auto t0 = Clk::now();
    Client c(port);
    status = c.get("/a.js").status;
    return std::chrono::duration<double>(Clk::now() - t0).count();
}

// A few workers, so that a handful of bad connections would take them all.
ServerOptions fewWorkers(int maxPerAddress = 32) {
    ServerOptions o;
    o.demo = false;
    o.delivery = false;
    o.configure = [maxPerAddress](gongshi::server::ServerConfig& c) {
        c.threads = 4;
        c.headSeconds = 3;
        c.maxConnectionsPerAddress = maxPerAddress;
    };
    return o;
}

} // namespace

TEST_CASE("connections sending a head a byte at a time hold no worker, and are closed when the head takes too long") {
    ServerFixture f(fewWorkers());
    // Twelve slow senders, three times the workers: a byte every half second each.
    std::vector<Poco::Net::StreamSocket> slow;
    for (int i = 0; i < 12; ++i) {
        slow.push_back(connect(f.port()));
        sendAll(slow.back(), "GET /a.js HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    }
    std::atomic<bool> done{false};
    std::atomic<int> closed{0};
    std::thread trickle([&] {
        std::vector<bool> gone(slow.size(), false);
        const auto end = Clk::now() + 6s;
        while (!done && Clk::now() < end) {
            for (std::size_t i = 0; i < slow.size(); ++i) {
                if (gone[i]) continue;
                try {
                    sendAll(slow[i], "X");
                } catch (const Poco::Exception&) {
                    gone[i] = true;
                    ++closed;
                }
            }
            std::this_thread::sleep_for(500ms);
        }
    });
    std::this_thread::sleep_for(1s);
    int status = 0;
    const double seconds = timedGet(f.port(), status);
    MESSAGE("a normal request beside 12 slow senders: " << seconds * 1000 << " ms");
    CHECK(status == 200);
    CHECK(seconds < 1.0);
    // The head has 3 s in all, not 3 s per byte: by 5 s every slow sender is closed.
    std::this_thread::sleep_for(4s);
    int shut = 0;
    for (auto& s : slow) shut += closedByServer(s) ? 1 : 0;
    done = true;
    trickle.join();
    CHECK(shut == 12);
}

TEST_CASE("idle keep-alive connections beyond the workers do not keep a new request waiting") {
    ServerFixture f(fewWorkers());
    // Twelve clients, three times the workers, each answered once and then idle on its connection.
    std::vector<std::unique_ptr<Client>> idle;
    for (int i = 0; i < 12; ++i) {
        idle.push_back(std::make_unique<Client>(f.port()));
        REQUIRE(idle.back()->get("/a.js").status == 200);
    }
    int status = 0;
    const double seconds = timedGet(f.port(), status);
    MESSAGE("a new request beside 12 idle keep-alive connections: " << seconds * 1000 << " ms");
    CHECK(status == 200);
    CHECK(seconds < 1.0);
    // The idle ones still work on their own connections.
    for (auto& c : idle) CHECK(c->get("/a.js").status == 200);
}

TEST_CASE("connections from one address beyond the cap close the ones that waited longest, others go on") {
    ServerFixture f(fewWorkers(4));
    // Four that send half a head and stay, the cap of this address.
    std::vector<Poco::Net::StreamSocket> held;
    for (int i = 0; i < 4; ++i) {
        held.push_back(connect(f.port()));
        sendAll(held.back(), "GET /a.js HTTP/1.1\r\n");
        std::this_thread::sleep_for(50ms); // one after the other: the first waited longest
    }
    // A whole request from the same address is answered; the first of the four made room.
    Response next = rawRequest(f.port(), "GET /a.js HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    CHECK(next.status == 200);
    CHECK(closedByServer(held[0]));
    for (std::size_t i = 1; i < held.size(); ++i) CHECK(!closedByServer(held[i]));
    // Another address is not counted with this one.
    CHECK(rawRequest(f.port(), "GET /a.js HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", "127.0.0.2").status == 200);
}

TEST_CASE("when every connection of an address is being answered, one more is answered 503 and closed") {
    ServerFixture f(fewWorkers(2));
    // Two requests whose bodies never come hold two workers (the body is larger than the gate waits for).
    std::vector<Poco::Net::StreamSocket> busy;
    for (int i = 0; i < 2; ++i) {
        busy.push_back(connect(f.port()));
        sendAll(busy.back(), "POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                             "Content-Length: 100000\r\n\r\n{");
    }
    std::this_thread::sleep_for(300ms);
    Response over = rawRequest(f.port(), "GET /a.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    CHECK(over.status == 503);
    CHECK(over.header("Retry-After") == "5");
    CHECK(over.error() == "来自同一地址的连接过多（最多2个），请稍后再试");
}

TEST_CASE("requests pipelined on one connection, and a small body sent apart from its head, are answered") {
    ServerFixture f(fewWorkers());
    Response two = rawRequest(f.port(), "GET /a.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                                        "GET /a.js HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    CHECK(two.status == 200);
    CHECK(contains(two.body, "HTTP/1.1 200")); // the second answer follows the first body
    // The body a moment after the head: the worker gets the request whole.
    Poco::Net::StreamSocket s = connect(f.port());
    const std::string body = R"({"username": "editor", "password": "correct-horse-7"})";
    sendAll(s, "POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n"
               "Content-Length: " +
                   std::to_string(body.size()) + "\r\n\r\n");
    std::this_thread::sleep_for(300ms);
    sendAll(s, body);
    s.setReceiveTimeout(Poco::Timespan(10, 0));
    std::string answer;
    char buf[4096];
    for (int n; (n = s.receiveBytes(buf, sizeof buf)) > 0;) answer.append(buf, static_cast<std::size_t>(n));
    CHECK(answer.rfind("HTTP/1.1 200", 0) == 0);
}
