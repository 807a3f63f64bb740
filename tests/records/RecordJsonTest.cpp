#include "common/Error.h"
#include "records/RecordJson.h"
#include "records/Records.h"

#include <doctest/doctest.h>

#include <functional>
#include <string>

using namespace gongshi;
using namespace gongshi::content;

namespace {

// ---------------------------------------------------------------------------------------------
// Records with every field away from its default.

RecordMeta meta(Id id) {
    RecordMeta m;
    m.id = id;
    m.version = 7;
    m.createdAt = "2024-03-01T08:00:00Z";
    m.changedAt = "2024-03-02T09:30:00Z";
    m.changedBy = "张伟";
    return m;
}

Centre fullCentre() {
    Centre c;
    c.meta = meta(1);
    c.kind = CentreKind::MergedStreetStation;
    c.county = "临江县";
    c.township = "青石镇";
    c.street = "东城街道";
    c.station = "白鹤";
    c.village = "柳湾社区";
    c.name = "临江县人民政府东城街道白鹤便民服务站";
    c.population = 32000;
    c.ethnicMinorityArea = true;
    c.hallArea = 262.5;
    c.grade = 2;
    c.publishingNeedsApproval = true;
    c.complaintPhone = "0838-1234567";
    c.reviewUrl = "https://example.cn/review?c=1&x=\"q\"";
    return c;
}

Window fullWindow() {
    Window w;
    w.meta = meta(2);
    w.centreId = 1;
    w.number = "A3";
    w.business = "社保医保";
    w.postA = 11;
    w.postB = 12;
    w.status = WindowStatus::Away;
    w.away = {"村委会", "入户核查", "14:30", "13800000000"};
    return w;
}

Staff fullStaff() {
    Staff s;
    s.meta = meta(3);
    s.centreId = 1;
    s.unit = "镇社会事务办";
    s.name = "李娜";
    s.position = "科员";
    s.phone = "13900000000";
    s.photo = "photos/li-na.jpg";
    s.partyMember = true;
    return s;
}

Matter fullMatter() {
    Matter m;
    m.meta = meta(4);
    m.centreId = 1;
    m.code = "510000-001";
    m.name = "城乡居民基本养老保险参保登记";
    m.department = "镇社会保障服务中心";
    m.category = "社会保险";
    m.legalBasis = "《国务院关于建立统一的城乡居民基本养老保险制度的意见》";
    m.materials = {{"居民身份证", MaterialForm::OriginalAndCopy, 2, true, "核原件，留复印件", "samples/id.png"},
                   {"户口簿", MaterialForm::Electronic, 0, false, "户籍不在本镇时提供", ""}};
    m.statutoryDays = 20;
    m.promisedDays = 5;
    m.fees = {{"工本费", "10", "元/件"}, {"加急费", "12.50", "元"}};
    m.feeBasis = "川发改价格〔2020〕1号";
    m.windows = {"1", "A3"};
    m.phone = "0838-7654321";
    m.group = "新生儿出生一件事";
    return m;
}

Notice fullNotice() {
    Notice n;
    n.meta = meta(5);
    n.centreId = 1;
    n.category = NoticeCategory::AgriculturalSubsidies;
    n.title = "2024年耕地地力保护补贴发放公示";
    n.body = "第一行\n第二行\t\"引号\"\\";
    n.publishFrom = "2024-02-28";
    n.publishUntil = "2024-03-06";
    n.urgent = true;
    return n;
}

ScreenRecord fullScreen() {
    ScreenRecord s;
    s.meta = meta(6);
    s.centreId = 1;
    s.name = "大厅条屏";
    s.location = "大厅入口上方";
    s.width = 256;
    s.height = 32;
    s.color = "red-green";
    s.fontProfile = "song24";
    s.protocol = "bx-6";
    s.address = "tcp://192.168.1.20:5005";
    s.options = {{"baud", "9600"}, {"card", "BX-6Q2"}, {"名称", "主屏"}};
    return s;
}

Program fullProgram() {
    Program p;
    p.meta = meta(7);
    p.screenId = 6;
    p.name = "工作日节目";
    ProgramArea a;
    a.x = 8;
    a.y = 4;
    a.width = 248;
    a.height = 28;
    a.items = {{ItemKind::Matter, 4, ""}, {ItemKind::FeeTable, 0, "欢迎来到青石镇便民服务中心"}};
    a.effect = AreaEffect::Left;
    a.speed = 3;
    a.dwellSeconds = 12;
    ProgramArea b;
    b.effect = AreaEffect::Up;
    p.areas = {a, b};
    p.schedule.from = "2024-01-01";
    p.schedule.until = "2024-12-31";
    p.schedule.weekdays = {1, 2, 3, 4, 5};
    p.schedule.times = {{8 * 60 + 30, 12 * 60}, {14 * 60, 24 * 60}};
    p.schedule.workingDaysOnly = true;
    p.schedule.priority = -2;
    return p;
}

// Through JSON text and back, as the store does.
template <class T> T roundTrip(const T& r) { return fromJson<T>(*readJsonObject(jsonText(toJson(r)), "JSON")); }

template <class T> T read(const std::string& json) { return fromJson<T>(*readJsonObject(json, "JSON")); }

// The field a failing read names; "<no error>" when it reads.
template <class T> std::string rejectedField(const std::string& json) {
    try {
        read<T>(json);
    } catch (const ValidationError& e) {
        return e.field();
    }
    return "<no error>";
}

template <class T> std::string rejectedMessage(const std::string& json) {
    try {
        read<T>(json);
    } catch (const ValidationError& e) {
        return e.what();
    }
    return "<no error>";
}

} // namespace

