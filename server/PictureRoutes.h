#pragma once
// Uploaded pictures for program items of kind 图片 (server/PictureRoutes.cpp): upload, list, one
// picture's facts and file, delete unless a program shows it.
namespace gongshi::server {

struct ApiContext;

void addPictureRoutes(ApiContext& ctx);

} // namespace gongshi::server
