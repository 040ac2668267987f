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


def as_document(proposals: Sequence[Any]) -> dict[str, list[dict[str, Any]]]:
    """The proposals grouped as a fact file groups facts, each with its quote, offsets and confidence."""
    from proposals.records import (
        Attribution,
        ChargeProposal,
        CountProposal,
        DateProposal,
        EntityMention,
        EntityType,
        PleaProposal,
    )

    groups: dict[str, list[dict[str, Any]]] = {
        "persons": [],
        "organizations": [],
        "places": [],
        "counts": [],
        "dates": [],
        "attributions": [],
        "charges": [],
        "pleas": [],
    }
    entity_groups = {EntityType.PERSON: "persons", EntityType.ORGANIZATION: "organizations", EntityType.PLACE: "places"}

    def at(p: Any) -> dict[str, Any]:
        return {"start": p.start, "end": p.end, "confidence": p.confidence}

    for p in proposals:
        if isinstance(p, EntityMention):
            groups[entity_groups[p.type]].append({"name": p.text, "id": p.entity_id, **at(p)})
        elif isinstance(p, CountProposal):
            count = {"low": p.low, "high": p.high, "wording": p.wording.value, "cite": p.text}
            hints = {"counted": p.counted, "outcome": p.outcome.value if p.outcome else None}
            groups["counts"].append({**count, **hints, **at(p)})
        elif isinstance(p, DateProposal):
            cite: dict[str, str] = {"quote": p.text, **({"inferred": p.note} if p.note else {})}
            groups["dates"].append({"value": p.value, "precision": p.precision.value, "cite": cite, **at(p)})
        elif isinstance(p, Attribution):
            said = {"quote": p.text, "by": p.speaker.text, **({"via": p.via.text} if p.via else {})}
            groups["attributions"].append({"cue": p.cue, "cite": said, **at(p)})
        elif isinstance(p, ChargeProposal):
            groups["charges"].append({"offence": p.offence, "counts": p.counts, "cite": p.text, **at(p)})
        elif isinstance(p, PleaProposal):
            plea = {"plea": p.plea.value, "defendants": list(p.defendants), "cite": p.text}
            groups["pleas"].append({**plea, **at(p)})
    return {name: items for name, items in groups.items() if items}


def run(args: argparse.Namespace) -> int:
    from proposals import propose

    text = args.file.read_text(encoding="utf-8")
    found = propose(text, args.date, _gazetteer(args.known))
    print(f"# Proposals for {args.file} ({len(found)}): candidates to review, each quote at its offsets in the file.")
    yaml.safe_dump(as_document(found), sys.stdout, allow_unicode=True, sort_keys=False, width=120)
    return 0
