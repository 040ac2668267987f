"""Closed vocabularies stored in the tables; the GraphQL enums are these same classes. The open vocabularies
(kinds of events, organizations and places; casualty categories) are data: `db.terms`."""

from enum import StrEnum


class SourceKind(StrEnum):
    NEWS_ARTICLE = "NEWS_ARTICLE"
    WIRE_REPORT = "WIRE_REPORT"
    GOVERNMENT_STATEMENT = "GOVERNMENT_STATEMENT"
    COURT_RECORD = "COURT_RECORD"
    PRESS_RELEASE = "PRESS_RELEASE"
    SOCIAL_MEDIA_POST = "SOCIAL_MEDIA_POST"
    OTHER = "OTHER"


class CitationKind(StrEnum):
    QUOTED = "QUOTED"
    INFERRED = "INFERRED"


class DatePrecision(StrEnum):
    DAY = "DAY"
    MONTH = "MONTH"
    YEAR = "YEAR"


class MembershipStatus(StrEnum):
    CURRENT = "CURRENT"
    FORMER = "FORMER"


class PersonRelationKind(StrEnum):
    SPOUSE = "SPOUSE"
    RELATIVE = "RELATIVE"
    ASSOCIATE = "ASSOCIATE"


class OrganizationRelationKind(StrEnum):
    CONTROLS = "CONTROLS"
    ALLIED_WITH = "ALLIED_WITH"


class CasualtyOutcome(StrEnum):
    KILLED = "KILLED"
    INJURED = "INJURED"
    MISSING = "MISSING"
    DETAINED = "DETAINED"
    RELEASED = "RELEASED"


class CountWording(StrEnum):
    """How the source worded a count; UNKNOWN means the source says the count is not known or not given."""

    EXACTLY = "EXACTLY"
    AT_LEAST = "AT_LEAST"
    AT_MOST = "AT_MOST"
    ABOUT = "ABOUT"
    BETWEEN = "BETWEEN"
    MOST = "MOST"
    MANY = "MANY"
    UNKNOWN = "UNKNOWN"


class Plea(StrEnum):
    GUILTY = "GUILTY"
    NOT_GUILTY = "NOT_GUILTY"
    NO_CONTEST = "NO_CONTEST"
    NONE_ENTERED = "NONE_ENTERED"


class HearingStatus(StrEnum):
    SCHEDULED = "SCHEDULED"
    HELD = "HELD"
    POSTPONED = "POSTPONED"
    CANCELLED = "CANCELLED"


class CustodyStatus(StrEnum):
    """Where a defendant (or a suspect) stands: held, released on terms, released free, or not found."""

    IN_CUSTODY = "IN_CUSTODY"
    REMANDED_IN_CUSTODY = "REMANDED_IN_CUSTODY"
    RELEASED_ON_BAIL = "RELEASED_ON_BAIL"
    RELEASED_UNDER_INVESTIGATION = "RELEASED_UNDER_INVESTIGATION"
    RELEASED_WITHOUT_CHARGE = "RELEASED_WITHOUT_CHARGE"
    RELEASED = "RELEASED"
    SERVING_SENTENCE = "SERVING_SENTENCE"
    AT_LARGE = "AT_LARGE"


class TimePrecision(StrEnum):
    """How exactly a source gives a time of day."""

    MINUTE = "MINUTE"
    HOUR = "HOUR"
    APPROXIMATE = "APPROXIMATE"


class Role(StrEnum):
    """What an API token may do: editors write facts; admins also retract sources and manage tokens."""

    EDITOR = "EDITOR"
    ADMIN = "ADMIN"


class ChangeKind(StrEnum):
    ADDED = "ADDED"
    RETRACTED = "RETRACTED"
    RANKED = "RANKED"
    CORRECTED = "CORRECTED"
    FILLED = "FILLED"
    JUDGED = "JUDGED"
    DECIDED = "DECIDED"


class Rank(StrEnum):
    """How much a value is to be trusted among rival values of one fact (Wikidata's ranks)."""

    PREFERRED = "PREFERRED"
    NORMAL = "NORMAL"
    DEPRECATED = "DEPRECATED"


class ValueStatus(StrEnum):
    """A stored value other than the one a row holds: a rival still standing, one a correction (or a rank
    swap) closed, or a rival that was ranked preferred and became the row's value (kept for `asOf` reads)."""

    ALTERNATIVE = "ALTERNATIVE"
    SUPERSEDED = "SUPERSEDED"
    PROMOTED = "PROMOTED"


class Verdict(StrEnum):
    """An editor's judgement of whether two records (persons, organizations or places) stand for one."""

    SAME = "SAME"
    NOT_SAME = "NOT_SAME"
    UNSURE = "UNSURE"


class Vocabulary(StrEnum):
    """An open vocabulary: its terms are rows of `term` (`db.terms`), which admins extend through the API."""

    EVENT_KIND = "EVENT_KIND"
    ORGANIZATION_KIND = "ORGANIZATION_KIND"
    CASUALTY_CATEGORY = "CASUALTY_CATEGORY"
    PLACE_KIND = "PLACE_KIND"


class ProposalKind(StrEnum):
    """What the proposer found: an entity mention, an event, a count, a date, an attribution, a charge or a plea."""

    ENTITY = "ENTITY"
    EVENT = "EVENT"
    COUNT = "COUNT"
    DATE = "DATE"
    ATTRIBUTION = "ATTRIBUTION"
    CHARGE = "CHARGE"
    PLEA = "PLEA"


class ProposalStatus(StrEnum):
    PROPOSED = "PROPOSED"
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"
