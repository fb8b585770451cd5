#!/usr/bin/env python3
"""Generate the audit sample samples/khoi-co-quan-tinh-kiem-tra/ and the findings it must give.

A reduced copy of the fictional bloc party committee of samples/khoi-co-quan-tinh/ (the same
organizations, members and ratings, made by gen_khoi_co_quan_tinh.py, for 16 of its 84
grassroots organizations), with a record of the certificates the bloc actually granted in
2017–2021 that a reviewer should question. Read with rules/khoi-co-quan-tinh.

    python3 samples/tools/gen_khoi_co_quan_tinh_kiem_tra.py            # write 3 CSV files + README.md
    python3 samples/tools/gen_khoi_co_quan_tinh_kiem_tra.py --dry-run  # only print the expected findings
    python3 samples/tools/gen_khoi_co_quan_tinh_kiem_tra.py --json     # print them in the shape of
                                                                       # `commend audit --format json` (no detail)

Python 3 standard library only; deterministic (it runs the main sample's generator, whose
output is fixed, and changes nothing random). The main sample and its generator's output are
not touched: this script imports gen_khoi_co_quan_tinh and writes only its own folder.

The findings are computed with the main generator's re-implementation of the rules
(tieu-bieu-nam, the 20 % check) and, for tieu-bieu-5-nam, with a streak that starts at each
subject's own first year (one cell has ratings from 2015), then compared with the planted
list (PLANTED below).
"""

from __future__ import annotations

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True       # no __pycache__ in samples/tools
import gen_khoi_co_quan_tinh as g   # noqa: E402  (the main sample's generator and rule model)

ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT_DIR = os.path.join(ROOT, "samples", "khoi-co-quan-tinh-kiem-tra")
YEARS = g.YEARS                      # 2017–2021, the rule set's window
EARLY_YEARS = [2015, 2016]           # the extra ratings of one cell (see T5_REUSED)
X, T = g.X, g.T

# The 16 grassroots organizations kept (with all their cells and members), file order.
KEEP_DB = ["db-tai-chinh", "db-tu-phap", "db-lao-dong-tbxh", "db-kho-bac", "db-cuc-thue",
           "db-agribank", "db-bv-da-khoa", "db-cd-cong-dong"]
KEEP_CBCS = ["cbcs-tinh-doan", "cbcs-hoi-phu-nu", "cbcs-ban-dan-toc", "cbcs-ban-to-chuc",
             "cbcs-ban-dan-van", "cbcs-hoi-nha-bao", "cbcs-bv-mat", "cbcs-ngan-hang-phat-trien"]

# ---- the planted findings ---------------------------------------------------------------
HTTNV_GRANTED = ("db-tu-phap", 2020)          # tiêu biểu again in 2020, though rated HTTNV
CAP_EXCEEDED = ("cbcs-hoi-nha-bao", 2019)     # too many members rated HTXSNV (20 % cap)
NOT_PROPOSED = ("cbcs-ngan-hang-phat-trien", 2020)   # eligible, never proposed
T5_REUSED = "cb-kho-bac-kiem-soat-chi"        # HTXSNV 2015–2021: 5-year certificate 2019, again 2020
T5_OVER_YEAR = 2021                           # all four eligible cells granted, 3 places
UNKNOWN_AWARD = ("db-cd-cong-dong", 2021, "bang-khen-tinh", "1316-QĐ/TU")

DECISIONS_TBN = {2017: "42-QĐ/ĐUK", 2018: "87-QĐ/ĐUK", 2019: "125-QĐ/ĐUK", 2020: "168-QĐ/ĐUK",
                 2021: "203-QĐ/ĐUK"}
DECISIONS_T5 = {2019: "126-QĐ/ĐUK", 2020: "169-QĐ/ĐUK", 2021: "204-QĐ/ĐUK"}
ADMISSION_TARGET = {2017: 45, 2018: 45, 2019: 50, 2020: 50, 2021: 55}


# --------------------------------------------------------------------------------------
# The reduced bloc
# --------------------------------------------------------------------------------------

