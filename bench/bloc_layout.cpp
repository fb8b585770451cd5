// Reading a data set into the yardstick's layout: subjects.csv (ids, kinds, the tree,
// from/until), evaluations.csv (every subject's level in the evaluation year; the cells'
// levels and discipline in every year; the grassroots organizations' admissions and
// discipline and the blocs' targets in the evaluation year), awards.csv (each cell's last
// tieu-bieu-5-nam). This is setup: the yardstick's timing starts after it.
#include "bloc_layout.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <numeric>
#include <unordered_map>

#include "csv_stream.hpp"

namespace commend::bench {

namespace {

std::optional<BlocKind> kind_of(std::string_view slug) {
    if (slug == "dang-uy-khoi") return BlocKind::bloc;
    if (slug == "dang-bo-co-so") return BlocKind::dang_bo;
    if (slug == "chi-bo-truc-thuoc") return BlocKind::chi_bo_truc_thuoc;
    if (slug == "chi-bo-co-so") return BlocKind::chi_bo_co_so;
    if (slug == "dang-vien") return BlocKind::member;
    return std::nullopt;
}

/// The scale of the rule set, with its alias TSVM; level_missing for an empty cell.
std::optional<std::uint8_t> level_of(std::string_view text) {
    if (text.empty()) return level_missing;
    if (text == "HTXSNV" || text == "TSVM") return 0;
    if (text == "HTTNV") return 1;
    if (text == "HTNV") return 2;
    if (text == "KHTNV") return 3;
    return std::nullopt;
}

std::optional<std::int64_t> integer(std::string_view text) {
    std::int64_t v = 0;
    auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size()) return std::nullopt;
    return v;
}

bool is_true(std::string_view text) {
    return text.size() == 4 && (text[0] == 't' || text[0] == 'T') &&
           (text[1] == 'r' || text[1] == 'R') && (text[2] == 'u' || text[2] == 'U') &&
           (text[3] == 'e' || text[3] == 'E');
}

/// Column indexes of a header, by name; -1 when absent.
struct Header {
    std::vector<std::string> names;
    int operator[](std::string_view name) const {
        for (std::size_t i = 0; i < names.size(); ++i)
            if (names[i] == name) return static_cast<int>(i);
        return -1;
    }
};

bool read_header(CsvStream& in, Header& h, std::vector<std::string_view>& f) {
    if (!in.next(f)) return false;
    h.names.assign(f.begin(), f.end());
    return true;
}

bool all_empty(const std::vector<std::string_view>& f) {
    return std::all_of(f.begin(), f.end(), [](std::string_view s) { return s.empty(); });
}

class Loader {
  public:
    Loader(const std::string& folder, int year, std::string& error)
        : folder_(folder), year_(year), error_(error) {}

    std::optional<BlocLayout> load() {
        if (!read_subjects() || !order_tree() || !read_evaluations() || !read_awards())
            return std::nullopt;
        finish();
        return std::move(out_);
    }

  private:
    std::string folder_;
    int year_;
    std::string& error_;
    BlocLayout out_;

    // In file order.
    std::vector<std::string> ids_;
    std::vector<BlocKind> kinds_;
    std::vector<std::int32_t> parents_;
    std::vector<int> from_, until_; // 0 = not written
    std::unordered_map<std::string, std::int32_t> index_;
    std::vector<std::int32_t> tree_of_; // file index → tree index
    std::optional<int> min_year_, max_year_;
    std::vector<int> first_row_; // tree index → first year with a row (0 = none)
    // Tree index → position among the grassroots organizations / the cells, or -1.
    std::vector<std::int32_t> tccsd_of_, cell_of_;
    std::vector<std::int32_t> cells_;                     // cell position → tree index
    std::map<int, std::vector<std::uint8_t>> cell_years_; // year → per cell: level | disc << 3

    bool fail(const std::string& message) {
        error_ = message;
        return false;
    }
    void mention(int y) {
        min_year_ = std::min(min_year_.value_or(y), y);
        max_year_ = std::max(max_year_.value_or(y), y);
    }

