#include "server/CentreScope.h"

#include "common/Error.h"
#include "common/Messages.h"

#include <limits>

using namespace Poco::Data::Keywords;

namespace gongshi::server {
namespace {

// Label and centre of a record of `kind`, by the record type's own traits.
template <class T> bool lookUp(content::Database& db, const std::string& kind, content::Id id, std::string& label, content::Id& centre) {
    using Traits = content::RecordTraits<T>;
    if (kind != Traits::kind) return false;
    label = Traits::label;
    content::Connection s = db.session();
    std::vector<content::Id> found;
    content::Id key = id;
    if constexpr (std::is_same_v<T, content::Centre>)
        s << "SELECT id FROM centres WHERE id = ?", use(key), into(found), now;
    else if constexpr (std::is_same_v<T, content::Program>)
        s << "SELECT s.owner_id FROM programs p JOIN screens s ON s.id = p.owner_id WHERE p.id = ?", use(key), into(found), now;
    else
        s << std::string("SELECT owner_id FROM ") + Traits::table + " WHERE id = ?", use(key), into(found), now;
    centre = found.empty() ? 0 : found.front();
    return true;
}

bool lookUpAny(content::Database& db, const std::string& kind, content::Id id, std::string& label, content::Id& centre) {
    return lookUp<content::Centre>(db, kind, id, label, centre) || lookUp<content::Window>(db, kind, id, label, centre) ||
           lookUp<content::Staff>(db, kind, id, label, centre) || lookUp<content::Matter>(db, kind, id, label, centre) ||
           lookUp<content::Notice>(db, kind, id, label, centre) || lookUp<content::ScreenRecord>(db, kind, id, label, centre) ||
           lookUp<content::Program>(db, kind, id, label, centre);
}

} // namespace

content::Id callerCentre(const Exchange& ex) { return ex.user ? ex.user->centreId : 0; }

bool reachesCentre(const Exchange& ex, content::Id centreId) {
    const content::Id own = callerCentre(ex);
    return own == 0 || own == centreId;
}

void requireCentre(const Exchange& ex, content::Id centreId, const std::string& notFound) {
    if (!reachesCentre(ex, centreId)) throw NotFoundError(notFound);
}

content::Id listCentre(const Exchange& ex) {
    const content::Id asked = ex.queryInt("centre_id", 0, 0, std::numeric_limits<int>::max());
    const content::Id own = callerCentre(ex);
    if (own == 0) return asked;
    if (asked != 0 && asked != own) throw NotFoundError(msg::recordNotFound(content::RecordTraits<content::Centre>::label, asked));
    return own;
}

content::Id centreOf(content::Database& db, const std::string& kind, content::Id id) {
    std::string label;
    content::Id centre = 0;
    lookUpAny(db, kind, id, label, centre);
    return centre;
}

void requireRecord(content::Database& db, const Exchange& ex, const std::string& kind, content::Id id) {
    std::string label;
    content::Id centre = 0;
    if (!lookUpAny(db, kind, id, label, centre)) throw NotFoundError(msg::recordNotFound(kind, id));
    if (centre == 0 || !reachesCentre(ex, centre)) throw NotFoundError(msg::recordNotFound(label, id));
}

} // namespace gongshi::server
