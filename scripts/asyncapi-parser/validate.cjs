// Validate an AsyncAPI document with the official parser (@asyncapi/parser, pinned in
// package.json next to this file). Usage: node validate.cjs <node_modules> <document>
// Prints one JSON line: the parser's version, every diagnostic, and the counts per
// severity. Exit 1 when there is an error or a warning (severities 0 and 1), or the
// parser returned no document; information and hints (2, 3) are reported, not fatal.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { createRequire } = require("node:module");

const SEVERITY = ["error", "warning", "information", "hint"];

async function main(modules, documentPath) {
  const load = createRequire(path.join(path.resolve(modules), "noop.js"));
  const { Parser } = load("@asyncapi/parser");
  const manifest = path.join(modules, "@asyncapi", "parser", "package.json");
  const version = JSON.parse(fs.readFileSync(manifest, "utf8")).version;
  const text = fs.readFileSync(documentPath, "utf8");
  const { document, diagnostics } = await new Parser().parse(text, { source: path.resolve(documentPath) });
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  const found = diagnostics.map((d) => {
    const severity = SEVERITY[d.severity] ?? String(d.severity);
    counts[severity] = (counts[severity] ?? 0) + 1;
    return { severity, code: d.code, message: d.message, path: (d.path ?? []).join("/") };
  });
  const parsed = document !== undefined;
  console.log(JSON.stringify({ parser: version, parsed, counts, diagnostics: found }));
  return parsed && counts.error === 0 && counts.warning === 0 ? 0 : 1;
}

main(process.argv[2], process.argv[3]).then(
  (code) => process.exit(code),
  (error) => { console.error(String(error && error.stack || error)); process.exit(2); },
);
