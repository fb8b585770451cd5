#!/usr/bin/env python3
"""Checks that the [[test]] cases of a rule folder notice every criterion and check.

For every criterion and check test of every file of the folder, writes a copy of the folder
with that test replaced by `true`, then by `false`, and runs `commend test` on the copy. A
replacement no case notices (the copy still passes) is printed: no case has that test fail
(for `true`) or pass where it matters (for `false`). A few are expected: a gate implied by
another criterion of the same award (`awarded(X)` in the year beside `streak(awarded(X)) >= 3`)
changes no eligibility, only which subjects are near misses.

    scripts/mutate-rule-tests.py [--commend build/commend] rules/xep-loai-dang [rules/…]

Python 3 standard library only. Runs `commend test` twice per test: a minute or two a folder.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

TEST = re.compile(r'(\btest = ")((?:[^"\\]|\\.)*)(")')


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--commend", default="build/commend", help="the commend binary")
    ap.add_argument("folders", nargs="+", help="rule folders")
    args = ap.parse_args()
    unnoticed = 0
    for src in args.folders:
        folder = os.path.basename(os.path.normpath(src))
        for fn in sorted(f for f in os.listdir(src) if f.endswith(".toml")):
            text = open(os.path.join(src, fn), encoding="utf-8").read()
            rules_end = text.find("\n[[test]]")           # the rules, not the cases' tables
            for m in TEST.finditer(text[: rules_end if rules_end >= 0 else len(text)]):
                for replacement in ("true", "false"):
                    with tempfile.TemporaryDirectory() as tmp:
                        copy = os.path.join(tmp, folder)
                        shutil.copytree(src, copy)
                        with open(os.path.join(copy, fn), "w", encoding="utf-8") as f:
                            f.write(text[: m.start(2)] + replacement + text[m.end(2):])
                        run = subprocess.run([args.commend, "test", "--rules", copy],
                                             capture_output=True, text=True)
                    if run.returncode == 0:
                        line = text.count("\n", 0, m.start()) + 1
                        print(f"{src}/{fn}:{line}: no case notices `{replacement}` for: {m.group(2)}")
                        unnoticed += 1
    print(f"{unnoticed} replacement(s) no case notices")
    return 0


if __name__ == "__main__":
    sys.exit(main())
