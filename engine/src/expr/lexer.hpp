// Splits an expression's text into tokens. Internal to the parser.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace commend::expr {

enum class TokenKind {
    number,
    text,
    identifier,
    lparen,
    rparen,
    comma,
    dot,
    assign, // '=' in named arguments
    eq,
    ne,
    lt,
    le,
    gt,
    ge,
    plus,
    minus,
    star,
    slash,
    end,
    bad
};

struct Token {
    TokenKind kind;
    std::string text; ///< identifier name, literal value (unquoted), or the bad character
    int offset;       ///< byte offset in the expression text
};

/// Tokenizes `text`; a character that starts no token yields a `bad` token (the parser reports it).
std::vector<Token> tokenize(std::string_view text);

} // namespace commend::expr
