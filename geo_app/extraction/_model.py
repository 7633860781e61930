"""What the extractor returns: carrier and target candidates for review."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CARRIER_COLUMNS",
    "TARGET_COLUMNS",
    "ExtractedCarrier",
    "ExtractedTarget",
    "Extraction",
    "excerpt",
]

#: Characters of a long sentence kept on each side of a name or a count in
#: what the extractor returns: the words around it, not the whole of a
#: sentence that lists thousands of names.
EXCERPT_REACH: Final = 150

#: Columns of the carriers CSV the ``extract`` command writes.
CARRIER_COLUMNS: Final[tuple[str, ...]] = (
    "name",
    "category",
    "district",
    "city",
    "status",
    "out_of_area",
    "sentence",
    "start",
    "end",
    "line",
    "source_file",
)
#: Columns of the targets CSV the ``extract`` command writes.
TARGET_COLUMNS: Final[tuple[str, ...]] = (
    "category",
    "subkind",
    "subject",
    "kind",
    "bound",
    "number",
    "min",
    "max",
    "year",
    "scope",
    "city",
    "named",
    "per",
    "sentence",
    "start",
    "end",
    "line",
    "source_file",
)


@dataclass(frozen=True)
class ExtractedCarrier:
    """A named carrier found in a plan.

    Parameters
    ----------
    name
        The name as written, without a leading district prefix.
    category
        One of community, smart_island, incubator, park, zone.
    district
        The district or other place prefix written with it ("" if none).
    city
        Full city name (``洛阳市``), "" when the text names none.
    status
        ``existing`` or ``planned``, from the wording.
    out_of_area
        The text places it outside the city (e.g. 在深圳…建设).
    sentence
        The sentence it came from (at most :data:`EXCERPT_REACH` characters
        on each side of the name, an ellipsis where it is cut).
    start, end
        Character span of the name in the original document text.
    line
        1-based line of the sentence in the document.
    source_file
        File name of the document.
    """

    name: str
    category: str
    district: str
    city: str
    status: str
    out_of_area: bool
    sentence: str
    start: int
    end: int
    line: int
    source_file: str = ""


@dataclass(frozen=True)
class ExtractedTarget:
    """A planned (or baseline) count of carriers found in a plan.

    Parameters
    ----------
    category
        community, smart_island, incubator, park, zone, rd_platform or all_carriers.
    subkind
        Level and kind, e.g. ``provincial_key_lab`` ("" if not specific).
    subject
        The counted thing as written (``省级重点实验室``).
    kind
        ``target`` (to reach) or ``baseline`` (already reached).
    bound
        at_least, more_than, about, range, exact or at_most.
    number
        The single figure written (``None`` for a range).
    min, max
        Bounds implied by ``bound`` (``max`` is ``None`` when open).
    year
        The year the count is for, if written.
    scope
        The city, or the county/district the count is for.
    city
        Full city name of the passage.
    named
        For ``named_list`` targets, the carrier names, ``|``-separated.
    per
        ``year`` for a count per year (每年新增10个), ``district`` for one per
        county or district (每个县区1-2个), ``""`` for a total.
    sentence, start, end, line, source_file
        Where it was found (span of the number phrase in the original text;
        the sentence cut as a carrier's is).
    """

    category: str
    subkind: str
    subject: str
    kind: str
    bound: str
    number: float | None
    min: float | None
    max: float | None
    year: int | None
    scope: str
    city: str
    named: str
    sentence: str
    start: int
    end: int
    line: int
    source_file: str = ""
    per: str = ""


@dataclass(frozen=True)
class Extraction:
    """Everything found in one document."""

    carriers: tuple[ExtractedCarrier, ...] = field(default_factory=tuple)
    targets: tuple[ExtractedTarget, ...] = field(default_factory=tuple)
    city: str = ""
    source_file: str = ""

    def carrier_records(self) -> list[tuple[object, ...]]:
        """The carriers as plain rows in the order of :data:`CARRIER_COLUMNS`."""
        return [_record(asdict(c), CARRIER_COLUMNS) for c in self.carriers]

    def target_records(self) -> list[tuple[object, ...]]:
        """The targets as plain rows in the order of :data:`TARGET_COLUMNS`."""
        return [_record(asdict(t), TARGET_COLUMNS) for t in self.targets]

    def carriers_frame(self) -> pd.DataFrame:
        """The carriers as a DataFrame with :data:`CARRIER_COLUMNS`."""
        import pandas as pd

        return pd.DataFrame(self.carrier_records(), columns=list(CARRIER_COLUMNS))

    def targets_frame(self) -> pd.DataFrame:
        """The targets as a DataFrame with :data:`TARGET_COLUMNS`."""
        import pandas as pd

        frame = pd.DataFrame(self.target_records(), columns=list(TARGET_COLUMNS))
        for column in ("year", "start", "end", "line"):
            frame[column] = frame[column].astype("Int64")
        return frame


def excerpt(sentence: str, start: int, end: int, reach: int = EXCERPT_REACH) -> str:
    """``sentence`` cut to ``reach`` characters on each side of
    ``sentence[start:end]``, an ellipsis where it is cut.

    Examples
    --------
    >>> excerpt("甲甲甲甲乙园丙丙丙", 4, 6, reach=2)
    '…甲甲乙园丙丙…'
    >>> excerpt("甲乙园丙", 1, 3, reach=2)
    '甲乙园丙'
    """
    first, last = max(0, start - reach), min(len(sentence), end + reach)
    cut_before = "…" if first > 0 else ""
    cut_after = "…" if last < len(sentence) else ""
    return cut_before + sentence[first:last] + cut_after


def _record(values: dict[str, object], columns: tuple[str, ...]) -> tuple[object, ...]:
    return tuple(values[c] for c in columns)
