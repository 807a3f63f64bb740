#include "app/DataDir.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "records/RecordStore.h"

#include <filesystem>

namespace gongshi::app {

content::Id parseId(const std::string& option, const std::string& text) {
    std::size_t used = 0;
    long long id = 0;
    try {
        id = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || id <= 0) throw InputError(msg::cliNotRecordId(option, text));
    return id;
}

std::optional<content::Id> centreOption(const Args& args) {
    if (auto c = args.get("centre")) return parseId("centre", *c);
    return std::nullopt;
}

std::unique_ptr<content::Database> openData(const std::string& dir, const std::string& database) {
    if (!database.empty()) {
        content::parsePostgresAddress(database); // a bad address said as such, before connecting
        return std::make_unique<content::Database>(dir, database);
    }
    if (!std::filesystem::exists(std::filesystem::path(dir) / "gongshi.db")) throw InputError(msg::noDatabaseIn(dir));
    return std::make_unique<content::Database>(dir);
}

std::unique_ptr<content::Database> openData(const Args& args) { return openData(args.get("data-dir", "./var"), args.get("database", "")); }

content::Centre chooseCentre(content::Database& db, std::optional<content::Id> id, const std::string& dir) {
    content::RecordStore<content::Centre> store(db);
    if (id) {
        auto c = store.find(*id);
        if (!c) throw InputError(msg::noSuchCentreIn(*id, dir));
        return *c;
    }
    auto centres = store.all();
    if (centres.empty()) throw InputError(msg::noCentreIn(dir));
    if (centres.size() > 1) {
        std::string list;
        for (const auto& c : centres) list += (list.empty() ? "" : "、") + std::to_string(c.meta.id) + " " + c.name;
        throw InputError(msg::severalCentresIn(dir, centres.size(), list));
    }
    return centres.front();
}

} // namespace gongshi::app
