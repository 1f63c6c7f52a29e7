"""The PDF memo: content, fonts, metadata, outline, robustness, page economy and reproducibility.

The PDFs are read back with poppler (``pdftotext``, ``pdffonts``) and ``qpdf``; when
a tool is missing the tests skip, except under ``CI=true`` where they fail.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import require_tool
from PIL import Image, ImageDraw
from pydantic import BaseModel

from briefgen.labels import labels_for
from briefgen.layout.memo import column_widths, line_chunks, memo_geometry
from briefgen.load.loader import LoadedBrief, load
from briefgen.load.markup import strip_markup
from briefgen.load.model import Table
from briefgen.render.memo import render_memo_pdf
from briefgen.theme import Theme, load_theme

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "briefs").glob("*.yaml"))
EPOCH = 1_751_500_800  # 2025-07-03 00:00 UTC


def _run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


def _qdf(pdf: Path) -> str:
    """The PDF uncompressed by qpdf, as Latin-1 text (to search its objects and content streams)."""
    require_tool("qpdf")
    out = subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(pdf), "-"], check=True, capture_output=True
    ).stdout
    return out.decode("latin-1")


def _render(loaded: LoadedBrief, theme: Theme | None = None, epoch: int = EPOCH) -> bytes:
    return render_memo_pdf(loaded, theme or load_theme(loaded.brief.theme), epoch=epoch).data


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("memo")


@pytest.fixture(scope="module")
def examples(out_dir: Path) -> dict[str, tuple[LoadedBrief, Path]]:
    """Every example brief rendered once: name → (loaded brief, PDF path)."""
    out = {}
    for path in EXAMPLES:
        loaded = load(path)
        pdf = out_dir / f"{path.stem}.pdf"
        pdf.write_bytes(_render(loaded))
        out[path.stem] = (loaded, pdf)
    return out


# ---------------------------------------------------------------------------
# Reading a PDF back


def frame_text(pdf: Path, loaded: LoadedBrief, theme: Theme | None = None, raw: bool = True) -> str:
    """The text inside the text frame of every page (banners, running header and footer cut off)."""
    require_tool("pdftotext")
    geo = memo_geometry(theme or load_theme(loaded.brief.theme), loaded.brief)
    top = geo.page_height - geo.top - 1
    return _run(
        "pdftotext",
        *(["-raw"] if raw else []),
        "-x",
        "0",
        "-y",
        f"{top:.0f}",
        "-W",
        f"{geo.page_width:.0f}",
        "-H",
        f"{geo.height + 2:.0f}",
        pdf,
        "-",
    )


def squash(text: str) -> str:
    """Text with all whitespace removed: line breaks are ours, so compare without them; pdftotext's
    bidi embedding marks (U+202A-U+202E) around right-to-left text go too."""
    return re.sub(r"[\s\u202a-\u202e]+", "", text)


RTL_LANGUAGES = {"ar", "he", "fa", "ur"}


def letters(text: str) -> str:
    """Only the letters, marks and digits of ``text``."""
    return "".join(ch for ch in text if ch.isalnum() or unicodedata.category(ch).startswith("M"))


def brief_strings(
    node: Any, path: tuple[Any, ...] = (), tone: Callable[[str], str] | None = None
) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string of a brief as a reader sees it printed (markup removed; table cells literal; tones named)."""
    if tone is None:
        tone = labels_for(getattr(node, "language", "en")).tone
    if isinstance(node, Table):
        for col in node.columns:
            yield (*path, "columns"), strip_markup(col)
        for r, row in enumerate(node.rows):
            for c, cell in enumerate(row):
                if cell.strip():
                    yield (*path, "rows", r, c), cell
        if node.caption:
            yield (*path, "caption"), strip_markup(node.caption)
        return
    if isinstance(node, BaseModel) or (dataclasses.is_dataclass(node) and not isinstance(node, type)):
        names = (
            type(node).model_fields
            if isinstance(node, BaseModel)
            else [f.name for f in dataclasses.fields(node)]
        )
        for name in names:
            if name in ("theme", "language", "classification", "path", "alt", "kind"):
                continue
            yield from brief_strings(getattr(node, name), (*path, name), tone)
    elif isinstance(node, (list, tuple)):
        for i, item in enumerate(node):
            yield from brief_strings(item, (*path, i), tone)
    elif isinstance(node, str):
        yield path, tone(node) if path[-1] == "tone" else strip_markup(node)


