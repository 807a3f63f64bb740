#include "protocols/alpha/TextFile.h"

#include <doctest/doctest.h>

namespace gongshi::protocols::alpha {

TEST_CASE("each ESC position mode starts a page with its own text, speed and picture calls") {
    std::string file = "\x1B"
                       "0b"
                       "\x19"
                       "\x14"
                       "B"
                       "\x1B"
                       "1a"
                       "\x15"
                       "\x1C"
                       "2"
                       "A023";
    auto pages = parseTextPages(file);
    REQUIRE(pages.size() == 2);
    CHECK(pages[0].position == '0');
    CHECK(pages[0].mode == 'b');
    CHECK(pages[0].speed == 5);
    CHECK(pages[0].pictures == "B");
    CHECK(pages[0].text.empty());
    CHECK(pages[1].position == '1');
    CHECK(pages[1].mode == 'a');
    CHECK(pages[1].speed == 1);
    CHECK(pages[1].color == '2');
    CHECK(pages[1].text == "A023");
}

TEST_CASE("a colour carries over to later pages and font codes are skipped with their parameter") {
    std::string file = "\x1C"
                       "3"
                       "AB"
                       "\x1A"
                       "3"
                       "C"
                       "\x1B"
                       " "
                       "n"
                       "8"
                       "D";
    auto pages = parseTextPages(file);
    REQUIRE(pages.size() == 2);
    CHECK(pages[0].mode == 'o'); // written without ESC: automode
    CHECK(pages[0].text == "ABC");
    CHECK(pages[1].mode == 'n');
    CHECK(pages[1].text == "D"); // '8' was the special mode's specifier
    CHECK(pages[1].color == '3');
}

TEST_CASE("an empty TEXT file has no pages") { CHECK(parseTextPages("").empty()); }

} // namespace gongshi::protocols::alpha