def subset(full: g.Data) -> g.Data:
    keep = {g.ROOT_ID}
    for s in KEEP_DB + KEEP_CBCS:
        assert s in full.name, s
        keep.add(s)
        keep.update(full.descendants(s))
    d = g.Data()
    for s in full.order:
        if s in keep:
            d.add(s, full.name[s], full.kind[s], full.parent[s], full.gender[s])
            d.rating[s] = dict(full.rating[s])
            d.disciplined[s] = dict(full.disciplined[s])
            if s in full.admitted and s != g.ROOT_ID:
                d.admitted[s] = dict(full.admitted[s])
    assert [s for s in d.tccsd()] == [s for s in full.tccsd() if s in keep]
    d.target = dict(ADMISSION_TARGET)
    return d


RAISED: list[str] = []               # members of CAP_EXCEEDED rated HTXSNV here, HTTNV in the main sample


def first_year(d: g.Data, s: str) -> int:
    return min(d.rating[s])


def plant(d: g.Data) -> None:
    # One cell's archive goes back to 2015 (HD 27 era: "trong sạch, vững mạnh" = TSVM).
    for y in EARLY_YEARS:
        d.rating[T5_REUSED][y] = X
        d.disciplined[T5_REUSED][y] = False
    assert all(d.rating[T5_REUSED][y] == X for y in YEARS)
    # Members of one chi bộ cơ sở rated HTXSNV beyond 20 % of those HTTNV or better.
    s, y = CAP_EXCEEDED
    for m in d.children[s]:
        ms = d.children[s]
        nx = sum(1 for x in ms if d.rating[x][y] == X)
        ng = sum(1 for x in ms if d.rating[x][y] is not None and d.rating[x][y] <= T)
        if 5 * nx > ng:
            break
        if d.rating[m][y] == T:
            d.rating[m][y] = X
            RAISED.append(m)
    viol, _ = g.check_violations(d, y)
    assert viol == [s], viol


# --------------------------------------------------------------------------------------
# tieu-bieu-5-nam with existence from each subject's first row (the main generator's model
# assumes every subject starts in 2017)
# --------------------------------------------------------------------------------------

def t5_streak(d: g.Data, s: str, y: int) -> tuple[int, int]:
    first = first_year(d, s)
    before = [yy for (ss, yy, a, _) in d.awards if ss == s and a == g.T5_ID and yy < y]
    if before:
        first = max(first, max(before) + 1)
    lo = hi = 0
    lo_open = hi_open = True
    for yy in range(y, first - 1, -1):
        r = d.rating[s].get(yy)
        v = None if r is None else r == X
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


def eval_t5(d: g.Data, s: str, y: int) -> list:
    r = d.rating[s][y]
    gate = None if r is None else r == X
    lo, hi = t5_streak(d, s, y)
    window = [yy for yy in range(y - 4, y + 1) if yy in d.rating[s]]
    return [gate, g.cmp_ge(lo, hi, 5), not any(d.disciplined[s][yy] for yy in window)]


def select_t5(d: g.Data, y: int) -> dict:
    applicable = d.of_kind("chi-bo-truc-thuoc")
    results = {s: eval_t5(d, s, y) for s in applicable}
    eligible = [s for s in applicable if all(v is True for v in results[s])]
    assert not any(None in results[s] and False not in results[s] for s in applicable)
    keys = {s: g.t5_keys(d, s, y) for s in eligible}
    ranked = sorted(eligible, key=lambda s: (tuple(-k for k in keys[s]), s))
    selected = ranked[:g.T5_LIMIT]
    if len(ranked) > g.T5_LIMIT:
        assert keys[ranked[g.T5_LIMIT - 1]] != keys[ranked[g.T5_LIMIT]], "tie at the cut"
    return {"applicable": applicable, "results": results, "eligible": eligible, "selected": selected}


def select(d: g.Data, aid: str, y: int) -> dict:
    if aid == g.T5_ID:
        return select_t5(d, y)
    sel = g.select(d, aid, y)
    assert not sel["ties"] and not sel["unknown"], (aid, y)
    return sel


# --------------------------------------------------------------------------------------
# The record of what the bloc granted
# --------------------------------------------------------------------------------------

