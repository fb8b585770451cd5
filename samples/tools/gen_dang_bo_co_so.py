#!/usr/bin/env python3
"""Generate the sample data set samples/dang-bo-co-so/ and the audit findings it must give.

A fictional grassroots party committee (đảng bộ cơ sở) of a provincial hospital: its party
cells (chi bộ trực thuộc) and members, and the leadership collective of its standing
committee, rating years 2017–2021, with the party commendations it recorded. Read with

    rules/xep-loai-dang     the checks a reviewer runs on the ratings (HD 21: 2019–2021 here)
    rules/khen-thuong-dang  the yearly and 5-year commendations (2017–2021)

    python3 samples/tools/gen_dang_bo_co_so.py                  # write the 3 CSV files + README.md
    python3 samples/tools/gen_dang_bo_co_so.py --dry-run        # only print the expected findings
    python3 samples/tools/gen_dang_bo_co_so.py --json khen-thuong-dang
        # the findings `commend audit --format json` must give (without detail)
    python3 samples/tools/gen_dang_bo_co_so.py --json xep-loai-dang --year 2020
        # what `commend evaluate --format json --year 2020` must give: the checks of the year

Python 3 standard library only. Deterministic: a fixed seed, and only
`random.Random.random()` is used, so every Python 3 version writes the same bytes.

The members' ratings keep the HTXSNV/HTTNV cap in play: every year the number of members
rated HTXSNV is exactly the 20 % of those rated HTTNV or better that HD 21 allows — except
one planted year. The second half of this file re-implements the checks of
rules/xep-loai-dang/hd21-2019-2022.toml and the awards of rules/khen-thuong-dang for this data
(SPEC §4: Kleene logic, `streak` with `since`, `awarded` read from the records as `commend
audit` reads them), records the commendations with it, audits the result the same way and
asserts that exactly the planted findings come out (PLANTED below). If tomllib is available
(Python 3.11+) the ids, kinds and severities of the rule files are cross-checked.
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

SEED = 20210630
YEARS = [2017, 2018, 2019, 2020, 2021]
RATING_FROM = 2019                   # hd21-2019-2022.toml is in force from 2019

LEVELS = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
X, T, N, K = 0, 1, 2, 3              # index into LEVELS; smaller is better

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT_DIR = os.path.join(ROOT, "samples", "dang-bo-co-so")
RULES = os.path.join(ROOT, "rules")


# --------------------------------------------------------------------------------------
# Deterministic randomness (only Random.random(), whose sequence is fixed for a seed)
# --------------------------------------------------------------------------------------

# --------------------------------------------------------------------------------------
# The party committee
# --------------------------------------------------------------------------------------

DB = "db-bv-da-khoa"
DB_NAME = "Đảng bộ Bệnh viện Đa khoa tỉnh"
TT = "tt-btv-dang-uy"
TT_NAME = "Tập thể Ban Thường vụ Đảng ủy Bệnh viện"
CELLS = [                                    # (id, name, members)
    ("cb-noi", "Chi bộ Khối Nội", 14),
    ("cb-ngoai", "Chi bộ Khối Ngoại", 13),
    ("cb-san-nhi", "Chi bộ Khoa Sản – Nhi", 12),
    ("cb-hoi-suc", "Chi bộ Khoa Hồi sức cấp cứu", 12),
    ("cb-can-lam-sang", "Chi bộ Khối Cận lâm sàng", 11),
    ("cb-duoc", "Chi bộ Khoa Dược", 9),
    ("cb-hanh-chinh", "Chi bộ Phòng Hành chính – Quản trị", 11),
    ("cb-ke-hoach", "Chi bộ Phòng Kế hoạch tổng hợp", 10),
]

# ---- how the organizations were rated (2017 written TSVM for HTXSNV, HD 27) -------------
DB_RATING = {2017: X, 2018: X, 2019: T, 2020: X, 2021: X}
TT_RATING = {2017: T, 2018: X, 2019: X, 2020: T, 2021: T}    # 2019: above its unit (planted)
STAR_CELL = "cb-hoi-suc"                   # HTXSNV every year: the chain to the bằng khen
CELL_X = {2021: ["cb-noi"]}                # a second cell HTXSNV in 2021 (the unverified cap)
CELL_N = {2018: ["cb-hanh-chinh"], 2020: ["cb-duoc", "cb-hanh-chinh"]}   # cells rated HTNV

# ---- the members' planted cases ---------------------------------------------------------
CORE = ["dv-006", "dv-031", "dv-047", "dv-060"]   # HTXSNV every year: 5-year certificates 2021
KHTNV_COUNT = {2017: 1, 2018: 0, 2019: 1, 2020: 0, 2021: 1}
HTNV_SHARE = 0.07
SUSPENDED = ("dv-078", 2019)               # suspended from party activity, not rated (R6)
CAP_BROKEN_YEAR = 2019                     # one HTXSNV more than the 20 % allows
CIVIL_HTTNV = ("dv-015", 2020)             # party HTXSNV, civil-service rating only HTTNV
DISCIPLINED_HTNV = ("dv-089", 2021)        # disciplined, rated HTNV instead of KHTNV
CONTRACT = {"dv-010", "dv-027", "dv-044", "dv-058", "dv-071", "dv-085"}  # not civil servants
WRONG_CERT = ("dv-022", 2019)              # yearly certificate while rated HTTNV (planted)
MISSED_CERT = ("dv-052", 2020)             # eligible, left out of the 2020 decision (planted)

DECISIONS = {   # award → year → decision reference
    "chi-bo-tieu-bieu-nam": {y: f"{n}-QĐ/ĐU" for y, n in zip(YEARS, (12, 15, 14, 18, 16))},
    "dang-vien-tieu-bieu-nam": {y: f"{n}-QĐ/ĐU" for y, n in zip(YEARS, (13, 16, 15, 19, 17))},
    "chi-bo-tieu-bieu-5-nam": {y: f"{n}-QĐ/ĐUK" for y, n in zip(YEARS, (95, 118, 126, 169, 204))},
    "dang-vien-tieu-bieu-5-nam": {y: f"{n}-QĐ/ĐUK" for y, n in zip(YEARS, (96, 119, 127, 170, 205))},
    "tccsd-tieu-bieu-nam": {y: f"{n}-QĐ/ĐUK" for y, n in zip(YEARS, (97, 120, 128, 171, 206))},
    "chi-bo-bang-khen-tinh": {y: f"{n}-QĐ/TU" for y, n in zip(YEARS, (1201, 1254, 1288, 1302, 1316))},
    "dang-vien-bang-khen-tinh": {y: f"{n}-QĐ/TU" for y, n in zip(YEARS, (1202, 1255, 1289, 1303, 1317))},
    "tccsd-bang-khen-tinh": {y: f"{n}-QĐ/TU" for y, n in zip(YEARS, (1203, 1256, 1290, 1304, 1318))},
}

SURNAMES = ["Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Phan", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Trương", "Đoàn", "Lâm", "Mai", "Lương"]
MIDDLE_M = ["Văn", "Văn", "Hữu", "Minh", "Quốc", "Thanh", "Công", "Đức", "Ngọc", "Hoàng"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bích", "Mỹ", "Hồng"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Minh", "Nam", "Phong", "Hải", "Long", "Quang", "Sơn",
           "Thắng", "Trung", "Hiếu", "Khánh", "Tâm", "Phúc", "Lộc", "Tài", "Bình", "Cường"]
GIVEN_F = ["Hà", "Lan", "Hương", "Mai", "Linh", "Trang", "Thảo", "Ngọc", "Hạnh", "Hằng",
           "Nhung", "Phương", "Tuyết", "Yến", "Vân", "Loan", "Dung", "Thủy", "Oanh", "Trinh"]


class Data:
    def __init__(self) -> None:
        self.order: list[str] = []
        self.name: dict[str, str] = {}
        self.kind: dict[str, str] = {}
        self.parent: dict[str, str | None] = {}
        self.gender: dict[str, str] = {}
        self.rating: dict[tuple[str, int], int | None] = {}
        self.disc: dict[tuple[str, int], bool] = {}
        self.susp: dict[tuple[str, int], bool] = {}
        self.targets: dict[tuple[str, int], Fraction | None] = {}
        self.civil: dict[tuple[str, int], int | None] = {}
        self.gov: dict[tuple[str, int], int | None] = {}
        self.awards: dict[tuple[str, int, str], str] = {}    # (subject, year, award) → decision

    def add(self, sid, name, kind, parent, gender="") -> None:
        self.order.append(sid)
        self.name[sid] = nfc(name)
        self.kind[sid] = kind
        self.parent[sid] = parent
        self.gender[sid] = gender

    def children(self, sid, kind=None) -> list[str]:
        return [s for s in self.order if self.parent[s] == sid and (kind is None or self.kind[s] == kind)]

    def members(self) -> list[str]:
        return [s for s in self.order if self.kind[s] == "dang-vien"]

    def recorded(self, s, y, a) -> bool:
        return (s, y, a) in self.awards


def build(rng: Rng) -> Data:
    d = Data()
    d.add(DB, DB_NAME, "dang-bo-co-so", None)
    d.add(TT, TT_NAME, "tap-the-lanh-dao", DB)
    no = 0
    for cid, cname, n in CELLS:
        d.add(cid, cname, "chi-bo-truc-thuoc", DB)
        for _ in range(n):
            no += 1
            female = rng.chance(0.6)
            name = (f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}" if female
                    else f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}")
            d.add(f"dv-{no:03d}", name, "dang-vien", cid, "nữ" if female else "nam")
    return d


def assign(rng: Rng, d: Data) -> None:
    members = d.members()
    star = set(d.children(STAR_CELL))
    quality = {s: rng.gauss() for s in members}
    for y in YEARS:
        v = {s: quality[s] + 0.8 * rng.gauss() for s in members}
        rated = [s for s in members if (s, y) != SUSPENDED]
        fixed = {}
        if (DISCIPLINED_HTNV[1] == y):
            fixed[DISCIPLINED_HTNV[0]] = N
        # KHTNV (disciplined) and HTNV from the bottom, never in the star cell (a cell rated
        # HTXSNV has no member KHTNV and at least 80 % HTTNV or better).
        pool = sorted((s for s in rated if s not in fixed and s not in CORE and s not in star
                       and (s, y) not in (CIVIL_HTTNV, MISSED_CERT, WRONG_CERT)),
                      key=lambda s: (v[s], s))
        for s in pool[:KHTNV_COUNT[y]]:
            fixed[s] = K
        n_htnv = round(HTNV_SHARE * len(rated)) - sum(1 for lv in fixed.values() if lv == N)
        for s in pool[KHTNV_COUNT[y]:KHTNV_COUNT[y] + n_htnv]:
            fixed[s] = N
        good = [s for s in rated if s not in fixed]
        # The cap in play: exactly floor(20 % of HTTNV or better), one more in the planted year.
        n_x = math.floor(Fraction(len(good), 5)) + (1 if y == CAP_BROKEN_YEAR else 0)
        must = [s for s in CORE] + ([CIVIL_HTTNV[0]] if CIVIL_HTTNV[1] == y else []) \
            + ([MISSED_CERT[0]] if MISSED_CERT[1] == y else [])
        rest = sorted((s for s in good if s not in must and (s, y) != WRONG_CERT), key=lambda s: (-v[s], s))
        top = set(must + rest[:n_x - len(must)])
        for s in members:
            if (s, y) == SUSPENDED:
                d.rating[(s, y)] = None
            elif s in fixed:
                d.rating[(s, y)] = fixed[s]
            else:
                d.rating[(s, y)] = X if s in top else T
            lv = d.rating[(s, y)]
            d.susp[(s, y)] = (s, y) == SUSPENDED
            d.disc[(s, y)] = lv == K or (s, y) == DISCIPLINED_HTNV
            # Share of targets met: under half for those rated KHTNV (one reason HD 21 gives).
            if lv is None:
                d.targets[(s, y)] = None
            elif lv == K:
                d.targets[(s, y)] = Fraction(rng.randint(20, 45), 100)
            else:
                d.targets[(s, y)] = Fraction(rng.randint(60, 100), 100)
            # Civil-service rating: as the party rating, sometimes better (allowed), never worse
            # for HTXSNV — except the planted member; empty for contract staff.
            if s in CONTRACT or lv is None:
                d.civil[(s, y)] = None
            elif (s, y) == CIVIL_HTTNV:
                d.civil[(s, y)] = T
            elif lv == T and rng.chance(0.1):
                d.civil[(s, y)] = X
            else:
                d.civil[(s, y)] = lv
    for y in YEARS:
        d.rating[(DB, y)] = DB_RATING[y]
        d.gov[(DB, y)] = T
        d.rating[(TT, y)] = TT_RATING[y]
        for cid, _, _ in CELLS:
            lv = X if cid == STAR_CELL or cid in CELL_X.get(y, []) else N if cid in CELL_N.get(y, []) else T
            d.rating[(cid, y)] = lv
        for s in [DB, TT] + [c for c, _, _ in CELLS]:
            d.disc[(s, y)] = False


# --------------------------------------------------------------------------------------
# The rules, re-implemented for this data
# --------------------------------------------------------------------------------------

def k_all(vals):
    if any(v is False for v in vals):
        return False
    return None if any(v is None for v in vals) else True


def ge(lv, bound):            # level comparison `lv >= bound` (better or equal), unknown if missing
    return None if lv is None else lv <= bound


CHECKS = [   # (id, kinds, severity) in file order of hd21-2019-2022.toml
    ("htxsnv-100-phan-tram-htnv", ["dang-bo-co-so", "chi-bo-co-so"], "error"),
    ("htxsnv-80-phan-tram-httnv", ["dang-bo-co-so", "chi-bo-co-so"], "error"),
    ("htxsnv-chinh-quyen-doan-the", ["dang-bo-co-so", "chi-bo-co-so"], "error"),
    ("tran-20-dang-vien", ["dang-bo-co-so", "chi-bo-co-so"], "error"),
    ("tran-20-tap-the-lanh-dao", ["dang-uy-khoi", "huyen-uy"], "error"),
    ("tran-20-to-chuc", ["dang-bo-co-so", "dang-uy-khoi", "huyen-uy"], "warning"),
    ("dang-vien-ky-luat-khtnv", ["dang-vien"], "error"),
    ("dang-vien-duoi-50-chi-tieu", ["dang-vien"], "error"),
    ("dang-vien-cong-chuc-khtnv", ["dang-vien"], "error"),
    ("dang-vien-cong-chuc-htxsnv", ["dang-vien"], "error"),
    ("dang-vien-dinh-chi", ["dang-vien"], "error"),
    ("tap-the-khong-cao-hon-don-vi", ["tap-the-lanh-dao"], "error"),
    ("tap-the-ky-luat-canh-cao", ["tap-the-lanh-dao"], "error"),
]


def check(d: Data, cid: str, s: str, y: int):
    """One check of hd21-2019-2022.toml for subject s in y: True (holds), False, None."""
    lv = d.rating.get((s, y))
    if cid in ("htxsnv-100-phan-tram-htnv", "htxsnv-80-phan-tram-httnv"):
        if lv != X:
            return True if lv is not None else None
        subs = [c for c in d.children(s) if d.kind[c] != "tap-the-lanh-dao" and not d.susp.get((c, y))]
        if cid.startswith("htxsnv-100"):
            return k_all([ge(d.rating[(c, y)], N) for c in subs])
        good = sum(1 for c in subs if d.rating[(c, y)] is not None and d.rating[(c, y)] <= T)
        return Fraction(good, len(subs)) >= Fraction(4, 5)
    if cid == "htxsnv-chinh-quyen-doan-the":
        return lv != X or ge(d.gov.get((s, y)), T)
    if cid == "tran-20-dang-vien":
        ms = [m for m in d.members() if is_below(d, m, s) and not d.susp[(m, y)]]
        x = sum(1 for m in ms if d.rating[(m, y)] == X)
        good = sum(1 for m in ms if d.rating[(m, y)] is not None and d.rating[(m, y)] <= T)
        return 5 * x <= good
    if cid == "tran-20-to-chuc":
        cells = d.children(s, "chi-bo-truc-thuoc")
        x = sum(1 for c in cells if d.rating[(c, y)] == X)
        good = sum(1 for c in cells if d.rating[(c, y)] <= T)
        return 5 * x <= good
    if cid == "dang-vien-ky-luat-khtnv":
        return not d.disc[(s, y)] or lv == K
    if cid == "dang-vien-duoi-50-chi-tieu":
        t = d.targets[(s, y)]
        return t is None or t >= Fraction(1, 2) or lv == K
    if cid == "dang-vien-cong-chuc-khtnv":
        c = d.civil[(s, y)]
        return c is None or c != K or lv == K
    if cid == "dang-vien-cong-chuc-htxsnv":
        c = d.civil[(s, y)]
        return lv != X or c is None or c == X
    if cid == "dang-vien-dinh-chi":
        return not d.susp[(s, y)] or lv is None
    if cid == "tap-the-khong-cao-hon-don-vi":
        return lv >= d.rating[(d.parent[s], y)]        # index order: larger is worse
    if cid == "tap-the-ky-luat-canh-cao":
        return True                                     # nobody disciplined at cảnh cáo or above
    raise KeyError(cid)


def is_below(d: Data, s: str, ancestor: str) -> bool:
    p = d.parent[s]
    while p is not None:
        if p == ancestor:
            return True
        p = d.parent[p]
    return False


AWARDS = [   # (id, kinds, yearly award it chains on or None, 5-year award it needs or None)
    ("chi-bo-tieu-bieu-nam", "chi-bo-truc-thuoc", None, None),
    ("chi-bo-tieu-bieu-5-nam", "chi-bo-truc-thuoc", "chi-bo-tieu-bieu-nam", None),
    ("chi-bo-bang-khen-tinh", "chi-bo-truc-thuoc", None, "chi-bo-tieu-bieu-5-nam"),
    ("dang-vien-tieu-bieu-nam", "dang-vien", None, None),
    ("dang-vien-tieu-bieu-5-nam", "dang-vien", "dang-vien-tieu-bieu-nam", None),
    ("dang-vien-bang-khen-tinh", "dang-vien", None, "dang-vien-tieu-bieu-5-nam"),
    ("tccsd-tieu-bieu-nam", "dang-bo-co-so", None, None),
    ("tccsd-bang-khen-tinh", "dang-bo-co-so", "tccsd-tieu-bieu-nam", None),
]
RULE_FILES = {"chi-bo.toml": AWARDS[0:3], "dang-vien.toml": AWARDS[3:6], "to-chuc-co-so-dang.toml": AWARDS[6:8]}


def criteria(d: Data, award, s: str, y: int):
    """The criteria of one award of rules/khen-thuong-dang, as `commend audit` judges them
    (awarded() of year y read from the records)."""
    aid, _, chain, needs = award
    lv = d.rating[(s, y)]
    gate = None if lv is None else lv == X
    if chain:     # streak(awarded(chain), since = aid) >= 5
        last = max((yy for yy in YEARS if yy < y and d.recorded(s, yy, aid)), default=None)
        streak = 0
        for yy in range(y, YEARS[0] - 1, -1):
            if (last is not None and yy <= last) or not d.recorded(s, yy, chain):
                break
            streak += 1
        return [gate, streak >= 5]
    if needs:
        return [gate, d.recorded(s, y, needs)]
    return [gate, not d.disc[(s, y)]]


def record(d: Data) -> None:
    """Each year, every subject eligible for an award gets it (no quota: assumption K3) —
    except the two planted departures."""
    for y in YEARS:
        for award in AWARDS:
            aid, kind = award[0], award[1]
            for s in d.order:
                if d.kind[s] != kind:
                    continue
                res = criteria(d, award, s, y)
                grant = all(v is True for v in res)
                if (s, y) == MISSED_CERT and aid == "dang-vien-tieu-bieu-nam":
                    assert grant
                    grant = False
                if (s, y) == WRONG_CERT and aid == "dang-vien-tieu-bieu-nam":
                    assert not grant
                    grant = True
                if grant:
                    d.awards[(s, y, aid)] = DECISIONS[aid][y]


def audit_checks(d: Data):
    out = []
    for y in [yy for yy in YEARS if yy >= RATING_FROM]:
        for cid, kinds, sev in CHECKS:
            for s in d.order:
                if d.kind[s] in kinds and check(d, cid, s, y) is False:
                    out.append((y, "check-failed", s, cid, sev))
    return sorted(out, key=lambda f: (f[0], f[1], f[2], f[3]))


def audit_awards(d: Data):
    out = []
    for y in YEARS:
        for award in AWARDS:
            aid, kind = award[0], award[1]
            for s in d.order:
                if d.kind[s] != kind:
                    continue
                res = criteria(d, award, s, y)
                if d.recorded(s, y, aid):
                    if False in res:
                        out.append((y, "granted-not-eligible", s, aid, "error"))
                    elif None in res:
                        out.append((y, "granted-unknown", s, aid, "error"))
                elif all(v is True for v in res):
                    out.append((y, "eligible-not-granted", s, aid, "warning"))
    return sorted(out, key=lambda f: (f[0], f[1], f[2], f[3]))


PLANTED_CHECKS = [
    (2019, "check-failed", DB, "tran-20-dang-vien", "error",
     "one member more rated HTXSNV than the cap: {x} HTXSNV against {good} rated HTTNV or better (20 % allows {cap})"),
    (2019, "check-failed", TT, "tap-the-khong-cao-hon-don-vi", "error",
     "the standing committee's collective rated HTXSNV while the đảng bộ it leads is HTTNV"),
    (2020, "check-failed", DB, "htxsnv-80-phan-tram-httnv", "error",
     "the đảng bộ rated HTXSNV with 2 of its 8 cells HTNV: 6/8 = 75 % HTTNV or better, under 80 %"),
    (2020, "check-failed", CIVIL_HTTNV[0], "dang-vien-cong-chuc-htxsnv", "error",
     "rated HTXSNV as a party member but only HTTNV as a civil servant"),
    (2021, "check-failed", DB, "tran-20-to-chuc", "warning",
     "2 of its 8 cells rated HTXSNV: over 20 % — the cap for organizations is unverified (R3), so a warning"),
    (2021, "check-failed", DISCIPLINED_HTNV[0], "dang-vien-ky-luat-khtnv", "error",
     "disciplined in 2021 but rated HTNV, not KHTNV"),
]
PLANTED_AWARDS = [
    (2019, "granted-not-eligible", WRONG_CERT[0], "dang-vien-tieu-bieu-nam", "error",
     "a yearly certificate for a member rated HTTNV — fails the gate “Xếp loại HTXSNV trong năm”"),
    (2020, "eligible-not-granted", MISSED_CERT[0], "dang-vien-tieu-bieu-nam", "warning",
     "rated HTXSNV, not disciplined, left out of the 2020 decision (a warning)"),
]


def validate(d: Data) -> None:
    for y in YEARS:
        ms = [m for m in d.members() if not d.susp[(m, y)]]
        x = sum(1 for m in ms if d.rating[(m, y)] == X)
        good = sum(1 for m in ms if d.rating[(m, y)] <= T)
        assert x == good // 5 + (1 if y == CAP_BROKEN_YEAR else 0), (y, x, good)   # the cap in play
        for c in d.children(STAR_CELL):
            assert d.rating.get((c, y)) in (X, T), (c, y)
    found = audit_checks(d)
    assert found == sorted(p[:5] for p in PLANTED_CHECKS), "\n".join(map(str, found))
    for y in [yy for yy in YEARS if yy >= RATING_FROM]:       # complete data: nothing unknown
        assert not any(c["unknown"] for c in evaluate_json(d, y)["checks"]), y
    found = audit_awards(d)
    assert found == sorted(p[:5] for p in PLANTED_AWARDS), "\n".join(map(str, found))
    for s in CORE:
        assert d.recorded(s, 2021, "dang-vien-bang-khen-tinh"), s
    assert d.recorded(STAR_CELL, 2021, "chi-bo-bang-khen-tinh")
    assert not any(a == "tccsd-bang-khen-tinh" for (_, _, a) in d.awards)   # 2019 broke the chain


def check_rule_files() -> str:
    try:
        import tomllib
    except ImportError:
        return "rule files not cross-checked (tomllib needs Python 3.11+)"
    with open(os.path.join(RULES, "xep-loai-dang", "hd21-2019-2022.toml"), "rb") as f:
        rules = tomllib.load(f)
    assert rules["ruleset"]["in_force"]["from"] == RATING_FROM
    assert [(c["id"], c["kinds"], c.get("severity", "error")) for c in rules["check"]] == \
        [(i, k, s) for i, k, s in CHECKS]
    for fn, awards in RULE_FILES.items():
        with open(os.path.join(RULES, "khen-thuong-dang", fn), "rb") as f:
            rules = tomllib.load(f)
        assert rules["ruleset"]["in_force"] == {"from": 2017, "until": 2024}, fn
        assert [a["id"] for a in rules["award"]] == [a[0] for a in awards], fn
        for a, (aid, kind, chain, needs) in zip(rules["award"], awards):
            tests = [c["test"] for c in a["criteria"]]
            assert tests[0] == "rating == HTXSNV" and a["criteria"][0].get("gate"), aid
            assert kind in a["kinds"] and "limit" not in a, aid
            if chain:
                assert tests[1] == f"streak(awarded('{chain}'), since = '{aid}') >= 5", aid
            elif needs:
                assert tests[1] == f"awarded('{needs}')", aid
            else:
                assert tests[1] == "not disciplined", aid
    return "rule files cross-checked: check ids, kinds, severities; award criteria"


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------

def level(lv, y, org) -> str:
    if lv is None:
        return ""
    return "TSVM" if org and y == 2017 and lv == X else LEVELS[lv]


def write_csvs(d: Data) -> dict[str, str]:
    files = {"subjects.csv": csv_text(["id", "name", "kind", "parent", "gender"],
                                      ([s, d.name[s], d.kind[s], d.parent[s] or "", d.gender[s]] for s in d.order))}
    rows = []
    for s in d.order:
        org = d.kind[s] != "dang-vien"
        for y in YEARS:
            t = d.targets.get((s, y))
            rows.append([s, y, level(d.rating[(s, y)], y, org), "true" if d.disc.get((s, y)) else "",
                         "true" if d.susp.get((s, y)) else "",
                         "" if t is None else f"{float(t):.2f}",
                         level(d.civil.get((s, y)), y, False), level(d.gov.get((s, y)), y, False),
                         "0" if d.kind[s] == "tap-the-lanh-dao" else ""])
    files["evaluations.csv"] = csv_text(
        ["subject", "year", "rating", "disciplined", "dinh_chi", "ti_le_chi_tieu", "xep_loai_cong_chuc",
         "chinh_quyen_doan_the", "thanh_vien_ky_luat_canh_cao"], rows)
    order = {a[0]: i for i, a in enumerate(AWARDS)}
    aw = sorted(d.awards.items(), key=lambda kv: (kv[0][1], order[kv[0][2]], kv[0][0]))
    files["awards.csv"] = csv_text(["subject", "year", "award", "decision"],
                                   ([s, y, a, dec] for (s, y, a), dec in aw))
    return files


def findings_json(d: Data) -> dict:
    return {"from": YEARS[0], "to": YEARS[-1],
            "findings": [{"type": t, "year": y, "subject": s, "award": a} for y, t, s, a, _ in audit_awards(d)]}


def evaluate_json(d: Data, y: int) -> dict:
    """`commend evaluate --rules rules/xep-loai-dang --format json --year y` (SPEC §6): no
    awards, every check in file order with its violations and unknowns sorted by id."""
    checks = []
    for cid, kinds, sev in CHECKS:
        subjects = sorted(s for s in d.order if d.kind[s] in kinds)
        res = {s: check(d, cid, s, y) for s in subjects}
        checks.append({"id": cid, "severity": sev,
                       "violations": [{"subject": s, "year": y} for s in subjects if res[s] is False],
                       "unknown": [{"subject": s, "year": y} for s in subjects if res[s] is None]})
    return {"year": y, "rulesets": ["xep-loai-dang-hd21"], "awards": [], "checks": checks, "targets": []}


def counts_table(d: Data) -> str:
    L = ["| year | đảng bộ | collective | cells HTXSNV / HTTNV / HTNV | members HTXSNV / HTTNV / HTNV / KHTNV / not rated | cap: 20 % of HTTNV or better |",
         "| --- | --- | --- | --- | --- | --- |"]
    for y in YEARS:
        cells = [d.rating[(c, y)] for c, _, _ in CELLS]
        ms = [d.rating[(m, y)] for m in d.members()]
        c = [sum(1 for v in ms if v == lv) for lv in (X, T, N, K)] + [sum(1 for v in ms if v is None)]
        good = c[0] + c[1]
        L.append(f"| {y} | {level(d.rating[(DB, y)], y, True)} | {LEVELS[d.rating[(TT, y)]]} | "
                 f"{cells.count(X)} / {cells.count(T)} / {cells.count(N)} | "
                 f"{c[0]} / {c[1]} / {c[2]} / {c[3]} / {c[4]} | "
                 f"{good} × 0.2 = {float(Fraction(good, 5)):.1f} → {good // 5}{' (broken)' if c[0] > good // 5 else ''} |")
    return "\n".join(L)


def awards_table(d: Data) -> str:
    L = ["| award | " + " | ".join(str(y) for y in YEARS) + " |", "| --- |" + " ---: |" * len(YEARS)]
    for aid, _, _, _ in AWARDS:
        L.append(f"| `{aid}` | " + " | ".join(str(sum(1 for (_, yy, a) in d.awards if yy == y and a == aid))
                                             for y in YEARS) + " |")
    return "\n".join(L)


README = """# Mẫu dữ liệu: Đảng bộ Bệnh viện Đa khoa tỉnh, 2017–2021 — xếp loại và khen thưởng