def fonts_of(pdf: Path) -> list[tuple[str, str, str]]:
    """(name, type, embedded) of every font ``pdffonts`` lists."""
    require_tool("pdffonts")
    lines = _run("pdffonts", pdf).splitlines()[2:]
    out = []
    for line in lines:
        parts = line.split()
        # name type [type…] encoding emb sub uni object ID
        out.append((parts[0], parts[1], parts[-5]))
    return out


def outline_titles(pdf: Path) -> list[str]:
    return [title for title, _ in outline(pdf)]


def outline(pdf: Path) -> list[tuple[str, float]]:
    """(title, top of its destination in points from the page's foot) of each outline entry."""
    require_tool("qpdf")
    data = json.loads(_run("qpdf", "--json", "--json-key=outlines", pdf))
    return [(entry["title"], float(entry["dest"][3])) for entry in data["outlines"]]


def page_fills(pdf: Path, loaded: LoadedBrief) -> list[float]:
    """For each page, how far down the text frame its lowest word reaches (0 to 1)."""
    require_tool("pdftotext")
    geo = memo_geometry(load_theme(loaded.brief.theme), loaded.brief)
    html = _run("pdftotext", "-bbox", pdf, "-")
    fills = []
    frame_top = geo.page_height - geo.top
    for page in html.split("<page ")[1:]:
        lowest = frame_top
        for y_max in re.findall(r'<word [^>]*yMax="([\d.]+)"', page):
            y = float(y_max)
            if frame_top - 1 <= y <= geo.page_height - geo.bottom + 1:
                lowest = max(lowest, y)
        fills.append((lowest - frame_top) / geo.height)
    return fills


# ---------------------------------------------------------------------------
# The examples


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_every_string_of_the_brief_is_printed(
    examples: dict[str, tuple[LoadedBrief, Path]], name: str
) -> None:
    loaded, pdf = examples[name]
    if loaded.brief.language.split("-")[0] in RTL_LANGUAGES:
        # pdftotext -raw keeps the content order, which has no direction; read as laid out, pdftotext
        # orders the words by UAX #9 but places a neutral (a bracket, a colon) by its own rule where
        # Arabic meets Latin, so letters and digits are compared, in order, and all of every
        # right-to-left string without Latin letters or digits
        text = frame_text(pdf, loaded, raw=False)
        missing = [
            f"{'.'.join(map(str, p))}: {s!r}"
            for p, s in brief_strings(loaded.brief)
            if (letters(s) not in letters(text))
            or (not re.search("[A-Za-z0-9]", s) and squash(s) not in squash(text))
        ]
    else:
        text = squash(frame_text(pdf, loaded))
        missing = [
            f"{'.'.join(map(str, p))}: {s!r}" for p, s in brief_strings(loaded.brief) if squash(s) not in text
        ]
    assert not missing, "not in the memo:\n" + "\n".join(missing)


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_pdf_is_valid_and_every_font_embedded(
    examples: dict[str, tuple[LoadedBrief, Path]], name: str
) -> None:
    _, pdf = examples[name]
    require_tool("qpdf")
    check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    fonts = fonts_of(pdf)
    assert fonts
    assert all(emb == "yes" for _, _, emb in fonts), fonts
    assert all(kind == "TrueType" for _, kind, _ in fonts), fonts
    assert not any("Helvetica" in font for font, _, _ in fonts)


