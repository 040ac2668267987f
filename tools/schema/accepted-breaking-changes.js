// A graphql-inspector diff rule (`--rule`) for `make schema-check`. A breaking change listed in
// schema/releases/accepted-breaking-changes.txt is reported as dangerous instead of failing the check; any other
// names the line that would accept it. A listed change the diff does not have fails the check, so the list stays true.
const fs = require("fs");
const path = require("path");
const { CriticalityLevel } = require("@graphql-inspector/core");

const LIST = path.join(__dirname, "..", "..", "schema", "releases", "accepted-breaking-changes.txt");

// Each line: a change's type and path (`FIELD_REMOVED CitedString.disputed`), then ` -- ` and why; `#` comments.
function acceptedChanges() {
  const lines = fs.readFileSync(LIST, "utf8").split("\n").map((line) => line.trim());
  return new Map(
    lines
      .filter((line) => line && !line.startsWith("#"))
      .map((line) => {
        const [key, why = ""] = line.split(" -- ");
        return [key.trim(), why.trim()];
      }),
  );
}

module.exports = ({ changes }) => {
  const accepted = acceptedChanges();
  const found = new Set();
  const judged = changes.map((change) => {
    if (change.criticality.level !== CriticalityLevel.Breaking) {
      return change;
    }
    const key = `${change.type} ${change.path || ""}`.trim();
    if (!accepted.has(key)) {
      return { ...change, message: `${change.message} (to accept it, list: ${key} -- why)` };
    }
    found.add(key);
    const criticality = { ...change.criticality, level: CriticalityLevel.Dangerous };
    return { ...change, criticality, message: `${change.message} (accepted: ${accepted.get(key)})` };
  });
  const stale = [...accepted.keys()].filter((key) => !found.has(key));
  if (stale.length) {
    throw new Error(`${LIST} lists breaking changes the diff does not have: ${stale.join("; ")}`);
  }
  return judged;
};
