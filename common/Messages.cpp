#include "common/Messages.h"

#include <algorithm>
#include <cstdio>
#include <regex>

namespace gongshi::msg {

std::string quoted(const std::string& text) { return "“" + text + "”"; }

std::string bodyTooLarge(std::size_t limit) { return "请求内容过大：最多" + std::to_string(limit) + "字节"; }
std::string notUtf8(const std::string& what, std::size_t offset) {
    return what + "不是有效的 UTF-8 文字：字节偏移" + std::to_string(offset) + "处有误";
}
// The JSON parser's account of the fault, told in Chinese (its English words name a byte at most).
std::string jsonFault(const std::string& detail) {
    static const std::regex expected("expected '([^']*)' instead of byte '([^']*)'"), unexpected("nexpected byte '([^']*)'");
    std::smatch m;
    if (std::regex_search(detail, m, expected)) return "此处应为" + quoted(m[1]) + "，而不是" + quoted(m[2]);
    if (std::regex_search(detail, m, unexpected)) return "出现了不该出现的字符" + quoted(m[1]);
    if (detail.find("empty stack") != std::string::npos) return "最外层应为对象（{…}）或数组（[…]）";
    if (detail.find("nexpected end") != std::string::npos || detail.find("ncomplete") != std::string::npos ||
        detail.find("EOF") != std::string::npos)
        return "内容不完整，缺少结尾的括号或引号";
    return "格式有误，请检查括号、引号和逗号";
}

std::string bodyNotJson(const std::string& what, const std::string& detail) {
    return what + "不是有效的 JSON（" + jsonFault(detail) + "）";
}
std::string bodyNotObject(const std::string& what) { return what + "应为一个 JSON 对象（{…}）"; }
std::string bodyElementNotObject(const std::string& what, std::size_t index) {
    return what + "的第" + std::to_string(index + 1) + "项应为一个 JSON 对象（{…}）";
}
std::string badRequestTarget(const std::string& detail) { return "请求地址有误（" + detail + "）"; }
std::string badContentLength(const std::string& given) {
    return "请求头 Content-Length 应为字节数（不带符号的整数），而不是" + quoted(given);
}
std::string badRequestHead(const std::string& detail) { return "请求头无法读取（" + detail + "），请检查 Content-Length 等请求头"; }
std::string badIdempotencyKey() { return "请求头 Idempotency-Key 应为1到255个可见的 ASCII 字符"; }
std::string idempotencyKeyElsewhere(const std::string& target) {
    return "这个 Idempotency-Key 已用于" + quoted(target) + "的请求，请为新的请求换一个";
}
std::string idempotencyKeyBusy() { return "使用这个 Idempotency-Key 的上一个请求还在处理中，请稍后再试"; }
std::string httpVersionNotSupported(const std::string& version) { return "不支持的 HTTP 版本“" + version + "”：请用 HTTP/1.1 或 HTTP/1.0"; }
std::string otherSite(const std::string& origin) { return "拒绝来自其他网站（" + origin + "）的请求"; }
std::string csrfMissing() { return "页面已过期或请求缺少校验码（X-CSRF-Token），请刷新页面后重试"; }
std::string methodNotAllowed(const std::string& method, const std::string& path) { return "接口" + path + "不支持 " + method + " 请求"; }
std::string noSuchApiPath(const std::string& path) { return "没有这个接口：" + path; }
std::string pagesAreReadOnly() { return "页面只能用 GET 或 HEAD 读取"; }
std::string noSuchPage(const std::string& path) { return "没有这个页面：" + path; }
std::string adminPageMissing(const std::string& dir) { return "管理页面没有安装（" + dir + "）"; }

std::string fieldOneOf(const std::string& label, const std::string& choices, const std::string& given) {
    return label + "应为" + choices + "之一，而不是" + quoted(given);
}

std::string recordNotFound(const std::string& what, long long id) {
    return "编号为" + std::to_string(id) + "的" + what + "不存在（可能已被删除）";
}
std::string noRevision(const std::string& what, long long id, int version) {
    return what + std::to_string(id) + "没有第" + std::to_string(version) + "版";
}
std::string changedSince(const std::string& what, long long id, const std::string& by, const std::string& at, int now, int base) {
    return what + std::to_string(id) + "已被" + by + "于" + at + "修改（现为第" + std::to_string(now) + "版，本次保存基于第" +
           std::to_string(base) + "版），未覆盖任何内容，请刷新后再改";
}
std::string deletedSince(const std::string& what, long long id, int last, int base) {
    return what + std::to_string(id) + "已在第" + std::to_string(last) + "版时删除，本次恢复基于第" + std::to_string(base) +
           "版，未做任何改动";
}
std::string notApprovable(const std::string& record) { return "只有事项（matter）和公告（notice）需要审批，而不是" + quoted(record); }

std::string rejectNeedsComment() { return "退回须填写意见（comment），告诉编辑要改什么"; }
std::string rejectNotWaiting(const std::string& what, long long id, int version, int current) {
    return what + " " + std::to_string(id) + "的第" + std::to_string(version) + "版已不是待审批的版本（现在是第" + std::to_string(current) +
           "版），请刷新后再审批";
}
std::string rejectApproved(const std::string& what, long long id, int version) {
    return what + " " + std::to_string(id) + "的第" + std::to_string(version) + "版已批准发布，不能退回";
}

std::string renderSizeMissing(const std::string& label) { return "须填写" + label + "（1至4096像素）"; }

std::string saveWithoutVersion() { return "保存须带上读取时的版本号（version），以免覆盖别人的修改"; }
std::string deleteWithoutVersion() { return "删除须带上读取时的版本号（?version=N），以免删掉别人刚改过的内容"; }

std::string userNameRule(const std::string& given) { return "用户名只能由1到64个字母、数字或“_”“-”“.”组成，" + quoted(given) + "不行"; }
std::string roleRule(const std::string& given) { return fieldOneOf("角色", "admin（管理员）、editor（编辑）、window（窗口人员）", given); }
std::string windowUserNeedsWindow() { return "窗口人员须选择所在窗口"; }
std::string passwordTooShort(std::size_t least) { return "密码至少" + std::to_string(least) + "位"; }
std::string noSuchWindow(long long id) { return "编号为" + std::to_string(id) + "的窗口不存在"; }
std::string onlyCountyUsers() { return "此项涉及全县所有服务中心，只有全县的用户可以操作"; }
std::string onlyCountyAddsCentres() { return "只有全县的用户可以新建服务中心"; }
std::string noSuchCentre(long long id) { return "编号为" + std::to_string(id) + "的服务中心不存在"; }
std::string onlyOwnWindow() { return "只能查看和修改本窗口的状态"; }
std::string noSuchUser(const std::string& username) { return "用户" + quoted(username) + "不存在"; }
std::string userExists(const std::string& username) { return "用户名" + quoted(username) + "已被占用"; }
std::string wrongOldPassword() { return "原密码不正确"; }
std::string samePassword() { return "新密码不能与原密码相同"; }
std::string resetOwnPassword() { return "修改自己的密码请用“修改密码”，须输入原密码"; }

std::string screenUnreachable(const std::string& address) { return "无法连接显示屏（" + address + "），稍后自动重试"; }
std::string screenLinkLost() { return "与显示屏的连接中断，稍后自动重连"; }
std::string screenNoReply() { return "显示屏没有应答，稍后自动重连"; }
std::string screenRefused(const std::string& code) {
    return code.empty() ? "显示屏拒绝了发送的内容" : "显示屏拒绝了发送的内容（" + code + "）";
}
std::string screenCannotShow() { return "显示屏无法显示这些内容（超出其协议的限制）"; }
std::string screenSettingsWrong() { return "显示屏的协议或设置有误，未驱动"; }
std::string chineseOr(const std::string& text, const std::string& fallback) {
    for (std::size_t i = 0; i + 2 < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0xE4 && c <= 0xE9) return text; // the lead byte of a CJK ideograph
    }
    return fallback;
}

