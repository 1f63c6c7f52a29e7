"""The brief model and loader: exact messages at the exact line and column, all at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefgen import load_brief
from briefgen.errors import BriefgenError, ValidationError
from briefgen.load.loader import load

ROOT = Path(__file__).resolve().parents[2]
BRIEFS = sorted((ROOT / "briefs").glob("*.yaml"))

HEAD = (
    "title: T\nmeeting:\n  name: M\n  date: 2025-07-08\nsummary: S\nkey_points:\n  - title: K\n    body: B\n"
)


def errors_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BriefgenError) as info:
        load(path, display="b.yaml")
    return [str(d) for d in info.value.diagnostics]


@pytest.mark.parametrize("path", BRIEFS, ids=lambda p: p.name)
def test_example_briefs_are_valid(path: Path) -> None:
    brief = load_brief(path)
    assert brief.title and brief.key_points


def test_asean_brief_holds_the_article() -> None:
    brief = load_brief(ROOT / "briefs" / "asean-58th-amm.yaml")
    assert brief.meeting.short_name == "58th AMM"
    assert "Kuala Lumpur" in (brief.meeting.location or "")
    assert "Malaysia" in (brief.meeting.chair or "")
    assert brief.meeting.theme and "Inclusivity and Sustainability" in brief.meeting.theme
    assert brief.meeting.participants == ["Foreign ministers of all ten ASEAN member states"]
    assert len(brief.key_points) == 4
    assert brief.key_points[0].quote is not None
    assert "chart its own course" in brief.key_points[0].quote.text
    assert [p.actor for p in brief.positions] == ["China", "Russia"]
    assert len(brief.highlights) == 5
    assert {"The Star", "The Japan Times", "The Straits Times", "South China Morning Post"} <= {
        r.outlet for r in brief.reactions
    }
    text = repr(brief)
    for fact in ("32", "ASEAN 2045", "RCEP", "Myanmar", "Ukraine", "lead, not follow", "zai", "2025"):
        assert fact in text, fact


def test_scalars_are_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(
        HEAD + "subtitle: 1.10\nclassification: NO\nhighlights: [on, 012, yes]\n", encoding="utf-8"
    )
    brief = load_brief(path)
    assert brief.subtitle == "1.10"
    assert brief.classification == "NO"
    assert brief.highlights == ["on", "012", "yes"]
    assert brief.meeting.date == dt.date(2025, 7, 8)


def test_unknown_key_names_the_nearest(tmp_path: Path) -> None:
    text = HEAD.replace("key_points:", "keypoints:")
    assert errors_of(tmp_path, text) == [
        "b.yaml:1:1: the brief: missing required key 'key_points'",
        "b.yaml:6:1: unknown key 'keypoints' in the brief (did you mean 'key_points'?)",
    ]


def test_unknown_nested_key(tmp_path: Path) -> None:
    text = HEAD + "memo:\n  form: Desk\n"
    assert errors_of(tmp_path, text) == ["b.yaml:10:3: unknown key 'form' in memo (did you mean 'from'?)"]


def test_all_problems_at_once_in_line_order(tmp_path: Path) -> None:
    text = (
        "title: T\nmeeting:\n  name: M\n  date: 2025-02-30\nsummary:\nkey_points:\n  - title: K\n    body: B\n"
        "reactions:\n  - outlet: X\n    tone: happy\n    summary: S\n"
    )
    assert errors_of(tmp_path, text) == [
        "b.yaml:4:9: meeting.date: impossible date '2025-02-30' (day is out of range for month)",
        "b.yaml:5:9: summary is empty",
        "b.yaml:11:11: reactions[1].tone must be one of 'positive', 'neutral', 'mixed', 'cautious' or 'critical', not 'happy'",
    ]


def test_date_format(tmp_path: Path) -> None:
    text = HEAD.replace("2025-07-08", "8 July 2025")
    assert errors_of(tmp_path, text) == [
        "b.yaml:4:9: meeting.date: expected a date as YYYY-MM-DD, got '8 July 2025'"
    ]


def test_end_date_before_date(tmp_path: Path) -> None:
    text = HEAD.replace("  date: 2025-07-08\n", "  date: 2025-07-08\n  end_date: 2025-07-01\n")
    assert errors_of(tmp_path, text) == [
        "b.yaml:5:13: meeting.end_date 2025-07-01 is before meeting.date 2025-07-08"
    ]


def test_wrong_types(tmp_path: Path) -> None:
    text = HEAD + "highlights: just one\npositions:\n  actor: China\n"
    assert errors_of(tmp_path, text) == [
        "b.yaml:9:13: highlights should be a list (lines starting with '- '), not the text 'just one'",
        "b.yaml:11:3: positions should be a list (lines starting with '- '), not a mapping",
    ]


SECTION = HEAD + "sections:\n  - title: S\n    blocks:\n"


def test_ragged_table_row(tmp_path: Path) -> None:
    text = (
        SECTION
        + "      - table:\n          columns: [A, B]\n          rows:\n            - [1, 2]\n            - [1, 2, 3]\n"
    )
    assert errors_of(tmp_path, text) == [
        "b.yaml:16:15: table row 2 has 3 cell(s) but the table has 2 column(s)"
    ]


def test_chart_values_must_be_numbers_and_match_categories(tmp_path: Path) -> None:
    text = (
        SECTION + "      - chart:\n          kind: bar\n          categories: [a, b]\n"
        "          series:\n            - name: s\n              values: [1, abc]\n"
        "            - name: t\n              values: [1, 2, 3]\n"
    )
    assert errors_of(tmp_path, text) == [
        "b.yaml:17:27: sections[1].blocks[1].chart.series[1].values[2] should be a number, not the text 'abc'",
        "b.yaml:19:23: series 2 has 3 value(s) but the chart has 2 categories",
    ]


def test_block_with_two_kinds(tmp_path: Path) -> None:
    text = SECTION + "      - text: a\n        bullets: [b]\n"
    assert errors_of(tmp_path, text) == [
        "b.yaml:12:9: sections[1].blocks[1]: a block holds exactly one of text, bullets, quote, table, chart, image;"
        " this one has text, bullets"
    ]


def test_image_paths(tmp_path: Path) -> None:
    (tmp_path / "inside.txt").write_text("x")
    outside = tmp_path.parent / "outside.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "link.png").symlink_to(outside)
    text = (
        SECTION + "      - image: {path: missing.png, alt: A}\n"
        "      - image: {path: ../outside.png, alt: A}\n"
        "      - image: {path: link.png, alt: A}\n"
        "      - image: {path: /etc/passwd, alt: A}\n"
        "      - image: {path: inside.txt, alt: A}\n"
    )
    assert errors_of(tmp_path, text) == [
        "b.yaml:12:23: image file 'missing.png' not found next to the brief",
        "b.yaml:13:23: image path '../outside.png' leads outside the brief's folder",
        "b.yaml:14:23: image path 'link.png' leads outside the brief's folder",
        "b.yaml:15:23: image path '/etc/passwd' must be relative to the brief's folder (no absolute paths or URLs)",
        "b.yaml:16:23: image 'inside.txt' must be a PNG or JPEG file",
    ]


def test_source_url_must_be_http(tmp_path: Path) -> None:
    text = HEAD + "sources:\n  - title: S\n    url: javascript:alert(1)\n"
    assert errors_of(tmp_path, text) == [
        "b.yaml:11:10: sources[1].url: expected an http:// or https:// address, got 'javascript:alert(1)'"
    ]


@pytest.mark.parametrize("tag", ["en", "en-GB", "fr", "th", "zh-Hant-TW", "es-419", "de-CH-1996"])
def test_language_tags_in_bcp47_form_are_accepted(tmp_path: Path, tag: str) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(HEAD + f"language: {tag}\n", encoding="utf-8")
    assert load(path).brief.language == tag


def test_language_must_be_a_bcp47_tag(tmp_path: Path) -> None:
    assert errors_of(tmp_path, HEAD + "language: English\n") == [
        "b.yaml:9:11: language: 'English' is not a BCP 47 language tag; write e.g. en, en-GB, fr, th or zh-Hant"
    ]
    assert len(errors_of(tmp_path, HEAD + "language: en_GB\n")) == 1


def test_validation_error_is_a_briefgen_error(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(HEAD.replace("summary: S\n", ""), encoding="utf-8")
    with pytest.raises(ValidationError):
        load_brief(path)


def test_image_limits(tmp_path: Path) -> None:
    import struct
    import zlib

    def png(width: int, height: int) -> bytes:
        ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
        chunk = b"IHDR" + ihdr
        return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))

    (tmp_path / "bomb.png").write_bytes(png(50_000, 50_000))
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    from PIL import Image

    Image.new("RGB", (800, 600), "white").save(tmp_path / "fine.png")
    text = (
        SECTION + "      - image: {path: bomb.png, alt: A}\n"
        "      - image: {path: broken.png, alt: A}\n"
        "      - image: {path: fine.png, alt: A}\n"
    )
    assert errors_of(tmp_path, text) == [
        "b.yaml:12:23: image 'bomb.png' is 50,000 × 50,000 pixels, over the limit of 40 megapixels; scale it down",
        "b.yaml:13:23: image 'broken.png' is damaged: its size cannot be read",
    ]


def test_duplicate_keys_are_reported_with_every_other_problem(tmp_path: Path) -> None:
    text = (
        HEAD.replace("summary: S\n", "summary: S\nsummary: T\n").replace("2025-07-08", "2025-02-30")
        + "sumary: x\n"
    )
    assert errors_of(tmp_path, text) == [
        "b.yaml:4:9: meeting.date: impossible date '2025-02-30' (day is out of range for month)",
        "b.yaml:6:1: duplicate key 'summary' (first defined on line 5)",
        "b.yaml:10:1: unknown key 'sumary' in the brief (did you mean 'summary'?)",
    ]


def test_chart_values_are_bounded(tmp_path: Path) -> None:
    text = SECTION + "      - chart: {kind: bar, categories: [a], series: [{name: s, values: [1e300]}]}\n"
    assert errors_of(tmp_path, text) == [
        "b.yaml:12:73: sections[1].blocks[1].chart.series[1].values[1]: 1e+300 is out of range;"
        " chart values must lie within ±1e+15"
    ]


def test_damaged_image_data_is_a_positioned_error(tmp_path: Path) -> None:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "navy").save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    start = data.index(b"IDAT") + 4
    data[start : start + 20] = b"\x00" * 20
    (tmp_path / "broken.png").write_bytes(bytes(data))
    text = SECTION + "      - image: {path: broken.png, alt: A}\n"
    (message,) = errors_of(tmp_path, text)
    assert message.startswith("b.yaml:12:23: image 'broken.png' is damaged: ")


def test_a_brief_sets_its_own_labels(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(HEAD + "language: fr\nlabels:\n  bottom_line: Pour le ministre\n", encoding="utf-8")
    assert load(path).brief.labels == {"bottom_line": "Pour le ministre"}


def test_label_overrides_are_checked_at_their_place(tmp_path: Path) -> None:
    text = HEAD + 'labels:\n  botom_line: Summary\n  page_of: "Page {n} / {total}"\n  tone_mixed: ""\n'
    assert errors_of(tmp_path, text) == [
        "b.yaml:10:3: unknown label 'botom_line' (did you mean 'bottom_line'?)",
        "b.yaml:11:12: label 'page_of' has no placeholder {total} (it has: {m}, {n})",
        "b.yaml:12:15: labels.tone_mixed: must not be empty",
    ]


def test_the_loader_reads_each_picture_once_for_the_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pictures' size and resolution come with the loaded brief: the planner and the memo do not read them again."""
    import briefgen.layout.deck_visuals
    import briefgen.load.loader
    from briefgen.layout.deck import plan_deck
    from briefgen.render.memo import render_memo_pdf
    from briefgen.theme import load_theme

    brief = ROOT / "briefs" / "quarterly-trade-review.yaml"
    loaded = load(brief)
    assert loaded.images, "the example has a picture: the test would pass vacuously"
    for rel, info in loaded.images.items():
        assert info.file == (brief.parent / rel).resolve() and info.width > 0 and info.height > 0
        assert info.dpi >= 72
        assert loaded.image(rel) is info

    def no_second_read(file: Path) -> None:
        raise AssertionError(f"{file} read again")

    for module in (briefgen.load.loader, briefgen.layout.deck_visuals):
        monkeypatch.setattr(module, "read_image_info", no_second_read)
    theme = load_theme()
    plan_deck(loaded, theme)
    render_memo_pdf(loaded, theme, epoch=0)
