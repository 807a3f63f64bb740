#include "protocols/onbon/OnbonProgram.h"

namespace gongshi::protocols::onbon {

std::uint8_t displayModeOf(Effect effect) {
    switch (effect) {
    case Effect::Static:
        return kModeStatic;
    case Effect::MoveLeft:
        return kModeMoveLeft;
    case Effect::MoveUp:
        return kModeMoveUp;
    }
    return kModeStatic;
}

const char* displayModeName(std::uint8_t mode) {
    switch (mode) {
    case kModeStatic:
        return "static";
    case kModeMoveLeft:
        return "move-left";
    case kModeMoveUp:
        return "move-up";
    }
    return "other";
}

} // namespace gongshi::protocols::onbon