def record(d: g.Data) -> None:
    d.awards = []
    for y in YEARS:
        sel = select(d, g.TBN_ID, y)
        grant = set(sel["selected"])
        if y == HTTNV_GRANTED[1]:
            assert d.rating[HTTNV_GRANTED[0]][y] == T and HTTNV_GRANTED[0] not in grant
            grant.add(HTTNV_GRANTED[0])
        if y == NOT_PROPOSED[1]:
            assert NOT_PROPOSED[0] in grant
            grant.discard(NOT_PROPOSED[0])
        for s in sorted(grant):
            d.awards.append((s, y, g.TBN_ID, DECISIONS_TBN[y]))
        sel5 = select(d, g.T5_ID, y)
        grant5 = set(sel5["selected"])
        if y == 2020:
            assert not grant5 and T5_REUSED not in sel5["eligible"]
            grant5.add(T5_REUSED)
        if y == T5_OVER_YEAR:
            assert len(sel5["eligible"]) > g.T5_LIMIT
            grant5 = set(sel5["eligible"])
        for s in sorted(grant5):
            d.awards.append((s, y, g.T5_ID, DECISIONS_T5[y]))
    s, y, a, dec = UNKNOWN_AWARD
    d.awards.append((s, y, a, dec))
    order = {g.TBN_ID: 0, g.T5_ID: 1}
    d.awards.sort(key=lambda r: (r[1], order.get(r[2], 2), r[0]))


# --------------------------------------------------------------------------------------
# The audit (SPEC §6)
# --------------------------------------------------------------------------------------

LIMITS = {g.TBN_ID: g.TBN_LIMIT, g.T5_ID: g.T5_LIMIT}


def audit(d: g.Data):
    findings = []
    for y in YEARS:
        rec = [(s, a) for (s, yy, a, _) in d.awards if yy == y]
        for aid in (g.TBN_ID, g.T5_ID):
            sel = select(d, aid, y)
            mine = sorted(s for s, a in rec if a == aid)
            for s in mine:
                if s not in sel["applicable"] or False in sel["results"][s]:
                    findings.append((y, "granted-not-eligible", s, aid))
                elif None in sel["results"][s]:
                    findings.append((y, "granted-unknown", s, aid))
            for s in sel["selected"]:
                if s not in mine:
                    findings.append((y, "eligible-not-granted", s, aid))
            if len(mine) > LIMITS[aid]:
                findings.append((y, "over-limit", None, aid))
        for s, a in rec:
            if a not in (g.TBN_ID, g.T5_ID):
                findings.append((y, "granted-unknown-award", s, a))
        viol, _ = g.check_violations(d, y)
        for s in viol:
            findings.append((y, "check-failed", s, g.CHECK_ID))
    findings.sort(key=lambda f: (f[0], f[1], f[2] or "", f[3]))
    return findings


PLANTED = [
    (2019, "check-failed", CAP_EXCEEDED[0], g.CHECK_ID),
    (2020, "eligible-not-granted", NOT_PROPOSED[0], g.TBN_ID),
    (2020, "granted-not-eligible", HTTNV_GRANTED[0], g.TBN_ID),
    (2020, "granted-not-eligible", T5_REUSED, g.T5_ID),
    (2021, "granted-unknown-award", UNKNOWN_AWARD[0], UNKNOWN_AWARD[2]),
    (2021, "over-limit", None, g.T5_ID),
]


def generate() -> g.Data:
    d = subset(g.generate())
    plant(d)
    record(d)
    found = audit(d)
    want = sorted(PLANTED, key=lambda f: (f[0], f[1], f[2] or "", f[3]))
    assert found == want, "\n".join(map(str, found))
    return d


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------

def level_text(d: g.Data, s: str, y: int) -> str:
    if y in EARLY_YEARS:
        return "TSVM"
    return g.level_text(d, s, y)


def write_csvs(d: g.Data) -> dict[str, str]:
    files = {}
    files["subjects.csv"] = g.csv_text(
        ["id", "name", "kind", "parent", "from", "until", "gender"],
        ([s, d.name[s], d.kind[s], d.parent[s] or "", "", "", d.gender[s]] for s in d.order))
    rows = []
    units = set(d.tccsd())
    for s in d.order:
        for y in sorted(d.rating[s]):
            rows.append([s, y, level_text(d, s, y), "true" if d.disciplined[s][y] else "false",
                         d.admitted[s][y] if s in units else "",
                         d.target[y] if s == g.ROOT_ID else ""])
    files["evaluations.csv"] = g.csv_text(
        ["subject", "year", "rating", "disciplined", "admitted", "admission_target"], rows)
    files["awards.csv"] = g.csv_text(["subject", "year", "award", "decision"], d.awards)
    return files


