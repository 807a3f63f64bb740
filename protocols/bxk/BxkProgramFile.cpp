#include "protocols/bxk/BxkProgramFile.h"

#include "common/Error.h"
#include "protocols/ByteReader.h"
#include "protocols/ByteWriter.h"
#include "protocols/onbon/OnbonFraming.h"

namespace gongshi::protocols::bxk {

namespace {
constexpr std::uint8_t kFileTypeProgram = 0x00;
constexpr std::uint8_t kAnyDynamicArea = 0xFF; // DynamicAreaLoc of an area that is no dynamic area
constexpr const char* kName = "P000";
constexpr std::size_t kPeriodLength = 7;
} // namespace

Bytes encodeProgramArea(const ProgramTextArea& a) {
    Bytes out;
    ByteWriter w(out);
    w.u32(static_cast<std::uint32_t>(4 + kAreaHeadLength + a.text.size())); // counts itself, as the vendor's demos do
    w.u8(kAreaTypeText);
    w.u16(static_cast<unsigned>(a.x / 8));
    w.u16(static_cast<unsigned>(a.y));
    w.u16(static_cast<unsigned>((a.width + 7) / 8));
    w.u16(static_cast<unsigned>(a.height));
    w.u8(kAnyDynamicArea);
    w.u8(a.lineSpace);
    w.u8(a.runMode);
    w.u16(a.timeout);
    w.zeros(3);
    w.u8(a.singleLine);
    w.u8(a.newLine);
    w.u8(a.displayMode);
    w.u8(a.exitMode);
    w.u8(a.speed);
    w.u8(a.stayHalfSeconds);
    w.u32(static_cast<std::uint32_t>(a.text.size()));
    w.bytes(a.text);
    return out;
}

Bytes encodeProgramFile(const std::vector<ProgramTextArea>& areas) {
    if (areas.empty()) throw InputError("bx-k: a program needs at least one area");
    if (areas.size() > 255) throw InputError("bx-k: a program holds at most 255 areas, not " + std::to_string(areas.size()));
    Bytes file;
    ByteWriter w(file);
    w.u8(kFileTypeProgram);
    for (int i = 0; i < 4; ++i) w.u8(static_cast<unsigned char>(kName[i]));
    w.u32(0);                               // FileLen, known at the end
    w.u8(0xFF);                             // what Led5kSDK.dll writes here (bx.k.java writes 00, its "priority")
    w.u16(0);                               // DisplayType: areas in turn
    w.u8(1);                                // PlayTimes
    for (int i = 0; i < 8; ++i) w.u8(0xFF); // ProgramLife: always
    w.u8(0xFF);                             // ProgramWeek: every day
    w.u8(0);                                // ProgramTime: all day, so no period follows
    w.u8(0);                                // periods
    w.u8(static_cast<unsigned>(areas.size()));
    for (const auto& a : areas) w.bytes(encodeProgramArea(a));
    w.patchU32(5, static_cast<std::uint32_t>(file.size() + 2));
    w.u16(onbon::crc16Arc(file.data(), file.size()));
    return file;
}

ParsedKProgram parseProgramFile(const Bytes& file) {
    ParsedKProgram out;
    auto fail = [&](std::size_t at, const std::string& what) {
        out.areas.clear();
        out.error = what + " at byte " + std::to_string(at);
        return out;
    };
    if (file.size() < kProgramHeadLength + 2) return fail(0, "program file shorter than its header");
    const std::uint16_t crc = static_cast<std::uint16_t>(file[file.size() - 2] | file[file.size() - 1] << 8);
    if (onbon::crc16Arc(file.data(), file.size() - 2) != crc) return fail(file.size() - 2, "program file CRC does not match");
    ByteReader r(file.data(), file.size() - 2);
    if (r.u8() != kFileTypeProgram) return fail(0, "file type is not 00 (program)");
    out.name.assign(reinterpret_cast<const char*>(r.here()), 4);
    r.skip(4);
    if (r.u32() != file.size()) return fail(5, "FileLen disagrees with the file's size");
    r.skip(1 + 2 + 1 + 8 + 1);
    const bool timed = r.u8() != 0;
    r.u8(); // periods
    if (timed) r.skip(kPeriodLength);
    const int count = r.u8();
    for (int i = 0; i < count; ++i) {
        const std::size_t at = file.size() - 2 - r.remaining();
        const std::uint32_t length = r.u32();
        const std::uint8_t* p = r.here();
        if (length < 4 + kAreaHeadLength || !r.skip(length - 4)) return fail(at, "area " + std::to_string(i + 1) + " runs past the file");
        ByteReader a(p, length - 4);
        if (a.u8() != kAreaTypeText) return fail(at + 4, "area " + std::to_string(i + 1) + " is not a text area (type 00)");
        ProgramTextArea area;
        area.x = a.u16() * 8;
        area.y = a.u16();
        area.width = a.u16() * 8;
        area.height = a.u16();
        a.u8(); // DynamicAreaLoc
        area.lineSpace = a.u8();
        area.runMode = a.u8();
        area.timeout = a.u16();
        a.skip(3);
        area.singleLine = a.u8();
        area.newLine = a.u8();
        area.displayMode = a.u8();
        area.exitMode = a.u8();
        area.speed = a.u8();
        area.stayHalfSeconds = a.u8();
        const std::uint32_t textLength = a.u32();
        if (!a.ok() || textLength != a.remaining())
            return fail(at + 4 + kAreaHeadLength - 4,
                        "area " + std::to_string(i + 1) + " DataLen " + std::to_string(textLength) + " disagrees with its AreaLen");
        area.text.assign(a.here(), a.here() + textLength);
        out.areas.push_back(std::move(area));
    }
    if (!r.ok() || r.remaining() != 0) return fail(file.size() - 2 - r.remaining(), "bytes left after the last area");
    return out;
}

} // namespace gongshi::protocols::bxk
