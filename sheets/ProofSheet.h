#pragma once
// 公示记录 on paper, for the file: the notice (title, category, period, centre), per screen the
// hours shown and the gaps with their reasons, and when the record was made.
#include "records/NoticeProof.h"
#include "sheets/Sheets.h"

#include <string>

namespace gongshi::content {

// On A4; `generatedAt` as it is printed ("2026-03-05 10:20").
ComposedSheet composeProofSheet(const NoticeProof& proof, renderer::PrintTypesetter& typesetter, const std::string& generatedAt);

} // namespace gongshi::content