// ---------------------------------------------------------------------------------------------

// A record that survives equals the original; the message shows what came back.
template <class T> void checkRoundTrip(const T& r) {
    const T back = roundTrip(r);
    CHECK_MESSAGE(back == r, jsonText(toJson(back)));
}

// Every top-level field of `full` differs from a default record's, so that a round trip of it
// exercises every field of the type's description.
template <class T> void checkEveryFieldSet(const T& full) {
    const Poco::JSON::Object::Ptr set = toJson(full), unset = toJson(T{});
    CHECK(set->size() == unset->size());
    for (const auto& [key, value] : *unset) {
        CAPTURE(key);
        Poco::JSON::Object::Ptr a = new Poco::JSON::Object, b = new Poco::JSON::Object;
        a->set(key, set->get(key));
        b->set(key, value);
        CHECK(jsonText(a) != jsonText(b));
    }
}

TEST_CASE("every record type survives JSON text and back as an equal record") {
    SUBCASE("centre") { checkRoundTrip(fullCentre()); }
    SUBCASE("window") { checkRoundTrip(fullWindow()); }
    SUBCASE("staff") { checkRoundTrip(fullStaff()); }
    SUBCASE("matter") { checkRoundTrip(fullMatter()); }
    SUBCASE("notice") { checkRoundTrip(fullNotice()); }
    SUBCASE("screen") { checkRoundTrip(fullScreen()); }
    SUBCASE("program") { checkRoundTrip(fullProgram()); }
}

TEST_CASE("the records that go round trips set every field away from its default") {
    checkEveryFieldSet(fullCentre());
    checkEveryFieldSet(fullWindow());
    checkEveryFieldSet(fullStaff());
    checkEveryFieldSet(fullMatter());
    checkEveryFieldSet(fullNotice());
    checkEveryFieldSet(fullScreen());
    checkEveryFieldSet(fullProgram());
}

