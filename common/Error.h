#pragma once
// The one base for errors that cross a boundary (bad input, bad options, missing files, I/O).
// Messages are written for the person who has to act on them.
#include <stdexcept>
#include <string>

namespace gongshi {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Bad input or options given by a user: the CLI answers with exit status 1.
class InputError : public Error {
public:
    using Error::Error;
};

// Something the machine lacks (a font file, a package): the message says what to install.
class EnvironmentError : public Error {
public:
    using Error::Error;
};

} // namespace gongshi

namespace gongshi {

// A link to a device failed: timed out, refused, closed or reset.
class TransportError : public Error {
public:
    using Error::Error;
};

} // namespace gongshi

namespace gongshi {

// A record that breaks a rule: names the field, so a form can point at it.
class ValidationError : public InputError {
public:
    ValidationError(std::string field, const std::string& message) : InputError(message), field_(std::move(field)) {}
    const std::string& field() const { return field_; }

private:
    std::string field_;
};

// A save that names an older version than the stored one: nothing was written.
class ConflictError : public Error {
public:
    using Error::Error;
};

// No record with that id.
class NotFoundError : public Error {
public:
    using Error::Error;
};

} // namespace gongshi
