// gongshi serve: the content server as a Poco ServerApplication: options from the command line,
// else a properties file (--config; every option is also a key there), else defaults; logging to
// the console and a rotating file; a graceful stop on SIGTERM or SIGINT.
#include "app/Args.h"
#include "app/Commands.h"
#include "common/Error.h"
#include "common/Messages.h"
#include "common/Parse.h"
#include "delivery/DriveLimit.h"
#include "rules/WorkingDays.h"
#include "server/HttpServer.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/SplitterChannel.h>
#include <Poco/Util/PropertyFileConfiguration.h>
#include <Poco/Util/ServerApplication.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fcntl.h>
#include <pthread.h>
#include <sys/file.h>
#include <unistd.h>

namespace gongshi::app {
namespace {

// One server per data directory: two would drive the same screens and keep separate lock-out
// counts. An flock on DATA_DIR/serve.lock, released by the kernel however the process ends; the
// file names the holder's pid for the refusal.
class DataDirLock {
public:
    explicit DataDirLock(const std::string& dataDir) {
        std::filesystem::create_directories(dataDir);
        const std::string path = (std::filesystem::path(dataDir) / "serve.lock").string();
        fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd_ < 0) throw EnvironmentError(msg::cannotWriteFile(path, std::strerror(errno)));
        if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            char pid[32] = {};
            const ssize_t n = ::pread(fd_, pid, sizeof pid - 1, 0);
            ::close(fd_);
            std::string holder = n > 0 ? std::string(pid, static_cast<std::size_t>(n)) : "";
            while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
            throw EnvironmentError(msg::dataDirInUse(dataDir, holder));
        }
        const std::string me = std::to_string(::getpid()) + "\n";
        // Without the pid the lock still holds; a refusal then names no process.
        if (::ftruncate(fd_, 0) == 0) [[maybe_unused]]
            const auto written = ::pwrite(fd_, me.data(), me.size(), 0);
    }
    ~DataDirLock() { ::close(fd_); }
    DataDirLock(const DataDirLock&) = delete;
    DataDirLock& operator=(const DataDirLock&) = delete;

private:
    int fd_ = -1;
};

const std::set<std::string> kOptions = {"port",        "data-dir",  "config",       "host",     "threads",
                                        "port-file",   "web-dir",   "log-file",     "max-body", "backup-dir",
                                        "backup-keep", "backup-at", "metrics-open", "timezone", "max-connections-per-address",
                                        "tls-cert",    "tls-key",   "database",     "instance", "drive"};

class ServeApp : public Poco::Util::ServerApplication {
public:
    ServeApp(server::ServerConfig config, std::string portFile, std::string logFile)
        : config_(std::move(config)), portFile_(std::move(portFile)), logFile_(std::move(logFile)) {}

protected:
    void initialize(Poco::Util::Application& self) override {
        ServerApplication::initialize(self);
        std::filesystem::create_directories(std::filesystem::path(logFile_).parent_path());
        Poco::AutoPtr<Poco::SplitterChannel> split(new Poco::SplitterChannel);
        split->addChannel(new Poco::ConsoleChannel);
        Poco::AutoPtr<Poco::FileChannel> file(new Poco::FileChannel(logFile_));
        file->setProperty("rotation", "10 M");
        file->setProperty("archive", "number");
        file->setProperty("purgeCount", "5");
        split->addChannel(file);
        Poco::AutoPtr<Poco::PatternFormatter> format(new Poco::PatternFormatter("%Y-%m-%d %H:%M:%S %p %s: %t"));
        format->setProperty("times", "local"); // the hall's time, as the pages show it
        Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(format, split));
        Poco::Logger::root().setChannel(channel);
        Poco::Logger::root().setLevel(Poco::Message::PRIO_INFORMATION);
        Poco::Logger::get("gongshi.http").setChannel(channel);
        Poco::Logger::get("gongshi.http").setLevel(Poco::Message::PRIO_INFORMATION);
    }

    int main(const std::vector<std::string>&) override {
        auto& log = Poco::Logger::get("gongshi");
        try {
            const DataDirLock lock(config_.dataDir);
            server::HttpServer server(config_);
            server.start();
            if (!portFile_.empty()) {
                // Written whole under another name, then renamed: a reader never sees half of it.
                const std::string tmp = portFile_ + ".tmp";
                std::ofstream(tmp) << server.port() << "\n";
                std::filesystem::rename(tmp, portFile_);
            }
            // What is printed is what the socket is bound to (an IPv6 address in brackets).
            const std::string host = server.host().find(':') != std::string::npos ? "[" + server.host() + "]" : server.host();
            // Where commands on this machine reach it (gongshi call): DATA_DIR/serve.url, whole.
            const std::string local = host == "0.0.0.0" ? "127.0.0.1" : host == "[::]" ? "[::1]" : host;
            const auto urlFile = std::filesystem::path(config_.dataDir) / "serve.url";
            std::ofstream(urlFile.string() + ".tmp")
                << (config_.secure() ? "https" : "http") << "://" << local << ":" << server.port() << "\n";
            std::filesystem::rename(urlFile.string() + ".tmp", urlFile);
            log.information("gongshi serve: listening on %s://%s:%d/ with data in %s", std::string(config_.secure() ? "https" : "http"),
                            host, server.port(), config_.dataDir);
            waitForTerminationRequest();
            log.information("gongshi serve: stopping");
            server.stop();
            std::error_code gone;
            std::filesystem::remove(urlFile, gone);
            return EXIT_OK;
        } catch (const Error& e) {
            log.error("gongshi serve: %s", std::string(e.what()));
            return EXIT_CONFIG;
        }
    }

