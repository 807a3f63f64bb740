#include "delivery/DriveLimit.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "records/ScreenOptions.h"

#include <algorithm>
#include <type_traits>
#include <vector>

namespace gongshi::delivery {
namespace {

// The parts of `text` between `sep`s, empty ones included.
std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (true) {
        const auto at = text.find(sep, from);
        out.push_back(text.substr(from, at == std::string::npos ? std::string::npos : at - from));
        if (at == std::string::npos) return out;
        from = at + 1;
    }
}

template <class T> std::string joined(const std::set<T>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += ",";
        if constexpr (std::is_same_v<T, std::string>)
            out += item;
        else
            out += std::to_string(item);
    }
    return out;
}

} // namespace

bool DriveLimit::matches(content::Id centre, const std::set<std::string>& screenTags) const {
    if (!centres.empty() && !centres.count(centre)) return false;
    return tags.empty() || std::any_of(screenTags.begin(), screenTags.end(), [&](const std::string& t) { return tags.count(t) > 0; });
}

bool DriveLimit::matches(const content::ScreenRecord& screen) const {
    return matches(screen.centreId, tags.empty() ? std::set<std::string>{} : content::screenTags(screen));
}

std::string DriveLimit::text() const {
    std::string out;
    if (!centres.empty()) out = "centre=" + joined(centres);
    if (!tags.empty()) out += (out.empty() ? "" : ";") + std::string("tag=") + joined(tags);
    return out;
}

DriveLimit DriveLimit::parse(const std::string& text) {
    DriveLimit limit;
    if (text.empty()) return limit;
    bool sawCentre = false, sawTag = false;
    for (const std::string& part : split(text, ';')) {
        const auto eq = part.find('=');
        const std::string key = eq == std::string::npos ? "" : part.substr(0, eq);
        if (key != "centre" && key != "tag") throw InputError(msg::driveOptionInvalid(text, part));
        bool& seen = key == "centre" ? sawCentre : sawTag;
        if (seen) throw InputError(msg::driveKeyRepeated(text, key));
        seen = true;
        const std::string list = part.substr(eq + 1);
        if (key == "tag") {
            limit.tags = content::tagNames(list, {"drive", "--drive 的标签"});
            continue;
        }
        for (const std::string& id : split(list, ',')) {
            if (id.empty() || id.size() > 12 || id.find_first_not_of("0123456789") != std::string::npos || std::stoll(id) == 0)
                throw InputError(msg::driveCentreInvalid(text, id));
            limit.centres.insert(std::stoll(id));
        }
    }
    return limit;
}

} // namespace gongshi::delivery
