"""How each field is fetched: per-request loaders and the data they return, free of GraphQL types."""
