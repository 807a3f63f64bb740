// The program file both Onbon generations keep in flash: its layout, what a damaged file is named
// by, the blocks it travels in, and the card's answer which file it keeps.
#include "common/Error.h"
#include "protocols/onbon/OnbonFraming.h"
#include "protocols/onbon/OnbonProgram.h"

#include <doctest/doctest.h>

using namespace gongshi;
using namespace gongshi::protocols;
using namespace gongshi::protocols::onbon;

namespace {
// One byte per pixel: the lit state, so the file's page sizes are easy to count.
void packLit(const renderer::Bitmap& page, int, Bytes& out) {
    for (int y = 0; y < page.height(); ++y)
        for (int x = 0; x < page.width(); ++x) out.push_back(page.pixel(x, y) == renderer::Color::black() ? 0 : 1);
}
std::size_t litBytes(int, int w, int h) { return static_cast<std::size_t>(w * h); }

Bytes sampleFile() {
    Command a;
    a.pages = {renderer::Bitmap(16, 8, renderer::ColorMode::Mono), renderer::Bitmap(16, 8, renderer::ColorMode::Mono)};
    a.pages[1].setPixel(3, 2, renderer::Color::red());
    a.x = 8;
    a.y = 4;
    a.effect = Effect::MoveUp;
    a.speed = 2;
    a.stayHalfSeconds = 4;
    return encodeProgramFile({a}, packLit);
}
} // namespace

TEST_CASE("onbon program file: header, area fields and pages, CRC at the end") {
    const Bytes file = sampleFile();
    // FileType, "P000", FileLen, then one area of 2 pages of 16x8 at one byte a pixel.
    CHECK(file[0] == kFileTypeProgram);
    CHECK(std::string(file.begin() + 1, file.begin() + 5) == "P000");
    CHECK((file[5] | file[6] << 8 | file[7] << 16 | file[8] << 24) == static_cast<int>(file.size()));
    CHECK(file.size() == 25 + 4 + 19 + 2 * 16 * 8 + 2); // header, AreaLen, area fields, pages, CRC
    CHECK(crc16Arc(file.data(), file.size() - 2) == (file[file.size() - 2] | file[file.size() - 1] << 8));
    const ParsedProgram p = parseProgramFile(file, litBytes);
    REQUIRE(p.error.empty());
    REQUIRE(p.areas.size() == 1);
    const ProgramArea& a = p.areas[0];
    CHECK(a.x == 8);
    CHECK(a.y == 4);
    CHECK(a.width == 16);
    CHECK(a.height == 8);
    CHECK(a.displayMode == kModeMoveUp);
    CHECK(std::string(displayModeName(a.displayMode)) == "move-up");
    CHECK(a.speed == 2);
    CHECK(a.stay10ms == 200);
    CHECK(a.pageCount == 2);
    CHECK(a.pixels[128 + 2 * 16 + 3] == 1);
}

TEST_CASE("onbon program file: what is wrong with a damaged file, and where") {
    Bytes file = sampleFile();
    SUBCASE("a changed byte") {
        file[60] ^= 1;
        CHECK(parseProgramFile(file, litBytes).error == "program file CRC does not match at byte " + std::to_string(file.size() - 2));
    }
    SUBCASE("cut short") {
        file.resize(20);
        CHECK(parseProgramFile(file, litBytes).error == "program file shorter than its header at byte 0");
    }
    SUBCASE("pages of another size than the card packs") {
        const ParsedProgram p = parseProgramFile(file, [](int, int w, int h) { return static_cast<std::size_t>(w * h * 2); });
        CHECK(p.error == "area 1 page size 128 does not match its place and size at byte 44"); // PageBytes
        CHECK(p.areas.empty());
    }
    SUBCASE("FileLen disagrees") {
        file[5] ^= 1;
        const std::uint16_t crc = crc16Arc(file.data(), file.size() - 2);
        file[file.size() - 2] = static_cast<std::uint8_t>(crc);
        file[file.size() - 1] = static_cast<std::uint8_t>(crc >> 8);
        CHECK(parseProgramFile(file, litBytes).error == "FileLen disagrees with the file's size at byte 5");
    }
    CHECK_THROWS_AS(encodeProgramFile({}, packLit), InputError);
}

TEST_CASE("onbon program file: blocks within a wire budget, received in order, again after a lost reply") {
    Bytes file(3000);
    for (std::size_t i = 0; i < file.size(); ++i) file[i] = static_cast<std::uint8_t>(i % 7 == 0 ? 0xA5 : i);
    const auto blocks = fileBlockPayloads(file, 500);
    REQUIRE(blocks.size() > 6);
    std::size_t total = 0;
    for (const auto& b : blocks) {
        CHECK(escapedSize(b.data() + kBlockHeadLength, b.size() - kBlockHeadLength) <= 500);
        total += b.size() - kBlockHeadLength;
    }
    CHECK(total == file.size());

    FileReceiver card(2000);
    CHECK(card.start(startFilePayload(file).data(), kStartPayloadLength) == FileReceiver::Outcome::TooLarge);
    CHECK(card.reason() == "file of 3000 bytes; the card's flash holds 2000");
    FileReceiver big(1 << 20);
    REQUIRE(big.start(startFilePayload(file).data(), kStartPayloadLength) == FileReceiver::Outcome::Ok);
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const auto want = i + 1 == blocks.size() ? FileReceiver::Outcome::Complete : FileReceiver::Outcome::Ok;
        CHECK(big.block(blocks[i].data(), blocks[i].size()) == want);
        if (i == 2) CHECK(big.block(blocks[i].data(), blocks[i].size()) == FileReceiver::Outcome::Ok); // sent again
    }
    CHECK(big.file() == file);
    CHECK(big.block(blocks[0].data(), blocks[0].size()) == FileReceiver::Outcome::NoStart);
}

TEST_CASE("onbon file information: the card's answer names the file it keeps") {
    const Bytes file = sampleFile();
    const Bytes answer = encodeFileInfo(file);
    CHECK(answer.size() == 10);
    CHECK(keepsFile(answer, file));
    Bytes other = file;
    other[40] ^= 1;
    const std::uint16_t crc = crc16Arc(other.data(), other.size() - 2);
    other[other.size() - 2] = static_cast<std::uint8_t>(crc);
    other[other.size() - 1] = static_cast<std::uint8_t>(crc >> 8);
    CHECK_FALSE(keepsFile(answer, other));
    CHECK_FALSE(keepsFile({}, file));
    CHECK(fileInfoQuery() == Bytes{'P', '0', '0', '0'});
}
