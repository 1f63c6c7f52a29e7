"""Every script of the region in both outputs (issue 15): drawn, shaped, right to left, read back whole."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
import yaml
from babel.dates import format_date
from conftest import require_tool

from briefgen.labels import labels_for
from briefgen.load.loader import load
from briefgen.render.deck import render_deck_pptx
from briefgen.render.memo import render_memo_pdf
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
ARABIC = ROOT / "briefs" / "asean-58th-amm-ar.yaml"
NAMES = ROOT / "briefs" / "asean-58th-amm-delegations.yaml"
EPOCH = 1_751_500_800
BIDI_MARKS = re.compile("[\u202a-\u202e]")
ARABIC_LETTERS = re.compile("[\u0600-\u06ff]")


def _text(pdf: Path, *args: str) -> str:
    require_tool("pdftotext")
    out = subprocess.run(["pdftotext", *args, str(pdf), "-"], check=True, capture_output=True, text=True)
    return BIDI_MARKS.sub("", out.stdout)


def _memo(path: Path, out: Path) -> Path:
    loaded = load(path)
    out.write_bytes(render_memo_pdf(loaded, load_theme(loaded.brief.theme), epoch=EPOCH).data)
    return out


def _brief(tmp_path: Path, **data: object) -> Path:
    brief = {
        "title": "Call with the delegation",
        "meeting": {"name": "Call", "date": "2025-07-08"},
        "summary": "Agreed to meet again.",
        "key_points": [{"title": "Next", "body": "A second call in August."}],
        **data,
    }
    path = tmp_path / "brief.yaml"
    path.write_text(yaml.safe_dump(brief, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _memo(ARABIC, tmp_path_factory.mktemp("ar") / "ar.pdf")


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _memo(NAMES, tmp_path_factory.mktemp("names") / "names.pdf")


@pytest.mark.parametrize("brief", [ARABIC, NAMES], ids=lambda p: p.stem)
def test_no_character_lacks_a_glyph(brief: Path) -> None:
    loaded = load(brief)
    assert load_theme(loaded.brief.theme).glyph_warnings(loaded.document) == []


def test_thai_khmer_lao_myanmar_and_cjk_read_back_whole(names: Path) -> None:
    text = _text(names)
    for word in (
        "คณะผู้แทนไทย",  # the tone mark stays on its cluster
        "มาริษ เสงี่ยมพงษ์",
        "គណៈប្រតិភូកម្ពុជា",  # Khmer subscripts (coeng) and vowels
        "ប្រាក់ សុខុន",
        "ຄະນະຜູ້ແທນລາວ",
        "မြန်မာကိုယ်စားလှယ်အဖွဲ့",
        "王毅",
        "中国外交部",
        "Bùi Thanh Sơn",
    ):
        assert word in text, word
    raw = _text(names, "-raw")  # in content order too
    assert "คณะผู้แทนไทย" in raw and "ប្រាក់ សុខុន" in raw


def test_complex_script_runs_are_shaped_with_their_text_attached(names: Path) -> None:
    with pikepdf.open(names) as pdf:
        content = b"".join(
            pdf.get_object(c.objgen).read_bytes() if False else c.read_bytes()
            for page in pdf.pages
            for c in (page.Contents if isinstance(page.Contents, pikepdf.Array) else [page.Contents])
        )
    spans = re.findall(rb"/ActualText <FEFF([0-9A-F]+)>", content)
    texts = {bytes.fromhex(s.decode()).decode("utf-16-be") for s in spans}
    assert any("คณะผู้แทนไทย" in t for t in texts)
    assert any("ប្រាក់" in t for t in texts)
    assert b" Ts" in content  # marks placed by HarfBuzz: raised and lowered, not stacked on the base


def test_one_cjk_name_keeps_the_memo_small(tmp_path: Path) -> None:
    plain = _memo(_brief(tmp_path, subtitle="With Wang Yi"), tmp_path / "plain.pdf").stat().st_size
    one = _memo(_brief(tmp_path, subtitle="With 王毅"), tmp_path / "cjk.pdf")
    assert "王毅" in _text(one)
    # the 19 MB CJK font is embedded as a subset of the two ideographs it draws (~8 KB)
    assert one.stat().st_size - plain < 12_000, (plain, one.stat().st_size)


def test_arabic_memo_reads_back_in_logical_order(arabic: Path) -> None:
    text = _text(arabic)
    brief = load(ARABIC).brief
    for s in (brief.meeting.name, brief.positions[0].actor, *brief.recommendations, brief.highlights[1]):
        assert s in text, s
    assert "مذكرة إحاطة" in text  # the letterhead word, not its mirror image


def test_arabic_memo_is_shaped_and_right_to_left(arabic: Path) -> None:
    with pikepdf.open(arabic) as pdf:
        content = b"".join(c.read_bytes() for c in _contents(pdf.pages[0]))
        page_width = float(pdf.pages[0].MediaBox[2])
    # every Arabic piece is drawn as glyphs in visual order inside a ReversedChars span
    spans = re.findall(rb"/ReversedChars BMC /Span <</ActualText <FEFF([0-9A-F]+)>>> BDC", content)
    assert len(spans) > 20
    visual = [bytes.fromhex(s.decode()).decode("utf-16-be") for s in spans]
    assert "مذكرة إحاطة"[::-1] in visual
    # right-aligned lines: many Arabic words end at the right margin, none starts at the left one
    bbox = _text(arabic, "-bbox", "-f", "1", "-l", "1")
    words = [
        (float(x0), float(x1))
        for x0, x1, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" [^>]*>([^<]+)<', bbox
        )
        if ARABIC_LETTERS.search(w)
    ]
    right = max(x1 for _, x1 in words)
    assert right > page_width * 0.8
    assert sum(1 for _, x1 in words if x1 > right - 8) >= 8


def _contents(page: pikepdf.Page) -> list[pikepdf.Stream]:
    contents = page.obj.Contents
    return list(contents) if isinstance(contents, pikepdf.Array) else [contents]


def test_arabic_memo_has_no_english_label_and_cldr_dates(arabic: Path) -> None:
    text = _text(arabic)
    en, ar = labels_for("en"), labels_for("ar")
    for key in ("briefing_memorandum", "key_points", "positions", "reactions", "outlook", "highlights"):
        assert en[key] not in text, key
        assert ar[key] in text, (key, ar[key])
    for english in ("Page ", "BOTTOM LINE", "July", "Positive", "Cautious"):
        assert english not in text
    brief = load(ARABIC).brief
    letters = "".join(ch for ch in text if ch.isalnum())  # pdftotext moves digits where directions meet
    assert "".join(ch for ch in format_date(brief.memo.date, "long", locale="ar") if ch.isalnum()) in letters
    assert ar.tone("positive") in text and ar.tone("cautious") in text


def test_arabic_deck_paragraphs_are_right_to_left(tmp_path: Path) -> None:
    loaded = load(ARABIC)
    data = render_deck_pptx(loaded, load_theme(loaded.brief.theme), epoch=EPOCH).data
    english = labels_for("en")
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        slides = [n for n in deck.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        arabic_paras = 0
        for name in slides:
            xml = deck.read(name).decode("utf-8")
            for para in re.findall(r"<a:p>.*?</a:p>", xml):
                words = "".join(re.findall(r"<a:t>([^<]*)</a:t>", para))
                first = next((ch for ch in words if ch.isalpha()), "")
                if ARABIC_LETTERS.match(first):
                    arabic_paras += 1
                    ppr = re.search(r"<a:pPr [^>]*>", para)
                    assert ppr and 'rtl="1"' in ppr.group(), (name, words[:40])
                    assert 'algn="l"' not in ppr.group(), (name, words[:40])
            for key in ("key_points", "reactions", "outlook", "recommendations"):
                assert f">{english[key]}<" not in xml, (name, key)
    assert arabic_paras > 30
    assert 'rtl="1"' not in render_deck_pptx(load(NAMES), load_theme(None), epoch=EPOCH).data.decode(
        "latin-1"
    )
