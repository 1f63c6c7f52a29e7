"""The engine's line breaks are LibreOffice's: PPTX text boxes at the planned widths render to the planned lines.

One deck, one paragraph per slide, each in a text box exactly as wide as the
width the engine wrapped it at (no insets, word wrap on, no autofit, the font
named by the theme: Calibri, Cambria, Arial). LibreOffice renders it to PDF with
a private profile and a fontconfig setup that sees only the repository's fonts
(``tests/fontconfig/fonts.conf``: Calibri → Carlito, Cambria → Caladea, Arial →
Liberation Sans), and ``pdftotext -bbox-layout`` gives back each line's position.
No safety margin: the box is the planned width.

Runs in CI (``CI=true``), where a missing ``soffice`` or ``pdftotext`` fails the test;
elsewhere it is skipped without them.
"""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import require_tool, soffice_to_pdf

from briefgen.fonts import FontFamily
from briefgen.layout.glyphs import apply_fallback
from briefgen.layout.text import Paragraph, wrap
from briefgen.load.markup import Runs, parse_inline
from briefgen.theme import Theme, load_theme


@dataclass(frozen=True)
class Case:
    """One paragraph: the theme and font role it is set in, its size and box width (points), its text."""

    theme: str
    role: str
    size: float
    width: float
    text: str


