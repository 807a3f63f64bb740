// The test runner's main: doctest, plus --update-golden (or GONGSHI_UPDATE_GOLDEN=1) to rewrite
// golden files deliberately. Tests never rewrite goldens on their own.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "tests/support/TestSupport.h"

#include <cstdlib>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

namespace gongshi::test {
namespace {
bool updateFlag = false;
}
bool updateGolden() { return updateFlag; }
std::string sourceDir() { return GONGSHI_SOURCE_DIR; }
} // namespace gongshi::test

int main(int argc, char** argv) {
    // The hall's time zone, as gongshi itself takes it (app/main.cpp), so dates computed here and in
    // the processes the tests start agree; inherited by those processes.
    setenv("TZ", "Asia/Shanghai", 0);
    tzset();
    std::vector<char*> rest;
    for (int i = 0; i < argc; ++i) {
        if (std::strcmp(argv[i], "--update-golden") == 0)
            gongshi::test::updateFlag = true;
        else
            rest.push_back(argv[i]);
    }
    if (const char* env = std::getenv("GONGSHI_UPDATE_GOLDEN"); env && std::strcmp(env, "1") == 0) gongshi::test::updateFlag = true;
    doctest::Context context(static_cast<int>(rest.size()), rest.data());
    return context.run();
}