TEST_CASE("every program item kind and area effect is written and read back as the same name") {
    Program p = fullProgram();
    p.areas.clear();
    for (const auto& [effect, effectName] : areaEffectNames()) {
        ProgramArea a;
        a.effect = effect;
        for (const auto& [kind, kindName] : itemKindNames()) a.items.push_back({kind, 1, std::string(kindName)});
        p.areas.push_back(a);
    }
    checkRoundTrip(p);
    const std::string text = jsonText(toJson(p));
    for (const char* kind : {"matter", "notice", "window", "centre", "matter-list", "fee-table", "notice-list", "text"})
        CHECK(text.find(std::string(R"({"kind":")") + kind + R"(","record_id":1)") != std::string::npos);
    for (const char* effect : {"static", "left", "up"}) CHECK(text.find(std::string(R"("effect":")") + effect + "\"") != std::string::npos);
}

TEST_CASE("an unknown program item kind is refused at its place, listing the kinds allowed") {
    const std::string program = R"({"screen_id":1,"areas":[{"items":[{"kind":"text","text":"你好"},{"kind":"notices"}]}]})";
    CHECK(rejectedField<Program>(program) == "areas[0].items[1].kind");
    CHECK(rejectedMessage<Program>(program) ==
          "区域[0].内容[1]."
          "类型“notices”无效，可选：事项（matter）、公告（notice）、窗口状态（window）、中心欢迎词（centre）、事项清单（matter-list）、"
          "收费标准表（fee-table）、公告栏（notice-list）、文字（text）、时钟（clock）、倒计时（countdown）、"
          "好差评二维码（review-qr）、图片（image）");
    CHECK(rejectedField<Program>(R"({"areas":[{},{"items":[{"record_id":3}]}]})") == "areas[1].items[0].kind");
    CHECK(rejectedMessage<Program>(R"({"areas":[{},{"items":[{"record_id":3}]}]})") == "区域[1].内容[0].类型必须填写");
    CHECK(rejectedMessage<Program>(R"({"areas":[{"effect":"spin"}]})") ==
          "区域[0].效果“spin”无效，可选：静止（static）、左移（left）、上移（up）");
}

TEST_CASE("a matter's fee statement survives: free, charged, and not yet said") {
    Matter free = fullMatter();
    free.fees.clear();
    free.free = true;
    Matter freeBack = roundTrip(free);
    CHECK(freeBack.free);
    CHECK(freeBack.fees.empty());

    Matter unsaid = fullMatter();
    unsaid.fees.clear();
    unsaid.statutoryDays.reset();
    unsaid.promisedDays.reset();
    const std::string text = jsonText(toJson(unsaid));
    CHECK(text.find(R"("statutory_days":null,"promised_days":null,"fee":null,"fees":[])") != std::string::npos);
    Matter unsaidBack = read<Matter>(text);
    CHECK_FALSE(unsaidBack.free);
    CHECK(unsaidBack.fees.empty());
    CHECK_FALSE(unsaidBack.statutoryDays.has_value());
    CHECK_FALSE(unsaidBack.promisedDays.has_value());

    CHECK(jsonText(toJson(fullMatter())).find(R"("fee":"charged","fees":[{"name":"工本费")") != std::string::npos);
}

TEST_CASE("a matter's JSON text is compact, in field order, with Chinese as UTF-8") {
    Matter m;
    m.meta = meta(9);
    m.centreId = 1;
    m.code = "001";
    m.name = "独生子女父母光荣证办理";
    m.department = "计生办";
    m.category = "计划生育";
    m.legalBasis = "《四川省人口与计划生育条例》";
    m.materials = {{"户口簿", MaterialForm::Copy, 1, true, "", ""}};
    m.statutoryDays = 20;
    m.fees = {{"", "5", "元/件"}};
    m.windows = {"2"};
    m.phone = "0838-1";
    CHECK(jsonText(toJson(m)) ==
          R"({"id":9,"version":7,"created_at":"2024-03-01T08:00:00Z","changed_at":"2024-03-02T09:30:00Z",)"
          R"("changed_by":"张伟","centre_id":1,"code":"001","name":"独生子女父母光荣证办理","department":"计生办",)"
          R"("category":"计划生育","legal_basis":"《四川省人口与计划生育条例》",)"
          R"("materials":[{"name":"户口簿","form":"copy","copies":1,"required":true,"notes":"","sample_file":""}],)"
          R"("statutory_days":20,"promised_days":null,"fee":"charged","fees":[{"name":"","amount":"5","unit":"元/件"}],)"
          R"("fee_basis":"","windows":["2"],"phone":"0838-1","group":""})");
}

TEST_CASE("missing optional fields take the defaults and unknown fields are ignored") {
    Matter m = read<Matter>(R"({"name":"临时救助","colour":"red","materials":[{"name":"申请书","extra":1}]})");
    CHECK(m.meta.id == 0);
    CHECK(m.meta.version == 0);
    CHECK(m.name == "临时救助");
    CHECK(m.department.empty());
    REQUIRE(m.materials.size() == 1);
    CHECK(m.materials[0].form == MaterialForm::Original);
    CHECK(m.materials[0].copies == 1);
    CHECK(m.materials[0].required);
    CHECK_FALSE(m.statutoryDays.has_value());
    CHECK_FALSE(m.free);

    ScreenRecord s = read<ScreenRecord>(R"({"name":"窗口屏","width":64,"height":16})");
    CHECK(s.color == "mono");
    CHECK(s.fontProfile == "led16");
    CHECK(s.options.empty());

    Program p = read<Program>(R"({"screen_id":3,"areas":[{"items":[{"kind":"text","text":"你好"}]}],
                                  "schedule":{"times":[{"start":"08:00"}]}})");
    REQUIRE(p.areas.size() == 1);
    CHECK(p.areas[0].effect == AreaEffect::Static);
    CHECK(p.areas[0].items[0].kind == ItemKind::Text);
    CHECK(p.areas[0].dwellSeconds == 5);
    CHECK(p.areas[0].items[0].recordId == 0);
    REQUIRE(p.schedule.times.size() == 1);
    CHECK(p.schedule.times[0].startMinute == 8 * 60);
    CHECK(p.schedule.times[0].endMinute == 24 * 60);

    Window w = read<Window>(R"({"number":"3","away":null,"status":null})");
    CHECK(w.status == WindowStatus::Serving);
    CHECK(w.away.where.empty());

    Centre c = read<Centre>(R"({"kind":"village-room","hall_area":80})");
    CHECK(c.kind == CentreKind::VillageRoom);
    CHECK(c.hallArea == 80.0);
    CHECK(c.grade == 1);
}

TEST_CASE("required fields are named when missing or empty") {
    CHECK(rejectedField<Matter>(R"({"department":"民政办"})") == "name");
    CHECK(rejectedField<Matter>(R"({"name":""})") == "name");
    CHECK(rejectedField<Notice>(R"({"category":"other"})") == "title");
    CHECK(rejectedField<Notice>(R"({"title":"低保公示"})") == "category");
    CHECK(rejectedField<ScreenRecord>(R"({"width":64,"height":16})") == "name");
    CHECK(rejectedField<ScreenRecord>(R"({"name":"条屏","height":16})") == "width");
    CHECK(rejectedField<ScreenRecord>(R"({"name":"条屏","width":64})") == "height");
    CHECK(rejectedField<Window>(R"({"business":"社保"})") == "number");
    CHECK(rejectedField<Staff>(R"({"unit":"民政办"})") == "name");
    CHECK(rejectedField<Centre>(R"({"name":"青石镇人民政府便民服务中心"})") == "kind");
    CHECK(rejectedMessage<Staff>(R"({"name":null})") == "姓名必须填写");
    CHECK(rejectedMessage<Matter>(R"({"name":""})") == "名称必须填写");
}

