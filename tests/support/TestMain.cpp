// The test runner's main: doctest, plus --update-golden (or GONGSHI_UPDATE_GOLDEN=1) to rewrite
// golden files deliberately. Tests never rewrite goldens on their own.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "tests/support/TestSupport.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <vector>

namespace gongshi::test {
namespace {
bool updateFlag = false;
bool postgresFlag = false;

std::string postgresBase() {
    static const std::string base = [] {
        // Beside the gongshi binary CTest names: BUILD/postgres/url.
        const char* bin = std::getenv("GONGSHI_BIN");
        const std::filesystem::path file = std::filesystem::path(bin ? bin : "./gongshi").parent_path() / "postgres" / "url";
        std::string url = slurp(file.string());
        while (!url.empty() && (url.back() == '\n' || url.back() == ' ')) url.pop_back();
        if (url.empty()) {
            std::fprintf(stderr, "--postgres: no cluster address in %s (tests/support/postgres.sh start)\n", file.c_str());
            std::exit(2);
        }
        return url;
    }();
    return base;
}
} // namespace
bool updateGolden() { return updateFlag; }
std::string sourceDir() { return GONGSHI_SOURCE_DIR; }
bool onPostgres() { return postgresFlag; }
std::string databaseUrl(const std::filesystem::path& dir) {
    if (!postgresFlag) return "";
    const std::string path = std::filesystem::absolute(dir).lexically_normal().string();
    char name[32];
    std::snprintf(name, sizeof name, "t%016llx", static_cast<unsigned long long>(std::hash<std::string>{}(path)));
    return postgresBase() + "?schema=" + name + "&pool=16";
}
std::vector<std::string> withDatabase(std::vector<std::string> argv, const std::filesystem::path& dir) {
    if (postgresFlag) argv.insert(argv.end(), {"--database", databaseUrl(dir)});
    return argv;
}
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
        else if (std::strcmp(argv[i], "--postgres") == 0)
            gongshi::test::postgresFlag = true;
        else
            rest.push_back(argv[i]);
    }
    if (const char* env = std::getenv("GONGSHI_UPDATE_GOLDEN"); env && std::strcmp(env, "1") == 0) gongshi::test::updateFlag = true;
    doctest::Context context(static_cast<int>(rest.size()), rest.data());
    return context.run();
}
