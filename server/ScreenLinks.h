#pragma once
// A screen's link as staff type it in the screen form: the address refused at save time, in
// Chinese and naming the field `address`, when it lacks its transport or cannot be read; and the
// card at an address asked its status ("测试连接") within a bounded time.
#include "records/Records.h"

#include <chrono>
#include <string>

namespace gongshi::server {

// Throws ValidationError (field "address") when the screen's address is not one its protocol can
// use: serial:/dev/X@BAUD[,options], tcp:HOST:PORT, udp:HOST:PORT, or web: for protocol web.
// An empty address (a screen not yet wired) is taken.
void checkScreenAddress(const content::ScreenRecord& screen);

struct LinkTest {
    bool answered = false;
    std::string message; // in Chinese, for the person at the form
    long long millis = 0;
};

// Opens the screen's address and asks its card the protocol's status question, waiting at most
// `timeout` for the link and as long for the answer. Throws ValidationError for a bad address or a
// protocol without a status question.
LinkTest testScreenLink(const content::ScreenRecord& screen, std::chrono::milliseconds timeout);

} // namespace gongshi::server
