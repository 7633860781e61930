"""The message catalogue: every product error's wording, in each interface language.

An error raised by the product carries a ``code`` (a key of :data:`MESSAGES`)
and its ``params``; the CLI and the app word it with :func:`render_message`
in the interface language. A message is never found by matching an English
sentence: adding an error means adding its code here, in both languages.

Templates use :meth:`str.format` with named fields only; a parameter's value
is inserted as text and never interpreted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = ["LANGS", "MESSAGES", "render_message"]

#: Interface languages, in the order the app offers them.
LANGS: Final[tuple[str, ...]] = ("zh", "en")

#: code -> language -> template.
MESSAGES: Final[dict[str, dict[str, str]]] = {
    # --- general -------------------------------------------------------------
    "error": {"en": "{detail}", "zh": "{detail}"},
    # --- map -------------------------------------------------------------------
    "map.template_text": {
        "en": "the map was not drawn: {element} holds unescaped template text",
        "zh": "地图未绘制:{element} 含有未转义的模板文本",
    },
    # --- files and tables (readers) -----------------------------------------
    "file.not_found": {"en": "file not found", "zh": "找不到文件"},
}


class _Params(dict[str, object]):
    """Leaves an unknown field visible instead of failing (a catalogue typo)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render_message(code: str, lang: str, params: Mapping[str, object] | None = None) -> str:
    """The message for ``code`` in ``lang`` (English when ``lang`` is unknown).

    Examples
    --------
    >>> render_message("file.not_found", "zh")
    '找不到文件'
    >>> render_message("error", "en", {"detail": "{{ 7*7 }}"})
    '{{ 7*7 }}'
    """
    entry = MESSAGES.get(code)
    if entry is None:
        raise KeyError(f"no message for error code {code!r}")
    template = entry.get(lang) or entry["en"]
    return template.format_map(_Params({k: _text(v) for k, v in (params or {}).items()}))


def _text(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)
