import datetime as dt

import pytest

from rasd.actors.kb import load_kb
from rasd.actors.matcher import Matcher


@pytest.fixture(scope="session")
def kb():
    return load_kb()


@pytest.fixture(scope="session")
def matcher(kb):
    return Matcher(kb)


@pytest.fixture(scope="session")
def match(matcher):
    def run(text, date=dt.date(2024, 6, 1)):
        actors = matcher.match(text, date)
        for a in actors:
            for m in a.mentions:
                assert text[m.start:m.end] == m.text
        return {a.name: a for a in actors}

    return run
