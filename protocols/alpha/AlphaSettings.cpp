#include "protocols/alpha/AlphaSettings.h"

#include "common/Error.h"
#include "protocols/alpha/AlphaPacket.h"

#include <cctype>

namespace gongshi::protocols::alpha {

AlphaSettings AlphaSettings::fromScreen(const ScreenSpec& screen) {
    AlphaSettings s;
    if (auto it = screen.options.find("alpha"); it != screen.options.end()) {
        if (it->second == "1.0" || it->second == "1")
            s.alpha3 = false;
        else if (it->second == "3.0" || it->second == "3")
            s.alpha3 = true;
        else
            throw InputError("alpha option alpha='" + it->second + "' is not a protocol level (use 1.0 or 3.0)");
    }
    if (auto it = screen.options.find("sign-address"); it != screen.options.end()) {
        const std::string& v = it->second;
        bool hex = v.size() == 2;
        for (char c : v) hex = hex && std::isxdigit(static_cast<unsigned char>(c));
        if (!hex) throw InputError("alpha option sign-address='" + v + "' is not two hex digits (00 every sign, 01..FF one)");
        s.address.clear();
        for (char c : v) s.address += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return s;
    }
    // 1 is every screen's address unless one was given: a sign set to any address must still hear it.
    s.address = screen.address <= 1 ? "00" : addressField(screen.address);
    return s;
}

} // namespace gongshi::protocols::alpha
