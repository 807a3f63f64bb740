// The protocol registry: names, and what kind of device each protocol drives.
#include "common/Error.h"
#include "protocols/Protocol.h"

#include <doctest/doctest.h>

using namespace gongshi::protocols;

TEST_CASE("each protocol says what it drives: cards keep programs, ddp takes frames, web is the browser player") {
    CHECK(protocolNames() == std::vector<std::string>{"bx-k", "bx-6", "alpha", "ddp"});
    CHECK(deviceKindOf("bx-k") == DeviceKind::Card);
    CHECK(deviceKindOf("bx-6") == DeviceKind::Card);
    CHECK(deviceKindOf("alpha") == DeviceKind::Card);
    CHECK(deviceKindOf("ddp") == DeviceKind::Frames);
    CHECK(deviceKindOf("web") == DeviceKind::WebPlayer);
    for (const auto& name : protocolNames()) CHECK(makeProtocol(name)->deviceKind() == deviceKindOf(name));
    CHECK_THROWS_WITH_AS(deviceKindOf("bx-5"), "unknown protocol 'bx-5' (known: bx-k, bx-6, alpha, ddp)", gongshi::InputError);
}
