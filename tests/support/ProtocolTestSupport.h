#pragma once
// What the protocol tests build again and again: screens, bitmap commands, and the card fed with
// the packets a protocol made.
#include "protocols/Protocol.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace gongshi::test {

protocols::ScreenSpec screenSpec(int width, int height, renderer::ColorMode mode, std::uint16_t address = 1,
                                 std::map<std::string, std::string> options = {});
protocols::Command bitmapCommand(std::vector<renderer::Bitmap> pages, int x = 0, int y = 0);

// Every packet's bytes, one after the other, as a stream carries them.
protocols::Bytes joined(const std::vector<protocols::Bytes>& packets);
std::vector<protocols::FrameEvent> feedBytes(protocols::CardDecoder& card, const protocols::Bytes& bytes);
// Feeds the packets to the card as one chunk, or byte by byte; returns every event.
std::vector<protocols::FrameEvent> feedAll(protocols::CardDecoder& card, const std::vector<protocols::Bytes>& packets,
                                           bool byteByByte = false);

} // namespace gongshi::test
