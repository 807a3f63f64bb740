// Staff photos: uploaded as the image itself, stored by content hash, read back byte for byte.
#include "bitmap/Bitmap.h"
#include "bitmap/ImageIO.h"
#include "tests/print/TestPictures.h"
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

TEST_CASE("a staff photo must decode as JPEG or PNG within 4096 pixels a side, or it is refused") {
    ServerFixture f;
    Client editor = f.editor();
    auto refused = [&](const std::string& bytes, const std::string& type) {
        Response r = editor.request("PUT", "/api/staff/1/photo", bytes, {}, type);
        CHECK(r.field() == "photo");
        CHECK(str(editor.get("/api/staff/1").json(), "photo").empty());
        return r;
    };
    const std::string notPicture = "照片应为 JPEG 或 PNG 图片，上传的内容不是图片";
    Response html = refused("<html><script>alert(1)</script></html>", "image/png");
    CHECK(html.status == 415);
    CHECK(html.error() == notPicture);
    Response svg = refused(R"svg(<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>)svg", "image/png");
    CHECK(svg.status == 415);
    CHECK(svg.error() == notPicture);

    gongshi::renderer::Bitmap small(8, 8, gongshi::renderer::ColorMode::Rgb);
    const std::string png = gongshi::renderer::encodePng(small);
    Response damaged = refused(png.substr(0, 40), "image/png");
    CHECK(damaged.status == 415);
    CHECK(damaged.error() == "照片已损坏，无法读出图像，请重新导出后上传");

    const std::string wide = gongshi::renderer::encodePng(gongshi::renderer::Bitmap(5000, 2, gongshi::renderer::ColorMode::Rgb));
    Response tooWide = refused(wide, "image/png");
    CHECK(tooWide.status == 413);
    CHECK(tooWide.error() == "照片为5000×2像素，超过上限4096×4096像素，请缩小后上传");

    // JPEG is read the same way: its size from the header, then every pixel.
    Response tallJpeg = refused(portraitJpeg(2, 4100), "image/jpeg");
    CHECK(tallJpeg.status == 413);
    CHECK(tallJpeg.error() == "照片为2×4100像素，超过上限4096×4096像素，请缩小后上传");
    const std::string jpeg = portraitJpeg(32, 40);
    Response cutJpeg = refused(jpeg.substr(0, 200), "image/jpeg");
    CHECK(cutJpeg.status == 415);
    CHECK(cutJpeg.error() == "照片已损坏，无法读出图像，请重新导出后上传");
    Response goodJpeg = editor.request("PUT", "/api/staff/1/photo", jpeg, {}, "image/jpeg");
    REQUIRE(goodJpeg.status == 200);
    CHECK(contains(str(goodJpeg.json(), "photo"), ".jpg"));

    // A PNG labelled JPEG is kept, and served, as the PNG it is.
    Response labelled = editor.request("PUT", "/api/staff/1/photo", png, {}, "image/jpeg");
    REQUIRE(labelled.status == 200);
    CHECK(contains(str(labelled.json(), "photo"), ".png"));
    CHECK(editor.get("/api/staff/1/photo").header("Content-Type") == "image/png");
}

TEST_CASE("window staff read the photos of their own window's staff only") {
    ServerFixture f;
    Client editor = f.editor();
    const long long own = num(editor.get("/api/windows/1").json(), "post_a");
    const long long other = num(editor.get("/api/windows/4").json(), "post_a");
    REQUIRE(own > 0);
    REQUIRE(other > 0);
    REQUIRE(own != other);
    const std::string png = gongshi::renderer::encodePng(gongshi::renderer::Bitmap(4, 4, gongshi::renderer::ColorMode::Rgb));
    for (long long id : {own, other})
        REQUIRE(editor.request("PUT", "/api/staff/" + std::to_string(id) + "/photo", png, {}, "image/png").status == 200);

    f.server->auth().addUser("win1", "window", 1, kPassword, "test");
    Client window = f.login("win1");
    Response mine = window.get("/api/staff/" + std::to_string(own) + "/photo");
    CHECK(mine.status == 200);
    CHECK(mine.body == png);
    Response theirs = window.get("/api/staff/" + std::to_string(other) + "/photo");
    CHECK(theirs.status == 403);
    CHECK(theirs.error() == "只能查看本窗口工作人员的照片");
    CHECK(theirs.body.find("PNG") == std::string::npos);
    CHECK(editor.get("/api/staff/" + std::to_string(other) + "/photo").status == 200);
}
