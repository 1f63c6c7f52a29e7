"""The deck's package: core properties within python-pptx's 255-character limit, shortened at a word."""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from deckbriefs import WORDS
from pptx import Presentation

from briefgen.layout.values import document_keywords
from briefgen.load.loader import load
from briefgen.render import deck_package
from briefgen.render.deck import render_deck_pptx
from briefgen.render.deck_package import CORE_PROPERTY_LIMIT, fit_property
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
EPOCH = 1_751_932_800  # 2025-07-08 00:00 UTC


def _title(length: int) -> str:
    words: list[str] = []
    k = 0
    while len(" ".join(words)) < length:
        words.append(WORDS[k % len(WORDS)])
        k += 1
    return " ".join(words)[:length].rstrip()


def test_short_values_are_kept_whole() -> None:
    for value in ("", "Partners meeting", "x" * CORE_PROPERTY_LIMIT):
        assert fit_property(value) == value


def test_long_values_are_cut_at_a_word_with_an_ellipsis() -> None:
    value = _title(400)
    short = fit_property(value)
    assert len(short) <= CORE_PROPERTY_LIMIT and short.endswith("…")
    head = short[:-1]
    assert value.startswith(head) and value[len(head)] == " "  # a whole word was kept
    assert len(head) > CORE_PROPERTY_LIMIT - 20  # and not much more was dropped
    keywords = fit_property("; ".join(f"Country {k}" for k in range(40)))
    assert keywords.endswith("…") and not keywords[:-1].rstrip().endswith(";")


def test_a_value_without_spaces_is_cut_between_characters() -> None:
    assert fit_property("a" * 400) == "a" * (CORE_PROPERTY_LIMIT - 1) + "…"
    accented = fit_property("e\u0301" * 300)  # never a mark without its letter
    assert len(accented) <= CORE_PROPERTY_LIMIT and accented[-2] == "\u0301"


def test_a_deck_with_a_400_character_title_and_30_positions_builds(tmp_path: Path) -> None:
    title = _title(400)
    actors = [f"Delegation of the Republic number {k}" for k in range(30)]
    data = {
        "title": title,
        "subtitle": _title(300),
        "classification": "RESTRICTED " + _title(280),
        "meeting": {"name": "Partners meeting", "date": "2026-03-02", "location": "Jakarta"},
        "memo": {"prepared_by": "Policy unit " + _title(270)},
        "summary": "Budget approved.",
        "key_points": [{"title": "Budget", "body": "The budget was approved."}],
        "positions": [{"actor": a, "summary": "Supports the plan."} for a in actors],
    }
    path = tmp_path / "long-title.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10**6), encoding="utf-8")
    loaded = load(path)
    pptx = render_deck_pptx(loaded, load_theme(loaded.brief.theme), epoch=EPOCH).data
    prs = Presentation(io.BytesIO(pptx))
    cp = prs.core_properties
    fields = (cp.title, cp.subject, cp.category, cp.author, cp.last_modified_by)
    for value in fields:
        assert len(value) <= CORE_PROPERTY_LIMIT and value.endswith("…"), value
    assert title.startswith(cp.title[:-1])
    # the keywords are whole ones, as many as fit, the same as the memo's (briefgen.layout.values)
    assert len(cp.keywords) <= CORE_PROPERTY_LIMIT and cp.keywords == document_keywords(loaded.brief)
    assert cp.keywords.startswith("Partners meeting") and cp.keywords.endswith("number 5")
    first_slide = " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    assert " ".join(first_slide.split()).find(title) >= 0  # the slide shows the whole title
    with zipfile.ZipFile(io.BytesIO(pptx)) as z:
        app = z.read("docProps/app.xml").decode()
    assert title in app  # app.xml has no such limit: the slide titles stay whole


# ---------------------------------------------------------------------------
# The package written without python-pptx's writer and zipfile: the same bytes


def _linked_deck(tmp_path: Path) -> bytes:
    data = {
        "title": "Links & <pictures>",
        "meeting": {"name": "Partners meeting", "date": "2026-03-02"},
        "summary": 'See [the "report"](https://example.org/r?a=1&b="2"<x>) and [notes](https://example.org/n\u00e9).',
        "key_points": [{"title": "Budget", "body": "Approved, [details](https://example.org/b?x=1&y=2)."}],
        "sources": [{"title": "Report", "url": "https://example.org/r?a=1&b=2"}],
    }
    path = tmp_path / "links.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    loaded = load(path)
    return render_deck_pptx(loaded, load_theme(loaded.brief.theme), epoch=EPOCH).data


def test_without_the_fast_writer_python_pptx_saves_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a python-pptx without the internals the fast writer reads falls back to saving, never to another deck
    fast = _linked_deck(tmp_path)
    monkeypatch.setattr(deck_package, "package_contents", lambda prs: None)
    assert _linked_deck(tmp_path) == fast


def test_the_extended_properties_list_every_slide_title(tmp_path: Path) -> None:
    loaded = load(ROOT / "briefs" / "asean-58th-amm.yaml")
    data = render_deck_pptx(loaded, load_theme(loaded.brief.theme), epoch=EPOCH).data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        app = z.read("docProps/app.xml").decode()
    prs = Presentation(io.BytesIO(data))
    titles = [slide.shapes.title.text_frame.text for slide in prs.slides]
    assert f"<Slides>{len(titles)}</Slides>" in app
    assert f"<Notes>{sum(s.has_notes_slide for s in prs.slides)}</Notes>" in app
    listed = [html.unescape(t) for t in re.findall(r"<vt:lpstr>(.*?)</vt:lpstr>", app)][1:]
    assert [" ".join(t.split()) for t in listed] == [" ".join(t.split()) for t in titles]


def test_the_zip_holds_every_entry_in_order_stamped_with_the_epoch(tmp_path: Path) -> None:
    from briefgen.render.deck_package import write_zip

    with zipfile.ZipFile(io.BytesIO(_linked_deck(tmp_path))) as z:
        entries = {name: z.read(name) for name in z.namelist()}
    entries["ppt/media/r\u00e9sum\u00e9.bin"] = bytes(range(256)) * 3  # a name zipfile marks as UTF-8
    entries["ppt/empty.xml"] = b""
    for epoch, stamp in ((EPOCH, (2025, 7, 8, 0, 0, 0)), (0, (1980, 1, 1, 0, 0, 0))):  # 0: before 1980
        with zipfile.ZipFile(io.BytesIO(write_zip(entries, epoch))) as z:
            assert z.testzip() is None
            names = z.namelist()
            assert names[:2] == ["[Content_Types].xml", "_rels/.rels"] and names[2:] == sorted(names[2:])
            assert {name: z.read(name) for name in names} == entries
            assert {info.date_time for info in z.infolist()} == {stamp}
