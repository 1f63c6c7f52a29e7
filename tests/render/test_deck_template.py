"""The deck's base: the default template or a user's, prepared once per render session, the same deck from every copy."""

from __future__ import annotations

import copy
import io
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.util import Emu

from briefgen.errors import ThemeError
from briefgen.layout.slides import TextBox
from briefgen.load.loader import LoadedBrief, load
from briefgen.render.deck import draw_deck, plan_for_base, render_deck_pptx
from briefgen.render.deck_template import (
    BaseSource,
    DeckBase,
    _default_source,
    _look,
    _template_source,
    check_template,
    layout_names,
    open_base,
)
from briefgen.session import RenderSession
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
ASEAN = ROOT / "briefs" / "asean-58th-amm.yaml"
MINIMAL = ROOT / "briefs" / "minimal.yaml"
EPOCH = 1_751_932_800  # 2025-07-08 00:00 UTC
PT = 12700


def _template(
    path: Path, *, drop: str | None = None, slides: int = 1, notes: bool = False, extra: bool = False
) -> Path:
    """A corporate template: python-pptx's default at 16:9 with ``slides`` slides of its own.

    ``drop`` renames that layout away; ``notes`` gives the first slide notes (so the template has a
    notes master); ``extra`` gives "Title Only" the content placeholders of "Two Content".
    """
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(960 * PT), Emu(540 * PT)
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    if extra:  # placeholders of python-pptx's kind "obj"
        for ph in list(layouts["Two Content"].placeholders)[1:]:
            layouts["Title Only"].shapes._spTree.append(copy.deepcopy(ph._element))
    for k in range(slides):
        slide = prs.slides.add_slide(layouts["Title Only"])
        if notes and k == 0:
            slide.notes_slide.notes_text_frame.text = "The template's own notes."
    if drop:
        layouts[drop].name = "Something else"
    prs.save(str(path))
    return path


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _draw(loaded: LoadedBrief, base: DeckBase) -> bytes:
    """The deck as build draws it: planned in the base's frame, then drawn on the base."""
    theme = load_theme(loaded.brief.theme)
    return draw_deck(plan_for_base(loaded, theme, base), base, epoch=EPOCH)


def _deck(path: Path, template: Path | None = None, session: RenderSession | None = None) -> bytes:
    loaded = load(path)
    theme = load_theme(loaded.brief.theme)
    return render_deck_pptx(loaded, theme, epoch=EPOCH, template=template, session=session).data


# ---------------------------------------------------------------------------
# Sessions


def test_a_session_keeps_one_base_per_source(tmp_path: Path) -> None:
    session = RenderSession()
    theme = load_theme()
    first, second = open_base(theme, session=session), open_base(theme, session=session)
    assert first.presentation is not second.presentation
    assert first.memo is second.memo  # what the first deck learns serves the next
    assert len(session.deck_bases) == 1
    template = _template(tmp_path / "corp.pptx")
    open_base(theme, template, session)
    open_base(theme, template, session)
    assert len(session.deck_bases) == 2
    open_base(load_theme("sandstone"), session=session)  # another look: another base
    assert len(session.deck_bases) == 3


def test_without_a_session_every_base_is_prepared_afresh() -> None:
    theme = load_theme()
    first, second = open_base(theme), open_base(theme)
    assert first.presentation is not second.presentation and first.memo is not second.memo


def test_the_deck_modules_keep_no_cache() -> None:
    import briefgen.render.deck  # noqa: F401  (imports every deck module)

    names = [n for n in sys.modules if n.startswith("briefgen.render.deck") or n.endswith("pptx_internals")]
    assert len(names) >= 6
    for name in names:
        for attr, value in vars(sys.modules[name]).items():
            assert not hasattr(value, "cache_info"), f"{name}.{attr} is a process-wide cache"


def test_a_fresh_session_gives_the_bytes_of_a_warm_one(tmp_path: Path) -> None:
    template = _template(tmp_path / "corp.pptx", slides=2)
    warm = RenderSession()
    for tpl in (None, template):
        for path in (ASEAN, MINIMAL):
            _deck(path, tpl, warm)
        for path in (ASEAN, MINIMAL):
            assert _deck(path, tpl, warm) == _deck(path, tpl, RenderSession()) == _deck(path, tpl)


def test_a_base_is_drawn_on_once() -> None:
    loaded = load(MINIMAL)
    base = open_base(load_theme(loaded.brief.theme))
    _draw(loaded, base)
    with pytest.raises(ValueError, match="fresh one"):
        _draw(loaded, base)


def test_every_deck_from_a_base_is_the_same() -> None:
    # the first deck of a base draws on the prepared presentation and has python-pptx make the notes;
    # the next ones draw on copies and build the notes from the memo: the bytes must not tell them apart
    loaded = load(ASEAN)
    theme = load_theme(loaded.brief.theme)
    source = _default_source(theme.slide.width, theme.slide.height, _look(theme))
    decks = [_draw(loaded, source.take()) for _ in range(3)]
    assert decks[0] == decks[1] == decks[2]
    assert decks[0] == render_deck_pptx(loaded, theme, epoch=EPOCH).data


