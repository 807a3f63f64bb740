#include "protocols/bx6/Bx6AreaUpdate.h"

#include "protocols/ByteReader.h"
#include "protocols/ByteWriter.h"

namespace gongshi::protocols::bx6 {

namespace {
constexpr std::uint8_t kAreaTypeGraphic = 0x10;
constexpr std::uint32_t kPageParaLen = 26;
} // namespace

void writePageRecord(Bytes& out, const AreaPage& page, std::uint32_t dataOffset) {
    ByteWriter w(out);
    w.u32(kPageParaLen);
    w.u8(0); // page type: text or picture
    w.u8(page.displayMode);
    w.u8(page.clearMode);
    w.u8(page.speed);
    w.u16(page.stay10ms);
    w.u8(page.repeat);
    w.u16(page.validLength);
    w.zeros(9);
    w.u32(dataOffset);
    w.u32(static_cast<std::uint32_t>(page.pixels.size()));
}

void writeAreaHead(ByteWriter& w, std::uint8_t type, int x, int y, int width, int height, std::uint8_t transparency,
                   std::size_t pageCount) {
    w.u8(type);
    w.u16(static_cast<unsigned>(x)), w.u16(static_cast<unsigned>(y));
    w.u16(static_cast<unsigned>(width)), w.u16(static_cast<unsigned>(height));
    w.u8(0); // no frame around the area
    w.u8(0); // no background layers
    w.u8(transparency);
    w.u8(0); // foreground and background the same size
    w.u8(0); // no sound
    w.zeros(5);
    w.u16(static_cast<unsigned>(pageCount));
}

PageData readPageRecord(ByteReader& r, AreaPage& page) {
    r.skip(1); // page type
    page.displayMode = r.u8();
    page.clearMode = r.u8();
    page.speed = r.u8();
    page.stay10ms = r.u16();
    page.repeat = r.u8();
    page.validLength = r.u16();
    r.skip(9);
    PageData d;
    d.offset = r.u32();
    d.length = r.u32();
    return d;
}

Bytes encodeAreaUpdate(const std::vector<DynamicArea>& areas) {
    Bytes out;
    ByteWriter w(out);
    w.u16(0); // reserved (as a u16: GCC 12 warns, wrongly, of zeros() into the empty vector)
    w.u16(static_cast<unsigned>(areas.size()));
    const std::size_t paraLenAt = w.size();
    w.u32(0);
    const std::size_t paraStart = w.size();
    std::uint32_t dataOffset = 0;
    for (const DynamicArea& a : areas) {
        w.u8(a.id);
        w.u8(a.runMode);
        w.u16(a.timeoutSeconds);
        w.u8(a.relateAllPrograms);
        w.u16(static_cast<unsigned>(a.programs.size()));
        for (std::uint16_t p : a.programs) w.u16(p);
        w.u8(a.immediatePlay);
        w.zeros(4);
        writeAreaHead(w, kAreaTypeGraphic, a.x, a.y, a.width, a.height, a.transparency, a.pages.size());
        for (const AreaPage& p : a.pages) {
            writePageRecord(out, p, dataOffset);
            dataOffset += static_cast<std::uint32_t>(p.pixels.size());
        }
    }
    w.patchU32(paraLenAt, static_cast<std::uint32_t>(w.size() - paraStart));
    for (const DynamicArea& a : areas)
        for (const AreaPage& p : a.pages) w.bytes(p.pixels);
    return out;
}

std::optional<std::vector<DynamicArea>> parseAreaUpdate(const std::uint8_t* payload, std::size_t size) {
    ByteReader r(payload, size);
    r.skip(2);
    const unsigned areaCount = r.u16();
    const std::uint32_t paraLen = r.u32();
    const std::size_t paraStart = r.pos();
    if (!r.ok() || paraLen > r.remaining()) return std::nullopt;
    const std::size_t dataStart = paraStart + paraLen;
    const std::size_t dataSize = size - dataStart;

    std::vector<DynamicArea> areas;
    std::vector<std::vector<PageData>> refs;
    // Each area needs at least 33 bytes of parameters: a count beyond that is a lie, not a reason
    // to allocate.
    if (areaCount > paraLen / 33) return std::nullopt;
    for (unsigned i = 0; i < areaCount; ++i) {
        DynamicArea a;
        a.id = r.u8();
        a.runMode = r.u8();
        a.timeoutSeconds = r.u16();
        a.relateAllPrograms = r.u8();
        unsigned programs = r.u16();
        if (programs * 2u > r.remaining()) return std::nullopt;
        for (unsigned p = 0; p < programs; ++p) a.programs.push_back(r.u16());
        a.immediatePlay = r.u8();
        r.skip(4);
        if (r.u8() != kAreaTypeGraphic) return std::nullopt;
        a.x = r.u16(), a.y = r.u16(), a.width = r.u16(), a.height = r.u16();
        if (r.u8() != 0) { // frame: style, speed, step, width, spare u16, then `width` bytes of pattern
            r.skip(3);
            std::uint8_t frameWidth = r.u8();
            r.skip(2 + static_cast<std::size_t>(frameWidth));
        }
        r.skip(1); // background layers
        a.transparency = r.u8();
        r.skip(1);
        if (r.u8() != 0) { // sound: person, volume, speed, encoding, replays u32, delay u32, extra, text
            r.skip(12);
            r.skip(r.u8());
            r.skip(r.u32());
        }
        r.skip(5);
        unsigned pages = r.u16();
        if (pages == 0 || pages * (4u + kPageParaLen) > r.remaining()) return std::nullopt;
        std::vector<PageData> pageRefs;
        for (unsigned p = 0; p < pages; ++p) {
            std::uint32_t paraBytes = r.u32();
            if (paraBytes < kPageParaLen || paraBytes > r.remaining()) return std::nullopt;
            AreaPage page;
            const PageData ref = readPageRecord(r, page);
            r.skip(paraBytes - kPageParaLen); // room a later firmware may use
            if (ref.offset > dataSize || ref.length > dataSize - ref.offset) return std::nullopt;
            a.pages.push_back(std::move(page));
            pageRefs.push_back(ref);
        }
        if (!r.ok() || r.pos() > dataStart) return std::nullopt;
        areas.push_back(std::move(a));
        refs.push_back(std::move(pageRefs));
    }
    if (!r.ok() || r.pos() != dataStart) return std::nullopt;
    for (std::size_t i = 0; i < areas.size(); ++i)
        for (std::size_t p = 0; p < areas[i].pages.size(); ++p) {
            const std::uint8_t* from = payload + dataStart + refs[i][p].offset;
            areas[i].pages[p].pixels.assign(from, from + refs[i][p].length);
        }
    return areas;
}

} // namespace gongshi::protocols::bx6
