// Uploaded pictures for program items of kind 图片: PNG and JPEG bytes made here, sent as the body,
// told apart by their bytes, decoded whole before they are kept; the refusals name the field in
// Chinese; a program naming a picture that was never uploaded is refused; a picture a program
// shows cannot be deleted.
#include "bitmap/Bitmap.h"
#include "bitmap/ImageIO.h"
#include "print/ImageDecode.h"
#include "tests/print/TestPictures.h"
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace gongshi::test;
using gongshi::renderer::Bitmap;
using gongshi::renderer::Color;
using gongshi::renderer::ColorMode;

namespace {

// 党徽-like: a gold square on red.
Bitmap emblem() {
    Bitmap b(40, 30, ColorMode::Rgb);
    b.fill(Color::red());
    for (int y = 8; y < 22; ++y)
        for (int x = 13; x < 27; ++x) b.setPixel(x, y, Color{255, 215, 0});
    return b;
}

Response upload(Client& c, const std::string& bytes, const std::string& type, const std::string& name = "") {
    return c.request("POST", "/api/pictures" + (name.empty() ? std::string() : "?name=" + name), bytes, {}, type);
}

std::string program(const std::string& items) {
    return R"({"screen_id": 1, "name": "图片节目", "areas": [{"x": 0, "y": 0, "width": 64, "height": 32, "items": [)" + items + "]}]}";
}

} // namespace

TEST_CASE("a PNG and a JPEG are uploaded, listed, described and read back, the bytes deciding the type") {
    ServerFixture f(withoutDelivery());
    Client c = f.editor();
    const Bitmap picture = emblem();
    Response png = upload(c, gongshi::renderer::encodePng(picture), "image/png", "%E5%85%9A%E5%BE%BD.png");
    REQUIRE_MESSAGE(png.status == 201, png.body);
    const long long pngId = num(png.json(), "id");
    CHECK(str(png.json(), "name") == "党徽.png");
    CHECK(str(png.json(), "type") == "png");
    CHECK(num(png.json(), "width") == 40);
    CHECK(num(png.json(), "height") == 30);
    CHECK(str(png.json(), "uploaded_by") == "editor");
    CHECK(str(png.json(), "url") == "/api/pictures/" + std::to_string(pngId) + "/file");

    // A JPEG named and labelled as a PNG: its bytes say JPEG, and so it is kept.
    const std::string jpeg = portraitJpeg(48, 64);
    Response jpg = upload(c, jpeg, "image/png", "logo.png");
    REQUIRE_MESSAGE(jpg.status == 201, jpg.body);
    CHECK(str(jpg.json(), "type") == "jpg");
    CHECK(num(jpg.json(), "width") == 48);
    CHECK(num(jpg.json(), "height") == 64);
    const long long jpgId = num(jpg.json(), "id");
    CHECK(jpgId != pngId);

    // Without a name it is called 图片.
    Response unnamed = upload(c, gongshi::renderer::encodePng(picture), "image/png");
    REQUIRE(unnamed.status == 201);
    CHECK(str(unnamed.json(), "name") == "图片");

    Response list = c.get("/api/pictures");
    REQUIRE(list.status == 200);
    CHECK(num(list.json(), "total") == 3);
    auto items = list.json()->getArray("items");
    CHECK(items->getObject(0)->getValue<std::string>("name") == "党徽.png");
    CHECK(items->getObject(1)->getValue<std::string>("name") == "logo.png");
    CHECK(items->getObject(0)->getArray("used_by")->size() == 0);

    Response meta = c.get("/api/pictures/" + std::to_string(jpgId));
    REQUIRE(meta.status == 200);
    CHECK(num(meta.json(), "bytes") > 100);

    Response file = c.get("/api/pictures/" + std::to_string(pngId) + "/file");
    REQUIRE(file.status == 200);
    CHECK(file.header("Content-Type") == "image/png");
    CHECK(gongshi::renderer::decodePng(file.body, "picture") == picture);
    Response jpegFile = c.get("/api/pictures/" + std::to_string(jpgId) + "/file");
    REQUIRE(jpegFile.status == 200);
    CHECK(jpegFile.header("Content-Type") == "image/jpeg");
    CHECK(gongshi::renderer::pictureType(jpegFile.body) == "jpg");

    Response none = c.get("/api/pictures/999");
    CHECK(none.status == 404);
    CHECK(none.error() == "没有编号为 999 的已上传图片");
}

