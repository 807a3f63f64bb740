#pragma once
// Onbon BX "K" protocol (version 0x02) for the 5K / 6K / 5MK font cards: "bx-k" in the registry.
#include "protocols/Protocol.h"

#include <memory>

namespace gongshi::protocols::bxk {

std::unique_ptr<gongshi::protocols::Protocol> makeBxkProtocol();

} // namespace gongshi::protocols::bxk