TEST_CASE("a value of the wrong type is named") {
    CHECK(rejectedField<Centre>(R"({"kind":"township-centre","population":"三万"})") == "population");
    CHECK(rejectedField<Centre>(R"({"kind":"township-centre","grade":true})") == "grade");
    CHECK(rejectedField<Centre>(R"({"kind":"township-centre","ethnic_minority_area":1})") == "ethnic_minority_area");
    CHECK(rejectedField<Centre>(R"({"kind":7})") == "kind");
    CHECK(rejectedField<Matter>(R"({"name":42})") == "name");
    CHECK(rejectedField<Matter>(R"({"name":"x","materials":{"name":"y"}})") == "materials");
    CHECK(rejectedField<Matter>(R"({"name":"x","materials":["身份证"]})") == "materials[0]");
    CHECK(rejectedField<Matter>(R"({"name":"x","materials":[{"copies":1.5}]})") == "materials[0].copies");
    CHECK(rejectedField<Matter>(R"({"name":"x","windows":["1",2]})") == "windows[1]");
    CHECK(rejectedField<Matter>(R"({"name":"x","fees":[{"amount":10}]})") == "fees[0].amount");
    CHECK(rejectedField<Window>(R"({"number":"1","away":{"where":["村委会"]}})") == "away.where");
    CHECK(rejectedField<ScreenRecord>(R"({"name":"条屏","width":"64","height":16})") == "width");
    CHECK(rejectedField<ScreenRecord>(R"({"name":"条屏","width":64,"height":16,"options":{"baud":9600}})") == "options.baud");
    CHECK(rejectedField<Notice>(R"({"title":"t","category":"other","urgent":"yes"})") == "urgent");
    CHECK(rejectedField<Program>(R"({"schedule":{"weekdays":"1-5"}})") == "schedule.weekdays");
    CHECK(rejectedMessage<Matter>(R"({"name":"x","statutory_days":"20"})") == "法定时限应为数字");
    CHECK(rejectedMessage<Matter>(R"({"name":"x","windows":["1",2]})") == "窗口[1]应为文字");
    CHECK(rejectedMessage<Window>(R"({"number":"1","away":{"where":["村委会"]}})") == "外出.去向应为文字");
}

TEST_CASE("dates must be real calendar days and a notice must not end before it starts") {
    const auto notice = [](const std::string& from, const std::string& until) {
        return R"({"title":"公示","category":"social-assistance","publish_from":")" + from + R"(","publish_until":")" + until + R"("})";
    };
    CHECK(rejectedField<Notice>(notice("2024-02-29", "2024-03-01")) == "<no error>"); // leap day
    CHECK(rejectedField<Notice>(notice("2023-02-29", "2023-03-01")) == "publish_from");
    CHECK(rejectedField<Notice>(notice("2024-04-31", "2024-05-01")) == "publish_from");
    CHECK(rejectedField<Notice>(notice("2024-3-1", "2024-03-10")) == "publish_from");
    CHECK(rejectedField<Notice>(notice("2024-03-01", "2024/03/10")) == "publish_until");
    CHECK(rejectedField<Notice>(notice("2024-03-01", "2024-13-01")) == "publish_until");
    CHECK(rejectedField<Notice>(notice("2024-03-10", "2024-03-09")) == "publish_until");
    CHECK(rejectedField<Notice>(notice("2024-03-10", "2024-03-10")) == "<no error>"); // one day
    CHECK(rejectedMessage<Notice>(notice("2024-02-30", "2024-03-01")) == "公示开始“2024-02-30”不是有效日期，应写作“2026-01-31”");
    CHECK(rejectedMessage<Notice>(notice("2024-03-10", "2024-03-09")) == "公示结束“2024-03-09”早于公示开始“2024-03-10”");

    CHECK(rejectedField<Program>(R"({"schedule":{"from":"2024-00-10"}})") == "schedule.from");
    CHECK(rejectedField<Program>(R"({"schedule":{"from":"2024-05-01","until":"2024-04-30"}})") == "schedule.until");
}

