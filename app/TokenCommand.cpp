// gongshi token add NAME --scope calls | list | remove NAME [--data-dir D]: tokens for machines
// that call the API without a person (the hall's queue-calling system). A new token is printed
// once; the database keeps only its SHA-256. Works while a server runs (tokens are read from the
// database at each request).
#include "app/Args.h"
#include "app/Commands.h"
#include "common/Error.h"
#include "common/Messages.h"
#include "records/Database.h"
#include "server/ApiTokens.h"

#include <cstdio>

namespace gongshi::app {

int tokenCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"scope", "data-dir", "database"}, {});
    const auto& pos = args.positional();
    const std::string usage = "gongshi token add 名称 --scope calls | list | remove 名称 [--data-dir 数据目录]";
    if (pos.empty()) throw InputError(msg::cliUsage(usage));
    content::Database db(args.get("data-dir", "./var"), args.get("database", ""));
    server::ApiTokens tokens(db);
    const std::string& verb = pos[0];
    refusalsAsInputErrors([&] {
        if (verb == "list" && pos.size() == 1) {
            const auto all = tokens.list();
            if (all.empty()) std::printf("没有令牌\n");
            for (const auto& t : all)
                std::printf("%s\t用途 %s\t创建于 %s\t%s\n", t.name.c_str(), t.scope.c_str(), t.createdAt.c_str(),
                            t.lastUsedAt.empty() ? "从未使用" : ("最近使用 " + t.lastUsedAt).c_str());
            return;
        }
        if (pos.size() != 2) throw InputError(msg::cliUsage(usage));
        const std::string& name = pos[1];
        if (verb == "add") {
            if (!args.has("scope")) throw InputError(msg::cliRequired("scope", "calls（排队叫号）"));
            const std::string token = tokens.add(name, *args.get("scope"));
            std::fprintf(stderr, "已创建令牌“%s”（用途 %s）。令牌只显示这一次，请妥善保存；遗失后请删除并重新创建：\n", name.c_str(),
                         args.get("scope")->c_str());
            std::printf("%s\n", token.c_str());
        } else if (verb == "remove") {
            tokens.remove(name);
            std::printf("已删除令牌“%s”，用它的请求从此被拒绝\n", name.c_str());
        } else {
            throw InputError("未知的 token 子命令“" + verb + "”；用法：" + usage);
        }
    });
    return 0;
}

} // namespace gongshi::app
