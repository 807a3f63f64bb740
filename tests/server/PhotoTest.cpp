// Staff photos: uploaded as the image itself, stored by content hash, read back byte for byte.
#include "bitmap/Bitmap.h"
#include "bitmap/ImageIO.h"
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

using namespace gongshi::test;

TEST_CASE("a staff photo is uploaded, named in the record and read back byte for byte") {
    ServerFixture f;
    Client editor = f.editor();
    gongshi::renderer::Bitmap picture(8, 8, gongshi::renderer::ColorMode::Rgb);
    picture.setPixel(3, 3, gongshi::renderer::Color::red());
    const std::string png = gongshi::renderer::encodePng(picture);

    auto before = editor.get("/api/staff/1");
    REQUIRE(before.status == 200);
    CHECK(str(before.json(), "photo").empty());
    auto none = editor.get("/api/staff/1/photo");
    CHECK(none.status == 404);
    CHECK(none.error() == "“" + str(before.json(), "name") + "”还没有照片");

    auto up = editor.request("PUT", "/api/staff/1/photo", png, {}, "image/png");
    REQUIRE(up.status == 200);
    const std::string stored = str(up.json(), "photo");
    CHECK(contains(stored, ".png"));
    CHECK(num(up.json(), "version") == num(before.json(), "version") + 1);

    auto back = editor.get("/api/staff/1/photo");
    CHECK(back.status == 200);
    CHECK(back.header("Content-Type") == "image/png");
    CHECK(back.body == png);

    // Not a picture kind the page takes: 415, and the record keeps its photo.
    auto text = editor.request("PUT", "/api/staff/1/photo", "hello", {}, "text/plain");
    CHECK(text.status == 415);
    CHECK(text.field() == "photo");
    CHECK(str(editor.get("/api/staff/1").json(), "photo") == stored);

    // An empty body is refused naming the file.
    auto empty = editor.request("PUT", "/api/staff/1/photo", "", {}, "image/jpeg");
    CHECK(empty.status == 400);
    CHECK(empty.field() == "file");
    CHECK(empty.error() == "文件是空的");

    // Without a session nothing changes.
    Client anonymous = f.client();
    CHECK(anonymous.request("PUT", "/api/staff/1/photo", png, {}, "image/png").status == 401);
}
