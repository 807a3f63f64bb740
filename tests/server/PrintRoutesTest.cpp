// The print endpoints: PNG previews page by page, the PDF download, the JSON summary, and their
// errors.
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

#include <cmath>
#include <thread>
#include <vector>

using namespace gongshi::test;

namespace {

ServerOptions noDelivery() {
    ServerOptions o;
    o.delivery = false;
    return o;
}

} // namespace

TEST_CASE("print previews are PNG pages of the paper's size at the dpi asked, with the page count and missing characters") {
    ServerFixture f(noDelivery());
    Client c = f.editor();
    Response r = c.get("/api/print/poster.png?dpi=50");
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(r.header("Content-Type") == "image/png");
    CHECK(r.header("X-Pages") == "4");
    CHECK(r.hasHeader("X-Missing"));
    CHECK(r.header("X-Missing").empty());
    CHECK(r.header("X-Dpi") == "50");
    CHECK(pngSize(r.body) == std::make_pair(413, 585)); // A4 at 50 dpi
    for (int p = 0; p < 4; ++p) {
        Response page = c.get("/api/print/poster.png?dpi=50&page=" + std::to_string(p));
        CHECK(page.status == 200);
        CHECK(pngSize(page.body) == std::make_pair(413, 585));
    }
    Response beyond = c.get("/api/print/poster.png?page=4");
    CHECK(beyond.status == 400);
    CHECK(beyond.field() == "page");

    CHECK(pngSize(c.get("/api/print/poster.png?dpi=50&paper=A3&landscape=1").body) == std::make_pair(827, 585));
    CHECK(pngSize(c.get("/api/print/guide.png?dpi=72&matter=13").body) == std::make_pair(595, 842));
    CHECK(pngSize(c.get("/api/print/sign.png?dpi=10&paper=3000x600mm").body) == std::make_pair(1181, 236));
    // Without a dpi: a screen's 96 dpi, less for a page whose long side would pass 1,600 pixels.
    Response fallback = c.get("/api/print/checklist.png?matter=1");
    REQUIRE(fallback.status == 200);
    CHECK(fallback.header("X-Dpi") == "96");
    CHECK(pngSize(fallback.body) == std::make_pair(794, 1123));
    Response sign = c.get("/api/print/sign.png");
    REQUIRE(sign.status == 200);
    CHECK(sign.header("X-Dpi") == "13");
    CHECK(pngSize(sign.body).first <= 1600);
    for (const char* sheet : {"postcards", "notice"}) {
        Response s = c.get(std::string("/api/print/") + sheet + ".png?dpi=30&notice=2");
        CAPTURE(sheet);
        CHECK(s.status == 200);
        CHECK(s.header("Content-Type") == "image/png");
    }
}

TEST_CASE("the print PDF downloads as an attachment, the JSON says the pages and what to fix") {
    ServerFixture f(noDelivery());
    Client c = f.editor();
    Response pdf = c.get("/api/print/poster.pdf?paper=A3");
    REQUIRE_MESSAGE(pdf.status == 200, pdf.body);
    CHECK(pdf.header("Content-Type") == "application/pdf");
    CHECK(pdf.header("Content-Disposition") == "attachment; filename=\"gongshi-poster.pdf\"");
    CHECK(pdf.body.rfind("%PDF-", 0) == 0);
    CHECK(pdf.body.find("/MediaBox [ 0 0 841.889764 1190.551181 ]") != std::string::npos);

    Response info = c.get("/api/print/guide.json?matter=21");
    REQUIRE_MESSAGE(info.status == 200, info.body);
    auto j = info.json();
    CHECK(str(j, "sheet") == "guide");
    CHECK(num(j, "pages") == 1);
    auto paper = j->getObject("paper");
    CHECK(str(paper, "name") == "A4");
    CHECK(num(paper, "width_mm") == 210);
    auto warnings = j->getArray("warnings");
    REQUIRE(warnings->size() == 1);
    auto w = item(warnings, 0);
    CHECK(str(w, "record") == "matter");
    CHECK(num(w, "id") == 21);
    CHECK(str(w, "field") == "fee_basis");
    CHECK(contains(str(w, "message"), "依据"));
}

