"""Arabic and Chinese numerals, and numeric ranges, as written in plans.

Examples
--------
>>> parse_number("一百二十")
120
>>> parse_number("两")
2
>>> parse_range("5~8")
(5, 8)
"""

from __future__ import annotations

import re

__all__ = [
    "CN_NUMBER",
    "NUMBER",
    "RANGE",
    "RANGE_SEPARATORS",
    "parse_chinese_integer",
    "parse_number",
    "parse_range",
]

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}

#: A Chinese numeral (at least one digit or a leading 十).
CN_NUMBER = r"(?:[零〇一二两三四五六七八九十百千万亿]*[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*)"
#: An Arabic or Chinese numeral, with an optional 万/亿 multiplier.
NUMBER = r"(?:\d+(?:,\d{3})*(?:\.\d+)?[万亿]?|" + CN_NUMBER + r")"
#: Characters that join the two ends of a range.
RANGE_SEPARATORS = "~-至到"
#: A range such as ``5~8``, ``2-3``, ``2至3`` or ``三到五``.
_SEPARATOR_CLASS = "[~\\-至到]"
RANGE = rf"(?:{NUMBER}\s*{_SEPARATOR_CLASS}\s*{NUMBER})"

_RANGE_RE = re.compile(rf"^\s*({NUMBER})\s*{_SEPARATOR_CLASS}\s*({NUMBER})\s*$")


def parse_chinese_integer(text: str) -> int:
    """Parse a Chinese integer numeral such as ``二十``, ``一百二十``, ``两万``.

    Parameters
    ----------
    text
        The numeral, without measure word.

    Returns
    -------
    int
        Its value.

    Raises
    ------
    ValueError
        If ``text`` is not a Chinese numeral.

    Examples
    --------
    >>> parse_chinese_integer("二十")
    20
    >>> parse_chinese_integer("十五")
    15
    >>> parse_chinese_integer("一千零五")
    1005
    >>> parse_chinese_integer("二〇二五")
    2025
    """
    if not text or any(
        c not in _DIGITS and c not in _SMALL_UNITS and c not in _LARGE_UNITS for c in text
    ):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if all(c in _DIGITS for c in text) and len(text) > 1:
        # Digit-by-digit form used for years: 二〇二五.
        return int("".join(str(_DIGITS[c]) for c in text))
    total = 0
    section = 0
    digit = 0
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _SMALL_UNITS:
            section += (digit or 1) * _SMALL_UNITS[char]
            digit = 0
        else:
            total += (section + digit) * _LARGE_UNITS[char]
            section = 0
            digit = 0
    return total + section + digit


def parse_number(text: str) -> int | float:
    """Parse an Arabic or Chinese numeral, with 万/亿 multipliers.

    Parameters
    ----------
    text
        E.g. ``"120"``, ``"1,600"``, ``"13.45"``, ``"1.5万"``, ``"一百二十"``.

    Returns
    -------
    int or float
        An ``int`` when the value is whole.

    Raises
    ------
    ValueError
        If ``text`` is not a number.

    Examples
    --------
    >>> parse_number("1.5万")
    15000
    >>> parse_number("2.83")
    2.83
    """
    text = text.strip().replace(",", "")
    if not text:
        raise ValueError("empty number")
    if text[0].isdigit():
        multiplier = 1
        if text[-1] in _LARGE_UNITS:
            multiplier = _LARGE_UNITS[text[-1]]
            text = text[:-1]
        try:
            value = float(text) * multiplier
        except ValueError as err:
            raise ValueError(f"not a number: {text!r}") from err
        return int(value) if value.is_integer() else value
    return parse_chinese_integer(text)


def parse_range(text: str) -> tuple[int | float, int | float]:
    """Parse ``N~M``, ``N-M``, ``N至M`` or ``N到M`` into ``(min, max)``.

    Raises
    ------
    ValueError
        If ``text`` is not a range or its ends are reversed.

    Examples
    --------
    >>> parse_range("2至3")
    (2, 3)
    >>> parse_range("三到五")
    (3, 5)
    """
    match = _RANGE_RE.match(text)
    if match is None:
        raise ValueError(f"not a range: {text!r}")
    low, high = parse_number(match.group(1)), parse_number(match.group(2))
    if low > high:
        raise ValueError(f"reversed range: {text!r}")
    return low, high
