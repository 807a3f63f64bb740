#pragma once
// What the sheets share (inside sheets/ only): the input every sheet is made with, styles and
// colours, the title block, the footer, form rows and the review block.
#include "sheets/SheetFlow.h"
#include "sheets/Sheets.h"

#include <string>
#include <vector>

namespace gongshi::content::sheets {

using renderer::Align;
using renderer::Color;
using renderer::mm;
using renderer::TextBlock;
using renderer::TextStyle;

inline const Color kSignRed{0xCC, 0x00, 0x00};
inline const Color kCardRed{0xB8, 0x1C, 0x22};
inline const Color kGrey{0x66, 0x66, 0x66};
inline const Color kRuleGrey{0x99, 0x99, 0x99};

// What every sheet is made with.
struct Input {
    const SheetRequest& request;
    const ComposeRecords& records;
    const FileStore* files;
    SheetFlow& flow;
    double f;               // type scale: 1 on A4, larger for larger paper
    std::string centreName; // Attachment 1's name for the centre
    bool landscape;
};

// A line of text parts and blanks to write on ("申请人：______　　联系电话：______").
struct FormPart {
    std::string text; // printed
    double blank = 0; // or a line this wide to write on, points
    double width = 0; // the least room the text takes (labels of rows that line up)
};

TextStyle style(const char* font, double size, Align align = Align::Left, double leading = 1.4, Color color = Color::black());
SheetSource source(const char* record, Id id, const char* field = "");
// "2026-11-05" -> "2026年11月5日"; other text as it is.
std::string chineseDate(const Date& d);
std::string standardName(const Centre& c, SheetFlow& flow);
const Matter& findMatter(const ComposeRecords& r, Id id, SheetKind kind);
const Notice& findNotice(const ComposeRecords& r, Id id);
// Numbered materials, one a paragraph: "1. 居民身份证（原件及复印件1份）".
std::string numberedMaterials(const Matter& m);
// The fee basis as the poster and the guide show it, with a warning where the law wants one.
std::string feeBasis(const Matter& m, SheetFlow& flow);
double windowOrder(const std::string& number);
void formRow(SheetFlow& flow, const std::vector<FormPart>& parts, const TextStyle& st);
// The title block: the sheet's name, bold and centred, and the centre's name under it.
void heading(Input& in, const std::string& title, const SheetSource& titleSource, double size);
// "第1页／共3页" at the right of the footer band, `left` at its left.
SheetFlow::Footer footer(double f, std::string left, bool numbersAlways);
// 服务评价 (好差评): the review address as a QR code and the complaint phone, in a ruled box.
void reviewBlock(Input& in);

// The sheets, one file each: each sets its records on the flow and gives the footer it wants.
SheetFlow::Footer poster(Input& in);    // PosterSheet.cpp
SheetFlow::Footer guide(Input& in);     // GuideSheet.cpp
SheetFlow::Footer checklist(Input& in); // ChecklistSheet.cpp
SheetFlow::Footer postcards(Input& in); // PostCardSheet.cpp
SheetFlow::Footer sign(Input& in);      // SignSheet.cpp
SheetFlow::Footer notice(Input& in);    // NoticeSheet.cpp

} // namespace gongshi::content::sheets
