#pragma once
// Pictures staff upload for program items of kind 图片 (a logo, 党徽, a QR code): the file kept in
// the FileStore by its SHA-256, its size and who uploaded it, in the `pictures` table. A picture
// is never changed, only uploaded and deleted; a picture a program shows cannot be deleted.
#include "records/Records.h"

#include "records/Database.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace gongshi::content {

class Database;

struct Picture {
    Id id = 0;
    std::string name; // as uploaded ("党徽.png"), for people
    std::string path; // in the FileStore, "files/3f/3fa9….png": the SHA-256 of its bytes
    int width = 0, height = 0;
    std::int64_t bytes = 0;
    std::string uploadedAt; // UTC, "2026-12-06T03:30:00Z"
    std::string uploadedBy;
};

// Every picture, oldest first.
std::vector<Picture> listPictures(Database& db);
std::optional<Picture> findPicture(Database& db, Id id);
// What else a write does in its transaction (an audit event): with the picture as written.
using PictureWriteAlso = std::function<void(Connection&, const Picture&)>;

// Stores the row (the file is already in the FileStore) and returns the picture with its id.
Picture addPicture(Database& db, Picture picture, const PictureWriteAlso& also = {});

// The programs with an image item showing picture `id`.
std::vector<Program> programsShowingPicture(Database& db, Id id);

struct PictureRemoval {
    bool removed = false;        // false: no such picture
    std::vector<Program> usedBy; // set: programs show it, nothing removed
};
// Removes picture `id` unless a program shows it, both decided in one transaction. The file stays
// in the FileStore (another record may hold the same bytes).
PictureRemoval removePicture(Database& db, Id id, const PictureWriteAlso& also = {});

} // namespace gongshi::content
