"""citegraph: a structured fact database for news reporting with citations on every field."""
