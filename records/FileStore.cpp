#include "records/FileStore.h"

#include "common/Error.h"
#include "common/Messages.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace gongshi::content {
namespace {

const char* const kAllowed[] = {"jpg", "jpeg", "png", "pdf", "doc", "docx"};

} // namespace

FileStore::FileStore(std::string dataDir, std::size_t maxBytes) : dataDir_(std::move(dataDir)), maxBytes_(maxBytes) {}

std::string FileStore::store(const std::string& bytes, const std::string& extension) {
    std::string ext = extension;
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (std::none_of(std::begin(kAllowed), std::end(kAllowed), [&](const char* a) { return ext == a; }))
        throw ValidationError("file", msg::fileKindNotKept(extension, "jpg、png、pdf、doc、docx"));
    if (bytes.empty()) throw ValidationError("file", msg::fileEmpty());
    if (bytes.size() > maxBytes_) throw ValidationError("file", msg::fileTooLarge(bytes.size(), maxBytes_));
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(bytes.data(), static_cast<unsigned>(bytes.size()));
    std::string hex = Poco::DigestEngine::digestToHex(sha.digest());
    std::string relative = "files/" + hex.substr(0, 2) + "/" + hex + "." + ext;
    fs::path target = fs::path(dataDir_) / relative;
    if (fs::is_regular_file(target)) return relative;
    fs::create_directories(target.parent_path());
    fs::path temp = target;
    temp += ".part";
    // Whatever fails after the temporary file exists (a short write, a rename refused), it goes.
    struct RemoveUnlessKept {
        const fs::path& path;
        bool kept = false;
        ~RemoveUnlessKept() {
            std::error_code ignored; // the failure being reported matters, not this one
            if (!kept) fs::remove(path, ignored);
        }
    } cleanup{temp};
    {
        std::ofstream out(temp, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) throw Error(msg::cannotWrite(temp.string()));
    }
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) throw Error(msg::cannotWrite(target.string()));
    cleanup.kept = true;
    return relative;
}

int FileStore::removeStaleParts() {
    const fs::path root = fs::path(dataDir_) / "files";
    std::error_code ec;
    if (!fs::is_directory(root, ec)) return 0;
    int removed = 0;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".part" && fs::remove(it->path(), ec)) ++removed;
    }
    return removed;
}

std::string FileStore::read(const std::string& relativePath) const {
    fs::path rel(relativePath);
    if (rel.is_absolute() || relativePath.rfind("files/", 0) != 0 ||
        std::any_of(rel.begin(), rel.end(), [](const fs::path& part) { return part == ".."; }))
        throw ValidationError("file", msg::notStoredFile(relativePath));
    std::ifstream in(fs::path(dataDir_) / rel, std::ios::binary);
    if (!in) throw NotFoundError(msg::storedFileMissing(relativePath));
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace gongshi::content
