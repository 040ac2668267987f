"""The stored vocabularies, registered as GraphQL enums (the same classes the tables use)."""

from enum import StrEnum

import strawberry
from strawberry.types.enum import has_enum_definition

from db.enums import (
    CasualtyOutcome,
    ChangeKind,
    CitationKind,
    CountWording,
    CustodyStatus,
    DatePrecision,
    HearingStatus,
    MembershipStatus,
    OrganizationRelationKind,
    PersonRelationKind,
    Plea,
    ProposalKind,
    ProposalStatus,
    Rank,
    SourceKind,
    TimePrecision,
    Verdict,
)

DESCRIPTIONS = {
    SourceKind: "What kind of document a source is (it sets the CSL `type` of its citations).",
    CitationKind: "How a quote supports its value: it states it, or the value is inferred from it.",
    DatePrecision: "How much of a date the sources establish.",
    MembershipStatus: "Whether the post was still held when the source was written.",
    PersonRelationKind: "How two persons are related.",
    OrganizationRelationKind: "How one organization relates to another.",
    CasualtyOutcome: "What happened to the people counted.",
    CountWording: "How the source worded the count, and so how to read `low` and `high`.",
    Plea: "A defendant's plea.",
    HearingStatus: "Whether a hearing is still to come, took place, was put off or called off.",
    CustodyStatus: "Where a defendant stands: held, released (on terms or free), or not found.",
    TimePrecision: "How exactly the source gives a time of day.",
    Rank: "How much a value is trusted among rival values of one fact (Wikidata's ranks).",
    ChangeKind: "What a change in the feed did.",
    ProposalKind: "What kind of candidate fact a proposal is.",
    ProposalStatus: "Where a proposal stands in review.",
    Verdict: "An editor's judgement of whether two records stand for one person, organization or place.",
}

