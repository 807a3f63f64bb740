#include "records/Pictures.h"

#include "records/Database.h"
#include "records/JsonText.h"
#include "records/RecordJson.h"
#include "records/RecordTraits.h"

#include <Poco/Data/Statement.h>

using namespace Poco::Data::Keywords;

namespace gongshi::content {
namespace {

constexpr const char* kColumns = "SELECT id, name, path, width, height, bytes, uploaded_at, uploaded_by FROM pictures";

std::vector<Picture> select(Connection& s, const std::string& tail, Id bound) {
    std::vector<Id> ids;
    std::vector<std::string> names, paths, at, by;
    std::vector<int> widths, heights;
    std::vector<std::int64_t> bytes;
    Poco::Data::Statement st(s.poco());
    st << s.dialect(std::string(kColumns) + tail), into(ids), into(names), into(paths), into(widths), into(heights), into(bytes), into(at),
        into(by);
    if (tail.find('?') != std::string::npos) st, use(bound);
    st.execute();
    std::vector<Picture> out;
    for (std::size_t i = 0; i < ids.size(); ++i) out.push_back({ids[i], names[i], paths[i], widths[i], heights[i], bytes[i], at[i], by[i]});
    return out;
}

bool shows(const Program& p, Id picture) {
    for (const auto& a : p.areas)
        for (const auto& item : a.items)
            if (item.kind == ItemKind::Image && item.recordId == picture) return true;
    return false;
}

std::vector<Program> programsShowing(Connection& s, Id picture) {
    std::vector<std::string> data;
    s << "SELECT data FROM " + std::string(RecordTraits<Program>::table) + " ORDER BY id", into(data), now;
    std::vector<Program> out;
    for (const auto& d : data) {
        Program p = fromStoredJson<Program>(*readJsonObject(d, "保存的节目"));
        if (shows(p, picture)) out.push_back(std::move(p));
    }
    return out;
}

} // namespace

std::vector<Picture> listPictures(Database& db) {
    Connection s = db.session();
    return select(s, " ORDER BY id", 0);
}

std::optional<Picture> findPicture(Database& db, Id id) {
    Connection s = db.session();
    auto found = select(s, " WHERE id = ?", id);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

Picture addPicture(Database& db, Picture picture, const PictureWriteAlso& also) {
    db.write([&](Connection& s) {
        std::int64_t bytes = picture.bytes;
        s << "INSERT INTO pictures (name, path, width, height, bytes, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?)"
             " RETURNING id",
            use(picture.name), use(picture.path), use(picture.width), use(picture.height), use(bytes), use(picture.uploadedAt),
            use(picture.uploadedBy), into(picture.id), now;
        if (also) also(s, picture);
    });
    return picture;
}

std::vector<Program> programsShowingPicture(Database& db, Id id) {
    Connection s = db.session();
    return programsShowing(s, id);
}

PictureRemoval removePicture(Database& db, Id id, const PictureWriteAlso& also) {
    PictureRemoval out;
    db.write([&](Connection& s) {
        const auto found = select(s, " WHERE id = ?", id);
        if (found.empty()) return;
        out.usedBy = programsShowing(s, id);
        if (!out.usedBy.empty()) return;
        Id key = id;
        s << "DELETE FROM pictures WHERE id = ?", use(key), now;
        out.removed = true;
        if (also) also(s, found.front());
    });
    return out;
}

} // namespace gongshi::content
