// Pictures staff upload (a logo, 党徽, a QR code) for program items of kind 图片: the bytes decide
// what a file is (PNG or JPEG, whatever its name or type says), it is decoded whole before it is
// kept, kept normalised in the FileStore by content (records/Pictures), and a picture a program
// shows cannot be deleted.
#include "common/Error.h"
#include "common/Messages.h"
#include "common/Utf8.h"
#include "print/ImageDecode.h"
#include "records/Pictures.h"
#include "records/RecordJson.h"
#include "records/RecordStore.h"
#include "server/ApiContext.h"
#include "server/AuditLog.h"
#include "server/HttpError.h"
#include "server/PictureRoutes.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <map>
#include <string>
#include <vector>

namespace gongshi::server {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

// Kept at most this many pixels on the long side: a television's width, more than any LED panel.
constexpr int kPictureSide = 1920;
// A picture's name, in characters.
constexpr std::size_t kNameChars = 100;

Object::Ptr pictureJson(const content::Picture& p, const std::vector<content::Program>& usedBy) {
    Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("id", p.id);
    o->set("name", p.name);
    o->set("type", p.path.size() > 4 && p.path.substr(p.path.size() - 4) == ".png" ? "png" : "jpg");
    o->set("width", p.width);
    o->set("height", p.height);
    o->set("bytes", p.bytes);
    o->set("uploaded_at", p.uploadedAt);
    o->set("uploaded_by", p.uploadedBy);
    o->set("url", "/api/pictures/" + std::to_string(p.id) + "/file");
    Array::Ptr programs = new Array;
    for (const auto& program : usedBy) {
        Object::Ptr u = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
        u->set("id", program.meta.id);
        u->set("name", program.name);
        programs->add(u);
    }
    o->set("used_by", programs);
    return o;
}

// The audit log's account of a picture (no pixels).
std::string auditText(const content::Picture& p) {
    Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("id", p.id);
    o->set("name", p.name);
    o->set("path", p.path);
    o->set("width", p.width);
    o->set("height", p.height);
    return content::jsonText(o);
}

// The name given (`?name=`), else "图片": what people call the picture.
std::string pictureName(const std::string& given) {
    const std::string name = given.find_first_not_of(" \t") == std::string::npos ? std::string("图片") : given;
    if (const std::size_t bad = invalidUtf8At(name); bad != std::string::npos) throw ValidationError("name", msg::notUtf8("图片名称", bad));
    const std::size_t chars = decodeUtf8(name).size();
    if (chars > kNameChars) throw ValidationError("name", msg::pictureNameTooLong(chars, kNameChars));
    return name;
}

// The body as a picture ready to keep, or the refusal naming the field "file".
renderer::StoredPicture checkedPicture(Exchange& ex, std::size_t limit) {
    if (ex.request.hasContentLength() && ex.request.getContentLength64() > static_cast<Poco::Int64>(limit))
        throw HttpError(413, msg::pictureTooLarge(static_cast<std::size_t>(ex.request.getContentLength64()), limit), "file");
    std::string bytes;
    try {
        bytes = ex.body();
    } catch (const HttpError& e) {
        if (e.status() == 413) throw HttpError(413, msg::pictureTooLarge(limit + 1, limit), "file");
        throw;
    }
    if (renderer::pictureType(bytes).empty()) throw HttpError(415, msg::pictureNotImage(), "file");
    renderer::PictureHeader header;
    try {
        header = renderer::readPictureHeader(bytes, "file");
    } catch (const InputError&) {
        throw HttpError(415, msg::pictureDamaged(), "file");
    }
    if (static_cast<long long>(header.width) * header.height > renderer::kMaxPicturePixels)
        throw HttpError(413, msg::picturePixels(header.width, header.height, renderer::kMaxPicturePixels), "file");
    try {
        return renderer::normalisePicture(bytes, "file", kPictureSide);
    } catch (const InputError&) {
        throw HttpError(415, msg::pictureDamaged(), "file");
    }
}

content::Picture existing(ApiContext& ctx, content::Id id) {
    auto p = content::findPicture(ctx.db, id);
    if (!p) throw NotFoundError(msg::noPicture(id));
    return *p;
}

// Which programs show which picture, read once for a list.
std::map<content::Id, std::vector<content::Program>> usesOfPictures(ApiContext& ctx) {
    std::map<content::Id, std::vector<content::Program>> out;
    for (const auto& program : content::RecordStore<content::Program>(ctx.db).all())
        for (const auto& area : program.areas)
            for (const auto& item : area.items)
                if (item.kind == content::ItemKind::Image) {
                    auto& list = out[item.recordId];
                    if (list.empty() || list.back().meta.id != program.meta.id) list.push_back(program);
                }
    return out;
}

} // namespace