TEST_CASE("an upload that is no picture, a damaged one, one too large or without CSRF is refused naming the file in Chinese") {
    // The limit a little above the largest sound file sent here: the one too large is then only a
    // few KB over it, a body the loopback socket takes whole before the 413 closes the connection.
    const std::string png = gongshi::renderer::encodePng(emblem());
    const std::string jpeg = portraitJpeg(64, 64);
    const std::size_t limit = std::max(png.size(), jpeg.size()) + 2048;
    ServerOptions options = withoutDelivery();
    options.configure = [limit](gongshi::server::ServerConfig& config) { config.maxUpload = limit; };
    ServerFixture f(options);
    Client c = f.editor();

    Response text = upload(c, "<svg xmlns='http://www.w3.org/2000/svg'/>", "image/png", "x.png");
    CHECK(text.status == 415);
    CHECK(text.field() == "file");
    CHECK(text.error() == "图片文件应为 PNG 或 JPEG：上传的内容不是图片（按文件内容判断，不看文件名）");

    Response gif = upload(c, "GIF89a", "image/gif", "x.gif");
    CHECK(gif.status == 415);
    CHECK(gif.field() == "file");
    CHECK(gif.error() == "图片应为 JPEG 或 PNG 图片，而不是“image/gif”");

    Response cutPng = upload(c, png.substr(0, png.size() / 2), "image/png", "cut.png");
    CHECK(cutPng.status == 415);
    CHECK(cutPng.field() == "file");
    CHECK(cutPng.error() == "图片文件已损坏或不完整，无法读出图像，请重新导出后上传");

    // Cut in the middle of its pixels: libjpeg would fill the rest in grey; it is refused instead.
    Response cutJpeg = upload(c, jpeg.substr(0, jpeg.size() * 2 / 3), "image/jpeg", "cut.jpg");
    CHECK(cutJpeg.status == 415);
    CHECK(cutJpeg.error() == "图片文件已损坏或不完整，无法读出图像，请重新导出后上传");

    // A PNG whose header claims 10000 x 10000 pixels: refused from its header.
    std::string huge = png;
    for (int i = 0; i < 2; ++i) {
        const std::size_t at = 16 + 4 * static_cast<std::size_t>(i);
        huge[at] = 0, huge[at + 1] = 0, huge[at + 2] = static_cast<char>(10000 >> 8), huge[at + 3] = static_cast<char>(10000 & 0xFF);
    }
    Response pixels = upload(c, huge, "image/png", "huge.png");
    CHECK(pixels.status == 413);
    CHECK(pixels.field() == "file");
    CHECK(pixels.error() == "图片为10000×10000像素，超过上限40百万像素，请缩小后上传");

    Response big = upload(c, png + std::string(limit - png.size() + 1024, '\0'), "image/png", "big.png");
    CHECK(big.status == 413);
    CHECK(big.field() == "file");
    CHECK_MESSAGE(gongshi::test::contains(big.error(), "超过上限" + std::to_string(limit) + "字节"), big.error());

    c.sendCsrf(false);
    Response forged = upload(c, png, "image/png", "forged.png");
    CHECK(forged.status == 403);
    c.sendCsrf(true);
    Client anonymous = f.client();
    CHECK(upload(anonymous, png, "image/png").status == 401);

    // Nothing of the refused uploads was kept.
    CHECK(num(c.get("/api/pictures").json(), "total") == 0);
}

TEST_CASE("a program's image item names an uploaded picture, which cannot be deleted while the program shows it") {
    ServerFixture f(withoutDelivery());
    Client c = f.editor();
    Response missing = c.post("/api/programs", program(R"({"kind": "image", "record_id": 999})"));
    CHECK(missing.status == 400);
    CHECK(missing.field() == "areas[0].items[0].record_id");
    CHECK(missing.error() == "区域[0].内容[0]的记录：已上传的图片 999 不存在");
    Response unnamed = c.post("/api/programs", program(R"({"kind": "image"})"));
    CHECK(unnamed.status == 400);
    CHECK(unnamed.field() == "areas[0].items[0].record_id");
    CHECK(unnamed.error() == "区域[0].内容[0]的类型是“图片”，请选择要显示的图片");

    Response up = upload(c, gongshi::renderer::encodePng(emblem()), "image/png", "emblem.png");
    REQUIRE(up.status == 201);
    const std::string id = std::to_string(num(up.json(), "id"));
    Response made = c.post("/api/programs", program(R"({"kind": "image", "record_id": )" + id + "}"));
    REQUIRE_MESSAGE(made.status == 201, made.body);
    const std::string programId = std::to_string(num(made.json(), "id"));

    Response used = c.get("/api/pictures/" + id);
    REQUIRE(used.status == 200);
    REQUIRE(used.json()->getArray("used_by")->size() == 1);
    CHECK(used.json()->getArray("used_by")->getObject(0)->getValue<std::string>("name") == "图片节目");

    Response refused = c.del("/api/pictures/" + id);
    CHECK(refused.status == 409);
    CHECK(refused.field() == "id");
    CHECK(refused.error() ==
          "图片“emblem.png”（编号 " + id + "）正在节目“图片节目”（编号 " + programId + "）中使用，不能删除：请先从这些节目中移除它");
    CHECK(c.get("/api/pictures/" + id).status == 200);

    // The program shows something else now: the picture may go.
    auto p = made.json();
    p->getArray("areas")->getObject(0)->getArray("items")->getObject(0)->set("kind", "centre");
    REQUIRE(c.put("/api/programs/" + programId, p).status == 200);
    CHECK(c.del("/api/pictures/" + id).status == 204);
    CHECK(c.get("/api/pictures/" + id).status == 404);
    CHECK(c.del("/api/pictures/" + id).status == 404);
    // Restoring the program's first version would show a picture that is gone: refused.
    Response restored = c.post("/api/programs/" + programId + "/revisions/1/restore", R"({"version": 2})");
    CHECK(restored.status == 400);
    CHECK(restored.field() == "areas[0].items[0].record_id");
}