def findings_json(d: g.Data) -> dict:
    return {"from": YEARS[0], "to": YEARS[-1],
            "findings": [{"type": t, "year": y, "subject": s, "award": a} for y, t, s, a in audit(d)]}


def tccsd_table(d: g.Data) -> str:
    L = ["| TCCSĐ | kind | members | " + " | ".join(str(y) for y in YEARS) + " |",
         "| --- | --- | ---: | " + " | ".join("---" for _ in YEARS) + " |"]
    rec = {(s, y) for (s, y, a, _) in d.awards if a == g.TBN_ID}
    for s in d.tccsd():
        cells = []
        for y in YEARS:
            lv = g.LEVELS[d.rating[s][y]]
            elig = s in select(d, g.TBN_ID, y)["eligible"]
            mark = ("**✓**" if (s, y) in rec else "✗") if elig else ("**!**" if (s, y) in rec else "")
            cells.append(f"{lv} {mark}".strip())
        L.append(f"| `{s}` | {d.kind[s]} | {len(d.descendants(s, 'dang-vien'))} | " + " | ".join(cells) + " |")
    return "\n".join(L)


README_TEMPLATE = """# Mẫu kiểm tra: Đảng ủy Khối các cơ quan tỉnh, 2017–2021 — khen thưởng đã trao

*Audit sample: the certificates a bloc party committee granted in 2017–2021, with the
mistakes a reviewer should find.*

Dữ liệu **hư cấu** (fictional): a reduced copy of `samples/khoi-co-quan-tinh` — the same
organizations, members and ratings for {n_tccsd} of its 84 grassroots organizations (TCCSĐ), made
by that sample's generator — with an `awards.csv` of what the bloc actually granted. Read with
`rules/khoi-co-quan-tinh`.

```sh
commend audit   --rules rules/khoi-co-quan-tinh --data samples/khoi-co-quan-tinh-kiem-tra
commend explain --rules rules/khoi-co-quan-tinh --data samples/khoi-co-quan-tinh-kiem-tra --year 2020 --subject {t5_reused} --award tieu-bieu-5-nam
```

Generated by `samples/tools/gen_khoi_co_quan_tinh_kiem_tra.py` (Python 3 standard library;
it imports `gen_khoi_co_quan_tinh.py` and changes nothing in that sample). Do not edit the CSV
files by hand; run `python3 samples/tools/gen_khoi_co_quan_tinh_kiem_tra.py` (`--json` prints
the expected findings in the shape of `commend audit --format json`, without `detail`).

## Tổ chức / Structure

{n_subjects} subjects: `khoi`, {n_db} đảng bộ cơ sở with their {n_cells} chi bộ trực thuộc, {n_cbcs} chi bộ
cơ sở, {n_members} đảng viên. `evaluations.csv` has every subject in 2017–2021 ({rows_eval} rows) and,
in addition, the ratings of `{t5_reused}` for 2015 and 2016 (`TSVM`): its archive goes back
further, which is what makes its first five-year certificate (2015–2019) provable.
`admission_target` on the bloc's row is scaled to the reduced bloc. The ratings are those of
the main sample except {raised} (members of `{cap}`), rated HTXSNV in {cap_year} here instead of
HTTNV — the planted breach of the 20 % cap.

Ratings of the TCCSĐ and the `tieu-bieu-nam` record (**✓** eligible and granted, ✗ eligible
and not granted, **!** granted but not eligible):

{tccsd_table}

With {n_tccsd} TCCSĐ there are never more than 20 eligible, so the limit of 20 `tieu-bieu-nam`
cannot be exceeded by eligible organizations; the over-limit finding is on
`tieu-bieu-5-nam` (3 places).

## Các trường hợp cài sẵn / Planted findings

| year | type | subject | award / check | what |
| --- | --- | --- | --- | --- |
| 2019 | `check-failed` | `{cap}` | `tran-20-phan-tram` | {cap_detail} — and the cell still received `tieu-bieu-nam` for 2019 (its criteria do not look at the cap) |
| 2020 | `eligible-not-granted` | `{np}` | `tieu-bieu-nam` | HTXSNV, no member KHTNV, at least 80 % HTTNV or better, not disciplined: eligible and within the 20 places, never proposed (a warning) |
| 2020 | `granted-not-eligible` | `{httnv}` | `tieu-bieu-nam` | tiêu biểu 2017–2019; rated HTTNV in 2020 but granted again — fails the gate “Xếp loại HTXSNV trong năm” |
| 2020 | `granted-not-eligible` | `{t5_reused}` | `tieu-bieu-5-nam` | HTXSNV 2015–2021; certificate for 2015–2019 (`126-QĐ/ĐUK`, 2019, consistent), then again for 2020 (`169-QĐ/ĐUK`) counting 2016–2020 — with `since` only 2020 counts (streak 1) |
| 2021 | `granted-unknown-award` | `{ua}` | `{ua_award}` | a provincial bằng khen (`{ua_dec}`, HTXSNV tiêu biểu 5 năm liền) recorded in the bloc's file; no rule set defines `{ua_award}` |
| 2021 | `over-limit` | null | `tieu-bieu-5-nam` | the four eligible cells ({t5_four}) all granted `204-QĐ/ĐUK`; the rule set allows 3 |

Every other certificate is consistent: each year's `tieu-bieu-nam` record is exactly the
eligible TCCSĐ (fewer than 20), and `{t5_reused}`'s 2019 certificate is eligible
(HTXSNV 2015–2019).

## Kết quả audit mong đợi / Expected audit findings

`commend audit --rules rules/khoi-co-quan-tinh --data samples/khoi-co-quan-tinh-kiem-tra`
(default years 2017–2021: the rule set is in force from 2017; the 2015–2016 rows of one cell
are read by `streak` but not audited) must report exactly, in this order, and exit 1:

| year | type | subject | award | severity |
| --- | --- | --- | --- | --- |
{finding_rows}
"""