TEST_CASE("time limits, copies and fee amounts are checked with the field that holds them") {
    CHECK(rejectedField<Matter>(R"({"name":"x","statutory_days":3651})") == "statutory_days");
    CHECK(rejectedField<Matter>(R"({"name":"x","promised_days":-1})") == "promised_days");
    CHECK(rejectedField<Matter>(R"({"name":"x","statutory_days":5,"promised_days":6})") == "promised_days");
    CHECK(rejectedField<Matter>(R"({"name":"x","promised_days":6})") == "<no error>");                    // no statutory limit to compare
    CHECK(rejectedField<Matter>(R"({"name":"x","statutory_days":0,"promised_days":0})") == "<no error>"); // 即办
    CHECK(rejectedField<Matter>(R"({"name":"x","materials":[{"copies":100},{"copies":101}]})") == "materials[1].copies");
    CHECK(rejectedField<Matter>(R"({"name":"x","materials":[{"copies":-1}]})") == "materials[0].copies");
    CHECK(rejectedMessage<Matter>(R"({"name":"x","materials":[{"copies":101}]})") == "申请材料[0].份数“101”应为0到100之间的整数");
    CHECK(rejectedMessage<Matter>(R"({"name":"x","statutory_days":5,"promised_days":6})") ==
          "承诺时限（6个工作日）超过法定时限（5个工作日）");
    CHECK(rejectedField<Matter>(R"({"name":"x","materials":[{"form":"scan"}]})") == "materials[0].form");

    const auto fee = [](const std::string& amount) {
        return R"({"name":"x","fee":"charged","fees":[{"amount":"1"},{"amount":")" + amount + R"("}]})";
    };
    CHECK(rejectedField<Matter>(fee("12.50")) == "<no error>");
    CHECK(rejectedField<Matter>(fee("0")) == "<no error>");
    CHECK(rejectedField<Matter>(fee("-1")) == "fees[1].amount");
    CHECK(rejectedField<Matter>(fee("十元")) == "fees[1].amount");
    CHECK(rejectedField<Matter>(fee("12.")) == "fees[1].amount");
    CHECK(rejectedField<Matter>(fee(".5")) == "fees[1].amount");
    CHECK(rejectedField<Matter>(fee("")) == "fees[1].amount");

    CHECK(rejectedField<Matter>(R"({"name":"x","fee":"maybe"})") == "fee");
    CHECK(rejectedField<Matter>(R"({"name":"x","fee":"free","fees":[{"amount":"1"}]})") == "fees");
    CHECK(rejectedField<Matter>(R"({"name":"x","fee":"charged","fees":[]})") == "fees");
    Matter implied = read<Matter>(R"({"name":"x","fees":[{"amount":"3","unit":"元"}]})");
    CHECK_FALSE(implied.free);
    CHECK(implied.fees.size() == 1);
}

TEST_CASE("texts and lists longer than their field's limit are refused naming the field, the count and the limit") {
    const auto chars = [](int n) {
        std::string s;
        for (int i = 0; i < n; ++i) s += "事";
        return s;
    };
    const auto matterNamed = [&](int n) { return R"({"name":")" + chars(n) + R"("})"; };
    CHECK(rejectedField<Matter>(matterNamed(kTextChars)) == "<no error>");
    CHECK(rejectedField<Matter>(matterNamed(kTextChars + 1)) == "name");
    CHECK(rejectedMessage<Matter>(matterNamed(kTextChars + 1)) == "名称有201个字，超过上限200个字");
    // Long texts have limits of their own.
    CHECK(rejectedField<Notice>(R"({"category":"other","title":"t","body":")" + chars(5000) + R"("})") == "<no error>");
    CHECK(rejectedMessage<Notice>(R"({"category":"other","title":"t","body":")" + chars(5001) + R"("})") ==
          "正文有5001个字，超过上限5000个字");
    CHECK(rejectedField<Matter>(R"({"name":"x","legal_basis":")" + chars(2001) + R"("})") == "legal_basis");
    CHECK(rejectedField<Matter>(R"({"name":"x","materials":[{"name":")" + chars(201) + R"("}]})") == "materials[0].name");
    std::string materials;
    for (int i = 0; i <= kListItems; ++i) materials += std::string(i ? "," : "") + R"({"name":"m"})";
    CHECK(rejectedMessage<Matter>(R"({"name":"x","materials":[)" + materials + "]}") == "申请材料有101项，超过上限100项");
    std::string windows;
    for (int i = 0; i <= kListItems; ++i) windows += std::string(i ? "," : "") + "\"1\"";
    CHECK(rejectedField<Matter>(R"({"name":"x","windows":[)" + windows + "]}") == "windows");
    // What was saved before the limits reads back from the database as it was.
    const Matter stored = fromStoredJson<Matter>(*readJsonObject(matterNamed(kTextChars + 50), "JSON"));
    CHECK(stored.name == chars(kTextChars + 50));
    CHECK(rejectedField<Matter>(matterNamed(kTextChars + 1)) == "name"); // and the limit holds again after
}