*Sample data set: a grassroots party committee (đảng bộ cơ sở) of a provincial hospital, its
{n_cells} party cells and {n_members} members, rating years 2017–2021, with the party commendations it
recorded — for the rating checks of `rules/xep-loai-dang` and the commendations of
`rules/khen-thuong-dang`.*

Dữ liệu **hư cấu** (fictional); tên người là ngẫu nhiên.

```sh
commend rank     --rules rules/xep-loai-dang    --data samples/dang-bo-co-so --year 2020
commend explain  --rules rules/xep-loai-dang    --data samples/dang-bo-co-so --year 2020 --subject {db}
commend audit    --rules rules/khen-thuong-dang --data samples/dang-bo-co-so
commend evaluate --rules rules/khen-thuong-dang --data samples/dang-bo-co-so --year 2021
```

The rating checks are read a year at a time (`rank` or `evaluate --year`: the counts of each
level and the checks' violations). `commend audit --rules rules/xep-loai-dang` also works, but
since that folder defines no award it reports every commendation of `awards.csv` as
`granted-unknown-award` besides the check findings below.

Generated by `samples/tools/gen_dang_bo_co_so.py` (Python 3 standard library, fixed seed
{seed}); do not edit the CSV files by hand — change the generator and run
`python3 samples/tools/gen_dang_bo_co_so.py` (it rewrites the three CSV files and this README;
`--json khen-thuong-dang` prints the findings `commend audit --format json` must give, without
`detail`; `--json xep-loai-dang --year Y` what `commend evaluate --format json --year Y` must
give). The generator records each year's commendations with its own model of the rules,
audits the result with the same model, and checks that exactly the planted findings come out.

## Tổ chức / Structure

| kind | count | |
| --- | ---: | --- |
| `dang-bo-co-so` | 1 | `{db}` — {db_name} |
| `tap-the-lanh-dao` | 1 | `{tt}` — {tt_name}, under the đảng bộ it leads |
| `chi-bo-truc-thuoc` | {n_cells} | {cells} |
| `dang-vien` | {n_members} | `dv-001` … `dv-{last}`, 9–14 per cell |

## Files

- `subjects.csv` — `id,name,kind,parent,gender` ({n_subjects} rows).
- `evaluations.csv` — `subject,year,rating,disciplined,dinh_chi,ti_le_chi_tieu,xep_loai_cong_chuc,chinh_quyen_doan_the,thanh_vien_ky_luat_canh_cao`
  ({n_rows} rows: every subject, every year).
  - `rating`: the party rating; in 2017 an organization's top level is written `TSVM`
    (HD 27), read as HTXSNV through `[aliases]`. `{susp}` has no rating in {susp_year}: suspended
    from party activity (`dinh_chi`), not rated.
  - `disciplined`: `true` when disciplined in the year; a disciplined member is KHTNV (HD 21),
    except one planted case.
  - `ti_le_chi_tieu`: the share of the member's targets met (0–1; under 0.5 only for KHTNV).
  - `xep_loai_cong_chuc`: the member's civil-service (viên chức) rating; empty for the
    {n_contract} contract staff. Never worse than the party rating for an HTXSNV member, except
    one planted case.
  - `chinh_quyen_doan_the`: on the đảng bộ's rows, the lowest rating of the hospital and its
    mass organizations (HTTNV every year).
  - `thanh_vien_ky_luat_canh_cao`: on the collective's rows, 0.
- `awards.csv` — `subject,year,award,decision` ({n_awards} rows): every commendation of
  `rules/khen-thuong-dang` its model finds eligible, 2017–2021 (no quota, assumption K3), except
  the two planted departures.

## Xếp loại / Ratings

{counts}

The members' HTXSNV are exactly the 20 % of those rated HTTNV or better (rounded down) every
year but {cap_year}. `{star}` is rated HTXSNV every year; `{core}` are members rated HTXSNV every year.

## Khen thưởng đã ghi nhận / Commendations recorded

{awards}

The chains close in 2021: `{star}` receives its fifth yearly certificate, the 5-year certificate
and the provincial bằng khen; so do the members with five yearly certificates, `{five}`. The
đảng bộ's own chain stops in 2019 (rated HTTNV), so no TCCSĐ bằng khen.

## Các trường hợp cài sẵn / Planted findings

The checks of `rules/xep-loai-dang` ({rating_from}–2021, the years the HD 21 file is in force and
data exists) must find exactly these violations, and nothing unknown — `commend evaluate --year
Y` lists them (exit 1: each year has a violated check of severity error), `commend audit`
reports them as `check-failed`:

| year | type | subject | check | severity | what |
| --- | --- | --- | --- | --- | --- |
{planted_checks}

`commend audit --rules rules/khen-thuong-dang --data samples/dang-bo-co-so` (default years
2017–2021) must report exactly, in this order, and exit 1:

| year | type | subject | award | severity | what |
| --- | --- | --- | --- | --- | --- |
{planted_awards}

Everything else is consistent: the đảng bộ rated HTXSNV has every cell HTNV or better and at
least 80 % HTTNV or better (but in 2020), the collective is never rated above the đảng bộ (but
in 2019), members disciplined are KHTNV (but one in 2021), the suspended member is not rated.

## Đơn giản hóa / Simplifications

- Members and cells are the same in all five years; no admissions, transfers or new cells.
- Only HD 21's checks apply (2019–2021); the QĐ 124 file (2023–2024) is exercised by the rule
  folder's own test cases.
- The cells' ratings are not derived from their members' (HD 21's conditions are checked for
  the TCCSĐ, here the đảng bộ, not for cells under it).
"""


def readme(d: Data) -> str:
    members = d.members()

    def planted(rows, d):
        out = []
        for y, t, s, a, sev, what in rows:
            if a == "tran-20-dang-vien":
                ms = [m for m in members if not d.susp[(m, y)]]
                x = sum(1 for m in ms if d.rating[(m, y)] == X)
                good = sum(1 for m in ms if d.rating[(m, y)] <= T)
                what = what.format(x=x, good=good, cap=good // 5)
            out.append(f"| {y} | `{t}` | `{s}` | `{a}` | {sev} | {what} |")
        return "\n".join(out)

    return README.format(
        seed=SEED, db=DB, db_name=DB_NAME, tt=TT, tt_name=TT_NAME, n_cells=len(CELLS),
        n_members=len(members), last=members[-1][3:], n_subjects=len(d.order),
        n_rows=len(d.order) * len(YEARS), n_awards=len(d.awards), n_contract=len(CONTRACT),
        cells=", ".join(f"`{c}` {n}" for c, n, _ in CELLS), susp=SUSPENDED[0], susp_year=SUSPENDED[1],
        counts=counts_table(d), awards=awards_table(d), cap_year=CAP_BROKEN_YEAR, star=STAR_CELL,
        core="`, `".join(CORE), rating_from=RATING_FROM,
        five="`, `".join(sorted(m for m in members if d.recorded(m, 2021, "dang-vien-tieu-bieu-5-nam"))),
        planted_checks=planted(PLANTED_CHECKS, d), planted_awards=planted(PLANTED_AWARDS, d))


def generate() -> Data:
    rng = Rng(SEED)
    d = build(rng)
    assign(rng, d)
    record(d)
    validate(d)
    return d


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true", help="write nothing, print the expected findings")
    ap.add_argument("--json", choices=["xep-loai-dang", "khen-thuong-dang"],
                    help="print what commend must give for rules/FOLDER as JSON (xep-loai-dang: "
                         "evaluate of --year; khen-thuong-dang: audit)")
    ap.add_argument("--year", type=int, default=2020, help="the year for --json xep-loai-dang")
    ap.add_argument("--out", default=OUT_DIR, help="output folder (default: %(default)s)")
    args = ap.parse_args()

    d = generate()
    note = check_rule_files()
    if args.json:
        out = evaluate_json(d, args.year) if args.json == "xep-loai-dang" else findings_json(d)
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    if not args.dry_run:
        os.makedirs(args.out, exist_ok=True)
        files = write_csvs(d)
        files["README.md"] = readme(d)
        for name, text in files.items():
            with open(os.path.join(args.out, name), "w", encoding="utf-8", newline="") as f:
                f.write(text)
            print(f"wrote {os.path.join(args.out, name)} ({len(text.encode('utf-8'))} bytes)", file=sys.stderr)
    print(note, file=sys.stderr)
    print(counts_table(d))
    print("\nExpected findings, rules/xep-loai-dang\n")
    for f in audit_checks(d):
        print(*f)
    print("\nExpected findings, rules/khen-thuong-dang\n")
    for f in audit_awards(d):
        print(*f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
