#include "common/Messages.h"

namespace gongshi::msg {

std::string quoted(const std::string& text) { return "“" + text + "”"; }

std::string bodyTooLarge(std::size_t limit) { return "请求内容过大：最多" + std::to_string(limit) + "字节"; }
std::string notUtf8(const std::string& what, std::size_t offset) {
    return what + "不是有效的 UTF-8 文字：字节偏移" + std::to_string(offset) + "处有误";
}
std::string bodyNotJson(const std::string& what, const std::string& detail) { return what + "不是有效的 JSON（" + detail + "）"; }
std::string bodyNotObject(const std::string& what) { return what + "应为一个 JSON 对象（{…}）"; }
std::string bodyElementNotObject(const std::string& what, std::size_t index) {
    return what + "的第" + std::to_string(index + 1) + "项应为一个 JSON 对象（{…}）";
}
std::string badRequestTarget(const std::string& detail) { return "请求地址有误（" + detail + "）"; }
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

std::string userNameRule(const std::string& given) { return "用户名只能由1到64个字母、数字或“_”“-”“.”组成，" + quoted(given) + "不行"; }
std::string roleRule(const std::string& given) { return fieldOneOf("角色", "admin（管理员）、editor（编辑）、window（窗口人员）", given); }
std::string windowUserNeedsWindow() { return "窗口人员须选择所在窗口"; }
std::string passwordTooShort(std::size_t least) { return "密码至少" + std::to_string(least) + "位"; }
std::string noSuchWindow(long long id) { return "编号为" + std::to_string(id) + "的窗口不存在"; }
std::string noSuchUser(const std::string& username) { return "用户" + quoted(username) + "不存在"; }
std::string userExists(const std::string& username) { return "用户名" + quoted(username) + "已被占用"; }

std::string notDrivingScreens() { return "本服务器不驱动显示屏（未启用推送）"; }
std::string tooManyLiveViews(int limit) { return "同时打开的实时画面过多（最多" + std::to_string(limit) + "个），请关闭一些后再试"; }
std::string webSocketExpected(const std::string& detail) { return "此处应为 WebSocket 连接（" + detail + "）"; }
std::string screenNotDriven(const std::string& id) { return "显示屏" + id + "尚未开始推送"; }
std::string notWebPlayer(const std::string& id) { return "显示屏" + id + "不是网页播放屏"; }

std::string noSuchPrintFile(const std::string& file) {
    return "没有这个打印文件：" + quoted(file) + "（应为 印件.png、印件.pdf 或 印件.json）";
}
std::string noCentreToPrint() { return "还没有便民服务中心，无可打印"; }
std::string noSuchPage(int page, std::size_t pages) {
    return "第" + std::to_string(page + 1) + "页不存在：共" + std::to_string(pages) + "页";
}

} // namespace gongshi::msg