def test_metadata_and_language(examples: dict[str, tuple[LoadedBrief, Path]]) -> None:
    loaded, pdf = examples["asean-58th-amm"]
    require_tool("pdfinfo")
    info = dict(
        (k.strip(), v.strip())
        for k, _, v in (line.partition(":") for line in _run("pdfinfo", pdf).splitlines())
    )
    brief = loaded.brief
    assert info["Title"] == strip_markup(brief.title)
    assert info["Author"] == "zai"
    assert info["Creator"] == "briefgen"
    assert "58th ASEAN Foreign Ministers’ Meeting" in info["Subject"]
    assert "58th AMM" in info["Keywords"] and "China" in info["Keywords"]
    assert info["CreationDate"].endswith("2025 UTC") and "Jul  3" in info["CreationDate"]
    catalog = json.loads(_run("qpdf", "--json", "--json-key=qpdf", pdf))["qpdf"][1]
    root = next(
        v["value"]
        for v in catalog.values()
        if isinstance(v.get("value"), dict) and v["value"].get("/Type") == "/Catalog"
    )
    assert root["/Lang"] == "u:en"


def test_outline_has_an_entry_per_section(examples: dict[str, tuple[LoadedBrief, Path]]) -> None:
    loaded, pdf = examples["asean-58th-amm"]
    titles = outline_titles(pdf)
    expected = [
        "Bottom line up front",
        "Meeting at a glance",
        "Key points",
        "Positions",
        "Reactions",
        "Outlook",
        "Highlights",
        *(s.title for s in loaded.brief.sections),
        "Sources",
    ]
    assert titles == expected


def test_literal_characters_print_as_written(examples: dict[str, tuple[LoadedBrief, Path]]) -> None:
    loaded, pdf = examples["quarterly-trade-review"]
    text = frame_text(pdf, loaded)
    for literal in ("R&D", "x < y", "<b>not bold</b>", "NO"):
        assert literal in text
    assert "&amp;" not in text and "&lt;" not in text


def test_running_header_and_page_numbers(examples: dict[str, tuple[LoadedBrief, Path]]) -> None:
    _, pdf = examples["asean-58th-amm"]
    require_tool("pdftotext")
    pages = _run("pdftotext", "-layout", pdf, "-").split("\f")[:-1]
    total = len(pages)
    assert total >= 2
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {total}" in page
        assert "15 July 2025" in page
        assert page.count("UNCLASSIFIED") >= 2  # top and bottom banners
        header = [line for line in page.splitlines() if line.strip()][1]
        assert ("58th AMM" in header) == (n > 1)


def test_links_are_clickable(examples: dict[str, tuple[LoadedBrief, Path]]) -> None:
    _, pdf = examples["quarterly-trade-review"]
    raw = _qdf(pdf)
    for url in (
        "https://example.org/northwind/data",
        "https://example.org/northwind/q1-2026-statistics",
        "https://example.org/freight-index/2026-04",
    ):
        assert f"/URI ({url})" in raw


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_no_page_but_the_last_is_mostly_empty(
    examples: dict[str, tuple[LoadedBrief, Path]], name: str
) -> None:
    loaded, pdf = examples[name]
    fills = page_fills(pdf, loaded)
    assert all(f >= 0.4 for f in fills[:-1]), fills


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_no_heading_at_the_foot_of_a_page(examples: dict[str, tuple[LoadedBrief, Path]], name: str) -> None:
    loaded, pdf = examples[name]
    geo = memo_geometry(load_theme(loaded.brief.theme), loaded.brief)
    for title, top in outline(pdf):
        # a heading (about 25 pt with its rule) and at least a line of what follows
        assert top - geo.bottom >= 40, (title, top)