TEST_CASE("a matter whose name a font lacks shows in X-Missing and in the JSON, naming the matter") {
    ServerFixture f(noDelivery());
    Client c = f.editor();
    auto m = c.get("/api/matters/1").json();
    m->set("name", "\xF0\xAA\x9B\x97家坝最低生活保障审核确认");
    REQUIRE(c.put("/api/matters/1", m).status == 200);
    Response png = c.get("/api/print/poster.png?dpi=20");
    REQUIRE(png.status == 200);
    CHECK(png.header("X-Missing") == "U+2A6D7");
    auto j = c.get("/api/print/poster.json").json();
    auto missing = j->getArray("missing");
    REQUIRE(missing->size() == 1);
    CHECK(str(item(missing, 0), "code_point") == "U+2A6D7");
    bool named = false;
    auto warnings = j->getArray("warnings");
    for (std::size_t i = 0; i < warnings->size(); ++i) {
        auto w = item(warnings, i);
        named = named || (str(w, "record") == "matter" && num(w, "id") == 1 && str(w, "field") == "name");
    }
    CHECK(named);
}

TEST_CASE("print previews drawn at once on several server threads are the same picture") {
    ServerFixture f(noDelivery());
    const Client login = f.editor();
    std::vector<std::string> bodies(6);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < bodies.size(); ++i)
        threads.emplace_back([&, i] {
            Client c = f.client();
            c.setCookie(login.cookie());
            for (int round = 0; round < 3; ++round) {
                Response r = c.get("/api/print/guide.png?dpi=40&matter=" + std::to_string(13));
                bodies[i] = r.status == 200 ? r.body : "status " + std::to_string(r.status);
            }
        });
    for (auto& t : threads) t.join();
    for (const auto& b : bodies) CHECK(b == bodies.front());
    CHECK(pngSize(bodies.front()) == std::make_pair(331, 468));
}

TEST_CASE("print errors: unknown sheets 404, a guide without a matter or a bad paper 400 naming the field, sessions needed") {
    ServerFixture f(noDelivery());
    Client c = f.editor();
    CHECK(c.get("/api/print/flyer.png").status == 404);
    CHECK(c.get("/api/print/poster.gif").status == 404);
    Response guide = c.get("/api/print/guide.png");
    CHECK(guide.status == 400);
    CHECK(guide.field() == "matter");
    CHECK(c.get("/api/print/notice.pdf").field() == "notice");
    CHECK(c.get("/api/print/guide.png?matter=999").status == 404);
    Response paper = c.get("/api/print/poster.png?paper=B5");
    CHECK(paper.status == 400);
    CHECK(paper.field() == "paper");
    CHECK(c.get("/api/print/poster.png?landscape=maybe").field() == "landscape");
    CHECK(c.get("/api/print/poster.png?dpi=5").field() == "dpi");
    CHECK(c.get("/api/print/sign.png?dpi=300").field() == "dpi"); // 35,433 pixels across
    CHECK(f.client().get("/api/print/poster.pdf").status == 401);
}

TEST_CASE("a print preview page that would pass the pixels drawn for one request is refused naming dpi and the largest that fits") {
    ServerFixture f;
    Client c = f.editor();
    // A2 at 300 dpi: 4961 x 7016 pixels, 35 million.
    Response a2 = c.get("/api/print/poster.png?dpi=300&paper=A2");
    CHECK(a2.status == 400);
    CHECK(a2.field() == "dpi");
    CHECK(a2.error() == "每英寸点数（dpi）为300时，图片将有4961×7016像素，超过每次请求的上限20000000像素：这种纸最多用227 dpi");
    CHECK(pngSize(c.get("/api/print/poster.png?dpi=227&paper=A2").body) == std::make_pair(3754, 5309));
    // A3 at 300 dpi, the largest the admin page asks, is drawn.
    CHECK(pngSize(c.get("/api/print/poster.png?dpi=300&paper=A3").body) == std::make_pair(3508, 4961));
}
