#pragma once
// How gongshi words a record, wherever it is shown: the screens, the printed sheets, the checks and
// the admin page (which asks the server: POST /api/wording for list rows, POST
// /api/screens/{id}/record.png for the editor's preview): time limits, fees and their basis,
// notices, window status, the welcome line. Plain strings, no layout: the composer and the sheets
// decide how they are broken and paged.
#include "records/Records.h"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace gongshi::content {

// What paper prints for a fact nobody has stated ("收费依据：未载明").
inline constexpr const char* kNotStated = "未载明";

// Empty, or only blanks: ASCII spaces, tabs, line breaks and ideographic spaces (what a pasted
// cell often holds). Such a text states nothing.
bool isBlankText(std::string_view text);

// "即办" for 0 days, else "20个工作日".
std::string workingDaysText(int days);
// "承诺5个工作日", "即办" (promised 0 days), "法定20个工作日" (only the statutory limit known), or
// "" when neither is known.
std::string timeLimitText(const Matter& m);
// "不收费", the amounts ("10元/件", "工本费10元，加急费20元"), or "收费标准待公布" when nobody has
// said yet (a finding the composer reports).
std::string feeText(const Matter& m);
bool feeStated(const Matter& m);
bool charged(const Matter& m); // not free and at least one fee item
// Paper's time limits, both of them, a line each: "法定20个工作日\n承诺即办"; "" when neither is known.
std::string timeLimitLines(const Matter& m);
// A charged matter whose fee basis is blank: the basis is what the law wants published with a fee.
bool feeBasisMissing(const Matter& m);
// The basis as shown: its text without surrounding blanks; kNotStated when missing; "—" when the
// matter charges nothing (or has not said what it charges).
std::string feeBasisText(const Matter& m);

// The fee basis as a screen shows it, by one visible rule, from the fullest form to the shortest:
//   1. "依据：" and the whole basis;
//   2. the first document only, then "等" ("依据：《中华人民共和国居民身份证法》第二十条等"), when
//      the basis names several (parts separated by "；");
//   3. the first document's title only ("依据：《中华人民共和国居民身份证法》等"), when the first part
//      has more than its 《title》;
//   4. "依据详见办事指南".
// A screen shows the first form that fits the rows its box leaves; paper and the guide print the
// whole basis (feeBasisText). A matter without a basis has one form, "依据：未载明".
std::vector<std::string> feeBasisScreenForms(const Matter& m);
// The warning when a screen shows a shortened form: names the matter and the field by its label.
std::string feeBasisShortenedWarning(const Matter& m, const std::string& shown);

// "【社会救助】title：body" for a marquee (the body's own line breaks are kept; a marquee layout
// joins them with an ideographic space).
std::string noticeMarqueeText(const Notice& n);
std::string noticeHeading(const Notice& n); // "【社会救助】title"
// The category prefix takes six characters of a line: a screen shows it only where a line holds at
// least this many characters (192 px and wider at 16 px), so that on a 64x16 window screen an
// urgent notice starts with its title, not with "【其他】".
inline constexpr int kCategoryMinCharsPerLine = 12;
// noticeHeading and noticeMarqueeText without the category prefix.
std::string noticeTitleText(const Notice& n, bool withCategory);
std::string noticeMarqueeText(const Notice& n, bool withCategory);

// True when `day` ("YYYY-MM-DD") lies in the notice's publication period (both ends inclusive;
// an empty end is open).
bool publishedOn(const Notice& n, const Date& day);

// The welcome line: "<centre name>欢迎您".
std::string welcomeText(const Centre& c);
// The same as phrases for a screen of several lines, broken where the standard names break:
// before the last "便民服务" ("青石镇人民政府", "便民服务中心", "欢迎您"), or (name, "欢迎您").
std::vector<std::string> welcomePhrases(const Centre& c);

// "3号窗口"
std::string windowLabel(const Window& w);

// Who serves at a window now: the A post unless it is unset, unknown or absent, then the B post.
struct OnDuty {
    const Staff* staff = nullptr; // nullptr: nobody known
    bool bPost = false;
};
OnDuty onDuty(const Window& w, const std::vector<Staff>& staff, const std::set<Id>& absentStaff);

// The window status in groups of phrases: the first group names the window ("3号窗口", business),
// the second says its state: serving ("服务中", "在岗：张三" or "在岗：李四（B岗）"), paused
// ("暂停服务") or away ("暂离", "14:30回", "去向：…", "事由：…", "电话：…", empty parts left out:
// the time of return right after "暂离", as it is what a person waiting asks first).
// A one-line screen joins every phrase with an ideographic space; a page puts each group on its
// own line(s).
std::vector<std::vector<std::string>> windowStatusPhrases(const Window& w, const std::vector<Staff>& staff,
                                                          const std::set<Id>& absentStaff);

// The groups in the order a screen shows them: a paused or away window its state first ("暂离",
// "14:30回" / "暂停服务"), then its number and business, then the rest of its message (where, why,
// phone); a serving window its number and business first, then "服务中" and who is on duty.
std::vector<std::vector<std::string>> windowScreenGroups(const Window& w, const std::vector<Staff>& staff, const std::set<Id>& absentStaff);

// Phrases joined by U+3000 (ideographic space).
std::string joinPhrases(const std::vector<std::string>& phrases);

} // namespace gongshi::content
