// The JSON of a stored row's cells: {"id":"cb-01","name":"Chi bộ An Phú"}. Written and read
// here by hand, without a DOM, because an import writes and a read parses one per row (ten
// million of them for a large data set). The writer escapes only what JSON requires; the
// reader accepts any JSON object of strings, as an auditor's tool may have rewritten one.
#include "store/store_impl.hpp"

namespace commend::store {

void append_json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    std::size_t run = 0; // start of the bytes not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.substr(run, i - run));
        run = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += "\\u00";
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0x0F]);
        }
    }
    out.append(s.substr(run));
    out.push_back('"');
}

namespace {

class Reader {
  public:
    explicit Reader(std::string_view s) : s_(s) {}

    void space() {
        while (i_ < s_.size() &&
               (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
            ++i_;
    }
    bool eat(char c) {
        space();
        if (i_ < s_.size() && s_[i_] == c) {
            ++i_;
            return true;
        }
        return false;
    }
    bool at_end() {
        space();
        return i_ == s_.size();
    }

    /// A JSON string into `out` (replacing its contents).
    bool string(std::string& out) {
        out.clear();
        if (!eat('"')) return false;
        for (;;) {
            const std::size_t start = i_;
            while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\\' &&
                   static_cast<unsigned char>(s_[i_]) >= 0x20)
                ++i_;
            out.append(s_.substr(start, i_ - start));
            if (i_ >= s_.size() || static_cast<unsigned char>(s_[i_]) < 0x20) return false;
            if (s_[i_++] == '"') return true;
            if (i_ >= s_.size()) return false;
            const char e = s_[i_++];
            switch (e) {
            case '"':
            case '\\':
            case '/':
                out.push_back(e);
                break;
            case 'b':
                out.push_back('\b');
                break;
            case 'f':
                out.push_back('\f');
                break;
            case 'n':
                out.push_back('\n');
                break;
            case 'r':
                out.push_back('\r');
                break;
            case 't':
                out.push_back('\t');
                break;
            case 'u':
                if (!unicode_escape(out)) return false;
                break;
            default:
                return false;
            }
        }
    }

  private:
    std::string_view s_;
    std::size_t i_ = 0;

    bool hex4(unsigned& v) {
        if (i_ + 4 > s_.size()) return false;
        v = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = s_[i_++];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                v |= static_cast<unsigned>(c - 'A' + 10);
            else
                return false;
        }
        return true;
    }

    bool unicode_escape(std::string& out) {
        unsigned cp = 0;
        if (!hex4(cp)) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF) { // a surrogate pair
            unsigned low = 0;
            if (i_ + 2 > s_.size() || s_[i_] != '\\' || s_[i_ + 1] != 'u') return false;
            i_ += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
        }
        auto put = [&](unsigned b) { out.push_back(static_cast<char>(b)); };
        if (cp < 0x80) {
            put(cp);
        } else if (cp < 0x800) {
            put(0xC0 | (cp >> 6));
            put(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            put(0xE0 | (cp >> 12));
            put(0x80 | ((cp >> 6) & 0x3F));
            put(0x80 | (cp & 0x3F));
        } else {
            put(0xF0 | (cp >> 18));
            put(0x80 | ((cp >> 12) & 0x3F));
            put(0x80 | ((cp >> 6) & 0x3F));
            put(0x80 | (cp & 0x3F));
        }
        return true;
    }
};

} // namespace

bool JsonTexts::parse(std::string_view json) {
    size_ = 0;
    Reader r(json);
    if (!r.eat('{')) return false;
    if (r.eat('}')) return r.at_end();
    do {
        if (size_ == keys_.size()) {
            keys_.emplace_back();
            values_.emplace_back();
        }
        if (!r.string(keys_[size_]) || !r.eat(':') || !r.string(values_[size_])) return false;
        ++size_;
    } while (r.eat(','));
    return r.eat('}') && r.at_end();
}

} // namespace commend::store
