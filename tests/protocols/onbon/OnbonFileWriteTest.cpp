// A file written to an Onbon card's flash as each generation lays the commands out: the start, the
// blocks of a fixed size (the last one shorter), and the card's reading of them back.
#include "protocols/onbon/OnbonFileWrite.h"

#include <doctest/doctest.h>

using namespace gongshi;
using namespace gongshi::protocols;
using namespace gongshi::protocols::onbon;

namespace {
Bytes head(const Bytes& payload, std::size_t n) { return Bytes(payload.begin(), payload.begin() + static_cast<std::ptrdiff_t>(n)); }

// A 6th-generation file: its type byte, its body, the CRC-32 of both.
Bytes bx6File(std::uint8_t type, std::size_t body) {
    Bytes f{type};
    for (std::size_t i = 0; i < body; ++i) f.push_back(static_cast<std::uint8_t>(i * 7));
    appendCrc(f);
    return f;
}
} // namespace

TEST_CASE("bx-k file write: A1 05 then A1 06 blocks of a fixed size numbered from 0") {
    Bytes file(3000);
    for (std::size_t i = 0; i < file.size(); ++i) file[i] = static_cast<std::uint8_t>(i % 7 == 0 ? 0xA5 : i);
    const auto cmds = fileWriteCommands(FileLayout::Bxk, "P000", file, 450);
    REQUIRE(cmds.size() == 8);
    CHECK(cmds[0].cmd == 0x05);
    CHECK(cmds[0].payload == Bytes{1, 'P', '0', '0', '0', 0xB8, 0x0B, 0, 0});
    CHECK(cmds[2].cmd == 0x06);
    CHECK(head(cmds[2].payload, 13) == Bytes{'P', '0', '0', '0', 0, 1, 0, 0xC2, 0x01, 0xC2, 0x01, 0, 0});
    CHECK(cmds.back().payload.size() == 13 + 300);
    CHECK(cmds.back().payload[4] == 1); // Last
    CHECK(cmds[6].payload[4] == 0);

    std::string why;
    const auto start = parseFileStart(FileLayout::Bxk, cmds[0].payload.data(), cmds[0].payload.size(), why);
    REQUIRE(start);
    CHECK(start->name == "P000");
    CHECK(start->length == 3000);
    const auto block = parseFileBlock(FileLayout::Bxk, cmds[2].payload.data(), cmds[2].payload.size(), why);
    REQUIRE(block);
    CHECK(block->number == 1);
    CHECK(block->offset == 450);
    CHECK(block->size == 450);
    CHECK(Bytes(block->data, block->data + block->size) == Bytes(file.begin() + 450, file.begin() + 900));
}

TEST_CASE("bx-6 file write: A1 02 announces type, length and CRC-32, A1 03 blocks carry their offset") {
    const Bytes file = bx6File(0x09, 15); // 20 bytes
    const auto cmds = fileWriteCommands(FileLayout::Bx6, "D000", file, 8);
    REQUIRE(cmds.size() == 4);
    const std::uint32_t crc = trailingCrc(file);
    CHECK(cmds[0].cmd == 0x02);
    CHECK(cmds[0].payload == Bytes{'D', '0', '0', '0', 0x09, 20, 0, 0, 0, 1, static_cast<std::uint8_t>(crc),
                                   static_cast<std::uint8_t>(crc >> 8), static_cast<std::uint8_t>(crc >> 16),
                                   static_cast<std::uint8_t>(crc >> 24)});
    CHECK(cmds[3].cmd == 0x03);
    CHECK(head(cmds[3].payload, 9) == Bytes{'D', '0', '0', '0', 1, 16, 0, 0, 0});
    CHECK(cmds[3].payload.size() == 9 + 4);
    CHECK(endsInCrc(file, crc));

    std::string why;
    const auto start = parseFileStart(FileLayout::Bx6, cmds[0].payload.data(), cmds[0].payload.size(), why);
    REQUIRE(start);
    CHECK(start->type == 0x09);
    CHECK(start->length == 20);
    CHECK(start->crc == crc);
    const auto block = parseFileBlock(FileLayout::Bx6, cmds[2].payload.data(), cmds[2].payload.size(), why);
    REQUIRE(block);
    CHECK_FALSE(block->number.has_value());
    CHECK(block->offset == 8);
    CHECK_FALSE(block->last);
}

TEST_CASE("a file write cut short or with a block length that disagrees is read as nothing, with the reason") {
    std::string why;
    const Bytes shortStart{1, 'P', '0'};
    CHECK_FALSE(parseFileStart(FileLayout::Bxk, shortStart.data(), shortStart.size(), why));
    CHECK(why == "start of file write cut short");
    CHECK_FALSE(parseFileStart(FileLayout::Bx6, shortStart.data(), shortStart.size(), why));
    CHECK(why == "start of file write of 3 bytes, not 14");
    const Bytes lying{'P', '0', '0', '0', 1, 0, 0, 5, 0, 0, 0, 0, 0, 0xAA, 0xBB};
    CHECK_FALSE(parseFileBlock(FileLayout::Bxk, lying.data(), lying.size(), why));
    CHECK(why == "BlockLen 5 but 2 bytes follow");
}

TEST_CASE("crc32 is zlib's") {
    const std::string text = "123456789";
    CHECK(crc32(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()) == 0xCBF43926u);
    CHECK(trailingCrc(Bytes{1, 2, 3}) == 0);
}
