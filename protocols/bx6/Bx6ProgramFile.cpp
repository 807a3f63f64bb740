#include "protocols/bx6/Bx6ProgramFile.h"

#include "protocols/ByteReader.h"
#include "protocols/ByteWriter.h"

namespace gongshi::protocols::bx6 {

namespace {
constexpr std::size_t kNameLength = 4;
constexpr std::size_t kProgramHeadLength = 33; // through AreaCount
constexpr std::size_t kDataHeadLength = 13;
constexpr std::uint32_t kPageParaLen = 26;
// AreaType X Y W H FrameFlag BackGroundFlag Transparency AreaEqual SoundFlag Rsv[5] PageCount
constexpr std::size_t kAreaHeadLength = 1 + 8 + 5 + 5 + 2;

void writeName(ByteWriter& w, const char* name) {
    for (std::size_t i = 0; i < kNameLength; ++i) w.u8(static_cast<unsigned char>(name[i]));
}

std::string at(const char* file, std::size_t offset) { return std::string(" in ") + file + " at byte " + std::to_string(offset); }
} // namespace

ProgramFiles encodeProgramFiles(const std::vector<ProgramArea>& areas) {
    ProgramFiles files;
    ByteWriter d(files.data);
    d.u8(kDataFileType);
    writeName(d, kDataFileName);
    d.zeros(8);

    ByteWriter p(files.program);
    p.u8(kProgramFileType);
    writeName(p, kProgramFileName);
    p.u8(0);       // program style: an ordinary program
    p.u8(0);       // priority
    p.u8(1);       // play times
    p.u16(0);      // time span: played in turn
    p.u8(0);       // special flag
    p.u8(0);       // no extended parameters
    p.u16(0);      // schedule number
    p.u16(0);      // loop value
    p.u8(0);       // integrate
    p.u8(0);       // no time attributes
    p.u16(0);      // their offset
    p.u8(0xFF);    // every weekday
    p.u16(0xFFFF); // start year FFFF: no limit (month and day as Onbon's demo writes them)
    p.u8(0x03);
    p.u8(0x14);
    p.u16(0xFFFF); // end year FFFF: no limit
    p.u8(0x03);
    p.u8(0x14);
    p.zeros(3);
    p.u8(static_cast<unsigned>(areas.size()));
    for (const ProgramArea& a : areas) {
        const std::size_t lenAt = p.size();
        p.u32(0);
        if (a.type == kAreaTypeClock) {
            p.u8(a.type);
            p.u16(static_cast<unsigned>(a.x));
            p.u16(static_cast<unsigned>(a.y));
            p.u16(static_cast<unsigned>(a.width));
            p.u16(static_cast<unsigned>(a.height));
            writeClockArea(files.program, files.data, a.clock, a.transparency, static_cast<std::uint32_t>(files.data.size() + 1));
            p.patchU32(lenAt, static_cast<std::uint32_t>(p.size() - lenAt - 4));
            continue;
        }
        writeAreaHead(p, a.type, a.x, a.y, a.width, a.height, a.transparency, a.pages.size());
        for (const ProgramPage& page : a.pages) {
            writePageRecord(files.program, page, static_cast<std::uint32_t>(files.data.size() + 1)); // counted from 1, as the SDK does
            d.bytes(page.pixels);
        }
        p.patchU32(lenAt, static_cast<std::uint32_t>(p.size() - lenAt - 4));
    }
    onbon::appendCrc(files.program);
    onbon::appendCrc(files.data);
    return files;
}

ParsedProgram parseProgramFiles(const Bytes& program, const Bytes& data) {
    ParsedProgram out;
    auto fail = [&](std::string what) {
        out.areas.clear();
        out.error = std::move(what);
        return out;
    };
    if (program.size() < kProgramHeadLength + 4) return fail("P000 shorter than its header");
    if (data.size() < kDataHeadLength + 4) return fail("D000 shorter than its header");
    if (crc32(program.data(), program.size() - 4) != trailingCrc(program)) return fail("P000 CRC-32 does not match");
    if (crc32(data.data(), data.size() - 4) != trailingCrc(data)) return fail("D000 CRC-32 does not match");
    if (program[0] != kProgramFileType) return fail("P000 file type is not 00" + at("P000", 0));
    if (data[0] != kDataFileType) return fail("D000 file type is not 09" + at("D000", 0));
    const std::size_t dataEnd = data.size() - 4; // pixels never reach into the CRC

    ByteReader r(program.data(), program.size() - 4);
    r.skip(kProgramHeadLength - 1);
    const unsigned count = r.u8();
    for (unsigned i = 0; i < count; ++i) {
        const std::size_t areaAt = r.pos();
        const std::uint32_t length = r.u32();
        const std::uint8_t* p = r.here();
        if (!r.skip(length) || length < kAreaHeadLength)
            return fail("area " + std::to_string(i + 1) + " runs past the file" + at("P000", areaAt));
        ByteReader a(p, length);
        ProgramArea area;
        area.type = a.u8();
        area.x = a.u16();
        area.y = a.u16();
        area.width = a.u16();
        area.height = a.u16();
        if (area.type == kAreaTypeClock) {
            if (std::string why = readClockArea(a, data.data(), dataEnd, area.clock, area.transparency); !why.empty())
                return fail("clock area " + std::to_string(i + 1) + ": " + why + at("P000", areaAt));
            if (a.remaining() != 0)
                return fail("clock area " + std::to_string(i + 1) + " has bytes after its last unit" + at("P000", areaAt));
            if (area.width == 0 || area.height == 0) return fail("area " + std::to_string(i + 1) + " is empty" + at("P000", areaAt));
            out.areas.push_back(std::move(area));
            continue;
        }
        const std::uint8_t frame = a.u8();
        a.skip(1);
        area.transparency = a.u8();
        a.skip(1);
        const std::uint8_t sound = a.u8();
        a.skip(5);
        if (area.type != kAreaTypePicture || frame != 0 || sound != 0) continue; // not a plain picture area: not drawn here
        const unsigned pages = a.u16();
        if (area.width == 0 || area.height == 0 || pages == 0)
            return fail("area " + std::to_string(i + 1) + " is empty" + at("P000", areaAt));
        for (unsigned k = 0; k < pages; ++k) {
            const std::size_t pageAt = areaAt + 4 + a.pos();
            const std::uint32_t paraLen = a.u32();
            if (!a.ok() || paraLen < kPageParaLen || paraLen > a.remaining())
                return fail("page " + std::to_string(k + 1) + " of area " + std::to_string(i + 1) + " cut short" + at("P000", pageAt));
            ByteReader g(a.here(), paraLen);
            a.skip(paraLen);
            ProgramPage page;
            const PageData where = readPageRecord(g, page);
            const std::uint32_t offset = where.offset, size = where.length;
            if (offset < 1 || offset - 1 < kDataHeadLength || offset - 1 > dataEnd || size > dataEnd - (offset - 1))
                return fail("page " + std::to_string(k + 1) + " of area " + std::to_string(i + 1) + " points past D000" +
                            at("P000", pageAt));
            const auto from = data.begin() + static_cast<std::ptrdiff_t>(offset - 1);
            page.pixels.assign(from, from + static_cast<std::ptrdiff_t>(size));
            area.pages.push_back(std::move(page));
        }
        out.areas.push_back(std::move(area));
    }
    if (!r.ok() || r.remaining() != 0) return fail("bytes left after the last area" + at("P000", r.pos()));
    return out;
}

Bytes joinProgramFiles(const ProgramFiles& files) {
    Bytes joined = files.program;
    joined.insert(joined.end(), files.data.begin(), files.data.end());
    return joined;
}

std::optional<ProgramFiles> splitProgramFiles(const Bytes& joined) {
    // P000's length follows from its areas' lengths.
    if (joined.size() < kProgramHeadLength + 4) return std::nullopt;
    ByteReader r(joined.data(), joined.size());
    r.skip(kProgramHeadLength - 1);
    const unsigned count = r.u8();
    for (unsigned i = 0; i < count; ++i)
        if (!r.skip(r.u32())) return std::nullopt;
    if (!r.skip(4)) return std::nullopt;
    ProgramFiles files;
    files.program.assign(joined.begin(), joined.begin() + static_cast<std::ptrdiff_t>(r.pos()));
    files.data.assign(joined.begin() + static_cast<std::ptrdiff_t>(r.pos()), joined.end());
    return files;
}

} // namespace gongshi::protocols::bx6
