#!/usr/bin/env python
"""Rebuild the Arabic NER model shipped in ``src/rasd/data/models/ner/``.

    .venv/bin/python scripts/train_ner.py --wojood        # the shipped model (gazetteer + train + evaluate + save)
    .venv/bin/python scripts/train_ner.py                 # ANERcorp train split only
    .venv/bin/python scripts/train_ner.py --eval-only     # score the shipped model on the test split

Steps:
1. Gazetteer: ``gazetteer.tsv`` is built from ANERGazet (Benajiba; distributed with ANERcorp,
   CC BY-SA 4.0 in the CAMeL Lab re-release) — one ``name<TAB>type`` row per distinct normalised name;
   ``name_units.tsv`` from the name index of the installed arabic-name-romanizer package (MIT).
2. Training data: the ANERcorp CAMeL-style train split (``ANERCorp_approxCamelSplit_train.txt``),
   optionally plus the Wojood public sample train+val (types PERS/ORG/GPE→LOC/LOC kept, others O).
   NewsFANEGold is NOT used: it re-annotates ANERcorp text and would leak the test split.
3. A linear-chain CRF (python-crfsuite, L-BFGS with L1+L2) over the features of
   ``rasd.actors.ner.sentence_features`` (the same function tags at run time).
4. Evaluation on ``ANERCorp_approxCamelSplit_test.txt``: entity-level (CoNLL: exact span and type)
   precision, recall and F1 per type, micro-averaged over all four types and over PER/ORG/LOC.
5. ``ner.crfsuite`` and ``README.md`` (data, licence, features, scores, date) are written next to it.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.actors import ner  # noqa: E402
from rasd.normalize import normalize_text  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"
OUT_DIR = ROOT / "src" / "rasd" / "data" / "models" / "ner"
TYPES = ("PERS", "LOC", "ORG", "MISC")
ANCHORS = [("BiLSTM-CRF (published)", 81.7), ("AraBERT (published)", 83.1)]

GAZ_FILES = {"PERS": "AlignedPersGazetteer.txt", "LOC": "AlignedLocGazetteer.txt", "ORG": "AlignedOrgGazetteer.txt"}


# --------------------------------------------------------------------------- data

def _read_columns(path: Path, tag_of) -> list[tuple[list[str], list[str]]]:
    """Sentences of a token-per-line file (blank lines separate sentences); ``tag_of(columns)``
    gives a token's tag from its columns after the token."""
    sents, toks, tags = [], [], []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split()
        if not parts:
            if toks:
                sents.append((toks, tags))
                toks, tags = [], []
            continue
        toks.append(parts[0])
        tags.append(tag_of(parts[1:]))
    if toks:
        sents.append((toks, tags))
    return sents


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a 'token TAG' file; blank lines separate sentences."""
    return _read_columns(path, lambda cols: cols[0] if cols else "O")


WOJOOD_MAP = {"PERS": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


def _wojood_tag(cols: list[str]) -> str:
    for t in cols:
        if t == "O" or "-" not in t:
            continue
        bi, typ = t.split("-", 1)
        if typ in WOJOOD_MAP:
            return f"{bi}-{WOJOOD_MAP[typ]}"
    return "O"


def read_wojood(path: Path) -> list[tuple[list[str], list[str]]]:
    """Wojood nested IOB → flat ANERcorp types: per token the first (outermost) kept type."""
    sents = _read_columns(path, _wojood_tag)
    return [(t, g) for t, g in sents if not (len(t) == 1 and t[0] == "$#$")]


def build_name_units(out: Path) -> int:
    """Single-token Arabic name units from arabic-name-romanizer's index (MIT; data CC0/MIT)."""
    import sqlite3
    from collections import defaultdict

    import arabic_name_romanizer

    db = Path(arabic_name_romanizer.__file__).parent / "resources" / "names.sqlite3"
    agg: dict[str, Counter] = defaultdict(Counter)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    for key, role, count, country in con.execute("SELECT arabic_key, role, count, country FROM units"):
        if " " in key or country in ("IR", "AF", "PK"):  # Arabic-script Arabic names only
            continue
        agg[normalize_text(key)][role] += count
    con.close()
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(
            f"# Arabic personal-name units, built by scripts/train_ner.py from the name index of\n"
            f"# arabic-name-romanizer {getattr(arabic_name_romanizer, '__version__', '?')} (MIT licence, UNICEF and contributors;\n"
            "# index derived from Wikidata CC0, the Algerian Name Transcription Corpus CC0 and DziriNames MIT).\n"
            "# Columns: unit<TAB>role (given|surname|unknown: the most frequent)<TAB>count (summed over countries).\n"
            "# Keys are rasd-normalised. The NER model's features read this file: retrain after editing it.\n"
        )
        for key in sorted(agg):
            roles = agg[key]
            fh.write(f"{key}\t{roles.most_common(1)[0][0]}\t{sum(roles.values())}\n")
    return len(agg)


