// Staff photos: uploaded as the image itself, decoded, bounded and kept normalised by content hash.
#include "bitmap/Bitmap.h"
#include "bitmap/ImageIO.h"
#include "print/ImageDecode.h"
#include "tests/print/TestPictures.h"
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

using namespace gongshi::test;

TEST_CASE("a staff photo is uploaded, named in the record and read back as the same picture") {
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
    // Kept as decoded and encoded again: the same pixels, nothing else the file held.
    CHECK(gongshi::renderer::decodePng(back.body, "photo") == picture);

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

TEST_CASE("a staff photo must decode as JPEG or PNG of at most 40 million pixels, or it is refused") {
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

    // The size is read from the header, before any pixel takes memory: a small picture whose
    // header says 8000 x 6000 is refused as what it claims.
    std::string huge = png;
    const auto put32 = [](std::string& b, std::size_t at, unsigned v) {
        for (int i = 0; i < 4; ++i) b[at + i] = static_cast<char>((v >> (24 - 8 * i)) & 0xFF);
    };
    put32(huge, 16, 8000);
    put32(huge, 20, 6000);
    Response tooLarge = refused(huge, "image/png");
    CHECK(tooLarge.status == 413);
    CHECK(tooLarge.error() == "照片为8000×6000像素（48百万像素），超过上限40百万像素，请缩小后上传");

    // JPEG is read the same way: its size from the header (the frame's height and width), then every pixel.
    std::string tall = portraitJpeg(16, 16);
    const std::size_t sof = tall.find("\xFF\xC0");
    REQUIRE(sof != std::string::npos);
    tall[sof + 5] = static_cast<char>(20000 >> 8);
    tall[sof + 6] = static_cast<char>(20000 & 0xFF);
    tall[sof + 7] = static_cast<char>(2100 >> 8);
    tall[sof + 8] = static_cast<char>(2100 & 0xFF);
    Response tallJpeg = refused(tall, "image/jpeg");
    CHECK(tallJpeg.status == 413);
    CHECK(tallJpeg.error() == "照片为2100×20000像素（42百万像素），超过上限40百万像素，请缩小后上传");
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

TEST_CASE("a large photo is kept at most 1600 pixels on its long side, and post cards print it from that") {
    ServerFixture f;
    Client editor = f.editor();
    // A phone's portrait, 2400 x 3200: 7.7 million pixels.
    const std::string big = portraitPng(2400, 3200);
    Response up = editor.request("PUT", "/api/staff/1/photo", big, {}, "image/png");
    REQUIRE_MESSAGE(up.status == 200, up.body);
    Response back = editor.get("/api/staff/1/photo");
    REQUIRE(back.status == 200);
    CHECK(back.header("Content-Type") == "image/png");
    const gongshi::renderer::Bitmap kept = gongshi::renderer::decodePng(back.body, "photo");
    CHECK(kept.width() == 1200);
    CHECK(kept.height() == 1600);
    // Averaged down, not cut: the corner keeps the ground's colour, the middle the face's.
    const gongshi::renderer::Bitmap original = portrait(2400, 3200);
    CHECK(kept.pixel(0, 0) == original.pixel(0, 0));
    CHECK(kept.pixel(600, 800) == original.pixel(1200, 1600));

    // A JPEG as large is kept as a JPEG of the same bound.
    Response jpeg = editor.request("PUT", "/api/staff/2/photo", portraitJpeg(3000, 2000), {}, "image/jpeg");
    REQUIRE(jpeg.status == 200);
    CHECK(contains(str(jpeg.json(), "photo"), ".jpg"));
    const gongshi::renderer::PictureHeader header = gongshi::renderer::readPictureHeader(editor.get("/api/staff/2/photo").body, "photo");
    CHECK(header.type == "jpg");
    CHECK(header.width == 1600);
    CHECK(header.height == 1066);

    Response cards = editor.get("/api/print/postcards.png?dpi=50");
    CHECK(cards.status == 200);
    Response pdf = editor.get("/api/print/postcards.pdf");
    CHECK(pdf.status == 200);
    CHECK(pdf.body.size() < (4u << 20)); // the photos go in at the frame's size
}
