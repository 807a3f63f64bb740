#include "app/Args.h"

#include "common/Error.h"
#include "common/Messages.h"

#include <fstream>
#include <sstream>

namespace gongshi::app {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& options, const std::set<std::string>& flags) {
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.rfind("--", 0) != 0 || a == "--") {
            positional_.push_back(a);
            continue;
        }
        std::string name = a.substr(2), value;
        bool inlineValue = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            inlineValue = true;
        }
        if (flags.count(name)) {
            if (inlineValue) throw InputError(msg::cliOptionTakesNoValue(name));
            values_[name] = "1";
        } else if (options.count(name)) {
            if (!inlineValue) {
                if (i + 1 >= argv.size()) throw InputError(msg::cliOptionNeedsValue(name));
                value = argv[++i];
            }
            values_[name] = value;
        } else {
            throw InputError(msg::cliUnknownOption(name));
        }
    }
}

std::optional<std::string> Args::get(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

std::string Args::get(const std::string& name, const std::string& fallback) const { return get(name).value_or(fallback); }

int Args::getInt(const std::string& name, int fallback, int min, int max) const {
    auto v = get(name);
    if (!v) return fallback;
    std::size_t used = 0;
    long n = 0;
    try {
        n = std::stol(*v, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != v->size() || v->empty()) throw InputError(msg::cliNotWholeNumber(name, *v));
    if (n < min || n > max) throw InputError(msg::cliOutOfRange(name, min, max, *v));
    return static_cast<int>(n);
}

std::string readTextFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(msg::cannotReadFile(path, ""));
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void refusalsAsInputErrors(const std::function<void()>& f) {
    try {
        f();
    } catch (const ValidationError& e) {
        throw InputError(e.field() + ": " + e.what());
    } catch (const ConflictError& e) {
        throw InputError(e.what());
    } catch (const NotFoundError& e) {
        throw InputError(e.what());
    }
}

} // namespace gongshi::app
