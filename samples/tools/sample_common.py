"""What the sample generators share: a seeded random source whose draws are the same on
every Python 3 (its methods use only random.Random.random), NFC normalization, and CSV text
as the SPEC reads it. Standard library only."""
from __future__ import annotations

import csv
import io
import math
import unicodedata


class Rng:
    def __init__(self, seed: int) -> None:
        import random
        self._r = random.Random(seed)

    def random(self) -> float:
        return self._r.random()

    def randint(self, a: int, b: int) -> int:            # inclusive
        return a + min(int(self.random() * (b - a + 1)), b - a)

    def chance(self, p: float) -> bool:
        return self.random() < p

    def choice(self, seq):
        return seq[self.randint(0, len(seq) - 1)]

    def weighted(self, items, weights):
        total = sum(weights)
        x = self.random() * total
        acc = 0.0
        for item, w in zip(items, weights):
            acc += w
            if x < acc:
                return item
        return items[-1]

    def sample(self, seq, k: int):
        pool = list(seq)
        out = []
        for _ in range(k):
            out.append(pool.pop(self.randint(0, len(pool) - 1)))
        return out

    def gauss(self) -> float:                             # Box–Muller
        u1 = max(self.random(), 1e-12)
        u2 = self.random()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def binomial(self, n: int, p: float) -> int:
        return sum(1 for _ in range(n) if self.random() < p)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def csv_text(header, rows) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()