    bool read_subjects() {
        const std::string path = folder_ + "/subjects.csv";
        CsvStream in(path);
        std::vector<std::string_view> f;
        Header h;
        if (!read_header(in, h, f))
            return fail(in.error().empty() ? path + " is empty" : in.error());
        const int c_id = h["id"], c_kind = h["kind"], c_parent = h["parent"], c_from = h["from"],
                  c_until = h["until"];
        if (c_id < 0 || c_kind < 0) return fail(path + ": needs the columns id and kind");
        std::vector<std::string> parent_ids;
        while (in.next(f)) {
            if (all_empty(f)) continue;
            if (f.size() != h.names.size())
                return fail(path + ":" + std::to_string(in.line()) + ": wrong number of cells");
            auto kind = kind_of(f[static_cast<std::size_t>(c_kind)]);
            if (!kind)
                return fail(path + ":" + std::to_string(in.line()) + ": kind '" +
                            std::string(f[static_cast<std::size_t>(c_kind)]) +
                            "' is not one the yardstick knows (it is specialised to "
                            "rules/khoi-co-quan-tinh)");
            const auto s = static_cast<std::int32_t>(ids_.size());
            ids_.emplace_back(f[static_cast<std::size_t>(c_id)]);
            if (!index_.emplace(ids_.back(), s).second)
                return fail(path + ": duplicate id " + ids_.back());
            kinds_.push_back(*kind);
            parent_ids.emplace_back(c_parent < 0 ? std::string_view{}
                                                 : f[static_cast<std::size_t>(c_parent)]);
            auto year_cell = [&](int c) -> int {
                if (c < 0 || f[static_cast<std::size_t>(c)].empty()) return 0;
                auto v = integer(f[static_cast<std::size_t>(c)]);
                if (v) mention(static_cast<int>(*v));
                return v ? static_cast<int>(*v) : 0;
            };
            from_.push_back(year_cell(c_from));
            until_.push_back(year_cell(c_until));
        }
        if (!in.error().empty()) return fail(in.error());
        parents_.assign(ids_.size(), -1);
        for (std::size_t s = 0; s < ids_.size(); ++s) {
            if (parent_ids[s].empty()) continue;
            auto it = index_.find(parent_ids[s]);
            if (it == index_.end()) return fail(path + ": unknown parent " + parent_ids[s]);
            parents_[s] = it->second;
        }
        return true;
    }

    /// Tree order (pre-order, children in file order), checking the shape the rules assume.
    bool order_tree() {
        const std::size_t n = ids_.size();
        std::vector<std::vector<std::int32_t>> children(n);
        std::vector<std::int32_t> roots;
        for (std::size_t s = 0; s < n; ++s) {
            const BlocKind k = kinds_[s], pk = parents_[s] < 0
                                                   ? BlocKind::bloc
                                                   : kinds_[static_cast<std::size_t>(parents_[s])];
            const bool root = parents_[s] < 0;
            const bool fits =
                (k == BlocKind::bloc && root) ||
                ((k == BlocKind::dang_bo || k == BlocKind::chi_bo_co_so) && !root &&
                 pk == BlocKind::bloc) ||
                (k == BlocKind::chi_bo_truc_thuoc && !root && pk == BlocKind::dang_bo) ||
                (k == BlocKind::member && !root &&
                 (pk == BlocKind::chi_bo_truc_thuoc || pk == BlocKind::chi_bo_co_so));
            if (!fits)
                return fail("subject " + ids_[s] +
                            ": the yardstick needs the tree dang-uy-khoi → dang-bo-co-so → "
                            "chi-bo-truc-thuoc → dang-vien, or dang-uy-khoi → chi-bo-co-so → "
                            "dang-vien");
            if (root)
                roots.push_back(static_cast<std::int32_t>(s));
            else
                children[static_cast<std::size_t>(parents_[s])].push_back(
                    static_cast<std::int32_t>(s));
        }
        tree_of_.assign(n, -1);
        std::vector<std::int32_t> order;
        order.reserve(n);
        std::vector<std::int32_t> stack;
        for (std::int32_t r : roots) {
            stack.push_back(r);
            while (!stack.empty()) {
                std::int32_t s = stack.back();
                stack.pop_back();
                tree_of_[static_cast<std::size_t>(s)] = static_cast<std::int32_t>(order.size());
                order.push_back(s);
                const auto& c = children[static_cast<std::size_t>(s)];
                for (auto it = c.rbegin(); it != c.rend(); ++it)
                    stack.push_back(*it);
            }
        }
        out_.ids.resize(n);
        out_.kind.resize(n);
        out_.end.resize(n);
        for (std::size_t t = 0; t < n; ++t) {
            const auto s = static_cast<std::size_t>(order[t]);
            out_.ids[t] = std::move(ids_[s]);
            out_.kind[t] = kinds_[s];
            out_.end[t] = static_cast<std::int32_t>(t + 1);
        }
        for (std::size_t t = n; t-- > 0;) {
            const std::int32_t p = parents_[static_cast<std::size_t>(order[t])];
            if (p < 0) continue;
            auto& e = out_.end[static_cast<std::size_t>(tree_of_[static_cast<std::size_t>(p)])];
            e = std::max(e, out_.end[t]);
        }
        for (std::int32_t r : roots)
            out_.roots.push_back(tree_of_[static_cast<std::size_t>(r)]);
        std::vector<int> from(n), until(n);
        for (std::size_t s = 0; s < n; ++s) {
            from[static_cast<std::size_t>(tree_of_[s])] = from_[s];
            until[static_cast<std::size_t>(tree_of_[s])] = until_[s];
        }
        from_ = std::move(from);
        until_ = std::move(until);
        // Code-point order of the ids is byte order of their UTF-8.
        std::vector<std::int32_t> by_id(n);
        std::iota(by_id.begin(), by_id.end(), 0);
        std::sort(by_id.begin(), by_id.end(), [&](std::int32_t a, std::int32_t b) {
            return out_.ids[static_cast<std::size_t>(a)] < out_.ids[static_cast<std::size_t>(b)];
        });
        out_.id_rank.resize(n);
        for (std::size_t i = 0; i < n; ++i)
            out_.id_rank[static_cast<std::size_t>(by_id[i])] = static_cast<std::int32_t>(i);
        index_.clear();
        return true;
    }

