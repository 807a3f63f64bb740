#include "records/NoticeProof.h"

#include "records/Database.h"
#include "common/Error.h"
#include "common/Messages.h"
#include "common/Parse.h"
#include "records/CentreNaming.h"
#include "records/RecordShape.h"
#include "records/RecordStore.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>

namespace gongshi::content {

std::int64_t localDayStart(const Date& date) {
    std::tm tm{};
    tm.tm_year = std::stoi(date.substr(0, 4)) - 1900;
    tm.tm_mon = std::stoi(date.substr(5, 2)) - 1;
    tm.tm_mday = std::stoi(date.substr(8, 2));
    tm.tm_isdst = -1;
    return static_cast<std::int64_t>(std::mktime(&tm));
}

std::string localMinuteText(std::int64_t seconds) {
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

std::string gapReasonText(const std::string& reason) { return reason == "offline" ? "屏幕离线" : "未在播放"; }

namespace {

using Span = std::pair<std::int64_t, std::int64_t>;

std::vector<Span> merged(std::vector<Span> spans, std::int64_t from, std::int64_t until) {
    std::vector<Span> out;
    std::sort(spans.begin(), spans.end());
    for (auto [a, b] : spans) {
        a = std::max(a, from);
        b = std::min(b, until);
        if (a >= b) continue;
        if (!out.empty() && a <= out.back().second)
            out.back().second = std::max(out.back().second, b);
        else
            out.push_back({a, b});
    }
    return out;
}

// [from, until) less `spans` (merged).
std::vector<Span> complement(const std::vector<Span>& spans, std::int64_t from, std::int64_t until) {
    std::vector<Span> out;
    std::int64_t at = from;
    for (const auto& [a, b] : spans) {
        if (a > at) out.push_back({at, a});
        at = std::max(at, b);
    }
    if (at < until) out.push_back({at, until});
    return out;
}

} // namespace

NoticeProof buildNoticeProof(Database& db, const Notice& notice, const std::string& centre, const std::vector<ScreenRecord>& screens,
                             std::int64_t from, std::int64_t until) {
    NoticeProof p;
    p.notice = notice;
    p.centre = centre;
    p.from = from;
    p.until = until;
    std::map<Id, std::vector<Span>> byScreen;
    for (const PlayInterval& i : PlayLog::intervalsOf(db, {"notice", notice.meta.id}, from, until))
        byScreen[i.screen].push_back({i.from, i.until});
    for (const ScreenRecord& s : screens) {
        ScreenProof sp;
        sp.screen = s.meta.id;
        sp.name = s.name;
        sp.shown = merged(byScreen[s.meta.id], from, until);
        for (const auto& [a, b] : sp.shown) sp.secondsShown += b - a;
        std::vector<Span> offline;
        for (const PlayInterval& i : PlayLog::offlineOf(db, s.meta.id, from, until)) offline.push_back({i.from, i.until});
        offline = merged(offline, from, until);
        // Each gap split into the parts the screen was offline and the rest.
        for (const auto& [a, b] : complement(sp.shown, from, until)) {
            const std::vector<Span> off = merged(offline, a, b);
            std::vector<ProofGap> parts;
            for (const auto& [x, y] : off) parts.push_back({x, y, "offline"});
            for (const auto& [x, y] : complement(off, a, b)) parts.push_back({x, y, "not_shown"});
            std::sort(parts.begin(), parts.end(), [](const ProofGap& l, const ProofGap& r) { return l.from < r.from; });
            sp.gaps.insert(sp.gaps.end(), parts.begin(), parts.end());
        }
        p.screens.push_back(std::move(sp));
    }
    return p;
}

NoticeProof noticeProof(Database& db, Id id, const std::string& fromDate, const std::string& untilDate) {
    const std::optional<Notice> notice = RecordStore<Notice>(db).get(id);
    const std::string fromText = fromDate.empty() ? notice->publishFrom : fromDate;
    const std::string untilText = untilDate.empty() ? notice->publishUntil : untilDate;
    const auto from = parse::date(fromText, {"from", "统计起始日期"});
    const auto until = parse::date(untilText, {"until", "统计截止日期"});
    if (std::chrono::sys_days(until) < std::chrono::sys_days(from))
        throw ValidationError("until", "统计截止日期（" + untilText + "）早于统计起始日期（" + fromText + "）");
    const std::chrono::year_month_day next{std::chrono::sys_days(until) + std::chrono::days(1)};
    char nextText[16];
    std::snprintf(nextText, sizeof nextText, "%04d-%02u-%02u", static_cast<int>(next.year()), static_cast<unsigned>(next.month()),
                  static_cast<unsigned>(next.day()));
    const auto centre = RecordStore<Centre>(db).find(notice->centreId);
    const std::string centreName = centre ? standardCentreName(*centre) : "";
    return buildNoticeProof(db, *notice, centreName, RecordStore<ScreenRecord>(db).all(notice->centreId), localDayStart(fromText),
                            localDayStart(nextText));
}

Poco::JSON::Object::Ptr noticeProofJson(const NoticeProof& p) {
    Poco::JSON::Object::Ptr o = newJsonObject();
    o->set("notice_id", p.notice.meta.id);
    o->set("title", p.notice.title);
    o->set("centre", p.centre);
    o->set("publish_from", p.notice.publishFrom);
    o->set("publish_until", p.notice.publishUntil);
    o->set("from", localMinuteText(p.from));
    o->set("until", localMinuteText(p.until));
    o->set("from_s", p.from);
    o->set("until_s", p.until);
    o->set("period_hours", static_cast<double>(p.until - p.from) / 3600.0);
    Poco::JSON::Array::Ptr screens = new Poco::JSON::Array;
    for (const ScreenProof& s : p.screens) {
        Poco::JSON::Object::Ptr so = newJsonObject();
        so->set("screen_id", s.screen);
        so->set("name", s.name);
        so->set("hours_shown", std::round(static_cast<double>(s.secondsShown) / 36.0) / 100.0);
        Poco::JSON::Array::Ptr gaps = new Poco::JSON::Array;
        for (const ProofGap& g : s.gaps) {
            Poco::JSON::Object::Ptr go = newJsonObject();
            go->set("from", localMinuteText(g.from));
            go->set("until", localMinuteText(g.until));
            go->set("from_s", g.from);
            go->set("until_s", g.until);
            go->set("hours", std::round(static_cast<double>(g.until - g.from) / 36.0) / 100.0);
            go->set("reason", g.reason);
            go->set("reason_text", gapReasonText(g.reason));
            gaps->add(go);
        }
        so->set("gaps", gaps);
        screens->add(so);
    }
    o->set("screens", screens);
    return o;
}

} // namespace gongshi::content
