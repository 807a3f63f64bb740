// An Onbon card's flash: what it answers to each start and block of a file write (FlashResult),
// which files it keeps, and what a power cut leaves of them.
#include "common/Error.h"
#include "protocols/onbon/OnbonFlash.h"

#include <doctest/doctest.h>

using namespace gongshi;
using namespace gongshi::protocols;
using namespace gongshi::protocols::onbon;

namespace {
using Commands = std::vector<FileCommand>;

Bytes kFile(std::size_t size) {
    Bytes f(size);
    for (std::size_t i = 0; i < size; ++i) f[i] = static_cast<std::uint8_t>(i * 3 + 1);
    return f;
}

// A 6th-generation file: its type byte, its body, the CRC-32 of both.
Bytes bx6File(std::uint8_t type, std::size_t body) {
    Bytes f{type};
    for (std::size_t i = 0; i < body; ++i) f.push_back(static_cast<std::uint8_t>(i * 5));
    appendCrc(f);
    return f;
}

FlashResult send(OnbonFlash& flash, const FileCommand& c) {
    return c.cmd == kCmdStartFile || c.cmd == kCmdWriteStart ? flash.start(c.payload.data(), c.payload.size())
                                                             : flash.block(c.payload.data(), c.payload.size());
}

// Every result in order.
std::vector<FlashResult> sendAll(OnbonFlash& flash, const Commands& cmds) {
    std::vector<FlashResult> out;
    for (const auto& c : cmds) out.push_back(send(flash, c));
    return out;
}

using R = FlashResult;
} // namespace

TEST_CASE("a whole file in order completes, and a block sent again after a lost reply is taken again") {
    const Bytes file = kFile(1000);
    const Commands cmds = fileWriteCommands(FileLayout::Bxk, "P000", file, 300);
    OnbonFlash flash(FileLayout::Bxk, 4096, "P000");
    CHECK(send(flash, cmds[0]) == R::Ok);
    CHECK(send(flash, cmds[1]) == R::Ok);
    CHECK(send(flash, cmds[2]) == R::Ok);
    CHECK(send(flash, cmds[2]) == R::Ok); // again
    CHECK(flash.received() == 600);
    CHECK(send(flash, cmds[3]) == R::Ok);
    CHECK(send(flash, cmds[4]) == R::Complete);
    CHECK(flash.file() == file);
    CHECK(send(flash, cmds[1]) == R::NoStart);
    CHECK(flash.reason() == "file block before a start of file write");
}

TEST_CASE("blocks out of order are refused in both layouts") {
    const Bytes file = kFile(1000);
    OnbonFlash k(FileLayout::Bxk, 4096, "P000");
    const Commands kc = fileWriteCommands(FileLayout::Bxk, "P000", file, 300);
    CHECK(sendAll(k, {kc[0], kc[1], kc[3]}) == std::vector<R>{R::Ok, R::Ok, R::OutOfOrder});
    CHECK(k.reason() == "block 2 at 600 where block 1 at 300 was due");

    const Bytes d = bx6File(0x09, 995);
    OnbonFlash six(FileLayout::Bx6, 4096);
    const Commands sc = fileWriteCommands(FileLayout::Bx6, "D000", d, 300);
    CHECK(sendAll(six, {sc[0], sc[2]}) == std::vector<R>{R::Ok, R::OutOfOrder});
    CHECK(six.reason() == "block at 300 where 0 was due");
}

TEST_CASE("a file larger than the flash has free is refused at its start") {
    OnbonFlash k(FileLayout::Bxk, 2000, "P000");
    const Commands kc = fileWriteCommands(FileLayout::Bxk, "P000", kFile(3000), 450);
    CHECK(send(k, kc[0]) == R::BadSize);
    CHECK(k.reason() == "file of 3000 bytes; the card's flash holds 2000, 2000 of them free");
    CHECK(send(k, kc[1]) == R::NoStart);

    // The other files take their room; the file a new one replaces does not.
    OnbonFlash six(FileLayout::Bx6, 1024);
    six.restore({{"D000", Bytes(900, 0x09)}, {"P000", Bytes(100, 0)}});
    CHECK(send(six, fileWriteCommands(FileLayout::Bx6, "P000", bx6File(0x00, 200), 1000)[0]) == R::BadSize);
    CHECK(six.reason() == "file of 205 bytes; the card's flash holds 1024, 124 of them free");
    CHECK(send(six, fileWriteCommands(FileLayout::Bx6, "D000", bx6File(0x09, 800), 1000)[0]) == R::Ok);
    CHECK(send(six, fileWriteCommands(FileLayout::Bx6, "D000", Bytes{}, 1000)[0]) == R::BadSize); // not even type and CRC
}

TEST_CASE("a block past the length announced is refused") {
    const Commands big = fileWriteCommands(FileLayout::Bxk, "P000", kFile(600), 400);
    const Commands small = fileWriteCommands(FileLayout::Bxk, "P000", kFile(300), 400);
    OnbonFlash k(FileLayout::Bxk, 4096, "P000");
    CHECK(sendAll(k, {small[0], big[1]}) == std::vector<R>{R::Ok, R::BadSize});
    CHECK(k.reason() == "block ends at 400, past the 300 bytes announced");
}