@pytest.mark.parametrize("kind", ["notes", "extra"])
def test_every_deck_from_a_template_is_the_same(tmp_path: Path, kind: str) -> None:
    template = _template(tmp_path / "corp.pptx", notes=kind == "notes", extra=kind == "extra")
    loaded = load(ASEAN)
    names = tuple(sorted(layout_names(load_theme()).items()))
    source = _template_source(template, names)
    decks = [_draw(loaded, source.take()) for _ in range(3)]
    assert decks[0] == decks[1] == decks[2]
    members = _members(decks[0])
    assert "ppt/notesMasters/notesMaster1.xml" in members
    if kind == "notes":
        assert b"The template's own notes." not in b"".join(members.values())


def _inner_elements(obj: Any, path: str = "base", seen: set[int] | None = None) -> Iterator[str]:
    """Paths of the attributes, reachable from ``obj``, that hold an XML element other than a root."""
    from lxml import etree

    seen = set() if seen is None else seen
    if id(obj) in seen or isinstance(obj, (str, bytes, int, float, type(None))):
        return
    seen.add(id(obj))
    if isinstance(obj, etree._Element):
        if obj.getparent() is not None:
            yield path
        return
    if isinstance(obj, dict):
        items: list[tuple[Any, Any]] = list(obj.items())
    elif isinstance(obj, (list, tuple)):
        items = list(enumerate(obj))
    else:
        items = list(getattr(obj, "__dict__", {}).items())
        items += [(s, getattr(obj, s)) for s in getattr(obj, "__slots__", ()) if hasattr(obj, s)]
    for key, value in items:
        yield from _inner_elements(value, f"{path}.{key}", seen)


def test_kept_bases_copy_whole(tmp_path: Path) -> None:
    # from the second deck on, a kept base is deep-copied: a proxy pointing inside an XML tree would be
    # copied apart from its tree, and slides added through it would be lost
    theme = load_theme()
    names = (("content", "Title Only"), ("title", "Title Slide"))
    sources: list[BaseSource] = [
        _default_source(theme.slide.width, theme.slide.height, _look(theme)),
        _template_source(_template(tmp_path / "corp.pptx", slides=2), names),
    ]
    for source in sources:
        first, second = source.take(), source.take()
        assert first.presentation is not second.presentation
        assert list(_inner_elements(source._pristine)) == []


# ---------------------------------------------------------------------------
# Templates


def test_template_is_used_and_its_own_slides_dropped(tmp_path: Path) -> None:
    template = _template(tmp_path / "corp.pptx", slides=2)
    loaded = load(ASEAN)
    prs = Presentation(io.BytesIO(_deck(ASEAN, template)))
    plan = plan_for_base(loaded, load_theme(), open_base(load_theme(), template))
    assert len(prs.slides) == len(plan.slides)
    assert prs.slides[0].slide_layout.name == "Title Slide"
    assert prs.slides[1].slide_layout.name == "Title Only"


def test_a_changed_template_is_read_again(tmp_path: Path) -> None:
    session = RenderSession()
    template = _template(tmp_path / "corp.pptx")
    _deck(MINIMAL, template, session)
    _template(template, drop="Title Only")
    with pytest.raises(ThemeError, match="no layout named 'Title Only'"):
        _deck(MINIMAL, template, session)
    _template(template, slides=3)
    _deck(MINIMAL, template, session)
    assert len(session.deck_bases) == 1  # the base of the file as it was is let go


def test_template_lacking_a_layout_is_a_clear_error(tmp_path: Path) -> None:
    template = _template(tmp_path / "corp.pptx", drop="Title Only")
    with pytest.raises(ThemeError, match="no layout named 'Title Only'"):
        _deck(MINIMAL, template)
    report = check_template(template)
    assert not report.ok
    assert any("Title Only" in line and "MISSING" in line for line in report.lines())


def test_check_template_reports_layouts_and_placeholders(tmp_path: Path) -> None:
    report = check_template(_template(tmp_path / "corp.pptx"))
    assert report.ok
    text = str(report)
    assert "Title Slide" in text and "center_title" in text and "Title Only" in text


def test_not_a_pptx_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pptx"
    bad.write_text("not a zip")
    with pytest.raises(ThemeError, match="cannot open the template"):
        check_template(bad)
    with pytest.raises(ThemeError, match="cannot open the template"):
        open_base(load_theme(), bad, RenderSession())


def test_the_default_base_takes_the_themes_fonts_and_colours() -> None:
    theme = load_theme("sandstone")
    base = open_base(theme)
    prs = base.presentation
    theme_xml = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    ).blob.decode()
    assert f'typeface="{theme.fonts.heading.family}"' in theme_xml
    assert theme.palette.primary.lstrip("#").upper() in theme_xml
    assert len(prs.slides) == 0 and set(base.layouts) == {"title", "content"}


