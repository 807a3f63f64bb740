#include "records/Records.h"

#include "common/Error.h"
#include "common/Messages.h"

#include <array>
#include <utility>

namespace gongshi::content {
namespace {

constexpr std::array<std::pair<CentreKind, std::string_view>, 6> centreKinds{{
    {CentreKind::TownshipCentre, "township-centre"},
    {CentreKind::MergedTownshipStation, "merged-township-station"},
    {CentreKind::VillageRoom, "village-room"},
    {CentreKind::StreetCentre, "street-centre"},
    {CentreKind::MergedStreetStation, "merged-street-station"},
    {CentreKind::CommunityRoom, "community-room"},
}};

constexpr std::array<std::pair<WindowStatus, std::string_view>, 3> windowStatuses{{
    {WindowStatus::Serving, "serving"},
    {WindowStatus::Paused, "paused"},
    {WindowStatus::Away, "away"},
}};

constexpr std::array<std::pair<MaterialForm, std::string_view>, 4> materialForms{{
    {MaterialForm::Original, "original"},
    {MaterialForm::Copy, "copy"},
    {MaterialForm::OriginalAndCopy, "original-and-copy"},
    {MaterialForm::Electronic, "electronic"},
}};

constexpr std::array<std::pair<NoticeCategory, std::string_view>, 9> noticeCategories{{
    {NoticeCategory::Employment, "employment"},
    {NoticeCategory::SocialInsurance, "social-insurance"},
    {NoticeCategory::SocialAssistance, "social-assistance"},
    {NoticeCategory::FamilyPlanning, "family-planning"},
    {NoticeCategory::FarmlandApproval, "farmland-approval"},
    {NoticeCategory::SocialWelfare, "social-welfare"},
    {NoticeCategory::AgriculturalSubsidies, "agricultural-subsidies"},
    {NoticeCategory::HouseholdRegistration, "household-registration"},
    {NoticeCategory::Other, "other"},
}};

constexpr std::array<std::pair<ItemKind, std::string_view>, 12> itemKinds{{
    {ItemKind::Matter, "matter"},
    {ItemKind::Notice, "notice"},
    {ItemKind::Window, "window"},
    {ItemKind::Centre, "centre"},
    {ItemKind::MatterList, "matter-list"},
    {ItemKind::FeeTable, "fee-table"},
    {ItemKind::NoticeList, "notice-list"},
    {ItemKind::Text, "text"},
    {ItemKind::Clock, "clock"},
    {ItemKind::Countdown, "countdown"},
    {ItemKind::ReviewQr, "review-qr"},
    {ItemKind::Image, "image"},
}};

// What people call them (the admin page, refusals that list the kinds allowed).
constexpr std::array<std::pair<ItemKind, std::string_view>, 12> itemKindLabels{{
    {ItemKind::Matter, "事项"},
    {ItemKind::Notice, "公告"},
    {ItemKind::Window, "窗口状态"},
    {ItemKind::Centre, "中心欢迎词"},
    {ItemKind::MatterList, "事项清单"},
    {ItemKind::FeeTable, "收费标准表"},
    {ItemKind::NoticeList, "公告栏"},
    {ItemKind::Text, "文字"},
    {ItemKind::Clock, "时钟"},
    {ItemKind::Countdown, "倒计时"},
    {ItemKind::ReviewQr, "好差评二维码"},
    {ItemKind::Image, "图片"},
}};

constexpr std::array<std::pair<AreaEffect, std::string_view>, 3> areaEffectLabels{{
    {AreaEffect::Static, "静止"},
    {AreaEffect::Left, "左移"},
    {AreaEffect::Up, "上移"},
}};

constexpr std::array<std::pair<AreaEffect, std::string_view>, 3> areaEffects{{
    {AreaEffect::Static, "static"},
    {AreaEffect::Left, "left"},
    {AreaEffect::Up, "up"},
}};

// The first name of each category is the one written; the others are read too (shorter forms
// staff use in sheets and titles).
constexpr std::array<std::pair<NoticeCategory, std::string_view>, 12> chineseCategories{{
    {NoticeCategory::Employment, "就业"},
    {NoticeCategory::SocialInsurance, "社会保险"},
    {NoticeCategory::SocialAssistance, "社会救助"},
    {NoticeCategory::FamilyPlanning, "计划生育"},
    {NoticeCategory::FarmlandApproval, "农村宅基地和耕地审批"},
    {NoticeCategory::FarmlandApproval, "耕地审批"},
    {NoticeCategory::FarmlandApproval, "宅基地审批"},
    {NoticeCategory::SocialWelfare, "社会福利"},
    {NoticeCategory::AgriculturalSubsidies, "农业补贴"},
    {NoticeCategory::HouseholdRegistration, "户籍管理"},
    {NoticeCategory::HouseholdRegistration, "户籍"},
    {NoticeCategory::Other, "其他"},
}};

template <class E, std::size_t N> std::string_view nameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
    for (const auto& [e, name] : table)
        if (e == value) return name;
    return "?"; // only for a value cast from outside the enum's range
}

template <class E, std::size_t N>
E parseName(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view name, const char* field, const char* label) {
    for (const auto& [e, n] : table)
        if (n == name) return e;
    std::string accepted;
    for (const auto& [e, n] : table) {
        if (!accepted.empty()) accepted += "、";
        accepted += n;
    }
    throw ValidationError(field, msg::notOneOf(label, std::string(name), accepted));
}

} // namespace

NameTable<CentreKind> centreKindNames() { return centreKinds; }
NameTable<WindowStatus> windowStatusNames() { return windowStatuses; }
NameTable<MaterialForm> materialFormNames() { return materialForms; }
NameTable<NoticeCategory> noticeCategoryNames() { return noticeCategories; }
NameTable<ItemKind> itemKindNames() { return itemKinds; }
NameTable<AreaEffect> areaEffectNames() { return areaEffects; }
NameTable<ItemKind> itemKindChinese() { return itemKindLabels; }
NameTable<AreaEffect> areaEffectChinese() { return areaEffectLabels; }
std::string_view itemKindName(ItemKind k) { return nameOf(itemKinds, k); }
std::string_view areaEffectName(AreaEffect e) { return nameOf(areaEffects, e); }

std::string_view centreKindName(CentreKind k) { return nameOf(centreKinds, k); }
CentreKind parseCentreKind(std::string_view name) { return parseName(centreKinds, name, "kind", "类型"); }

std::string_view windowStatusName(WindowStatus s) { return nameOf(windowStatuses, s); }
WindowStatus parseWindowStatus(std::string_view name) { return parseName(windowStatuses, name, "status", "状态"); }

std::string_view materialFormName(MaterialForm f) { return nameOf(materialForms, f); }
MaterialForm parseMaterialForm(std::string_view name) { return parseName(materialForms, name, "form", "形式"); }

std::string_view noticeCategoryName(NoticeCategory c) { return nameOf(noticeCategories, c); }
NoticeCategory parseNoticeCategory(std::string_view name) { return parseName(noticeCategories, name, "category", "类别"); }

std::string_view noticeCategoryChinese(NoticeCategory c) { return nameOf(chineseCategories, c); }

std::optional<NoticeCategory> noticeCategoryFromChinese(std::string_view name) {
    for (const auto& [c, n] : chineseCategories)
        if (n == name) return c;
    return std::nullopt;
}

} // namespace gongshi::content
