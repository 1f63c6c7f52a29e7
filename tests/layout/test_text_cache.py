"""The text engine's caches (briefgen.layout.text_cache): bounded by characters, one per session."""

from __future__ import annotations

from briefgen.fonts import FontFamily
from briefgen.layout.text_cache import TextCache, TextCaches
from briefgen.session import RenderSession


def test_text_caches_are_bounded_by_characters() -> None:
    cache: TextCache[int] = TextCache(100 + 3 * TextCache.ENTRY)
    for k in range(10):
        cache.put(k, k, 30)
    assert sorted(cache) == [7, 8, 9]  # the oldest went first
    cache.put("huge", 0, 101 + 2 * TextCache.ENTRY)
    assert "huge" not in cache
    cache.clear()
    for k in range(10):
        cache.put(k, k, 0)
    assert len(cache) == 4  # an empty text still costs its entry


def test_each_session_has_its_own_caches_and_fallbacks_freeze_once_per_mapping(calibri: FontFamily) -> None:
    one, two = RenderSession(), RenderSession()
    assert one.text is not two.text and isinstance(one.text, TextCaches)
    fallbacks = {"Noto Sans Thai": calibri, "Carlito": calibri}
    frozen = one.text.frozen(fallbacks)
    assert one.text.frozen(fallbacks) is frozen
    assert [name for name, _ in frozen] == ["Carlito", "Noto Sans Thai"]
    assert one.text.frozen(dict(fallbacks)) == frozen  # an equal mapping gives an equal key
    assert one.text.frozen(None) == ()
