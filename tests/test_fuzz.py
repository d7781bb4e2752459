"""Fuzzing the input side: a hostile document ends in exit 0 or 2, never an internal error or a hang,
and text is decoded exactly or refused, never misread.  ``bench/fuzz.py`` runs the same cases longer."""
from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import _hostile as H
from claims.decode import DecodeError, decode

JAPANESE = st.text(st.sampled_from("あいうえおかがきくけこさしすせそたちつてとなにのはばぱまみむめもやゆよらりるれろわをん"
                                   "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
                                   "ー日本東京大統領首相会談年月人万億円回分時間。、「」（）・〜１２３0123456789 \n"),
                   min_size=1, max_size=60)
FRAGMENT = st.one_of(st.sampled_from(H.SENTENCES), st.sampled_from(H.ODD), st.sampled_from(H.MARKUP), JAPANESE)
CASES = st.tuples(st.lists(FRAGMENT, min_size=1, max_size=8), st.sampled_from(H.ENCODINGS),
                  st.sampled_from(H.DAMAGE), st.sampled_from(H.SUFFIXES), st.randoms(use_true_random=False),
                  st.booleans())
FOLDER = Path(tempfile.mkdtemp(prefix="claimcheck-fuzz-"))
TIMEOUT = 60  # seconds; an input of this suite takes well under one


@pytest.fixture(scope="module", autouse=True)
def own_cache():
    old = os.environ.get("CLAIMCHECK_CACHE")
    os.environ["CLAIMCHECK_CACHE"] = str(FOLDER / "cache")  # hostile parses stay out of the user's cache
    yield
    if old is None:
        os.environ.pop("CLAIMCHECK_CACHE", None)
    else:
        os.environ["CLAIMCHECK_CACHE"] = old


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(CASES)
def test_hostile_input_exits_0_or_2(case):
    parts, encoding, damage, suffix, rng, report = case
    data = H.encode(H.join(parts, rng), encoding, damage, rng)
    status, err = H.run_case(FOLDER, 0, data, suffix, TIMEOUT, report)
    assert status in (0, 2), err
    assert "Traceback" not in err
    if status == 2:
        assert err.startswith("claimcheck: error: ") and err.count("\n") == 1, err


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(FRAGMENT, min_size=1, max_size=6),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp932", "euc_jp", "iso2022_jp"]))
def test_text_is_decoded_exactly_or_refused(parts, encoding):
    text = "".join(parts)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return  # not representable in that encoding: no such file exists
    try:
        decoded, _ = decode(data)
    except DecodeError:
        return  # refused with a reason: allowed (a NUL, or too little Japanese to tell the encoding)
    assert decoded == text


def test_the_long_cases_run():
    """Every long fragment (a 16,500-character cell, a 60,000-character line …) runs or is refused."""
    rng = random.Random(0)
    for k, make in enumerate(H.LONG):
        prose = "\n".join(H.SENTENCES[:5] * 2) + "\n"  # enough kana to be read as a Japanese document
        status, err = H.run_case(FOLDER, k, (prose + make()).encode("utf-8"), rng.choice(H.SUFFIXES), TIMEOUT, False)
        assert status == 0, err
