#pragma once
// Where HTTP connections wait until they are worth a thread. One thread accepts and watches every
// open connection (epoll) until a whole request head has arrived (and a small body with it); only
// then does a worker take it, for that request and any behind it, and hands it back to wait for the
// next. So slow senders and idle keep-alive connections hold no worker: a head gets `headSeconds`
// in all (not per byte), an idle connection `keepAliveSeconds`, and one address at most
// `maxPerAddress` connections: past that, a new one closes the one of that address that has waited
// longest, or, when all are being answered, is itself answered 503.
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace gongshi::server {

struct GateOptions {
    int workers = 32;
    int headSeconds = 10;     // from a connection's first byte (or its accept) to the end of its head
    int keepAliveSeconds = 5; // an idle connection between requests
    int maxPerAddress = 32;   // open connections from one address
    int stopGraceSeconds = 3; // requests under way when stopping: this long to finish, then cut
    std::string busyAnswer;   // sent whole to a connection over the per-address cap, before closing it
    bool anyByte = false;     // hand a connection over at its first byte (TLS, whose heads cannot be read here)
};

class ConnectionGate {
public:
    // Serves the requests waiting on a connection (at least one whole head has arrived); returns
    // true to keep the connection for its next request, false to close it.
    using Serve = std::function<bool(Poco::Net::StreamSocket&)>;

    ConnectionGate(Poco::Net::ServerSocket listening, GateOptions options, Serve serve);
    ~ConnectionGate();
    ConnectionGate(const ConnectionGate&) = delete;
    ConnectionGate& operator=(const ConnectionGate&) = delete;

    void start();
    // Stops accepting, closes waiting connections, gives requests under way stopGraceSeconds,
    // then cuts their connections and joins the workers.
    void stop();
    // True from stop() on: answers say Connection: close.
    bool stopping() const { return stopping_.load(); }

    // Figures for tests and /metrics: connections waiting here, workers busy.
    int waiting();
    int busyWorkers() const { return busy_.load(); }

private:
    struct Waiting {
        Poco::Net::StreamSocket socket;
        std::string address;
        std::chrono::steady_clock::time_point deadline;
        std::chrono::steady_clock::time_point since; // began to wait
        bool idle = false;                           // between requests, nothing sent yet
        bool refused = false;                        // over the per-address cap: answered 503 once its head is in, not counted
    };
    struct Ready {
        Poco::Net::StreamSocket socket;
        std::string address;
    };

    void watch();
    void work(std::size_t slot);
    void accept();
    void admit(Poco::Net::StreamSocket socket, const std::string& address, bool idle);
    // Looks at what has arrived without taking it: true when a worker should have the connection.
    enum class Arrived { Nothing, Partial, Whole, Closed };
    Arrived look(int fd);
    // Acts on what look() finds for a waiting connection: hands it to a worker, starts its head's
    // time, or closes it. `events` are epoll's (0 when not woken by it).
    void arrived(int fd, std::uint32_t events);
    void drop(int fd);
    void refuse(int fd);
    void release(const std::string& address);
    void wake();

    Poco::Net::ServerSocket listening_;
    GateOptions options_;
    Serve serve_;
    int epoll_ = -1;
    int wakeFd_ = -1;
    std::thread watcher_;
    std::vector<std::thread> workers_;
    std::atomic<bool> stopping_{false}, cutting_{false};
    std::atomic<int> busy_{0};

    // The watcher's own: connections waiting for a head, by descriptor.
    std::unordered_map<int, Waiting> waiting_;
    std::atomic<int> waitingCount_{0};

    std::mutex mutex_; // what follows
    std::condition_variable readyCv_;
    std::deque<Ready> ready_;                   // heads arrived, for the workers
    std::vector<Ready> returned_;               // from the workers, to wait for their next request
    std::unordered_map<std::string, int> open_; // connections open, by address
    std::vector<int> serving_;                  // the descriptor each worker serves, -1 none
};

} // namespace gongshi::server
