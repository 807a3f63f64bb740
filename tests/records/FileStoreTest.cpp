#include "common/Error.h"
#include "records/FileStore.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

using namespace gongshi;
using namespace gongshi::content;
using gongshi::test::TempDir;

TEST_CASE("stored files are named by their content and read back byte for byte") {
    TempDir dir("gongshi-files");
    FileStore files(dir.str(), 64);
    std::string photo("\xFF\xD8\xFF\xE0 photo bytes\0 with a NUL", 30);
    std::string path = files.store(photo, "JPG");
    CHECK(path == "files/" + path.substr(6, 2) + "/" + path.substr(9, 64) + ".jpg");
    CHECK(path.size() == 6 + 3 + 64 + 4);
    CHECK(files.store(photo, "jpg") == path); // the same file once
    CHECK(files.read(path) == photo);
    CHECK_THROWS_WITH_AS(files.store(std::string(65, 'x'), "png"), "the file has 65 bytes; at most 64 are kept", ValidationError);
    CHECK_THROWS_AS(files.store("", "png"), ValidationError);
    CHECK_THROWS_WITH_AS(files.store("x", "exe"), "files of kind 'exe' are not kept (jpg, png, pdf, doc, docx)", ValidationError);
    CHECK_THROWS_AS(files.read("files/../gongshi.db"), ValidationError);
    CHECK_THROWS_AS(files.read("/etc/passwd"), ValidationError);
    CHECK_THROWS_AS(files.read("files/00/nothing.jpg"), NotFoundError);
}
