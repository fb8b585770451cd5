// Recursive-descent parser for rule expressions (SPEC §4). Precedence, loosest first:
// or, and, not, comparisons (not chained), + -, * /, unary -, parentheses.
#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "commend/expr/source_text.hpp"
#include "commend/text/unicode.hpp"
#include "expr/lexer.hpp"

namespace commend::expr {

SourcePos SourceText::at(int offset) const {
    SourcePos p = origin;
    if (offset > static_cast<int>(text.size())) offset = static_cast<int>(text.size());
    std::string_view before = std::string_view(text).substr(0, static_cast<std::size_t>(offset));
    // A multi-line TOML string: count lines, and columns from the last line break.
    std::size_t newline = before.rfind('\n');
    if (newline == std::string_view::npos) {
        p.column += text::code_point_count(before);
    } else {
        p.line += static_cast<int>(std::count(before.begin(), before.end(), '\n'));
        p.column = 1 + text::code_point_count(before.substr(newline + 1));
    }
    return p;
}

namespace {

class Parser {
  public:
    Parser(const SourceText& src, Diagnostics& diags)
        : src_(src), diags_(diags), tokens_(tokenize(src.text)) {}

    ExprPtr parse_all() {
        if (tokens_.back().kind == TokenKind::bad) {
            const Token& t = tokens_.back();
            fail(t.offset, t.text == "unterminated text"
                               ? "text literal is not closed; add the matching quote"
                               : "unexpected character '" + t.text + "'");
            return nullptr;
        }
        ExprPtr e = parse_or();
        if (e && !failed_ && peek().kind != TokenKind::end)
            fail(peek().offset,
                 "unexpected '" + describe(peek()) + "' after the end of the expression");
        return failed_ ? nullptr : std::move(e);
    }

  private:
    const SourceText& src_;
    Diagnostics& diags_;
    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
    int depth_ = 0;
    bool failed_ = false;

    const Token& peek() const { return tokens_[pos_]; }
    const Token& next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
    bool is_word(const char* w) const {
        return peek().kind == TokenKind::identifier && peek().text == w;
    }
    static std::string describe(const Token& t) {
        return t.kind == TokenKind::end ? "end" : t.text;
    }

    ExprPtr fail(int offset, std::string message) {
        if (!failed_) diags_.error("expr.syntax", src_.at(offset), std::move(message));
        failed_ = true;
        return nullptr;
    }

    template <class Node> ExprPtr make(int offset, Node node) {
        auto e = std::make_unique<Expr>();
        e->node = std::move(node);
        e->offset = offset;
        return e;
    }

    // Guards the recursion: hostile input like 10,000 '(' must give an error, not a crash.
    struct DepthGuard {
        Parser& p;
        explicit DepthGuard(Parser& parser) : p(parser) { ++p.depth_; }
        ~DepthGuard() { --p.depth_; }
    };
    bool too_deep() {
        if (depth_ <= max_expression_depth) return false;
        fail(peek().offset, "expression nested deeper than " +
                                std::to_string(max_expression_depth) +
                                " levels; split it into [let] names");
        return true;
    }