std::string notDrivingScreens() { return "本服务器不驱动显示屏（未启用推送）"; }
std::string tooManyLiveViews(int limit) { return "同时打开的实时画面过多（最多" + std::to_string(limit) + "个），请关闭一些后再试"; }
std::string loginLocked(int seconds) {
    const std::string wait = seconds < 60 ? std::to_string(std::max(1, seconds)) + "秒" : std::to_string((seconds + 59) / 60) + "分钟";
    return "登录失败次数过多，请" + wait + "后再试（也可请管理员在“用户”页解除锁定）";
}
std::string userUnlocked(const std::string& username, int addresses) {
    return addresses > 0 ? "已解除用户" + quoted(username) + "的登录锁定（" + std::to_string(addresses) + "个地址）"
                         : "用户" + quoted(username) + "没有被锁定，已清除其登录失败记录";
}
std::string tooManyConnections(int limit) { return "来自同一地址的连接过多（最多" + std::to_string(limit) + "个），请稍后再试"; }
std::string tooManyWebPlayers(int limit) { return "同时连接的网页播放屏过多（最多" + std::to_string(limit) + "个），请关闭一些后再试"; }
std::string webSocketExpected(const std::string& detail) { return "此处应为 WebSocket 连接（" + detail + "）"; }
std::string screenNotDriven(const std::string& id) { return "显示屏" + id + "尚未开始推送"; }
std::string notWebPlayer(const std::string& id) { return "显示屏" + id + "不是网页播放屏"; }

std::string notOneOf(const std::string& label, const std::string& given, const std::string& choices) {
    return label + quoted(given) + "无效，可选：" + choices;
}

