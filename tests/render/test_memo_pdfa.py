"""``briefgen build --pdfa`` makes an archival memo: PDF/A-2u on top of the tagged PDF/UA memo (issue 16).

No PDF/A validator installs here (veraPDF is on none of PyPI, npm or Debian), so the
test checks the clauses of ISO 19005-2 that a file can be read for: the identification
in XMP, an sRGB output intent with a real ICC profile, XMP agreeing with the Info
dictionary, every font embedded with a ToUnicode map, printable annotations, a file
ID, no encryption, JavaScript or embedded files; and that the memo says the same.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import require_tool
from tagged_pdf import check_tagged

from briefgen.cli import cli

ROOT = Path(__file__).resolve().parents[2]
BRIEFS = ["asean-58th-amm", "quarterly-trade-review"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for flavour, extra in (("plain", []), ("pdfa", ["--pdfa"])):
        folder = tmp_path_factory.mktemp(flavour)
        sources = [str(ROOT / "briefs" / f"{name}.yaml") for name in BRIEFS]
        result = CliRunner().invoke(
            cli,
            ["build", "-q", "--format", "pdf", "-o", str(folder), *extra, *sources],
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
        out.update({f"{name}@{flavour}": folder / f"{name}.pdf" for name in BRIEFS})
    return out


@pytest.mark.parametrize("name", BRIEFS)
def test_pdfa_memo_identifies_itself_and_carries_an_srgb_intent(built: dict[str, Path], name: str) -> None:
    with pikepdf.open(built[f"{name}@pdfa"]) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "U")
        assert meta["pdfuaid:part"] == "1", "still PDF/UA"
        assert meta["dc:title"] == str(pdf.docinfo["/Title"])
        assert meta["pdf:Producer"] == str(pdf.docinfo["/Producer"])
        assert str(pdf.docinfo["/CreationDate"]).startswith(
            "D:" + meta["xmp:CreateDate"][:10].replace("-", "")
        )
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.S) == "/GTS_PDFA1"
        icc = intent.DestOutputProfile.read_bytes()
        assert icc[36:40] == b"acsp" and icc[16:20] == b"RGB ", "an RGB ICC profile"
        assert int(intent.DestOutputProfile.N) == 3
        assert float(pdf.pdf_version) <= 1.7
        assert "/ID" in pdf.trailer and not pdf.is_encrypted
        names = pdf.Root.get("/Names", pikepdf.Dictionary())
        assert "/JavaScript" not in names and "/EmbeddedFiles" not in names
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                assert int(annot.F) & 4, "an annotation that does not print"
                assert "/Contents" in annot, "a link without its description"


@pytest.mark.parametrize("name", BRIEFS)
def test_pdfa_memo_embeds_every_font_with_unicode(built: dict[str, Path], name: str) -> None:
    require_tool("pdffonts")
    listing = subprocess.run(
        ["pdffonts", str(built[f"{name}@pdfa"])], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert listing, "no fonts listed"
    for row in listing:
        emb, _sub, uni = row.split()[-5:-2]
        assert (emb, uni) == ("yes", "yes"), row
    assert check_tagged(built[f"{name}@pdfa"]) == []


@pytest.mark.parametrize("name", BRIEFS)
def test_pdfa_changes_nothing_the_reader_sees(built: dict[str, Path], name: str) -> None:
    require_tool("pdftotext")

    def text(path: Path) -> str:
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True
        ).stdout.decode()

    assert text(built[f"{name}@pdfa"]) == text(built[f"{name}@plain"])
    with pikepdf.open(built[f"{name}@plain"]) as plain:
        assert "pdfaid:part" not in plain.open_metadata() and "/OutputIntents" not in plain.Root