VALUES: dict[type[StrEnum], dict[str, str]] = {
    SourceKind: {
        "NEWS_ARTICLE": "An article a news outlet published (CSL `article-newspaper`).",
        "WIRE_REPORT": "A news agency's dispatch, such as AFP's or Reuters' (CSL `article-newspaper`).",
        "GOVERNMENT_STATEMENT": "A statement a government or one of its bodies issued (CSL `document`).",
        "COURT_RECORD": "A court's document: an indictment, a filing, a transcript, a ruling (CSL `legal_case`).",
        "PRESS_RELEASE": "A release an organization issued to the press (CSL `document`).",
        "SOCIAL_MEDIA_POST": "A post on a social network (CSL `post`).",
        "OTHER": "Any other document (CSL `document`).",
    },
    CitationKind: {
        "QUOTED": "The quote states the value itself.",
        "INFERRED": 'The value follows from the quote by reasoning given in `note` (the year 2026 from "Tuesday, '
        'January 6").',
    },
    DatePrecision: {
        "DAY": "The day is known: `value` (and `end`) are exact dates.",
        "MONTH": "Only the year and month are known: read only those parts of `value` and `end`.",
        "YEAR": "Only the year is known: read only the year of `value` and `end`.",
    },
    MembershipStatus: {
        "CURRENT": "The person held the post when the source was written.",
        "FORMER": 'The person had left the post by the time of the source ("former President").',
    },
    PersonRelationKind: {
        "SPOUSE": "The two are married (either way round: `person`'s wife or husband is `relatedPerson`).",
        "RELATIVE": "The two are family other than spouses: a parent, child, sibling, cousin.",
        "ASSOCIATE": "The two are known to work or act together, without being family.",
    },
    OrganizationRelationKind: {
        "CONTROLS": '`subject` commands or controls `object` ("hardline elements, who control the security forces").',
        "ALLIED_WITH": "`subject` acts together with `object`, neither controlling the other.",
    },
    CasualtyOutcome: {
        "KILLED": "Dead: killed, or died of their wounds.",
        "INJURED": "Wounded or hurt, and alive when reported.",
        "MISSING": "Whereabouts unknown when reported.",
        "DETAINED": "Held by force or by authorities: captured, arrested, detained.",
        "RELEASED": "Set free after being held; the same people may also be counted as DETAINED.",
    },
    CountWording: {
        "EXACTLY": 'An exact figure ("23 of its service members"): `low` equals `high`.',
        "AT_LEAST": 'A floor ("at least 55"): `low` is the floor, `high` is null.',
        "AT_MOST": 'A ceiling ("up to 30"): `high` is the ceiling; `low` is null unless the source also gives a floor.',
        "ABOUT": 'An approximate figure ("about 100"): `low` and `high` give the range it is read as, both '
        "approximate.",
        "BETWEEN": 'A range the source states ("between 30 and 40"): `low` and `high` are its ends, `low` below '
        "`high`; the count is read as any figure from `low` to `high`.",
        "MOST": 'More than half of a known whole ("14 journalists, most of whom ..."): `low` is just over half '
        "of it and `high` the whole (8 and 14).",
        "MANY": '"Many", with no figure ("many of the Cuban casualties"): no bounds; totals list the figure as '
        "`uncounted`.",
        "UNKNOWN": 'The source says the count is not known or not given ("has not yet provided an official '
        'count"): no bounds; totals list the figure as `uncounted`.',
    },
    Plea: {
        "GUILTY": "The defendant admits the charge.",
        "NOT_GUILTY": "The defendant denies the charge.",
        "NO_CONTEST": "The defendant accepts conviction without admitting guilt (nolo contendere).",
        "NONE_ENTERED": 'The defendant entered no plea at the hearing ("no plea was entered", "did not enter a '
        'plea"); a plea may follow at a later hearing.',
    },
    HearingStatus: {
        "SCHEDULED": 'Set for a date still to come when the source was written ("is due to appear again on ...").',
        "HELD": "It took place.",
        "POSTPONED": "Put off to a later date (the new date, where given, is another hearing or a correction).",
        "CANCELLED": "Called off, with no new date.",
    },
    CustodyStatus: {
        "IN_CUSTODY": "Held by the police or another authority (arrested, detained), before any court ruled on it.",
        "REMANDED_IN_CUSTODY": "Held on a court's order until a later hearing or the trial.",
        "RELEASED_ON_BAIL": "Released by a court on bail or conditions until a later hearing or the trial.",
        "RELEASED_UNDER_INVESTIGATION": "Released by the police without charge while the investigation goes on.",
        "RELEASED_WITHOUT_CHARGE": "Released with no charge and no further action announced.",
        "RELEASED": "Free after the case ended: acquitted, charges dropped, or the sentence served.",
        "SERVING_SENTENCE": "Held after a conviction, serving a sentence.",
        "AT_LARGE": "Wanted but not found: neither arrested nor in court.",
    },
    TimePrecision: {
        "MINUTE": 'The source gives the minute ("at 10.14 p.m."): `value` is exact to the minute.',
        "HOUR": 'The source gives the hour only ("at 10 p.m."): `value` is on the hour.',
        "APPROXIMATE": 'The source gives an approximate time ("shortly after 10 p.m.", "around 3 a.m."): `value` is '
        "the time named, and the event may have been some minutes before or after it.",
    },
    Rank: {
        "PREFERRED": "Preferred by the desk: ranking an alternative PREFERRED (`rankValue`) makes it the value reads "
        "return, and the value it replaces an alternative.",
        "NORMAL": "A standing rival, neither preferred nor set aside; new alternatives start here.",
        "DEPRECATED": "Judged wrong: kept with its citations, listed after the others.",
    },
    ChangeKind: {
        "ADDED": "A row was written: a source, a fact, a citation or the link between them.",
        "RETRACTED": "A source was withdrawn (see `Source.withdrawal`): what only withdrawn sources support is now "
        "`unsupported`.",
        "RANKED": "A rival value was ranked by `rankValue`, or made the value reads return.",
        "CORRECTED": "A correction replaced a value of the object; the old one is in its `history`.",
        "FILLED": "A write gave a value to a field of the object that had none; its `history` shows the field "
        "empty until then (`empty: true`).",
        "JUDGED": "An editor judged whether two records are one (`judge`), or retracted a judgement; the entry's "
        "node is the `Judgement`.",
        "DECIDED": "An editor accepted (`acceptProposal`) or rejected (`rejectProposal`) a proposal; the entry's node "
        "is the `Proposal`, and the facts an accepting wrote have entries of their own.",
    },
    ProposalKind: {
        "ENTITY": "A person, organization or place named in the text: a new one, or a stored one (by name or alias).",
        "EVENT": (
            "An event a sentence reports, of the EVENT_KIND term its trigger word names, with the sentence's persons "
            "and organizations as participants, its place, date and casualty counts."
        ),
        "COUNT": "A number of people or things, as worded (bounds, wording, an outcome hint).",
        "DATE": "A date the text gives, or one inferred from the source's date (the citation's note says how).",
        "ATTRIBUTION": "Who said what: a statement, its speaker, and whom it reached the source through.",
        "CHARGE": "An offence charged, with its number of counts.",
        "PLEA": "A plea entered, with the defendants named before it.",
    },
    ProposalStatus: {
        "PROPOSED": "Waiting for an editor.",
        "ACCEPTED": "An editor accepted it: its facts (or the editor's edit of them) were ingested.",
        "REJECTED": "An editor rejected it: it is never proposed again.",
    },
    Verdict: {
        "SAME": "The two records stand for one: they are merged, and the older record's id is the canonical one.",
        "NOT_SAME": "The two records stand for two: never merged, and no longer proposed as `candidates`.",
        "UNSURE": "Looked at without a decision: the records stay apart and may be proposed again.",
    },
}
"""What each value means for the data, by enum and value name (the tables' enums hold no GraphQL)."""


def register(enum: type[StrEnum], description: str) -> None:
    """Make `enum` a GraphQL enum, each of its values described by `VALUES`."""
    values = VALUES[enum]
    strawberry.enum(enum, description=description)
    if has_enum_definition(enum):
        for value in enum.__strawberry_definition__.values:
            value.description = values[value.name]


for _enum, _description in DESCRIPTIONS.items():
    register(_enum, _description)

__all__ = [
    "CasualtyOutcome",
    "ChangeKind",
    "CitationKind",
    "CountWording",
    "CustodyStatus",
    "DatePrecision",
    "HearingStatus",
    "MembershipStatus",
    "OrganizationRelationKind",
    "PersonRelationKind",
    "Plea",
    "ProposalKind",
    "ProposalStatus",
    "Rank",
    "SourceKind",
    "TimePrecision",
    "Verdict",
]
