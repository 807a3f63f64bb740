#include "server/ConnectionGate.h"

#include "common/Error.h"

#include <Poco/Logger.h>
#include <Poco/Net/StreamSocketImpl.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <string_view>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace gongshi::server {
namespace {

using Clock = std::chrono::steady_clock;

// What is looked at of a connection's waiting bytes: a head is smaller (Poco refuses longer
// fields), and a body up to kSmallBody comes along before a worker takes the connection.
constexpr std::size_t kPeek = 64 * 1024;
constexpr std::size_t kSmallBody = 32 * 1024;

// The Content-Length of a head (lower-cased); -1 when there is none or it is not a plain number
// (the worker answers that with a 400, so nothing more is waited for).
long long contentLength(const std::string& head) {
    const auto at = head.find("\ncontent-length:");
    if (at == std::string::npos) return -1;
    std::size_t i = at + 16;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t')) ++i;
    long long n = 0;
    std::size_t digits = 0;
    for (; i < head.size() && std::isdigit(static_cast<unsigned char>(head[i])); ++i, ++digits) {
        if (digits >= 15) return -1; // more than any body here
        n = n * 10 + (head[i] - '0');
    }
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t')) ++i;
    const bool lineEnds = i < head.size() && (head[i] == '\r' || head[i] == '\n');
    return digits > 0 && lineEnds ? n : -1;
}

} // namespace

ConnectionGate::ConnectionGate(Poco::Net::ServerSocket listening, GateOptions options, Serve serve)
    : listening_(std::move(listening)), options_(std::move(options)), serve_(std::move(serve)) {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    wakeFd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (epoll_ < 0 || wakeFd_ < 0) throw EnvironmentError(std::string("epoll/eventfd: ") + std::strerror(errno));
    listening_.setBlocking(false);
    for (int fd : {listening_.impl()->sockfd(), wakeFd_}) {
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.fd = fd;
        ::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev);
    }
    serving_.assign(static_cast<std::size_t>(std::max(1, options_.workers)), -1);
}

ConnectionGate::~ConnectionGate() {
    stop();
    ::close(epoll_);
    ::close(wakeFd_);
}

void ConnectionGate::start() {
    watcher_ = std::thread([this] { watch(); });
    for (std::size_t i = 0; i < serving_.size(); ++i) workers_.emplace_back([this, i] { work(i); });
}

