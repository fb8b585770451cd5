// The data set: subjects, their yearly values and the awards they received, held as columns
// so that evaluation loops over arrays, not maps of strings.
//
// Subjects are numbered 0..n-1 in input order (`SubjectIndex`). Years are numbered from
// `first_year` to `last_year` of the whole data set; a yearly column stores one value per
// (subject, year) at `(year - first_year) * subjects.size() + subject`: year-major, so one
// year of every subject is one contiguous run. Evaluation reads one year of many subjects
// (a count over a grassroots organization's members), rarely many years of one subject.
//
//   const DataSet& d = ...;
//   auto s = d.find_subject("cb-03");           // std::optional<SubjectIndex>
//   const YearlyColumn* rating = d.yearly("rating");
//   int8_t level = rating->level_at(*s, d.year_slot(2021)); // -1 when missing
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "commend/diagnostic.hpp"

namespace commend {

using SubjectIndex = std::int32_t;
constexpr SubjectIndex no_subject = -1;

/// The type of a yearly column or static attribute.
enum class ColumnType { flag, number, text, level };

/// An ordered list of levels, best first (`rating = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]`).
struct Scale {
    std::string name;
    std::vector<std::string> levels; ///< index 0 is the best level
    int index_of(std::string_view level) const {
        for (std::size_t i = 0; i < levels.size(); ++i)
            if (levels[i] == level) return static_cast<int>(i);
        return -1;
    }
};

/// What the data is read against: shared by every loaded rule set (SPEC §3).
struct DataSchema {
    std::vector<Scale> scales;
    std::map<std::string, std::string> aliases; ///< data value → level name
    struct DeclaredColumn {
        ColumnType type = ColumnType::text;
        int scale = -1;                     ///< index into `scales` when type == level
        std::optional<std::string> missing; ///< the `missing` default, as written (text form)
        SourcePos pos;                      ///< where the rule file declares it
    };
    std::map<std::string, DeclaredColumn> columns;

    int scale_index(std::string_view name) const {
        for (std::size_t i = 0; i < scales.size(); ++i)
            if (scales[i].name == name) return static_cast<int>(i);
        return -1;
    }
};

/// One organization or person.
struct Subject {
    std::string id;
    std::string name;
    std::string kind;
    SubjectIndex parent = no_subject;
    int from = 0;             ///< first year it exists (resolved, never empty)
    std::optional<int> until; ///< last year it exists; empty = open
    SourcePos pos;            ///< its row in subjects.csv

    bool exists_in(int year) const { return year >= from && (!until || year <= *until); }
};

/// A column of values per (subject, year), or per subject for a static attribute.
/// Flags and levels are bytes (-1 = missing), numbers doubles (NaN = missing), text an index
/// into `strings` (-1 = missing).
struct Column {
    std::string name;
    ColumnType type = ColumnType::text;
    int scale = -1;                 ///< index into DataSchema::scales for level columns
    std::vector<std::int8_t> bytes; ///< flag (0/1) or level index
    std::vector<double> numbers;
    std::vector<std::int32_t> texts;
    std::vector<std::string> strings; ///< interned text values

    /// The `[columns]` `missing` default in the column's own storage form, for years the
    /// data set does not cover (inside them the loader has already filled it in).
    bool has_default = false;
    std::int8_t default_byte = -1;
    double default_number = std::numeric_limits<double>::quiet_NaN();
    std::int32_t default_text = -1;

    /// Every number stored is missing or an integer of magnitude at most 2^20 (counts,
    /// admissions, scores): then any sum of them over at most 2^32 subjects is exact in
    /// doubles whatever the order of the additions, which lets evaluation add in parallel
    /// lanes and still give the bits the one-by-one sum gives. Set by the loader.
    bool small_integers = false;

    static constexpr double missing_number = std::numeric_limits<double>::quiet_NaN();
};

/// Whether every value is NaN or an integer of magnitude at most 2^20 (Column::small_integers).
inline bool only_small_integers(const std::vector<double>& numbers) {
    for (double x : numbers)
        if (!std::isnan(x) && !(std::fabs(x) <= 1048576.0 && x == std::floor(x))) return false;
    return true;
}

/// An award actually granted (a row of awards.csv).
struct GrantedAward {
    SubjectIndex subject = no_subject;
    int year = 0;
    std::string award;
    std::string decision;
    SourcePos pos;
};

class DataSet {
  public:
    std::string source; ///< the folder (or database) it came from
    std::vector<Subject> subjects;
    int first_year = 0;          ///< earliest year mentioned anywhere
    int last_year = -1;          ///< latest year mentioned anywhere (in rows, from or until)
    std::vector<Column> yearly;  ///< from evaluations.csv (and declared columns it lacks)
    std::vector<Column> statics; ///< extra columns of subjects.csv
    std::vector<GrantedAward> granted;

    int year_count() const { return last_year >= first_year ? last_year - first_year + 1 : 0; }
    bool has_year(int y) const { return y >= first_year && y <= last_year; }
    /// Offset of (subject, year) in a yearly column; year must satisfy has_year.
    std::size_t slot(SubjectIndex s, int year) const {
        return year_offset(year) + static_cast<std::size_t>(s);
    }
    /// Offset of the year's run of slots (subject 0's slot); year must satisfy has_year.
    std::size_t year_offset(int year) const {
        return static_cast<std::size_t>(year - first_year) * subjects.size();
    }

    std::optional<SubjectIndex> find_subject(std::string_view id) const;
    const Column* find_yearly(std::string_view name) const;
    const Column* find_static(std::string_view name) const;

    /// Years in which `subject` received `award`, ascending (from `granted`).
    const std::vector<int>& award_years(SubjectIndex subject, std::string_view award) const;
    /// The grants of `award` as (subject, year) pairs in ascending order (empty when nobody
    /// received it): a compact list to search when many subjects are looked up at once.
    const std::vector<std::pair<SubjectIndex, int>>& grants_of(std::string_view award) const;
    /// Lookups by string_view without building a std::string (they sit on hot paths).
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    template <class V>
    using ByName = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
    using IdIndex = ByName<SubjectIndex>;

    /// Call after filling `subjects` and `granted`: builds the lookup indexes. `ids`, when
    /// given, is the id index the loader already built (id → subject, every subject once),
    /// taken over rather than built a second time.
    void build_indexes(IdIndex ids = {});

  private:
    IdIndex by_id_;
    ByName<std::vector<std::vector<int>>> award_years_;        // award → per subject
    ByName<std::vector<std::pair<SubjectIndex, int>>> grants_; // award → (subject, year), sorted
};

/// Where a data set comes from. The CSV folder is one implementation; a database can be
/// another. Loading validates everything (SPEC §2) and reports every error with its place.
class DataSource {
  public:
    virtual ~DataSource() = default;
    /// Returns the data set, or nullopt with the errors in `diags` (warnings may be added too).
    virtual std::optional<DataSet> load(const DataSchema& schema, Diagnostics& diags) = 0;
};

} // namespace commend
