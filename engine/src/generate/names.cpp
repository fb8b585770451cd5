// Names. Surname frequencies roughly as in Vietnam (Nguyễn ~38 %); organization names are the
// agencies and units a province's blocs usually hold, numbered when a bloc has more
// organizations than the list.
#include "generate/names.hpp"

#include <array>
#include <string_view>

#include "generate/random.hpp"

namespace commend::generate {

namespace {

struct Weighted {
    std::string_view text;
    std::uint32_t weight;
};
constexpr std::array<Weighted, 20> surnames = {{
    {"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95},     {"Phạm", 70}, {"Hoàng", 50},
    {"Huỳnh", 40},   {"Phan", 40},  {"Vũ", 39},     {"Võ", 39},   {"Đặng", 21},
    {"Bùi", 20},     {"Đỗ", 14},    {"Hồ", 13},     {"Ngô", 13},  {"Dương", 10},
    {"Lý", 5},       {"Đinh", 8},   {"Trương", 10}, {"Lâm", 8},   {"Mai", 6},
}};
constexpr std::array<std::string_view, 12> middle_male = {
    "Văn", "Văn", "Văn", "Hữu", "Minh", "Quốc", "Thanh", "Công", "Đức", "Ngọc", "Xuân", "Trọng"};
constexpr std::array<std::string_view, 12> middle_female = {
    "Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bích", "Mỹ", "Hồng", "Thùy"};
constexpr std::array<std::string_view, 24> given_male = {
    "Hùng",  "Dũng",  "Tuấn",  "Minh",  "Nam",  "Phong", "Hải",   "Long",
    "Quang", "Sơn",   "Thắng", "Trung", "Hiếu", "Khánh", "Tâm",   "Phúc",
    "Bình",  "Cường", "Đạt",   "Hòa",   "Hưng", "Huy",   "Nghĩa", "Vinh"};
constexpr std::array<std::string_view, 24> given_female = {
    "Hà",   "Lan",  "Hương", "Mai",    "Linh", "Trang", "Thảo", "Ngọc",
    "Hạnh", "Hằng", "Nhung", "Phương", "Yến",  "Vân",   "Loan", "Dung",
    "Thủy", "Hoa",  "Liên",  "Nga",    "Nhi",  "Thư",   "Uyên", "Hiền"};

constexpr std::array<std::string_view, 24> agencies = {"Sở Tài chính",
                                                       "Sở Kế hoạch và Đầu tư",
                                                       "Sở Nội vụ",
                                                       "Sở Tư pháp",
                                                       "Sở Công Thương",
                                                       "Sở Xây dựng",
                                                       "Sở Giao thông vận tải",
                                                       "Sở Nông nghiệp và Phát triển nông thôn",
                                                       "Sở Tài nguyên và Môi trường",
                                                       "Sở Thông tin và Truyền thông",
                                                       "Sở Lao động – Thương binh và Xã hội",
                                                       "Sở Văn hóa, Thể thao và Du lịch",
                                                       "Sở Khoa học và Công nghệ",
                                                       "Sở Giáo dục và Đào tạo",
                                                       "Sở Y tế",
                                                       "Thanh tra tỉnh",
                                                       "Văn phòng UBND tỉnh",
                                                       "Kho bạc Nhà nước tỉnh",
                                                       "Cục Thuế tỉnh",
                                                       "Bảo hiểm xã hội tỉnh",
                                                       "Bệnh viện Đa khoa tỉnh",
                                                       "Trường Cao đẳng Y tế",
                                                       "Công ty Điện lực tỉnh",
                                                       "Bưu điện tỉnh"};
constexpr std::array<std::string_view, 16> units = {"Văn phòng",
                                                    "Phòng Tổ chức cán bộ",
                                                    "Phòng Kế hoạch – Tài chính",
                                                    "Thanh tra",
                                                    "Phòng Nghiệp vụ",
                                                    "Phòng Tổng hợp",
                                                    "Phòng Kỹ thuật",
                                                    "Phòng Kinh doanh",
                                                    "Phòng Hành chính – Quản trị",
                                                    "Trung tâm Dịch vụ",
                                                    "Chi cục",
                                                    "Khoa Khám bệnh",
                                                    "Phòng Pháp chế",
                                                    "Phòng Công nghệ thông tin",
                                                    "Đội Kiểm tra",
                                                    "Phòng Đào tạo"};

template <class T, std::size_t N> const T& pick(const std::array<T, N>& a, Rng& r) {
    return a[r.below(static_cast<std::uint32_t>(N))];
}

std::string_view pick_surname(Rng& r) {
    std::uint32_t total = 0;
    for (const auto& w : surnames)
        total += w.weight;
    std::uint32_t u = r.below(total);
    for (const auto& w : surnames) {
        if (u < w.weight) return w.text;
        u -= w.weight;
    }
    return surnames.back().text;
}

/// " 2", " 3", … for the n-th round through a list (nothing for the first).
void append_round(std::string& out, std::int32_t serial, std::size_t list_size) {
    const auto round = static_cast<std::size_t>(serial - 1) / list_size;
    if (round > 0) out += " " + std::to_string(round + 1);
}

} // namespace

Person append_name(std::string& out, const Population& p, std::int32_t s, std::uint64_t seed) {
    Rng r(stream(seed, Purpose::name, static_cast<std::uint64_t>(s)));
    const std::int32_t serial = p.serial[static_cast<std::size_t>(s)];
    const auto index = [&](std::size_t n) { return static_cast<std::size_t>(serial - 1) % n; };
    switch (p.kind[static_cast<std::size_t>(s)]) {
    case Kind::bloc:
        out +=
            serial % 2 == 1 ? "Đảng ủy Khối các cơ quan tỉnh " : "Đảng ủy Khối doanh nghiệp tỉnh ";
        out += std::to_string((serial + 1) / 2);
        return {};
    case Kind::dang_bo:
        out += "Đảng bộ ";
        out += agencies[index(agencies.size())];
        append_round(out, serial, agencies.size());
        return {};
    case Kind::chi_bo_co_so:
        out += "Chi bộ ";
        out += agencies[index(agencies.size())];
        append_round(out, serial, agencies.size());
        return {};
    case Kind::chi_bo_truc_thuoc:
        out += "Chi bộ ";
        out += pick(units, r);
        out += " " + std::to_string(serial);
        return {};
    case Kind::member:
        break;
    }
    Person person{r.chance(460000)};
    out += pick_surname(r);
    out += ' ';
    out += person.female ? pick(middle_female, r) : pick(middle_male, r);
    out += ' ';
    out += person.female ? pick(given_female, r) : pick(given_male, r);
    return person;
}

} // namespace commend::generate