def build_gazetteer(gaz_dir: Path, out: Path) -> int:
    seen: dict[tuple[str, str], str] = {}
    for typ, fname in GAZ_FILES.items():
        for line in (gaz_dir / fname).read_text("utf-8").splitlines():
            name = " ".join(line.split())
            if not name or set(name) <= set("=*-"):
                continue
            key = (normalize_text(name), typ)
            seen.setdefault(key, name)
    rows = sorted(seen.items(), key=lambda kv: (kv[0][1], kv[0][0]))
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(
            "# ANERGazet gazetteers (Benajiba et al.), built by scripts/train_ner.py from\n"
            "# ../shared/data/anercorp/ANERGazet/Aligned{Pers,Loc,Org}Gazetteer.txt.\n"
            "# Licence: CC BY-SA 4.0 (ANERcorp/ANERGazet as re-released by CAMeL Lab), attribution to\n"
            "# Benajiba, Rosso & Benedi (2007) and CAMeL Lab. Columns: name<TAB>type (PERS|LOC|ORG).\n"
            "# One row per distinct normalised name. The NER model's features read this file: retrain\n"
            "# after editing it.\n"
        )
        for (_, typ), name in rows:
            fh.write(f"{name}\t{typ}\n")
    return len(rows)


# --------------------------------------------------------------------------- scoring

def score(gold: list[list[str]], pred: list[list[str]]) -> dict[str, dict[str, float]]:
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        gs = set(ner.bio_spans(g))
        ps = set(ner.bio_spans(p))
        for s in ps & gs:
            tp[s[2]] += 1
        for s in ps - gs:
            fp[s[2]] += 1
        for s in gs - ps:
            fn[s[2]] += 1

    def prf(t, f_p, f_n):
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"P": 100 * p, "R": 100 * r, "F1": 100 * f, "support": t + f_n}

    res = {typ: prf(tp[typ], fp[typ], fn[typ]) for typ in TYPES}
    res["micro (all 4)"] = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    three = ("PERS", "LOC", "ORG")
    res["micro (PER/LOC/ORG)"] = prf(sum(tp[t] for t in three), sum(fp[t] for t in three), sum(fn[t] for t in three))
    return res


def table(res: dict[str, dict[str, float]]) -> str:
    lines = ["| type | P | R | F1 | gold entities |", "|---|---:|---:|---:|---:|"]
    for k, v in res.items():
        lines.append(f"| {k} | {v['P']:.1f} | {v['R']:.1f} | {v['F1']:.1f} | {int(v['support'])} |")
    return "\n".join(lines)


