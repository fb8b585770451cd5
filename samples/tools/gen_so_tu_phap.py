#!/usr/bin/env python3
"""Generate the sample data set samples/so-tu-phap/ and the audit findings it must give.

A fictional provincial Department of Justice (Sở Tư pháp): six phòng, about 80 officials
(công chức), rating years 2019–2025 — across the change of emulation law in 2024 — with the
individual emulation titles it actually granted, and the collective titles of its phòng
(awards.csv). Read with the rule sets rules/thi-dua-ca-nhan/ (ca-nhan-luat-2013.toml and
tap-the-luat-2013.toml until 2023, ca-nhan-luat-2022.toml and tap-the-luat-2022.toml from
2024; the national titles of ca-nhan-nha-nuoc-luat-*.toml, which nobody here reaches).

    python3 samples/tools/gen_so_tu_phap.py            # write the 3 CSV files + README.md
    python3 samples/tools/gen_so_tu_phap.py --dry-run  # only print the expected findings
    python3 samples/tools/gen_so_tu_phap.py --json     # print them in the shape of
                                                       # `commend audit --format json` (no detail)

Python 3 standard library only. Deterministic: a fixed seed, and only
`random.Random.random()` is used, so every Python 3 version writes the same bytes.

The history is consistent with the rules except for the planted findings (PLANTED below):
each year the titles recorded are exactly those the rules select, computed year by year by
the small re-implementation of rules/thi-dua-ca-nhan in the second half of this file
(SPEC §4/§5: three-valued criteria, `awarded` from the records, `streak(…, since = …)`,
`ever(…, last = 3)`, the 15 % share limit with `of`, rank keys). The same code then audits
the data as `commend audit` does (SPEC §6: each year judged by the rule set in force that
year, `awarded` of the evaluation year read from awards.csv) and asserts that exactly the
planted findings come out. If tomllib is available (Python 3.11+) the rule files are
cross-checked against the criteria implemented here.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import sys
import unicodedata
from fractions import Fraction

from sample_common import Rng, csv_text, nfc  # noqa: F401  (shared by the generators)

SEED = 20240115                     # a day in the first month of the 2022 law
YEARS = list(range(2019, 2026))
OLD_LAW_UNTIL = 2023                # ca-nhan-luat-2013.toml: 2017–2023; ca-nhan-luat-2022.toml: 2024–

LEVELS = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
X, T, N, K = 0, 1, 2, 3             # index into LEVELS; smaller is better

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT_DIR = os.path.join(ROOT, "samples", "so-tu-phap")
RULES_DIR = os.path.join(ROOT, "rules", "thi-dua-ca-nhan")
RULE_FILES = {"old": "ca-nhan-luat-2013.toml", "new": "ca-nhan-luat-2022.toml"}
COLLECTIVE_FILES = {"old": "tap-the-luat-2013.toml", "new": "tap-the-luat-2022.toml"}
NATIONAL_FILES = {"old": "ca-nhan-nha-nuoc-luat-2013.toml", "new": "ca-nhan-nha-nuoc-luat-2022.toml"}

LDTT = "lao-dong-tien-tien"
CSCS = "chien-si-thi-dua-co-so"
CSTINH = "chien-si-thi-dua-cap-tinh"
UNKNOWN_AWARD = "giay-khen-giam-doc"        # Giấy khen của Giám đốc Sở: no rule set defines it
AWARD_ORDER = [LDTT, CSCS, CSTINH]           # file order in both rule files
TTLDTT = "tap-the-lao-dong-tien-tien"        # the collective titles of the phòng
TTLDXS = "tap-the-lao-dong-xuat-sac"
COLLECTIVE_ORDER = [TTLDTT, TTLDXS]          # file order in both tap-the-luat-*.toml
# The national titles (ca-nhan-nha-nuoc-luat-*.toml): toàn quốc needs two cấp tỉnh titles,
# the Bằng khen Thủ tướng a recorded Bằng khen cấp tỉnh, the Huân chương a Bằng khen Thủ
# tướng. No official here has any of these, which validate() asserts, so none is eligible.
NATIONAL_ORDER = ["chien-si-thi-dua-toan-quoc", "bang-khen-thu-tuong", "huan-chuong-lao-dong-hang-ba"]


# --------------------------------------------------------------------------------------
# Deterministic randomness (only Random.random(), whose sequence is fixed for a seed)
# --------------------------------------------------------------------------------------

# --------------------------------------------------------------------------------------
# The agency
# --------------------------------------------------------------------------------------

ROOT_ID = "stp"
ROOT_NAME = "Sở Tư pháp"
ROOT_KIND = "so"
UNITS = [                                    # (id, name, officials at the start)
    ("stp-van-phong", "Văn phòng Sở", 16),
    ("stp-thanh-tra", "Thanh tra Sở", 10),
    ("stp-xay-dung-van-ban", "Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật", 12),
    ("stp-pho-bien-phap-luat", "Phòng Phổ biến, giáo dục pháp luật", 12),
    ("stp-hanh-chinh-tu-phap", "Phòng Hành chính tư pháp", 15),
    ("stp-bo-tro-tu-phap", "Phòng Bổ trợ tư pháp", 15),
]
LEAVERS = {"cc-012": 2021, "cc-036": 2023}   # last year (retired / transferred)
JOINERS = [("cc-081", "stp-hanh-chinh-tu-phap", 2022), ("cc-082", "stp-xay-dung-van-ban", 2024)]

# ---- the planted cases ------------------------------------------------------------------
J_TINH_2021 = "cc-003"       # CSTĐCS 2019–2021 → cấp tỉnh 2021 (old law; consistent)
K_TINH_2024 = "cc-029"       # CSTĐCS 2022, 2023 (old law), 2024 (new), provincial initiative 2023 → cấp tỉnh 2024
P3_TINH_2024 = "cc-017"      # the same without a provincial initiative, granted cấp tỉnh 2024 anyway
P1_CSCS_2022 = "cc-041"      # HTXSNV 2022, no initiative/research, granted CSTĐCS 2022
P2_YEAR = 2021               # CSTĐCS granted to one more than the 15 % allows
P4_LDTT_2023 = "cc-055"      # HTTNV 2023, not disciplined, never granted LĐTT 2023
P5_GIAY_KHEN = "cc-062"      # a Giấy khen of the Director for 2023 (no rule set defines it)
P6_UNKNOWN_2020 = "cc-068"   # rating of 2020 missing, granted LĐTT 2020
P7_DISC_2020 = "cc-074"      # disciplined in 2020 while rated HTTNV, granted LĐTT 2020
H_HTXSNV_2024 = "cc-008"     # HTXSNV 2024 without initiative: CSTĐCS under the 2022 law (consistent)
DISCIPLINED = {("cc-023", 2022): N, ("cc-049", 2024): K, ("cc-066", 2019): N, (P7_DISC_2020, 2020): T}

DECISION_LDTT = {2019: "08/QĐ-STP", 2020: "11/QĐ-STP", 2021: "09/QĐ-STP", 2022: "14/QĐ-STP",
                 2023: "10/QĐ-STP", 2024: "12/QĐ-STP", 2025: "07/QĐ-STP"}
DECISION_CSCS = {2019: "09/QĐ-STP", 2020: "12/QĐ-STP", 2021: "10/QĐ-STP", 2022: "15/QĐ-STP",
                 2023: "11/QĐ-STP", 2024: "13/QĐ-STP", 2025: "08/QĐ-STP"}
DECISION_TINH = {2019: "412/QĐ-UBND", 2020: "389/QĐ-UBND", 2021: "455/QĐ-UBND", 2022: "398/QĐ-UBND",
                 2023: "421/QĐ-UBND", 2024: "367/QĐ-UBND", 2025: "402/QĐ-UBND"}
DECISION_GIAY_KHEN = "45/QĐ-STP"
DECISION_TTLDTT = {2019: "10/QĐ-STP", 2020: "13/QĐ-STP", 2021: "11/QĐ-STP", 2022: "16/QĐ-STP",
                   2023: "12/QĐ-STP", 2024: "14/QĐ-STP", 2025: "09/QĐ-STP"}
DECISION_TTLDXS = {2019: "415/QĐ-UBND", 2020: "392/QĐ-UBND", 2021: "458/QĐ-UBND", 2022: "401/QĐ-UBND",
                   2023: "424/QĐ-UBND", 2024: "370/QĐ-UBND", 2025: "405/QĐ-UBND"}

# ---- Vietnamese names (as in gen_khoi_co_quan_tinh.py) ----------------------------------
SURNAMES = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Huỳnh", 4), ("Hoàng", 2),
            ("Phan", 4), ("Võ", 4), ("Vũ", 2), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 1.5), ("Hồ", 1.5),
            ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.6), ("Trương", 1), ("Đinh", 0.8), ("Lâm", 0.8),
            ("Mai", 0.6), ("Tô", 0.4), ("Cao", 0.5), ("Châu", 0.4), ("Tạ", 0.3), ("Lương", 0.5),
            ("Đoàn", 0.8), ("Thái", 0.4), ("Quách", 0.3), ("Kiều", 0.2), ("La", 0.2)]
MIDDLE_M = ["Văn", "Văn", "Văn", "Hữu", "Minh", "Quốc", "Thanh", "Công", "Đức", "Ngọc", "Hoàng",
            "Xuân", "Tấn", "Thành", "Trọng", "Phước", "Duy", "Chí", "Hoài", "Trung"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bích", "Mỹ", "Hồng",
            "Thị Thu", "Thị Thanh", "Thị Kim", "Thị Ngọc", "Thị Mỹ", "Thùy", "Diễm", "Phương"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Minh", "Nam", "Phong", "Hải", "Long", "Quang", "Sơn", "Thắng",
           "Trung", "Hiếu", "Khánh", "Tâm", "Phúc", "Lộc", "Tài", "Bình", "Cường", "Đạt", "Hòa",
           "Hưng", "Huy", "Kiên", "Lâm", "Nghĩa", "Nhân", "Phát", "Tín", "Toàn", "Trí", "Vinh",
           "Vũ", "Thành", "Tùng", "Duy", "Hiển", "Quân", "Sang", "Thiện", "Khoa", "Bảo", "An"]
GIVEN_F = ["Hà", "Lan", "Hương", "Mai", "Linh", "Trang", "Thảo", "Ngọc", "Hạnh", "Hằng", "Nhung",
           "Phương", "Tuyết", "Yến", "Vân", "Loan", "Dung", "Thủy", "Oanh", "Trinh", "Diễm", "Hoa",
           "Liên", "Nga", "Nhi", "Quyên", "Thư", "Uyên", "Vy", "Hiền", "My", "Châu", "Hồng",
           "Ánh", "Xuân", "Giang", "Huyền", "Thúy", "Tuyền", "Kiều", "Ngân", "Trâm", "Thanh"]


# --------------------------------------------------------------------------------------
# The data
# --------------------------------------------------------------------------------------

class Data:
    def __init__(self) -> None:
        self.order: list[str] = []
        self.name: dict[str, str] = {}
        self.kind: dict[str, str] = {}
        self.parent: dict[str, str | None] = {}
        self.gender: dict[str, str] = {}
        self.first: dict[str, int] = {}           # first and last year of existence
        self.last: dict[str, int] = {}
        self.from_col: dict[str, str] = {}        # what subjects.csv says
        self.until_col: dict[str, str] = {}
        self.rating: dict[tuple[str, int], int | None] = {}
        self.disc: dict[tuple[str, int], bool] = {}
        self.init: dict[tuple[str, int], bool] = {}
        self.research: dict[tuple[str, int], bool] = {}
        self.prov: dict[tuple[str, int], bool] = {}
        self.score: dict[tuple[str, int], Fraction | None] = {}
        self.awards: dict[tuple[str, int, str], str] = {}     # (subject, year, award) -> decision

    def add(self, sid, name, kind, parent, gender="", first=YEARS[0], last=YEARS[-1]) -> None:
        assert sid not in self.name, sid
        self.order.append(sid)
        self.name[sid] = nfc(name)
        self.kind[sid] = kind
        self.parent[sid] = parent
        self.gender[sid] = gender
        self.first[sid] = first
        self.last[sid] = last
        self.from_col[sid] = str(first) if first != YEARS[0] else ""
        self.until_col[sid] = str(last) if last != YEARS[-1] else ""

    def exists(self, s, y) -> bool:
        return self.first[s] <= y <= self.last[s]

    def officials(self, y=None) -> list[str]:
        return [s for s in self.order if self.kind[s] == "cong-chuc" and (y is None or self.exists(s, y))]

    def recorded(self, s, y, a) -> bool:
        return (s, y, a) in self.awards


def build_structure(rng: Rng, d: Data) -> None:
    d.add(ROOT_ID, ROOT_NAME, ROOT_KIND, None)
    no = 0

    def person(unit, first=YEARS[0], last=YEARS[-1], sid=None):
        nonlocal no
        if sid is None:
            no += 1
            sid = f"cc-{no:03d}"
        female = rng.chance(0.52)
        sur = rng.weighted([s for s, _ in SURNAMES], [w for _, w in SURNAMES])
        if female:
            name = f"{sur} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"
        else:
            name = f"{sur} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
        d.add(sid, name, "cong-chuc", unit, "nữ" if female else "nam", first, LEAVERS.get(sid, last))

    for uid, uname, n in UNITS:
        d.add(uid, uname, "phong", ROOT_ID)
        for _ in range(n):
            person(uid)
    for sid, uid, first in JOINERS:
        person(uid, first=first, sid=sid)


# --------------------------------------------------------------------------------------
# Yearly values
# --------------------------------------------------------------------------------------

# Forced values of the planted officials: (subject, year) -> (level, initiative, province)
def forced_values() -> dict[tuple[str, int], tuple[int | None, bool, bool]]:
    f = {}
    for y in (2019, 2020, 2021):
        f[(J_TINH_2021, y)] = (X, True, False)
    f[(J_TINH_2021, 2022)] = (T, False, False)
    for s in (K_TINH_2024, P3_TINH_2024):
        f[(s, 2021)] = (T, False, False)
        f[(s, 2022)] = (X, True, False)
        f[(s, 2023)] = (X, True, s == K_TINH_2024)
        f[(s, 2024)] = (X, False, False)
        f[(s, 2025)] = (T, False, False)
    f[(P1_CSCS_2022, 2022)] = (X, False, False)
    f[(P1_CSCS_2022, 2023)] = (T, False, False)
    f[(P4_LDTT_2023, 2023)] = (T, False, False)
    f[(P6_UNKNOWN_2020, 2020)] = (None, False, False)
    f[(H_HTXSNV_2024, 2024)] = (X, False, False)
    for (s, y), lv in DISCIPLINED.items():
        f[(s, y)] = (lv, False, False)
    return f


TOP = {(J_TINH_2021, 2019), (J_TINH_2021, 2020), (J_TINH_2021, 2021),
       (K_TINH_2024, 2022), (K_TINH_2024, 2023), (P3_TINH_2024, 2022), (P3_TINH_2024, 2023)}
KHTNV_COUNT = {2019: 1, 2020: 0, 2021: 1, 2022: 0, 2023: 1, 2024: 0, 2025: 1}
SCORE_RANGE = {X: (90, 98.6), T: (70, 89.6), N: (50, 69.5), K: (30, 49.5)}   # points out of 100


def assign_values(rng: Rng, d: Data) -> None:
    forced = forced_values()
    quality = {s: rng.gauss() for s in d.officials()}
    for y in YEARS:
        ex = d.officials(y)
        v = {s: quality[s] + 0.75 * rng.gauss() for s in ex}
        fixed = {s: forced[(s, y)][0] for s in ex if (s, y) in forced}
        n = len(ex)
        n_x = round(0.15 * n) - sum(1 for lv in fixed.values() if lv == X)
        n_n = round(0.07 * n) - sum(1 for lv in fixed.values() if lv == N)
        n_k = KHTNV_COUNT[y] - sum(1 for lv in fixed.values() if lv == K)
        free = sorted((s for s in ex if s not in fixed), key=lambda s: (-v[s], s))
        for i, s in enumerate(free):
            if i < n_x:
                lv = X
            elif i >= len(free) - max(n_k, 0):
                lv = K
            elif i >= len(free) - max(n_k, 0) - n_n:
                lv = N
            else:
                lv = T
            d.rating[(s, y)] = lv
        for s, lv in fixed.items():
            d.rating[(s, y)] = lv
        # scores: distinct, one decimal, by level, ordered by v (the planted "top" ones first)
        for lv, (lo, hi) in SCORE_RANGE.items():
            group = sorted((s for s in ex if d.rating[(s, y)] == lv),
                           key=lambda s: (-(v[s] + (100 if (s, y) in TOP else 0)), s))
            if not group:
                continue
            step = max(Fraction(1, 10), Fraction(round((hi - lo) * 10 / (len(group) + 1)), 10))
            for i, s in enumerate(group):
                d.score[(s, y)] = Fraction(round(hi * 10), 10) - i * step
                assert d.score[(s, y)] >= lo, (s, y)
        for s in ex:
            lv = d.rating[(s, y)]
            d.disc[(s, y)] = (s, y) in DISCIPLINED
            if (s, y) in forced:
                _, ini, prov = forced[(s, y)]
                d.init[(s, y)], d.prov[(s, y)], d.research[(s, y)] = ini, prov, False
                if lv is None:
                    d.score[(s, y)] = None
                continue
            p_init = {X: 0.42, T: 0.06}.get(lv, 0.0)
            p_res = {X: 0.05, T: 0.015}.get(lv, 0.0)
            d.init[(s, y)] = rng.chance(p_init)
            d.research[(s, y)] = rng.chance(p_res)
            d.prov[(s, y)] = d.init[(s, y)] and lv == X and rng.chance(0.12)
    # unit rows: the collective rating of each phòng and of the Sở (used by no rule yet)
    for s in [ROOT_ID] + [u for u, _, _ in UNITS]:
        for y in YEARS:
            d.rating[(s, y)] = X if rng.chance(0.35) else T


# --------------------------------------------------------------------------------------
# The rules of rules/thi-dua-ca-nhan, re-implemented for this data (SPEC §4, §5)
# --------------------------------------------------------------------------------------

CRITERIA = {   # (era, award) -> [(label, test, gate)]
    ("old", LDTT): [
        ("Xếp loại hoàn thành tốt nhiệm vụ trở lên", "rating >= HTTNV", True),
        ("Không bị kỷ luật trong năm", "not disciplined", False)],
    ("old", CSCS): [
        ("Có sáng kiến được công nhận hoặc đề tài nghiên cứu khoa học được nghiệm thu trong năm",
         "initiative or research", True),
        ("Đạt danh hiệu Lao động tiên tiến trong năm", "awarded('lao-dong-tien-tien')", False)],
    ("old", CSTINH): [
        ("Đạt danh hiệu Chiến sĩ thi đua cơ sở trong năm", "awarded('chien-si-thi-dua-co-so')", True),
        ("3 năm liên tục đạt Chiến sĩ thi đua cơ sở, không tính lại những năm đã được tặng",
         "streak(awarded('chien-si-thi-dua-co-so'), since = 'chien-si-thi-dua-cap-tinh') >= 3", False)],
    ("new", LDTT): [
        ("Xếp loại hoàn thành tốt nhiệm vụ trở lên", "rating >= HTTNV", True),
        ("Không bị kỷ luật trong năm", "not disciplined", False)],
    ("new", CSCS): [
        ("Hoàn thành xuất sắc nhiệm vụ, hoặc có sáng kiến được công nhận, hoặc có đề tài nghiên cứu "
         "khoa học được nghiệm thu trong năm", "rating == HTXSNV or initiative or research", True),
        ("Đạt danh hiệu Lao động tiên tiến trong năm", "awarded('lao-dong-tien-tien')", False)],
    ("new", CSTINH): [
        ("Đạt danh hiệu Chiến sĩ thi đua cơ sở trong năm", "awarded('chien-si-thi-dua-co-so')", True),
        ("3 năm liên tục đạt Chiến sĩ thi đua cơ sở, không tính lại những năm đã được tặng",
         "streak(awarded('chien-si-thi-dua-co-so'), since = 'chien-si-thi-dua-cap-tinh') >= 3", False),
        ("Có sáng kiến được công nhận áp dụng, nhân rộng trong phạm vi toàn tỉnh trong 3 năm xét",
         "ever(initiative_province, last = 3)", False)],
}
RANK = ["rating", "score desc"]
_MEMBERS = "children('cong-chuc')"
COLLECTIVE_CRITERIA = {   # (era, award) -> [(label, test, gate)] of tap-the-luat-*.toml
    ("old", TTLDTT): [
        ("Tập thể hoàn thành tốt nhiệm vụ trở lên", "rating >= HTTNV", True),
        ("Trên 50% cá nhân đạt danh hiệu Lao động tiên tiến",
         f"share({_MEMBERS}, awarded('lao-dong-tien-tien')) > 0.5", False),
        ("Không có cá nhân bị kỷ luật từ cảnh cáo trở lên", f"none({_MEMBERS}, disciplined_canh_cao)", False)],
    ("old", TTLDXS): [
        ("Tập thể hoàn thành xuất sắc nhiệm vụ", "rating == HTXSNV", True),
        ("100% cá nhân hoàn thành nhiệm vụ trở lên", f"all({_MEMBERS}, rating >= HTNV)", False),
        ("Ít nhất 70% cá nhân đạt danh hiệu Lao động tiên tiến",
         f"share({_MEMBERS}, awarded('lao-dong-tien-tien')) >= 0.7", False),
        ("Có cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở", f"any({_MEMBERS}, awarded('chien-si-thi-dua-co-so'))", False),
        ("Không có cá nhân bị kỷ luật từ cảnh cáo trở lên", f"none({_MEMBERS}, disciplined_canh_cao)", False)],
}
COLLECTIVE_CRITERIA[("new", TTLDTT)] = COLLECTIVE_CRITERIA[("old", TTLDTT)]          # assumption C4
COLLECTIVE_CRITERIA[("new", TTLDXS)] = COLLECTIVE_CRITERIA[("old", TTLDXS)][:4]      # no discipline clause
OLD_LIMIT = {"share": 0.15, "per": {"ancestor": ["so"]}, "of": "awarded('lao-dong-tien-tien')",
             "round": "floor"}


def era(y: int) -> str:
    return "old" if y <= OLD_LAW_UNTIL else "new"


def k_or(*vals):
    if any(v is True for v in vals):
        return True
    if any(v is None for v in vals):
        return None
    return False


class Judge:
    """Evaluates the rules for year Y. `mode` is "audit" (awarded in Y reads the records) or
    "evaluate" (awarded in Y reads this run's selection: unknown when eligibility is)."""

    def __init__(self, d: Data, y: int, mode: str) -> None:
        self.d, self.y, self.mode = d, y, mode
        self.sel: dict[str, dict] = {}

    def awarded_now(self, s, a):
        if self.mode == "audit":
            return self.d.recorded(s, self.y, a)
        sel = self.sel[a]
        if s in sel["selected"]:
            return True
        if s in sel["tied"] or s in sel["unknown"]:
            return None
        return False

    def awarded(self, s, yy, a):
        return self.awarded_now(s, a) if yy == self.y else self.d.recorded(s, yy, a)

    def criteria(self, s, a):
        d, y = self.d, self.y
        lv = d.rating.get((s, y))
        if a == LDTT:
            return [None if lv is None else lv <= T, not d.disc[(s, y)]]
        if a == CSCS:
            ldtt = self.awarded(s, y, LDTT)
            if era(y) == "old":
                return [d.init[(s, y)] or d.research[(s, y)], ldtt]
            return [k_or(None if lv is None else lv == X, d.init[(s, y)], d.research[(s, y)]), ldtt]
        if a in COLLECTIVE_ORDER:
            return self.collective_criteria(s, a)
        if a == CSTINH:
            res = [self.awarded(s, y, CSCS), cmp_ge(self.streak_cscs(s), 3)]
            if era(y) == "new":
                win = [yy for yy in range(y - 2, y + 1) if d.exists(s, yy)]
                res.append(any(d.prov[(s, yy)] for yy in win))
            return res
        raise KeyError(a)

    def collective_criteria(self, u, a):
        """tap-the-luat-*.toml for phòng `u` (SPEC §4: share and all over the members that
        exist in the year, Kleene; nobody here is disciplined at cảnh cáo or above, the column
        is absent and read as false)."""
        d, y = self.d, self.y
        members = [s for s in d.officials(y) if d.parent[s] == u]
        lv = d.rating.get((u, y))

        def share_cmp(award, bound, strict):
            vals = [self.awarded(s, y, award) for s in members]
            lo = Fraction(sum(1 for v in vals if v is True), len(members))
            hi = Fraction(sum(1 for v in vals if v is not False), len(members))
            ok = (lambda x: x > bound) if strict else (lambda x: x >= bound)
            return True if ok(lo) else False if not ok(hi) else None

        def all_htnv():
            levels = [d.rating.get((s, y)) for s in members]
            if any(v is not None and v > N for v in levels):
                return False
            return None if any(v is None for v in levels) else True

        def any_cscs():
            vals = [self.awarded(s, y, CSCS) for s in members]
            return True if True in vals else None if None in vals else False

        if a == TTLDTT:
            return [lv <= T, share_cmp(LDTT, Fraction(1, 2), True), True]
        res = [lv == X, all_htnv(), share_cmp(LDTT, Fraction(7, 10), False), any_cscs()]
        return res + [True] if era(y) == "old" else res

    def streak_cscs(self, s):
        """streak(awarded(CSCS), since = CSTINH) as a (lo, hi) range."""
        d, y = self.d, self.y
        first = d.first[s]
        before = [yy for yy in range(first, y) if d.recorded(s, yy, CSTINH)]
        if before:
            first = max(first, max(before) + 1)
        lo = hi = 0
        lo_open = hi_open = True
        for yy in range(y, first - 1, -1):
            v = self.awarded(s, yy, CSCS)
            if lo_open:
                if v is True:
                    lo += 1
                else:
                    lo_open = False
            if hi_open:
                if v is not False:
                    hi += 1
                else:
                    hi_open = False
        return lo, hi

    def rank_key(self, s):
        lv = self.d.rating[(s, self.y)]
        sc = self.d.score[(s, self.y)]
        assert lv is not None and sc is not None, s
        return (lv, -sc)

    def select(self, a):
        """Applicable, results, eligible, selected, tied, over, unknown, near; places per group."""
        d, y = self.d, self.y
        collective = a in COLLECTIVE_ORDER
        applicable = [u for u in d.order if d.kind[u] == "phong"] if collective else d.officials(y)
        results = {s: self.criteria(s, a) for s in applicable}
        crit = (COLLECTIVE_CRITERIA if collective else CRITERIA)[(era(y), a)]
        eligible = [s for s in applicable if all(v is True for v in results[s])]
        unknown = [s for s in applicable if not any(v is False for v in results[s])
                   and any(v is None for v in results[s])]
        near = [s for s in applicable if sum(1 for v in results[s] if v is False) == 1
                and not any(v is None for v in results[s])
                and not crit[[v is False for v in results[s]].index(True)][2]]
        if a == LDTT or collective:  # no rank keys: every candidate tied, listed by id
            ranked = sorted(eligible)
        else:
            ranked = sorted(eligible, key=lambda s: (self.rank_key(s), s))
        places = None
        if a == CSCS and era(y) == "old":
            # limit = { share = 0.15, per = { ancestor = ["so"] }, of = awarded(LĐTT) }: one
            # group, the Sở; B counts applicable officials whose `of` is true (not unknown).
            b = sum(1 for s in applicable if self.awarded(s, y, LDTT) is True)
            places = math.floor(Fraction(15, 100) * b)
        selected, tied, over = [], [], []
        if places is None:
            selected = ranked
        else:
            i = 0
            while i < len(ranked):
                j = i
                while j < len(ranked) and self.rank_key(ranked[j]) == self.rank_key(ranked[i]):
                    j += 1
                grp = ranked[i:j]
                left = places - len(selected)
                if len(grp) <= left:
                    selected += grp
                elif left > 0:
                    tied += grp
                    over += ranked[j:]
                    break
                else:
                    over += grp
                i = j
        out = {"applicable": applicable, "results": results, "eligible": eligible,
               "selected": selected, "tied": tied, "over": sorted(over), "unknown": sorted(unknown),
               "near": sorted(near), "places": places}
        self.sel[a] = out
        return out

    def run(self):
        for a in AWARD_ORDER + COLLECTIVE_ORDER:   # dependency order: LĐTT → CSTĐCS → …
            self.select(a)
        return self.sel


def cmp_ge(rng_, bound):
    lo, hi = rng_
    if lo >= bound:
        return True
    if hi < bound:
        return False
    return None


# --------------------------------------------------------------------------------------
# Recording the history year by year, with the planted departures
# --------------------------------------------------------------------------------------

def record_history(rng: Rng, d: Data) -> None:
    for y in YEARS:
        # LĐTT: every eligible official (no limit) — except P4; plus P6 and P7.
        j = Judge(d, y, "audit")
        for s in d.officials(y):
            res = j.criteria(s, LDTT)
            grant = all(v is True for v in res)
            if (s, y) == (P4_LDTT_2023, 2023):
                assert grant
                grant = False
            if (s, y) in ((P6_UNKNOWN_2020, 2020), (P7_DISC_2020, 2020)):
                assert not grant
                grant = True
            if grant:
                d.awards[(s, y, LDTT)] = DECISION_LDTT[y]
        # Shape the CSTĐCS candidates of the two planted years (old law, 15 %).
        if y == 2022:
            trim_candidates(d, y)
        if y == P2_YEAR:
            widen_candidates(d, y)
        j = Judge(d, y, "audit")
        sel = j.select(CSCS)
        assert not sel["tied"] and not sel["unknown"], (y, sel["tied"], sel["unknown"])
        grant = list(sel["selected"])
        if y == 2022:
            assert P1_CSCS_2022 not in sel["eligible"]
            assert len(grant) + 1 <= sel["places"], (len(grant), sel["places"])
            grant.append(P1_CSCS_2022)
        if y == P2_YEAR:
            assert sel["over"], "no candidate over the limit in the over-limit year"
            grant.append(first_over(j, sel))
        for s in grant:
            d.awards[(s, y, CSCS)] = DECISION_CSCS[y]
        j = Judge(d, y, "audit")
        sel = j.select(CSTINH)
        assert not sel["unknown"], (y, sel["unknown"])
        grant = list(sel["selected"])
        if y == 2024:
            assert P3_TINH_2024 not in sel["eligible"]
            grant.append(P3_TINH_2024)
        for s in grant:
            d.awards[(s, y, CSTINH)] = DECISION_TINH[y]
        # The phòng's collective titles: every eligible one (no limit), read from the
        # individual titles just recorded, as `commend audit` reads them.
        j = Judge(d, y, "audit")
        for a, decision in ((TTLDTT, DECISION_TTLDTT), (TTLDXS, DECISION_TTLDXS)):
            sel = j.select(a)
            for u in sel["selected"]:
                d.awards[(u, y, a)] = decision[y]
    d.awards[(P5_GIAY_KHEN, 2023, UNKNOWN_AWARD)] = DECISION_GIAY_KHEN


def first_over(j: Judge, sel) -> str:
    return sorted(sel["over"], key=lambda s: (j.rank_key(s), s))[0]


def trim_candidates(d: Data, y: int) -> None:
    """2022: fewer CSTĐCS candidates than the places, so that the one planted grant does not
    also exceed the limit: the lowest-ranked candidates' initiatives are read as not
    recognised that year."""
    planted = {K_TINH_2024, P3_TINH_2024}
    for _ in range(40):
        j = Judge(d, y, "audit")
        sel = j.select(CSCS)
        if len(sel["eligible"]) + 1 <= sel["places"]:
            return
        free = [s for s in sel["eligible"] if s not in planted]
        worst = sorted(free, key=lambda s: (j.rank_key(s), s))[-1]
        d.init[(worst, y)] = d.research[(worst, y)] = d.prov[(worst, y)] = False
    raise AssertionError("cannot trim the 2022 candidates")


def widen_candidates(d: Data, y: int) -> None:
    """The over-limit year: at least one eligible candidate beyond the places."""
    for _ in range(40):
        j = Judge(d, y, "audit")
        sel = j.select(CSCS)
        if len(sel["eligible"]) >= sel["places"] + 1:
            return
        pool = [s for s in d.officials(y) if s not in sel["eligible"] and d.recorded(s, y, LDTT)
                and (s, y) not in forced_values()]
        best = sorted(pool, key=lambda s: (j.rank_key(s), s))[0]
        d.init[(best, y)] = True
    raise AssertionError("cannot widen the over-limit year")


# --------------------------------------------------------------------------------------
# The audit, as `commend audit` must do it (SPEC §6)
# --------------------------------------------------------------------------------------

def audit(d: Data):
    findings = []
    for y in YEARS:
        j = Judge(d, y, "audit")
        sel = j.run()
        recorded = [(s, a) for (s, yy, a) in d.awards if yy == y]
        for s, a in recorded:
            assert a not in NATIONAL_ORDER, (s, y, a)
            if a not in sel:
                findings.append((y, "granted-unknown-award", s, a))
                continue
            if s not in sel[a]["applicable"]:
                findings.append((y, "granted-not-eligible", s, a))
                continue
            res = sel[a]["results"][s]
            if False in res:
                findings.append((y, "granted-not-eligible", s, a))
            elif None in res:
                findings.append((y, "granted-unknown", s, a))
        for a in AWARD_ORDER + COLLECTIVE_ORDER:
            for s in sel[a]["selected"]:
                if not d.recorded(s, y, a):
                    findings.append((y, "eligible-not-granted", s, a))
            if sel[a]["places"] is not None:
                n = sum(1 for (s, aa) in recorded if aa == a and s in sel[a]["applicable"])
                if n > sel[a]["places"]:
                    findings.append((y, "over-limit", ROOT_ID, a))
    findings.sort(key=lambda f: (f[0], f[1], f[2] or "", f[3]))
    return findings


PLANTED = [   # (year, type, subject, award, what)
    (2020, "granted-not-eligible", P7_DISC_2020, LDTT,
     "rated HTTNV but disciplined (khiển trách) in 2020; LĐTT granted anyway — fails “Không bị kỷ luật trong năm” "
     "(assumption A2/B2 of the rule files: discipline bars the title)"),
    (2020, "granted-unknown", P6_UNKNOWN_2020, LDTT,
     "no 2020 rating in the records (the cell is empty); LĐTT granted — “Xếp loại hoàn thành tốt nhiệm vụ trở lên” is unknown"),
    (2021, "over-limit", ROOT_ID, CSCS,
     "CSTĐCS granted to {n} officials, 15 % of the Sở's {b} LĐTT allows {p}; every one of them is eligible, "
     "the extra one is `{extra}` (the first below the cut by rating, then score). The group is the whole "
     "Sở (assumption A4)"),
    (2022, "granted-not-eligible", P1_CSCS_2022, CSCS,
     "HTXSNV in 2022 but no initiative nor research: CSTĐCS under the 2022 law, not under the old law "
     "in force for 2022 — fails “Có sáng kiến … hoặc đề tài …”"),
    (2023, "eligible-not-granted", P4_LDTT_2023, LDTT,
     "HTTNV, not disciplined in 2023, left out of the LĐTT decision (a warning)"),
    (2023, "granted-unknown-award", P5_GIAY_KHEN, UNKNOWN_AWARD,
     "a Giấy khen of the Director (`45/QĐ-STP`): no rule set of rules/thi-dua-ca-nhan defines it"),
    (2024, "granted-not-eligible", P3_TINH_2024, CSTINH,
     "CSTĐCS 2022, 2023 (old law) and 2024: enough under the old law, but the 2022 law also asks for an "
     "initiative applied across the province — fails “Có sáng kiến được công nhận áp dụng, nhân rộng "
     "trong phạm vi toàn tỉnh trong 3 năm xét” (the 3 years: assumption B4; 2022–2023 counting at all: B3)"),
]


# --------------------------------------------------------------------------------------
# Generation and invariants
# --------------------------------------------------------------------------------------

def generate() -> Data:
    rng = Rng(SEED)
    d = Data()
    build_structure(rng, d)
    assign_values(rng, d)
    record_history(rng, d)
    validate(d)
    return d


def validate(d: Data) -> None:
    for y in YEARS:
        ex = d.officials(y)
        for s in ex:
            lv = d.rating[(s, y)]
            if (s, y) != (P6_UNKNOWN_2020, 2020):
                assert lv is not None and d.score[(s, y)] is not None, (s, y)
            if d.disc[(s, y)] and (s, y) != (P7_DISC_2020, 2020):
                assert lv is not None and lv >= N, (s, y)          # a disciplined official is HTNV or worse
            if d.prov[(s, y)]:
                assert d.init[(s, y)], (s, y)
        scores = [d.score[(s, y)] for s in ex if d.score[(s, y)] is not None]
        assert len(scores) == len(set(scores)), y                   # no equal rank keys, no ties
        nx = sum(1 for s in ex if d.rating[(s, y)] == X)
        ng = sum(1 for s in ex if d.rating[(s, y)] is not None and d.rating[(s, y)] <= T)
        assert 5 * nx <= ng, y                                      # HTXSNV <= 20 % of HTTNV or better
    found = audit(d)
    want = sorted(((y, t, s, a) for y, t, s, a, _ in PLANTED), key=lambda f: (f[0], f[1], f[2] or "", f[3]))
    assert found == want, "\n".join(map(str, found))
    tinh = sorted((y, s) for (s, y, a) in d.awards if a == CSTINH)
    assert (2021, J_TINH_2021) in tinh and (2024, K_TINH_2024) in tinh and (2024, P3_TINH_2024) in tinh, tinh
    assert d.recorded(H_HTXSNV_2024, 2024, CSCS) and not d.init[(H_HTXSNV_2024, 2024)]
    # The national titles stay out of reach (NATIONAL_ORDER): nobody has two cấp tỉnh titles,
    # and no Bằng khen cấp tỉnh or Thủ tướng is recorded — so their gates fail for everyone.
    for s in d.officials():
        assert sum(1 for y in YEARS if d.recorded(s, y, CSTINH)) < 2, s
    assert not any(a in ("bang-khen-cap-tinh", "bang-khen-thu-tuong") for (_, _, a) in d.awards)
    assert any(a == TTLDXS for (_, _, a) in d.awards) and any(a == TTLDTT for (_, _, a) in d.awards)


def check_rule_files() -> str:
    try:
        import tomllib
    except ImportError:
        return "rule files not cross-checked (tomllib needs Python 3.11+)"
    shared = None
    for e, fn in RULE_FILES.items():
        with open(os.path.join(RULES_DIR, fn), "rb") as f:
            rules = tomllib.load(f)
        frm, until = rules["ruleset"]["in_force"].get("from"), rules["ruleset"]["in_force"].get("until")
        assert (e == "old" and until == OLD_LAW_UNTIL) or (e == "new" and frm == OLD_LAW_UNTIL + 1), fn
        assert [a["id"] for a in rules["award"]] == AWARD_ORDER, fn
        for a in rules["award"]:
            crit = [(c["label"], c["test"], c.get("gate", False)) for c in a["criteria"]]
            assert crit == CRITERIA[(e, a["id"])], (fn, a["id"])
            assert a["kinds"] == ["cong-chuc"], (fn, a["id"])
            assert a.get("rank", RANK) == RANK, (fn, a["id"])
            want_limit = OLD_LIMIT if (e, a["id"]) == ("old", CSCS) else None
            assert a.get("limit") == want_limit, (fn, a["id"])
        tables = (rules["scales"], rules.get("aliases"), rules["columns"], rules.get("labels"))
        assert rules["scales"]["rating"] == LEVELS
        assert shared is None or shared == tables, "shared tables differ between the rule files"
        shared = tables
    for files, order, table in ((COLLECTIVE_FILES, COLLECTIVE_ORDER, COLLECTIVE_CRITERIA),
                                (NATIONAL_FILES, NATIONAL_ORDER, None)):
        for e, fn in files.items():
            with open(os.path.join(RULES_DIR, fn), "rb") as f:
                rules = tomllib.load(f)
            assert [a["id"] for a in rules["award"]] == order, fn
            for a in rules["award"]:
                assert "limit" not in a, (fn, a["id"])
                if table:
                    crit = [(c["label"], c["test"], c.get("gate", False)) for c in a["criteria"]]
                    assert crit == table[(e, a["id"])], (fn, a["id"])
                    assert a["kinds"] == ["phong"], (fn, a["id"])
            tables = (rules["scales"], rules.get("aliases"), rules["columns"], rules.get("labels"))
            assert shared == tables, f"shared tables of {fn} differ from the other rule files"
    return "rule files cross-checked: criteria, limits, rank keys and shared tables match"


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------

def fmt_score(f) -> str:
    return "" if f is None else f"{float(f):.1f}"


def flag(v: bool) -> str:
    return "true" if v else ""


def write_csvs(d: Data) -> dict[str, str]:
    files = {}
    files["subjects.csv"] = csv_text(
        ["id", "name", "kind", "parent", "from", "until", "gender"],
        ([s, d.name[s], d.kind[s], d.parent[s] or "", d.from_col[s], d.until_col[s], d.gender[s]]
         for s in d.order))
    rows = []
    for s in d.order:
        for y in YEARS:
            if not d.exists(s, y):
                continue
            lv = d.rating[(s, y)]
            if d.kind[s] != "cong-chuc":
                rows.append([s, y, LEVELS[lv], "", "", "", "", ""])
                continue
            rows.append([s, y, "" if lv is None else LEVELS[lv], flag(d.disc[(s, y)]), flag(d.init[(s, y)]),
                         flag(d.research[(s, y)]), flag(d.prov[(s, y)]), fmt_score(d.score[(s, y)])])
    files["evaluations.csv"] = csv_text(
        ["subject", "year", "rating", "disciplined", "initiative", "research", "initiative_province", "score"],
        rows)
    rank_award = {LDTT: 0, CSCS: 1, CSTINH: 2, TTLDTT: 3, TTLDXS: 4, UNKNOWN_AWARD: 5}
    aw = sorted(d.awards.items(), key=lambda kv: (kv[0][1], rank_award[kv[0][2]], kv[0][0]))
    files["awards.csv"] = csv_text(["subject", "year", "award", "decision"],
                                   ([s, y, a, dec] for (s, y, a), dec in aw))
    return files


def planted_details(d: Data) -> list[tuple]:
    out = []
    for y, t, s, a, what in PLANTED:
        if t == "over-limit":
            j = Judge(d, y, "audit")
            sel = j.select(CSCS)
            b = sum(1 for x in d.officials(y) if d.recorded(x, y, LDTT))
            n = sum(1 for x in d.officials(y) if d.recorded(x, y, CSCS))
            what = what.format(n=n, b=b, p=sel["places"], extra=first_over(j, sel))
        out.append((y, t, s, a, what))
    return out


def findings_json(d: Data) -> dict:
    return {"from": YEARS[0], "to": YEARS[-1],
            "findings": [{"type": t, "year": y, "subject": s, "award": a} for y, t, s, a in audit(d)]}


def year_table(d: Data) -> str:
    L = ["| year | law | officials | HTXSNV / HTTNV / HTNV / KHTNV / missing | initiative or research | LĐTT | CSTĐCS eligible / places / granted | cấp tỉnh granted | phòng TTLĐTT / TTLĐXS |",
         "| --- | --- | ---: | --- | ---: | ---: | --- | --- | --- |"]
    for y in YEARS:
        ex = d.officials(y)
        c = [0] * 5
        for s in ex:
            lv = d.rating[(s, y)]
            c[4 if lv is None else lv] += 1
        j = Judge(d, y, "audit")
        sel = j.run()
        nl = sum(1 for s in ex if d.recorded(s, y, LDTT))
        nc = sum(1 for s in ex if d.recorded(s, y, CSCS))
        places = sel[CSCS]["places"]
        tinh = [s for s in ex if d.recorded(s, y, CSTINH)]
        L.append(f"| {y} | {'2003/2013, NĐ 91' if era(y) == 'old' else '2022, NĐ 98'} | {len(ex)} | "
                 f"{c[0]} / {c[1]} / {c[2]} / {c[3]} / {c[4]} | "
                 f"{sum(1 for s in ex if d.init[(s, y)] or d.research[(s, y)])} | {nl} | "
                 f"{len(sel[CSCS]['eligible'])} / {places if places is not None else '—'} / {nc} | "
                 f"{', '.join('`' + s + '`' for s in tinh) or '—'} | "
                 f"{sum(1 for (_, yy, a) in d.awards if yy == y and a == TTLDTT)} / "
                 f"{sum(1 for (_, yy, a) in d.awards if yy == y and a == TTLDXS)} |")
    return "\n".join(L)


def evaluate_summary(d: Data, y: int) -> str:
    """What `commend evaluate --year Y` lists (awarded in Y read from this run's selection)."""
    j = Judge(d, y, "evaluate")
    sel = j.run()
    L = []
    for a in AWARD_ORDER:
        s = sel[a]
        line = (f"- `{a}`: {len(s['applicable'])} applicable, {len(s['eligible'])} eligible, "
                f"{len(s['selected'])} selected")
        if s["places"] is not None:
            line += f" ({s['places']} places)"
        if s["over"]:
            line += f"; over the limit: {', '.join('`' + x + '`' for x in s['over'])}"
        if s["unknown"]:
            line += f"; unknown: {', '.join('`' + x + '`' for x in s['unknown'])}"
        line += f"; near misses: {len(s['near'])}"
        if a == CSTINH and s["selected"]:
            line += f"; selected: {', '.join('`' + x + '`' for x in s['selected'])}"
        L.append(line)
    return "\n".join(L)


README_TEMPLATE = """# Mẫu dữ liệu: Sở Tư pháp, 2019–2025 — danh hiệu thi đua cá nhân và tập thể

*Sample data set: a provincial Department of Justice, rating years 2019–2025, with the
individual and collective emulation titles it granted — for `commend audit` across the 2024
change of law.*

Dữ liệu **hư cấu** (fictional). Một Sở của tỉnh với {n_units} phòng và khoảng 80 công chức;
xếp loại công chức hằng năm, sáng kiến, kỷ luật, và các danh hiệu đã được tặng
(`awards.csv`, kèm số quyết định). Read with the rule sets `rules/thi-dua-ca-nhan/`
(`ca-nhan-luat-2013.toml` and `tap-the-luat-2013.toml` for 2017–2023, `ca-nhan-luat-2022.toml`
and `tap-the-luat-2022.toml` from 2024 — the same award ids, different criteria; the national
titles of `ca-nhan-nha-nuoc-luat-*.toml` are in force too, and nobody here reaches them).

```sh
commend audit    --rules rules/thi-dua-ca-nhan --data samples/so-tu-phap
commend evaluate --rules rules/thi-dua-ca-nhan --data samples/so-tu-phap --year 2022
commend evaluate --rules rules/thi-dua-ca-nhan --data samples/so-tu-phap --year 2024
commend explain  --rules rules/thi-dua-ca-nhan --data samples/so-tu-phap --year 2024 --subject {p3} --award chien-si-thi-dua-cap-tinh
commend explain  --rules rules/thi-dua-ca-nhan --data samples/so-tu-phap --year 2022 --subject stp-van-phong --award tap-the-lao-dong-xuat-sac
```

Why a Sở Tư pháp: the Sở Kế hoạch và Đầu tư first considered was merged into the Sở Tài
chính in 2025, so it would have no 2025 rating year of its own; a Sở Tư pháp kept its shape.

Generated by `samples/tools/gen_so_tu_phap.py` (Python 3 standard library, fixed seed
{seed}); do not edit the CSV files by hand — change the generator and run
`python3 samples/tools/gen_so_tu_phap.py` (it rewrites the three CSV files and this README
and prints the expected findings; `--json` prints them in the shape of
`commend audit --format json`, without `detail`). The generator records each year's titles
with its own model of the two rule files, then audits the result with the same model and
checks that exactly the planted findings come out.

## Tổ chức / Structure

| kind | count | |
| --- | ---: | --- |
| `so` | 1 | `{root}` — {root_name} |
| `phong` | {n_units} | {units} |
| `cong-chuc` | {n_off} | `cc-001` … `cc-{last_no}`: {n_start} in 2019; `cc-012` retired after 2021, `cc-036` transferred after 2023 (`until`); `cc-081` joined in 2022, `cc-082` in 2024 (`from`) |

## Files

- `subjects.csv` — `id,name,kind,parent,from,until,gender` ({rows_subjects} rows).
- `evaluations.csv` — `subject,year,rating,disciplined,initiative,research,initiative_province,score`
  ({rows_eval} rows: every subject in every year it exists).
  - `rating`: the civil-service rating of the year (`HTXSNV`, `HTTNV`, `HTNV`, `KHTNV`); the
    rows of the Sở and the phòng carry the collective's rating (the phòng's is read by the
    collective titles; the Sở's by no rule).
    One cell is deliberately empty (`{p6}`, 2020).
  - `disciplined`, `initiative`, `research`, `initiative_province`: `true`, or empty (read as
    false, `[columns]`). A disciplined official is rated HTNV or KHTNV, except one planted case.
  - `score`: the year-end score out of 100 (HTXSNV 90–98.6, HTTNV 70–89.6, HTNV 50–69.5,
    KHTNV below 50), all different within a year, so no tie at the 15 % cut.
- `awards.csv` — `subject,year,award,decision` ({rows_awards} rows): LĐTT and CSTĐCS by decision
  of the Giám đốc Sở (`…/QĐ-STP`), CSTĐ cấp tỉnh by decision of the Chủ tịch UBND tỉnh
  (`…/QĐ-UBND`), for every year 2019–2025 (the 2025 decisions were taken in January 2026);
  the phòng's Tập thể lao động tiên tiến (`…/QĐ-STP`) and xuất sắc (`…/QĐ-UBND`): each year
  exactly the phòng the rules find eligible, reading the individual titles recorded.

## Năm / Years

Counts per year (LĐTT, CSTĐCS and cấp tỉnh are what `awards.csv` records; the CSTĐCS
eligible and places are those of the rules, reading the recorded LĐTT as `commend audit`
does).

{year_table}

HTXSNV stays within 20 % of those rated HTTNV or better every year. Under the old law the
15 % cap binds most years; from 2024 every LĐTT who is HTXSNV or has an initiative is a
CSTĐCS (no cap under the 2022 law, assumption B6), so the count jumps.

## Các trường hợp cài sẵn / Planted findings

The rest of the history is consistent: every other title recorded is exactly one the rules
select (LĐTT: all eligible; CSTĐCS until 2023: the first places by rating, then score;
collective titles: all eligible).

| year | type | subject | award | what |
| --- | --- | --- | --- | --- |
{planted_rows}

Consistent cases worth a look with `explain`:

- `{j}` — CSTĐCS 2019, 2020, 2021 → CSTĐ cấp tỉnh 2021 (old law, 3 consecutive CSTĐCS).
- `{k}` — CSTĐCS 2022, 2023 (old law), 2024 (new law), an initiative applied across the
  province recognised in 2023 → CSTĐ cấp tỉnh 2024 under the 2022 law; the years 2022–2023
  count by assumption B3 (how years before 2024 count is unverified).
- `{h}` — HTXSNV in 2024 without an initiative: CSTĐCS 2024 under the 2022 law (under the
  old law it would fail, as `{p1}` does in 2022).

## Kết quả audit mong đợi / Expected audit findings

`commend audit --rules rules/thi-dua-ca-nhan --data samples/so-tu-phap` (default years
{y0}–{y1}: the rule sets are in force from 2017, the data starts in 2019) must report exactly
these findings, in this order (SPEC §6: by year, then type, subject, award), and exit 1
(errors among them):

| year | type | subject | award | severity |
| --- | --- | --- | --- | --- |
{finding_rows}

## `evaluate` (for reference)

Here `awarded(…)` of the evaluation year reads the run's own selection, not `awards.csv`
(SPEC §4), so the lists are what the rules propose, whatever was recorded that year:

`--year 2022` (old law):

{eval_2022}

`--year 2024` (2022 law):

{eval_2024}

## Đơn giản hóa / Simplifications

- The collective titles go to the phòng only (assumption C2 of `tap-the-luat-2013.toml`); the
  Sở's own rating is unused. Nobody is disciplined at cảnh cáo or above (the column
  `disciplined_canh_cao` is absent, read as false).
- Nobody reaches a national title (two CSTĐ cấp tỉnh, or a recorded Bằng khen cấp tỉnh):
  `rules/thi-dua-ca-nhan`'s own test cases cover those rules.
- No time-in-post conditions, no leave; a joiner is rated from the year they join.
- The score stands in for the emulation council's secret ballot (assumption A5).
"""


def readme_text(d: Data) -> str:
    officials = d.officials()
    planted_rows = "\n".join(f"| {y} | `{t}` | `{s}` | `{a}` | {w} |" for y, t, s, a, w in planted_details(d))
    sev = {"eligible-not-granted": "warning"}
    finding_rows = "\n".join(f"| {y} | `{t}` | `{s}` | `{a}` | {sev.get(t, 'error')} |" for y, t, s, a in audit(d))
    n_rows_eval = sum(1 for s in d.order for y in YEARS if d.exists(s, y))
    return README_TEMPLATE.format(
        seed=SEED, root=ROOT_ID, root_name=ROOT_NAME, n_units=len(UNITS),
        units=", ".join(f"`{u}` {nm}" for u, nm, _ in UNITS),
        n_off=len(officials), last_no=officials[-1][3:], n_start=len(d.officials(YEARS[0])),
        rows_subjects=len(d.order), rows_eval=n_rows_eval, rows_awards=len(d.awards),
        p1=P1_CSCS_2022, p3=P3_TINH_2024, p6=P6_UNKNOWN_2020, j=J_TINH_2021, k=K_TINH_2024, h=H_HTXSNV_2024,
        year_table=year_table(d), planted_rows=planted_rows, finding_rows=finding_rows,
        y0=YEARS[0], y1=YEARS[-1], eval_2022=evaluate_summary(d, 2022), eval_2024=evaluate_summary(d, 2024))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true", help="write nothing, print the expected findings")
    ap.add_argument("--json", action="store_true", help="print the expected findings as audit JSON")
    ap.add_argument("--out", default=OUT_DIR, help="output folder (default: %(default)s)")
    args = ap.parse_args()

    d = generate()
    note = check_rule_files()
    if args.json:
        print(json.dumps(findings_json(d), ensure_ascii=False, indent=2))
        return 0
    if not args.dry_run:
        os.makedirs(args.out, exist_ok=True)
        files = write_csvs(d)
        files["README.md"] = readme_text(d)
        for name, text in files.items():
            with open(os.path.join(args.out, name), "w", encoding="utf-8", newline="") as f:
                f.write(text)
            print(f"wrote {os.path.join(args.out, name)} ({len(text.encode('utf-8'))} bytes)", file=sys.stderr)
    print(note, file=sys.stderr)
    print(year_table(d))
    print("\nExpected audit findings\n")
    for y, t, s, a in audit(d):
        print(f"{y} {t:24} {s:8} {a}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
