#include "app/DataDir.h"

#include "common/Error.h"
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
    if (used != text.size() || id <= 0) throw InputError("--" + option + " expects a record id, got '" + text + "'");
    return id;
}

std::unique_ptr<content::Database> openData(const std::string& dir) {
    if (!std::filesystem::exists(std::filesystem::path(dir) / "gongshi.db"))
        throw InputError("no records in " + dir + " (gongshi.db not found): import or create records first");
    return std::make_unique<content::Database>(dir);
}

content::Id onlyCentre(content::Database& db) {
    auto centres = content::RecordStore<content::Centre>(db).all();
    if (centres.empty()) throw InputError("the data directory has no centre yet");
    if (centres.size() > 1) {
        std::string ids;
        for (const auto& c : centres) ids += " " + std::to_string(c.meta.id);
        throw InputError("the data directory has several centres; choose one with --centre (ids:" + ids + ")");
    }
    return centres.front().meta.id;
}

} // namespace gongshi::app
