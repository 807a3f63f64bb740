// The record collections of the API: list, create, read, update, delete, revisions and restore,
// plus a window's status (the one write window staff may make) and staff photos.
#include "common/Error.h"
#include "records/Publication.h"
#include "records/RecordJson.h"
#include "records/RecordStore.h"
#include "common/Messages.h"
#include "print/ImageDecode.h"
#include "server/ApiContext.h"
#include "server/AuditLog.h"
#include "server/CentreScope.h"
#include "server/HttpError.h"
#include "server/ScreenLinks.h"
#include "server/IdempotencyKeys.h"
#include "server/ProgramRoutes.h"

#include <Poco/JSON/Array.h>

namespace gongshi::server {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr newObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

int versionField(const Object& o) {
    if (!o.has("version") || o.get("version").isEmpty()) throw ConflictError(msg::saveWithoutVersion());
    try {
        return o.getValue<int>("version");
    } catch (const Poco::Exception&) {
        throw ValidationError("version", "版本应为数字");
    }
}

// The owner a record must point at exists (else the database's foreign key would refuse it
// with a message no one can act on) and is of the caller's centre (else 404, as for a record of
// another centre); a program also fits its screen (checkProgram). Only county users add centres.
template <class T> void requireOwner(ApiContext& ctx, const Exchange& ex, const T& r) {
    using Traits = content::RecordTraits<T>;
    using Owner = typename Traits::Owner;
    if constexpr (!std::is_void_v<Owner>) {
        const content::Id owner = Traits::owner(r);
        const auto found = content::RecordStore<Owner>(ctx.db).find(owner);
        const std::string notFound = msg::recordNotFound(content::RecordTraits<Owner>::label, owner);
        // To a user of one centre, an owner that is not there reads as one of another centre: ids tell nothing.
        if (!found && callerCentre(ex)) throw NotFoundError(notFound);
        if (!found)
            throw ValidationError(Traits::ownerKey,
                                  std::string(content::RecordTraits<Owner>::label) + " " + std::to_string(owner) + " 不存在");
        requireCentre(ex, centreOf(ctx.db, *found), notFound);
    } else if (!r.meta.id && callerCentre(ex)) {
        throw HttpError(403, msg::onlyCountyAddsCentres());
    }
    if constexpr (std::is_same_v<T, content::Program>) checkProgram(ctx, r);
}

// A matter's or notice's JSON with where it stands for approval ("approval"), when its centre
// needs approval: waiting, sent back (with the comment) or approved, and the title screens show
// meanwhile.
Object::Ptr approvalJson(const content::ApprovalState& st) {
    Object::Ptr o = newObject();
    o->set("state", st.state);
    o->set("comment", st.comment);
    o->set("by", st.by);
    o->set("at", st.at);
    o->set("approved_version", st.approvedVersion ? Poco::Dynamic::Var(st.approvedVersion) : Poco::Dynamic::Var());
    // What the screens show of it now, when not this version: null when nothing.
    o->set("shown_title", st.state == "approved" ? Poco::Dynamic::Var()
                          : st.approvedVersion   ? Poco::Dynamic::Var(st.shownTitle)
                                                 : Poco::Dynamic::Var());
    return o;
}

template <class T> constexpr bool kApproved = std::is_same_v<T, content::Matter> || std::is_same_v<T, content::Notice>;

template <class T> Object::Ptr recordJson(ApiContext& ctx, const T& r) {
    Object::Ptr o = content::toJson(r);
    if constexpr (kApproved<T>) {
        const auto states = content::approvalStates(ctx.db, content::RecordTraits<T>::kind, r.meta.id);
        if (const auto it = states.find(r.meta.id); it != states.end()) o->set("approval", approvalJson(it->second));
    } else {
        (void)ctx;
    }
    return o;
}

// A save by an admin is approved as it is made; an editor's waits when the centre wants approval.
template <class T> void afterSave(ApiContext& ctx, const Exchange& ex, const T& r) {
    if constexpr (kApproved<T>) {
        auto centre = content::RecordStore<content::Centre>(ctx.db).find(r.centreId);
        if (ex.user->isAdmin() || !centre || !centre->publishingNeedsApproval)
            content::approve(ctx.db, content::RecordTraits<T>::kind, r.meta.id, r.meta.version, ex.user->username);
    } else {
        (void)ctx;
        (void)ex;
        (void)r;
    }
}

// What belongs to record `id` of type T, counted by record type: "6个窗口、29个事项"; empty when
// nothing does. A delete of such a record would break the database's foreign keys.
template <class T> std::string dependentsOf(ApiContext& ctx, content::Id id) {
    std::string out;
    auto count = [&]<class C>() {
        if constexpr (std::is_same_v<typename content::RecordTraits<C>::Owner, T>) {
            content::ListQuery q;
            q.ownerId = id;
            q.limit = 1;
            if (const auto total = content::RecordStore<C>(ctx.db).listJson(q).total; total > 0)
                out += (out.empty() ? "" : "、") + std::to_string(total) + "个" + content::RecordTraits<C>::label;
        }
    };
    count.template operator()<content::Window>();
    count.template operator()<content::Staff>();
    count.template operator()<content::Matter>();
    count.template operator()<content::Notice>();
    count.template operator()<content::ScreenRecord>();
    count.template operator()<content::Program>();
    return out;
}

// What points at record `id` of type T without belonging to it, named: a window's users and the
// staff at its posts, the windows where a staff member holds a post. Empty when nothing does. The
// database has no foreign key for these, so a delete would leave them pointing at nothing.
template <class T> std::string pointersTo(ApiContext& ctx, content::Id id) {
    std::vector<std::string> out;
    if constexpr (std::is_same_v<T, content::Window>) {
        for (const auto& u : ctx.auth.users())
            if (u.role == "window" && u.windowId == id) out.push_back(msg::windowUserAccount(u.username));
        const auto window = content::RecordStore<content::Window>(ctx.db).find(id);
        auto staffAt = [&](content::Id staffId, const char* post) {
            if (!staffId) return;
            const auto staff = content::RecordStore<content::Staff>(ctx.db).find(staffId);
            out.push_back(msg::staffAtPost(post, staff ? staff->name : std::to_string(staffId)));
        };
        if (window) {
            staffAt(window->postA, "A岗");
            staffAt(window->postB, "B岗");
        }
    } else if constexpr (std::is_same_v<T, content::Staff>) {
        if (const auto staff = content::RecordStore<content::Staff>(ctx.db).find(id))
            for (const auto& w : content::RecordStore<content::Window>(ctx.db).all(staff->centreId)) {
                if (w.postA == id) out.push_back(msg::postAtWindow(w.number, "A岗"));
                if (w.postB == id) out.push_back(msg::postAtWindow(w.number, "B岗"));
            }
    } else {
        (void)ctx;
        (void)id;
    }
    std::string joined;
    for (const auto& o : out) joined += (joined.empty() ? "" : "、") + o;
    return joined;
}

void auditApprovalSetting(ApiContext& ctx, const Exchange& ex, content::Id centreId, bool before, bool after) {
    auto json = [](bool on) { return std::string("{\"publishing_needs_approval\":") + (on ? "true" : "false") + "}"; };
    ctx.db.write([&](content::Connection& s) {
        recordAuditEvent(s, {"", content::utcNow(), ex.user->username, "approval-setting", "centre", centreId, json(before), json(after)});
    });
}

// A record's revisions are the caller's when the record is of their centre or, deleted, was when
// last saved (`last`): else the record's 404.
template <class T> void requireRevisionsInScope(ApiContext& ctx, const Exchange& ex, content::Id id, const content::Revision& last) {
    if (content::RecordStore<T>(ctx.db).find(id)) return requireRecord<T>(ctx.db, ex, id);
    const T was = content::fromJson<T>(*content::readJsonObject(last.content, "保存的记录"));
    requireCentre(ex, centreOf(ctx.db, was), msg::recordNotFound(content::RecordTraits<T>::label, id));
}

// Window staff read only their own window.
void requireWindowAccess(const Exchange& ex, content::Id windowId) {
    if (ex.user->canEdit()) return;
    if (ex.user->role == "window" && ex.user->windowId == windowId) return;
    throw HttpError(403, msg::onlyOwnWindow());
}

// Window staff see the photos of the staff at their own window only.
void requireStaffOfOwnWindow(ApiContext& ctx, const Exchange& ex, content::Id staffId) {
    if (ex.user->canEdit()) return;
    if (ex.user->role == "window")
        if (auto w = content::RecordStore<content::Window>(ctx.db).find(ex.user->windowId);
            w && (w->postA == staffId || w->postB == staffId))
            return;
    throw HttpError(403, msg::onlyOwnWindowStaff());
}

// A photo as it is kept: its own bytes decoded ("jpg" or "png"; a body that only claims to be a
// picture, HTML or SVG, would be served back as one), no more than kMaxPicturePixels, and kept at
// most kStoredPictureSide pixels on its long side, encoded again: every sheet that prints it then
// decodes a small picture, whatever the phone took.
renderer::StoredPicture checkedPhoto(const std::string& bytes) {
    renderer::PictureHeader header;
    try {
        header = renderer::readPictureHeader(bytes, "photo");
    } catch (const InputError&) {
        throw HttpError(415, renderer::pictureType(bytes).empty() ? msg::photoNotPicture() : msg::photoDamaged(), "photo");
    }
    if (static_cast<long long>(header.width) * header.height > renderer::kMaxPicturePixels)
        throw HttpError(413, msg::photoTooLarge(header.width, header.height, renderer::kMaxPicturePixels), "photo");
    try {
        return renderer::normalisePicture(bytes, "photo");
    } catch (const InputError&) {
        throw HttpError(415, msg::photoDamaged(), "photo");
    }
}

template <class T> void addCollection(ApiContext& ctx) {
    using Store = content::RecordStore<T>;
    using Traits = content::RecordTraits<T>;
    const std::string name = Traits::collection, ownerParam = Traits::ownerKey;
    const std::string base = "/api/" + name;
    const std::string kind = Traits::kind;
    Router& r = ctx.router;
    const Access read = std::is_same_v<T, content::Window> ? Access::Session : Access::Editor;

    r.add("GET", base, Access::Editor, "List " + name + " (q, limit, offset, " + ownerParam + ")", [&ctx, ownerParam, name](Exchange& ex) {
        content::ListQuery q;
        q.text = ex.query("q");
        q.limit = ex.queryInt("limit", 100, 1, 1000);
        q.offset = ex.queryInt("offset", 0, 0, 1 << 30);
        q.ownerId = ex.queryInt(ownerParam, 0, 0, 1 << 30);
        q.centreId = listCentre(ex);
        // A program list by screen: a screen of another centre is as unknown as its programs.
        if constexpr (std::is_same_v<T, content::Program>)
            if (q.ownerId && callerCentre(ex)) requireRecord<content::ScreenRecord>(ctx.db, ex, q.ownerId);
        // On PostgreSQL the answer is kept until the records change (server/ListCache).
        const std::string cacheKey = name + '\n' + std::to_string(q.ownerId) + '\n' + std::to_string(q.centreId) + '\n' +
                                     std::to_string(q.limit) + '\n' + std::to_string(q.offset) + '\n' + q.text;
        if (const auto kept = ctx.lists->find(cacheKey)) {
            ex.startJson(200, kept->size()).write(kept->data(), static_cast<std::streamsize>(kept->size()));
            return;
        }
        const auto token = ctx.lists->token();
        // The stored JSON is what the API sends: no decoding and encoding again per request.
        auto page = Store(ctx.db).listJson(q);
        if constexpr (kApproved<T>) {
            // Each item with where it stands, when its centre needs approval.
            const auto states = content::approvalStates(ctx.db, Traits::kind, std::set<content::Id>(page.ids.begin(), page.ids.end()));
            if (!states.empty())
                for (auto& item : page.items) {
                    Object::Ptr o = content::readJsonObject(item, "保存的记录");
                    const auto it = states.find(o->getValue<content::Id>("id"));
                    if (it == states.end()) continue;
                    o->set("approval", approvalJson(it->second));
                    item = content::jsonText(o);
                }
        }
        const std::string total = std::to_string(page.total);
        std::size_t size = std::string_view("{\"items\":[],\"total\":}").size() + total.size();
        for (const auto& item : page.items) size += item.size() + 1;
        if (!page.items.empty()) --size;
        const auto write = [&](auto& out) {
            out.append("{\"items\":[");
            for (std::size_t i = 0; i < page.items.size(); ++i) {
                if (i) out.append(",");
                out.append(page.items[i]);
            }
            out.append("],\"total\":").append(total).append("}");
        };
        if (token) {
            std::string body;
            body.reserve(size);
            write(body);
            ex.startJson(200, body.size()).write(body.data(), static_cast<std::streamsize>(body.size()));
            ctx.lists->keep(cacheKey, *token, std::move(body));
            return;
        }
        // Written piece by piece into the socket's buffer: a list of 200 matters is 180 KB,
        // and copying it once more costs more than building it.
        struct Socket {
            std::ostream& out;
            Socket& append(const std::string& text) {
                out.write(text.data(), static_cast<std::streamsize>(text.size()));
                return *this;
            }
        } socket{ex.startJson(200, size)};
        write(socket);
    });
    r.add("POST", base, Access::Editor, "Create a " + kind + " (Idempotency-Key: once per key)", [&ctx](Exchange& ex) {
         const std::string key = ex.request.get("Idempotency-Key", "");
         if (!key.empty()) {
             if (auto first = takeIdempotencyKey(ctx.db, ex.user->username, key, ex.path())) {
                 ex.response.set("Idempotent-Replayed", "true");
                 ex.sendJson(first->status, first->body);
                 return;
             }
         }
         std::string answer;
         try {
             T record = content::fromJson<T>(*ex.jsonBody());
             record.meta = {};
             requireOwner(ctx, ex, record);
             if constexpr (std::is_same_v<T, content::ScreenRecord>) checkScreenAddress(record);
             record = Store(ctx.db).create(record, ex.user->username);
             afterSave(ctx, ex, record);
             answer = content::jsonText(recordJson(ctx, record));
         } catch (...) {
             if (!key.empty()) releaseKey(ctx.db, ex.user->username, key); // nothing was created: a retry may try again
             throw;
         }
         // Kept before sending: the answer lost on its way is the very case a retry comes back for.
         if (!key.empty()) rememberAnswer(ctx.db, ex.user->username, key, {ex.okStatus, answer});
         ex.sendJson(ex.okStatus, answer);
     }).created();
    r.add("GET", base + "/{id}", read, "Read a " + kind, [&ctx](Exchange& ex) {
        const content::Id id = ex.id();
        if constexpr (std::is_same_v<T, content::Window>) requireWindowAccess(ex, id);
        ex.sendJson(200, recordJson(ctx, getRecord<T>(ctx.db, ex, id)));
    });
    r.add("PUT", base + "/{id}", Access::Editor, "Save a " + kind + " with the version read (409 when stale)", [&ctx](Exchange& ex) {
        const content::Id id = ex.id();
        requireRecord<T>(ctx.db, ex, id);
        auto body = ex.jsonBody();
        const int version = versionField(*body);
        T record = content::fromJson<T>(*body);
        record.meta.id = id;
        record.meta.version = version;
        requireOwner(ctx, ex, record);
        if constexpr (std::is_same_v<T, content::ScreenRecord>) checkScreenAddress(record);
        if constexpr (std::is_same_v<T, content::Centre>) {
            const bool before = Store(ctx.db).get(id).publishingNeedsApproval;
            // An editor who could switch approval off, save and switch it on again would publish
            // without anyone approving.
            if (before != record.publishingNeedsApproval && !ex.user->isAdmin())
                throw HttpError(403, msg::onlyAdminSetsApproval(), "publishing_needs_approval");
            record = Store(ctx.db).update(record, ex.user->username);
            if (!before && record.publishingNeedsApproval) content::approveCurrent(ctx.db, id, ex.user->username);
            if (before != record.publishingNeedsApproval) auditApprovalSetting(ctx, ex, id, before, record.publishingNeedsApproval);
        } else {
            record = Store(ctx.db).update(record, ex.user->username);
        }
        afterSave(ctx, ex, record);
        ex.sendJson(200, recordJson(ctx, record));
    });
    r.add("DELETE", base + "/{id}", Access::Editor, "Delete a " + kind + " (?version=N, 409 when stale)", [&ctx](Exchange& ex) {
        const content::Id id = ex.id();
        requireRecord<T>(ctx.db, ex, id);
        if (!ex.hasQuery("version")) throw ConflictError(msg::deleteWithoutVersion());
        if (const std::string dependents = dependentsOf<T>(ctx, id); !dependents.empty())
            throw HttpError(409, msg::stillReferenced(Traits::label, id, dependents));
        if (const std::string pointers = pointersTo<T>(ctx, id); !pointers.empty())
            throw HttpError(409, msg::stillPointedTo(Traits::label, id, pointers));
        Store(ctx.db).remove(id, ex.queryInt("version", 0, 0, 1 << 30), ex.user->username);
        ex.replyEmpty();
    });
    r.add("GET", base + "/{id}/revisions", Access::Editor, "Revisions of a " + kind, [&ctx](Exchange& ex) {
        const content::Id id = ex.id();
        auto revisions = Store(ctx.db).revisions(id);
        if (revisions.empty()) throw NotFoundError(msg::recordNotFound(Traits::label, id));
        requireRevisionsInScope<T>(ctx, ex, id, revisions.back());
        Array::Ptr items = new Array;
        for (const auto& rev : revisions) {
            Object::Ptr o = newObject();
            o->set("version", rev.version);
            o->set("action", rev.action);
            o->set("changed_at", rev.changedAt);
            o->set("changed_by", rev.changedBy);
            items->add(o);
        }
        Object::Ptr o = newObject();
        o->set("items", items);
        o->set("total", static_cast<int>(revisions.size()));
        ex.sendJson(200, o);
    });
    r.add("GET", base + "/{id}/revisions/{version}", Access::Editor, "One revision of a " + kind, [&ctx](Exchange& ex) {
        const content::Id id = ex.id();
        const int version = ex.integerParam("version");
        if (auto rev = Store(ctx.db).revision(id, version)) {
            requireRevisionsInScope<T>(ctx, ex, id, Store(ctx.db).revisions(id).back());
            Object::Ptr o = newObject();
            o->set("version", rev->version);
            o->set("action", rev->action);
            o->set("changed_at", rev->changedAt);
            o->set("changed_by", rev->changedBy);
            o->set("record", content::readJsonObject(rev->content, "保存的记录"));
            ex.sendJson(200, o);
            return;
        }
        throw NotFoundError(msg::noRevision(Traits::label, id, version));
    });
    r.add("POST", base + "/{id}/revisions/{version}/restore", Access::Editor,
          "Restore a revision as a new version (body: the current version)", [&ctx](Exchange& ex) {
              const content::Id id = ex.id();
              const int revision = ex.integerParam("version");
              const auto revisions = Store(ctx.db).revisions(id);
              if (revisions.empty()) throw NotFoundError(msg::recordNotFound(Traits::label, id));
              requireRevisionsInScope<T>(ctx, ex, id, revisions.back());
              const int current = versionField(*ex.jsonBody());
              // A program restored is saved again: it must still fit its screen and name records that exist.
              if constexpr (std::is_same_v<T, content::Program>)
                  if (auto rev = Store(ctx.db).revision(id, revision))
                      checkProgram(ctx, content::fromJson<T>(*content::readJsonObject(rev->content, "保存的记录")));
              // What comes back must stay in the caller's centre.
              if (auto rev = Store(ctx.db).revision(id, revision)) {
                  const T old = content::fromJson<T>(*content::readJsonObject(rev->content, "保存的记录"));
                  const content::Id centre = std::is_same_v<T, content::Centre> ? id : centreOf(ctx.db, old);
                  requireCentre(ex, centre, msg::recordNotFound(Traits::label, id));
              }
              T record = Store(ctx.db).restore(id, revision, current, ex.user->username);
              afterSave(ctx, ex, record);
              ex.sendJson(200, recordJson(ctx, record));
          });
}

// A record type's fields as the admin page names them: key path -> label.
template <class T> void addFieldLabels(Object& out) {
    Object::Ptr fields = newObject();
    for (const auto& [key, label] : content::shapeLabels(content::RecordTraits<T>::shape())) fields->set(key, label);
    out.set(content::RecordTraits<T>::kind, fields);
}

} // namespace