std::string csvBomButNotUtf8(const std::string& byte, std::size_t offset) {
    return "文件以 UTF-8 的 BOM 开头，但偏移" + std::to_string(offset) + "处的字节" + byte + "不是 UTF-8";
}
std::string csvUtf16() { return "文件是 UTF-16 编码（Excel 的“Unicode 文本”）：请另存为“CSV UTF-8”或“CSV”"; }
std::string csvNeitherUtf8NorGbk(const std::string& utf8Byte, std::size_t utf8Offset, const std::string& gbkByte, std::size_t gbkOffset) {
    return "文件既不是 UTF-8（偏移" + std::to_string(utf8Offset) + "处的字节" + utf8Byte + "不是 UTF-8），也不是 GBK（偏移" +
           std::to_string(gbkOffset) + "处的字节" + gbkByte + "不是 GBK）：请在 Excel 中另存为“CSV UTF-8”";
}
std::string csvAt(std::size_t row, std::size_t column, const std::string& letters) {
    return "第" + std::to_string(row) + "行第" + std::to_string(column) + "列（" + letters + "列）";
}
std::string csvQuoteNotClosed(const std::string& at) { return at + "：从这里开始的引号没有闭合"; }
std::string csvTextAfterQuote(const std::string& at) { return at + "：闭合的引号后还有文字（引号内的引号要写两个：\"\"）"; }
std::string csvColumnTwice(const std::string& column, const std::string& first, const std::string& firstAs, const std::string& second,
                           const std::string& secondAs) {
    return "第1行：" + quoted(column) + "列出现了两次（" + first + "列" + quoted(firstAs) + "和" + second + "列" + quoted(secondAs) + "）";
}
std::string csvColumnMissing(const std::string& column) { return "第1行：缺少必填的" + quoted(column) + "列（表头行须写明）"; }
std::string csvColumnIgnored(const std::string& header, const std::string& letters) {
    return "不认识的列" + quoted(header) + "（" + letters + "列），已忽略";
}
std::string csvEmpty(const std::string& firstColumn) { return "文件是空的：第1行应为表头（" + firstColumn + "，…）"; }
std::string csvCell(std::size_t row, const std::string& column, const std::string& detail) {
    return "第" + std::to_string(row) + "行" + quoted(column) + "：" + detail;
}
std::string csvCellEmpty(std::size_t row, const std::string& column) { return "第" + std::to_string(row) + "行" + quoted(column) + "为空"; }
std::string csvSameName(std::size_t row, const std::string& column, const std::string& name, std::size_t firstRow) {
    return csvCell(row, column, quoted(name) + "与第" + std::to_string(firstRow) + "行重复");
}
std::string csvMatterExists(const std::string& name, long long centre, long long id) {
    return "便民服务中心" + std::to_string(centre) + "已有名为" + quoted(name) + "的事项（编号" + std::to_string(id) + "），文件又添了一个";
}
std::string csvMattersExist(std::size_t count, long long centre, const std::string& someNames) {
    return "文件中有" + std::to_string(count) + "个事项在便民服务中心" + std::to_string(centre) + "已有同名事项（" + someNames +
           "），文件又添了一遍：是否已导入过？";
}
std::string csvDateOrder(std::size_t row, const std::string& until, const std::string& untilText, const std::string& from,
                         const std::string& fromText) {
    return csvCell(row, until, sheetDateOrder(untilText, from, fromText));
}
std::string sheetCellEmpty() { return "不能为空"; }
std::string sheetDateOrder(const std::string& untilText, const std::string& from, const std::string& fromText) {
    return untilText + "早于" + quoted(from) + fromText;
}
std::string sheetSameRecordTwice(const std::string& what, std::size_t firstRow) {
    return "与第" + std::to_string(firstRow) + "行是同一条" + what + "，一条记录只能在表中出现一次";
}
std::string sheetSeveralStored(const std::string& what, const std::string& ids) {
    return "中心里已有多条相同的" + what + "（编号" + ids + "），无法确定更新哪一条：请先在管理页删去重复的，或填写事项编码";
}
std::string sheetActionName(const std::string& action) {
    if (action == "new") return "新增";
    if (action == "update") return "更新";
    if (action == "unchanged") return "未变";
    return "错误";
}
std::string sheetRowLine(std::size_t row, const std::string& action, long long id) {
    return "第" + std::to_string(row) + "行：" + sheetActionName(action) + (id > 0 ? "（编号" + std::to_string(id) + "）" : "");
}
std::string sheetRowError(std::size_t row, const std::string& column, const std::string& message) {
    return "第" + std::to_string(row) + "行" + (column.empty() ? "" : quoted(column)) + "：" + message;
}
std::string sheetSummary(std::size_t added, std::size_t updated, std::size_t unchanged, std::size_t errors) {
    return "新增" + std::to_string(added) + "条，更新" + std::to_string(updated) + "条，未变" + std::to_string(unchanged) + "条，错误" +
           std::to_string(errors) + "行";
}
std::string sheetRowsHaveErrors(std::size_t errors) { return "有" + std::to_string(errors) + "行有错误，什么都没有导入：改正后再导入"; }
std::string sheetNotCsvOrXlsx(const std::string& contentType) {
    return "导入的文件应为 CSV（text/csv）或 Excel 工作簿（.xlsx），而不是" + quoted(contentType);
}
std::string sheetUnknownExport(const std::string& file) {
    return "没有" + quoted(file) + "可导出：可导出 matters.xlsx、matters.csv、notices.xlsx、notices.csv";
}
std::string sheetUnknownKind(const std::string& kind) { return "不能导入" + quoted(kind) + "：可导入 matters（事项）或 notices（公告）"; }
std::string sheetCentreMissing() { return "缺少参数 centre_id：导入导出哪个便民服务中心的记录（中心编号）"; }
std::string importFileHasErrors(const std::string& file, const std::string& summary, std::size_t errors) {
    return file + "：" + summary + "。" + sheetRowsHaveErrors(errors);
}
std::string importReported(const std::string& kind, long long centre, const std::string& centreName, const std::string& summary,
                           bool dryRun) {
    return std::string(dryRun ? "预览（什么都没有保存）" : "已导入") + "便民服务中心" + std::to_string(centre) + "（" + centreName +
           "）的" + importKindName(kind) + "：" + summary;
}
std::string xlsxNotWorkbook(const std::string& part) {
    return std::string("不是 Excel 工作簿（.xlsx）") + (part.empty() ? "" : "：缺少" + part) +
           "。请在 Excel 中另存为“Excel 工作簿（*.xlsx）”或“CSV UTF-8（逗号分隔）”后再导入";
}
std::string xlsxPartMissing(const std::string& part) { return "Excel 工作簿缺少" + part; }
std::string xlsxBadPart(const std::string& part) { return "Excel 工作簿已损坏：" + part + "无法读取"; }
std::string xlsxTooLarge(const std::string& part, std::size_t megabytes) {
    return "Excel 工作簿的" + part + "解压后超过" + std::to_string(megabytes) + " MB，不予读取";
}
std::string xlsxTooManyRows(std::size_t rows) { return "工作表超过" + std::to_string(rows) + "行，请分成几个文件导入"; }
std::string xlsxBadReference(const std::string& reference) { return "工作表中的单元格位置" + quoted(reference) + "无法识别"; }
std::string xlsxBadSharedString(const std::string& index) { return "工作表引用了不存在的共享文字（第" + index + "项）"; }
std::string xlsxCannotWrite(const std::string& path, const std::string& why) { return "无法写出 Excel 工作簿 " + path + "（" + why + "）"; }
std::string xlsxCellNotWritten(std::size_t row, const std::string& letters, const std::string& why) {
    return "无法写入第" + std::to_string(row) + "行" + letters + "列（" + why + "）";
}
std::string cellNot(const std::string& cell, const std::string& what) { return quoted(cell) + "不是" + what; }
std::string materialWithoutName(const std::string& cell) { return cellNot(cell, "有效的材料：括号前没有材料名称"); }
std::string materialWithoutCopies(const std::string& cell) { return cellNot(cell, "有效的材料：份数不能为0"); }
std::string notFeeStandard(const std::string& cell) {
    return cellNot(cell, "有效的收费标准（写“不收费”，或写金额，如“10元”“12.50元/件”“工本费10元；加急费20元”）");
}
std::string feeDecimals(const std::string& cell) { return cellNot(cell, "有效的收费：以元计的金额最多两位小数"); }
std::string feeNotInYuan(const std::string& cell) { return cellNot(cell, "有效的收费：金额须以“元”计（如“10元”或“12.50元/件”）"); }
std::string feeFreeAndCharged(const std::string& cell) { return cellNot(cell, "有效的收费标准：既写了“不收费”又写了金额"); }
std::string notWorkingDays(const std::string& cell) { return cellNot(cell, "工作日数（如“20个工作日”“即办”）"); }
std::string notNoticeCategory(const std::string& cell, const std::string& choices) { return cellNot(cell, "公告类别，可选：" + choices); }
std::string notYesNo(const std::string& cell) { return quoted(cell) + "应为“是”或“否”"; }
std::string notDate(const std::string& cell) { return cellNot(cell, "日期（写2026-12-03、2026/12/3或2026年12月3日）"); }