TEST_CASE("a bx-6 file that does not end in the CRC-32 announced is refused at its last block") {
    Bytes d = bx6File(0x09, 95);
    Commands cmds = fileWriteCommands(FileLayout::Bx6, "D000", d, 60);
    cmds[2].payload[9 + 10] ^= 0x40; // a byte of the last block damaged on the way
    OnbonFlash six(FileLayout::Bx6, 4096);
    CHECK(sendAll(six, cmds) == std::vector<R>{R::Ok, R::Ok, R::BadCrc});
    CHECK(six.reason() == "file of 100 bytes does not end in the CRC-32 announced");
    six.keepReceived();
    CHECK(six.empty());
}

TEST_CASE("a last block that leaves the file short is incomplete") {
    Commands cmds = fileWriteCommands(FileLayout::Bxk, "P000", kFile(500), 200);
    cmds[2].payload[4] = 1; // the second block claims to be the last
    OnbonFlash k(FileLayout::Bxk, 4096, "P000");
    CHECK(sendAll(k, {cmds[0], cmds[1], cmds[2]}) == std::vector<R>{R::Ok, R::Ok, R::Incomplete});
    CHECK(k.reason() == "last block arrived with 400 of 500 bytes");
    CHECK(send(k, cmds[3]) == R::NoStart);
}

TEST_CASE("a K card takes only its program file P000, a bx-6 card any name of 4 characters") {
    OnbonFlash k(FileLayout::Bxk, 4096, "P000");
    CHECK(send(k, fileWriteCommands(FileLayout::Bxk, "D000", kFile(10), 100)[0]) == R::BadName);
    CHECK(k.reason() == "file name 'D000' is not a program file name");
    OnbonFlash six(FileLayout::Bx6, 4096);
    CHECK(send(six, fileWriteCommands(FileLayout::Bx6, "D000", bx6File(9, 10), 100)[0]) == R::Ok);
    CHECK(send(six, fileWriteCommands(FileLayout::Bx6, "D0", bx6File(9, 10), 100)[0]) == R::BadName);
    CHECK(six.reason() == "file name 'D0' is not 4 characters");
    // A block of another file than the one being written.
    CHECK(send(six, fileWriteCommands(FileLayout::Bx6, "D000", bx6File(9, 10), 100)[0]) == R::Ok);
    CHECK(send(six, fileWriteCommands(FileLayout::Bx6, "P000", bx6File(0, 10), 100)[1]) == R::BadName);
    CHECK(six.reason() == "block of file 'P000' while 'D000' is being written");
}

TEST_CASE("a start or block cut short is malformed") {
    OnbonFlash six(FileLayout::Bx6, 4096);
    const Bytes cut{'D', '0', '0', '0', 9};
    CHECK(six.start(cut.data(), cut.size()) == R::Malformed);
    CHECK(six.block(cut.data(), cut.size()) == R::Malformed);
    CHECK(six.reason() == "file block header cut short");
}

TEST_CASE("a complete file is kept only once the card keeps it, in place of its namesake") {
    const Bytes first = kFile(100), second = kFile(120);
    OnbonFlash k(FileLayout::Bxk, 4096, "P000");
    CHECK(sendAll(k, fileWriteCommands(FileLayout::Bxk, "P000", first, 450)) == std::vector<R>{R::Ok, R::Complete});
    CHECK(k.empty());
    k.keepReceived();
    CHECK(k.files() == std::map<std::string, Bytes>{{"P000", first}});
    // A second file the card does not keep (it could not play it) leaves the first in flash.
    CHECK(sendAll(k, fileWriteCommands(FileLayout::Bxk, "P000", second, 450)) == std::vector<R>{R::Ok, R::Complete});
    CHECK(k.files().at("P000") == first);
    k.keepReceived();
    CHECK(k.files().at("P000") == second);
    // Only a completed file is kept: after a refused start there is nothing to keep.
    CHECK(send(k, fileWriteCommands(FileLayout::Bxk, "P000", kFile(9000), 450)[0]) == R::BadSize);
    k.keepReceived();
    CHECK(k.files().at("P000") == second);
}

TEST_CASE("after a power cut the flash holds what was saved, and a file half written is gone") {
    const Bytes d = bx6File(0x09, 50), p = bx6File(0x00, 20);
    OnbonFlash six(FileLayout::Bx6, 4096);
    CHECK(sendAll(six, fileWriteCommands(FileLayout::Bx6, "D000", d, 1000)) == std::vector<R>{R::Ok, R::Complete});
    six.keepReceived();
    const auto saved = six.files();
    const Commands half = fileWriteCommands(FileLayout::Bx6, "P000", p, 10);
    CHECK(sendAll(six, {half[0], half[1]}) == std::vector<R>{R::Ok, R::Ok});

    OnbonFlash after(FileLayout::Bx6, 4096);
    after.restore(saved);
    CHECK(after.files() == std::map<std::string, Bytes>{{"D000", d}});
    six.restore(saved);
    CHECK(send(six, half[2]) == R::NoStart);
    six.restore({});
    CHECK(six.empty());
}

TEST_CASE("option flash_kb is the flash's size in kilobytes, named in Chinese when it is no such number") {
    ScreenSpec s;
    CHECK(flashCapacity(s) == 1024 * 1024);
    s.options["flash_kb"] = "16";
    CHECK(flashCapacity(s) == 16 * 1024);
    for (const char* bad : {"abc", "0", "-4", "16kb", "", "1048577"}) {
        CAPTURE(std::string(bad));
        s.options["flash_kb"] = bad;
        try {
            flashCapacity(s);
            FAIL("accepted");
        } catch (const ValidationError& e) {
            CHECK(e.field() == "options.flash_kb");
            CHECK(std::string(e.what()) == std::string("控制卡闪存容量（KB）“") + bad + "”应为1到1048576之间的整数");
        }
    }
}
