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