# Sentences from the ASEAN 58th AMM article (shared/seeds), some with markup, set in
# all three shipped families at sizes and widths a memo or a deck uses.
CASES = [
    Case(
        "default",
        "body",
        20,
        864,
        "KUALA LUMPUR – The 58th ASEAN Foreign Ministers’ Meeting (AMM) concluded in Kuala Lumpur "
        "last Tuesday with a joint communiqué reaffirming ASEAN’s commitment to inclusivity, "
        "sustainability, and regional centrality, while balancing relations amid global power "
        "rivalries, particularly with China and Russia.",
    ),
    Case(
        "default",
        "body",
        18,
        520,
        "Held under the chairmanship of Malaysia and the theme “Inclusivity and Sustainability”, "
        "the meeting brought together foreign ministers from all ten member states, marking a "
        "decade since the launch of the ASEAN Community and setting the tone for the ASEAN 2045 vision.",
    ),
    Case(
        "default",
        "body",
        14,
        410.5,
        "Malaysian Prime Minister Dato’ Seri Anwar Ibrahim opened the summit by underlining "
        "ASEAN’s unique ability to “chart its own course deliberately, coherently, and with "
        "purpose.” The emphasis on **ASEAN Centrality**—the bloc’s role as the fulcrum of regional "
        "diplomacy—was repeated throughout the communiqué.",
    ),
    Case(
        "default",
        "heading",
        26,
        600,
        "Geopolitical Undertones: China and Russia in Focus, and the ASEAN 2045 Vision as Strategic Blueprint",
    ),
    Case(
        "default",
        "body",
        10.5,
        455.28,
        "Ministers reaffirmed their commitment to the *ASEAN 2045: Our Shared Future* plan, which "
        "outlines a roadmap toward a resilient, inclusive, and people-oriented region. The "
        "communiqué stressed deeper integration across economic, political-security, and "
        "socio-cultural pillars, calling for closer cooperation between foreign and economic "
        "ministers to better respond to global uncertainties.",
    ),
    Case(
        "default",
        "body",
        16,
        233.7,
        "The ministers endorsed increased intra-ASEAN trade and investment, recognizing that "
        "regional cohesion and economic independence are vital in a time of rising global "
        "protectionism and geopolitical fragmentation.",
    ),
    Case(
        "sandstone",
        "heading",
        24,
        431,
        "ASEAN reiterated its commitment to a rules-based regional order under the ASEAN Outlook "
        "on the Indo-Pacific (AOIP), which promotes inclusivity and cooperation without aligning "
        "explicitly with any major power bloc.",
    ),
    Case(
        "sandstone",
        "heading",
        13.5,
        300,
        "International media and regional analysts have noted that, while the language of the 32 "
        "page communiqué remains largely diplomatic and non-confrontational, ASEAN’s calibrated "
        "stance vis-à-vis China and Russia reveals growing unease over regional and global dynamics:",
    ),
    Case(
        "sandstone",
        "heading",
        18,
        377.25,
        "China remains a key economic partner, especially under the *Regional Comprehensive "
        "Economic Partnership* (RCEP), but recent assertive maritime actions in the South China "
        "Sea have caused unease within ASEAN. Ministers stressed the need for “respect for "
        "international law” (Σεβασμός, Уважение).",
    ),
    Case(
        "sandstone",
        "body",
        12,
        315.9,
        "On Russia, ASEAN maintained its traditionally neutral language. However, several ASEAN "
        "diplomats privately acknowledged unease over Russia’s deepening military ties with "
        "Myanmar’s junta and the continued war in Ukraine. Notably, ASEAN did not include any new "
        "mention of Ukraine in the opening sections of the communiqué, a shift some observers link "
        "to growing pressure from Moscow and Beijing.",
    ),
    Case(
        "print",
        "body",
        11,
        468,
        "ASEAN media outlets praised the meeting’s tone of unity and pragmatism. Malaysia’s *The "
        "Star* highlighted Prime Minister Anwar’s call for ASEAN to “lead, not follow” and position "
        "itself as a global model of functional multilateralism.",
    ),
    Case(
        "print",
        "body",
        20,
        640,
        "International coverage was more cautious. **The Japan Times** and **The Straits Times** "
        "(Singapore) stressed ASEAN’s delicate balancing act between defending regional norms and "
        "avoiding overt alignment with Western positions.",
    ),
    Case(
        "print",
        "heading",
        28,
        505.5,
        "Meanwhile, South China Morning Post noted Beijing’s likely satisfaction with the absence "
        "of direct criticism, but warned that internal ASEAN divisions may hinder consensus.",
    ),
    Case(
        "print",
        "body",
        16,
        194.5,
        "The Kuala Lumpur meeting showed clear intent: ASEAN will maintain neutrality, but not "
        "passivity—and its long-term resilience will hinge on internal coherence.",
    ),
    Case(
        "default",
        "body",
        22,
        190,
        "Source: https://www.example.org/asean/58th-amm/joint-communique-final-text reviewed by the "
        "desk (zai)",
    ),
    Case(
        "default",
        "body",
        18,
        700,
        "Summary Highlights\n- ASEAN reaffirms centrality, inclusivity, and commitment to 2045 Vision, "
        "with increased intra-ASEAN economic integration and cooperation emphasized\n- Cautious stance "
        "on China’s maritime assertiveness and Russia’s regional role",
    ),
]


def _family(theme: Theme, role: str) -> FontFamily:
    return theme.heading_family if role == "heading" else theme.body_family


def _plan(case: Case) -> tuple[Runs, Paragraph]:
    theme = load_theme(case.theme)
    family = _family(theme, case.role)
    runs = apply_fallback(parse_inline(case.text), family, theme.fallback_families)
    return runs, wrap(runs, family, case.size, case.width, fallbacks=theme.fallbacks)


def _tools() -> None:
    for name in ("soffice", "pdftotext", "pdffonts"):
        require_tool(name)


def _build_deck(path: Path) -> None:
    """One 16:9 slide per case, one text box per slide, drawn as the deck renderer must draw a plan."""
    from pptx import Presentation
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Emu, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    for case in CASES:
        theme = load_theme(case.theme)
        family = _family(theme, case.role)
        runs, plan = _plan(case)
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        box = slide.shapes.add_textbox(Pt(48), Pt(32), Emu(round(case.width * 12700)), Pt(plan.height + 4))
        frame = box.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        para = frame.paragraphs[0]
        for run in runs:
            for k, piece in enumerate(run.text.split("\n")):
                if k:
                    para.add_line_break()
                if piece:
                    r = para.add_run()
                    r.text = piece
                    r.font.name = run.font or family.name
                    r.font.size = Pt(case.size)
                    r.font.bold = run.bold
                    r.font.italic = run.italic
    prs.save(str(path))


