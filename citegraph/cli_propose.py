"""`citegraph propose`: the proposer (`proposals`) on a text file, printed as YAML close to the fact-file format for
an editor to review. It opens no database: known entities come from fact files given with --known."""

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("file", type=Path, metavar="FILE", help="the source text (UTF-8)")
    command.add_argument(
        "--date", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="the source's date (none: its dateline)"
    )
    command.add_argument(
        "--known",
        type=Path,
        nargs="*",
        default=[],
        metavar="FACTFILE",
        help="fact files whose persons, organizations and places mentions are linked to by name or alias",
    )


def _gazetteer(paths: Sequence[Path]) -> list[Any]:
    from proposals.records import EntityType, KnownEntity
    from seeds.format import FactFile
    from seeds.loader import parse_fact_file

    known: list[KnownEntity] = []
    for path in paths:
        facts = parse_fact_file(path)
        if not isinstance(facts, FactFile):
            raise ValueError(f"{path}: not a valid fact file ({len(facts)} problem(s))")
        groups = (
            (facts.persons, EntityType.PERSON),
            (facts.organizations, EntityType.ORGANIZATION),
            (facts.places, EntityType.PLACE),
        )
        for entities, kind in groups:
            for entity in entities:
                names = tuple(c.value for c in [entity.name, *entity.aliases] if c is not None)
                known.append(KnownEntity(entity.id, kind, names))
    return known


def run(args: argparse.Namespace) -> int:
    from proposals import propose
    from proposals.document import as_document

    text = args.file.read_text(encoding="utf-8")
    found = propose(text, args.date, _gazetteer(args.known))
    print(f"# Proposals for {args.file} ({len(found)}): candidates to review, each quote at its offsets in the file.")
    yaml.safe_dump(as_document(found), sys.stdout, allow_unicode=True, sort_keys=False, width=120)
    return 0
