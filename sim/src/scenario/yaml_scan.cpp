// A pass over YAML events before any node is built, enforcing the limits in input_limits.hpp.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <map>
#include <sstream>

#include "localism/scenario/input_limits.hpp"

namespace localism::scenario {

namespace {

// Thrown by the handler to stop the parser as soon as a limit is crossed.
struct LimitCrossed {
    YAML::Mark mark;
    std::string message;
    std::string hint;
};

// Counts nodes as they would be after alias expansion: an anchor remembers the size of its
// subtree and an alias adds that size again. "Billion laughs" files (each level aliasing the
// previous one twice) grow this count exponentially and are stopped at the cap, long before
// a consumer walking the nodes would expand them.
class LimitHandler : public YAML::EventHandler {
  public:
    void OnDocumentStart(const YAML::Mark& mark) override { document_start_ = mark; }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor); }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        // An anchor gets its size when its node closes, so an alias to one still open is an
        // alias into itself: a cycle that any walk over the nodes would follow for ever.
        const auto it = sizes_.find(anchor);
        if (it == sizes_.end()) {
            throw LimitCrossed{mark, "an alias `*name` refers to the block that contains it",
                               "remove the alias"};
        }
        add(mark, it->second);
    }
    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string&) override {
        check_tag(mark, tag);
        leaf(mark, anchor);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(mark, tag, anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(mark, tag, anchor);
    }
    void OnMapEnd() override { close(); }

    const YAML::Mark& document_start() const { return document_start_; }

  private:
    struct Open {
        YAML::anchor_t anchor;
        std::size_t size;
        YAML::Mark mark;  // where the block starts: the location reported when it is too big
    };

    static void check_tag(const YAML::Mark& mark, const std::string& tag) {
        // "?" is an untagged plain node and "!" a quoted scalar; anything else was written as
        // an explicit tag (`!!str 12`), which would silently change how a value is read.
        if (tag != "?" && tag != "!" && !tag.empty()) {
            throw LimitCrossed{mark, "YAML tags such as `" + tag + "` are not supported",
                               "remove the tag; quote a value to make it text"};
        }
    }
    void add(const YAML::Mark& mark, std::size_t count) {
        std::size_t& target = stack_.empty() ? total_ : stack_.back().size;
        // Compare before adding so the count never overflows, however deep the aliasing.
        if (count > kMaxYamlNodes || target > kMaxYamlNodes - count) {
            throw LimitCrossed{mark,
                               "the file expands to more than " + std::to_string(kMaxYamlNodes) +
                                   " YAML nodes (counting what each alias `*name` repeats)",
                               "a scenario has a few hundred settings: remove repeated aliases"};
        }
        target += count;
    }
    void leaf(const YAML::Mark& mark, YAML::anchor_t anchor) {
        if (anchor != YAML::NullAnchor)
            sizes_[anchor] = 1;
        add(mark, 1);
    }
    void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor) {
        check_tag(mark, tag);
        if (stack_.size() >= kMaxYamlDepth) {
            throw LimitCrossed{mark,
                               "blocks and lists are nested more than " +
                                   std::to_string(kMaxYamlDepth) + " levels deep",
                               "a scenario needs two levels"};
        }
        add(mark, 1);  // the node itself, so empty blocks also count
        stack_.push_back({anchor, 0, mark});
    }
    void close() {
        const Open done = stack_.back();
        stack_.pop_back();
        if (done.anchor != YAML::NullAnchor)
            sizes_[done.anchor] = done.size + 1;
        add(done.mark, done.size);
    }

    std::vector<Open> stack_;
    std::map<YAML::anchor_t, std::size_t> sizes_;
    std::size_t total_ = 0;
    YAML::Mark document_start_;
};

SourceLocation located(const std::string& file, const YAML::Mark& mark) {
    return {file, mark.line + 1, mark.column + 1};
}

}  // namespace

bool scan_yaml(const std::string& text, const std::string& file, std::vector<Diagnostic>& errors) {
    std::istringstream stream(text);
    LimitHandler handler;
    try {
        YAML::Parser parser(stream);
        int documents = 0;
        std::int64_t previous_start = -1;
        while (parser.HandleNextDocument(handler)) {
            // yaml-cpp 0.7's parser does not consume a stray top-level `,` and reports an empty
            // document at the same place for ever (upstream yaml-cpp issue #1040, fixed after
            // 0.7.0), so YAML::LoadAll allocates without bound. We never call LoadAll: this loop
            // stops when a document starts where the previous one did, and the caller then
            // uses YAML::Load, which reads the first document only.
            const YAML::Mark start = handler.document_start();
            if (start.pos == previous_start) {
                throw LimitCrossed{start, "YAML syntax error: unexpected `,` or `]` here",
                                   "write `key: value` lines; lists go in [ ]"};
            }
            previous_start = start.pos;
            ++documents;
        }
        if (documents > 1) {
            errors.push_back({{file, 0, 0},
                              "",
                              "the file holds " + std::to_string(documents) +
                                  " YAML documents (separated by `---`), expected one",
                              "remove the `---` lines or split the file"});
            return false;
        }
    } catch (const LimitCrossed& limit) {
        errors.push_back({located(file, limit.mark), "", limit.message, limit.hint});
        return false;
    }
    return true;
}

}  // namespace localism::scenario
