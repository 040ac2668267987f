// The public GraphQL API at /graphql, and what the schema holds (introspection), which builds the page's selections.

export class GraphQLError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join("; "));
    this.errors = errors;
  }
}

export async function gql(query, variables = {}, token = null) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch("graphql", { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors && body.errors.length) throw new GraphQLError(body.errors);
  return body.data;
}

const TYPE_REF = "kind name ofType { kind name ofType { kind name ofType { kind name } } }";
const INTROSPECTION = `{ __schema { queryType { name } mutationType { name } types {
  name kind possibleTypes { name } interfaces { name }
  fields { name args { name defaultValue type { kind } } type { ${TYPE_REF} } } } } }`;

let schema = null;

export async function loadSchema() {
  if (!schema) {
    const data = await gql(INTROSPECTION);
    const types = Object.fromEntries(data.__schema.types.map((t) => [t.name, t]));
    schema = { types, query: types[data.__schema.queryType.name], mutation: types[data.__schema.mutationType?.name] };
  }
  return schema;
}

export function named(typeRef) {
  let t = typeRef;
  while (t.ofType) t = t.ofType;
  return t.name;
}

export function hasField(type, name) {
  return Boolean(type && (type.fields || []).some((f) => f.name === name));
}

export function field(type, name) {
  return (type?.fields || []).find((f) => f.name === name);
}

export function isCited(type) {
  return Boolean(type && (type.interfaces || []).some((i) => i.name === "Evidenced"));
}