    bool read_evaluations() {
        const std::string path = folder_ + "/evaluations.csv";
        const std::size_t n = out_.ids.size();
        // Ids are looked up again: rebuild the index in tree order; number the kinds that
        // have dense arrays.
        tccsd_of_.assign(n, -1);
        cell_of_.assign(n, -1);
        std::int32_t tccsds = 0;
        for (std::size_t t = 0; t < n; ++t) {
            index_.emplace(out_.ids[t], static_cast<std::int32_t>(t));
            if (out_.kind[t] == BlocKind::dang_bo || out_.kind[t] == BlocKind::chi_bo_co_so)
                tccsd_of_[t] = tccsds++;
            if (out_.kind[t] == BlocKind::chi_bo_truc_thuoc) {
                cell_of_[t] = static_cast<std::int32_t>(cells_.size());
                cells_.push_back(static_cast<std::int32_t>(t));
            }
        }
        out_.level.assign(n, level_missing);
        out_.admission_target.assign(n, -1);
        out_.tccsd_admitted.assign(static_cast<std::size_t>(tccsds), 0);
        out_.tccsd_disciplined.assign(static_cast<std::size_t>(tccsds), 0);
        first_row_.assign(n, 0);

        CsvStream in(path);
        std::vector<std::string_view> f;
        Header h;
        if (!read_header(in, h, f))
            return fail(in.error().empty() ? path + " is empty" : in.error());
        const int c_subject = h["subject"], c_year = h["year"], c_rating = h["rating"],
                  c_disc = h["disciplined"], c_admitted = h["admitted"],
                  c_target = h["admission_target"];
        if (c_subject < 0 || c_year < 0 || c_rating < 0)
            return fail(path + ": needs the columns subject, year and rating");
        std::string key;
        while (in.next(f)) {
            if (all_empty(f)) continue;
            auto where = [&] { return path + ":" + std::to_string(in.line()) + ": "; };
            if (f.size() != h.names.size()) return fail(where() + "wrong number of cells");
            key.assign(f[static_cast<std::size_t>(c_subject)]);
            auto it = index_.find(key);
            if (it == index_.end()) return fail(where() + "unknown subject " + key);
            const auto s = static_cast<std::size_t>(it->second);
            auto y = integer(f[static_cast<std::size_t>(c_year)]);
            auto level = level_of(f[static_cast<std::size_t>(c_rating)]);
            if (!y || !level) return fail(where() + "a year or a rating the rules do not read");
            const int year = static_cast<int>(*y);
            const bool disciplined = c_disc >= 0 && is_true(f[static_cast<std::size_t>(c_disc)]);
            mention(year);
            if (first_row_[s] == 0 || year < first_row_[s]) first_row_[s] = year;
            if (cell_of_[s] >= 0) {
                auto col = cell_years_.find(year);
                if (col == cell_years_.end())
                    col =
                        cell_years_
                            .emplace(year, std::vector<std::uint8_t>(cells_.size(), level_missing))
                            .first;
                col->second[static_cast<std::size_t>(cell_of_[s])] =
                    static_cast<std::uint8_t>(*level | (disciplined ? 8 : 0));
            }
            if (year != year_) continue;
            out_.level[s] = *level;
            if (tccsd_of_[s] >= 0) {
                const auto k = static_cast<std::size_t>(tccsd_of_[s]);
                out_.tccsd_disciplined[k] = disciplined;
                if (c_admitted >= 0 && !f[static_cast<std::size_t>(c_admitted)].empty()) {
                    auto v = integer(f[static_cast<std::size_t>(c_admitted)]);
                    if (!v) return fail(where() + "admitted is not a whole number");
                    out_.tccsd_admitted[k] = *v;
                }
            }
            if (c_target >= 0 && !f[static_cast<std::size_t>(c_target)].empty()) {
                auto v = integer(f[static_cast<std::size_t>(c_target)]);
                if (!v) return fail(where() + "admission_target is not a whole number");
                out_.admission_target[s] = *v;
            }
        }
        if (!in.error().empty()) return fail(in.error());
        return true;
    }

