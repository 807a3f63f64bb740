// bench_proof: what the play record (公示记录) costs.
//  1. Storage: one screen through a year into a real SQLite file: ten notices on show at a time,
//     one ending and one starting each day, an urgent notice interrupting two hours a week, the
//     card switched off each night (22:00-07:00) and offline an hour twice a month; looked at every
//     ten minutes as the scheduler does. Bytes of the file (checkpointed, vacuumed) less an empty
//     one's. Target: under 1 MB a screen a year.
//  2. A proof report: 20 screens x 30 days of such intervals; the report of one notice over the
//     30 days built as JSON and as the PDF. Target: under 1 s.
// Prints key=value figures: proof_bytes_per_screen_year=, proof_intervals_per_screen_year=,
// proof_report_ms=, proof_pdf_ms=, and the ratios to the targets.
#include "print/PrintDocument.h"
#include "print/PrintText.h"
#include "records/Database.h"
#include "records/NoticeProof.h"
#include "records/PlayLog.h"
#include "sheets/ProofSheet.h"

#include <Poco/JSON/Stringifier.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>

using namespace gongshi;
using namespace std::chrono;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kStart = 1'798'761'600; // 2027-01-01 00:00 UTC
constexpr std::int64_t kDay = 86400;

// What screen `screen` shows at `t` on the simulated timetable, into `log`.
void simulate(content::PlayLog& log, content::Id screen, int days) {
    for (std::int64_t t = kStart; t < kStart + days * kDay; t += 600) {
        const std::int64_t day = (t - kStart) / kDay, sec = (t - kStart) % kDay;
        const bool night = sec < 7 * 3600 || sec >= 22 * 3600;
        const bool outage = (day % 15 == 3) && sec >= 10 * 3600 && sec < 11 * 3600;
        std::set<content::PlayedRecord> shown;
        if (day % 7 == 2 && sec >= 14 * 3600 && sec < 16 * 3600)
            shown.insert({"notice", 100000 + day}); // an urgent notice alone
        else
            for (std::int64_t n = day; n < day + 10; ++n) shown.insert({"notice", n + 1}); // each notice on for ten days
        log.observe(screen, !night && !outage, shown, t);
    }
    log.flush();
}

std::uintmax_t fileBytes(content::Database& db) {
    gongshi::content::Connection s = db.session();
    s << "PRAGMA wal_checkpoint(TRUNCATE)", Poco::Data::Keywords::now;
    s << "VACUUM", Poco::Data::Keywords::now;
    return fs::file_size(db.path());
}

std::int64_t countRows(content::Database& db) {
    std::int64_t n = 0;
    gongshi::content::Connection s = db.session();
    s << "SELECT COUNT(*) FROM play_intervals", Poco::Data::Keywords::into(n), Poco::Data::Keywords::now;
    return n;
}

} // namespace

int main() {
    setenv("TZ", "UTC", 1);
    tzset();
    const fs::path dir = fs::temp_directory_path() / ("gongshi-bench-proof-" + std::to_string(::getpid()));
    fs::remove_all(dir);

    // 1. A screen's year.
    std::uintmax_t bytes = 0;
    std::int64_t rows = 0;
    {
        fs::create_directories(dir / "year");
        content::Database db((dir / "year").string());
        const std::uintmax_t empty = fileBytes(db);
        content::PlayLog log(db);
        simulate(log, 1, 365);
        bytes = fileBytes(db) - empty;
        rows = countRows(db);
    }

    // 2. 20 screens x 30 days, the report of notice 10 (on show days 0..9 of the 30).
    fs::create_directories(dir / "month");
    content::Database db((dir / "month").string());
    {
        content::PlayLog log(db);
        for (content::Id s = 1; s <= 20; ++s) simulate(log, s, 30);
    }
    std::vector<content::ScreenRecord> screens;
    for (content::Id s = 1; s <= 20; ++s) {
        content::ScreenRecord r;
        r.meta.id = s;
        r.name = "显示屏" + std::to_string(s);
        screens.push_back(r);
    }
    content::Notice notice;
    notice.meta.id = 10;
    notice.title = "青石镇2027年公益性岗位拟聘用人员公示";
    notice.publishFrom = "2027-01-01";
    notice.publishUntil = "2027-01-30";
    const int runs = 20;
    std::size_t jsonBytes = 0, gaps = 0;
    const auto t0 = steady_clock::now();
    for (int i = 0; i < runs; ++i) {
        const content::NoticeProof p = content::buildNoticeProof(db, notice, "青石镇便民服务中心", screens, kStart, kStart + 30 * kDay);
        std::ostringstream out;
        Poco::JSON::Stringifier::stringify(content::noticeProofJson(p), out);
        jsonBytes = out.str().size();
        gaps = 0;
        for (const auto& s : p.screens) gaps += s.gaps.size();
    }
    const double reportMs = duration<double, std::milli>(steady_clock::now() - t0).count() / runs;
    renderer::PrintTypesetter typesetter;
    std::size_t pdfBytes = 0, pages = 0;
    const auto t1 = steady_clock::now();
    const int pdfRuns = 5;
    for (int i = 0; i < pdfRuns; ++i) {
        const content::NoticeProof p = content::buildNoticeProof(db, notice, "青石镇便民服务中心", screens, kStart, kStart + 30 * kDay);
        const auto sheet = content::composeProofSheet(p, typesetter, "2027-02-01 09:00");
        pdfBytes = renderer::renderPdf(sheet.sheet).size();
        pages = sheet.sheet.pages.size();
    }
    const double pdfMs = duration<double, std::milli>(steady_clock::now() - t1).count() / pdfRuns;
    fs::remove_all(dir);

    std::printf("proof_intervals_per_screen_year=%lld\n", static_cast<long long>(rows));
    std::printf("proof_bytes_per_screen_year=%ju\n", bytes);
    std::printf("proof_report_screens=20\nproof_report_days=30\nproof_report_gaps=%zu\nproof_report_json_bytes=%zu\n", gaps, jsonBytes);
    std::printf("proof_report_ms=%.2f\n", reportMs);
    std::printf("proof_pdf_pages=%zu\nproof_pdf_bytes=%zu\nproof_pdf_ms=%.1f\n", pages, pdfBytes, pdfMs);
    std::printf("proof_bytes_vs_target=%.3f\n", static_cast<double>(bytes) / (1024.0 * 1024.0));
    std::printf("proof_pdf_vs_target=%.3f\n", pdfMs / 1000.0);
    return 0;
}
