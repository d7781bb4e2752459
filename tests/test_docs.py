"""The README cannot drift: every command it shows with its output is run here, as printed, and must
print what the README says; and every option of every command has help text.

A README block fenced as ``console`` is a session: lines starting ``$ `` are commands, run in order
by bash in a scratch copy of the clone (``examples/``, ``tests/`` and ``../shared`` beside it), and
the lines after each are its output, standard error and standard output together.  A line ``…``
stands for any number of lines.  ``.venv/bin/claimcheck`` runs this Python's claimcheck.

After a deliberate change of output, rewrite the README's sessions from what the commands print:

    CLAIMCHECK_UPDATE_README=1 .venv/bin/python -m pytest tests/test_docs.py
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from _runs import ROOT, SHARED

README = ROOT / "README.md"
SESSION = re.compile(r"^```console\n(.*?)^```\n", re.M | re.S)
ELLIPSIS = "…"
UPDATE = bool(os.environ.get("CLAIMCHECK_UPDATE_README"))


def sessions(text: str) -> list[tuple[int, int, list[tuple[str, list[str]]]]]:
    """(start, end, [(command, expected output lines)]) for every console block of the README."""
    out = []
    for m in SESSION.finditer(text):
        steps: list[tuple[str, list[str]]] = []
        for line in m.group(1).splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif steps:
                steps[-1][1].append(line)
        out.append((m.start(1), m.end(1), steps))
    return out


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line, where a line ``…`` in ``expected`` matches any run of lines."""
    if not expected:
        return not actual
    if expected[0] == ELLIPSIS:
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def keep_elisions(expected: list[str], actual: list[str]) -> list[str]:
    """For an update: the actual output, but where the README elided a run of lines, keep it elided."""
    if ELLIPSIS not in expected:
        return actual
    k = expected.index(ELLIPSIS)
    head, tail = k, len(expected) - k - 1
    if head + tail >= len(actual):
        return actual
    return actual[:head] + [ELLIPSIS] + actual[len(actual) - tail:]


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A scratch copy of the clone as a new user has it, with ``../shared`` beside it."""
    if not SHARED.is_dir():
        pytest.skip(f"needs {SHARED} beside the clone")
    top = tmp_path_factory.mktemp("readme")
    work = top / "claimcheck"
    work.mkdir()
    for name in ("examples", "tests", "bench", "pyproject.toml", "README.md"):
        (work / name).symlink_to(ROOT / name)
    (top / "shared").symlink_to(SHARED)
    venv_bin = work / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    script = venv_bin / "claimcheck"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m checker "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    (venv_bin / "python").symlink_to(sys.executable)
    return work


def run_session(steps, cwd: Path) -> list[list[str]]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT), COLUMNS="100")
    env.pop("CLAIMCHECK_DEBUG", None)
    outputs, status = [], 0
    for command, _ in steps:
        # `$?` in a later command is the status of the one before, as in an interactive shell
        r = subprocess.run(["bash", "-c", f"(exit {status}); {command}"], cwd=cwd, env=env, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=900)
        status = r.returncode
        outputs.append([line.rstrip() for line in r.stdout.splitlines()])
    return outputs


def test_readme_has_sessions():
    found = sessions(README.read_text(encoding="utf-8"))
    commands = [c for _, _, steps in found for c, _ in steps]
    assert len(found) >= 3, "the README should show its commands with their output"
    assert any(c.startswith(".venv/bin/claimcheck report examples/") for c in commands)
    assert any(c.startswith(".venv/bin/claimcheck check ") for c in commands)


@pytest.mark.slow
def test_readme_sessions_print_what_the_readme_says(clone):
    text = README.read_text(encoding="utf-8")
    failures, edits = [], []
    for start, end, steps in sessions(text):
        got = run_session(steps, clone)
        block = []
        for (command, expected), actual in zip(steps, got):
            if not matches(expected, actual):
                failures.append(f"$ {command}\n--- README\n" + "\n".join(expected) + "\n--- printed\n"
                                + "\n".join(actual))
            block += [f"$ {command}", *keep_elisions(expected, actual)]
        edits.append((start, end, "\n".join(block) + "\n"))
    if UPDATE and failures:
        for start, end, new in reversed(edits):
            text = text[:start] + new + text[end:]
        README.write_text(text, encoding="utf-8")
        return
    assert not failures, ("README output has drifted (CLAIMCHECK_UPDATE_README=1 rewrites it):\n\n"
                          + "\n\n".join(failures))


def test_readme_says_how_to_run_claimcheck_after_set_up():
    text = README.read_text(encoding="utf-8")
    setup = text[text.index("## Set up"): text.index("## What it does")]
    assert ".venv/bin/claimcheck" in setup and "activate" in setup


def _actions(parser: argparse.ArgumentParser, path: str = "claimcheck"):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _actions(sub, f"{path} {name}")
        else:
            yield path, action


def test_every_option_and_argument_has_help_text():
    from checker.cli import HANDLERS
    from checker.cli_parser import build_parser

    missing = [f"{path}: {'/'.join(a.option_strings) or a.dest}" for path, a in _actions(build_parser(HANDLERS))
               if not (a.help and a.help.strip()) or a.help == argparse.SUPPRESS]
    assert missing == []
