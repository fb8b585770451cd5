// The stages of `commend generate`, in order: the tree → the ratings → the past awards →
// the three CSV files, streamed row by row (only the tree and one byte per subject-year are
// held, never the text).
#include "commend/generate/generate.hpp"

#include <charconv>
#include <filesystem>

#include "generate/award_model.hpp"
#include "generate/names.hpp"
#include "generate/output_file.hpp"
#include "generate/population.hpp"
#include "generate/random.hpp"
#include "generate/ratings.hpp"

namespace commend::generate {

namespace {

constexpr std::array<const char*, 4> level_names = {"HTXSNV", "HTTNV", "HTNV", "KHTNV"};
// HD 27-HD/BTCTW named an organization's top level "Trong sạch, vững mạnh" up to the 2017
// rating year; the rules read it as HTXSNV through [aliases].
constexpr int last_tsvm_year = 2017;

void append_int(std::string& out, std::int64_t v) {
    char digits[24];
    auto r = std::to_chars(digits, digits + sizeof digits, v);
    out.append(digits, r.ptr);
}

/// A CSV cell, quoted when it holds a comma or a quote (RFC 4180).
void append_cell(std::string& out, std::string_view text) {
    if (text.find_first_of(",\"") == std::string_view::npos) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

class Writer {
  public:
    Writer(const Options& o, const Population& p, const History& h, Summary& summary)
        : o_(o), p_(p), h_(h), summary_(summary) {}

    void subjects(OutputFile& f) {
        std::string name;
        f.text() += "id,name,kind,parent,from,until,gender\n";
        for (std::int32_t s = 0; s < p_.size(); ++s) {
            const auto i = static_cast<std::size_t>(s);
            std::string& out = f.text();
            append_id(out, p_, s);
            out += ',';
            name.clear();
            const Person person = append_name(name, p_, s, o_.seed);
            append_cell(out, name);
            out += ',';
            out += kind_slugs[static_cast<std::size_t>(p_.kind[i])];
            out += ',';
            if (p_.parent[i] >= 0) append_id(out, p_, p_.parent[i]);
            out += ',';
            if (p_.from_written(s)) append_int(out, p_.from[i]);
            out += ',';
            if (p_.until[i] != 0) append_int(out, p_.until[i]);
            out += ',';
            if (p_.kind[i] == Kind::member) out += person.female ? "nữ" : "nam";
            out += '\n';
            f.flush_if_full();
            ++summary_.subjects_by_kind[static_cast<std::size_t>(p_.kind[i])];
        }
        summary_.subjects = p_.size();
    }

    void evaluations(OutputFile& f) {
        f.text() += "subject,year,rating,disciplined,admitted,admission_target\n";
        const int years = p_.years();
        std::vector<std::int64_t> admitted(static_cast<std::size_t>(years));
        std::string id;
        for (std::int32_t s = 0; s < p_.size(); ++s) {
            const auto i = static_cast<std::size_t>(s);
            const Kind kind = p_.kind[i];
            const bool tccsd = p_.is_tccsd(s);
            if (tccsd || kind == Kind::bloc) count_admissions(s, admitted);
            id.clear();
            append_id(id, p_, s);
            for (int y = p_.first_year; y <= p_.last_year; ++y) {
                if (!p_.exists(s, y)) continue;
                std::string& out = f.text();
                out += id;
                out += ',';
                append_int(out, y);
                out += ',';
                const int level = h_.level(s, y);
                if (level == htxsnv && kind != Kind::member && y <= last_tsvm_year)
                    out += "TSVM";
                else if (level <= khtnv)
                    out += level_names[static_cast<std::size_t>(level)];
                out += ',';
                // Only discipline is written; an empty cell reads as `missing = false`.
                if (h_.disciplined(s, y)) out += "true";
                out += ',';
                const auto at = static_cast<std::size_t>(y - p_.first_year);
                if (tccsd) append_int(out, admitted[at]);
                out += ',';
                if (kind == Kind::bloc) append_int(out, admission_target(s, y, admitted[at]));
                out += '\n';
                f.flush_if_full();
                ++summary_.evaluation_rows;
                const auto l = static_cast<std::size_t>(std::min(level, int{not_rated}));
                if (tccsd) ++summary_.tccsd_levels[l];
                if (kind == Kind::member) ++summary_.member_levels[l];
            }
        }
    }

    void awards(OutputFile& f, const std::vector<Grant>& grants) {
        f.text() += "subject,year,award,decision\n";
        for (const Grant& g : grants) {
            std::string& out = f.text();
            append_id(out, p_, g.subject);
            out += ',';
            append_int(out, g.year);
            out += ',';
            out += award_ids[static_cast<std::size_t>(g.award)];
            out += ',';
            // One decision of the bloc's standing committee per award and year.
            append_int(out, 40 + 7 * (g.year - p_.first_year) + g.award);
            out += "-QĐ/ĐUK\n";
            f.flush_if_full();
            ++summary_.award_rows;
        }
    }

  private:
    const Options& o_;
    const Population& p_;
    const History& h_;
    Summary& summary_;

    /// Members admitted in each year in the subtree of `s`.
    void count_admissions(std::int32_t s, std::vector<std::int64_t>& out) const {
        std::fill(out.begin(), out.end(), 0);
        for (std::int32_t m = s + 1; m < p_.end[static_cast<std::size_t>(s)]; ++m) {
            const int y = p_.admitted[static_cast<std::size_t>(m)];
            if (y != 0) ++out[static_cast<std::size_t>(y - p_.first_year)];
        }
    }

    /// The bloc's target for the year: within 90–108 % of what it achieved, so that it is met
    /// a little more often than not.
    std::int64_t admission_target(std::int32_t bloc, int year, std::int64_t achieved) const {
        Rng r(stream(o_.seed, Purpose::admission_target, static_cast<std::uint64_t>(bloc),
                     static_cast<std::uint64_t>(year)));
        return std::max<std::int64_t>(1, (achieved * r.between(90, 108) + 50) / 100);
    }
};

} // namespace

std::vector<std::string> validate(const Options& o) {
    std::vector<std::string> problems;
    if (o.subjects < min_subjects || o.subjects > max_subjects)
        problems.push_back("--subjects must be between " + std::to_string(min_subjects) + " and " +
                           std::to_string(max_subjects) + " (got " + std::to_string(o.subjects) +
                           ")");
    if (o.first_year < min_year || o.last_year > max_year || o.first_year > o.last_year)
        problems.push_back("--years must be FIRST-LAST with " + std::to_string(min_year) +
                           " <= FIRST <= LAST <= " + std::to_string(max_year) + " (got " +
                           std::to_string(o.first_year) + "-" + std::to_string(o.last_year) + ")");
    else if (o.last_year - o.first_year + 1 > max_years)
        problems.push_back("--years may span at most " + std::to_string(max_years) + " years");
    return problems;
}

std::optional<Summary> write_dataset(const Options& o, const std::string& folder,
                                     Diagnostics& diags) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) {
        diags.error("generate.folder", {folder, 0, 0}, "cannot create the folder: " + ec.message());
        return std::nullopt;
    }
    const Population population = build_population(o);
    const History history = assign_ratings(population, o.seed);
    const std::vector<Grant> grants = decide_past_awards(population, history);

    Summary summary;
    Writer writer(o, population, history, summary);
    const std::filesystem::path dir(folder);
    OutputFile subjects(dir / "subjects.csv");
    OutputFile evaluations(dir / "evaluations.csv");
    OutputFile awards(dir / "awards.csv");
    writer.subjects(subjects);
    writer.evaluations(evaluations);
    writer.awards(awards, grants);
    // Nothing is renamed into place unless all three were written (the temporary files are
    // removed otherwise).
    for (OutputFile* f : {&subjects, &evaluations, &awards})
        if (!f->close()) {
            diags.error("generate.write", {folder, 0, 0}, f->error());
            return std::nullopt;
        }
    for (OutputFile* f : {&subjects, &evaluations, &awards}) {
        if (!f->commit()) {
            diags.error("generate.write", {folder, 0, 0}, f->error());
            return std::nullopt;
        }
        summary.bytes += f->bytes();
    }
    return summary;
}

} // namespace commend::generate
