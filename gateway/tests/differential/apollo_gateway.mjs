// Serves Apollo's own gateway (@apollo/gateway behind @apollo/server) over a static supergraph:
// the reference the Python gateway's answers are compared with.
//
//   node apollo_gateway.mjs --supergraph FILE --port PORT [--host 127.0.0.1] [--exit-with-stdin]
//
// The npm packages (@apollo/gateway@2, @apollo/server@5, graphql@16) come from PIONEER_NPM_DIR
// when set (the npm prefix holding node_modules), otherwise from the first `.npm` folder that has
// them walking up from the working directory, then from this script's folder.
//
// Prints `apollo-gateway ready http://HOST:PORT/graphql` on stdout once it serves (any path
// answers). Stops on SIGINT or SIGTERM, and with --exit-with-stdin also when stdin closes, so a
// parent that dies takes the gateway with it. Exit status 3 means it could not start.

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const EXIT_SETUP = 3;
const STOP_GRACE_MS = 5000;

function die(message) {
  process.stderr.write(`apollo_gateway.mjs: ${message}\n`);
  process.exit(EXIT_SETUP);
}

function parseArguments(argv) {
  const options = { host: "127.0.0.1", exitWithStdin: false };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === "--exit-with-stdin") {
      options.exitWithStdin = true;
    } else if (["--supergraph", "--port", "--host"].includes(argument)) {
      const value = argv[index + 1];
      if (value === undefined) {
        die(`${argument} needs a value`);
      }
      options[argument.slice(2)] = value;
      index += 1;
    } else {
      die(`unknown argument ${argument}`);
    }
  }
  if (!options.supergraph || !options.port) {
    die("usage: apollo_gateway.mjs --supergraph FILE --port PORT [--host HOST] [--exit-with-stdin]");
  }
  const port = Number(options.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    die(`--port must be a TCP port, not ${options.port}`);
  }
  return { ...options, port };
}

function hasPackages(nodeModules) {
  return ["@apollo/gateway", "@apollo/server", "graphql"].every((name) =>
    existsSync(path.join(nodeModules, name, "package.json")),
  );
}

function nodeModulesDir() {
  const configured = process.env.PIONEER_NPM_DIR;
  if (configured) {
    const prefix = path.resolve(configured);
    const nodeModules =
      path.basename(prefix) === "node_modules" ? prefix : path.join(prefix, "node_modules");
    return hasPackages(nodeModules) ? nodeModules : die(`PIONEER_NPM_DIR=${configured} lacks the packages`);
  }
  const starts = [process.cwd(), path.dirname(fileURLToPath(import.meta.url))];
  for (const start of starts) {
    for (let folder = start; ; folder = path.dirname(folder)) {
      const nodeModules = path.join(folder, ".npm", "node_modules");
      if (hasPackages(nodeModules)) {
        return nodeModules;
      }
      if (path.dirname(folder) === folder) {
        break;
      }
    }
  }
  return die(
    "@apollo/gateway, @apollo/server and graphql are not installed in any .npm folder; run " +
      "`npm install --prefix .npm --no-audit --no-fund @apollo/gateway@2 @apollo/server@5 graphql@16`",
  );
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  // Resolve packages as if required from a file sitting next to node_modules.
  const require = createRequire(path.join(path.dirname(nodeModulesDir()), "gateway-anchor.js"));
  const { ApolloGateway } = require("@apollo/gateway");
  const { ApolloServer } = require("@apollo/server");
  const { startStandaloneServer } = require("@apollo/server/standalone");
  const disabled = require("@apollo/server/plugin/disabled");

  let supergraphSdl;
  try {
    supergraphSdl = readFileSync(options.supergraph, "utf8");
  } catch (error) {
    die(`cannot read the supergraph: ${error.message}`);
  }

  const gateway = new ApolloGateway({ supergraphSdl });
  const server = new ApolloServer({
    gateway,
    introspection: true,
    // Stack traces differ by machine and are no part of the answer being compared.
    includeStacktraceInErrorResponses: false,
    plugins: [
      disabled.ApolloServerPluginLandingPageDisabled(),
      disabled.ApolloServerPluginUsageReportingDisabled(),
      disabled.ApolloServerPluginSchemaReportingDisabled(),
    ],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { host: options.host, port: options.port },
  });

  let stopping = false;
  const stop = () => {
    if (stopping) {
      return;
    }
    stopping = true;
    setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
    server.stop().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  if (options.exitWithStdin) {
    process.stdin.on("end", stop);
    process.stdin.on("error", stop);
    process.stdin.resume();
  }
  process.stdout.write(`apollo-gateway ready ${new URL("graphql", url).href}\n`);
}

main().catch((error) => die(error && error.stack ? error.stack : String(error)));
