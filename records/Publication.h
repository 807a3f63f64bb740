#pragma once
// Publishing with approval: when a centre's publishing_needs_approval is set, screens show, of
// each matter and notice, the version an admin approved (its revision), not a newer save still
// waiting; a record never approved is not shown at all. Without the setting, the current version
// is what shows.
#include "records/CentreRecords.h"
#include "records/Records.h"

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

// Marks `version` of the record as approved. Throws NotFoundError when the record has no such
// revision, ValidationError("record") for a kind other than matter or notice.
void approve(Database& db, const std::string& record, Id id, int version, const std::string& user);
// Approves the current version of every matter and notice of the centre, in one transaction: what
// is on the screens the moment a centre starts to need approval is what it approves first.
void approveCurrent(Database& db, Id centreId, const std::string& user);
// The matters and notices of centres that need approval whose current version is not approved.
std::vector<PendingApproval> pendingApprovals(Database& db);
// Replaces the matters and notices of `records` by what may be shown (see above).
void applyApprovals(Database& db, ComposeRecords& records);
// The records of centre `centreId` as screens and paper publish them: loadComposeRecords with
// approvals applied.
ComposeRecords loadPublishedRecords(Database& db, Id centreId);

} // namespace gongshi::content
