#include "protocols/transport/EchoCanceller.h"

#include <doctest/doctest.h>

using gongshi::protocols::Bytes;
using gongshi::protocols::transport::EchoCanceller;

TEST_CASE("an echo split over chunks is dropped and the reply after it kept") {
    EchoCanceller echo;
    echo.expect({0xA5, 0x01, 0x02, 0x5A});
    CHECK(echo.filter({0xA5, 0x01}) == Bytes{});
    CHECK(echo.expecting());
    CHECK(echo.filter({0x02, 0x5A, 0xA5, 0x90}) == Bytes{0xA5, 0x90});
    CHECK_FALSE(echo.expecting());
    CHECK(echo.filter({0x5A}) == Bytes{0x5A});
}

TEST_CASE("bytes that differ from what was written are not an echo and all come back") {
    EchoCanceller echo;
    echo.expect({0xA5, 0x01, 0x02, 0x5A});
    // A reply that starts like the request (same start byte) is held until it differs.
    CHECK(echo.filter({0xA5, 0x01}) == Bytes{});
    CHECK(echo.filter({0x7F, 0x5A}) == Bytes{0xA5, 0x01, 0x7F, 0x5A});
    CHECK_FALSE(echo.expecting());
}

TEST_CASE("echoes of two writes are dropped in order") {
    EchoCanceller echo;
    echo.expect({1, 2});
    echo.expect({3});
    echo.expect({});
    CHECK(echo.filter({1, 2, 3, 9}) == Bytes{9});
    CHECK_FALSE(echo.expecting());
}

TEST_CASE("forgetting drops a partial echo and expects nothing more") {
    EchoCanceller echo;
    echo.expect({1, 2, 3});
    CHECK(echo.filter({1, 2}) == Bytes{});
    echo.forget();
    CHECK_FALSE(echo.expecting());
    CHECK(echo.filter({3, 4}) == Bytes{3, 4});
}
