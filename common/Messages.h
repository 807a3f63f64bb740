#pragma once
// What gongshi says to a person when a request, a command or a file cannot be taken: one catalogue,
// in Chinese, naming fields by their Chinese labels (the API's `field` keeps the key). Record fields
// are worded by their record's field table (records/RecordShape), check findings by the checks
// (rules/Checks); everything else a person reads is here, so the admin page shows what the server
// says and translates nothing.
#include <cstddef>
#include <string>
#include <vector>

namespace gongshi::msg {

// “text”, for a value quoted in a sentence.
std::string quoted(const std::string& text);

// Request bodies and the HTTP layer.
std::string bodyTooLarge(std::size_t limit);
std::string notUtf8(const std::string& what, std::size_t offset);
// `detail` is the JSON parser's own (English) account, told in Chinese.
std::string bodyNotJson(const std::string& what, const std::string& detail);
std::string bodyNotObject(const std::string& what);
std::string bodyElementNotObject(const std::string& what, std::size_t index);
std::string badRequestTarget(const std::string& detail);
std::string httpVersionNotSupported(const std::string& version);
std::string badContentLength(const std::string& given);
std::string badRequestHead(const std::string& detail);
std::string badIdempotencyKey();
std::string idempotencyKeyElsewhere(const std::string& target);
std::string idempotencyKeyBusy();
std::string otherSite(const std::string& origin);
std::string csrfMissing();
// A render without its size: "宽度" or "高度".
std::string renderSizeMissing(const std::string& label);
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
// Approvals: a send-back needs a reason; only the version waiting is sent back.
std::string rejectNeedsComment();
std::string rejectNotWaiting(const std::string& what, long long id, int version, int current);
std::string rejectApproved(const std::string& what, long long id, int version);
std::string saveWithoutVersion();
std::string deleteWithoutVersion();
// `dependents` counts what belongs to the record: "6个窗口、29个事项".
std::string stillReferenced(const std::string& what, long long id, const std::string& dependents);
// A delete refused while users or windows' posts point at the record: "窗口 3仍被窗口人员账号“w3”、A岗工作人员“张三”引用，…".
std::string stillPointedTo(const std::string& what, long long id, const std::string& pointers);
std::string windowUserAccount(const std::string& username);
std::string staffAtPost(const std::string& post, const std::string& staffName);
std::string postAtWindow(const std::string& windowNumber, const std::string& post);

// Users.
std::string userNameRule(const std::string& given);
std::string roleRule(const std::string& given);
std::string windowUserNeedsWindow();
std::string passwordTooShort(std::size_t least);
std::string noSuchWindow(long long id);
std::string noSuchCentre(long long id);
std::string onlyCountyAddsCentres();
std::string onlyCountyUsers();
std::string onlyOwnWindow();
std::string noSuchUser(const std::string& username);
std::string userExists(const std::string& username);
std::string wrongOldPassword();
std::string samePassword();
std::string resetOwnPassword();

// Screens and their live views.
std::string notDrivingScreens();
// A login refused for a while after failures; the wait in seconds (shown in minutes from one).
std::string loginLocked(int seconds);
std::string userUnlocked(const std::string& username, int addresses);
std::string tooManyConnections(int limit);
std::string tooManyWebPlayers(int limit);
std::string tooManyLiveViews(int limit);
std::string webSocketExpected(const std::string& detail);
std::string screenNotDriven(const std::string& id);
// What a screen's health says went wrong (the transport's or device's own words go beside, for
// engineers).
std::string screenUnreachable(const std::string& address);
std::string screenLinkLost();
std::string screenNoReply();
// `code` is the device's name for its refusal ("out-of-memory"), empty when it gave none.
std::string screenRefused(const std::string& code);
std::string screenCannotShow();
std::string screenSettingsWrong();
// `text` when it is worded in Chinese already, else `fallback`.
std::string chineseOr(const std::string& text, const std::string& fallback);
std::string notWebPlayer(const std::string& id);

// Enum names read from text (the API's English names): `label` is the field's Chinese label.
std::string notOneOf(const std::string& label, const std::string& given, const std::string& choices);

// CSV files staff import. Rows are numbered as Excel numbers them (the header is row 1); `column`
// is the column's Chinese header.
std::string csvBomButNotUtf8(const std::string& byte, std::size_t offset);
std::string csvUtf16();
std::string csvNeitherUtf8NorGbk(const std::string& utf8Byte, std::size_t utf8Offset, const std::string& gbkByte, std::size_t gbkOffset);
std::string csvAt(std::size_t row, std::size_t column, const std::string& letters);
std::string csvQuoteNotClosed(const std::string& at);
std::string csvTextAfterQuote(const std::string& at);
std::string csvColumnTwice(const std::string& column, const std::string& first, const std::string& firstAs, const std::string& second,
                           const std::string& secondAs);
std::string csvColumnMissing(const std::string& column);
std::string csvColumnIgnored(const std::string& header, const std::string& letters);
std::string csvEmpty(const std::string& firstColumn);
std::string csvCell(std::size_t row, const std::string& column, const std::string& detail);
std::string csvCellEmpty(std::size_t row, const std::string& column);
std::string csvSameName(std::size_t row, const std::string& column, const std::string& name, std::size_t firstRow);
std::string csvMatterExists(const std::string& name, long long centre, long long id);
std::string csvMattersExist(std::size_t count, long long centre, const std::string& someNames);
std::string csvDateOrder(std::size_t row, const std::string& until, const std::string& untilText, const std::string& from,
                         const std::string& fromText);
// A cell alone (the row and column travel beside it: the import's row report).
std::string sheetCellEmpty();
std::string sheetDateOrder(const std::string& untilText, const std::string& from, const std::string& fromText);
// The import's row report: a row naming the same record as an earlier row; a row matching
// several stored records; the report's words for each action; a line and the summary.
std::string sheetSameRecordTwice(const std::string& what, std::size_t firstRow);
std::string sheetSeveralStored(const std::string& what, const std::string& ids);
std::string sheetActionName(const std::string& action); // new, update, unchanged, error -> 新增...
std::string sheetRowLine(std::size_t row, const std::string& action, long long id);
std::string sheetRowError(std::size_t row, const std::string& column, const std::string& message);
std::string sheetSummary(std::size_t added, std::size_t updated, std::size_t unchanged, std::size_t errors);
std::string sheetRowsHaveErrors(std::size_t errors);
std::string sheetNotCsvOrXlsx(const std::string& contentType);
std::string sheetUnknownExport(const std::string& file);
std::string sheetUnknownKind(const std::string& kind);
std::string sheetCentreMissing();
std::string importFileHasErrors(const std::string& file, const std::string& summary, std::size_t errors);
std::string importReported(const std::string& kind, long long centre, const std::string& centreName, const std::string& summary,
                           bool dryRun);
// Excel workbooks (.xlsx).
std::string xlsxNotWorkbook(const std::string& part);
std::string xlsxPartMissing(const std::string& part);
std::string xlsxBadPart(const std::string& part);
std::string xlsxTooLarge(const std::string& part, std::size_t megabytes);
std::string xlsxTooManyRows(std::size_t rows);
std::string xlsxBadReference(const std::string& reference);
std::string xlsxBadSharedString(const std::string& index);
std::string xlsxCannotWrite(const std::string& path, const std::string& why);
std::string xlsxCellNotWritten(std::size_t row, const std::string& letters, const std::string& why);
// What a cell is not: "“abc”不是工作日数（…）".
std::string cellNot(const std::string& cell, const std::string& what);
std::string materialWithoutName(const std::string& cell);
std::string materialWithoutCopies(const std::string& cell);
std::string notFeeStandard(const std::string& cell);
std::string feeDecimals(const std::string& cell);
std::string feeNotInYuan(const std::string& cell);
std::string feeFreeAndCharged(const std::string& cell);
std::string notWorkingDays(const std::string& cell);
std::string notNoticeCategory(const std::string& cell, const std::string& choices);
std::string notYesNo(const std::string& cell);
std::string notDate(const std::string& cell);

// Stored files (staff photos, attachments).
std::string fileKindNotKept(const std::string& given, const std::string& kinds);
std::string fileEmpty();
std::string fileTooLarge(std::size_t size, std::size_t limit);
std::string notStoredFile(const std::string& path);
std::string storedFileMissing(const std::string& path);
std::string noPhoto(const std::string& staffName);
std::string photoNotPicture();
std::string photoDamaged();
std::string photoTooLarge(int width, int height, long long maxPixels);
std::string onlyOwnWindowStaff();
std::string onlyAdminSetsApproval();
std::string cannotWrite(const std::string& path);
// Uploaded pictures (program items of kind 图片): field "file" of POST /api/pictures.
std::string pictureNotImage();
std::string pictureDamaged();
std::string pictureTooLarge(std::size_t size, std::size_t limit);
std::string picturePixels(int width, int height, long long maxPixels);
std::string pictureNameTooLong(std::size_t chars, std::size_t limit);
std::string noPicture(long long id);
std::string pictureInUse(const std::string& name, long long id, const std::string& programs);
std::string pictureTooSmallArea(const std::string& name, int width, int height);
std::string pictureNotShown(const std::string& name, const std::string& why);

// Centres: place names (Attachment 1) and grade (Attachment 2). `what` names the place ("乡镇").
std::string placeNameEmpty(const std::string& what);
std::string placeNameEnding(const std::string& what, const std::string& given, const std::string& endings, const std::string& example);
std::string stationNameEmpty();
std::string unknownCentreKind(int value);
std::string gradeRule(int given);

// Composing what a screen shows. `area` is "区域2"; `item` is "事项3".
std::string screenHasNoSize(long long id, int width, int height);
std::string areaTooLowForFonts(int height);
std::string windowCompositionNeedsId(const std::string& given);
std::string noWindowInCentre(const std::string& id, long long centre);
std::string unknownComposition(const std::string& given, const std::string& choices);
std::string fontLacks(const std::string& font, const std::string& codePoint, const std::string& character);
std::string wordCut(const std::string& line);
std::string centreHasNoName();
std::string notShown(const std::string& what, const std::string& why);
std::string outsidePublication(const std::string& item, const std::string& day);
std::string emptyTextItem();
std::string itemGone(const std::string& item);
// An area (at x, y, w x h) holds more than `maxPages` pages: `left` segments were cut or left out.
std::string areaPagesCapped(int x, int y, int width, int height, std::size_t maxPages, std::size_t left);
std::string areaHasNoSize(const std::string& area);
std::string areaReachesOutside(const std::string& area, int width, int height);

// Print.
std::string noSuchPrintFile(const std::string& file);
std::string noCentreToPrint();
// `page` counts from 0, as the API and the code do; the message counts from 1.
std::string noSuchPage(int page, std::size_t pages);
std::string centreNameNotStandard(const std::string& name, const std::string& standard);
std::string unknownSheet(const std::string& given, const std::string& choices);
std::string unknownPaper(const std::string& given);
std::string paperSideRange(const std::string& paper);
std::string sheetNeedsMatter(const std::string& sheet);
std::string sheetNeedsNotice(const std::string& sheet);
// A matter or notice the centre has not published (or has not at all); `what` is "事项" or "公告".
std::string notPublishedInCentre(const std::string& what, long long id, long long centre);
std::string paperTooSmallForMargins(long widthMm, long heightMm);
std::string paperTooSmallForText(double points);
std::string paperTooSmallForTableRow();
std::string paperTooSmallForPostCard();
std::string centreHasNoNameForSign();
std::string printOutputKind(const std::string& path);
std::string dpiTooLow();
std::string dpiTooLarge(int dpi, int width, int height);
// A picture a request asks the server to draw with more pixels than it draws for one request:
// `cause` names the field and its value ("放大倍数（scale）为16"), `advice` what to ask instead.
std::string pictureTooLarge(const std::string& cause, long long width, long long height, long long maxPixels, const std::string& advice);
std::string sheetHasNoPages();
std::string dpiOnlyForPng();

// The command line staff use (import, export, user, check, print): options, the data directory,
// files, and what a command did.
std::string cliOptionTakesNoValue(const std::string& option);
std::string cliOptionNeedsValue(const std::string& option);
std::string cliUnknownOption(const std::string& option);
std::string cliNotWholeNumber(const std::string& option, const std::string& given);
std::string cliOutOfRange(const std::string& option, long long min, long long max, const std::string& given);
std::string cliNotRecordId(const std::string& option, const std::string& given);
std::string cliNotDate(const std::string& option, const std::string& given);
std::string cliNoArguments(const std::string& command, const std::string& given);
std::string cliRequired(const std::string& option, const std::string& what);
std::string cliOnlyFor(const std::string& option, const std::string& what);
std::string cliUsage(const std::string& usage);
std::string cliEitherOr(const std::string& one, const std::string& other);
std::string cliNeeds(const std::string& option, const std::string& others);
std::string composeWhat();
std::string programOfOtherScreen(long long program, long long itsScreen, long long screen);
std::string cannotReadFile(const std::string& path, const std::string& detail);
std::string cannotWriteFile(const std::string& path, const std::string& detail);
std::string noDatabaseIn(const std::string& dir);
std::string noCentreIn(const std::string& dir);
std::string noSuchCentreIn(long long id, const std::string& dir);
std::string severalCentresIn(const std::string& dir, std::size_t count, const std::string& list);
std::string cannotCreateDataDir(const std::string& dir, const std::string& detail);
std::string cannotOpenDatabase(const std::string& path, const std::string& detail);
// A --database (or `database` setting) that is not a usable postgresql:// address; `what` says why.
std::string databaseUrlInvalid(const std::string& url, const std::string& what);
// gongshi migrate-to: the target already holds records (table, rows); the schemas differ.
std::string migrateTargetNotEmpty(const std::string& target, const std::string& table, long long rows);
std::string migrateSchemaDiffers(int from, int to);
std::string migrateRowRefused(const std::string& table, std::size_t row, const std::string& detail);
std::string migrateDone(const std::string& target, long long rows, std::size_t tables);
// --drive (delivery/DriveLimit): `part` is neither centre=ID[,ID] nor tag=NAME[,NAME]; a key given
// twice; a centre that is not an id.
std::string driveOptionInvalid(const std::string& given, const std::string& part);
std::string driveKeyRepeated(const std::string& given, const std::string& key);
std::string driveCentreInvalid(const std::string& given, const std::string& id);
// --instance longer than a server's name may be.
std::string instanceNameInvalid(const std::string& given);
std::string databaseBusy(const std::string& path, int seconds, std::size_t connections);
std::string cliWarning(const std::string& command, const std::string& text);
// "事项" / "公告" by the import's kind ("matters", "notices").
std::string importKindName(const std::string& kind);
std::string importUnknownKind(const std::string& given);
std::string importOneFile(const std::string& command, const std::string& kind);
std::string importDemoNoFile();
std::string demoNeedsEmptyDataDir(long long centre, const std::string& name);
std::string importDemoNoCentre();
std::string importNothing(const std::string& file, const std::string& why);
std::string imported(std::size_t count, const std::string& kind, long long centre, const std::string& centreName);
std::string exported(std::size_t count, const std::string& kind, long long centre, const std::string& centreName, const std::string& path);
std::string importedDemo(long long centre, const std::string& name, std::size_t windows, std::size_t staff, std::size_t matters,
                         std::size_t notices, std::size_t screens, std::size_t programs);
std::string passwordOnStdin();
std::string userAdded(const std::string& name, const std::string& role);
std::string userRemoved(const std::string& name);
std::string dataDirInUse(const std::string& dir, const std::string& pid);
std::string cannotListen(const std::string& host, int port, const std::string& detail);
// HTTPS: the certificate or key does not load, or only one of the two is given.
std::string cannotUseCertificate(const std::string& cert, const std::string& key, const std::string& detail);
std::string certificateNeedsKey();
std::string passwordChanged(const std::string& name);
std::string unknownUserCommand(const std::string& given, const std::string& usage);
std::string checkSummary(std::size_t errors, std::size_t warnings);

// Backups.
std::string noBackupYet();
std::string metricsLoopbackOnly();
std::string unknownTimeZone(const std::string& zone);
std::string backupFailed(const std::string& detail);
// `entry` empty: the archive as a whole.
std::string backupDamaged(const std::string& archive, const std::string& entry, const std::string& what);
std::string backupFromNewer(const std::string& archive, int schema, int newest);
std::string restoreReplacesCentre(const std::string& idAndName);
std::string restoreReplacesCounts(int matters, int notices, int users);
std::string restoreReplacesFiles(std::size_t files);
std::string restoreWouldReplace(const std::string& dir, const std::vector<std::string>& what);
std::string backupDone(const std::string& file, std::size_t bytes, std::size_t entries, double seconds);
std::string restoreDone(const std::string& dir, const std::string& createdAt, std::size_t entries, const std::string& replacedTo);
// "--township：<what is wrong>": a refusal of the value of a command's option.
std::string cliField(const std::string& option, const std::string& what);
std::string centreKindChoices();
std::string initHasCentre(const std::string& dir, long long centre, const std::string& name);
std::string initDone(const std::string& dir, long long centre, const std::string& admin);
// The admin page's first run: already done, or asked from another machine.
std::string firstRunDone(long long centre, const std::string& name);
std::string firstRunNotLocal();
std::string firstRunClosed();

// Alerts (a screen offline, a program write refused, a full disk) and their channels.
std::string diskFull();
// `centre` heads every alert: "【青石镇便民服务中心】".
std::string alertScreen(const std::string& centre, const std::string& screen, long long id);
std::string alertOffline(const std::string& screenPart, const std::string& duration, const std::string& since);
std::string alertBackOnline(const std::string& screenPart, const std::string& duration);
std::string alertProgramFailed(const std::string& screenPart, const std::string& reason);
std::string alertDiskFull(const std::string& centre);
std::string alertTest(const std::string& centre);
// "12分钟", "45秒", "2小时5分钟".
std::string duration(long long seconds);
std::string alertConnectionRefused(const std::string& where);
std::string alertTimeout(const std::string& where, int seconds);
std::string alertHostNotFound(const std::string& host);
std::string alertNetwork(const std::string& where, const std::string& detail);
std::string alertHttpStatus(int status, const std::string& reason);
std::string alertRobotRefused(const std::string& code, const std::string& message);
std::string alertSmtpRefused(const std::string& reply);
std::string alertTlsFailed(const std::string& detail);
std::string alertChannelOff(const std::string& channel);
std::string alertWebhookUrl(const std::string& given);
std::string alertMailAddress(const std::string& label, const std::string& given);

// A program checked on save. `area` is "区域[1]", `item` "区域[1].内容[0]" (the field's place, by label).
std::string areaEmpty(const std::string& area);
std::string areaNoSize(const std::string& area, int width, int height);
std::string areaOffScreen(const std::string& area, int x, int y, int width, int height, int screenWidth, int screenHeight);
std::string areasOverlap(const std::string& area, const std::string& other);
std::string areaSpeedRange(const std::string& area, int given, int slowest);
std::string areaDwellRange(const std::string& area, int given, int longest);
std::string itemNeedsRecord(const std::string& item, const std::string& kind, const std::string& record);
std::string itemRecordMissing(const std::string& item, const std::string& record, long long id);
std::string itemRecordElsewhere(const std::string& item, const std::string& record, long long id);
std::string itemNeedsText(const std::string& item);
// The week view: a `from` that is not a date.
std::string weekFromDate(const std::string& given);
// The holiday calendar (rules/Calendar): dates as "YYYY-MM-DD", weekdays as 星期一..星期日.
std::string weekdayName(unsigned isoWeekday);
std::string calendarWorkdayOnWeekday(const std::string& date, const std::string& weekday);
std::string calendarHolidayOnWeekend(const std::string& date, const std::string& weekday);
std::string calendarDayOutsideYear(const std::string& date, int year);
std::string calendarDayTwice(const std::string& date);
std::string calendarNameTooLong(const std::string& date, std::size_t maxChars);
std::string calendarKind(const std::string& given);
std::string calendarYearMismatch(int inPath, int inBody);
std::string calendarFileEmpty();
std::string calendarImported(std::size_t days, const std::string& years);
// Machines' tokens (Authorization: Bearer) and queue calls (叫号).
std::string tokenForm();
std::string tokenUnknown();
std::string tokenOutOfScope(const std::string& name, const std::string& scope);
std::string callTicketEmpty();
std::string callTicketTooLong(std::size_t chars, std::size_t limit);
std::string callTicketCharacters(const std::string& given);
std::string callSeconds(long long min, long long max, const std::string& given);

// Emergency broadcasts (紧急插播).
std::string broadcastTextEmpty();
std::string broadcastTextTooLong(std::size_t chars, std::size_t limit);
std::string broadcastNoScreens();
std::string broadcastScreensForm();
std::string broadcastNoSuchScreen(long long id);
std::string broadcastScreenOfOtherCentre(long long id, long long centre);
std::string broadcastMinutes(long long min, long long max, const std::string& given);
// `screens` lists the screens and what their fonts lack: "大厅条屏（led16）：“𠮷”".
std::string broadcastFontsLack(const std::string& screens);
std::string broadcastNotFound(long long id);
std::string onlyCountyStopsBroadcast();
std::string broadcastEnded(long long id);

// A screen's address (地址): its transport first, as the address picker builds it.
std::string addressNoTransport(const std::string& given);
std::string addressUnknownTransport(const std::string& transport, const std::string& given);
std::string addressSerialDevice(const std::string& given);
std::string addressSerialBaud(const std::string& given);
std::string addressHostPort(const std::string& given);
std::string addressHost(const std::string& given);
std::string addressNotReadable(const std::string& given);
std::string addressWebOnlyForWeb(const std::string& given);
std::string addressWebNeedsWeb(const std::string& given);
// A phone number: a mainland mobile (11 digits from 13 to 19) or a landline with its area code.
std::string phoneRule(const std::string& label, const std::string& given);

// "测试连接": the card at a screen's address asked its status.
std::string probeAnswered(const std::string& protocol, const std::string& detail, long long millis);
std::string probeNoAnswer(const std::string& address, long long millis);
std::string probeCannotOpen(const std::string& address, const std::string& detail);
std::string probeNotForWeb();
std::string probeNoStatusQuestion(const std::string& protocol);
std::string portsUnavailable(const std::string& detail);
// Clock, countdown and 好差评 QR items of a program.
std::string countdownNeedsDate(const std::string& item, const std::string& given);
std::string clockPatternRefused(const std::string& item, const std::string& why);
std::string reviewQrWithoutAddress(const std::string& item);

} // namespace gongshi::msg
