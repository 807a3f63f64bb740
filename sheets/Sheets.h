#pragma once
// Printed signage made from the same records as the screens (the province's standard, 二(二)2
// and 二(三)2): the notice-board poster of the matter list (公示栏), a matter's service guide
// (办事指南) and one-time notification checklist (一次性告知单), the window post cards (岗位牌),
// the centre's exterior sign and a notice sheet (公示) with the review and complaint block.
// The result is a renderer::PrintSheet of the paper's exact size, ready for PDF, SVG or PNG.
#include "records/CentreRecords.h"
#include "records/Records.h"
#include "sheets/SheetFlow.h"
#include "print/PrintDocument.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongshi::renderer {
class PrintTypesetter;
}

namespace gongshi::content {

class FileStore;

enum class SheetKind { Poster, Guide, Checklist, Postcards, Sign, Notice };

// "poster", "guide", "checklist", "postcards", "sign", "notice"; InputError naming them otherwise.
SheetKind parseSheetKind(std::string_view name);
std::string_view sheetKindName(SheetKind kind);
std::string_view sheetKindChinese(SheetKind kind); // 公示栏, 办事指南, 一次性告知单, 岗位牌, 标识牌, 公示
const std::vector<SheetKind>& allSheetKinds();

struct Paper {
    double width = 210, height = 297; // mm, as it will be printed (landscape already applied)
    std::string name;                 // "A4", "A3 landscape", "3000x600mm"
};

// "A4" (210x297), "A3" (297x420), "A2" (420x594) or "WxHmm" such as "3000x600mm" (10 to 5000 mm a
// side, the most a PDF page takes); landscape puts the long side across. InputError otherwise.
Paper parsePaper(std::string_view text, bool landscape);
// A4 for every sheet but the sign: 3000x600 mm.
std::string defaultPaper(SheetKind kind);

struct SheetRequest {
    SheetKind kind = SheetKind::Poster;
    std::string paper; // empty: defaultPaper(kind)
    bool landscape = false;
    Id matter = 0; // guide and checklist
    Id notice = 0; // notice
    Date today;    // the poster's date line
};

struct ComposedSheet {
    renderer::PrintSheet sheet;
    Paper paper;
    // What a person should know before printing, each naming its record and field: characters no
    // font has (drawn as placeholder boxes), facts missing (no photo, no review address), rows
    // split between pages.
    std::vector<SheetWarning> warnings;
    std::vector<char32_t> missing; // sorted, unique
};

// Throws InputError for a request that cannot be met (no --matter for a guide, an unknown paper),
// NotFoundError for a matter or notice the records do not hold. Photos are read from `files`
// (nullptr: every card shows an empty photo frame).
ComposedSheet composeSheet(const SheetRequest& request, const ComposeRecords& records, renderer::PrintTypesetter& typesetter,
                           const FileStore* files);

} // namespace gongshi::content
