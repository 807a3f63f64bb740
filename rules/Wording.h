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

// "【社会救助】title：body" for a marquee (the body's own line breaks are kept; a marquee layout
// joins them with an ideographic space).
std::string noticeMarqueeText(const Notice& n);
std::string noticeHeading(const Notice& n); // "【社会救助】title"

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
// ("暂停服务") or away ("暂离", "去向：…", "事由：…", "14:30回", "电话：…", empty parts left out).
// A one-line screen joins every phrase with an ideographic space; a page puts each group on its
// own line(s).
std::vector<std::vector<std::string>> windowStatusPhrases(const Window& w, const std::vector<Staff>& staff,
                                                          const std::set<Id>& absentStaff);

// Phrases joined by U+3000 (ideographic space).
std::string joinPhrases(const std::vector<std::string>& phrases);

} // namespace gongshi::content
