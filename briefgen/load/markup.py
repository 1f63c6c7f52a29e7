"""Inline markup: ``**bold**``, ``*italic*`` and ``[label](https://…)`` parsed once into styled runs.

Both renderers draw the same :class:`Run` tuples, so the memo and the deck agree on
what is bold, italic or a link. Every other character is literal text: ``R&D``,
``x < y`` and ``<b>`` stay exactly as written. A backslash makes ``*``, ``[`` and
``]`` literal. A link target must be an ``http`` or ``https`` address; anything
else is left as literal text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.session import RenderSession, remembered

_LINK = re.compile(r"\[([^\[\]\n]+)\]\((https?://[^\s()<>]+)\)")
_ESCAPABLE = "*[]"


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style.

    ``href`` is set when the run is a link; ``font`` names a fallback font family
    when the theme's font lacks the run's characters (set by the glyph check).
    """

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    font: str | None = None

    def restyle(self, text: str) -> Run:
        """Return a run with the same style and other text."""
        return Run(text, self.bold, self.italic, self.href, self.font)


Runs = tuple[Run, ...]


def parse_inline(text: str) -> Runs:
    """Return the styled runs of ``text``; adjacent runs of one style are merged.

    Kept in the build's session: the memo and the deck parse the same texts, the deck's fitter again.
    """
    return remembered(_inline, text, lambda: _parse_inline(text))


def _inline(session: RenderSession) -> dict[str, Runs]:
    return session.inline


def _parse_inline(text: str) -> Runs:
    out: list[Run] = []
    _parse(text, False, False, None, out)
    return join_runs(tuple(out))


def join_runs(*parts: Runs) -> Runs:
    """Concatenate runs, dropping empty ones and merging neighbours of the same style."""
    out: list[Run] = []
    for part in parts:
        for run in part:
            if not run.text:
                continue
            last = out[-1] if out else None
            if last and (last.bold, last.italic, last.href, last.font) == (
                run.bold,
                run.italic,
                run.href,
                run.font,
            ):
                out[-1] = last.restyle(last.text + run.text)
            else:
                out.append(run)
    return tuple(out)


def plain_text(runs: Runs) -> str:
    """Return the text of ``runs`` without styling."""
    return "".join(run.text for run in runs)


def strip_markup(text: str) -> str:
    """Return ``text`` as a reader sees it, markup removed."""
    return plain_text(parse_inline(text))


def _closing_double(s: str, start: int) -> int:
    """Index of the ``**`` that closes one opened before ``start``, or -1."""
    j = s.find("**", start)
    while j != -1:
        while j + 2 < len(s) and s[j + 2] == "*":
            j += 1
        if j > start and not s[j - 1].isspace():
            return j
        j = s.find("**", j + 2)
    return -1


def _closing_single(s: str, start: int) -> int:
    """Index of the lone ``*`` that closes one opened before ``start``, or -1."""
    k = start
    while k < len(s):
        if s[k] == "\\":
            k += 2
            continue
        if s[k] == "*":
            run_end = k
            while run_end < len(s) and s[run_end] == "*":
                run_end += 1
            if run_end - k == 1 and k > start and not s[k - 1].isspace():
                return k
            k = run_end
            continue
        k += 1
    return -1


def _parse(s: str, bold: bool, italic: bool, href: str | None, out: list[Run]) -> None:
    buf: list[str] = []

    def flush() -> None:
        if buf:
            out.append(Run("".join(buf), bold, italic, href))
            buf.clear()

    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "\\" and i + 1 < n and s[i + 1] in _ESCAPABLE:
            buf.append(s[i + 1])
            i += 2
            continue
        if c == "*" and i + 1 < n and not s[i + 1].isspace():
            if s.startswith("**", i) and not bold:
                j = _closing_double(s, i + 2)
                if j != -1:
                    flush()
                    _parse(s[i + 2 : j], True, italic, href, out)
                    i = j + 2
                    continue
            elif s[i + 1] != "*" and not italic:
                j = _closing_single(s, i + 1)
                if j != -1:
                    flush()
                    _parse(s[i + 1 : j], bold, True, href, out)
                    i = j + 1
                    continue
        if c == "[" and href is None:
            m = _LINK.match(s, i)
            if m:
                flush()
                _parse(m.group(1), bold, italic, m.group(2), out)
                i = m.end()
                continue
        buf.append(c)
        i += 1
    flush()