TEST_CASE("centre, screen and program values out of range are named") {
    CHECK(rejectedField<Centre>(R"({"kind":"township-centre","grade":0})") == "grade");
    CHECK(rejectedField<Centre>(R"({"kind":"township-centre","grade":4})") == "grade");
    CHECK(rejectedField<Centre>(R"({"kind":"township-centre","population":-1})") == "population");
    CHECK(rejectedField<Centre>(R"({"kind":"township-centre","hall_area":-0.5})") == "hall_area");
    CHECK(rejectedField<Centre>(R"({"kind":"township"})") == "kind");
    CHECK(rejectedField<Window>(R"({"number":"1","status":"busy"})") == "status");

    CHECK(rejectedField<ScreenRecord>(R"({"name":"条屏","width":0,"height":16})") == "width");
    CHECK(rejectedField<ScreenRecord>(R"({"name":"条屏","width":4096,"height":4097})") == "height");
    CHECK(rejectedField<ScreenRecord>(R"({"name":"条屏","width":64,"height":16,"color":"blue"})") == "color");
    CHECK(rejectedMessage<ScreenRecord>(R"({"name":"条屏","width":64,"height":16,"color":"blue"})") ==
          "色彩“blue”无效，可选：mono、red-green、rgb");

    // The options gongshi reads itself are checked when the screen is saved, not when it is driven
    // (a card address "abc" was once driven as address 0, a brightness step at 24:30 kept).
    const std::string screen = R"({"name":"条屏","width":64,"height":16,"options":)";
    CHECK(rejectedField<ScreenRecord>(screen + R"({"card_address":"abc"}})") == "options.card_address");
    CHECK(rejectedMessage<ScreenRecord>(screen + R"({"card_address":"abc"}})") == "控制卡地址“abc”应为0到65535之间的整数");
    CHECK(rejectedField<ScreenRecord>(screen + R"({"card_address":"65536"}})") == "options.card_address");
    CHECK(rejectedField<ScreenRecord>(screen + R"({"brightness":"16"}})") == "options.brightness");
    CHECK(rejectedField<ScreenRecord>(screen + R"({"brightness_schedule":"07:00=15,24:30=5"}})") == "options.brightness_schedule");
    CHECK(rejectedMessage<ScreenRecord>(screen + R"({"brightness_schedule":"07:00=15,24:30=5"}})") ==
          "分时亮度“24:30”不是有效时间，应写作“08:30”");
    CHECK(rejectedMessage<ScreenRecord>(screen + R"({"brightness_schedule":"07:00"}})") ==
          "分时亮度“07:00”应写作“时间=亮度”，如“07:00=15”");
    CHECK(rejectedField<ScreenRecord>(screen + R"({"on_off":"07:30-24:30"}})") == "options.on_off");
    CHECK(rejectedField<ScreenRecord>(screen + R"({"fps":"0"}})") == "options.fps");
    CHECK(rejectedField<ScreenRecord>(screen + R"({"tags":"串口,"}})") == "options.tags");
    CHECK(rejectedMessage<ScreenRecord>(screen + R"({"tags":"串口,"}})") ==
          "标签“串口,”中有空的名称：名称之间用一个英文逗号隔开，如“串口,大厅”");
    CHECK(rejectedMessage<ScreenRecord>(screen + R"({"tags":"a;b"}})") == "标签“a;b”不能含有“=”或“;”");
    CHECK(rejectedMessage<ScreenRecord>(screen + R"({"tags":"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三"}})") ==
          "标签“一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三”太长：最多32个字");
    CHECK(rejectedField<ScreenRecord>(screen + R"({"card_address":"2","brightness":"15","fps":"60",)"
                                               R"("brightness_schedule":"07:00=15,19:00=6","on_off":"07:30-24:00",)"
                                               R"("device":"6E1","tags":" 串口 ,大厅"}})") == "<no error>");

    CHECK(rejectedField<Program>(R"({"areas":[{},{"effect":"spin"}]})") == "areas[1].effect");
    CHECK(rejectedField<Program>(R"({"areas":[{"items":[{"kind":"matter","record_id":"4"}]}]})") == "areas[0].items[0].record_id");
    CHECK(rejectedField<Program>(R"({"schedule":{"weekdays":[1,8]}})") == "schedule.weekdays[1]");
    CHECK(rejectedField<Program>(R"({"schedule":{"times":[{"start":"25:00","end":"26:00"}]}})") == "schedule.times[0].start");
    CHECK(rejectedField<Program>(R"({"schedule":{"times":[{"start":"8:00","end":"12:00"}]}})") == "schedule.times[0].start");
    CHECK(rejectedField<Program>(R"({"schedule":{"times":[{"start":"08:00","end":"12:60"}]}})") == "schedule.times[0].end");
    CHECK(rejectedField<Program>(R"({"schedule":{"times":[{"start":"09:00","end":"12:00"},)"
                                 R"({"start":"14:00","end":"14:00"}]}})") == "schedule.times[1].end");
    CHECK(rejectedMessage<Program>(R"({"schedule":{"times":[{"start":"08:00","end":"12:60"}]}})") ==
          "播放时间.时段[0].结束“12:60”不是有效时间，应写作“08:30”（一天结束写“24:00”）");
    CHECK(rejectedField<Program>(R"({"schedule":{"times":[{"start":"18:00","end":"24:00"}]}})") == "<no error>");
}

