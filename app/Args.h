#pragma once
// A small command-line reader: --name value, --name=value and bare --flags.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gongshi::app {

class Args {
public:
    // `flags` take no value; every other --option takes one. Throws InputError on unknown or
    // incomplete options.
    Args(const std::vector<std::string>& argv, const std::set<std::string>& options, const std::set<std::string>& flags);

    bool has(const std::string& name) const { return values_.count(name) > 0; }
    std::optional<std::string> get(const std::string& name) const;
    std::string get(const std::string& name, const std::string& fallback) const;
    int getInt(const std::string& name, int fallback, int min, int max) const;
    const std::vector<std::string>& positional() const { return positional_; }

private:
    std::map<std::string, std::string> values_;
    std::vector<std::string> positional_;
};

// The whole of a file a user named (text to render or send); InputError when it cannot be read.
std::string readTextFile(const std::string& path);

// Runs `f`; a record's refusal (ValidationError, with its field, ConflictError, NotFoundError)
// becomes the command's InputError, which main prints for the person.
void refusalsAsInputErrors(const std::function<void()>& f);

} // namespace gongshi::app