void addPictureRoutes(ApiContext& ctx) {
    Router& r = ctx.router;
    r.add("POST", "/api/pictures", Access::Editor,
          "Upload a picture for program items of kind image: the PNG or JPEG itself as the body (its bytes decide), its name in "
          "`?name=`",
          [&ctx](Exchange& ex) {
              const std::string name = pictureName(ex.query("name"));
              const renderer::StoredPicture picture = checkedPicture(ex, ctx.config.maxUpload);
              content::Picture p;
              p.name = name;
              p.path = ctx.files.store(picture.bytes, picture.type);
              p.width = picture.width;
              p.height = picture.height;
              p.bytes = static_cast<std::int64_t>(picture.bytes.size());
              p.uploadedAt = content::utcNow();
              p.uploadedBy = ex.user->username;
              p = content::addPicture(ctx.db, p, [&](content::Connection& s, const content::Picture& written) {
                  recordAuditEvent(s,
                                   {"", p.uploadedAt, ex.user->username, "picture-upload", "picture", written.id, "", auditText(written)});
              });
              ex.reply(pictureJson(p, {}));
          })
        .takesImage("file")
        .created()
        .leavesScreens();
    r.add("GET", "/api/pictures", Access::Editor, "The uploaded pictures, oldest first, with the programs showing each",
          [&ctx](Exchange& ex) {
              const auto uses = usesOfPictures(ctx);
              Array::Ptr items = new Array;
              for (const auto& p : content::listPictures(ctx.db)) {
                  auto it = uses.find(p.id);
                  items->add(pictureJson(p, it == uses.end() ? std::vector<content::Program>{} : it->second));
              }
              Object::Ptr out = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
              out->set("items", items);
              out->set("total", static_cast<int>(items->size()));
              ex.reply(out);
          });
    r.add("GET", "/api/pictures/{id}", Access::Editor, "An uploaded picture's name, size and the programs showing it",
          [&ctx](Exchange& ex) {
              const content::Picture p = existing(ctx, ex.id());
              ex.reply(pictureJson(p, content::programsShowingPicture(ctx.db, p.id)));
          });
    r.add("GET", "/api/pictures/{id}/file", Access::Session, "An uploaded picture's file (image/png or image/jpeg)", [&ctx](Exchange& ex) {
         const content::Picture p = existing(ctx, ex.id());
         const bool png = p.path.size() > 4 && p.path.substr(p.path.size() - 4) == ".png";
         // The file under an id never changes (files are named by their content).
         ex.response.set("Cache-Control", "private, max-age=86400");
         ex.sendBytes(200, png ? "image/png" : "image/jpeg", ctx.files.read(p.path));
     }).answering("image/jpeg, image/png");
    r.add("DELETE", "/api/pictures/{id}", Access::Editor, "Delete an uploaded picture no program shows (409 naming the programs that do)",
          [&ctx](Exchange& ex) {
              const content::Id id = ex.id();
              const content::Picture p = existing(ctx, id);
              const auto removal = content::removePicture(ctx.db, id, [&](content::Connection& s, const content::Picture& gone) {
                  recordAuditEvent(s, {"", content::utcNow(), ex.user->username, "picture-delete", "picture", id, auditText(gone), ""});
              });
              if (!removal.usedBy.empty()) {
                  std::string programs;
                  for (const auto& program : removal.usedBy)
                      programs += (programs.empty() ? "" : "、") + std::string("“") + program.name + "”（编号 " +
                                  std::to_string(program.meta.id) + "）";
                  throw HttpError(409, msg::pictureInUse(p.name, id, programs), "id");
              }
              if (!removal.removed) throw NotFoundError(msg::noPicture(id));
              ex.replyEmpty();
          })
        .leavesScreens();
}

} // namespace gongshi::server
