#include "rules/Wording.h"

#include <algorithm>
#include <cstddef>

namespace gongshi::content {

namespace {
constexpr std::string_view kIdeographicSpace = "\u3000";
}

// The text without leading and trailing blanks (isBlankText's blanks).
static std::string_view trimmed(std::string_view v) {
    auto blankAtFront = [&] { return !v.empty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\r' || v.front() == '\n'); };
    auto blankAtBack = [&] { return !v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r' || v.back() == '\n'); };
    for (;;) {
        if (blankAtFront())
            v.remove_prefix(1);
        else if (v.substr(0, 3) == kIdeographicSpace)
            v.remove_prefix(3);
        else if (blankAtBack())
            v.remove_suffix(1);
        else if (v.size() >= 3 && v.substr(v.size() - 3) == kIdeographicSpace)
            v.remove_suffix(3);
        else
            return v;
    }
}

bool isBlankText(std::string_view text) { return trimmed(text).empty(); }

std::string workingDaysText(int days) { return days == 0 ? "即办" : std::to_string(days) + "个工作日"; }

std::string timeLimitText(const Matter& m) {
    if (m.promisedDays) return *m.promisedDays == 0 ? "即办" : "承诺" + workingDaysText(*m.promisedDays);
    if (m.statutoryDays) return *m.statutoryDays == 0 ? "即办" : "法定" + workingDaysText(*m.statutoryDays);
    return "";
}

std::string timeLimitLines(const Matter& m) {
    std::string out;
    if (m.statutoryDays) out += "法定" + workingDaysText(*m.statutoryDays);
    if (m.promisedDays) out += (out.empty() ? "" : "\n") + std::string("承诺") + workingDaysText(*m.promisedDays);
    return out;
}

bool feeBasisMissing(const Matter& m) { return charged(m) && isBlankText(m.feeBasis); }

std::string feeBasisText(const Matter& m) {
    if (!charged(m)) return "—";
    if (feeBasisMissing(m)) return kNotStated;
    return std::string(trimmed(m.feeBasis));
}

bool charged(const Matter& m) { return !m.free && !m.fees.empty(); }

bool feeStated(const Matter& m) { return m.free || !m.fees.empty(); }

std::string feeText(const Matter& m) {
    if (m.free) return "不收费";
    if (m.fees.empty()) return "收费标准待公布";
    std::string out;
    for (const auto& f : m.fees) {
        if (!out.empty()) out += "，";
        out += f.name + f.amount + (f.unit.empty() ? "元" : f.unit);
    }
    return out;
}

std::string noticeHeading(const Notice& n) { return noticeTitleText(n, true); }

std::string noticeTitleText(const Notice& n, bool withCategory) {
    return withCategory ? "【" + std::string(noticeCategoryChinese(n.category)) + "】" + n.title : n.title;
}

std::string noticeMarqueeText(const Notice& n) { return noticeMarqueeText(n, true); }

std::string noticeMarqueeText(const Notice& n, bool withCategory) {
    std::string out = noticeTitleText(n, withCategory);
    if (!n.body.empty()) out += "：" + n.body;
    return out;
}

std::vector<std::string> feeBasisScreenForms(const Matter& m) {
    const std::string basis = feeBasisText(m);
    if (!charged(m) || feeBasisMissing(m)) return {"依据：" + basis};
    std::vector<std::string> forms{"依据：" + basis};
    std::string first = basis;
    for (const char* separator : {"；", ";"})
        if (auto at = first.find(separator); at != std::string::npos) first = first.substr(0, at);
    first = std::string(trimmed(first));
    if (!first.empty() && first != basis) forms.push_back("依据：" + first + "等");
    const auto open = first.find("《");
    const auto close = first.find("》");
    if (open == 0 && close != std::string::npos && close + 3 < first.size()) forms.push_back("依据：" + first.substr(0, close + 3) + "等");
    forms.push_back("依据详见办事指南");
    return forms;
}

std::string feeBasisShortenedWarning(const Matter& m, const std::string& shown) {
    return "事项“" + m.name + "”的收费依据在屏上缩写为“" + shown + "”（全文见纸质公示和办事指南）";
}

bool publishedOn(const Notice& n, const Date& day) {
    // ISO dates compare as text.
    if (!n.publishFrom.empty() && day < n.publishFrom) return false;
    if (!n.publishUntil.empty() && day > n.publishUntil) return false;
    return true;
}

std::string welcomeText(const Centre& c) { return c.name + "欢迎您"; }

std::vector<std::string> welcomePhrases(const Centre& c) {
    const auto at = c.name.rfind("便民服务");
    if (at == std::string::npos || at == 0) return {c.name, "欢迎您"};
    return {c.name.substr(0, at), c.name.substr(at), "欢迎您"};
}

std::string windowLabel(const Window& w) { return w.number + "号窗口"; }

OnDuty onDuty(const Window& w, const std::vector<Staff>& staff, const std::set<Id>& absentStaff) {
    auto present = [&](Id id) -> const Staff* {
        if (id == 0 || absentStaff.count(id)) return nullptr;
        for (const auto& s : staff)
            if (s.meta.id == id) return &s;
        return nullptr;
    };
    if (const Staff* a = present(w.postA)) return {a, false};
    if (const Staff* b = present(w.postB)) return {b, true};
    return {};
}

std::vector<std::vector<std::string>> windowStatusPhrases(const Window& w, const std::vector<Staff>& staff,
                                                          const std::set<Id>& absentStaff) {
    std::vector<std::string> head{windowLabel(w)};
    if (!w.business.empty()) head.push_back(w.business);
    std::vector<std::string> state;
    switch (w.status) {
    case WindowStatus::Serving: {
        state.push_back("服务中");
        OnDuty d = onDuty(w, staff, absentStaff);
        if (d.staff) state.push_back("在岗：" + d.staff->name + (d.bPost ? "（B岗）" : ""));
        break;
    }
    case WindowStatus::Paused:
        state.push_back("暂停服务");
        break;
    case WindowStatus::Away:
        state.push_back("暂离");
        if (!w.away.backAt.empty()) state.push_back(w.away.backAt + "回");
        if (!w.away.where.empty()) state.push_back("去向：" + w.away.where);
        if (!w.away.why.empty()) state.push_back("事由：" + w.away.why);
        if (!w.away.phone.empty()) state.push_back("电话：" + w.away.phone);
        break;
    }
    return {head, state};
}

std::vector<std::vector<std::string>> windowScreenGroups(const Window& w, const std::vector<Staff>& staff,
                                                         const std::set<Id>& absentStaff) {
    auto groups = windowStatusPhrases(w, staff, absentStaff);
    if (w.status == WindowStatus::Serving) return groups;
    std::vector<std::string>& state = groups[1];
    // "暂离" and its time of return, or "暂停服务": the headline; the rest of the message after the window.
    const std::size_t headline = w.status == WindowStatus::Away && !w.away.backAt.empty() ? 2 : 1;
    std::vector<std::string> first(state.begin(), state.begin() + static_cast<std::ptrdiff_t>(std::min(headline, state.size())));
    std::vector<std::string> rest(state.begin() + static_cast<std::ptrdiff_t>(first.size()), state.end());
    std::vector<std::vector<std::string>> out{first, groups[0]};
    if (!rest.empty()) out.push_back(rest);
    return out;
}

std::string joinPhrases(const std::vector<std::string>& phrases) {
    std::string out;
    for (const auto& p : phrases) {
        if (p.empty()) continue;
        if (!out.empty()) out += kIdeographicSpace;
        out += p;
    }
    return out;
}

} // namespace gongshi::content