    bool read_awards() {
        out_.cell_since.assign(cells_.size(), 0);
        CsvStream in(folder_ + "/awards.csv");
        std::vector<std::string_view> f;
        Header h;
        if (!read_header(in, h, f)) return true; // awards.csv is optional
        const int c_subject = h["subject"], c_year = h["year"], c_award = h["award"];
        if (c_subject < 0 || c_year < 0 || c_award < 0)
            return fail(folder_ + "/awards.csv: needs the columns subject, year and award");
        std::string key;
        while (in.next(f)) {
            if (all_empty(f) || f.size() != h.names.size()) continue;
            auto y = integer(f[static_cast<std::size_t>(c_year)]);
            if (!y) continue;
            mention(static_cast<int>(*y));
            if (f[static_cast<std::size_t>(c_award)] != "tieu-bieu-5-nam" || *y >= year_) continue;
            key.assign(f[static_cast<std::size_t>(c_subject)]);
            auto it = index_.find(key);
            if (it == index_.end() || cell_of_[static_cast<std::size_t>(it->second)] < 0) continue;
            auto& last = out_.cell_since[static_cast<std::size_t>(
                cell_of_[static_cast<std::size_t>(it->second)])];
            last = std::max(last, static_cast<std::int16_t>(*y));
        }
        return in.error().empty() || fail(in.error());
    }

    /// Existence (SPEC §4): from `from`, else the first row, else the data's first year;
    /// until `until`. Years outside become level_absent.
    void finish() {
        out_.first_year = min_year_.value_or(year_);
        out_.last_year = std::max(max_year_.value_or(year_), year_);
        out_.year = year_;
        const std::size_t n = out_.ids.size();
        const int first = out_.first_year, last = out_.last_year;
        auto from = [&](std::size_t s) {
            return from_[s] ? from_[s] : (first_row_[s] ? first_row_[s] : first);
        };
        auto exists = [&](std::size_t s, int y) {
            return y >= from(s) && (!until_[s] || y <= until_[s]);
        };
        for (std::size_t s = 0; s < n; ++s) {
            const int a = std::max(from(s), first),
                      b = until_[s] ? std::min(until_[s], last) : last;
            out_.subject_years += std::max(0, b - a + 1);
            if (!exists(s, year_)) out_.level[s] = level_absent;
        }
        const auto years = static_cast<std::size_t>(out_.years());
        out_.cell_history.assign(cells_.size() * years, level_missing);
        for (int y = first; y <= last; ++y) {
            auto col = cell_years_.find(y);
            for (std::size_t q = 0; q < cells_.size(); ++q) {
                const auto s = static_cast<std::size_t>(cells_[q]);
                std::uint8_t& code =
                    out_.cell_history[q * years + static_cast<std::size_t>(y - first)];
                if (!exists(s, y))
                    code = level_absent;
                else if (col != cell_years_.end())
                    code = col->second[q];
            }
        }
    }
};

} // namespace

std::optional<BlocLayout> load_bloc_layout(const std::string& folder, int year,
                                           std::string& error) {
    return Loader(folder, year, error).load();
}

} // namespace commend::bench
