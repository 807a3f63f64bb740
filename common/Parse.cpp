#include "common/Parse.h"

#include "common/Error.h"
#include "common/Messages.h"

#include <algorithm>

namespace gongshi::parse {

namespace {
bool digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

int number(std::string_view s) {
    int n = 0;
    for (char c : s) n = n * 10 + (c - '0');
    return n;
}

std::string quoted(std::string_view text) { return "“" + std::string(text) + "”"; }
} // namespace

std::optional<long long> tryWholeNumber(std::string_view text, long long min, long long max) {
    if (!digits(text)) return std::nullopt;
    // Leading zeros are fine ("007"); more than 18 significant digits is past any range here.
    const std::size_t first = text.find_first_not_of('0');
    if (first != std::string_view::npos && text.size() - first > 18) return std::nullopt;
    long long n = 0;
    for (char c : text) n = n * 10 + (c - '0');
    if (n < min || n > max) return std::nullopt;
    return n;
}

long long wholeNumber(std::string_view text, const Field& field, long long min, long long max) {
    if (auto n = tryWholeNumber(text, min, max)) return *n;
    throw ValidationError(field.key, field.label + quoted(text) + "应为" + std::to_string(min) + "到" + std::to_string(max) + "之间的整数");
}

int wholeInt(std::string_view text, const Field& field, int min, int max) { return static_cast<int>(wholeNumber(text, field, min, max)); }

std::optional<std::chrono::year_month_day> tryDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    const std::string_view y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
    if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year(number(y)), std::chrono::month(static_cast<unsigned>(number(m))),
                                          std::chrono::day(static_cast<unsigned>(number(d)))};
    if (!ymd.ok() || number(y) < 1) return std::nullopt;
    return ymd;
}

std::chrono::year_month_day date(std::string_view text, const Field& field) {
    if (auto d = tryDate(text)) return *d;
    throw ValidationError(field.key, field.label + quoted(text) + "不是有效日期，应写作“2026-01-31”");
}

std::optional<int> tryClockMinutes(std::string_view s, bool endOfDay) {
    if (s.size() != 5 || s[2] != ':' || !digits(s.substr(0, 2)) || !digits(s.substr(3, 2))) return std::nullopt;
    const int h = number(s.substr(0, 2)), m = number(s.substr(3, 2));
    if (h == 24 && m == 0 && endOfDay) return 24 * 60;
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

int clockMinutes(std::string_view text, const Field& field, bool endOfDay) {
    if (auto m = tryClockMinutes(text, endOfDay)) return *m;
    throw ValidationError(field.key,
                          field.label + quoted(text) + "不是有效时间，应写作“08:30”" + (endOfDay ? "（一天结束写“24:00”）" : ""));
}

namespace {
bool allDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
} // namespace

bool isPhoneNumber(std::string_view text) {
    if (text.size() == 11 && text[0] == '1' && text[1] >= '3' && text[1] <= '9' && allDigits(text)) return true;
    if (text.empty() || text[0] != '0') return false;
    // An extension: digits after a second dash.
    std::string_view main = text;
    if (auto first = text.find('-'); first != std::string_view::npos) {
        if (auto second = text.find('-', first + 1); second != std::string_view::npos) {
            const std::string_view ext = text.substr(second + 1);
            if (!allDigits(ext) || ext.size() > 6) return false;
            main = text.substr(0, second);
        }
    }
    if (auto dash = main.find('-'); dash != std::string_view::npos) {
        const std::string_view area = main.substr(0, dash), number = main.substr(dash + 1);
        return allDigits(area) && (area.size() == 3 || area.size() == 4) && allDigits(number) && number.size() >= 7 && number.size() <= 8 &&
               number[0] != '0';
    }
    return allDigits(main) && main.size() >= 10 && main.size() <= 12;
}

void phoneNumber(std::string_view text, const Field& field) {
    if (!isPhoneNumber(text)) throw ValidationError(field.key, msg::phoneRule(field.label, std::string(text)));
}

} // namespace gongshi::parse
