"""Valid and invalid identifiers for the checker's tests and benchmark (deterministic per rng)."""

from __future__ import annotations

import datetime as dt
import random

from stdnum import luhn
from stdnum.cn import uscc

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# County-level codes that exist (GB/T 2260), and a few from before a re-organisation.
REGIONS = (
    "360102", "360103", "360111", "360121", "360402", "360726", "362101", "110105", "110108",
    "310104", "440305", "330106", "420111", "510107", "610113", "650102", "210102", "370212",
    "450103", "530102", "130104", "140105", "620102", "640104", "460106", "500112",
)  # fmt: skip
MOBILE_PREFIXES = (
    "130",
    "135",
    "138",
    "139",
    "150",
    "151",
    "158",
    "166",
    "177",
    "180",
    "186",
    "188",
    "191",
    "199",
)
CARD_PREFIXES = ("622202", "622848", "621700", "623058", "625965", "436742", "518710")


def id_number(rng: random.Random, *, valid: bool = True) -> str:
    born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 80))
    body = f"{rng.choice(REGIONS)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    check = _CHECK[sum(int(c) * w for c, w in zip(body, _WEIGHTS, strict=True)) % 11]
    if not valid:
        check = rng.choice([c for c in "0123456789X" if c != check])
    return body + check


def id_number_15(rng: random.Random) -> str:
    born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 40))
    return f"{rng.choice(REGIONS)}{born:%y%m%d}{rng.randrange(1000):03d}"


def mobile(rng: random.Random, style: int = 0) -> str:
    digits = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
    return [
        digits,
        f"{digits[:3]} {digits[3:7]} {digits[7:]}",
        f"{digits[:3]}-{digits[3:7]}-{digits[7:]}",
        "+86 " + digits,
        "+86-" + digits,
    ][style % 5]


def bank_card(
    rng: random.Random, *, length: int = 19, valid: bool = True, spaced: bool = False
) -> str:
    body = rng.choice(CARD_PREFIXES)
    body += "".join(str(rng.randrange(10)) for _ in range(length - len(body) - 1))
    check = luhn.calc_check_digit(body)
    if not valid:
        check = str((int(check) + rng.randrange(1, 10)) % 10)
    number = body + check
    if spaced:
        return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    return number


def credit_code(rng: random.Random, category: str = "91") -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = category + rng.choice(REGIONS) + "".join(rng.choice(alphabet) for _ in range(9))
    return body + uscc.calc_check_digit(body)


def plain_number(rng: random.Random, length: int) -> str:
    return str(rng.randrange(1, 10)) + "".join(str(rng.randrange(10)) for _ in range(length - 1))
