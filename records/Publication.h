#pragma once
// Publishing with approval: when a centre's publishing_needs_approval is set, screens show, of
// each matter and notice, the version an admin approved (its revision), not a newer save still
// waiting; a record never approved is not shown at all. Without the setting, the current version
// is what shows.
#include "records/CentreRecords.h"
#include "records/Records.h"

#include <map>
#include <set>
#include <optional>
#include <string>
#include <vector>

namespace gongshi::content {

class Database;

struct PendingApproval {
    std::string record; // "matter" or "notice"
    Id id = 0;
    int version = 0;         // the current version, waiting
    int approvedVersion = 0; // 0: never approved
    std::string title;
    std::string changedBy;
    std::string changedAt;
};

// Where a matter or notice of a centre that needs approval stands.
struct ApprovalState {
    std::string state;       // "waiting", "rejected" (sent back) or "approved": of the current version
    std::string comment;     // why it was sent back
    std::string by, at;      // who saved (waiting), sent back (rejected) or approved it, and when
    int approvedVersion = 0; // 0: never approved, so screens show nothing of it
    // The title screens show now when the approved version is not the current one ("" when never
    // approved).
    std::string shownTitle;
};

// One field that differs between the approved version and the waiting one: `field` is the key
// path ("materials[1].copies"), `label` its Chinese name ("申请材料第2项·份数"); nullopt: absent.
struct FieldChange {
    std::string field, label;
    std::optional<std::string> before, after;
};

// Marks `version` of the record as approved. Throws NotFoundError when the record has no such
// revision, ValidationError("record") for a kind other than matter or notice.
void approve(Database& db, const std::string& record, Id id, int version, const std::string& user);
// Sends back the current version of the record with `comment` (not empty). Throws
// ValidationError (comment, record), NotFoundError, ConflictError when `version` is not the one
// waiting or is already approved.
void reject(Database& db, const std::string& record, Id id, int version, const std::string& user, const std::string& comment);
// Where the matters or notices (`record`) of centres that need approval stand, by id; `only`
// narrows to one record. Records of other centres are absent.
std::map<Id, ApprovalState> approvalStates(Database& db, const std::string& record, Id only = 0);
// The same for the records `only` (a page of a list; empty: every record).
std::map<Id, ApprovalState> approvalStates(Database& db, const std::string& record, const std::set<Id>& only);
// What the current version of the record changes against the approved one, field by field in the
// order of the record's fields (every field, when none was approved).
std::vector<FieldChange> approvalChanges(Database& db, const std::string& record, Id id);
// Approves the current version of every matter and notice of the centre, in one transaction: what
// is on the screens the moment a centre starts to need approval is what it approves first.
void approveCurrent(Database& db, Id centreId, const std::string& user);
// The matters and notices of centres that need approval whose current version is neither approved
// nor sent back.
std::vector<PendingApproval> pendingApprovals(Database& db);
// Replaces the matters and notices of `records` by what may be shown (see above).
void applyApprovals(Database& db, ComposeRecords& records);
// The records of centre `centreId` as screens and paper publish them: loadComposeRecords with
// approvals applied.
ComposeRecords loadPublishedRecords(Database& db, Id centreId);
// The same for every centre of `centreIds`, by centre (loadComposeRecords' bulk form).
std::map<Id, ComposeRecords> loadPublishedRecords(Database& db, const std::set<Id>& centreIds);

} // namespace gongshi::content
