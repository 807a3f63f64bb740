#pragma once
// Government information notices (政务信息公开) as a CSV sheet:
//   公告类别, 标题 (required), 正文, 公示开始, 公示结束, 紧急
// in any order. 公告类别 takes the Chinese category names (就业, 社会保险, ...; empty: 其他);
// dates may be written 2026-12-03, 2026/12/3, 2026.12.3 or 2026年12月3日 and are stored as
// YYYY-MM-DD; 紧急 is 是 or empty. Export writes every column in this order.
#include "records/Csv.h"
#include "records/Database.h"
#include "records/Records.h"

#include <string>
#include <string_view>
#include <vector>

namespace gongshi::content {

const std::vector<std::string>& noticeCsvHeader();

const std::vector<CsvColumns::Spec>& noticeCsvColumns();
// As readMatterRow: the cells of the columns the sheet has, every error collected.
void readNoticeRow(const CsvColumns& columns, const CsvRow& row, Notice& n, std::vector<SheetCellError>& errors);
CsvRow noticeCsvRow(const Notice& n);

// Reads every row into notices of `centreId` (not stored); a bad row throws ValidationError
// "row N: <column> ...".
CsvRecords<Notice> readNoticesCsv(std::string_view bytes, Id centreId);
std::string writeNoticesCsv(const std::vector<Notice>& notices);

// Reads the file and stores it in one transaction (a notice of the same 标题 and 公示开始 in the
// centre is updated, not added again): all rows or none; a bad row throws its first error.
CsvRecords<Notice> importNoticesCsv(Database& db, Id centreId, std::string_view bytes, const std::string& user);
std::string exportNoticesCsv(Database& db, Id centreId);

// A date as people write it, as YYYY-MM-DD; empty stays empty. Throws ValidationError("",
// "'<cell>' is not a date ...") for text that is not a date of the calendar.
Date normaliseDate(std::string_view cell);

} // namespace gongshi::content
