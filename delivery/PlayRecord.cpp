// The play record kept by the scheduler: what each screen's device acknowledged and whether it
// answers, into records/PlayLog on every look (in memory; written on change and at most once a
// minute while nothing changes).
#include "delivery/DeviceManager.h"
#include "delivery/ScreenWorker.h"

#include <Poco/Logger.h>

namespace gongshi::delivery {

void DeviceManager::recordPlay() {
    const std::int64_t t = std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
    std::vector<ScreenHealth> all = health();
    try {
        std::vector<content::PlayLog::Observation> screens;
        screens.reserve(all.size());
        for (const ScreenHealth& h : all) screens.push_back({h.screenId, h.online, h.showing});
        playLog_->observe(screens, t);
    } catch (const std::exception& e) {
        Poco::Logger::get("gongshi.devices").error("play record: %s", std::string(e.what()));
    }
}

} // namespace gongshi::delivery
