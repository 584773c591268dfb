// Composes Apollo Federation v2 subgraphs into a supergraph with a standard composer: Apollo's
// own (@apollo/composition, the default) or The Guild's (@theguild/federation-composition, the
// one Hive uses). Both export the same composeServices([{name, url, typeDefs}]), so everything
// around the call is shared.
//
// Driven by gridkit.testing.federation; usable by hand as well:
//
//   PIONEER_NPM_DIR=.npm node compose.mjs [apollo|guild] < subgraphs.json
//
// PIONEER_NPM_DIR names the npm prefix holding node_modules (or node_modules itself) with the
// chosen composer's package and graphql installed.
//
// stdin:  {"subgraphs": [{"name": "catalog", "url": "http://catalog/graphql", "sdl": "..."}]}
// stdout: {"ok": true, "supergraphSdl": "...", "hints": [message, ...]}
//      or {"ok": false, "errors": [message, ...], "hints": []}
// where a message is {"code", "message", "subgraphs", "locations", "coordinate"}.
//
// Exit status 0 means stdout holds a result (composition may still have failed); any other
// status means the script itself could not run, with the reason on stderr.

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import process from "node:process";

const EXIT_SETUP = 3;

const COMPOSER_PACKAGES = {
  apollo: "@apollo/composition",
  guild: "@theguild/federation-composition",
};

// Only the result may reach stdout: route any library chatter to stderr.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

function die(message, status = EXIT_SETUP) {
  process.stderr.write(`compose.mjs: ${message}\n`);
  process.exit(status);
}

function composerPackage() {
  const choice = process.argv[2] ?? "apollo";
  if (!Object.hasOwn(COMPOSER_PACKAGES, choice)) {
    const known = Object.keys(COMPOSER_PACKAGES).join(", ");
    die(`unknown composer "${choice}"; choose one of ${known}`, 2);
  }
  return COMPOSER_PACKAGES[choice];
}

function nodeModulesDir(packageName) {
  const configured = process.env.PIONEER_NPM_DIR;
  if (!configured) {
    die("PIONEER_NPM_DIR is not set; point it at the npm prefix that holds node_modules");
  }
  const prefix = path.resolve(configured);
  const candidates =
    path.basename(prefix) === "node_modules" ? [prefix] : [path.join(prefix, "node_modules")];
  for (const candidate of candidates) {
    if (existsSync(path.join(candidate, ...packageName.split("/"), "package.json"))) {
      return candidate;
    }
  }
  return die(`no ${packageName} under ${candidates.join(", ")}`);
}

function loadModules(packageName) {
  // Resolve packages as if required from a file sitting next to node_modules, so the composer
  // and this script share one graphql module (its AST checks compare classes).
  const anchor = path.join(path.dirname(nodeModulesDir(packageName)), "compose-anchor.js");
  const require = createRequire(anchor);
  try {
    return { composition: require(packageName), graphql: require("graphql") };
  } catch (error) {
    return die(`cannot load ${packageName}: ${error && error.message ? error.message : error}`);
  }
}

// Read as a stream: a large request arrives in several pipe writes, and reading file
// descriptor 0 at once then fails with EAGAIN on a non-blocking pipe.
async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function readRequest() {
  let request;
  try {
    request = JSON.parse(await readStdin());
  } catch (error) {
    return die(`stdin is not JSON: ${error.message}`, 2);
  }
  if (!request || !Array.isArray(request.subgraphs)) {
    return die('stdin must be an object with a "subgraphs" array', 2);
  }
  for (const subgraph of request.subgraphs) {
    if (!subgraph || typeof subgraph.name !== "string" || typeof subgraph.sdl !== "string") {
      return die('every subgraph needs a string "name" and "sdl"', 2);
    }
  }
  return request;
}

// Every SDL is parsed from a Source named after its subgraph, so an AST node names the subgraph
// it came from even when the composer did not tag it.
const subgraphNames = new Set();

