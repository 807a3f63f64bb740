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
    if (fs::exists(target)) return relative;
    fs::create_directories(target.parent_path());
    fs::path temp = target;
    temp += ".part";
    {
        std::ofstream out(temp, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) throw Error(msg::cannotWrite(temp.string()));
    }
    fs::rename(temp, target);
    return relative;
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
