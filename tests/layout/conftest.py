"""Plans the deck planner's tests share: the ASEAN brief's and the long brief's, made once a session."""

from __future__ import annotations

from pathlib import Path

import pytest
from deckbriefs import long_brief

from briefgen.fonts import FontFamily
from briefgen.layout.deck import plan_deck
from briefgen.layout.slides import (
    DeckPlan,
)
from briefgen.load.loader import load
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
ASEAN = ROOT / "briefs" / "asean-58th-amm.yaml"
EXAMPLES = sorted((ROOT / "briefs").glob("*.yaml"))


@pytest.fixture(scope="session")
def calibri() -> FontFamily:
    """The default theme's body font (Calibri, measured with Carlito)."""
    return load_theme("default").body_family


@pytest.fixture(scope="session")
def long_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return long_brief(tmp_path_factory.mktemp("long"))


@pytest.fixture(scope="session")
def long_plan(long_path: Path) -> DeckPlan:
    return plan_deck(load(long_path), load_theme())


@pytest.fixture(scope="session")
def asean_plan() -> DeckPlan:
    return plan_deck(load(ASEAN), load_theme())
