#include "protocols/transport/SerialTransport.h"

#include <algorithm>
#include <thread>

#include "common/Error.h"
#include "protocols/transport/Deadline.h"
#include "protocols/transport/LibSerialPort.h"
#include "protocols/transport/Posix.h"
#include "protocols/transport/TermiosSerialPort.h"

#include <sys/stat.h>

namespace gongshi::protocols::transport {
bool SerialTransport::isPseudoTerminal(const std::string& device) {
    struct stat st {};
    return ::stat(device.c_str(), &st) == 0 && S_ISCHR(st.st_mode) && isPtySlaveDevice(st.st_rdev);
}

SerialTransport::SerialTransport(const SerialSettings& settings, const Timeouts& timeouts) : settings_(settings), timeouts_(timeouts) {
    if (isPseudoTerminal(settings.device)) {
        backend_ = std::make_unique<TermiosSerialPort>(settings);
        return;
    }
    try {
        backend_ = std::make_unique<LibSerialPort>(settings);
        return;
    } catch (const TransportError& e) {
        fallbackReason_ = e.what();
    }
    try {
        backend_ = std::make_unique<TermiosSerialPort>(settings);
    } catch (const TransportError& e) {
        throw TransportError(std::string(e.what()) + " (" + fallbackReason_ + ")");
    }
}

SerialTransport::SerialTransport(std::unique_ptr<SerialBackend> backend, const SerialSettings& settings, const Timeouts& timeouts)
    : backend_(std::move(backend)), settings_(settings), timeouts_(timeouts) {}

void SerialTransport::requireOpen() const {
    if (!backend_) throw TransportError(settings_.toString() + " is closed");
}

void SerialTransport::write(const Bytes& bytes) {
    requireOpen();
    if (settings_.paced)
        writePaced(bytes);
    else
        backend_->write(bytes, timeouts_.write);
    if (settings_.rs485) {
        echo_.expect(bytes);
        // The echo comes back as the bytes leave; a read timeout after the write has drained is
        // ample even for a USB adapter's latency timer.
        echoDue_ = std::chrono::steady_clock::now() + timeouts_.read;
    }
}

void SerialTransport::writePaced(const Bytes& bytes) {
    // Chunks of about 10 ms of line time, each sent no earlier than the line would have finished
    // the one before: a pty then takes as long as the serial line it stands in for.
    using namespace std::chrono;
    const double secondsPerByte = static_cast<double>(settings_.bitsPerCharacter()) / settings_.baud;
    const std::size_t chunk = std::max<std::size_t>(1, static_cast<std::size_t>(0.010 / secondsPerByte));
    const auto start = steady_clock::now();
    Deadline deadline(timeouts_.write + duration_cast<Millis>(duration<double>(secondsPerByte * static_cast<double>(bytes.size()))));
    for (std::size_t sent = 0; sent < bytes.size();) {
        std::size_t n = std::min(chunk, bytes.size() - sent);
        backend_->write(Bytes(bytes.begin() + static_cast<long>(sent), bytes.begin() + static_cast<long>(sent + n)), deadline.remaining());
        sent += n;
        auto due = start + duration_cast<steady_clock::duration>(duration<double>(secondsPerByte * static_cast<double>(sent)));
        std::this_thread::sleep_until(due);
    }
}

Bytes SerialTransport::read(Millis timeout) {
    requireOpen();
    Deadline deadline(timeout);
    // Bounded: every pass either consumes echo bytes (finitely many) or returns.
    for (;;) {
        Bytes chunk = backend_->read(deadline.remaining());
        if (chunk.empty()) {
            if (echo_.expecting() && std::chrono::steady_clock::now() >= echoDue_) echo_.forget();
            return {};
        }
        if (!echo_.expecting()) return chunk;
        Bytes data = echo_.filter(chunk);
        if (!data.empty()) return data;
        if (deadline.expired()) return {};
    }
}

void SerialTransport::close() { backend_.reset(); }

std::string SerialTransport::describe() const { return settings_.toString() + " via " + backendName(); }

std::string SerialTransport::backendName() const { return backend_ ? backend_->name() : "closed"; }

} // namespace gongshi::protocols::transport