def test_same_epoch_same_bytes(
    examples: dict[str, tuple[LoadedBrief, Path]], monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded, pdf = examples["quarterly-trade-review"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "12345")  # the epoch argument wins over the environment
    again = _render(loaded)
    assert again == pdf.read_bytes()
    assert _render(loaded, epoch=EPOCH + 86400) != again


def test_every_theme_renders(examples: dict[str, tuple[LoadedBrief, Path]], out_dir: Path) -> None:
    loaded, _ = examples["asean-58th-amm"]
    for name in ("default", "print", "sandstone"):
        theme = load_theme(name)
        pdf = out_dir / f"asean-{name}.pdf"
        pdf.write_bytes(_render(loaded, theme))
        size = _run("pdfinfo", pdf) if shutil.which("pdfinfo") else ""
        require_tool("pdfinfo")
        expected = "612 x 792" if theme.memo.page_size == "Letter" else "595.276 x 841.89"
        assert expected in size
        assert all(emb == "yes" for _, _, emb in fonts_of(pdf))
        text = squash(frame_text(pdf, loaded, theme))
        assert squash(strip_markup(loaded.brief.summary)) in text


# ---------------------------------------------------------------------------
# Charts, tables and images


def _write_brief(folder: Path, data: dict[str, Any]) -> LoadedBrief:
    path = folder / "brief.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9), encoding="utf-8")
    return load(path)


BASE: dict[str, Any] = {
    "title": "Blocks",
    "meeting": {"name": "M", "date": "2026-03-02"},
    "summary": "S",
    "key_points": [{"title": "K", "body": "B"}],
}


@pytest.fixture(scope="module")
def blocks_pdf(out_dir: Path) -> tuple[LoadedBrief, Path]:
    folder = out_dir / "blocks"
    folder.mkdir()
    image = Image.new("RGB", (600, 300), "white")
    ImageDraw.Draw(image).rectangle([50, 50, 250, 250], fill="#2A6099")
    image.save(folder / "diagram.png")
    data = dict(
        BASE,
        classification="CONFIDENTIAL",
        sections=[
            {
                "title": "Every block",
                "blocks": [
                    {"text": "A paragraph."},
                    {"bullets": ["First bullet", "Second bullet"]},
                    {"quote": {"text": "Quoted", "by": "Speaker", "role": "Role"}},
                    {
                        "table": {
                            "columns": ["Name", "Value"],
                            "rows": [["alpha", "1.5"], ["beta", "-2"]],
                            "caption": "Tiny",
                        }
                    },
                    {
                        "chart": {
                            "kind": "column",
                            "title": "Column title",
                            "categories": ["Q1", "Q2"],
                            "series": [
                                {"name": "Exports", "values": [1, 2]},
                                {"name": "Imports", "values": [2, 1]},
                            ],
                            "unit": "EUR bn",
                        }
                    },
                    {
                        "chart": {
                            "kind": "bar",
                            "title": "Bar title",
                            "categories": ["North", "South"],
                            "series": [{"name": "Share", "values": [3, -1]}],
                            "unit": "%",
                        }
                    },
                    {
                        "chart": {
                            "kind": "line",
                            "title": "Line title",
                            "categories": ["2024", "2025"],
                            "series": [{"name": "Rate", "values": [1.25, 1.5]}],
                        }
                    },
                    {
                        "chart": {
                            "kind": "pie",
                            "title": "Pie title",
                            "categories": ["Coal", "Wind"],
                            "series": [{"name": "Mix", "values": [40, 60]}],
                        }
                    },
                    {
                        "image": {
                            "path": "diagram.png",
                            "alt": "A blue square on white",
                            "caption": "The diagram",
                        }
                    },
                ],
            }
        ],
    )
    loaded = _write_brief(folder, data)
    pdf = out_dir / "blocks.pdf"
    pdf.write_bytes(_render(loaded))
    return loaded, pdf


def test_chart_labels_are_in_the_text(blocks_pdf: tuple[LoadedBrief, Path]) -> None:
    loaded, pdf = blocks_pdf
    text = frame_text(pdf, loaded)
    for label in (
        "Column title",
        "Exports",
        "Imports",
        "EUR bn",
        "Q1",
        "Q2",
        "Bar title",
        "North",
        "South",
        "Line title",
        "2024",
        "2025",
        "1.25",
        "1.50",
        "Pie title",
        "Coal",
        "Wind",
        "40%",
        "60%",
        "Figure 1",
        "The diagram",
        "Table 1. Tiny",
        "“Quoted”",
        "— Speaker, Role",
    ):
        assert label in text, label
    missing = [s for _, s in brief_strings(loaded.brief) if squash(s) not in squash(text)]
    assert not missing


def test_image_alt_text_is_in_the_pdf(blocks_pdf: tuple[LoadedBrief, Path]) -> None:
    _, pdf = blocks_pdf
    raw = _qdf(pdf)
    # a Figure structure element carries the alt text; the image is its marked content
    figure = r"/Alt \(A blue square on white\)(?:(?!endobj).)*/S /Figure"
    assert re.search(figure, raw, re.S), "no Figure structure element with the picture's alt text"
    assert re.search(r"/Figure <</MCID \d+>> BDC", raw)
    assert "/Subtype /Image" in raw


def test_blocks_fonts_embedded(blocks_pdf: tuple[LoadedBrief, Path]) -> None:
    _, pdf = blocks_pdf
    assert all(emb == "yes" for _, _, emb in fonts_of(pdf))


def test_fallback_fonts_and_cut_chart_labels(tmp_path: Path) -> None:
    long_label = " ".join(["Extraordinarily long category name"] * 6)
    loaded = _write_brief(
        tmp_path,
        dict(
            BASE,
            summary="Thai: ประเทศไทย, Greek: Ελλάδα.",
            sections=[
                {
                    "title": "S",
                    "blocks": [
                        {
                            "chart": {
                                "kind": "column",
                                "title": "ไทย chart",
                                "categories": ["ประเทศไทย", long_label],
                                "series": [{"name": "Value", "values": [1, 2]}],
                            }
                        }
                    ],
                }
            ],
        ),
    )
    rendered = render_memo_pdf(loaded, load_theme(), epoch=EPOCH)
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(rendered.data)
    names = [name for name, _, _ in fonts_of(pdf)]
    assert any("NotoSansThai" in n for n in names), names
    assert all(emb == "yes" for _, _, emb in fonts_of(pdf))
    text = frame_text(pdf, loaded)
    assert "ประเทศไทย" in text and "Ελλάδα" in text and "ไทย chart" in text
    (found,) = rendered.warnings
    warning = found.at(loaded.document)  # as the build positions it
    assert warning.severity == "warning" and "shortened" in warning.message and warning.line > 1


def test_running_header_footer_and_banners_in_any_script(tmp_path: Path) -> None:
    """A Greek short name, a Thai title and a Greek marking print on every page, set in fallback fonts."""
    require_tool("pdftotext")
    short, title, marking = "Σύνοδος ΕΕ", "การประชุมสุดยอดอาเซียน", "ΑΠΟΡΡΗΤΟ"
    loaded = _write_brief(
        tmp_path,
        dict(
            BASE,
            title=title,
            classification=marking,
            meeting={"name": "Σύνοδος Κορυφής", "short_name": short, "date": "2026-03-02"},
            key_points=[
                {"title": f"Point {i}", "body": " ".join(["Words to fill the page."] * 40)} for i in range(8)
            ],
        ),
    )
    rendered = render_memo_pdf(loaded, load_theme(), epoch=EPOCH)
    assert not rendered.warnings
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(rendered.data)
    pages = _run("pdftotext", "-layout", pdf, "-").split("\f")[:-1]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert page.count(short) >= (2 if number > 1 else 1), number  # footer; header from page 2
        assert title in page, number  # the first page's title, then the running header
        assert page.count(marking) == 2, number  # the banners, top and bottom
        assert f"Page {number} of {len(pages)}" in page


def test_every_text_of_the_memo_gets_fallback_fonts(tmp_path: Path) -> None:
    """Table cells, labels and reactions too: Thai and Greek print, never as blank space."""
    require_tool("pdftotext")
    require_tool("pdffonts")
    thai, greek = "ประเทศไทย", "Ελλάδα"
    loaded = _write_brief(
        tmp_path,
        dict(
            BASE,
            reactions=[{"outlet": greek, "country": thai, "tone": "mixed", "summary": greek}],
            sections=[
                {
                    "title": "S",
                    "blocks": [{"table": {"columns": [thai, "B"], "rows": [[thai, greek], [greek, thai]]}}],
                }
            ],
        ),
    )
    rendered = render_memo_pdf(loaded, load_theme("sandstone"), epoch=EPOCH)
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(rendered.data)
    text = _run("pdftotext", pdf, "-")
    assert text.count(thai) >= 4 and text.count(greek) >= 4
    assert "NotoSansThai" in _run("pdffonts", pdf)


# ---------------------------------------------------------------------------
# Hostile input


@pytest.fixture(scope="module")
def hostile_pdf(out_dir: Path) -> tuple[LoadedBrief, Path]:
    folder = out_dir / "hostile"
    folder.mkdir()
    word = "W" * 5000
    title = ("Extraordinarily " * 30)[:400]
    giant = " ".join(f"word{i}" for i in range(3000))
    data = dict(
        BASE,
        title=title,
        classification="SECRET",
        memo={"organization": title, "to": word[:600]},
        summary=f"Before {word} after.",
        key_points=[{"title": title, "body": word, "quote": {"text": giant[:5000]}}],
        positions=[{"actor": word[:300], "summary": giant[:4000], "points": [giant[:6000]]}],
        reactions=[{"outlet": "O" * 600, "summary": giant, "tone": "critical"}],
        sections=[
            {
                "title": title,
                "blocks": [
                    {
                        "table": {
                            "columns": ["#", "Name", "Value"],
                            "rows": [[str(i), f"row {i}", f"{i * 1.5:.1f}"] for i in range(300)],
                        }
                    },
                    {"table": {"columns": ["Giant", "Small"], "rows": [[giant, "x"], ["y", word]]}},
                    {"bullets": [word, giant[:3000]]},
                ],
            }
        ],
    )
    loaded = _write_brief(folder, data)
    pdf = out_dir / "hostile.pdf"
    pdf.write_bytes(_render(loaded))
    return loaded, pdf


def test_hostile_brief_renders_everything(hostile_pdf: tuple[LoadedBrief, Path]) -> None:
    loaded, pdf = hostile_pdf
    require_tool("qpdf")
    assert subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True).returncode == 0
    text = squash(frame_text(pdf, loaded))
    assert "W" * 5000 in text
    assert squash(loaded.brief.title) in text
    for i in (0, 150, 299):
        assert f"{i}row{i}" in text
    assert "word2999" in text and "word0word1" in text


