#pragma once
// A notice's 公示记录: for a period, per screen of its centre, how long the notice was on display
// and the gaps when it was not, with why where the play record knows (records/PlayLog).
#include "records/PlayLog.h"
#include "records/Records.h"

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <string>
#include <vector>

namespace gongshi::content {

struct ProofGap {
    std::int64_t from = 0, until = 0; // seconds since 1970
    std::string reason;               // "offline" (屏幕离线) or "not_shown" (未在播放)
};

struct ScreenProof {
    Id screen = 0;
    std::string name;
    std::int64_t secondsShown = 0;
    std::vector<std::pair<std::int64_t, std::int64_t>> shown; // merged, clipped to the period
    std::vector<ProofGap> gaps;
};

struct NoticeProof {
    Notice notice;
    std::string centre;
    std::int64_t from = 0, until = 0; // the period, [from, until)
    std::vector<ScreenProof> screens;
};

// The start of local day `date` ("YYYY-MM-DD") in seconds since 1970.
std::int64_t localDayStart(const Date& date);
// "YYYY-MM-DD HH:MM" in local time.
std::string localMinuteText(std::int64_t seconds);
// The Chinese words of a gap's reason.
std::string gapReasonText(const std::string& reason);

// For `screens` (those of the notice's centre) over [from, until).
NoticeProof buildNoticeProof(Database& db, const Notice& notice, const std::string& centre, const std::vector<ScreenRecord>& screens,
                             std::int64_t from, std::int64_t until);

// Notice `id` over its publication period, or over the days `fromDate`..`untilDate` (inclusive,
// "YYYY-MM-DD") where given: NotFoundError for no such notice, ValidationError naming the field
// (from, until) for a bad date or a period that ends before it starts or has no end.
NoticeProof noticeProof(Database& db, Id id, const std::string& fromDate = "", const std::string& untilDate = "");

Poco::JSON::Object::Ptr noticeProofJson(const NoticeProof& proof);

} // namespace gongshi::content
