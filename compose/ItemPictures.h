#pragma once
// What the clock, countdown and 好差评 QR items of a program show, apart from the composer's text
// rules: the time in a pattern, the days left to a date, a QR code drawn at whole modules.
#include "bitmap/Bitmap.h"
#include "bitmap/ClockFace.h"
#include "compose/Composer.h"
#include "records/Pictures.h"
#include "records/Records.h"

#include <memory>

#include <optional>
#include <string>
#include <vector>

namespace gongshi::renderer {
class TextRenderer;
}

namespace gongshi::content {

// The pattern a clock item without one shows.
inline constexpr const char* kDefaultClockPattern = "HH:mm";

// `pattern` (ICU SimpleDateFormat letters, zh_CN: "yyyy年M月d日 EEEE HH:mm") at the wall-clock time
// `minute`:`second` of `date`. A part in [brackets] is read in the Chinese calendar (农历:
// "[U年MMMd]" -> "丙午年十月廿八"). Throws ValidationError (field "text") for a pattern ICU refuses
// or an unclosed bracket.
std::string clockText(const std::string& pattern, const Date& date, int minute, int second);
// Whether the pattern shows seconds (then it changes every second, not every minute).
bool clockShowsSeconds(const std::string& pattern);

// `date` at `minute` after midnight and `second`, with its weekday, as a card's clock reads it.
renderer::ClockTime clockTimeAt(const Date& date, int minute, int second);

// The clock a card keeps itself (a bx-6 clock area) for `pattern`, laid out on one line centred in
// a `width` x `height` area in `font`: the fixed text as its background, each field's glyphs (the
// digits, 上午/下午, the weekday's name as the pattern writes it) in cells of one width. The card
// draws every number with its leading zero (M, d, H as MM, dd, HH). None, with `why` in Chinese, for
// a pattern the card's clock cannot keep (the Chinese calendar, a two-digit year, a month's name,
// a field such as the week of the year), for characters the font lacks, or when it does not fit.
std::optional<renderer::ClockFace> cardClockFace(renderer::TextRenderer& renderer, const std::string& pattern, const std::string& font,
                                                 int width, int height, renderer::ColorMode mode, renderer::Color color, std::string& why);

// Calendar days from `today` to `target` (both "YYYY-MM-DD"); negative once it has passed.
int daysUntil(const Date& today, const Date& target);
// "距公示期满还有3天" (to a notice's period end) or "距截止日还有3天", "今天截止" on the day; none after.
std::optional<std::string> countdownText(int days, bool noticePeriod);

// The QR code of `text` at the largest whole module size that fits `width` x `height` with its
// quiet zone of four modules, centred: light modules and the quiet zone lit (in `lit`), dark
// modules dark, as a scanner reads a lit panel. None when even one pixel a module does not fit.
std::optional<renderer::Bitmap> qrPicture(const std::string& text, int width, int height, renderer::ColorMode mode, renderer::Color lit);
// The centre's 好差评 QR code (qrPicture of its review address); none, with a warning, without an
// address or room for it.
std::optional<renderer::Bitmap> reviewQrPicture(const Centre& centre, int width, int height, renderer::ColorMode mode, renderer::Color lit,
                                                std::vector<std::string>& warnings);
// countdownText for `target`; none, with a warning, once the date has passed.
std::optional<std::string> countdownWording(const Date& target, bool noticePeriod, const Date& today, std::vector<std::string>& warnings);
// One page drawn at the area's size, standing still for the area's dwell.
Segment pictureSegment(std::string source, const Area& area, renderer::Color color, renderer::Bitmap picture);

// The pixels (Rgb) of an uploaded picture, its file read from `dataDir`'s FileStore and decoded
// once: files are named by their content, so a decoded picture is kept for later compositions
// (the last few, by file). Transparent pixels are black. Throws NotFoundError for a missing
// file, InputError for one that cannot be decoded.
std::shared_ptr<const renderer::Bitmap> uploadedPicture(const Picture& picture, const std::string& dataDir);

// The smallest area a picture is drawn in (a side): below it nothing of a picture shows.
inline constexpr int kSmallestPictureArea = 4;
// The picture for an area of `width` x `height`, or null with a warning: an area under
// kSmallestPictureArea a side, a file missing or damaged.
std::shared_ptr<const renderer::Bitmap> pictureToShow(const Picture& picture, const std::string& dataDir, int width, int height,
                                                      std::vector<std::string>& warnings);

} // namespace gongshi::content
