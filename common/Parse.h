#pragma once
// How gongshi reads a whole number, a date and a clock time from text, wherever the text comes from
// (a form, a CSV cell, a screen option, a command-line flag). Each reader comes twice: `try...`
// answers nullopt, the other throws a ValidationError whose field is the key and whose message, in
// Chinese, names the field by its label and quotes the bad text.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gongshi::parse {

// A field as errors name it: `key` for the API ("options.card_address"), `label` for people
// ("控制卡地址").
struct Field {
    std::string key;
    std::string label;
};

// ASCII digits only (no sign, no spaces, no leading "+"), from `min` to `max`.
std::optional<long long> tryWholeNumber(std::string_view text, long long min, long long max);
long long wholeNumber(std::string_view text, const Field& field, long long min, long long max);
// The same as an int, for the common case.
int wholeInt(std::string_view text, const Field& field, int min, int max);

// "YYYY-MM-DD", a real calendar day.
std::optional<std::chrono::year_month_day> tryDate(std::string_view text);
std::chrono::year_month_day date(std::string_view text, const Field& field);

// "HH:MM" as minutes after midnight: 00:00 to 23:59; with `endOfDay` also "24:00" (the end of a
// day, 1440), never 24:30.
std::optional<int> tryClockMinutes(std::string_view text, bool endOfDay = false);
int clockMinutes(std::string_view text, const Field& field, bool endOfDay = false);

// A phone number as staff type it: a mainland mobile, 11 digits 13x..19x ("13812345678"), or a
// landline with its area code, the area code 0 and 2 or 3 digits, then 7 or 8 digits, with or
// without a dash ("028-12345678", "0833-6201101", "02812345678"), optionally an extension after a
// dash ("028-12345678-801"). Spaces are not taken.
bool isPhoneNumber(std::string_view text);
void phoneNumber(std::string_view text, const Field& field);

} // namespace gongshi::parse
