#pragma once
#include <string>
#include <vector>

namespace gongshi::app {

// Each returns the process exit status; errors that reach the user are thrown as gongshi::Error.
int renderCommand(const std::vector<std::string>& args);
int fontsCommand(const std::vector<std::string>& args);
int sendCommand(const std::vector<std::string>& args);
int emulateCommand(const std::vector<std::string>& args);
int probeCommand(const std::vector<std::string>& args); // 0: a card answered, 5: none did
int portsCommand(const std::vector<std::string>& args);
int importCommand(const std::vector<std::string>& args);
int exportCommand(const std::vector<std::string>& args);
int composeCommand(const std::vector<std::string>& args);
int serveCommand(const std::vector<std::string>& args);
int userCommand(const std::vector<std::string>& args);
int backupCommand(const std::vector<std::string>& args);
int restoreCommand(const std::vector<std::string>& args);
int migrateCommand(const std::vector<std::string>& args); // gongshi migrate-to URL: SQLite into PostgreSQL
int initCommand(const std::vector<std::string>& args);    // a centre and its first admin, in an empty data directory
int checkCommand(const std::vector<std::string>& args);   // 0: no errors, 2: errors found, 1: bad input
int printCommand(const std::vector<std::string>& args);   // 3: missing characters with --strict-glyphs
// import FILE | show YEAR: the holiday calendar.
int calendarCommand(const std::vector<std::string>& args);
// add NAME --scope calls | list | remove NAME: tokens for machines (the queue-calling system).
int tokenCommand(const std::vector<std::string>& args);
// --window ID --ticket A012: a queue call through a running server (1: refused or no server).
int callCommand(const std::vector<std::string>& args);

} // namespace gongshi::app
