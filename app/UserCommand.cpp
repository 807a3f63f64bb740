// gongshi user add NAME --role R [--window ID] [--centre ID] | remove NAME | list | password NAME | unlock NAME:
// the people who may log in to the admin page. `unlock` lifts a lock-out after failed logins, also
// while a server runs (lock-outs are in the database). Passwords come from standard input (the first line), never
// from the command line, and there is no default one. A user added with --centre works in that
// centre only; without, in the whole county.
#include "app/Args.h"
#include "app/Commands.h"
#include "common/Error.h"
#include "common/Messages.h"
#include "records/Database.h"
#include "server/Auth.h"

#include <cstdio>
#include <iostream>

namespace gongshi::app {
namespace {

std::string passwordFromStdin() {
    std::string line;
    if (!std::getline(std::cin, line)) throw InputError(msg::passwordOnStdin());
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

} // namespace

int userCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"role", "window", "centre", "data-dir", "database"}, {});
    const auto& pos = args.positional();
    const std::string usage = "gongshi user add 用户名 --role admin|editor|window [--window 窗口编号] [--centre 服务中心编号] | remove "
                              "用户名 | list | password 用户名 | unlock 用户名";
    if (pos.empty()) throw InputError(msg::cliUsage(usage));
    content::Database db(args.get("data-dir", "./var"), args.get("database", ""));
    server::Auth auth(db);
    const std::string& verb = pos[0];
    if (verb == "list" && pos.size() == 1) {
        for (const auto& u : auth.users())
            std::printf("%s\t%s%s%s\n", u.username.c_str(), u.role.c_str(),
                        u.windowId ? ("\twindow " + std::to_string(u.windowId)).c_str() : "",
                        u.centreId ? ("\tcentre " + std::to_string(u.centreId)).c_str() : "");
        return 0;
    }
    if (pos.size() != 2) throw InputError(msg::cliUsage(usage));
    const std::string& name = pos[1];
    refusalsAsInputErrors([&] {
        if (verb == "add") {
            if (!args.has("role")) throw InputError(msg::cliRequired("role", "admin（管理员）、editor（编辑）或 window（窗口人员）"));
            const content::Id window = args.getInt("window", 0, 0, 1 << 30);
            const content::Id centre = args.getInt("centre", 0, 1, 1 << 30);
            auth.addUser(name, *args.get("role"), window, passwordFromStdin(), "cli", centre);
            std::printf("%s\n", msg::userAdded(name, *args.get("role")).c_str());
        } else if (verb == "remove") {
            auth.removeUser(name, "cli");
            std::printf("%s\n", msg::userRemoved(name).c_str());
        } else if (verb == "unlock") {
            std::printf("%s\n", msg::userUnlocked(name, auth.unlock(name, "cli")).c_str());
        } else if (verb == "password") {
            auth.setPassword(name, passwordFromStdin(), "cli");
            std::printf("%s\n", msg::passwordChanged(name).c_str());
        } else {
            throw InputError(msg::unknownUserCommand(verb, usage));
        }
    });
    return 0;
}

} // namespace gongshi::app
