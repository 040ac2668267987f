// graphql-schema-linter's configuration, for `make schema-check` (found by `--config-directory tools/schema`).
// Every rule of the pinned version is on except the four sorting rules: the SDL lists fields in the order the code
// declares them (Strawberry prints declaration order, inherited fields first), which groups them by meaning; sorting
// would fight the generator and tell clients nothing. No rule needs an exception (`ignore`) today: add one as
// narrowly as it goes (a type or field path), with the reason beside it.
module.exports = {
  schemaPaths: ["../../schema/schema.graphql"],
  rules: [
    "arguments-have-descriptions",
    "defined-types-are-used",
    "deprecations-have-a-reason",
    "descriptions-are-capitalized",
    "enum-values-all-caps",
    "enum-values-have-descriptions",
    "fields-are-camel-cased",
    "fields-have-descriptions",
    "input-object-values-are-camel-cased",
    "input-object-values-have-descriptions",
    "relay-connection-arguments-spec",
    "relay-connection-types-spec",
    "relay-page-info-spec",
    "types-are-capitalized",
    "types-have-descriptions",
    // off: enum-values-sorted-alphabetically, input-object-fields-sorted-alphabetically,
    // interface-fields-sorted-alphabetically, type-fields-sorted-alphabetically (see above)
  ],
};
