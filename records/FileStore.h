#pragma once
// Files that records point at (staff photos, sample forms), kept under DATA_DIR/files by the
// SHA-256 of their content: the same file stored twice is one file, and a record's path never
// changes meaning. Written beside (NAME.part) and renamed, so a reader never sees half a file; a
// write that fails leaves nothing behind.
#include <string>

namespace gongshi::content {

class FileStore {
public:
    explicit FileStore(std::string dataDir, std::size_t maxBytes = 10u << 20);

    // Stores `bytes` as a file of kind `extension` ("jpg", "png", "pdf", "doc", "docx") and returns
    // its path relative to the data directory, e.g. "files/3f/3fa9...c1.jpg". Throws
    // ValidationError (field "file") for an empty or too large file, or a kind not allowed.
    std::string store(const std::string& bytes, const std::string& extension);
    // Reads a stored file back; NotFoundError when it is not there, ValidationError for a path
    // outside the store.
    std::string read(const std::string& relativePath) const;
    // Removes the temporary files of writes a crash interrupted; returns how many. Only for the
    // one process that writes (the server, at start), never while a store() may run.
    int removeStaleParts();

private:
    std::string dataDir_;
    std::size_t maxBytes_;
};

} // namespace gongshi::content