function subgraphOf(node) {
  if (typeof node.subgraph === "string") {
    return node.subgraph;
  }
  const sourceName = node.loc && node.loc.source ? node.loc.source.name : undefined;
  return subgraphNames.has(sourceName) ? sourceName : null;
}

function locationsOf(nodes, graphql, fallbackSubgraph) {
  const locations = [];
  for (const node of nodes) {
    if (!node || !node.loc || !node.loc.source) {
      continue;
    }
    const { line, column } = graphql.getLocation(node.loc.source, node.loc.start);
    locations.push({ subgraph: subgraphOf(node) ?? fallbackSubgraph ?? null, line, column });
  }
  return locations;
}

function subgraphsOf(nodes, fallbackSubgraph) {
  const names = new Set();
  for (const node of nodes) {
    const subgraph = node ? subgraphOf(node) : null;
    if (subgraph) {
      names.add(subgraph);
    }
  }
  if (names.size === 0 && fallbackSubgraph) {
    names.add(fallbackSubgraph);
  }
  return [...names];
}

// A subgraph's own errors start with "[name] "; The Guild's carry no nodes, only that prefix.
function prefixedSubgraph(message) {
  const prefixed = /^\[([^\]]+)\] /.exec(message);
  return prefixed && subgraphNames.has(prefixed[1]) ? prefixed[1] : null;
}

function describeError(error, graphql, fallback = null) {
  const fallbackSubgraph = fallback ?? prefixedSubgraph(String(error.message));
  const nodes = Array.isArray(error.nodes) ? error.nodes : [];
  const code = error.extensions && error.extensions.code ? String(error.extensions.code) : null;
  let locations = locationsOf(nodes, graphql, fallbackSubgraph);
  if (locations.length === 0 && Array.isArray(error.locations)) {
    locations = error.locations.map(({ line, column }) => ({
      subgraph: fallbackSubgraph,
      line,
      column,
    }));
  }
  return {
    code,
    message: String(error.message),
    subgraphs: subgraphsOf(nodes, fallbackSubgraph),
    locations,
    coordinate: typeof error.coordinate === "string" ? error.coordinate : null,
  };
}

function describeHint(hint, graphql) {
  const nodes = Array.isArray(hint.nodes) ? hint.nodes : [];
  return {
    code: hint.definition && hint.definition.code ? String(hint.definition.code) : null,
    message: String(hint.message),
    subgraphs: subgraphsOf(nodes, null),
    locations: locationsOf(nodes, graphql, null),
    coordinate: typeof hint.coordinate === "string" ? hint.coordinate : null,
  };
}

async function main() {
  const packageName = composerPackage();
  const request = await readRequest();
  const { composition, graphql } = loadModules(packageName);

  const services = [];
  const errors = [];
  for (const subgraph of request.subgraphs) {
    subgraphNames.add(subgraph.name);
  }
  for (const subgraph of request.subgraphs) {
    try {
      const source = new graphql.Source(subgraph.sdl, subgraph.name);
      services.push({
        name: subgraph.name,
        url: typeof subgraph.url === "string" ? subgraph.url : undefined,
        typeDefs: graphql.parse(source),
      });
    } catch (error) {
      const described = describeError(error, graphql, subgraph.name);
      described.code = described.code ?? "INVALID_GRAPHQL";
      described.message = `[${subgraph.name}] ${described.message}`;
      errors.push(described);
    }
  }

  let result;
  if (errors.length > 0) {
    result = { ok: false, errors, hints: [] };
  } else {
    const composed = composition.composeServices(services);
    // The Guild's composer gives no hints.
    const hints = (composed.hints ?? []).map((hint) => describeHint(hint, graphql));
    if (composed.errors && composed.errors.length > 0) {
      result = {
        ok: false,
        errors: composed.errors.map((error) => describeError(error, graphql)),
        hints,
      };
    } else {
      result = { ok: true, supergraphSdl: composed.supergraphSdl, hints };
    }
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