std::string fileKindNotKept(const std::string& given, const std::string& kinds) {
    return "不保存" + quoted(given) + "类型的文件（只收" + kinds + "）";
}
std::string fileEmpty() { return "文件是空的"; }
std::string fileTooLarge(std::size_t size, std::size_t limit) {
    return "文件有" + std::to_string(size) + "字节，超过上限" + std::to_string(limit) + "字节";
}
std::string notStoredFile(const std::string& path) { return quoted(path) + "不是已保存的文件"; }
std::string storedFileMissing(const std::string& path) { return "已保存的文件" + quoted(path) + "不见了，请重新上传"; }
std::string noPhoto(const std::string& staffName) { return quoted(staffName) + "还没有照片"; }
std::string photoNotPicture() { return "照片应为 JPEG 或 PNG 图片，上传的内容不是图片"; }
std::string photoDamaged() { return "照片已损坏，无法读出图像，请重新导出后上传"; }
std::string photoTooLarge(int width, int height, long long maxPixels) {
    const long long pixels = static_cast<long long>(width) * height;
    return "照片为" + std::to_string(width) + "×" + std::to_string(height) + "像素（" + std::to_string((pixels + 500'000) / 1'000'000) +
           "百万像素），超过上限" + std::to_string(maxPixels / 1'000'000) + "百万像素，请缩小后上传";
}
std::string stillReferenced(const std::string& what, long long id, const std::string& dependents) {
    return what + " " + std::to_string(id) + "下还有" + dependents + "，请先删除这些记录再删除它";
}
std::string stillPointedTo(const std::string& what, long long id, const std::string& pointers) {
    return what + " " + std::to_string(id) + "仍被" + pointers + "引用，请先解除这些引用（账号改绑或删除，岗位换人或留空）再删除它";
}
std::string windowUserAccount(const std::string& username) { return "窗口人员账号" + quoted(username); }
std::string staffAtPost(const std::string& post, const std::string& staffName) { return post + "工作人员" + quoted(staffName); }
std::string postAtWindow(const std::string& windowNumber, const std::string& post) { return windowNumber + "号窗口" + post; }
std::string onlyAdminSetsApproval() { return "只有管理员可以开启或关闭“发布须审批”"; }
std::string onlyOwnWindowStaff() { return "只能查看本窗口工作人员的照片"; }
std::string cannotWrite(const std::string& path) { return "无法写入" + quoted(path) + "（磁盘已满或没有写权限？）"; }
std::string pictureNotImage() { return "图片文件应为 PNG 或 JPEG：上传的内容不是图片（按文件内容判断，不看文件名）"; }
std::string pictureDamaged() { return "图片文件已损坏或不完整，无法读出图像，请重新导出后上传"; }
std::string pictureTooLarge(std::size_t size, std::size_t limit) {
    const std::string mb = limit >= (1u << 20) ? "（" + std::to_string(limit >> 20) + " MB）" : std::string();
    return "图片文件有" + std::to_string(size) + "字节，超过上限" + std::to_string(limit) + "字节" + mb + "，请缩小后上传";
}
std::string picturePixels(int width, int height, long long maxPixels) {
    return "图片为" + std::to_string(width) + "×" + std::to_string(height) + "像素，超过上限" + std::to_string(maxPixels / 1'000'000) +
           "百万像素，请缩小后上传";
}
std::string pictureNameTooLong(std::size_t chars, std::size_t limit) {
    return "图片名称有" + std::to_string(chars) + "个字符，最多" + std::to_string(limit) + "个";
}
std::string noPicture(long long id) { return "没有编号为 " + std::to_string(id) + " 的已上传图片"; }
std::string pictureInUse(const std::string& name, long long id, const std::string& programs) {
    return "图片" + quoted(name) + "（编号 " + std::to_string(id) + "）正在节目" + programs + "中使用，不能删除：请先从这些节目中移除它";
}
std::string pictureNotShown(const std::string& name, const std::string& why) { return "图片" + quoted(name) + "无法显示：" + why; }
std::string pictureTooSmallArea(const std::string& name, int width, int height) {
    return "区域 " + std::to_string(width) + "×" + std::to_string(height) + " 太小，放不下图片" + quoted(name) + "（至少 4×4），不显示";
}

std::string placeNameEmpty(const std::string& what) { return "请填写" + what + "名称"; }
std::string placeNameEnding(const std::string& what, const std::string& given, const std::string& endings, const std::string& example) {
    return what + "名称" + quoted(given) + "应以" + endings + "结尾（写全称，如" + quoted(example) + "）";
}
std::string stationNameEmpty() { return "请填写便民服务站所在地（撤并乡镇或街道）的名称"; }
std::string unknownCentreKind(int value) { return "便民服务中心的类型无效（" + std::to_string(value) + "）"; }
std::string gradeRule(int given) { return "等级应为1、2或3，而不是" + quoted(std::to_string(given)); }

std::string screenHasNoSize(long long id, int width, int height) {
    return "显示屏" + std::to_string(id) + "没有设置尺寸（" + std::to_string(width) + "x" + std::to_string(height) + "）";
}
std::string areaTooLowForFonts(int height) { return "区域高" + std::to_string(height) + "像素，比最小的 LED 字体还矮"; }
std::string windowCompositionNeedsId(const std::string& given) { return "“window:”后应为窗口编号，而不是" + quoted(given); }
std::string noWindowInCentre(const std::string& id, long long centre) {
    return "便民服务中心" + std::to_string(centre) + "没有编号为" + id + "的窗口";
}
std::string unknownComposition(const std::string& given, const std::string& choices) {
    return "没有" + quoted(given) + "这种内容，可选：" + choices;
}
std::string fontLacks(const std::string& font, const std::string& codePoint, const std::string& character) {
    return "字体 " + font + " 中没有 " + codePoint + "（" + character + "）";
}
std::string wordCut(const std::string& line) { return "一个词比区域还宽，被截断：" + quoted(line); }
std::string centreHasNoName() { return "便民服务中心没有名称"; }
std::string notShown(const std::string& what, const std::string& why) { return what + "：" + why + "，不显示"; }
std::string outsidePublication(const std::string& item, const std::string& day) { return item + "在" + day + "不在公示期内，不显示"; }
std::string emptyTextItem() { return "文字内容为空，不显示"; }
std::string itemGone(const std::string& item) { return item + "不存在（已删除？），不显示"; }
std::string areaPagesCapped(int x, int y, int width, int height, std::size_t maxPages, std::size_t left) {
    return "区域（" + std::to_string(x) + "，" + std::to_string(y) + "，" + std::to_string(width) + "×" + std::to_string(height) +
           "）的内容超过每个区域" + std::to_string(maxPages) + "页的上限，" + std::to_string(left) +
           "段内容被截短或未显示：请把内容分到几个节目或几个区域";
}
std::string areaHasNoSize(const std::string& area) { return area + "没有尺寸，不显示"; }
std::string areaReachesOutside(const std::string& area, int width, int height) {
    return area + "超出" + std::to_string(width) + "x" + std::to_string(height) + "的显示屏，屏上只显示其中一部分";
}

std::string noSuchPrintFile(const std::string& file) {
    return "没有这个打印文件：" + quoted(file) + "（应为 印件.png、印件.pdf 或 印件.json）";
}
std::string noCentreToPrint() { return "还没有便民服务中心，无可打印"; }
std::string noSuchPage(int page, std::size_t pages) {
    return "第" + std::to_string(page + 1) + "页不存在：共" + std::to_string(pages) + "页";
}
std::string centreNameNotStandard(const std::string& name, const std::string& standard) {
    return "名称" + quoted(name) + "不符合名称规范（附件1），应为" + quoted(standard);
}
std::string unknownSheet(const std::string& given, const std::string& choices) {
    return "没有" + quoted(given) + "这种印件，可选：" + choices;
}
std::string unknownPaper(const std::string& given) {
    return "没有" + quoted(given) + "这种纸张，可选：A4、A3、A2，或“宽x高mm”（如“3000x600mm”）";
}
std::string paperSideRange(const std::string& paper) {
    return "纸张" + quoted(paper) + "的每边应在10到5000毫米之间（PDF 页面最大5080毫米）";
}
std::string sheetNeedsMatter(const std::string& sheet) { return sheet + "是为一个事项印的：请指定事项（编号）"; }
std::string sheetNeedsNotice(const std::string& sheet) { return sheet + "是为一条公告印的：请指定公告（编号）"; }
std::string notPublishedInCentre(const std::string& what, long long id, long long centre) {
    return "便民服务中心" + std::to_string(centre) + "没有编号为" + std::to_string(id) + "的已发布" + what;
}
std::string paperTooSmallForMargins(long widthMm, long heightMm) {
    return "纸张太小（" + std::to_string(widthMm) + "x" + std::to_string(heightMm) + "毫米），除去页边距后放不下内容";
}
std::string paperTooSmallForText(double points) {
    return "纸张太小，一行" + std::to_string(static_cast<int>(points + 0.5)) + "磅的文字也放不下";
}
std::string paperTooSmallForTableRow() { return "纸张太小，表格的一行也放不下"; }
std::string paperTooSmallForPostCard() { return "纸张太小，一张岗位牌（90x55毫米，四周留裁切线）也放不下"; }
std::string centreHasNoNameForSign() { return "便民服务中心没有名称，无法印标识牌"; }

std::string printOutputKind(const std::string& path) { return "输出文件" + quoted(path) + "应以 .pdf、.svg 或 .png 结尾"; }
std::string dpiTooLow() { return "分辨率至少为 1 dpi"; }
std::string pictureTooLarge(const std::string& cause, long long width, long long height, long long maxPixels, const std::string& advice) {
    return cause + "时，图片将有" + std::to_string(width) + "×" + std::to_string(height) + "像素，超过每次请求的上限" +
           std::to_string(maxPixels) + "像素：" + advice;
}
std::string dpiTooLarge(int dpi, int width, int height) {
    return "按 " + std::to_string(dpi) + " dpi，一页将是 " + std::to_string(width) + "x" + std::to_string(height) +
           " 像素，图片过大：请降低分辨率（--dpi）";
}
std::string sheetHasNoPages() { return "印件没有一页内容"; }
std::string dpiOnlyForPng() { return "--dpi 只用于 PNG 输出（--out 文件.png）"; }

std::string cliOptionTakesNoValue(const std::string& option) { return "选项 --" + option + " 不带值"; }
std::string cliOptionNeedsValue(const std::string& option) { return "选项 --" + option + " 需要一个值"; }
std::string cliUnknownOption(const std::string& option) { return "没有选项 --" + option; }
std::string cliNotWholeNumber(const std::string& option, const std::string& given) {
    return "--" + option + " 应为整数，收到" + quoted(given);
}
std::string cliOutOfRange(const std::string& option, long long min, long long max, const std::string& given) {
    return "--" + option + " 应在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间，收到" + quoted(given);
}
std::string cliNotRecordId(const std::string& option, const std::string& given) {
    return "--" + option + " 应为记录编号（正整数），收到" + quoted(given);
}
std::string cliNotDate(const std::string& option, const std::string& given) {
    return "--" + option + " 应为日期（YYYY-MM-DD），收到" + quoted(given);
}
std::string cliNoArguments(const std::string& command, const std::string& given) { return command + " 只接受选项，多出了" + quoted(given); }
std::string cliRequired(const std::string& option, const std::string& what) { return "缺少 --" + option + "（" + what + "）"; }
std::string cliOnlyFor(const std::string& option, const std::string& what) { return "--" + option + " 只用于" + what; }
std::string cliUsage(const std::string& usage) { return "用法：" + usage; }
std::string cliEitherOr(const std::string& one, const std::string& other) { return "--" + one + " 和 --" + other + " 只能给一个"; }
std::string cliNeeds(const std::string& option, const std::string& others) { return "--" + option + " 需要同时给出 " + others; }
std::string composeWhat() { return "请给出 --screen 屏编号（该屏此刻播放的内容），或 --width、--height 和 --what（预览）"; }
std::string programOfOtherScreen(long long program, long long itsScreen, long long screen) {
    return "节目" + std::to_string(program) + "属于屏" + std::to_string(itsScreen) + "，不属于屏" + std::to_string(screen);
}
std::string cannotReadFile(const std::string& path, const std::string& detail) {
    return "无法读取文件 " + path + (detail.empty() ? "" : "：" + detail);
}
std::string cannotWriteFile(const std::string& path, const std::string& detail) {
    return "无法写入文件 " + path + (detail.empty() ? "" : "：" + detail);
}
std::string noDatabaseIn(const std::string& dir) {
    return "数据目录 " + dir + " 里还没有记录（没有 gongshi.db）：用 --data-dir 指明数据目录，或先导入演示数据（gongshi import demo）";
}
std::string noCentreIn(const std::string& dir) {
    return "数据目录 " + dir + " 里还没有便民服务中心：先导入演示数据（gongshi import demo），或在管理页面建立中心";
}
std::string noSuchCentreIn(long long id, const std::string& dir) {
    return "数据目录 " + dir + " 里没有编号为" + std::to_string(id) + "的便民服务中心";
}
std::string severalCentresIn(const std::string& dir, std::size_t count, const std::string& list) {
    return "数据目录 " + dir + " 有" + std::to_string(count) + "个便民服务中心（" + list + "）：用 --centre 编号 选一个";
}
std::string cannotCreateDataDir(const std::string& dir, const std::string& detail) { return "无法建立数据目录 " + dir + "：" + detail; }
std::string cannotOpenDatabase(const std::string& path, const std::string& detail) { return "无法打开数据库 " + path + "：" + detail; }
std::string databaseUrlInvalid(const std::string& url, const std::string& what) {
    // The password is not repeated back.
    std::string shown = url;
    if (const auto at = shown.find('@'), scheme = shown.find("://"); at != std::string::npos && scheme != std::string::npos) {
        const auto colon = shown.find(':', scheme + 3);
        if (colon != std::string::npos && colon < at) shown = shown.substr(0, colon) + ":***" + shown.substr(at);
    }
    return "数据库地址 " + shown + " 不可用：" + what + "（格式：postgresql://用户[:密码]@主机[:端口]/数据库）";
}
std::string migrateTargetNotEmpty(const std::string& target, const std::string& table, long long rows) {
    return "目标数据库 " + target + " 已有记录（表 " + table + " 有 " + std::to_string(rows) +
           " 行）：迁移只写入空数据库，未写入任何内容。";
}
std::string migrateRowRefused(const std::string& table, std::size_t row, const std::string& detail) {
    return "目标数据库拒绝了表 " + table + " 的第 " + std::to_string(row) + " 行（" + detail + "）：迁移未写入任何内容。";
}
std::string migrateSchemaDiffers(int from, int to) {
    return "两个数据库的结构版本不同（源 " + std::to_string(from) + "，目标 " + std::to_string(to) +
           "）：请先用同一版本的 gongshi 打开两者。";
}
std::string migrateDone(const std::string& target, long long rows, std::size_t tables) {
    return "已迁移到 " + target + "：" + std::to_string(tables) + " 张表，共 " + std::to_string(rows) + " 行。";
}
std::string driveOptionInvalid(const std::string& given, const std::string& part) {
    return "--drive 的值“" + given + "”不对：“" + part +
           "”应为 centre=中心编号[,中心编号] 或 tag=标签[,标签]，两者都要时用分号隔开，例如 centre=3,7 或 centre=3;tag=串口";
}
std::string driveKeyRepeated(const std::string& given, const std::string& key) {
    return "--drive 的值“" + given + "”不对：" + key + "= 只能写一次，多个值用逗号隔开，例如 " + key +
           (key == "tag" ? "=串口,大厅" : "=3,7");
}
std::string driveCentreInvalid(const std::string& given, const std::string& id) {
    return "--drive 的值“" + given + "”不对：“" + id + "”不是中心编号，应为正整数，例如 centre=3,7";
}
std::string instanceNameInvalid(const std::string& given) {
    return "--instance 的值“" + given.substr(0, 40) + "…”太长：服务器名称最多 100 个字节";
}
std::string databaseBusy(const std::string& path, int seconds, std::size_t connections) {
    return "数据库 " + path + " 忙：" + std::to_string(seconds) + " 秒内" + std::to_string(connections) + "个连接都没有空出来";
}
std::string cliWarning(const std::string& command, const std::string& text) { return "gongshi " + command + "：警告：" + text; }
std::string importKindName(const std::string& kind) { return kind == "notices" ? "公告" : "事项"; }
std::string importUnknownKind(const std::string& given) {
    return "不能导入" + quoted(given) +
           "：可导入 matters 文件.xlsx 或 文件.csv（事项）、notices 文件.xlsx 或 文件.csv（公告）或 demo（演示数据）";
}
std::string importOneFile(const std::string& command, const std::string& kind) {
    return "请给出一个文件：gongshi " + command + " " + kind + " 文件.xlsx 或 文件.csv" +
           (command == "export" ? "（- 表示标准输出，CSV）" : "");
}
std::string demoNeedsEmptyDataDir(long long centre, const std::string& name) {
    return "数据目录已有便民服务中心（" + std::to_string(centre) + " " + name + "）：演示数据只导入到还没有中心的数据目录";
}
std::string importDemoNoFile() { return "import demo 不带文件"; }
std::string importDemoNoCentre() { return "import demo 会建立自己的中心：请去掉 --centre"; }
std::string importNothing(const std::string& file, const std::string& why) { return file + "：" + why + "（什么都没有导入）"; }
std::string imported(std::size_t count, const std::string& kind, long long centre, const std::string& centreName) {
    return "已导入" + std::to_string(count) + "条" + importKindName(kind) + "到便民服务中心" + std::to_string(centre) + "（" + centreName +
           "）";
}
std::string exported(std::size_t count, const std::string& kind, long long centre, const std::string& centreName, const std::string& path) {
    return "已导出便民服务中心" + std::to_string(centre) + "（" + centreName + "）的" + std::to_string(count) + "条" +
           importKindName(kind) + "到 " + path;
}
std::string importedDemo(long long centre, const std::string& name, std::size_t windows, std::size_t staff, std::size_t matters,
                         std::size_t notices, std::size_t screens, std::size_t programs) {
    return "已将演示数据导入便民服务中心" + std::to_string(centre) + "（" + name + "）：" + std::to_string(windows) + "个窗口、" +
           std::to_string(staff) + "名工作人员、" + std::to_string(matters) + "条事项、" + std::to_string(notices) + "条公告、" +
           std::to_string(screens) + "块屏、" + std::to_string(programs) + "个节目";
}
std::string passwordOnStdin() { return "请在标准输入给出密码（一行）"; }
std::string userAdded(const std::string& name, const std::string& role) {
    const std::string chinese = role == "admin" ? "管理员" : role == "editor" ? "编辑" : role == "window" ? "窗口人员" : role;
    return "已添加用户 " + name + "（" + chinese + "）";
}
std::string dataDirInUse(const std::string& dir, const std::string& pid) {
    return "数据目录 " + dir + " 已由另一个 gongshi serve" + (pid.empty() ? "" : "（进程 " + pid + "）") +
           "使用：一个数据目录只能有一个服务（两个会同时驱动同一批屏）";
}
std::string cannotUseCertificate(const std::string& cert, const std::string& key, const std::string& detail) {
    return "无法使用 HTTPS 证书 " + cert + " 和私钥 " + key + "（须为 PEM 文件，私钥与证书配对、不加密码）：" + detail;
}
std::string certificateNeedsKey() { return "HTTPS 须同时给出证书（--tls-cert）和私钥（--tls-key）"; }
std::string cannotListen(const std::string& host, int port, const std::string& detail) {
    return "无法在 " + host + ":" + std::to_string(port) + " 上监听：" + detail;
}
std::string userRemoved(const std::string& name) { return "已删除用户 " + name; }
std::string passwordChanged(const std::string& name) { return "已修改 " + name + " 的密码，其登录已全部退出"; }
std::string unknownUserCommand(const std::string& given, const std::string& usage) {
    return "没有用户命令" + quoted(given) + "：" + cliUsage(usage);
}
std::string cliField(const std::string& option, const std::string& what) { return "--" + option + "：" + what; }
std::string centreKindChoices() {
    return "类型：township-centre（乡镇便民服务中心）、merged-township-station（撤并乡镇便民服务站）、village-room（村便民服务室）、"
           "street-centre（街道便民服务中心）、merged-street-station（撤并街道便民服务站）、community-room（社区便民服务室）";
}
std::string initHasCentre(const std::string& dir, long long centre, const std::string& name) {
    return "数据目录 " + dir + " 已有便民服务中心（" + std::to_string(centre) + " " + name + "）：init 只用于还没有中心的数据目录";
}
std::string firstRunDone(long long centre, const std::string& name) {
    return "已经建立过便民服务中心（" + std::to_string(centre) + " " + name + "）：请用管理员账号登录";
}
std::string firstRunClosed() { return "本系统已经设置过：请用管理员账号登录"; }
std::string firstRunNotLocal() {
    return "首次设置只能在服务器所在的电脑上进行：请在那台电脑的浏览器中打开本页，或用 gongshi init 建立中心";
}
std::string initDone(const std::string& dir, long long centre, const std::string& admin) {
    return "已在 " + dir + " 建立便民服务中心" + std::to_string(centre) + "和管理员 " + admin + "；gongshi serve --data-dir " + dir +
           " 启动服务";
}
std::string unknownTimeZone(const std::string& zone) {
    return "没有时区" + quoted(zone) + "（应为 /usr/share/zoneinfo 里的名称，如 Asia/Shanghai、Asia/Urumqi）";
}
std::string metricsLoopbackOnly() {
    return "监控数据（/metrics）只对本机开放：请在服务器上读取，或以管理员登录，或在配置里设 metrics-open = true";
}
std::string noBackupYet() { return "还没有备份：每晚的备份在设定时间（默认 02:30）做，第一份做好后即可下载"; }
std::string backupFailed(const std::string& detail) { return "备份失败：" + detail; }
std::string backupDamaged(const std::string& archive, const std::string& entry, const std::string& what) {
    return "备份 " + archive + " 已损坏" + (entry.empty() ? "" : "（" + entry + "）") + "：" + what + "；什么都没有写入";
}
std::string backupFromNewer(const std::string& archive, int schema, int newest) {
    return "备份 " + archive + " 来自更新的版本（数据库结构第" + std::to_string(schema) + "版，本程序只认到第" + std::to_string(newest) +
           "版）：请先升级 gongshi";
}
std::string restoreReplacesCentre(const std::string& idAndName) { return "便民服务中心 " + idAndName; }
std::string restoreReplacesCounts(int matters, int notices, int users) {
    return std::to_string(matters) + "条事项、" + std::to_string(notices) + "条公告、" + std::to_string(users) + "个用户";
}
std::string restoreReplacesFiles(std::size_t files) { return std::to_string(files) + "个存储的文件（照片、样表）"; }
std::string restoreWouldReplace(const std::string& dir, const std::vector<std::string>& what) {
    std::string list;
    for (const auto& w : what) list += "\n  " + w;
    return "数据目录 " + dir + " 已有数据，恢复会替换：" + (list.empty() ? "\n  （目录里的其他文件）" : list) +
           "\n要替换请加 --replace（原有内容移到 " + dir + ".replaced-时间，不会删除）";
}
std::string backupDone(const std::string& file, std::size_t bytes, std::size_t entries, double seconds) {
    char s[32];
    std::snprintf(s, sizeof s, "%.1f", seconds);
    return "已备份到 " + file + "：" + std::to_string(entries) + "项（数据库和文件），" + std::to_string(bytes) + "字节，用时" + s + "秒";
}
std::string restoreDone(const std::string& dir, const std::string& createdAt, std::size_t entries, const std::string& replacedTo) {
    return "已从 " + createdAt + " 的备份恢复到 " + dir + "：" + std::to_string(entries) + "项" +
           (replacedTo.empty() ? "" : "；原有内容在 " + replacedTo);
}
std::string checkSummary(std::size_t errors, std::size_t warnings) {
    return std::to_string(errors) + "个错误，" + std::to_string(warnings) + "个警告";
}

std::string diskFull() { return "服务器磁盘已满，无法保存：请清理磁盘空间后重试。"; }
std::string alertScreen(const std::string& centre, const std::string& screen, long long id) {
    return "【" + centre + "】屏幕" + quoted(screen) + "(" + std::to_string(id) + "号)";
}
std::string alertOffline(const std::string& screenPart, const std::string& duration, const std::string& since) {
    return screenPart + "已离线" + duration + "（自" + since + "起）";
}
std::string alertBackOnline(const std::string& screenPart, const std::string& duration) {
    return screenPart + "已恢复在线（离线" + duration + "）";
}
std::string alertProgramFailed(const std::string& screenPart, const std::string& reason) { return screenPart + "节目写入失败：" + reason; }
std::string alertDiskFull(const std::string& centre) { return "【" + centre + "】" + diskFull(); }
std::string alertTest(const std::string& centre) { return "【" + centre + "】告警测试：收到这条消息，说明告警通道可用。"; }
std::string duration(long long seconds) {
    if (seconds < 60) return std::to_string(seconds) + "秒";
    const long long minutes = seconds / 60;
    if (minutes < 60) return std::to_string(minutes) + "分钟";
    return std::to_string(minutes / 60) + "小时" + (minutes % 60 ? std::to_string(minutes % 60) + "分钟" : "");
}
std::string alertConnectionRefused(const std::string& where) { return "连接被拒绝（" + where + "）：对方没有在这个端口上服务"; }
std::string alertTimeout(const std::string& where, int seconds) {
    return "连接超时（" + where + "，" + std::to_string(seconds) + "秒内无应答）";
}
std::string alertHostNotFound(const std::string& host) { return "找不到主机" + quoted(host) + "：请检查地址或服务器的域名解析"; }
std::string alertNetwork(const std::string& where, const std::string& detail) { return "网络错误（" + where + "）：" + detail; }
std::string alertHttpStatus(int status, const std::string& reason) {
    return "机器人地址答复 HTTP " + std::to_string(status) + (reason.empty() ? "" : " " + reason);
}
std::string alertRobotRefused(const std::string& code, const std::string& message) {
    return "机器人拒收消息（错误码" + code + (message.empty() ? "" : "：" + message) + "）";
}
std::string alertSmtpRefused(const std::string& reply) { return "邮件服务器拒绝：" + reply; }
std::string alertTlsFailed(const std::string& detail) { return "加密连接失败：" + detail; }
std::string alertChannelOff(const std::string& channel) { return channel + "未设置，无法发送"; }
std::string alertWebhookUrl(const std::string& given) {
    return "机器人地址应以 http:// 或 https:// 开头（企业微信、钉钉群机器人的 Webhook 地址），而不是" + quoted(given);
}
std::string alertMailAddress(const std::string& label, const std::string& given) {
    return label + "应为电子邮件地址（如 someone@example.cn），而不是" + quoted(given);
}

std::string areaEmpty(const std::string& area) { return area + "没有内容：请至少选择一项要显示的内容"; }
std::string areaNoSize(const std::string& area, int width, int height) {
    return area + "的大小" + std::to_string(width) + "×" + std::to_string(height) + "无效：宽和高都应大于 0";
}
std::string areaOffScreen(const std::string& area, int x, int y, int width, int height, int screenWidth, int screenHeight) {
    return area + "（x " + std::to_string(x) + "，y " + std::to_string(y) + "，" + std::to_string(width) + "×" + std::to_string(height) +
           "）超出显示屏（" + std::to_string(screenWidth) + "×" + std::to_string(screenHeight) + "）：请把区域移回屏内或缩小";
}
std::string areasOverlap(const std::string& area, const std::string& other) {
    return area + "与" + other + "重叠：控制卡不能叠放区域，请移开或缩小其中一个";
}
std::string areaSpeedRange(const std::string& area, int given, int slowest) {
    return area + "的速度应在 1（最快）到 " + std::to_string(slowest) + "（最慢）之间，而不是 " + std::to_string(given);
}
std::string areaDwellRange(const std::string& area, int given, int longest) {
    return area + "的停留秒数应在 1 到 " + std::to_string(longest) + " 之间，而不是 " + std::to_string(given);
}
std::string itemNeedsRecord(const std::string& item, const std::string& kind, const std::string& record) {
    return item + "的类型是" + quoted(kind) + "，请选择要显示的" + record;
}
std::string itemRecordMissing(const std::string& item, const std::string& record, long long id) {
    return item + "的记录：" + record + " " + std::to_string(id) + " 不存在";
}
std::string itemRecordElsewhere(const std::string& item, const std::string& record, long long id) {
    return item + "的记录：" + record + " " + std::to_string(id) + " 不属于这块显示屏所在的服务中心";
}
std::string itemNeedsText(const std::string& item) { return item + "的类型是“文字”，请填写要显示的文字"; }
std::string weekFromDate(const std::string& given) { return "开始日期应为 YYYY-MM-DD 格式的日期，而不是" + quoted(given); }
std::string weekdayName(unsigned isoWeekday) {
    static const char* names[] = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};
    return isoWeekday >= 1 && isoWeekday <= 7 ? names[isoWeekday - 1] : "";
}
std::string calendarWorkdayOnWeekday(const std::string& date, const std::string& weekday) {
    return date + "是" + weekday + "，本来就上班，不能标为调休上班";
}
std::string calendarHolidayOnWeekend(const std::string& date, const std::string& weekday) {
    return date + "是" + weekday + "，本来就休息，不能标为放假";
}
std::string calendarDayOutsideYear(const std::string& date, int year) { return "日期" + date + "不在" + std::to_string(year) + "年内"; }
std::string calendarDayTwice(const std::string& date) { return "日期" + date + "出现了两次"; }
std::string calendarNameTooLong(const std::string& date, std::size_t maxChars) {
    return date + "的名称超过" + std::to_string(maxChars) + "个字";
}
std::string calendarKind(const std::string& given) { return "类型只能是“放假”或“上班”，而不是" + quoted(given); }
std::string calendarYearMismatch(int inPath, int inBody) {
    return "年份" + std::to_string(inBody) + "与地址中的" + std::to_string(inPath) + "年不一致";
}
std::string calendarFileEmpty() { return "文件中没有日期（每行写：日期,类型,名称，如 2026-10-01,放假,国庆节）"; }
std::string calendarImported(std::size_t days, const std::string& years) { return "已导入" + std::to_string(days) + "天（" + years + "）"; }
std::string broadcastTextEmpty() { return "插播内容必须填写"; }
std::string broadcastTextTooLong(std::size_t chars, std::size_t limit) {
    return "插播内容有" + std::to_string(chars) + "个字，至多" + std::to_string(limit) + "个字";
}
std::string broadcastNoScreens() { return "请选择要插播的屏幕（全部屏幕、指定屏幕或某个服务中心的屏幕）"; }
std::string broadcastScreensForm() { return "屏幕应为 \"all\"（全部屏幕）或屏幕编号的列表"; }
std::string broadcastNoSuchScreen(long long id) { return "编号为" + std::to_string(id) + "的屏幕不存在（可能已被删除）"; }
std::string broadcastScreenOfOtherCentre(long long id, long long centre) {
    return "屏幕" + std::to_string(id) + "不属于服务中心" + std::to_string(centre);
}
std::string broadcastMinutes(long long min, long long max, const std::string& given) {
    return "插播时长应为" + std::to_string(min) + "到" + std::to_string(max) + "之间的分钟数（不填则一直插播到停止），而不是" +
           quoted(given);
}
std::string broadcastFontsLack(const std::string& screens) { return "插播内容中有屏幕字体显示不了的字，请改用别的字后再插播：" + screens; }
std::string onlyCountyStopsBroadcast() { return "这是全县的紧急插播，只有全县的管理员可以停止"; }
std::string broadcastNotFound(long long id) { return "编号为" + std::to_string(id) + "的插播不存在"; }
std::string broadcastEnded(long long id) { return "插播" + std::to_string(id) + "已经结束"; }

namespace {
const char* kAddressForms = "串口 serial:/dev/ttyUSB0@9600、网口 tcp:192.168.1.20:5005、UDP udp:192.168.1.20:4048 或网页播放器 web:";
}
std::string addressNoTransport(const std::string& given) {
    return "地址" + quoted(given) + "没有写明连接方式：应写作" + kAddressForms + "（请用“连接方式”选择）";
}
std::string addressUnknownTransport(const std::string& transport, const std::string& given) {
    return "地址" + quoted(given) + "中的连接方式" + quoted(transport) +
           "不认识：应为 serial（串口）、tcp（网口）、udp 或 web（网页播放器）";
}
std::string addressSerialDevice(const std::string& given) { return "地址" + quoted(given) + "中的串口应为设备路径，如 /dev/ttyUSB0"; }
std::string addressSerialBaud(const std::string& given) { return "地址" + quoted(given) + "缺少波特率：应写作 serial:/dev/ttyUSB0@9600"; }
std::string addressHostPort(const std::string& given) {
    return "地址" + quoted(given) + "缺少主机或端口：应写作 tcp:主机:端口，如 tcp:192.168.1.20:5005";
}
std::string addressHost(const std::string& given) {
    return "地址" + quoted(given) + "中的主机应为 IP 地址或主机名（IPv6 地址写在方括号中，如 tcp:[::1]:5005）";
}
std::string addressNotReadable(const std::string& given) { return "地址" + quoted(given) + "写法不对：应写作" + kAddressForms; }
std::string addressWebOnlyForWeb(const std::string& given) {
    return "地址" + quoted(given) + "是网页播放器的地址，只用于协议为 web 的屏幕";
}
std::string addressWebNeedsWeb(const std::string& given) {
    return "协议为 web 的屏幕由网页播放器显示，地址应为 web:，而不是" + quoted(given);
}
std::string phoneRule(const std::string& label, const std::string& given) {
    return label + "应为手机号（11位，如13812345678）或带区号的固定电话（如028-12345678），而不是" + quoted(given);
}

std::string probeAnswered(const std::string& protocol, const std::string& detail, long long millis) {
    return "控制卡已应答（" + protocol + "，" + std::to_string(millis) + "毫秒）" + (detail.empty() ? "" : "：" + detail);
}
std::string probeNoAnswer(const std::string& address, long long millis) {
    return "已连接" + address + "，但" + std::to_string(millis) + "毫秒内控制卡没有应答：请检查协议、波特率和控制卡地址";
}
std::string probeCannotOpen(const std::string& address, const std::string& detail) { return "连接不上" + address + "：" + detail; }
std::string probeNotForWeb() { return "网页播放器没有控制卡可测：在电视的浏览器中打开播放器地址即可"; }
std::string probeNoStatusQuestion(const std::string& protocol) { return "协议" + quoted(protocol) + "没有查询状态的命令，无法测试连接"; }
std::string portsUnavailable(const std::string& detail) { return "无法列出本机串口：" + detail; }
std::string countdownNeedsDate(const std::string& item, const std::string& given) {
    return item + "的类型是“倒计时”，截止日期应为 YYYY-MM-DD 格式的日期，而不是" + quoted(given);
}
std::string clockPatternRefused(const std::string& item, const std::string& why) { return item + "的时钟格式有误：" + why; }
std::string reviewQrWithoutAddress(const std::string& item) {
    return item + "的类型是“好差评二维码”，但本中心没有填写好差评地址（中心的“好差评地址”）";
}

std::string tokenForm() { return "Authorization 请求头应写作“Bearer 令牌”"; }
std::string tokenUnknown() { return "令牌无效或已被删除（请用 gongshi token add 新建叫号令牌）"; }
std::string tokenOutOfScope(const std::string& name, const std::string& scope) {
    return "令牌“" + name + "”只能用于" + (scope == "calls" ? std::string("排队叫号") : scope) + "，不能进行此操作";
}
std::string callTicketEmpty() { return "叫号号码不能为空"; }
std::string callTicketTooLong(std::size_t chars, std::size_t limit) {
    return "叫号号码有" + std::to_string(chars) + "个字符，最多" + std::to_string(limit) + "个";
}
std::string callTicketCharacters(const std::string& given) { return "叫号号码“" + given + "”只能由英文字母和数字组成，如 A012"; }
std::string callSeconds(long long min, long long max, const std::string& given) {
    return "显示秒数应为" + std::to_string(min) + "到" + std::to_string(max) + "之间的整数，收到“" + given + "”";
}

} // namespace gongshi::msg
