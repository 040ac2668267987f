"""Every command's --help: a description, its options' defaults, and the environment variables that affect it;
and `make run` taking HOST and PORT."""

import argparse
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from citegraph.cli import main, parser
from citegraph.cli_help import every_setting, variable

ROOT = Path(__file__).parent.parent


def commands(command: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command and subcommand, as the words that name it (`("db", "upgrade")`)."""
    for action in command._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name)
                yield from commands(sub, (*path, name))


def help_of(words: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit:
        main([*words, "--help"])
    assert exit.value.code == 0
    return capsys.readouterr().out


def test_every_command_is_described_and_names_the_database_variables(capsys: pytest.CaptureFixture[str]) -> None:
    found = list(commands(parser()))
    assert ("db", "upgrade") in found and ("token", "create") in found and ("export",) in found
    for words in found:
        text = help_of(words, capsys)
        description = text.split("\n\n")[1]
        assert len(description) > 20 and not description.startswith("options:"), words
        if words not in {("export-schema",), ("propose",)}:
            assert "CITEGRAPH_DATABASE_URL (default: sqlite:///citegraph.db)" in text, words
            assert "CITEGRAPH_DB_CONNECT_TIMEOUT_MS (default: 10000)" in text, words


def test_serve_names_every_setting_it_reads(capsys: pytest.CaptureFixture[str]) -> None:
    text = help_of(("serve",), capsys)
    for setting in every_setting():
        assert variable(setting) in text
    assert "CITEGRAPH_SEED_ON_START (default: true)" in text


@pytest.mark.parametrize(
    ("words", "defaults"),
    [
        (("serve",), ["(default: 127.0.0.1)", "(default: 8000)"]),
        (("export",), ["(default: jsonl)"]),
        (("ingest",), ["(default: cli)"]),
        (("db", "upgrade"), ["(default: head)"]),
    ],
)
def test_options_show_their_defaults(
    words: tuple[str, ...], defaults: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    text = " ".join(help_of(words, capsys).split())
    for default in defaults:
        assert default in text


def test_an_option_without_a_default_shows_none(capsys: pytest.CaptureFixture[str]) -> None:
    assert "(default: None)" not in help_of(("export",), capsys)


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize(
    ("arguments", "serve"),
    [([], "serve --host 127.0.0.1 --port 8000"), (["HOST=0.0.0.0", "PORT=8080"], "serve --host 0.0.0.0 --port 8080")],
)
def test_make_run_serves_on_host_and_port(arguments: list[str], serve: str) -> None:
    command = ["make", "--dry-run", "--always-make", "--no-print-directory", "run", *arguments]
    environment = {
        name: value for name, value in os.environ.items() if name not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")
    }
    planned = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True, env=environment)
    assert planned.stdout.splitlines()[-1].endswith(f"citegraph {serve}")
