#pragma once
// Service matters (服务事项) as a CSV sheet with the Chinese column headers staff keep in Excel:
//   事项编码, 事项名称 (required), 所属部门, 事项类别, 设定依据, 申请材料, 法定办结时限, 承诺办结时限,
//   收费标准, 收费依据, 办理窗口, 咨询电话, 一件事
// in any order (a few other spellings of each header are accepted). Cells:
//   时限       20 | 20个工作日 | 20工作日 | 即办 (0)           -> working days
//   收费标准   不收费 | 免费 -> free;  10元 | 12.50元/件 | 工本费10元；加急费20元 -> fee items
//   申请材料   one material a line (or separated by ；), e.g. 居民身份证（原件及复印件1份）
//   办理窗口   1、2 or 1，2 ("3号窗口" is read as "3")
// Export writes every column in the order above, so export -> import -> export gives the same bytes.
#include "records/Csv.h"
#include "records/Database.h"
#include "records/Records.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongshi::content {

// The columns as exported, in order.
const std::vector<std::string>& matterCsvHeader();

// The columns a matters sheet may have: canonical headers, the other spellings staff use.
const std::vector<CsvColumns::Spec>& matterCsvColumns();
// Reads the cells of `row` into `m`, only the columns the sheet has (so that an update keeps what
// the sheet does not hold), then checks the matter's own rules. Every cell that cannot be read
// and every rule broken adds one error, naming its column.
void readMatterRow(const CsvColumns& columns, const CsvRow& row, Matter& m, std::vector<SheetCellError>& errors);
// The cells of a matter in the order of matterCsvHeader().
CsvRow matterCsvRow(const Matter& m);

// Reads every row into matters of `centreId` (not stored). A row that cannot be read throws
// ValidationError "row N: <column> ..." with the column as its field; nothing is returned then.
CsvRecords<Matter> readMattersCsv(std::string_view bytes, Id centreId);
// The CSV file (UTF-8 with BOM, CRLF) for these matters.
std::string writeMattersCsv(const std::vector<Matter>& matters);

// Reads the file and stores it in one transaction (records/SheetImport: a matter the centre has,
// by 事项编码 or else by name, is updated, not added again): all rows or none. Throws before
// writing anything when a row is bad (the first error, "第N行“列”：...") or the centre does not exist.
CsvRecords<Matter> importMattersCsv(Database& db, Id centreId, std::string_view bytes, const std::string& user);
// The CSV file of the centre's matters, in the order of their ids.
std::string exportMattersCsv(Database& db, Id centreId);

// Cell readers (each throws ValidationError("", "'<cell>' is not ...") on text it cannot read)
// and writers.
std::optional<int> parseWorkingDays(std::string_view cell); // empty -> nullopt
std::string workingDaysText(const std::optional<int>& days);

struct FeeStandard {
    bool free = false;          // 不收费
    std::vector<FeeItem> items; // what is charged; both empty: not stated
};
FeeStandard parseFeeStandard(std::string_view cell);
std::string feeStandardText(bool free, const std::vector<FeeItem>& items);

std::vector<Material> parseMaterials(std::string_view cell);
std::string materialsText(const std::vector<Material>& materials);

std::vector<std::string> parseWindowList(std::string_view cell);
std::string windowListText(const std::vector<std::string>& windows);

} // namespace gongshi::content