private:
    server::ServerConfig config_;
    std::string portFile_, logFile_;
};

} // namespace

int serveCommand(const std::vector<std::string>& argv) {
    if (std::find(argv.begin(), argv.end(), "--help") != argv.end()) {
        std::printf(
            "gongshi serve [--port N] [--data-dir D] [--config FILE] [--host 127.0.0.1] [--threads N] [--port-file F]\n"
            "              [--web-dir DIR] [--log-file F] [--max-body BYTES] [--backup-dir D] [--backup-keep 7] [--backup-at 02:30]\n"
            "              [--timezone Asia/Shanghai] [--metrics-open true] [--tls-cert CERT.pem --tls-key KEY.pem]\n"
            "              [--max-connections-per-address 32]\n"
            "              [--database postgresql://USER[:PASSWORD]@HOST[:PORT]/DB] [--instance NAME]\n"
            "              [--drive centre=ID[,ID] | tag=NAME[,NAME] | 'centre=ID[,ID];tag=NAME[,NAME]']\n"
            "Every option is also a key of the --config properties file (port = 8080). --port 0 takes any\n"
            "free port; --port-file writes the port taken. Logs go to the console and DATA_DIR/logs/.\n"
            "Without --host only this machine reaches it (127.0.0.1); --host 0.0.0.0 listens on every interface.\n"
            "With --tls-cert and --tls-key (PEM) the port speaks HTTPS only and the session cookie is Secure.\n"
            "With --database the records live in PostgreSQL and DATA_DIR holds only this server's own files;\n"
            "several servers may share it, each screen driven by one of them (--instance names this one,\n"
            "--drive limits it to the screens of those centres, or of those tags (the screen option tags),\n"
            "or with both to the screens of those centres that have one of those tags).\n");
        return 0;
    }
    Args args(argv, kOptions, {});
    if (!args.positional().empty()) throw InputError(msg::cliNoArguments("serve", args.positional()[0]));
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> file;
    if (auto path = args.get("config")) {
        try {
            file = new Poco::Util::PropertyFileConfiguration(*path);
        } catch (const Poco::Exception& e) {
            throw InputError(msg::cannotReadFile(*path, e.displayText()));
        }
    }
    auto value = [&](const std::string& key, const std::string& fallback) {
        if (auto v = args.get(key)) return *v;
        if (file && file->hasProperty(key)) return file->getString(key);
        return fallback;
    };
    auto number = [&](const std::string& key, int fallback, int min, int max) {
        return parse::wholeInt(value(key, std::to_string(fallback)), {key, "--" + key}, min, max);
    };
    server::ServerConfig config;
    config.port = number("port", 8080, 0, 65535);
    config.dataDir = value("data-dir", "./var");
    config.database = value("database", "");
    if (!config.database.empty()) content::parsePostgresAddress(config.database); // refused here, in Chinese, before anything starts
    config.deliveryOptions.instance = value("instance", "");
    if (config.deliveryOptions.instance.size() > 100) throw InputError(msg::instanceNameInvalid(config.deliveryOptions.instance));
    config.deliveryOptions.drive = delivery::DriveLimit::parse(value("drive", ""));
    config.host = value("host", "127.0.0.1");
    config.threads = number("threads", 32, 4, 256);
    // Live views and web players hold a thread each: at most half the threads, so requests go on.
    config.maxWebSockets = std::max(1, config.threads / 2 - 4);
    // A third of them for staff's live views, which anonymous web players cannot take.
    config.staffLiveViews = std::max(1, config.maxWebSockets / 3);
    config.webDir = value("web-dir", "");
    config.maxConnectionsPerAddress = number("max-connections-per-address", 32, 1, 100000);
    config.maxBody = static_cast<std::size_t>(number("max-body", 1 << 20, 1024, 64 << 20));
    const std::string zone = value("timezone", content::hallTimeZone());
    if (zone.empty() || zone.find("..") != std::string::npos || !std::filesystem::exists("/usr/share/zoneinfo/" + zone))
        throw InputError(msg::unknownTimeZone(zone));
    setenv("TZ", zone.c_str(), 1);
    tzset();
    config.backup.dir = value("backup-dir", "");
    config.metricsOpen = value("metrics-open", "false") == "true";
    config.tlsCert = value("tls-cert", "");
    config.tlsKey = value("tls-key", "");
    if (config.tlsCert.empty() != config.tlsKey.empty()) throw InputError(msg::certificateNeedsKey());
    config.backup.keep = number("backup-keep", 7, 0, 365);
    config.backup.atMinute = parse::clockMinutes(value("backup-at", "02:30"), {"backup-at", "--backup-at"});
    const std::string logFile = value("log-file", (std::filesystem::path(config.dataDir) / "logs" / "gongshi.log").string());

    // The stop signals are blocked before any thread starts, so every thread inherits the mask and
    // only waitForTerminationRequest's sigwait takes them: a SIGTERM that arrives while the server
    // starts, or on another thread, is a graceful stop, never the default action that kills it.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    for (int sig : {SIGINT, SIGQUIT, SIGTERM}) sigaddset(&stopSignals, sig);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    ServeApp app(config, value("port-file", ""), logFile);
    char name[] = "gongshi-serve";
    char* appArgv[] = {name, nullptr};
    return app.run(1, appArgv);
}

} // namespace gongshi::app