def tag_all(model: Path, sents, gaz, clitics, names) -> list[list[str]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    return [list(tagger.tag(ner.sentence_features(toks, gaz, clitics, names))) for toks, _ in sents]


# --------------------------------------------------------------------------- main

_IDENTITY = ("w=", "st=", "bg-=", "bg+=")


def drop_rare(feats: list[str], rare: set[str]) -> list[str]:
    """Remove the word/stem identity features of rare words (see --rare)."""
    out = []
    for f in feats:
        if f.startswith(_IDENTITY):
            val = f.split("=", 1)[1]
            if any(part in rare for part in val.split("|")):
                continue
        out.append(f)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (default ../shared/data)")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--c1", type=float, default=0.1)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--max-iter", type=int, default=150)
    ap.add_argument("--rare", type=int, default=2, help="drop identity features of words seen <= N times (0 = off)")
    ap.add_argument("--wojood", action="store_true", help="also train on the Wojood sample (train+val)")
    ap.add_argument("--eval-only", action="store_true")
    ap.add_argument("--no-readme", action="store_true", help="do not rewrite README.md (experiments)")
    args = ap.parse_args(argv)

    aner = args.data / "anercorp"
    if not aner.exists():
        print(f"{aner}: ANERcorp folder not found (give --data)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    gaz_path = args.out / ner.GAZETTEER_FILE
    model_path = args.out / ner.MODEL_FILE
    if not args.eval_only:
        n = build_gazetteer(aner / "ANERGazet", gaz_path)
        print(f"gazetteer: {n} names -> {gaz_path}")
        n = build_name_units(args.out / ner.NAMES_FILE)
        print(f"name units: {n} -> {args.out / ner.NAMES_FILE}")
    gaz = ner.Gazetteer.load(gaz_path)
    clitics = ner.Clitics.load(args.out / ner.CLITICS_FILE)
    names = ner.NameUnits.load(args.out / ner.NAMES_FILE)

    train = read_conll(aner / "ANERCorp_approxCamelSplit_train.txt")
    test = read_conll(aner / "ANERCorp_approxCamelSplit_test.txt")
    sources = [f"ANERcorp CAMeL-style train split ({sum(len(t) for t, _ in train)} tokens, {len(train)} sentences)"]
    if args.wojood:
        wj = args.data / "wojood-sample"
        extra = read_wojood(wj / "train.txt") + read_wojood(wj / "val.txt")
        train = train + extra
        sources.append(f"Wojood public sample train+val ({sum(len(t) for t, _ in extra)} tokens; PERS/ORG/GPE→LOC/LOC)")

    t0 = time.time()
    if not args.eval_only:
        import pycrfsuite

        trainer = pycrfsuite.Trainer(verbose=False)
        # Rare-word dropout: the identity features of words seen at most --rare times in training are
        # left out, so the model learns to tag words it has never seen from their context, affixes and
        # gazetteer marks (at run time an unseen word's identity features carry no weight either).
        wcount = Counter(normalize_text(w) for toks, _ in train for w in toks)
        rare = {w for w, c in wcount.items() if c <= args.rare}
        for toks, tags in train:
            feats = ner.sentence_features(toks, gaz, clitics, names)
            if rare:
                feats = [drop_rare(f, rare) for f in feats]
            trainer.append(feats, tags)
        t_feat = time.time() - t0
        trainer.set_params(
            {
                "c1": args.c1,
                "c2": args.c2,
                "max_iterations": args.max_iter,
                "feature.possible_transitions": True,
            }
        )
        trainer.train(str(model_path))
        print(f"features {t_feat:.1f}s, training {time.time() - t0 - t_feat:.1f}s, "
              f"model {model_path.stat().st_size / 1e6:.2f} MB -> {model_path}")

    t1 = time.time()
    pred = tag_all(model_path, test, gaz, clitics, names)
    n_tok = sum(len(t) for t, _ in test)
    t_tag = time.time() - t1
    res = score([g for _, g in test], pred)
    print(f"\nANERcorp CAMeL-style test split ({n_tok} tokens, {len(test)} sentences), "
          f"entity-level exact match; tagged in {t_tag:.1f}s\n")
    tab = table(res)
    print(tab)
    print()
    for name, f1 in ANCHORS:
        print(f"{name}: {f1}")
    print(f"rasd CRF (this run), micro F1 all four types: {res['micro (all 4)']['F1']:.1f}")

    wj_res = None
    wj_test = args.data / "wojood-sample" / "test.txt"
    if wj_test.exists():
        wsents = read_wojood(wj_test)
        wpred = tag_all(model_path, wsents, gaz, clitics, names)
        wpred = [[("O" if t.endswith("MISC") else t) for t in p] for p in wpred]
        wj_res = score([g for _, g in wsents], wpred)
        print("\nHeld-out check, Wojood sample test (never trained on; PERS/ORG/GPE→LOC/LOC; annotation scheme differs):")
        print(table({k: v for k, v in wj_res.items() if k in ("PERS", "LOC", "ORG", "micro (PER/LOC/ORG)")}))

    if not args.eval_only and not args.no_readme:
        write_readme(args, sources, res, wj_res, model_path)
    return 0


def write_readme(args, sources, res, wj_res, model_path: Path) -> None:
    today = dt.date.today().isoformat()
    anchors = "\n".join(f"| {n} | {f:.1f} |" for n, f in ANCHORS)
    wj = ""
    if wj_res is not None:
        wj = (
            "\nHeld-out check on the Wojood public sample test file (never trained on; its scheme differs from ANERcorp: GPE mapped to LOC, "
            "nested tags flattened to the outermost PERS/ORG/GPE/LOC; countries acting as agents are ORG there):\n\n"
            + table({k: v for k, v in wj_res.items() if k in ("PERS", "LOC", "ORG", "micro (PER/LOC/ORG)")})
            + "\n"
        )
    text = f"""# Arabic NER model (CRF)

`ner.crfsuite` is a linear-chain CRF (python-crfsuite) used by `rasd.actors.ner.find_entities`.
Rebuild it with `.venv/bin/python scripts/train_ner.py{' --wojood' if args.wojood else ''}` (reads `../shared/data`); built {today}.

## Data and licence (SOURCE)
- Trained on: {'; '.join(sources)}.
- ANERcorp (Benajiba, Rosso & Benedí 2007; CAMeL Lab re-release 2020) is licensed **CC BY-SA 4.0**.
  This model and `gazetteer.tsv` (built from ANERGazet, distributed with ANERcorp) are derived from
  it and are therefore distributed under **CC BY-SA 4.0**, with attribution to Benajiba et al. and
  CAMeL Lab (Obeid et al., LREC 2020). The rest of rasd keeps its own licence.
{'- Wojood sample (SinaLab/ArabicNER, MIT licence, Copyright 2021 Mohammed Khalilia).' if args.wojood else ''}
- NewsFANEGold is not used: it re-annotates ANERcorp text, so training on it would leak the test split.
- `clitics.tsv` is our own list.
- `name_units.tsv` (a feature: is this word a known given name / surname) is built from the name index
  of the arabic-name-romanizer package (MIT; index from Wikidata CC0, Algerian Name Transcription
  Corpus CC0, DziriNames MIT).

## Features (`rasd.actors.ner.sentence_features`)
Normalised word (rasd.normalize), clitic-stripped stem (و/ف, ب/ل/ك before ال, ال, لل), the stripped
proclitics, pronoun suffix, definite-article flag, shape (Arabic/Latin/digit/punctuation), stem length,
stem prefixes (2, 3) and suffixes (2, 3), last letter, ANERGazet membership (single names by type;
longest multi-token names as B-/I- marks), the words at -2..+2, stems/shape/article/gazetteer at -1/+1,
stem bigrams with both neighbours; BIO labels with all transitions.
Training: L-BFGS, c1={args.c1}, c2={args.c2}, at most {args.max_iter} iterations; rare-word dropout
(identity features of words seen at most {args.rare} times in training are left out, so the model
learns to tag unseen words from context and affixes). Model size
{model_path.stat().st_size / 1e6:.2f} MB.

## Scores: ANERcorp CAMeL-style test split (`ANERCorp_approxCamelSplit_test.txt`)
Entity level, exact span and type (CoNLL). The split is an approximate re-creation of the CAMeL Lab
split, so the comparison with the published figures is close but not exact.

{table(res)}

| published anchor (CAMeL split, micro F1) | F1 |
|---|---:|
{anchors}
| **rasd CRF (this model)** | **{res['micro (all 4)']['F1']:.1f}** |
{wj}
Run-time: `find_entities` keeps PER (ANERcorp PERS), ORG and LOC and drops MISC.
"""
    (args.out / "README.md").write_text(text, "utf-8")
    print(f"README -> {args.out / 'README.md'}")


if __name__ == "__main__":
    raise SystemExit(main())