void addRecordRoutes(ApiContext& ctx) {
    addCollection<content::Centre>(ctx);
    addCollection<content::Window>(ctx);
    addCollection<content::Staff>(ctx);
    addCollection<content::Matter>(ctx);
    addCollection<content::Notice>(ctx);
    addCollection<content::ScreenRecord>(ctx);
    addCollection<content::Program>(ctx);

    ctx.router.add("GET", "/api/fields", Access::Session, "Each record type's field labels, by key path", [](Exchange& ex) {
        Object::Ptr out = newObject();
        addFieldLabels<content::Centre>(*out);
        addFieldLabels<content::Window>(*out);
        addFieldLabels<content::Staff>(*out);
        addFieldLabels<content::Matter>(*out);
        addFieldLabels<content::Notice>(*out);
        addFieldLabels<content::ScreenRecord>(*out);
        addFieldLabels<content::Program>(*out);
        ex.sendJson(200, out);
    });

    ctx.router.add("PUT", "/api/windows/{id}/status", Access::Session,
                   "Set a window's status and away message (window staff: their own window only)", [&ctx](Exchange& ex) {
                       const content::Id id = ex.id();
                       requireWindowAccess(ex, id);
                       requireRecord<content::Window>(ctx.db, ex, id);
                       auto body = ex.jsonBody();
                       // Read the status and away message through the record codec, so the same
                       // rules apply as to a whole window.
                       content::RecordStore<content::Window> store(ctx.db);
                       for (int attempt = 0;; ++attempt) {
                           content::Window w = store.get(id);
                           Poco::JSON::Object::Ptr merged = content::toJson(w);
                           if (body->has("status")) merged->set("status", body->get("status"));
                           if (body->has("away")) merged->set("away", body->get("away"));
                           content::Window next = content::fromJson<content::Window>(*merged);
                           if (next.status != content::WindowStatus::Away) next.away = {};
                           try {
                               ex.sendJson(200, content::toJson(store.update(next, ex.user->username)));
                               return;
                           } catch (const ConflictError&) {
                               if (attempt >= 3) throw; // somebody else keeps saving it: say so
                           }
                       }
                   });
    ctx.router
        .add("PUT", "/api/staff/{id}/photo", Access::Editor, "Upload a staff photo (image/jpeg or image/png body)",
             [&ctx](Exchange& ex) {
                 const content::Id id = ex.id();
                 requireRecord<content::Staff>(ctx.db, ex, id);
                 const std::string& bytes = ex.body();
                 content::RecordStore<content::Staff> store(ctx.db);
                 content::Staff s = store.get(id);
                 s.photo = bytes.empty() ? ctx.files.store(bytes, ex.imageType()) : [&] {
                     const renderer::StoredPicture photo = checkedPhoto(bytes);
                     return ctx.files.store(photo.bytes, photo.type);
                 }();
                 ex.sendJson(200, content::toJson(store.update(s, ex.user->username)));
             })
        .takesImage();
    ctx.router
        .add("GET", "/api/staff/{id}/photo", Access::Session, "A staff photo",
             [&ctx](Exchange& ex) {
                 content::Staff s = getRecord<content::Staff>(ctx.db, ex, ex.id());
                 requireStaffOfOwnWindow(ctx, ex, s.meta.id);
                 if (s.photo.empty()) throw NotFoundError(msg::noPhoto(s.name));
                 const bool png = s.photo.size() > 4 && s.photo.substr(s.photo.size() - 4) == ".png";
                 ex.response.set("Cache-Control", "private, max-age=3600");
                 ex.sendBytes(200, png ? "image/png" : "image/jpeg", ctx.files.read(s.photo));
             })
        .answering("image/jpeg, image/png");
}

} // namespace gongshi::server
