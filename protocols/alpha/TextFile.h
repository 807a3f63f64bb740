#pragma once
// What a TEXT file says, read page by page: each ESC <position> <mode> starts a page; inside, the
// printable ASCII, the picture calls and the colour and speed codes this product uses. Other
// control codes (fonts, dates, strings) are skipped with their parameter bytes.
#include <string>
#include <string_view>
#include <vector>

namespace gongshi::protocols::alpha {

struct TextPage {
    char position = 0x30; // fill
    char mode = 'o';      // automode, what the sign does with text written without ESC
    int speed = 0;        // 1 (slowest) .. 5 (fastest); 0 when the page sets none
    char color = 0;       // colour code, 0 when neither this page nor an earlier one set one
    std::string text;     // the printable characters, in order
    std::string pictures; // labels of the SMALL DOTS pictures called, in order
};

std::vector<TextPage> parseTextPages(std::string_view contents);

const char* modeName(char mode);
const char* positionName(char position);

} // namespace gongshi::protocols::alpha
