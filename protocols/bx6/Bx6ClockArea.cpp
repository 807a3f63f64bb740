#include "protocols/bx6/Bx6ClockArea.h"

#include "protocols/ByteWriter.h"

namespace gongshi::protocols::bx6 {

namespace {
constexpr std::size_t kReservedBeforeTransparency = 12;
constexpr std::size_t kReservedAfterTransparency = 17;
constexpr std::size_t kGlyphHead = 3; // RowBytes Width Height

Bytes glyphBlock(const std::vector<ClockGlyph>& glyphs) {
    Bytes block;
    ByteWriter b(block);
    b.u32(0); // the length, once known
    b.u16(static_cast<unsigned>(glyphs.size()));
    std::uint32_t at = 0;
    for (const ClockGlyph& g : glyphs) {
        b.u32(at);
        at += static_cast<std::uint32_t>(kGlyphHead + g.rows.size());
    }
    for (const ClockGlyph& g : glyphs) {
        b.u8(static_cast<unsigned>(g.rowBytes));
        b.u8(static_cast<unsigned>(g.width));
        b.u8(static_cast<unsigned>(g.height));
        b.bytes(g.rows);
    }
    b.patchU32(0, static_cast<std::uint32_t>(block.size() - 4));
    return block;
}

// The glyphs of a block `size` bytes long at `block`; an empty string, or what is wrong.
std::string readGlyphs(const std::uint8_t* block, std::size_t size, std::vector<ClockGlyph>& glyphs) {
    ByteReader r(block, size);
    const std::uint32_t length = r.u32();
    if (!r.ok() || length != size - 4) return "its glyphs' length " + std::to_string(length) + " is not " + std::to_string(size - 4);
    const unsigned count = r.u16();
    std::vector<std::uint32_t> offsets(count);
    for (auto& o : offsets) o = r.u32();
    if (!r.ok()) return "its glyph table runs past its glyphs";
    const std::size_t first = r.pos();
    for (unsigned i = 0; i < count; ++i) {
        if (offsets[i] > size - first) return "glyph " + std::to_string(i) + " starts past its glyphs";
        ByteReader g(block + first + offsets[i], size - first - offsets[i]);
        ClockGlyph glyph;
        glyph.rowBytes = g.u8();
        glyph.width = g.u8();
        glyph.height = g.u8();
        if (!g.ok() || glyph.rowBytes * 8 < glyph.width) return "glyph " + std::to_string(i) + " has rows narrower than its width";
        const std::size_t n = static_cast<std::size_t>(glyph.rowBytes) * static_cast<std::size_t>(glyph.height);
        const std::uint8_t* rows = g.here();
        if (!g.skip(n)) return "glyph " + std::to_string(i) + " runs past its glyphs";
        glyph.rows.assign(rows, rows + n);
        glyphs.push_back(std::move(glyph));
    }
    return {};
}
} // namespace

void writeClockArea(Bytes& program, Bytes& data, const ClockArea& clock, std::uint8_t transparency, std::uint32_t dataAt) {
    ByteWriter p(program);
    p.zeros(kReservedBeforeTransparency);
    p.u8(transparency);
    p.zeros(kReservedAfterTransparency);
    p.u32(dataAt);
    p.u32(static_cast<std::uint32_t>(clock.background.size()));
    data.insert(data.end(), clock.background.begin(), clock.background.end());
    std::uint32_t at = dataAt + static_cast<std::uint32_t>(clock.background.size());
    p.u8(static_cast<unsigned>(clock.units.size()));
    for (const ClockUnit& u : clock.units) {
        const Bytes block = glyphBlock(u.glyphs);
        p.u16(static_cast<unsigned>(u.x));
        p.u16(static_cast<unsigned>(u.y));
        p.u8(static_cast<unsigned>(u.field));
        p.u8(u.align);
        p.u8(u.color);
        p.u8(u.mode);
        p.u32(at);
        p.u32(static_cast<std::uint32_t>(block.size()));
        data.insert(data.end(), block.begin(), block.end());
        at += static_cast<std::uint32_t>(block.size());
    }
}

std::string readClockArea(ByteReader& r, const std::uint8_t* data, std::size_t size, ClockArea& clock, std::uint8_t& transparency) {
    // A span of D000 named by an offset counted from 1, or nullptr when it runs past the file.
    auto span = [&](std::uint32_t offset, std::uint32_t length) -> const std::uint8_t* {
        if (offset < 1 || offset - 1 > size || length > size - (offset - 1)) return nullptr;
        return data + (offset - 1);
    };
    r.skip(kReservedBeforeTransparency);
    transparency = r.u8();
    r.skip(kReservedAfterTransparency);
    const std::uint32_t bgOffset = r.u32(), bgLength = r.u32();
    const unsigned count = r.u8();
    if (!r.ok()) return "its head is cut short";
    const std::uint8_t* bg = span(bgOffset, bgLength);
    if (!bg) return "its background points past D000";
    clock.background.assign(bg, bg + bgLength);
    for (unsigned i = 0; i < count; ++i) {
        ClockUnit u;
        u.x = r.u16();
        u.y = r.u16();
        u.field = static_cast<ClockField>(r.u8());
        u.align = r.u8();
        u.color = r.u8();
        u.mode = r.u8();
        const std::uint32_t offset = r.u32(), length = r.u32();
        if (!r.ok()) return "unit " + std::to_string(i + 1) + " is cut short";
        const std::uint8_t* block = span(offset, length);
        if (!block) return "unit " + std::to_string(i + 1) + "'s glyphs point past D000";
        if (std::string why = readGlyphs(block, length, u.glyphs); !why.empty()) return "unit " + std::to_string(i + 1) + ": " + why;
        clock.units.push_back(std::move(u));
    }
    return {};
}

renderer::Color clockColor(std::uint8_t color) {
    switch (color) {
    case 1:
        return renderer::Color::red();
    case 2:
        return renderer::Color::green();
    case 3:
        return renderer::Color::yellow();
    case 4:
        return {0, 0, 255};
    case 5:
        return {255, 0, 255};
    case 6:
        return {0, 255, 255};
    case 7:
        return renderer::Color::white();
    default:
        return renderer::Color::black();
    }
}

std::vector<int> clockGlyphs(const ClockUnit& unit, const ClockTime& t) {
    // The fields count as a clock face's parts do (bitmap/ClockFace.h), in the same order; a field
    // this card does not know draws nothing.
    if (static_cast<int>(unit.field) > static_cast<int>(ClockField::Weekday)) return {};
    renderer::ClockFaceUnit u;
    u.part = static_cast<renderer::ClockPart>(static_cast<int>(unit.field));
    u.twelveHour = unit.mode == 1;
    return renderer::clockFaceGlyphs(u, t);
}

renderer::Bitmap drawClockArea(const renderer::Bitmap& background, const std::vector<ClockUnit>& units, const ClockTime& t) {
    renderer::Bitmap area = background;
    Bytes lit;
    for (const ClockUnit& u : units) {
        int x = u.x;
        for (int index : clockGlyphs(u, t)) {
            if (index < 0 || static_cast<std::size_t>(index) >= u.glyphs.size()) continue;
            const ClockGlyph& g = u.glyphs[static_cast<std::size_t>(index)];
            lit.resize(g.rows.size());
            for (std::size_t i = 0; i < lit.size(); ++i) lit[i] = static_cast<std::uint8_t>(~g.rows[i]);
            area.drawBits(lit.data(), g.rowBytes, g.width, g.height, x, u.y, clockColor(u.color));
            x += g.width;
        }
    }
    return area;
}

} // namespace gongshi::protocols::bx6
