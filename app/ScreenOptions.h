#pragma once
// Options shared by `send` and `emulate`: the screen's size, colours, address and protocol options.
#include "app/Args.h"
#include "protocols/Protocol.h"

namespace gongshi::app {

// --width, --height, --color, --address, --option key=value[,key=value]
protocols::ScreenSpec screenFromArgs(const Args& args);
protocols::Effect parseEffect(const std::string& name); // static, left, up

} // namespace gongshi::app