@dataclass(frozen=True)
class Rendered:
    """What LibreOffice drew: each page's visual lines (text), and the fonts embedded."""

    pages: list[list[str]]
    fonts: set[str]


_LINE = re.compile(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</line>', re.S)
_WORD = re.compile(r">([^<]*)</word>")


def _visual_lines(page_xml: str, tolerance: float) -> list[str]:
    """Group pdftotext's lines by vertical position: one entry per line on the page."""
    found = sorted(
        (float(m.group(1)), " ".join(html.unescape(w) for w in _WORD.findall(m.group(2))))
        for m in _LINE.finditer(page_xml)
    )
    lines: list[tuple[float, list[str]]] = []
    for y, text in found:
        if lines and y - lines[-1][0] < tolerance:
            lines[-1][1].append(text)
        else:
            lines.append((y, [text]))
    return [" ".join(parts) for _, parts in lines]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rendered]:
    _tools()
    tmp = tmp_path_factory.mktemp("parity")
    deck = tmp / "parity.pptx"
    _build_deck(deck)
    done = soffice_to_pdf([deck], tmp, timeout=300)
    pdf = tmp / "parity.pdf"
    assert pdf.is_file(), f"soffice made no PDF (exit {done.returncode}): {done.stderr or done.stdout}"
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = xml.split("<page ")[1:]
    sizes = [case.size for case in CASES]
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    fonts = {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:] if line.strip()}
    yield Rendered([_visual_lines(page, size * 0.6) for page, size in zip(pages, sizes, strict=False)], fonts)


def test_libreoffice_used_the_shipped_fonts(rendered: Rendered) -> None:
    assert len(rendered.pages) == len(CASES)
    allowed = ("Carlito", "Caladea", "LiberationSans", "NotoSans")
    assert rendered.fonts, "no fonts in the PDF"
    assert all(font.startswith(allowed) for font in rendered.fonts), rendered.fonts


@pytest.mark.parametrize("index", range(len(CASES)), ids=[f"{c.theme}-{c.role}-{c.size:g}pt" for c in CASES])
def test_line_count_matches_libreoffice(rendered: Rendered, index: int) -> None:
    case = CASES[index]
    _, plan = _plan(case)
    planned = [line.text for line in plan.lines]
    drawn = rendered.pages[index]
    assert len(planned) == len(drawn), (
        f"{case.theme}/{case.role} {case.size:g} pt in {case.width:g} pt: engine {len(planned)} lines, "
        f"LibreOffice {len(drawn)}\n  engine: {planned}\n  drawn:  {drawn}"
    )


@pytest.mark.parametrize("index", range(len(CASES)), ids=[f"{c.theme}-{c.role}-{c.size:g}pt" for c in CASES])
def test_line_breaks_match_libreoffice(rendered: Rendered, index: int) -> None:
    """Stronger than the count: every line breaks at the same place (text compared, spacing normalised)."""
    _, plan = _plan(CASES[index])
    planned = [" ".join(line.text.split()) for line in plan.lines]
    drawn = [" ".join(line.split()) for line in rendered.pages[index]]
    assert planned == drawn


def test_cases_exercise_wrapping() -> None:
    """Every case wraps (a one-line case proves nothing) and the set covers the tricky breaks."""
    plans = [_plan(case)[1] for case in CASES]
    assert all(len(plan.lines) >= 2 for plan in plans)
    assert sum(len(plan.lines) for plan in plans) >= 60
    texts = [line.text for plan in plans for line in plan.lines]
    assert any(t.endswith("-") for t in texts), "a break after a hyphen"
    assert any(t.endswith("—") or t.startswith("—") for t in texts), "a break at an em dash"
    assert any("://" in t and " " not in t for t in texts), "an over-long word cut into pieces"
