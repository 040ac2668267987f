"""Exports write the API's global ids: their type names are those of `schema.registry`."""

from exports.ids import TYPE_NAMES
from schema.registry import BY_TABLE


def test_every_node_table_is_exported_under_its_graphql_type_name() -> None:
    for table, node in BY_TABLE.items():
        assert TYPE_NAMES[table] == node.__name__
