"""The memo writer's tools: styles from the theme, headings kept with what follows, tagged lists, positioned problems."""

from __future__ import annotations

import pytest
import yaml
from PIL import Image as PILImage

from briefgen.errors import RenderError
from briefgen.layout.memo import memo_geometry
from briefgen.layout.memo_blocks import Box, Keep, Picture, Text, measure_all
from briefgen.layout.memo_writer import MemoWriter, Styles, Words, plain_runs
from briefgen.load.images import ImageInfo
from briefgen.load.loader import LoadedBrief, load
from briefgen.render.memo import render_memo_pdf
from briefgen.theme import Theme, load_theme

LONG = " ".join(["Extraordinarily long category name"] * 6)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> LoadedBrief:
    folder = tmp_path_factory.mktemp("writer")
    PILImage.new("RGB", (60, 30), "white").save(folder / "small.png")
    data = {
        "title": "Writer",
        "meeting": {"name": "M", "date": "2026-03-02"},
        "summary": "S",
        "key_points": [{"title": "K", "body": "B"}],
        "sections": [
            {
                "title": "Blocks",
                "blocks": [
                    {"image": {"path": "small.png", "alt": "A picture"}},
                    {
                        "chart": {
                            "kind": "column",
                            "categories": ["Short", LONG],
                            "series": [{"name": "V", "values": [1, 2]}],
                        }
                    },
                ],
            }
        ],
    }
    path = folder / "brief.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, width=10**9), encoding="utf-8")
    return load(path)


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme()


def _writer(loaded: LoadedBrief, theme: Theme) -> MemoWriter:
    geo = memo_geometry(theme, loaded.brief)
    return MemoWriter(loaded, theme, geo, Words.of(loaded.brief))


@pytest.mark.parametrize("name", ["default", "print", "sandstone"])
def test_styles_follow_the_themes_type_scale_and_palette(name: str) -> None:
    theme = load_theme(name)
    s, t, p = Styles(theme), theme.type_scale.memo, theme.palette
    assert (s.body.size, s.body.colour, s.body.family) == (t.body, p.text, theme.body_family)
    assert s.body.line_spacing == t.line_spacing
    assert (s.heading.size, s.heading.colour, s.heading.family) == (
        t.heading,
        p.primary,
        theme.heading_family,
    )
    assert s.heading.bold and s.title.bold and s.title.size == t.title
    assert (s.caption.size, s.caption.colour, s.caption.italic) == (t.caption, p.muted, True)
    assert s.cell_head.colour == p.on_primary  # on the primary header fill
    assert s.bullet.colour == p.accent and s.body.link_colour == p.accent
    assert s.para == t.paragraph_spacing


def test_a_heading_is_kept_with_the_first_lines_of_what_follows(loaded: LoadedBrief, theme: Theme) -> None:
    w = _writer(loaded, theme)
    body = w.text(" ".join(f"word{i}" for i in range(400)), w.styles.body)
    w.heading("A heading", body)
    brk, heading = w.out
    assert isinstance(brk, Keep) and isinstance(heading, Text)
    measure_all([*w.out, body], w.width)
    assert len(body.lines) >= 4
    one = len(heading.lines) * heading.style.line_height + heading.rule_height
    expected = (
        heading.space_before + one + heading.space_after + body.space_before + 2 * w.styles.body.line_height
    )
    assert brk.need == pytest.approx(expected)  # the heading and two lines of the paragraph
    assert heading.tag.role == "H2" and heading.outline is not None


def test_keeping_never_asks_for_more_than_most_of_a_page(loaded: LoadedBrief, theme: Theme) -> None:
    w = _writer(loaded, theme)
    tall = [w.text("x", w.styles.body, space_before=w.geo.height) for _ in range(2)]
    w.keep(w.text("Head", w.styles.heading), *tall)
    measure_all([*w.out, *tall], w.width)
    assert w.out[0].need == pytest.approx(w.geo.height * 0.6)


def test_bullets_get_lbl_and_lbody_under_li_under_one_l(loaded: LoadedBrief, theme: Theme) -> None:
    w = _writer(loaded, theme)
    items = w.bullets(["one", "two", "three"], numbered=True)
    assert len(items) == 3
    lists = set()
    for item in items:
        assert isinstance(item, Text)
        assert item.tag.role == "LBody" and item.label_tag is not None and item.label_tag.role == "Lbl"
        entry = item.tag.parent
        assert entry is not None and entry.role == "LI" and item.label_tag.parent is entry
        assert entry.parent is not None and entry.parent.role == "L"
        lists.add(id(entry.parent))
    assert len(lists) == 1
    assert len({id(i.tag.parent) for i in items}) == 3
    assert [i.label[0].text for i in items] == ["1.", "2.", "3."]


def test_an_oversized_image_is_a_positioned_error(loaded: LoadedBrief, theme: Theme) -> None:
    w = _writer(loaded, theme)
    image = loaded.brief.sections[0].blocks[0].value
    where = ("sections", 0, "blocks", 0, "image")
    (box,) = w.image(image, where)  # as the loader read it, it embeds
    assert isinstance(box, Box) and isinstance(box.children[0], Picture)
    assert (box.children[0].px_w, box.children[0].px_h, box.children[0].alt) == (60, 30, "A picture")
    saved = loaded.images.get(image.path)
    loaded.images[image.path] = ImageInfo(loaded.folder / image.path, 10_000, 5_000)
    try:
        with pytest.raises(RenderError) as info:
            w.image(image, where)
    finally:
        if saved is None:
            del loaded.images[image.path]
        else:
            loaded.images[image.path] = saved
    (diag,) = info.value.diagnostics
    assert diag.file.endswith("brief.yaml") and diag.line > 1
    assert "small.png" in diag.message and "10000 × 5000" in diag.message


def test_a_chart_whose_labels_were_cut_gives_one_warning_at_its_categories(
    loaded: LoadedBrief, theme: Theme
) -> None:
    where = ("sections", 0, "blocks", 1, "chart")
    (warning,) = render_memo_pdf(loaded, theme, epoch=0).warnings
    assert warning.path == (*where, "categories")
    assert "shortened" in warning.message and "Extraordinarily" in warning.message
    assert warning.at(loaded.document).line > 1


def test_plain_runs_are_literal(loaded: LoadedBrief, theme: Theme) -> None:
    w = _writer(loaded, theme)
    flow = w.plain("**not bold** <b>", w.styles.body)
    assert [r.text for r in flow.runs] == ["**not bold** <b>"] and not any(r.bold for r in flow.runs)
    assert plain_runs("") == ()
