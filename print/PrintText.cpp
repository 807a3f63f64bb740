#include "print/PrintText.h"

#include "common/Error.h"
#include "fonts/FontProfile.h"
#include "common/Utf8.h"

#include <algorithm>
#include <cmath>

namespace gongshi::renderer {
namespace {

// Bold cuts for headings: Noto CJK SC Bold (same TTC layout, SC is face 2), then the regular
// profile's fallbacks.
fonts::FontProfile boldOf(const std::string& regular, const char* label, const char* file) {
    fonts::FontProfile p = fonts::profileByName(regular);
    p.name = regular + "-bold";
    p.chain.front().label = label;
    p.chain.front().file = file;
    return p;
}

const fonts::FontProfile& printProfile(std::string_view name) {
    static const fonts::FontProfile sansBold = boldOf("print-sans", "Noto Sans CJK SC Bold", "NotoSansCJK-Bold.ttc");
    static const fonts::FontProfile serifBold = boldOf("print-serif", "Noto Serif CJK SC Bold", "NotoSerifCJK-Bold.ttc");
    if (name == sansBold.name) return sansBold;
    if (name == serifBold.name) return serifBold;
    if (name == "print-sans" || name == "print-serif") return fonts::profileByName(name);
    throw InputError("'" + std::string(name) + "' is not a print font (use print-sans, print-serif, print-sans-bold or print-serif-bold)");
}

} // namespace

bool isPrintProfile(std::string_view name) {
    return name == "print-sans" || name == "print-serif" || name == "print-sans-bold" || name == "print-serif-bold";
}

struct PrintTypesetter::Profile {
    std::unique_ptr<fonts::FontChain> chain;
    std::unique_ptr<LayoutEngine> engine;
    std::shared_ptr<const std::vector<PrintFace>> faces;
};

PrintTypesetter::PrintTypesetter() = default;
PrintTypesetter::~PrintTypesetter() = default;

PrintTypesetter::Profile& PrintTypesetter::open(const std::string& name) {
    auto it = profiles_.find(name);
    if (it != profiles_.end()) return *it->second;
    auto p = std::make_unique<Profile>();
    p->chain = std::make_unique<fonts::FontChain>(printProfile(name), kPrintEm);
    p->engine = std::make_unique<LayoutEngine>(*p->chain);
    auto faces = std::make_shared<std::vector<PrintFace>>();
    for (int s = 0; s < p->chain->faceCount(); ++s) {
        const fonts::FontFace& f = p->chain->face(s);
        faces->push_back({f.path(), f.spec().index, f.baseline()});
    }
    p->faces = std::move(faces);
    return *profiles_.emplace(name, std::move(p)).first->second;
}

TextBlock PrintTypesetter::set(std::string_view utf8, const TextStyle& style, double width) {
    if (!(style.size > 0) || !(style.leading >= 1)) throw InputError("a print text needs a positive size and a leading of at least 1");
    Profile& p = open(style.font);
    const double scale = style.size / kPrintEm;
    LayoutOptions o;
    o.width = static_cast<int>(std::floor(width / scale));
    if (o.width < kPrintEm)
        throw InputError("a " + std::to_string(width) + " pt wide box cannot hold one " + std::to_string(style.size) + " pt character");
    o.height = 1 << 28; // every line on one page: paging is the sheet's business
    o.align = style.align;
    o.valign = VAlign::Top;
    o.rules = style.rules;
    TextBlock b;
    b.layout = p.engine->layout(utf8, o);
    b.faces = p.faces;
    b.size = style.size;
    b.pitch = style.size * style.leading;
    b.width = width;
    b.color = style.color;
    return b;
}

double PrintTypesetter::measure(std::string_view utf8, const TextStyle& style) {
    Profile& p = open(style.font);
    LayoutOptions o;
    o.width = 1;
    o.height = kPrintEm;
    o.marquee = true;
    return p.engine->layout(utf8, o).width * (style.size / kPrintEm);
}

std::size_t TextBlock::lineCount() const { return layout.pages.empty() ? 0 : layout.pages.front().lines.size(); }

const std::vector<Line>& TextBlock::lines() const {
    static const std::vector<Line> none;
    return layout.pages.empty() ? none : layout.pages.front().lines;
}

TextBlock TextBlock::slice(std::size_t first, std::size_t count) const {
    TextBlock out = *this;
    out.layout.pages.clear();
    Page page;
    const auto& all = lines();
    for (std::size_t i = first; i < std::min(all.size(), first + count); ++i) page.lines.push_back(all[i]);
    out.layout.pages.push_back(std::move(page));
    return out;
}

bool TextBlock::cut() const {
    return std::any_of(lines().begin(), lines().end(), [](const Line& l) { return l.forced; });
}

double TextBlock::inkWidth() const {
    int widest = 0;
    for (const auto& l : lines()) widest = std::max(widest, l.x + l.width);
    return widest * scale();
}

} // namespace gongshi::renderer
