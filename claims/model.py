"""Loading GiNZA for the checker: only the components it reads, matrix products through numpy's BLAS.

The checker reads each token's text, lemma, tags, dependency label and head.  The tokenizer gives
text, lemma and the SudachiPy tag; ``tok2vec`` feeds the ``parser`` (labels, heads) and the
``morphologizer`` (the part of speech, which it overwrites).  Left out: ``ner`` (two thirds of the
default pipeline's time), ``compound_splitter`` (it does nothing in GiNZA's default split mode, and
the tokenizer no longer prepares the sub-token splits it would read) and ``bunsetu_recognizer``: it finds phrase and clause spans the checker never reads (a tenth of the
parse), and on the tokens it only turns the parser's labels into the UD ones (``nmod_bunsetu`` ->
``nmod``), which :func:`ud_label` does.

thinc runs the tok2vec's and the morphologizer's matrix products through blis.  On the CPUs of this
project's machines (AVX-512) numpy's OpenBLAS does the same products in a third of the time, so
:func:`load` routes thinc's ``gemm`` through ``numpy.matmul``: a parse costs less than half as
much.  The labels and heads were the same on every sentence of the test and benchmark corpora (a
float rounding could in principle move a close decision, as a change of CPU can with blis; the
parse cache keys on the model's version, and ``CLAIMCHECK_BLIS=1`` keeps thinc's own products).
OpenBLAS runs on one thread: the parse workers are one per core already.

Each layer's output is a fresh array of a few megabytes.  glibc would map and unmap each from the
system (a tenth of the parse went to zeroing new pages), so a process that loads the model asks
glibc to serve blocks under 256 MB from its heap and keep up to 512 MB freed (a few dozen MB more
resident at most).
"""
from __future__ import annotations

import os
import sys

MODEL = "ja_ginza"
DISABLED = ("ner", "compound_splitter", "bunsetu_recognizer")
BUNSETU_SUFFIX = "_bunsetu"  # GiNZA's parser marks a phrase's head so; bunsetu_recognizer drops it
_LOADED: dict[str, object] = {}  # the loaded model, shared by every Parser of the process (and forked workers)


def load(name: str = MODEL):
    """The model, loaded once per process (a forked worker inherits its parent's)."""
    if name not in _LOADED:
        _reuse_freed_memory()
        if "numpy" not in sys.modules:
            os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # read when numpy loads its BLAS
        import spacy

        try:
            nlp = spacy.load(name, exclude=list(DISABLED))
        except OSError as exc:  # model package missing
            raise RuntimeError(f"the parser model {name!r} is not installed: pip install ja-ginza") from exc
        if hasattr(nlp.tokenizer, "need_subtokens"):
            # the A and B splits of every token are for compound_splitter, which is left out
            nlp.tokenizer.need_subtokens = False
        if not os.environ.get("CLAIMCHECK_BLIS"):
            use_numpy_gemm(nlp)
        _LOADED[name] = nlp
    return _LOADED[name]


def _reuse_freed_memory() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-1, 512 << 20)  # M_TRIM_THRESHOLD: keep freed heap memory up to this
        libc.mallopt(-3, 256 << 20)  # M_MMAP_THRESHOLD: blocks under this come from the heap
    except (OSError, AttributeError):
        pass  # not glibc: its own allocator


def ud_label(dep: str) -> str:
    """The token's UD label, as GiNZA's bunsetu_recognizer leaves it (remain_bunsetu_suffix=False)."""
    return dep[:-len(BUNSETU_SUFFIX)] if dep.endswith(BUNSETU_SUFFIX) else dep


def loaded(name: str = MODEL) -> bool:
    return name in _LOADED


def use_numpy_gemm(nlp) -> None:
    """Every thinc layer of the pipeline computes its matrix products with ``numpy.matmul``."""
    ops = _numpy_gemm_ops()
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


def _numpy_gemm_ops():
    import numpy
    from thinc.api import NumpyOps

    class NumpyGemmOps(NumpyOps):
        name = "numpy"

        def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
            a = x.T if trans1 else x
            b = y.T if trans2 else y
            if out is None:
                return numpy.matmul(a, b)
            numpy.matmul(a, b, out=out)
            return out

    return NumpyGemmOps()
