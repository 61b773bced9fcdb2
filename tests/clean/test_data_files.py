"""The cleaning data files parse and document their format and source."""
from __future__ import annotations

import pytest

from rasd.clean.markers import DATA_DIR, MODES, load_labels, load_markers


@pytest.mark.parametrize("name", ["markers.tsv", "labels.tsv", "tag_terms.tsv", "tag_countries.tsv", "language_words.tsv"])
def test_data_file_has_a_header_naming_columns_and_source(name):
    head = [ln for ln in (DATA_DIR / name).read_text("utf-8").splitlines() if ln.startswith("#")]
    text = "\n".join(head).lower()
    assert "source" in text and "column" in text


def test_every_marker_row_is_valid():
    rows = [ln.split("\t") for ln in (DATA_DIR / "markers.tsv").read_text("utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]
    assert len(rows) > 100
    assert all(len(r) == 3 and r[2] in MODES for r in rows)
    load_markers()  # compiles every regex
    load_labels()
