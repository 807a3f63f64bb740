#include "records/RecordTraits.h"

namespace gongshi::content {
namespace {

constexpr int maxDays = 3650; // ten years of working days: anything more is a typo

bool digitsOnly(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

// Yuan as decimal text without a sign: "10", "12.50".
bool isAmount(std::string_view s) {
    const auto dot = s.find('.');
    if (!digitsOnly(s.substr(0, dot))) return false;
    return dot == std::string_view::npos || digitsOnly(s.substr(dot + 1));
}

const Shape<Material>& materialShape() {
    static const Shape<Material> shape{
        text("name", "名称", &Material::name),
        choice("form", "形式", &Material::form, materialFormNames),
        whole("copies", "份数", &Material::copies, 0, 100),
        flag("required", "必需", &Material::required),
        text("notes", "备注", &Material::notes, 500),
        text("sample_file", "样表", &Material::sampleFile),
    };
    return shape;
}

const Shape<FeeItem>& feeShape() {
    static const Shape<FeeItem> shape{
        text("name", "名称", &FeeItem::name),
        text("amount", "金额", &FeeItem::amount).check([](const FeeItem& r, const JsonIn&, const parse::Field& f) {
            if (!isAmount(r.amount)) refuse(f, "“" + r.amount + "”不是以元计的金额（如10或12.50）");
        }),
        text("unit", "单位", &FeeItem::unit),
    };
    return shape;
}

// "fee": "free" states that nothing is charged, "charged" that `fees` lists what is; null means
// nobody has said yet (a finding). Only `free` is kept: "charged" is a matter with fees.
FieldSpec<Matter> feeStatement() {
    return {"fee", "收费",
            [](const Matter& r) {
                return r.free           ? Poco::Dynamic::Var(std::string("free"))
                       : r.fees.empty() ? Poco::Dynamic::Var()
                                        : Poco::Dynamic::Var(std::string("charged"));
            },
            [](Matter& r, const Poco::Dynamic::Var& v, const parse::Field& f) {
                const std::string fee = textValue(v, f);
                if (fee != "free" && fee != "charged") refuseName(f, fee, {"free", "charged"});
                r.free = fee == "free";
            }};
}

} // namespace

const Shape<Matter>& RecordTraits<Matter>::shape() {
    static const Shape<Matter> shape = recordShape<Matter>({
        id("centre_id", "中心", &Matter::centreId),
        text("code", "编码", &Matter::code),
        requiredText("name", "名称", &Matter::name),
        text("department", "部门", &Matter::department),
        text("category", "类别", &Matter::category),
        text("legal_basis", "设定依据", &Matter::legalBasis, 2000),
        list("materials", "申请材料", &Matter::materials, materialShape),
        optionalWhole("statutory_days", "法定时限", &Matter::statutoryDays, 0, maxDays),
        optionalWhole("promised_days", "承诺时限", &Matter::promisedDays, 0, maxDays)
            .check([](const Matter& r, const JsonIn&, const parse::Field& f) {
                if (r.statutoryDays && r.promisedDays && *r.promisedDays > *r.statutoryDays)
                    refuse(f, "（" + std::to_string(*r.promisedDays) + "个工作日）超过法定时限（" + std::to_string(*r.statutoryDays) +
                                  "个工作日）");
            }),
        feeStatement(),
        list("fees", "收费项目", &Matter::fees, feeShape).check([](const Matter& r, const JsonIn& in, const parse::Field& f) {
            const std::string fee = in.text("fee", "收费");
            if (fee == "free" && !r.fees.empty()) refuse(f, "：免费事项不列收费项目");
            if (fee == "charged" && r.fees.empty()) refuse(f, "：收费事项须列出收费项目");
        }),
        text("fee_basis", "收费依据", &Matter::feeBasis, 2000),
        texts("windows", "窗口", &Matter::windows),
        text("phone", "电话", &Matter::phone),
        text("group", "一件事", &Matter::group),
    });
    return shape;
}

} // namespace gongshi::content
