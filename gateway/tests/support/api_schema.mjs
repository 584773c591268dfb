// Apollo's view of a supergraph, for comparison with the gateway's own.
//
// Reads one JSON object on stdin:
//   {"supergraphSdl": "...",
//    "operations": [{"query": "...", "variables": {...}, "operationName": null, "validate": true}]}
// where an operation without "query" is graphql-js's getIntrospectionQuery(introspectionOptions),
// and writes one JSON object on stdout:
//   {"ok": true, "apiSchema": "<printSchema(lexicographicSortSchema(api))>",
//    "apiSchemaInOrder": "<printSchema(api)>",
//    "results": [{"query": "<the query run>", "result": <execution result>}, ...]}
// or {"ok": false, "error": "..."} when Apollo rejects the supergraph.
//
// The API schema is built the way @apollo/gateway builds it: `Supergraph.build(sdl)`, then
// `apiSchema().toGraphQLJSSchema()` (no @defer), and operations run with graphql-js against it,
// as the gateway does for introspection. PIONEER_NPM_DIR names the npm prefix holding
// @apollo/federation-internals and graphql. Exit status: 0 answered, 2 bad input, 3 setup problem.

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import process from "node:process";

// Only the result may reach stdout.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

function die(message, status = 3) {
  process.stderr.write(`api_schema.mjs: ${message}\n`);
  process.exit(status);
}

function loadModules() {
  const configured = process.env.PIONEER_NPM_DIR;
  if (!configured) {
    die("PIONEER_NPM_DIR is not set; point it at the npm prefix that holds node_modules");
  }
  const prefix = path.resolve(configured);
  const nodeModules =
    path.basename(prefix) === "node_modules" ? prefix : path.join(prefix, "node_modules");
  if (!existsSync(path.join(nodeModules, "@apollo", "federation-internals", "package.json"))) {
    die(`no @apollo/federation-internals under ${nodeModules}`);
  }
  // Resolve as if required from a file next to node_modules, so both share one graphql copy.
  const require = createRequire(path.join(path.dirname(nodeModules), "api-schema-anchor.js"));
  return { internals: require("@apollo/federation-internals"), graphql: require("graphql") };
}

async function readStdin() {
  // Read as a stream: a synchronous read of a non-blocking pipe can fail with EAGAIN.
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function main() {
  let request;
  try {
    request = JSON.parse(await readStdin());
  } catch (error) {
    return die(`stdin is not JSON: ${error.message}`, 2);
  }
  if (!request || typeof request.supergraphSdl !== "string") {
    return die('stdin must be an object with a string "supergraphSdl"', 2);
  }
  const { internals, graphql } = loadModules();

  let api;
  try {
    api = internals.Supergraph.build(request.supergraphSdl).apiSchema().toGraphQLJSSchema();
  } catch (error) {
    const message = String(error && error.message ? error.message : error);
    process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
    return undefined;
  }

  const results = (request.operations ?? []).map((operation) => {
    const args = {
      schema: api,
      variableValues: operation.variables ?? undefined,
      operationName: operation.operationName ?? undefined,
    };
    const query =
      typeof operation.query === "string"
        ? operation.query
        : graphql.getIntrospectionQuery(operation.introspectionOptions ?? {});
    // `validate: false` runs the executor alone, as the gateway does once a request is valid.
    const result =
      operation.validate === false
        ? graphql.execute({ ...args, document: graphql.parse(query) })
        : graphql.graphqlSync({ ...args, source: query });
    // Serialise the way a server would: errors as their JSON form.
    return { query, result: JSON.parse(JSON.stringify(result)) };
  });

  const answer = {
    ok: true,
    apiSchema: graphql.printSchema(graphql.lexicographicSortSchema(api)),
    apiSchemaInOrder: graphql.printSchema(api),
    results,
  };
  process.stdout.write(`${JSON.stringify(answer)}\n`);
  return undefined;
}

await main();
