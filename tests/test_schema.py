"""The JSON Schema is generated from the model and agrees with the loader."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from briefgen.load.model import json_schema
from briefgen.load.source import load_yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


@pytest.mark.parametrize("path", sorted((ROOT / "briefs").glob("*.yaml")), ids=lambda p: p.name)
def test_schema_accepts_every_example(path: Path) -> None:
    VALIDATOR.validate(load_yaml(path).data)


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize(
    "change",
    [
        lambda b: b.pop("summary"),
        lambda b: b.update(keypoints=b.pop("key_points")),
        lambda b: b["meeting"].update(date="8 July 2025"),
        lambda b: b.update(key_points=[]),
        lambda b: b.update(reactions=[{"outlet": "X", "summary": "S", "tone": "happy"}]),
        lambda b: b.update(sections=[{"title": "S", "blocks": [{"text": "a", "bullets": ["b"]}]}]),
        lambda b: b.update(sources=[{"title": "S", "url": "javascript:alert(1)"}]),
    ],
    ids=[
        "missing-summary",
        "misspelt-key",
        "bad-date",
        "no-key-points",
        "bad-tone",
        "two-kind-block",
        "bad-url",
    ],
)
def test_schema_rejects_broken_briefs(change) -> None:
    data = load_yaml(ROOT / "briefs" / "minimal.yaml").data
    change(data)
    assert not VALIDATOR.is_valid(data)