TEST_CASE("bad JSON text, text that is not UTF-8 and a top level that is not an object are refused without a field") {
    auto refusal = [](const std::string& text) {
        try {
            readJsonObject(text, "请求内容");
        } catch (const ValidationError& e) {
            CHECK(e.field() == "");
            return std::string(e.what());
        }
        return std::string("<accepted>");
    };
    const std::string bad = refusal(R"({"name": "x",)");
    CHECK(bad.rfind("请求内容不是有效的 JSON（", 0) == 0);
    CHECK(bad.size() > std::string("请求内容不是有效的 JSON（）").size());
    // The parser's fault is told in Chinese; its English never reaches a person.
    CHECK(refusal("{not json") == "请求内容不是有效的 JSON（此处应为“u”，而不是“o”）");
    CHECK(refusal("\"text\"") == "请求内容不是有效的 JSON（最外层应为对象（{…}）或数组（[…]））");
    CHECK(refusal("a=b") == "请求内容不是有效的 JSON（出现了不该出现的字符“a”）");
    CHECK(refusal(R"([{"name":"x"}])") == "请求内容应为一个 JSON 对象（{…}）");
    CHECK(refusal("[]") == "请求内容应为一个 JSON 对象（{…}）");
    CHECK(refusal("{\"name\": \"中\xFF\"}") == "请求内容不是有效的 UTF-8 文字：字节偏移13处有误");
    CHECK(readJsonObject(R"({"a":1})", "请求内容")->getValue<int>("a") == 1);
    // A list of objects: each element checked, named by its place.
    CHECK(readJsonObjects(R"([{"a":1},{"a":2}])", "staff.json").size() == 2);
    try {
        readJsonObjects(R"([{"a":1}, 3])", "staff.json");
        FAIL("a number among the objects was accepted");
    } catch (const ValidationError& e) {
        CHECK(std::string(e.what()) == "staff.json的第2项应为一个 JSON 对象（{…}）");
    }
}

TEST_CASE("enum names read back as the values they name") {
    const CentreKind kinds[] = {CentreKind::TownshipCentre, CentreKind::MergedTownshipStation, CentreKind::VillageRoom,
                                CentreKind::StreetCentre,   CentreKind::MergedStreetStation,   CentreKind::CommunityRoom};
    const char* kindNames[] = {"township-centre", "merged-township-station", "village-room",
                               "street-centre",   "merged-street-station",   "community-room"};
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(centreKindName(kinds[i]) == kindNames[i]);
        CHECK(parseCentreKind(kindNames[i]) == kinds[i]);
    }

    const WindowStatus statuses[] = {WindowStatus::Serving, WindowStatus::Paused, WindowStatus::Away};
    const char* statusNames[] = {"serving", "paused", "away"};
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(windowStatusName(statuses[i]) == statusNames[i]);
        CHECK(parseWindowStatus(statusNames[i]) == statuses[i]);
    }

    const MaterialForm forms[] = {MaterialForm::Original, MaterialForm::Copy, MaterialForm::OriginalAndCopy, MaterialForm::Electronic};
    const char* formNames[] = {"original", "copy", "original-and-copy", "electronic"};
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(materialFormName(forms[i]) == formNames[i]);
        CHECK(parseMaterialForm(formNames[i]) == forms[i]);
    }

    const NoticeCategory categories[] = {NoticeCategory::Employment,
                                         NoticeCategory::SocialInsurance,
                                         NoticeCategory::SocialAssistance,
                                         NoticeCategory::FamilyPlanning,
                                         NoticeCategory::FarmlandApproval,
                                         NoticeCategory::SocialWelfare,
                                         NoticeCategory::AgriculturalSubsidies,
                                         NoticeCategory::HouseholdRegistration,
                                         NoticeCategory::Other};
    const char* categoryNames[] = {"employment",
                                   "social-insurance",
                                   "social-assistance",
                                   "family-planning",
                                   "farmland-approval",
                                   "social-welfare",
                                   "agricultural-subsidies",
                                   "household-registration",
                                   "other"};
    for (std::size_t i = 0; i < 9; ++i) {
        CHECK(noticeCategoryName(categories[i]) == categoryNames[i]);
        CHECK(parseNoticeCategory(categoryNames[i]) == categories[i]);
    }
}

TEST_CASE("an unknown enum name names its field and lists the accepted names") {
    const auto failure = [](const std::function<void()>& f) -> std::pair<std::string, std::string> {
        try {
            f();
        } catch (const ValidationError& e) {
            return {e.field(), e.what()};
        }
        return {"<no error>", ""};
    };
    auto [kindField, kindMessage] = failure([] { parseCentreKind("Township-Centre"); });
    CHECK(kindField == "kind");
    CHECK(kindMessage == "类型“Township-Centre”无效，可选：township-centre、merged-township-station、"
                         "village-room、street-centre、merged-street-station、community-room");
    auto [statusField, statusMessage] = failure([] { parseWindowStatus(""); });
    CHECK(statusField == "status");
    CHECK(statusMessage == "状态“”无效，可选：serving、paused、away");
    auto [formField, formMessage] = failure([] { parseMaterialForm("原件"); });
    CHECK(formField == "form");
    CHECK(formMessage.find("original-and-copy") != std::string::npos);
    auto [categoryField, categoryMessage] = failure([] { parseNoticeCategory("就业"); });
    CHECK(categoryField == "category");
    CHECK(categoryMessage.find("household-registration") != std::string::npos);
}

