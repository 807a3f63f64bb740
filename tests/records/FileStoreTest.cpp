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
}

TEST_CASE("an upload or a stored path is refused in Chinese, saying why") {
    TempDir dir("gongshi-files");
    FileStore files(dir.str(), 64);
    CHECK_THROWS_WITH_AS(files.store(std::string(65, 'x'), "png"), "文件有65字节，超过上限64字节", ValidationError);
    CHECK_THROWS_WITH_AS(files.store("", "png"), "文件是空的", ValidationError);
    CHECK_THROWS_WITH_AS(files.store("x", "exe"), "不保存“exe”类型的文件（只收jpg、png、pdf、doc、docx）", ValidationError);
    CHECK_THROWS_WITH_AS(files.read("files/../gongshi.db"), "“files/../gongshi.db”不是已保存的文件", ValidationError);
    CHECK_THROWS_WITH_AS(files.read("/etc/passwd"), "“/etc/passwd”不是已保存的文件", ValidationError);
    CHECK_THROWS_WITH_AS(files.read("files/00/nothing.jpg"), "已保存的文件“files/00/nothing.jpg”不见了，请重新上传", NotFoundError);
}
