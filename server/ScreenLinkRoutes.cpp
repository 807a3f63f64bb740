// What the screen form's transport picker needs: the serial ports this machine has (as `gongshi
// ports` lists them) with the baud rates cards are set to, and "测试连接": the card at the typed,
// unsaved address asked its status through the protocol's read-only question, within a bounded time.
#include "common/Error.h"
#include "common/Messages.h"
#include "protocols/transport/PortInfo.h"
#include "records/RecordShape.h"
#include "server/ApiContext.h"
#include "server/HttpError.h"
#include "server/ScreenLinks.h"

#include <Poco/JSON/Array.h>

namespace gongshi::server {

void addScreenLinkRoutes(ApiContext& ctx) {
    Router& r = ctx.router;
    r.add("GET", "/api/ports", Access::Editor, "The serial ports of this machine and the baud rates cards are set to", [](Exchange& ex) {
        namespace transport = protocols::transport;
        std::vector<transport::PortInfo> ports;
        try {
            ports = transport::listSerialPorts();
        } catch (const Error& e) {
            throw HttpError(503, msg::portsUnavailable(e.what()));
        }
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& p : ports) {
            Poco::JSON::Object::Ptr o = content::newJsonObject();
            o->set("name", p.name);
            o->set("description", p.description);
            o->set("kind", std::string(transport::portKindName(p.kind)));
            o->set("usb_id", p.usbId());
            items->add(o);
        }
        Poco::JSON::Array::Ptr bauds = new Poco::JSON::Array;
        for (int b : {9600, 19200, 38400, 57600, 115200}) bauds->add(b);
        Poco::JSON::Object::Ptr o = content::newJsonObject();
        o->set("items", items);
        o->set("bauds", bauds);
        ex.reply(o);
    });
    r.add("POST", "/api/screens/test-link", Access::Editor,
          "Ask the card at a typed address its status: {protocol, address, options?, timeout_ms? (100-5000, default 2000)} -> "
          "{answered, message, millis}",
          [](Exchange& ex) {
              const auto body = ex.jsonBody();
              const content::JsonIn in(*body);
              content::ScreenRecord screen;
              screen.protocol = in.text("protocol", "协议");
              screen.address = in.text("address", "地址");
              if (body->has("options") && !body->get("options").isEmpty()) {
                  const auto options = content::objectValue(body->get("options"), {"options", "选项"});
                  for (const auto& [k, v] : *options) screen.options[k] = v.toString();
              }
              int timeout = 2000;
              if (auto t = in.get("timeout_ms")) timeout = static_cast<int>(content::wholeValue(*t, {"timeout_ms", "等待时间"}, 100, 5000));
              const LinkTest answer = testScreenLink(screen, std::chrono::milliseconds(timeout));
              Poco::JSON::Object::Ptr o = content::newJsonObject();
              o->set("answered", answer.answered);
              o->set("message", answer.message);
              o->set("millis", answer.millis);
              ex.reply(o);
          })
        .leavesScreens();
}

} // namespace gongshi::server