void ConnectionGate::stop() {
    if (!watcher_.joinable()) return;
    stopping_ = true;
    wake();
    watcher_.join(); // no more connections taken; those waiting for a head are closed
    // Requests under way may finish (their answers say Connection: close) ...
    const auto graceEnd = Clock::now() + std::chrono::seconds(options_.stopGraceSeconds);
    while (Clock::now() < graceEnd) {
        {
            std::lock_guard lock(mutex_);
            if (ready_.empty() && busy_.load() == 0) break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    // ... then their connections are cut, which ends what reads or writes them.
    {
        std::lock_guard lock(mutex_);
        cutting_ = true;
        for (int fd : serving_)
            if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
        ready_.clear();
        returned_.clear();
    }
    readyCv_.notify_all();
    for (auto& w : workers_) w.join();
    workers_.clear();
}

int ConnectionGate::waiting() { return waitingCount_.load(); }

void ConnectionGate::wake() {
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto n = ::write(wakeFd_, &one, sizeof one); // a full counter wakes the watcher as well
}

void ConnectionGate::watch() {
    epoll_event events[64];
    const int listenFd = listening_.impl()->sockfd();
    while (!stopping_) {
        const int n = ::epoll_wait(epoll_, events, 64, 200);
        for (int i = 0; i < n; ++i) {
            const int fd = events[i].data.fd;
            if (fd == listenFd) {
                accept();
            } else if (fd == wakeFd_) {
                std::uint64_t count = 0;
                [[maybe_unused]] const auto r = ::read(wakeFd_, &count, sizeof count);
            } else if (waiting_.count(fd)) {
                arrived(fd, events[i].events);
            }
        }
        std::vector<Ready> back;
        {
            std::lock_guard lock(mutex_);
            back.swap(returned_);
        }
        for (auto& r : back) admit(std::move(r.socket), r.address, true);
        // Heads not whole in time, connections idle too long: closed.
        const auto now = Clock::now();
        std::vector<int> late;
        for (const auto& [fd, w] : waiting_)
            if (w.deadline <= now) late.push_back(fd);
        for (int fd : late) drop(fd);
        waitingCount_ = static_cast<int>(waiting_.size());
    }
    std::vector<int> all;
    for (const auto& [fd, w] : waiting_) all.push_back(fd);
    for (int fd : all) drop(fd);
    waitingCount_ = 0;
    listening_.close();
}

void ConnectionGate::accept() {
    const int listenFd = listening_.impl()->sockfd();
    while (true) {
        const int fd = ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                Poco::Logger::get("gongshi.http").warning("accept: %s", std::string(std::strerror(errno)));
            return;
        }
        Poco::Net::StreamSocket socket(new Poco::Net::StreamSocketImpl(fd));
        std::string address;
        try {
            address = socket.peerAddress().host().toString();
            socket.setNoDelay(true);
        } catch (const Poco::Exception&) {
            continue; // gone already
        }
        bool over = false;
        {
            std::lock_guard lock(mutex_);
            over = open_[address] >= options_.maxPerAddress;
        }
        // Over the cap, the connection of this address that has waited longest (idle, or a head
        // still trickling in) makes room: a hall behind one address gets its new requests in,
        // and slow senders lose their places rather than take everyone's.
        if (over) {
            auto oldest = waiting_.end();
            for (auto it = waiting_.begin(); it != waiting_.end(); ++it)
                if (!it->second.refused && it->second.address == address &&
                    (oldest == waiting_.end() || it->second.since < oldest->second.since))
                    oldest = it;
            if (oldest != waiting_.end()) {
                drop(oldest->first);
                over = false;
            }
        }
        if (!over) {
            std::lock_guard lock(mutex_);
            ++open_[address];
        }
        if (over) {
            // Told why once its request is in (closing before would reset the connection and lose
            // the answer); it waits here, holding no worker, for a short while at most.
            const int sockfd = socket.impl()->sockfd();
            waiting_[sockfd] = {std::move(socket), address, Clock::now() + std::chrono::seconds(2), Clock::now(), false, true};
            epoll_event ev{};
            ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
            ev.data.fd = sockfd;
            ::epoll_ctl(epoll_, EPOLL_CTL_ADD, sockfd, &ev);
            arrived(sockfd, 0);
            continue;
        }
        admit(std::move(socket), address, false);
    }
}

void ConnectionGate::admit(Poco::Net::StreamSocket socket, const std::string& address, bool idle) {
    if (stopping_) {
        release(address);
        return;
    }
    const int fd = socket.impl()->sockfd();
    const auto limit = std::chrono::seconds(idle ? options_.keepAliveSeconds : options_.headSeconds);
    waiting_[fd] = {std::move(socket), address, Clock::now() + limit, Clock::now(), idle};
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET; // edge-triggered: bytes looked at and left stay quiet
    ev.data.fd = fd;
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev);
    // What came before it was watched (the next request, sent at once) is looked at now.
    arrived(fd, 0);
}

void ConnectionGate::arrived(int fd, std::uint32_t events) {
    auto it = waiting_.find(fd);
    switch (look(fd)) {
    case Arrived::Whole:
        if (it->second.refused) {
            refuse(fd);
            break;
        }
        ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
        {
            std::lock_guard lock(mutex_);
            ready_.push_back({std::move(it->second.socket), std::move(it->second.address)});
        }
        waiting_.erase(it);
        readyCv_.notify_one();
        break;
    case Arrived::Partial:
        if (events & EPOLLRDHUP) { // half a request, and the client says no more comes
            drop(fd);
        } else if (it->second.idle) { // the next request begins: its head has headSeconds from now
            it->second.idle = false;
            it->second.deadline = Clock::now() + std::chrono::seconds(options_.headSeconds);
        }
        break;
    case Arrived::Closed:
        drop(fd);
        break;
    case Arrived::Nothing:
        if (events & (EPOLLHUP | EPOLLERR)) drop(fd);
        break;
    }
}

