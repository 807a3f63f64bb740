#pragma once
// The province's standard for a centre's name (Attachment 1, 便民服务中心名称规范) and for the
// least hall area of a centre (Attachment 2, 便民服务中心大厅面积标准参考表).
#include "records/Records.h"

#include <optional>
#include <string>

namespace gongshi::content {

// The name Attachment 1 gives a centre of this kind, built from its place names:
//   township centre          {township}人民政府便民服务中心           township ends in 乡 or 镇
//   merged township station  {township}人民政府{station}便民服务站
//   village room             {village}便民服务室                     village ends in 村
//   street centre            {county}人民政府{street}便民服务中心      county ends in 县, 市 or 区;
//   merged street station    {county}人民政府{street}{station}便民服务站   street ends in 街道
//   community room           {village}便民服务室                     village ends in 社区
// Throws ValidationError naming the field ("township", "county", ...) when a place name the kind
// needs is empty or lacks its ending (the standard's "XX乡（镇）" is the whole place name).
std::string standardCentreName(const Centre& c);

// Attachment 2 covers 便民服务中心 only (township and street centres), not stations or rooms.
bool hallAreaStandardApplies(CentreKind kind);

// The least hall area in m² for a centre serving `population` people at `grade` (1..3):
//   population >= 60,000            300 / 250 / 150
//   30,000 <= population < 60,000   250 / 200 / 120
//   15,000 <= population < 30,000   200 / 150 / 100
//   population < 15,000             150 / 100 / 80, in ethnic-minority areas 100 / 60 / 40
// The seed gives the ethnic-minority figures in the under-15,000 row only, so larger centres in
// such areas keep the ordinary figures. Throws ValidationError("grade") for a grade outside 1..3.
int minimumHallArea(int population, int grade, bool ethnicMinorityArea);

} // namespace gongshi::content
