#pragma once
// An error with the HTTP status it answers with; the API sends it as {"error", "field"}.
#include "common/Error.h"

#include <string>

namespace gongshi::server {

class HttpError : public Error {
public:
    HttpError(int status, const std::string& message, std::string field = "") : Error(message), status_(status), field_(std::move(field)) {}
    int status() const { return status_; }
    const std::string& field() const { return field_; }

private:
    int status_;
    std::string field_;
};

} // namespace gongshi::server
