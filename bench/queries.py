"""The benchmark's GraphQL queries, exactly as clients send them."""

CITATION_FRAGMENT = "fragment C on Citation { id quote start end kind source { id title } }"

HEAVY = (
    """
query Heavy($first: Int!) {
  events(first: $first) {
    edges {
      node {
        id
        title { value citations { ...C } }
        date { value end precision citations { ...C } }
        casualties {
          citations { ...C }
          value {
            id
            description { value citations { ...C } }
            outcome { value citations { ...C } }
            count { low high wording citations { ...C } }
          }
        }
      }
    }
  }
}
"""
    + CITATION_FRAGMENT
    + "\n"
)

LIGHT = (
    "query Light($id: ID!) { node(id: $id) { ... on Event { id title { value citations { ...C } } "
    "kind { value citations { ...C } } date { value precision citations { ...C } } "
    "description { value citations { ...C } } } } } " + CITATION_FRAGMENT
)

# The same two queries for PostGraphile 4 over the same tables (bench/postgraphile.py): its own field names and
# shapes (connections' `nodes`, row ids, the columns of a cited field side by side with its citations, which
# the computed columns of bench/postgraphile/citations.sql provide); the same data, as bench/normalise.py checks.
POSTGRAPHILE_CITATION_FRAGMENT = (
    "fragment C on Citation { id quote startOffset endOffset kind sourceBySourceId { id title } }"
)

POSTGRAPHILE_HEAVY = (
    """
query Heavy($first: Int!) {
  allEvents(first: $first, orderBy: [DATE_START_ASC, ID_ASC]) {
    nodes {
      id
      title titleCitations { nodes { ...C } }
      dateStart dateEnd datePrecision dateCitations { nodes { ...C } }
      casualtiesByEventId(orderBy: ID_ASC) {
        nodes {
          eventCitations { nodes { ...C } }
          id
          description descriptionCitations { nodes { ...C } }
          outcome outcomeCitations { nodes { ...C } }
          countLow countHigh countWording countCitations { nodes { ...C } }
        }
      }
    }
  }
}
"""
    + POSTGRAPHILE_CITATION_FRAGMENT
    + "\n"
)

POSTGRAPHILE_LIGHT = (
    "query Light($id: String!) { eventById(id: $id) { id title titleCitations { nodes { ...C } } "
    "kind kindCitations { nodes { ...C } } dateStart datePrecision dateCitations { nodes { ...C } } "
    "description descriptionCitations { nodes { ...C } } } } " + POSTGRAPHILE_CITATION_FRAGMENT
)
