#pragma once
// Programs beyond their field table: the check a save passes, the program editor's lists and a
// screen's week (server/ProgramRoutes.cpp).
#include "records/Records.h"

namespace gongshi::server {

struct ApiContext;

void addProgramRoutes(ApiContext& ctx); // the program editor's lists, a screen's week

// A program as a save takes it: areas with a size, on the screen, apart on a card, speed and dwell
// a card takes, content in every area, items naming records of the screen's centre, text where
// text is shown. A ValidationError naming the field (areas[1].items[0].record_id) otherwise.
void checkProgram(ApiContext& ctx, const content::Program& program);

} // namespace gongshi::server