def readme_text(d: g.Data) -> str:
    sev = {"eligible-not-granted": "warning"}
    rows = "\n".join(f"| {y} | `{t}` | {('`' + s + '`') if s else 'null'} | `{a}` | {sev.get(t, 'error')} |"
                     for y, t, s, a in audit(d))
    s, y = CAP_EXCEEDED
    ms = d.children[s]
    nx = sum(1 for m in ms if d.rating[m][y] == X)
    ng = sum(1 for m in ms if d.rating[m][y] <= T)
    cap_detail = (f"{nx} of its {len(ms)} members rated HTXSNV in {y}, {ng} HTTNV or better: "
                  f"{nx} > 0.2 × {ng} = {ng / 5:g}")
    four = sorted(select(d, g.T5_ID, T5_OVER_YEAR)["eligible"])
    return README_TEMPLATE.format(
        n_tccsd=len(d.tccsd()), t5_reused=T5_REUSED, n_subjects=len(d.order),
        n_db=len(d.of_kind("dang-bo-co-so")), n_cells=len(d.of_kind("chi-bo-truc-thuoc")),
        n_cbcs=len(d.of_kind("chi-bo-co-so")), n_members=len(d.of_kind("dang-vien")),
        rows_eval=sum(len(d.rating[s]) for s in d.order), tccsd_table=tccsd_table(d),
        cap=s, cap_year=y, raised=", ".join(f"`{m}`" for m in RAISED), cap_detail=cap_detail, np=NOT_PROPOSED[0], httnv=HTTNV_GRANTED[0],
        ua=UNKNOWN_AWARD[0], ua_award=UNKNOWN_AWARD[2], ua_dec=UNKNOWN_AWARD[3],
        t5_four=", ".join(f"`{c}`" for c in four), finding_rows=rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true", help="write nothing, print the expected findings")
    ap.add_argument("--json", action="store_true", help="print the expected findings as audit JSON")
    ap.add_argument("--out", default=OUT_DIR, help="output folder (default: %(default)s)")
    args = ap.parse_args()

    d = generate()
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
    print(tccsd_table(d))
    print("\nExpected audit findings\n")
    for y, t, s, a in audit(d):
        print(f"{y} {t:24} {s or 'null':36} {a}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
