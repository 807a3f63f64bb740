#pragma once
// Programs kept in a card's flash, shared by bx-k and bx-6. Dynamic areas live in the card's RAM
// and are gone after a power cut; a program file stays and plays from power-on, but flash wears
// (about 100,000 writes), so a program is written only when it really changed.
//
// The file (after the shape of Onbon's program file, BxFileProgram in onbonlab/bx.k.java; the
// picture area's fields are gongshi's, as Onbon's area records are not public):
//   FileType 00 | Name[4] "P000" | FileLen u32 (the whole file) | Priority | PlayMode u16 (0: in
//   turn) | PlayTimes | Life[8] FF (always) | Week FF (every day) | Time[2] 00 (all day)
//   | AreaCount | per area: AreaLen u32 | area | FileCrc u16 (CRC-16/ARC of all before it)
// A picture area:
//   Type 0x10 | X u16 | Y u16 | W u16 | H u16 (pixels) | DispMode (1 static, 3 move left, 5 move
//   up) | Speed | Stay u16 (10 ms) | PageCount u16 | PageBytes u32 | the pages' pixels, packed as
//   the card packs a dynamic area's pages (the protocol's own packing)
// It is carried in two commands of group A1 that both generations have:
//   A1 05 start writing: Overwrite | Name[4] | FileLen u32
//   A1 06 write a block: Name[4] | Last | BlockNo u16 | BlockLen u16 | Offset u32 | data
// The card checks the blocks' order and the file's CRC, and keeps the file only when all is well.
#include "protocols/Protocol.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace gongshi::protocols::onbon {

inline constexpr std::uint8_t kGroupFile = 0xA1;
inline constexpr std::uint8_t kCmdStartFile = 0x05, kCmdFileBlock = 0x06;
inline constexpr std::uint8_t kFileTypeProgram = 0x00;
inline constexpr std::uint8_t kAreaTypePicture = 0x10;
inline constexpr std::uint8_t kModeStatic = 0x01, kModeMoveLeft = 0x03, kModeMoveUp = 0x05;
inline constexpr const char* kProgramName = "P000";
inline constexpr std::size_t kStartPayloadLength = 9;  // Overwrite Name[4] Len u32
inline constexpr std::size_t kBlockHeadLength = 13;    // Name[4] Last BlockNo u16 BlockLen u16 Offset u32

struct ProgramArea {
    int x = 0, y = 0, width = 0, height = 0;
    std::uint8_t displayMode = kModeStatic;
    std::uint8_t speed = 1;
    std::uint16_t stay10ms = 500;
    int pageCount = 0;
    Bytes pixels; // every page, packed by the protocol
};

std::uint8_t displayModeOf(Effect effect);
const char* displayModeName(std::uint8_t mode);

// A whole program file for `areas`; `pack` appends one page in the card's packing.
using PagePacker = std::function<void(const renderer::Bitmap& page, int areaX, Bytes& out)>;
Bytes encodeProgramFile(const std::vector<Command>& areas, const PagePacker& pack);

struct ParsedProgram {
    std::vector<ProgramArea> areas;
    std::string error; // empty when the file is sound; else what is wrong and at which byte
};
// `pageBytes` tells how many bytes one page of an area of this place and size takes.
ParsedProgram parseProgramFile(const Bytes& file, const std::function<std::size_t(int x, int w, int h)>& pageBytes);

// The payloads after each generation's command head.
Bytes startFilePayload(const Bytes& file);
// The file cut into A1 06 payloads whose data takes at most `wireBudget` bytes once escaped.
std::vector<Bytes> fileBlockPayloads(const Bytes& file, std::size_t wireBudget);

// The flash a card has for program files: option "flash_kb" (default 1024 KB).
std::size_t flashCapacity(const ScreenSpec& screen);

// A1 02: which file the card keeps under a name. Onbon's public sources show the file write
// (A1 05/06) but not this question; its number and answer are gongshi's choice, to be checked
// against a real card. The query's payload is Name[4]; the card answers with Name[4] | FileLen u32
// | FileCrc u16 (the CRC the file ends with), or refuses with "no file". A card that does not know
// the question refuses it, and the sender then writes the program once on that connection.
inline constexpr std::uint8_t kCmdFileInfo = 0x02;
struct FileInfo {
    std::uint32_t size = 0;
    std::uint16_t crc = 0;
    bool operator==(const FileInfo&) const = default;
};
Bytes fileInfoQuery();
FileInfo infoOf(const Bytes& file);
Bytes encodeFileInfo(const Bytes& file);
// nullopt when `data` is not a file information of the program file.
std::optional<FileInfo> parseFileInfo(const Bytes& data);
// Protocol::keepsFile for both generations.
bool keepsFile(const Bytes& infoReply, const Bytes& file);

// The card side of a file transfer: blocks in order, the file complete when the last arrives.
class FileReceiver {
public:
    enum class Outcome { Ok, Complete, NoStart, BadName, BadBlock, TooLarge, Truncated };
    explicit FileReceiver(std::size_t capacity) : capacity_(capacity) {}
    Outcome start(const std::uint8_t* p, std::size_t n);
    Outcome block(const std::uint8_t* p, std::size_t n);
    const std::string& name() const { return name_; }
    const Bytes& file() const { return data_; }
    const std::string& reason() const { return reason_; }
    std::size_t received() const { return received_; }
    std::size_t expected() const { return expected_; }

private:
    std::size_t capacity_;
    bool open_ = false;
    std::string name_;
    std::size_t expected_ = 0, received_ = 0;
    int nextBlock_ = 0;
    Bytes data_;
    std::string reason_;
};

} // namespace gongshi::protocols::onbon
