"""Character spans of a sentence, compared many against many.

A recognition list can hold thousands of names in one sentence; asking
every name about every other grows with the square of the list.  These
answers take a sort and a binary search instead.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import accumulate

__all__ = ["Overlaps", "held_in_longer"]


class Overlaps:
    """Whether a span overlaps any of a fixed set of ``(start, end)`` spans.

    Examples
    --------
    >>> spans = Overlaps([(0, 4), (10, 12)])
    >>> spans.any(3, 5), spans.any(4, 10), spans.any(11, 20), Overlaps([]).any(0, 9)
    (True, False, True, False)
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        # The furthest end among the spans up to each one, in order of start.
        self._reach = list(accumulate((end for _, end in ordered), max))

    def any(self, start: int, end: int) -> bool:
        """Whether some span shares a character with ``[start, end)``."""
        opened = bisect_left(self._starts, end)
        return opened > 0 and self._reach[opened - 1] > start


def held_in_longer(spans: Sequence[tuple[int, int]]) -> list[bool]:
    """For each span, whether another, longer span holds it.

    Examples
    --------
    >>> held_in_longer([(0, 9), (2, 5), (2, 5), (0, 9), (8, 12)])
    [False, True, True, False, False]
    """
    held = dict.fromkeys(spans, False)
    reach = -1
    # By start, and at one start the longest first: a span is held when one
    # seen before it reaches as far.
    for start, end in sorted(held, key=lambda span: (span[0], -span[1])):
        held[(start, end)] = reach >= end
        reach = max(reach, end)
    return [held[span] for span in spans]