def test_hostile_table_header_repeats(hostile_pdf: tuple[LoadedBrief, Path]) -> None:
    _, pdf = hostile_pdf
    pages = _run("pdftotext", "-raw", pdf, "-").split("\f")
    with_rows = [p for p in pages if re.search(r"^\d+ row \d+ ", p, re.M)]
    assert len(with_rows) >= 3
    assert all(re.search(r"^# Name Value$", p, re.M) for p in with_rows)


def test_hostile_pages_are_not_left_empty(hostile_pdf: tuple[LoadedBrief, Path]) -> None:
    loaded, pdf = hostile_pdf
    fills = page_fills(pdf, loaded)
    assert all(f >= 0.4 for f in fills[:-1]), fills
    geo = memo_geometry(load_theme(), loaded.brief)
    assert all(top - geo.bottom >= 40 for _, top in outline(pdf))


def test_an_unreadable_image_is_refused_at_load_with_its_position(tmp_path: Path) -> None:
    from briefgen.errors import ValidationError

    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    with pytest.raises(ValidationError) as info:
        _write_brief(
            tmp_path,
            dict(
                BASE,
                sections=[{"title": "S", "blocks": [{"image": {"path": "broken.png", "alt": "Broken"}}]}],
            ),
        )
    (diag,) = info.value.diagnostics
    assert diag.file.endswith("brief.yaml") and diag.line > 1 and "broken.png" in diag.message


# ---------------------------------------------------------------------------
# The format-free helpers (briefgen.layout.memo)


def test_column_widths_add_up_and_respect_minimums() -> None:
    widths = column_widths([400, 100, 50], [60, 40, 30], 467)
    assert sum(widths) == pytest.approx(467)
    assert all(w >= m for w, m in zip(widths, [60, 40, 30], strict=True))
    assert column_widths([10, 10], [5, 5], 100) == pytest.approx([50, 50])
    squeezed = column_widths([900] * 20, [200] * 20, 467)
    assert sum(squeezed) == pytest.approx(467)


def test_row_chunks() -> None:
    assert line_chunks([3, 10, 1], 4) == [(0, 4), (4, 8), (8, 10)]
    assert line_chunks([0, 0], 4) == [(0, 1)]