TEST_CASE("notice categories have Chinese names, and the short forms read too") {
    CHECK(noticeCategoryChinese(NoticeCategory::Employment) == "就业");
    CHECK(noticeCategoryChinese(NoticeCategory::SocialInsurance) == "社会保险");
    CHECK(noticeCategoryChinese(NoticeCategory::SocialAssistance) == "社会救助");
    CHECK(noticeCategoryChinese(NoticeCategory::FamilyPlanning) == "计划生育");
    CHECK(noticeCategoryChinese(NoticeCategory::FarmlandApproval) == "农村宅基地和耕地审批");
    CHECK(noticeCategoryChinese(NoticeCategory::SocialWelfare) == "社会福利");
    CHECK(noticeCategoryChinese(NoticeCategory::AgriculturalSubsidies) == "农业补贴");
    CHECK(noticeCategoryChinese(NoticeCategory::HouseholdRegistration) == "户籍管理");
    CHECK(noticeCategoryChinese(NoticeCategory::Other) == "其他");

    for (auto c : {NoticeCategory::Employment, NoticeCategory::SocialInsurance, NoticeCategory::SocialAssistance,
                   NoticeCategory::FamilyPlanning, NoticeCategory::FarmlandApproval, NoticeCategory::SocialWelfare,
                   NoticeCategory::AgriculturalSubsidies, NoticeCategory::HouseholdRegistration, NoticeCategory::Other})
        CHECK(noticeCategoryFromChinese(noticeCategoryChinese(c)) == c);

    CHECK(noticeCategoryFromChinese("耕地审批") == NoticeCategory::FarmlandApproval);
    CHECK(noticeCategoryFromChinese("宅基地审批") == NoticeCategory::FarmlandApproval);
    CHECK(noticeCategoryFromChinese("户籍") == NoticeCategory::HouseholdRegistration);
    CHECK_FALSE(noticeCategoryFromChinese("employment").has_value());
    CHECK_FALSE(noticeCategoryFromChinese("社保").has_value());
    CHECK_FALSE(noticeCategoryFromChinese("").has_value());
}

// As written before the field tables, key for key: stored records and API clients read these.
TEST_CASE("the JSON written keeps its keys, their order and its values as stored before") {
    CHECK(
        jsonText(toJson(fullProgram())) ==
        R"({"id":7,"version":7,"created_at":"2024-03-01T08:00:00Z","changed_at":"2024-03-02T09:30:00Z","changed_by":"张伟","screen_id":6,"name":"工作日节目","areas":[{"x":8,"y":4,"width":248,"height":28,"items":[{"kind":"matter","record_id":4,"text":""},{"kind":"fee-table","record_id":0,"text":"欢迎来到青石镇便民服务中心"}],"effect":"left","speed":3,"dwell_seconds":12},{"x":0,"y":0,"width":0,"height":0,"items":[],"effect":"up","speed":1,"dwell_seconds":5}],"schedule":{"from":"2024-01-01","until":"2024-12-31","weekdays":[1,2,3,4,5],"times":[{"start":"08:30","end":"12:00"},{"start":"14:00","end":"24:00"}],"working_days_only":true,"priority":-2}})");
    CHECK(
        jsonText(toJson(fullMatter())) ==
        R"({"id":4,"version":7,"created_at":"2024-03-01T08:00:00Z","changed_at":"2024-03-02T09:30:00Z","changed_by":"张伟","centre_id":1,"code":"510000-001","name":"城乡居民基本养老保险参保登记","department":"镇社会保障服务中心","category":"社会保险","legal_basis":"《国务院关于建立统一的城乡居民基本养老保险制度的意见》","materials":[{"name":"居民身份证","form":"original-and-copy","copies":2,"required":true,"notes":"核原件，留复印件","sample_file":"samples/id.png"},{"name":"户口簿","form":"electronic","copies":0,"required":false,"notes":"户籍不在本镇时提供","sample_file":""}],"statutory_days":20,"promised_days":5,"fee":"charged","fees":[{"name":"工本费","amount":"10","unit":"元/件"},{"name":"加急费","amount":"12.50","unit":"元"}],"fee_basis":"川发改价格〔2020〕1号","windows":["1","A3"],"phone":"0838-7654321","group":"新生儿出生一件事"})");
    CHECK(
        jsonText(toJson(fullWindow())) ==
        R"({"id":2,"version":7,"created_at":"2024-03-01T08:00:00Z","changed_at":"2024-03-02T09:30:00Z","changed_by":"张伟","centre_id":1,"number":"A3","business":"社保医保","post_a":11,"post_b":12,"status":"away","away":{"where":"村委会","why":"入户核查","back_at":"14:30","phone":"13800000000"}})");
    CHECK(
        jsonText(toJson(fullScreen())) ==
        R"({"id":6,"version":7,"created_at":"2024-03-01T08:00:00Z","changed_at":"2024-03-02T09:30:00Z","changed_by":"张伟","centre_id":1,"name":"大厅条屏","location":"大厅入口上方","width":256,"height":32,"color":"red-green","font_profile":"song24","protocol":"bx-6","address":"tcp://192.168.1.20:5005","options":{"baud":"9600","card":"BX-6Q2","名称":"主屏"}})");
    // What nobody has said yet is written as null, not left out.
    CHECK(jsonText(toJson(Matter{})).find(R"("materials":[],"statutory_days":null,"promised_days":null,"fee":null,"fees":[])") !=
          std::string::npos);
}