ConnectionGate::Arrived ConnectionGate::look(int fd) {
    static thread_local std::string buffer(kPeek, '\0');
    const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), MSG_PEEK | MSG_DONTWAIT);
    if (n == 0) return Arrived::Closed;
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? Arrived::Nothing : Arrived::Closed;
    if (options_.anyByte) return Arrived::Whole;
    const std::string_view bytes(buffer.data(), static_cast<std::size_t>(n));
    std::size_t end = bytes.find("\r\n\r\n");
    if (end != std::string_view::npos) {
        end += 4;
    } else if ((end = bytes.find("\n\n")) != std::string_view::npos) {
        end += 2;
    } else {
        return bytes.size() >= kPeek ? Arrived::Whole : Arrived::Partial; // too long: the worker refuses it
    }
    std::string head(bytes.substr(0, end));
    std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    // A client that waits for 100 Continue sends its body only when a worker says so.
    if (head.find("\nexpect:") != std::string::npos) return Arrived::Whole;
    const long long length = contentLength(head);
    if (length > 0 && static_cast<std::size_t>(length) <= kSmallBody && bytes.size() < end + static_cast<std::size_t>(length))
        return Arrived::Partial;
    return Arrived::Whole;
}

void ConnectionGate::drop(int fd) {
    auto it = waiting_.find(fd);
    if (it == waiting_.end()) return;
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
    const std::string address = it->second.address;
    const bool counted = !it->second.refused;
    waiting_.erase(it); // the last copy of the socket: closed
    if (counted) release(address);
}

void ConnectionGate::refuse(int fd) {
    // The request read (and left unanswered), the answer sent without waiting, then the end of
    // what this side sends: the client reads the answer before the close.
    static thread_local std::string sink(kPeek, '\0');
    while (::recv(fd, sink.data(), sink.size(), MSG_DONTWAIT) > 0) {}
    [[maybe_unused]] const auto sent = ::send(fd, options_.busyAnswer.data(), options_.busyAnswer.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    ::shutdown(fd, SHUT_WR);
    drop(fd);
}

void ConnectionGate::release(const std::string& address) {
    std::lock_guard lock(mutex_);
    if (auto it = open_.find(address); it != open_.end() && --it->second <= 0) open_.erase(it);
}

void ConnectionGate::work(std::size_t slot) {
    auto& log = Poco::Logger::get("gongshi.http");
    while (true) {
        Ready r;
        {
            std::unique_lock lock(mutex_);
            readyCv_.wait(lock, [&] { return !ready_.empty() || cutting_.load(); });
            if (ready_.empty()) return;
            r = std::move(ready_.front());
            ready_.pop_front();
            serving_[slot] = r.socket.impl()->sockfd();
            ++busy_;
        }
        bool keep = false;
        try {
            keep = serve_(r.socket);
        } catch (const Poco::Exception& e) {
            log.warning("connection from %s: %s", r.address, e.displayText());
        } catch (const std::exception& e) {
            log.error("connection from %s: %s", r.address, std::string(e.what()));
        }
        {
            std::lock_guard lock(mutex_);
            serving_[slot] = -1; // before the socket can close: stop() never cuts a descriptor reused
            --busy_;
            keep = keep && !stopping_;
            if (keep) returned_.push_back(std::move(r));
        }
        if (keep) {
            wake();
        } else {
            r.socket.close();
            release(r.address);
        }
    }
}

} // namespace gongshi::server
