#pragma once
// What gongshi says to a person when a request, a command or a file cannot be taken: one catalogue,
// in Chinese, naming fields by their Chinese labels (the API's `field` keeps the key). Record fields
// are worded by their record's field table (records/RecordShape), check findings by the checks
// (rules/Checks); everything else a person reads is here, so the admin page shows what the server
// says and translates nothing.
#include <cstddef>
#include <string>

namespace gongshi::msg {

// “text”, for a value quoted in a sentence.
std::string quoted(const std::string& text);

// Request bodies and the HTTP layer.
std::string bodyTooLarge(std::size_t limit);
std::string notUtf8(const std::string& what, std::size_t offset);
std::string bodyNotJson(const std::string& what, const std::string& detail);
std::string bodyNotObject(const std::string& what);
std::string bodyElementNotObject(const std::string& what, std::size_t index);
std::string badRequestTarget(const std::string& detail);
std::string otherSite(const std::string& origin);
std::string csrfMissing();
std::string methodNotAllowed(const std::string& method, const std::string& path);
std::string noSuchApiPath(const std::string& path);
std::string pagesAreReadOnly();
std::string noSuchPage(const std::string& path);
std::string adminPageMissing(const std::string& dir);

// A field of a request that is not a record: the key's label and what it should be.
std::string fieldOneOf(const std::string& label, const std::string& choices, const std::string& given);

// Records: `what` is the record type's Chinese name ("事项").
std::string recordNotFound(const std::string& what, long long id);
std::string noRevision(const std::string& what, long long id, int version);
std::string changedSince(const std::string& what, long long id, const std::string& by, const std::string& at, int now, int base);
std::string deletedSince(const std::string& what, long long id, int last, int base);
std::string notApprovable(const std::string& record);

// Users.
std::string userNameRule(const std::string& given);
std::string roleRule(const std::string& given);
std::string windowUserNeedsWindow();
std::string passwordTooShort(std::size_t least);
std::string noSuchWindow(long long id);
std::string noSuchUser(const std::string& username);
std::string userExists(const std::string& username);

// Screens and their live views.
std::string notDrivingScreens();
std::string tooManyLiveViews(int limit);
std::string webSocketExpected(const std::string& detail);
std::string screenNotDriven(const std::string& id);
std::string notWebPlayer(const std::string& id);

// Print.
std::string noSuchPrintFile(const std::string& file);
std::string noCentreToPrint();
std::string noSuchPage(int page, std::size_t pages);

} // namespace gongshi::msg
