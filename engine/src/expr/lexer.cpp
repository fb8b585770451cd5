#include "expr/lexer.hpp"

#include <cctype>

namespace commend::expr {

namespace {
bool is_ident_start(unsigned char c) {
    return std::isalpha(c) || c == '_' || c >= 0x80;
}
bool is_ident_char(unsigned char c) {
    return std::isalnum(c) || c == '_' || c >= 0x80;
}
} // namespace

std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int at = static_cast<int>(i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
            continue;
        }
        if (std::isdigit(c)) {
            std::size_t j = i;
            while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])))
                ++j;
            if (j + 1 < s.size() && s[j] == '.' &&
                std::isdigit(static_cast<unsigned char>(s[j + 1]))) {
                ++j;
                while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])))
                    ++j;
            }
            out.push_back({TokenKind::number, std::string(s.substr(i, j - i)), at});
            i = j;
            continue;
        }
        if (is_ident_start(c)) {
            std::size_t j = i + 1;
            while (j < s.size() && is_ident_char(static_cast<unsigned char>(s[j])))
                ++j;
            out.push_back({TokenKind::identifier, std::string(s.substr(i, j - i)), at});
            i = j;
            continue;
        }
        if (c == '\'' || c == '"') {
            std::size_t j = i + 1;
            while (j < s.size() && s[j] != static_cast<char>(c))
                ++j;
            if (j >= s.size()) {
                out.push_back({TokenKind::bad, "unterminated text", at});
                return out;
            }
            out.push_back({TokenKind::text, std::string(s.substr(i + 1, j - i - 1)), at});
            i = j + 1;
            continue;
        }
        auto two = [&](char next) { return i + 1 < s.size() && s[i + 1] == next; };
        TokenKind k = TokenKind::bad;
        int len = 1;
        switch (c) {
        case '(':
            k = TokenKind::lparen;
            break;
        case ')':
            k = TokenKind::rparen;
            break;
        case ',':
            k = TokenKind::comma;
            break;
        case '.':
            k = TokenKind::dot;
            break;
        case '+':
            k = TokenKind::plus;
            break;
        case '-':
            k = TokenKind::minus;
            break;
        case '*':
            k = TokenKind::star;
            break;
        case '/':
            k = TokenKind::slash;
            break;
        case '=':
            k = two('=') ? TokenKind::eq : TokenKind::assign, len = two('=') ? 2 : 1;
            break;
        case '!':
            if (two('=')) k = TokenKind::ne, len = 2;
            break;
        case '<':
            k = two('=') ? TokenKind::le : TokenKind::lt, len = two('=') ? 2 : 1;
            break;
        case '>':
            k = two('=') ? TokenKind::ge : TokenKind::gt, len = two('=') ? 2 : 1;
            break;
        default:
            break;
        }
        out.push_back({k, std::string(s.substr(i, static_cast<std::size_t>(len))), at});
        if (k == TokenKind::bad) return out;
        i += static_cast<std::size_t>(len);
    }
    out.push_back({TokenKind::end, "", static_cast<int>(s.size())});
    return out;
}

} // namespace commend::expr
