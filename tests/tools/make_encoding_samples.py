#!/usr/bin/env python3
"""Writes the labelled legacy-encoding samples of the bad-input catalogue.

Each sample is a small subjects.csv of real Vietnamese names saved in one encoding, as an
office computer of the 1990s–2010s would have saved it (and one rule file, in Windows-1258):

  tcvn3         TCVN 5712 "ABC" (.VnTime fonts): one byte per lower-case letter with its marks
  vni           VNI Windows (VNI-Times fonts): the plain vowel, then one byte for its marks
  windows-1258  the Vietnamese Windows code page: precomposed letters where Latin-1 has them,
                the tone as a separate combining byte
  utf-16le/be   with and without a byte order mark (Excel's "Unicode Text")

Python has no TCVN3 or VNI codec, so their byte tables are built here from the published
charts, for the letters the sample uses (and the rest of the vowels, to be safe).

    tests/tools/make_encoding_samples.py tests/cases    # rewrites the sample files
"""
import sys
import unicodedata
from pathlib import Path

TEXT = """id,name,kind,parent
dbk,Đảng bộ Khối các cơ quan tỉnh,dang-bo,
cb-01,Chi bộ Văn phòng Tỉnh ủy,chi-bo,dbk
cb-02,Chi bộ Sở Tài chính,chi-bo,dbk
dv-01,Nguyễn Văn Hùng,dang-vien,cb-01
dv-02,Trần Thị Hồng Nhung,dang-vien,cb-02
dv-03,Lê Đức Thắng,dang-vien,cb-02
"""

# Tone marks as combining characters, and the order VNI numbers them in.
GRAVE, HOOK, TILDE, ACUTE, DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
TONES = [GRAVE, HOOK, TILDE, ACUTE, DOT]
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"


def split(ch):
    """'ệ' -> ('e', CIRCUMFLEX, DOT): base letter, shape mark (or ''), tone (or '')."""
    d = unicodedata.normalize("NFD", ch)
    base, shape, tone = d[0], "", ""
    for m in d[1:]:
        if m in TONES:
            tone = m
        else:
            shape = m
    return base, shape, tone


# ---- TCVN3 (ABC): lower-case vowels in rows of [plain, grave, hook, tilde, acute, dot] ----
TCVN3_ROWS = {
    "a": [None, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9],
    "ă": [0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6],
    "â": [0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB],
    "e": [None, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1],
    "ê": [0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6],
    "i": [None, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE],
    "o": [None, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4],
    "ô": [0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9],
    "ơ": [0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE],
    "u": [None, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4],
    "ư": [0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9],
    "y": [None, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE],
}
TCVN3_SINGLE = {"đ": 0xAE, "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}


def tcvn3(text):
    out = bytearray()
    for ch in text:
        if ord(ch) < 0x80:
            out.append(ord(ch))
        elif ch in TCVN3_SINGLE:
            out.append(TCVN3_SINGLE[ch])
        else:
            base, shape, tone = split(ch)
            vowel = unicodedata.normalize("NFC", base + shape)
            if vowel not in TCVN3_ROWS:
                raise SystemExit(f"TCVN3 (ABC) has no {ch!r} in the .VnTime font")
            code = TCVN3_ROWS[vowel][0 if not tone else 1 + TONES.index(tone)]
            out.append(code)
    return bytes(out)


# ---- VNI Windows: vowel + one mark byte (lower case; capitals use the byte 0x20 lower) ----
VNI_PLAIN_TONE = {GRAVE: 0xF8, HOOK: 0xFB, TILDE: 0xF5, ACUTE: 0xF9, DOT: 0xEF}
VNI_CIRCUMFLEX = {"": 0xE2, GRAVE: 0xE0, HOOK: 0xE5, TILDE: 0xE3, ACUTE: 0xE1, DOT: 0xE4}
VNI_BREVE = {"": 0xEA, GRAVE: 0xE8, HOOK: 0xFA, TILDE: 0xFC, ACUTE: 0xE9, DOT: 0xEB}
VNI_I = {GRAVE: 0xEC, HOOK: 0xE6, TILDE: 0xF3, ACUTE: 0xED, DOT: 0xF2}
VNI_SINGLE = {"đ": 0xF1, "Đ": 0xD1, "ơ": 0xF4, "Ơ": 0xD4, "ư": 0xF6, "Ư": 0xD6}


def vni(text):
    out = bytearray()
    for ch in text:
        if ord(ch) < 0x80:
            out.append(ord(ch))
            continue
        if ch in VNI_SINGLE:
            out.append(VNI_SINGLE[ch])
            continue
        base, shape, tone = split(ch)
        upper = base.isupper()
        lower = 0x20 if upper else 0
        if base.lower() == "i" and not shape:
            out.append(VNI_I[tone] - lower)
            continue
        if base.lower() == "y" and tone == DOT:
            out.append(0xEE - lower)
            continue
        if shape == HORN:  # ơ ư with a tone: the single letter, then the tone byte
            out.append(VNI_SINGLE[unicodedata.normalize("NFC", base + HORN)])
            out.append(VNI_PLAIN_TONE[tone] - lower)
            continue
        out.append(ord(base))
        table = {"": VNI_PLAIN_TONE, CIRCUMFLEX: VNI_CIRCUMFLEX, BREVE: VNI_BREVE}[shape]
        out.append(table[tone] - lower)
    return bytes(out)


# ---- Windows-1258: Python's codec, once letters it lacks are split into base + tone ----
def windows1258(text):
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, shape, tone = split(ch)
            out += unicodedata.normalize("NFC", base + shape).encode("cp1258")
            out += tone.encode("cp1258")
    return bytes(out)


# A rule file with Vietnamese titles and labels, as a text editor set to the Vietnamese
# Windows code page would save it.
RULE_TEXT = """[ruleset]
id = "khen-thuong"
title = "Khen thưởng tổ chức đảng hằng năm"

[scales]
rating = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]

[labels]
HTXSNV = "Hoàn thành xuất sắc nhiệm vụ"
HTTNV = "Hoàn thành tốt nhiệm vụ"

[[award]]
id = "tieu-bieu"
title = "Giấy khen chi bộ trong sạch vững mạnh tiêu biểu"
kinds = ["chi-bo"]
criteria = [{ label = "Xếp loại hoàn thành xuất sắc nhiệm vụ", test = "rating == HTXSNV" }]
"""

RULE_SAMPLES = {
    "bad-encoding-rule-file-windows-1258": windows1258(RULE_TEXT),
}

SAMPLES = {
    "bad-encoding-tcvn3": tcvn3(TEXT),
    "bad-encoding-vni": vni(TEXT),
    "bad-encoding-windows-1258": windows1258(TEXT),
    "bad-encoding-utf16le-bom": b"\xff\xfe" + TEXT.encode("utf-16-le"),
    "bad-encoding-utf16be-bom": b"\xfe\xff" + TEXT.encode("utf-16-be"),
    "bad-encoding-utf16le": TEXT.encode("utf-16-le"),
    "bad-encoding-utf16be": TEXT.encode("utf-16-be"),
}


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/cases")
    for name, data in SAMPLES.items():
        folder = root / name / "data"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "subjects.csv").write_bytes(data)
        print(f"{folder / 'subjects.csv'}: {len(data)} bytes")
    for name, data in RULE_SAMPLES.items():
        (root / name).mkdir(parents=True, exist_ok=True)
        (root / name / "rules.toml").write_bytes(data)
        print(f"{root / name / 'rules.toml'}: {len(data)} bytes")


if __name__ == "__main__":
    main()
