// gongshi: the one executable; each subcommand is the front door to one part of the product.
#include "app/Commands.h"
#include "common/Error.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <iostream>

namespace {

void usage(std::FILE* out) {
    std::fputs(
        "usage: gongshi <command> [options]   (gongshi --version: the release)\n"
        "commands:\n"
        "  init     --data-dir D --kind KIND --county NAME [--township|--street|--station|--village NAME]\n"
        "           --admin NAME: a centre with its standard name and its first admin (password on stdin)\n"
        "  backup   --data-dir D --out FILE: the database (a snapshot while serving) and the stored files, with checksums\n"
        "  restore  FILE --data-dir D [--replace]: checked whole before anything is written\n"
        "  render   lay out text and draw it as LED pages (PNG or PBM), with a layout dump\n"
        "  fonts    list the font profiles and the font files they use\n"
        "  send     render and send to a screen (BX-K, BX-6, Alpha, DDP) over serial, TCP or UDP\n"
        "  emulate  behave like a controller card: decode what arrives, answer, keep the screen\n"
        "  probe    --to ADDRESS [--timeout-ms N] [--protocol P,...] [--address N,...]: find the cards on a\n"
        "           line (protocols, baud rates, addresses) and print what each says of itself\n"
        "  ports    list the serial ports of this machine\n"
        "  import   matters|notices FILE.xlsx|FILE.csv [--dry-run] [--centre ID] [--data-dir D] [--user NAME], or demo [--data-dir D]\n"
        "  export   matters|notices FILE.xlsx|FILE.csv|- [--centre ID] [--data-dir D]\n"
        "  compose  --data-dir D --screen ID [--program ID] [--at \"YYYY-MM-DD HH:MM\" | --today YYYY-MM-DD]\n"
        "           --out-dir DIR: what the screen plays then, as its schedule says, or\n"
        "           --data-dir D --width W --height H [--font F] [--color C] [--centre ID]\n"
        "           --what matter-list|fee-table|notices|welcome|window:ID --out-dir DIR\n"
        "  print    --sheet poster|guide|checklist|postcards|sign|notice [--matter ID] [--notice ID]\n"
        "           [--paper A4|A3|A2|WxHmm] [--landscape] [--data-dir D] --out FILE.pdf|.svg|.png [--dpi N]:\n"
        "           signage for paper from the records\n"
        "  check    [--data-dir D] [--json] [--today YYYY-MM-DD]: what the records lack against the\n"
        "           standard; exit 0 when no finding is an error, 2 when one is\n"
        "  calendar import FILE | show YEAR [--csv] [--data-dir D]: holidays and make-up working days (the\n"
        "           State Council's ship with gongshi; FILE has rows 日期,类型,名称 with 类型 放假 or 上班)\n"
        "  serve    [--port N] [--data-dir D] [--config FILE] [--host H] [--threads N] [--port-file F]\n"
        "           [--web-dir DIR] [--log-file F]: the content server, API and admin page\n"
        "  user     add NAME --role admin|editor|window [--window ID] | remove NAME | list | password NAME\n"
        "           [--data-dir D]: who may log in; passwords are read from standard input\n"
        "  token    add NAME --scope calls | list | remove NAME [--data-dir D]: tokens for the queue-calling\n"
        "           system (printed once, only a hash kept)\n"
        "  migrate-to postgresql://USER[:PASSWORD]@HOST[:PORT]/DB --data-dir D: the data directory's records\n"
        "           into an empty PostgreSQL database, all or nothing (then serve --database, for a county)\n"
        "  call     --window ID --ticket A012 [--seconds N] [--to URL] [--token T | $GONGSHI_TOKEN] [--data-dir D]:\n"
        "           a queue call through a running server (docs/queue-calls.md)\n",
        out);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 1 : 0;
    }
    if (std::strcmp(argv[1], "--version") == 0) {
        std::printf("gongshi %s\n", GONGSHI_VERSION);
        return 0;
    }
    // The hall's time zone for every date and clock time (schedules, "today", logs): China's, unless
    // TZ says otherwise (gongshi serve --timezone sets it for the server).
    if (const char* tz = std::getenv("TZ"); !tz || !*tz) setenv("TZ", "Asia/Shanghai", 1);
    tzset();
    std::string command = argv[1];
    std::vector<std::string> args(argv + 2, argv + argc);
    try {
        if (command == "render") return gongshi::app::renderCommand(args);
        if (command == "fonts") return gongshi::app::fontsCommand(args);
        if (command == "send") return gongshi::app::sendCommand(args);
        if (command == "emulate") return gongshi::app::emulateCommand(args);
        if (command == "probe") return gongshi::app::probeCommand(args);
        if (command == "ports") return gongshi::app::portsCommand(args);
        if (command == "import") return gongshi::app::importCommand(args);
        if (command == "export") return gongshi::app::exportCommand(args);
        if (command == "compose") return gongshi::app::composeCommand(args);
        if (command == "check") return gongshi::app::checkCommand(args);
        if (command == "calendar") return gongshi::app::calendarCommand(args);
        if (command == "print") return gongshi::app::printCommand(args);
        if (command == "serve") return gongshi::app::serveCommand(args);
        if (command == "user") return gongshi::app::userCommand(args);
        if (command == "token") return gongshi::app::tokenCommand(args);
        if (command == "call") return gongshi::app::callCommand(args);
        if (command == "init") return gongshi::app::initCommand(args);
        if (command == "backup") return gongshi::app::backupCommand(args);
        if (command == "restore") return gongshi::app::restoreCommand(args);
        if (command == "migrate-to") return gongshi::app::migrateCommand(args);
        std::fprintf(stderr, "gongshi: unknown command '%s'\n", command.c_str());
        usage(stderr);
        return 1;
    } catch (const gongshi::Error& e) {
        std::fprintf(stderr, "gongshi %s: %s\n", command.c_str(), e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gongshi %s: internal error: %s\n", command.c_str(), e.what());
        return 2;
    }
}