    ExprPtr parse_or() {
        ExprPtr left = parse_and();
        while (left && is_word("or")) {
            int at = next().offset;
            ExprPtr right = parse_and();
            if (!right) return nullptr;
            left = make(at, Binary{BinaryOp::logical_or, std::move(left), std::move(right)});
        }
        return left;
    }
    ExprPtr parse_and() {
        ExprPtr left = parse_not();
        while (left && is_word("and")) {
            int at = next().offset;
            ExprPtr right = parse_not();
            if (!right) return nullptr;
            left = make(at, Binary{BinaryOp::logical_and, std::move(left), std::move(right)});
        }
        return left;
    }
    ExprPtr parse_not() {
        if (is_word("not")) {
            DepthGuard g(*this);
            if (too_deep()) return nullptr;
            int at = next().offset;
            ExprPtr operand = parse_not();
            if (!operand) return nullptr;
            return make(at, Unary{UnaryOp::logical_not, std::move(operand)});
        }
        return parse_comparison();
    }
    static bool comparison(TokenKind k, BinaryOp& op) {
        switch (k) {
        case TokenKind::eq:
            op = BinaryOp::eq;
            return true;
        case TokenKind::ne:
            op = BinaryOp::ne;
            return true;
        case TokenKind::lt:
            op = BinaryOp::lt;
            return true;
        case TokenKind::le:
            op = BinaryOp::le;
            return true;
        case TokenKind::gt:
            op = BinaryOp::gt;
            return true;
        case TokenKind::ge:
            op = BinaryOp::ge;
            return true;
        default:
            return false;
        }
    }
    ExprPtr parse_comparison() {
        ExprPtr left = parse_additive();
        BinaryOp op;
        if (left && comparison(peek().kind, op)) {
            int at = next().offset;
            ExprPtr right = parse_additive();
            if (!right) return nullptr;
            if (comparison(peek().kind, op))
                return fail(peek().offset, "comparisons are not chained; write `a < b and b < c`");
            if (peek().kind == TokenKind::assign)
                return fail(peek().offset, "'=' is not a comparison; write '=='");
            left = make(at, Binary{op, std::move(left), std::move(right)});
        } else if (left && peek().kind == TokenKind::assign) {
            return fail(peek().offset, "'=' is not a comparison; write '=='");
        }
        return left;
    }
    ExprPtr parse_additive() {
        ExprPtr left = parse_multiplicative();
        while (left && (peek().kind == TokenKind::plus || peek().kind == TokenKind::minus)) {
            BinaryOp op = peek().kind == TokenKind::plus ? BinaryOp::add : BinaryOp::sub;
            int at = next().offset;
            ExprPtr right = parse_multiplicative();
            if (!right) return nullptr;
            left = make(at, Binary{op, std::move(left), std::move(right)});
        }
        return left;
    }
    ExprPtr parse_multiplicative() {
        ExprPtr left = parse_unary();
        while (left && (peek().kind == TokenKind::star || peek().kind == TokenKind::slash)) {
            BinaryOp op = peek().kind == TokenKind::star ? BinaryOp::mul : BinaryOp::div;
            int at = next().offset;
            ExprPtr right = parse_unary();
            if (!right) return nullptr;
            left = make(at, Binary{op, std::move(left), std::move(right)});
        }
        return left;
    }
    ExprPtr parse_unary() {
        if (peek().kind == TokenKind::minus) {
            DepthGuard g(*this);
            if (too_deep()) return nullptr;
            int at = next().offset;
            ExprPtr operand = parse_unary();
            if (!operand) return nullptr;
            return make(at, Unary{UnaryOp::negate, std::move(operand)});
        }
        return parse_primary();
    }
    ExprPtr parse_primary() {
        const Token& t = peek();
        switch (t.kind) {
        case TokenKind::number: {
            next();
            return make(t.offset, NumberLiteral{std::strtod(t.text.c_str(), nullptr)});
        }
        case TokenKind::text:
            next();
            return make(t.offset, TextLiteral{t.text});
        case TokenKind::lparen: {
            DepthGuard g(*this);
            if (too_deep()) return nullptr;
            next();
            ExprPtr inner = parse_or();
            if (!inner) return nullptr;
            if (peek().kind != TokenKind::rparen)
                return fail(peek().offset, "expected ')' but found '" + describe(peek()) + "'");
            next();
            return inner;
        }
        case TokenKind::identifier:
            return parse_name();
        default:
            return fail(t.offset, "expected a value but found '" + describe(t) + "'");
        }
    }
    ExprPtr parse_name() {
        Token t = next();
        if (t.text == "true" || t.text == "false")
            return make(t.offset, BoolLiteral{t.text == "true"});
        if (t.text == "and" || t.text == "or" || t.text == "not")
            return fail(t.offset, "expected a value but found '" + t.text + "'");
        if (peek().kind == TokenKind::dot) {
            next();
            if (peek().kind != TokenKind::identifier)
                return fail(peek().offset, "expected a level name after '" + t.text + ".'");
            Token level = next();
            return make(t.offset, Identifier{level.text, t.text});
        }
        if (peek().kind != TokenKind::lparen) return make(t.offset, Identifier{t.text, ""});
        DepthGuard g(*this);
        if (too_deep()) return nullptr;
        next(); // '('
        Call call;
        call.name = t.text;
        if (peek().kind != TokenKind::rparen) {
            for (;;) {
                if (peek().kind == TokenKind::identifier && pos_ + 1 < tokens_.size() &&
                    tokens_[pos_ + 1].kind == TokenKind::assign) {
                    Token name = next();
                    next(); // '='
                    ExprPtr value = parse_or();
                    if (!value) return nullptr;
                    call.named.push_back({name.text, std::move(value), name.offset});
                } else {
                    if (!call.named.empty())
                        return fail(peek().offset, "positional argument after a named one");
                    ExprPtr arg = parse_or();
                    if (!arg) return nullptr;
                    call.args.push_back(std::move(arg));
                }
                if (peek().kind == TokenKind::comma) {
                    next();
                    continue;
                }
                break;
            }
        }
        if (peek().kind != TokenKind::rparen)
            return fail(peek().offset, "expected ',' or ')' in the call of " + t.text +
                                           "() but found '" + describe(peek()) + "'");
        const Token& close = next();
        call.source = src_.text.substr(static_cast<std::size_t>(t.offset),
                                       static_cast<std::size_t>(close.offset + 1 - t.offset));
        return make(t.offset, std::move(call));
    }
};

} // namespace

void parse(SourceText& source, Diagnostics& diags) {
    if (source.text.size() > max_expression_length) {
        diags.error("expr.too-long", source.at(0),
                    "expression is " + std::to_string(source.text.size()) +
                        " bytes long; the limit is " + std::to_string(max_expression_length) +
                        " (split it into [let] names)");
        return;
    }
    Parser p(source, diags);
    source.root = p.parse_all();
}

} // namespace commend::expr
