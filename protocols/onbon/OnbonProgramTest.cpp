// A file written to an Onbon card's flash: the blocks it travels in, and the card taking them in
// order, again after a lost reply, refusing a file larger than its flash.
#include "common/Error.h"
#include "protocols/onbon/OnbonFraming.h"
#include "protocols/onbon/OnbonProgram.h"

#include <doctest/doctest.h>

using namespace gongshi;
using namespace gongshi::protocols;
using namespace gongshi::protocols::onbon;

TEST_CASE("onbon file write: blocks of a fixed size numbered from 0, received in order, again after a lost reply") {
    Bytes file(3000);
    for (std::size_t i = 0; i < file.size(); ++i) file[i] = static_cast<std::uint8_t>(i % 7 == 0 ? 0xA5 : i);
    const auto blocks = fileBlockPayloads(file, 450);
    REQUIRE(blocks.size() == 7);
    CHECK(Bytes(blocks[1].begin(), blocks[1].begin() + kBlockHeadLength) ==
          Bytes{'P', '0', '0', '0', 0, 1, 0, 0xC2, 0x01, 0xC2, 0x01, 0, 0});
    CHECK(blocks.back().size() == kBlockHeadLength + 300);
    CHECK(blocks.back()[4] == 1); // Last
    CHECK(startFilePayload(file) == Bytes{1, 'P', '0', '0', '0', 0xB8, 0x0B, 0, 0});

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