# ---------------------------------------------------------------------------
# The template's look, check-template's report and a theme from a template


def _dark_template(path: Path, body_height: float | None = None) -> Path:
    """python-pptx's default at 16:9 on a near-black master background; ``body_height`` shrinks the body placeholder."""
    from pptx.dml.color import RGBColor

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(960 * PT), Emu(540 * PT)
    fill = prs.slide_master.background.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor(0x10, 0x18, 0x20)
    if body_height is not None:
        for holder in (*prs.slide_layouts, prs.slide_master):
            for ph in holder.placeholders:
                if ph.placeholder_format.idx == 1:
                    ph.left, ph.top, ph.width, ph.height = (
                        Emu(36 * PT),
                        Emu(150 * PT),
                        Emu(300 * PT),
                        Emu(round(body_height * PT)),
                    )
    prs.save(str(path))
    return path


def test_a_dark_template_gives_light_text_that_meets_aa(tmp_path: Path) -> None:
    from briefgen.theme import contrast_ratio

    template = _dark_template(tmp_path / "dark.pptx")
    theme = load_theme()
    base = open_base(theme, template)
    assert base.look is not None and base.look.background == "#101820"
    plan = plan_for_base(load(ASEAN), theme, base)
    assert not [d for d in plan.warnings if "WCAG" in d.message]
    body = [
        p
        for s in plan.slides[1:]
        for e in s.elements()
        if isinstance(e, TextBox) and not e.fill
        for p in e.paras
    ]
    assert body and all(contrast_ratio(p.color, "#101820") >= 4.5 for p in body if p.color)


def test_a_theme_chosen_over_a_dark_template_is_warned_about_by_slide_and_element(tmp_path: Path) -> None:
    template = _dark_template(tmp_path / "dark.pptx")
    theme = load_theme("sandstone")
    plan = plan_for_base(load(ASEAN), theme, open_base(theme, template))
    messages = [d.message for d in plan.warnings if "WCAG" in d.message]
    assert messages and messages[0].startswith("slide ") and "below WCAG AA" in messages[0]


def test_check_template_reports_areas_colours_and_contrast(tmp_path: Path) -> None:
    report = check_template(_dark_template(tmp_path / "dark.pptx"))
    text = str(report)
    assert report.ok, text
    assert "body area: " in text and "title area: " in text
    assert "background #101820" in text
    assert "contrast: the template's dk1 #000000 on its background #101820" in text


def test_check_template_refuses_a_body_too_small_for_a_slide_of_text(tmp_path: Path) -> None:
    report = check_template(_dark_template(tmp_path / "small.pptx", body_height=40))
    assert not report.ok
    assert any("too small for a slide of text" in p for p in report.problems), report.problems
    with pytest.raises(ThemeError, match="too small for a slide of text"):
        open_base(load_theme(), tmp_path / "small.pptx")


def test_theme_from_template_loads_and_builds(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefgen.cli import cli

    template = _dark_template(tmp_path / "corp.pptx")
    result = CliRunner().invoke(cli, ["theme", "from-template", str(template)])
    assert result.exit_code == 0, result.output
    (tmp_path / "corp.yaml").write_text(result.output, encoding="utf-8")
    theme = load_theme(tmp_path / "corp.yaml")
    assert theme.palette.background == "#101820"
    assert (theme.slide.width, theme.slide.height) == (960, 540)
    assert theme.fonts.body.family == "Calibri"
    deck = render_deck_pptx(load(ASEAN), theme, epoch=EPOCH)
    assert len(Presentation(io.BytesIO(deck.data)).slides) > 2


def test_a_title_on_a_dark_bar_in_a_dark_template_colour_is_made_readable(tmp_path: Path) -> None:
    """The template's title colour (black) on its own dark title bar fails AA: briefgen sets a light one."""
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE

    from briefgen.theme import contrast_ratio

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(960 * PT), Emu(540 * PT)
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    bar = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, prs.slide_width, Emu(130 * PT))
    bar.fill.solid()
    bar.fill.fore_color.rgb = RGBColor(0x1A, 0x1A, 0x40)
    prs.slide_master.shapes._spTree.insert(2, bar._element)
    prs.part.drop_rel(prs.slides._sldIdLst[0].rId)
    prs.slides._sldIdLst.remove(prs.slides._sldIdLst[0])
    prs.save(str(tmp_path / "bar.pptx"))
    theme = load_theme()
    base = open_base(theme, tmp_path / "bar.pptx")
    assert base.look is not None and base.look.title_behind == "#1A1A40"
    plan = plan_for_base(load(ASEAN), theme, base)
    titles = [p.color for s in plan.slides[1:] for p in s.title_box.paras]
    assert titles and all(c and contrast_ratio(c, "#1A1A40") >= 4.5 for c in titles)
    assert not [d for d in plan.warnings if "WCAG" in d.message]
