// byte_test: recognizing the conditions that a stored byte decides (see byte_test.hpp).
#include "expr/byte_test.hpp"

namespace commend::expr {

namespace {

/// The yearly flag or level column `e` names, or null.
const Column* byte_column(const Expr& e, const DataSet& data) {
    const auto* id = std::get_if<Identifier>(&e.node);
    if (!id || id->resolved != IdentKind::yearly || id->index < 0) return nullptr;
    const Column& c = data.yearly[static_cast<std::size_t>(id->index)];
    return c.type == ColumnType::flag || c.type == ColumnType::level ? &c : nullptr;
}

/// The level `e` names (a level identifier of `scale`), or -1.
int level_of(const Expr& e, int scale) {
    const auto* id = std::get_if<Identifier>(&e.node);
    if (!id || id->resolved != IdentKind::level || e.type.scale != scale) return -1;
    return id->index;
}

BinaryOp mirrored(BinaryOp op) {
    switch (op) {
    case BinaryOp::lt:
        return BinaryOp::gt;
    case BinaryOp::le:
        return BinaryOp::ge;
    case BinaryOp::gt:
        return BinaryOp::lt;
    case BinaryOp::ge:
        return BinaryOp::le;
    default:
        return op;
    }
}

} // namespace

std::optional<ByteTest> byte_test(const Expr& e, const DataSet& data) {
    if (const auto* id = std::get_if<Identifier>(&e.node);
        id && id->resolved == IdentKind::let && id->let)
        return byte_test(*id->let, data); // a [let] name stands for its expression
    if (const auto* u = std::get_if<Unary>(&e.node)) {
        if (u->op != UnaryOp::logical_not) return std::nullopt;
        auto inner = byte_test(*u->operand, data);
        if (inner) inner->negate = !inner->negate;
        return inner;
    }
    if (const Column* c = byte_column(e, data); c && c->type == ColumnType::flag)
        return ByteTest{c, 1, 127, false};
    const auto* b = std::get_if<Binary>(&e.node);
    if (!b) return std::nullopt;
    switch (b->op) {
    case BinaryOp::eq:
    case BinaryOp::ne:
    case BinaryOp::lt:
    case BinaryOp::le:
    case BinaryOp::gt:
    case BinaryOp::ge:
        break;
    default:
        return std::nullopt;
    }
    auto one_side = [&](const Expr& col, const Expr& lvl, BinaryOp op) -> std::optional<ByteTest> {
        const Column* c = byte_column(col, data);
        if (!c || c->type != ColumnType::level) return std::nullopt;
        const int level = level_of(lvl, c->scale);
        if (level < 0 || level > 127) return std::nullopt;
        // Index 0 is the best level: "a > b" means a is better, a smaller index.
        switch (op) {
        case BinaryOp::eq:
            return ByteTest{c, level, level, false};
        case BinaryOp::ne:
            return ByteTest{c, level, level, true};
        case BinaryOp::lt:
            return ByteTest{c, level + 1, 127, false};
        case BinaryOp::le:
            return ByteTest{c, level, 127, false};
        case BinaryOp::gt:
            return ByteTest{c, 0, level - 1, false};
        case BinaryOp::ge:
            return ByteTest{c, 0, level, false};
        default:
            return std::nullopt;
        }
    };
    if (auto t = one_side(*b->left, *b->right, b->op)) return t;
    return one_side(*b->right, *b->left, mirrored(b->op));
}

} // namespace commend::expr
