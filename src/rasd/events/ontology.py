"""The CAMEO/PLOVER ontology as data (``rasd/data/ontology/cameo.tsv``, built by
``scripts/build_ontology.py``): name, Goldstein weight, quad class and PLOVER type/mode/context
of every CAMEO code."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    mode: str | None
    context: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


def _read(text: str) -> dict[str, CameoCode]:
    out: dict[str, CameoCode] = {}
    header = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if header is None:
            header = cols
            continue
        r = dict(zip(header, cols))
        out[r["code"]] = CameoCode(
            code=r["code"], name=r["name"], goldstein=float(r["goldstein"]),
            quad_class=int(r["quad_class"]), plover=r.get("plover_type") or None,
            mode=r.get("plover_mode") or None, context=r.get("plover_context") or None,
        )
    return out


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """Every CAMEO code of the packaged table, by code string ("042", "0231", "19")."""
    text = resources.files("rasd.data").joinpath("ontology/cameo.tsv").read_text("utf-8")
    return _read(text)


@lru_cache(maxsize=10_000)  # the coder looks codes up several times per trigger
def lookup(code: str) -> CameoCode:
    """The entry for ``code``; an unknown sub-code falls back to its nearest listed parent."""
    table = cameo_table()
    c = code
    while c:
        if c in table:
            e = table[c]
            return e if c == code else CameoCode(code, e.name, e.goldstein, e.quad_class, e.plover, e.mode, e.context)
        c = c[:-1]
    raise KeyError(f"unknown CAMEO code {code!r}")
