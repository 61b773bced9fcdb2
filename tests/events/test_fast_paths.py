"""The event coder's fast paths (one split for the tokens, per-sentence caches, word memos, the
context shortcut of the trigger lexicon) must give exactly what the plain computations give."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.events import arguments, dates, lexicon as lexmod
from rasd.events.arguments import COMPLEMENTIZERS, _scare_quotes, clause_bounds
from rasd.events.coder import _TOKEN, _tokenize
from rasd.events.eventive import default_eventive
from rasd.events.lexicon import default_lexicon, strip_clitics
from rasd.events.polarity import default_polarity
from rasd.events.sentences import split_sentences
from rasd.normalize import normalize_text

# our own sentences, with triggers whose rows have complements and cues of every kind
SENTENCES = [
    "قالت وزارة الخارجية المصرية إن الوزير التقى نظيره الأردني في عمان أمس.",
    "لم تزر روسيا كوريا الشمالية هذا العام، ولن يزور بوتين بيونغ يانغ قريبا.",
    "من المتوقع أن توقع مصر والأردن اتفاقية للتعاون في مجال الطاقة.",
    "أطلق مسلحون النار على دورية للشرطة فقتلوا ثلاثة عناصر وأصابوا آخرين.",
    "ندد الاتحاد الأوروبي بالهجوم الذي شنته جماعة مسلحة على قرية في شمال البلاد.",
    "فرضت الولايات المتحدة عقوبات جديدة على إيران، وهددت بفرض المزيد.",
    "خرج آلاف المتظاهرين في العاصمة للاحتجاج على رفع أسعار الوقود.",
    "وتعتزم الحكومة تعزيز التعاون مع الصين في مجال التجارة: \"نريد شراكة أوسع\".",
    "نفت روسيا أنها زودت كوريا الشمالية بالأسلحة، واتهمت واشنطن بتضليل الرأي العام.",
    "اعتقلت الشرطة عشرة أشخاص بعد اشتباكات مع قوات الأمن قرب السفارة.",
]
norm_sentences = [normalize_text(s) for s in SENTENCES]
WORDS = sorted({w for s in norm_sentences for w in re.findall(r'\w+|[:"،,؛]', s)})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS + [" ", "  ", "\n", ".", "x_y", "_", "٣", "ً"]), max_size=60))
def test_tokenize_by_split_equals_the_token_regex(parts):
    text = " ".join(parts)
    words, starts = _tokenize(text)
    assert words == _TOKEN.findall(text)
    assert starts == [m.start() for m in _TOKEN.finditer(text)]


def test_the_lexicon_context_shortcut_changes_no_hit(monkeypatch):
    lex = default_lexicon()
    texts = norm_sentences + [" ".join(norm_sentences[i:i + 3]) for i in range(len(norm_sentences))]
    fast = [[(h.start, h.end, h.row.line, h.kind) for h in lex.find(t)] for t in texts]
    # the reference: the context of every complement row is built and read
    monkeypatch.setattr(lexmod, "_absent", lambda stems, window: False)
    slow = [[(h.start, h.end, h.row.line, h.kind) for h in lex.find(t)] for t in texts]
    assert fast == slow
    assert any(fast)


def test_split_sentences_cache_is_keyed_by_the_text_and_hands_out_copies():
    body = "قال الوزير إن الاجتماع انتهى. وأضاف أن المحادثات ستستمر؟\nالسطر الثاني"
    first = split_sentences(body)
    first.append((0, 1))  # a caller may change its list
    again = split_sentences(body)
    assert again == split_sentences("".join(list(body)))  # an equal string (another object)
    assert (0, 1) not in again and [body[a:b] for a, b in again][0] == "قال الوزير إن الاجتماع انتهى."
    other = split_sentences(body.replace("انتهى.", "انتهى،"))  # as long, one sentence less
    assert len(other) == len(again) - 1


def _reference_clause_bounds(words, i):
    scare = _scare_quotes(words) if '"' in words else frozenset()
    brk = lambda k: words[k] in COMPLEMENTIZERS or words[k] == ":" or (words[k] == '"' and k not in scare)  # noqa: E731
    lo = next((k + 1 for k in range(i - 1, -1, -1) if brk(k)), 0)
    hi = next((k for k in range(i + 1, len(words)) if brk(k)), len(words))
    return lo, hi


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["ان", "انه", "بان", ":", '"', "قال", "الوزير", "مصر", "،", "زار"]),
                min_size=1, max_size=25), st.data())
def test_clause_bounds_from_the_sentence_breaks_equal_a_word_walk(words, data):
    i = data.draw(st.integers(0, len(words) - 1))
    assert clause_bounds(words, i) == _reference_clause_bounds(words, i)
    # the same list changed in place: the cached breaks must not be reused
    words[i] = "ان" if words[i] != "ان" else "زار"
    assert clause_bounds(words, i) == _reference_clause_bounds(words, i)


def test_polarity_flags_with_cue_positions_equal_the_plain_walk(monkeypatch):
    pol = default_polarity()
    cases = []
    for s in norm_sentences:
        words = _TOKEN.findall(s)
        for i in range(len(words)):
            for kind in ("noun", "past", "pres"):
                cases.append((words, i, kind))
    fast = [(pol.flags(w, i, k), pol.intent(w, i)) for w, i, k in cases]
    monkeypatch.setattr(type(pol), "_cue_ends",
                        lambda self, words, i, lo: [e for e in range(i, lo, -1) if words[e - 1] in self._before])
    slow = [(pol.flags(w, i, k), pol.intent(w, i)) for w, i, k in cases]
    assert fast == slow
    assert any(f[0][0] for f in fast) and any(f[0][1] for f in fast)


def test_polarity_positions_follow_a_words_list_changed_in_place():
    pol = default_polarity()
    words = _TOKEN.findall(normalize_text("زار الوزير القاهرة"))
    assert pol.flags(words, 0, "past")[0] is False
    words[:] = _TOKEN.findall(normalize_text("لم يزر الوزير القاهرة"))
    assert pol.flags(words, 1, "pres")[0] is True


def _reference_eventive_find(ev, words):
    out = {}
    bare = [strip_clitics(w) for w in words]
    n = len(words)
    for k in range(n):
        cands = (words[k],) if words[k] == bare[k] else (words[k], bare[k])
        for w in cands:
            for c in ev._exact.get(w, ()):
                m = len(c.words)
                if m == 1:
                    if not c.prefix:
                        out.setdefault(c.cls, []).append(k)
                    continue
                if k + m <= n and all(bare[k + i] == c.words[i] or words[k + i] == c.words[i] for i in range(1, m)):
                    out.setdefault(c.cls, []).append(k + m - 1)
        b = bare[k]
        for L in ev._plens_sorted:
            if L > len(b):
                break
            for c in ev._prefix.get(b[:L], ()):
                out.setdefault(c.cls, []).append(k)
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ["امس", "اول", "فجر", "اليوم", "قتلي", "جرحي", "منذ", "ذكري"]),
                max_size=30))
def test_eventive_cues_from_word_memos_equal_the_plain_scan(words):
    ev = default_eventive()
    assert ev.find(words) == _reference_eventive_find(ev, words)


def _reference_previous_sentence(body, s0, reach=600):
    lo = max(0, s0 - reach)
    k = s0
    while k > lo and (body[k - 1] in dates._BREAK_CHARS or body[k - 1].isspace()):
        k -= 1
    p0 = lo
    for i in range(k - 1, lo - 1, -1):
        if body[i] in dates._BREAK_CHARS:
            p0 = i + 1
            break
    return body[p0:s0]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="اب .!?؟\n،", max_size=60), st.integers(0, 70), st.integers(0, 80))
def test_previous_sentence_by_rfind_equals_the_character_walk(body, s0, reach):
    s0 = min(s0, len(body))
    assert dates._previous_sentence(body, s0, reach) == _reference_previous_sentence(body, s0, reach)


def test_coding_a_sentence_twice_gives_the_same_events(code):
    # the per-sentence caches (clause breaks, cue positions) must not leak into the next document
    for s in SENTENCES:
        a = [(e.plover, e.source, e.target, e.negated, e.hypothetical) for e in code(s)]
        code(SENTENCES[0])
        b = [(e.plover, e.source, e.target, e.negated, e.hypothetical) for e in code(s)]
        assert a == b


assert arguments.clause_bounds is clause_bounds
