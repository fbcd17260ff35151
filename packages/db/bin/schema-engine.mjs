#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, which the Prisma CLI
// would otherwise download. Point PRISMA_SCHEMA_ENGINE_BINARY at this file.
// It runs the same engine compiled to WebAssembly (@prisma/schema-engine-wasm)
// over @prisma/adapter-pg, and speaks the binary's command-line protocol:
//
//   schema-engine --version
//   schema-engine --datasource JSON cli can-connect-to-database|create-database|drop-database
//   schema-engine [--datamodels FILE]... [--datasource JSON]   (JSON-RPC 2.0 over stdin/stdout)
//
// Only PostgreSQL is supported.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

// Engine methods the CLI calls by their own name over JSON-RPC.
const ENGINE_METHODS = new Set([
  "applyMigrations",
  "createMigration",
  "dbExecute",
  "debugPanic",
  "devDiagnostic",
  "diagnoseMigrationHistory",
  "ensureConnectionValidity",
  "evaluateDataLoss",
  "introspect",
  "introspectSql",
  "markMigrationApplied",
  "markMigrationRolledBack",
  "reset",
  "schemaPush",
]);

// PostgreSQL's internal one-byte "char" type (OID 18) is the type of catalog
// columns the engine reads, such as pg_constraint.contype. The native engine's
// driver hands those values over as Char, and the describer relies on it: it
// reads the check-constraint query's `constraint_type` with get_expect_char,
// which panics on a Text ("Getting constraint_type ... as char failed"). That
// query returns rows as soon as a table has a CHECK or EXCLUDE constraint, and
// on PostgreSQL 18 for every table with a NOT NULL column: PostgreSQL 18 keeps
// NOT NULL constraints in pg_constraint (contype 'n').
// @prisma/adapter-pg refuses OID 18, and types no OID as Character, so:
//  - where pg records a result's fields, which covers every query path (pool,
//    client, transactions, the shadow database), "char" becomes text: the
//    adapter accepts it and pg parses it as a string. The column is noted
//    against the result's row array, which the adapter passes on as it is;
//  - where the adapter hands a result to the engine (queryRaw, see
//    typeCharColumns), the noted columns are typed Character.
// "char"[] (1002) gets the same treatment: pg has no parser for it, but
// parses it as text[] into an array. (The engine reads none, though.)
const CHAR_TYPES = new Map([
  [18, { parseAs: 25, columnType: ColumnTypeEnum.Character }],
  [1002, { parseAs: 1009, columnType: ColumnTypeEnum.CharacterArray }],
]);
/** Row array of a pg result -> Map of column index -> the engine's column type. */
const charColumnsOfRows = new WeakMap();
const addFields = pg.Result.prototype.addFields;
pg.Result.prototype.addFields = function (fields) {
  const charColumns = new Map();
  fields.forEach((field, index) => {
    const charType = CHAR_TYPES.get(field.dataTypeID);
    if (!charType) return;
    field.dataTypeID = charType.parseAs;
    charColumns.set(index, charType.columnType);
  });
  if (charColumns.size > 0) charColumnsOfRows.set(this.rows, charColumns);
  return addFields.call(this, fields);
};

/** Types the "char" columns that addFields noted as Character in the engine's results; once per class. */
function typeCharColumns(adapter) {
  // queryRaw is inherited from the class that the adapter and its transactions share.
  let proto = Object.getPrototypeOf(adapter);
  while (!Object.hasOwn(proto, "queryRaw")) proto = Object.getPrototypeOf(proto);
  if (Object.hasOwn(proto.queryRaw, "typesCharColumns")) return;
  const queryRaw = proto.queryRaw;
  proto.queryRaw = async function (query) {
    const result = await queryRaw.call(this, query);
    for (const [index, columnType] of charColumnsOfRows.get(result.rows) ?? []) result.columnTypes[index] = columnType;
    return result;
  };
  proto.queryRaw.typesCharColumns = true;
}

// On a Rust panic the engine hands its message to this global, then traps
// (a WebAssembly.RuntimeError, "unreachable"): see engineDied.
let panicMessage;
globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (message) => (panicMessage = message) };

const { values: args, positionals } = parseArgs({
  options: {
    version: { type: "boolean", short: "V" },
    datamodels: { type: "string", multiple: true },
    datasource: { type: "string" },
    // Accepted for compatibility; the Wasm engine has no switches for them.
    "enabled-preview-features": { type: "string" },
    "extension-types": { type: "string" },
  },
  allowPositionals: true,
});
const datasource = args.datasource ? JSON.parse(args.datasource) : {};

/** The npm package is built for bundlers (it imports its .wasm); plain Node instantiates it by hand. */
async function loadWasm() {
  const bindingsUrl = import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = fs.readFileSync(new URL("schema_engine_bg.wasm", bindingsUrl));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bindings });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
}

// ---------------------------------------------------------------------------
// `cli` sub-commands: exit code 0 on success; on failure the CLI reads the
// ERROR log line on stderr, and uses its error_code (P1003 means "create it").

const CLI_COMMANDS = {
  "can-connect-to-database": (url) => withClient(url, (client) => client.query("SELECT 1")),
  "create-database": (url) => onMaintenanceDb(url, `CREATE DATABASE ${pg.escapeIdentifier(databaseName(url))}`),
  "drop-database": (url) => onMaintenanceDb(url, `DROP DATABASE ${pg.escapeIdentifier(databaseName(url))}`),
};

async function runCliCommand(command, url) {
  // The CLI skips the first stderr line (the native binary's start-up log).
  log("INFO", "Starting schema engine CLI");
  const run = CLI_COMMANDS[command];
  if (!run) return fail(`Unknown cli command: ${command}`);
  if (!url) return fail("No datasource URL was given (--datasource '{\"url\": ...}').");
  try {
    await run(url);
    return 0;
  } catch (err) {
    const code = connectionErrorCode(err);
    return fail(describeConnectionError(code, err, url), code);
  }
}

function fail(message, errorCode) {
  log("ERROR", message, errorCode ? { error_code: errorCode } : {});
  return 1;
}

function log(level, message, extraFields = {}) {
  const fields = { message, ...extraFields };
  const line = { timestamp: new Date().toISOString(), level, fields, target: "schema_engine::logger" };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

/** Prisma's error code for a failed connection or database command, as the native engine reports it. */
function connectionErrorCode(err) {
  // No SQLSTATE: the server never answered (refused, unknown host, timeout).
  if (!(err instanceof pg.DatabaseError)) return "P1001";
  if (err.code === "3D000") return "P1003";
  if (err.code === "42P04") return "P1009";
  if (err.code.startsWith("28")) return "P1000";
  return undefined;
}

function describeConnectionError(code, err, url) {
  const { hostname, port, username } = new URL(url);
  const server = `${hostname}:${port || 5432}`;
  switch (code) {
    case "P1001":
      return `Can't reach database server at \`${server}\`\n\nPlease make sure your database server is running at \`${server}\`.`;
    case "P1003":
      return `Database \`${databaseName(url)}\` does not exist on the database server at \`${server}\`.`;
    case "P1009":
      return `Database \`${databaseName(url)}\` already exists on the database server at \`${server}\``;
    case "P1000":
      return (
        `Authentication failed against database server, the provided database credentials for \`${decodeURIComponent(username)}\` are not valid.` +
        `\n\nPlease make sure to provide valid database credentials for the database server at \`${server}\`.`
      );
    default:
      return err.message;
  }
}

/** Creating or dropping a database needs a connection to another one: PostgreSQL's maintenance database. */
function onMaintenanceDb(url, sql) {
  return withClient(withDatabase(url, "postgres"), (client) => client.query(sql));
}

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";
}

function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

// ---------------------------------------------------------------------------
// JSON-RPC mode: one request per stdin line, one response per stdout line,
// engine logs on stderr. Ends when the CLI closes stdin.

async function serveJsonRpc() {
  await loadWasm();
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(pgAdapterFactory(datasource));
  const session = {
    // A failed start (no database, unreadable schema file) becomes the answer to
    // every request: if the engine exited instead, the CLI would end silently with success.
    engine: startEngine(adapterFactory),
    errorRegistry: adapterFactory.errorRegistry,
    appliedMigrations: false,
    // One request at a time: the CLI never overlaps them, and the engine keeps state between calls.
    queue: Promise.resolve(),
    pendingId: undefined, // The request being answered.
    deathCause: undefined, // Set once the engine has panicked, or failed beyond repair: see engineDied.
  };
  session.engine.catch(() => {});
  // The engine's async work runs as tasks from the microtask queue, so a panic
  // in it traps there: it reaches us as an uncaught exception, while the call
  // waiting on the task never settles. Left to Node, the process would die
  // with a bare "RuntimeError: unreachable", and the CLI would end silently.
  process.on("uncaughtException", (err) => engineDied(session, err));

  const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  input.on("line", (line) => {
    const message = JSON.parse(line);
    // Anything without a method is the CLI acknowledging one of our `print` requests.
    if (message.method) session.queue = session.queue.then(() => answer(session, message));
  });
  await new Promise((resolve) => input.once("close", resolve));
  await session.queue;
  // Exit explicitly: idle pg pools would otherwise keep the process alive.
  if (!session.deathCause) process.exit(0);
  // 101 is the exit code of a Rust panic, as from the native engine.
  process.exit(session.deathCause instanceof WebAssembly.RuntimeError ? 101 : 1);
}

/**
 * After a panic (or any exception that escaped us) the engine's state is
 * unknown, and a trapped Wasm instance cannot be resumed: answer the request
 * in flight with the error, which the CLI prints (a panic as the native
 * engine's, with its message), and every later one with the same error.
 */
function engineDied(session, err) {
  const error = toRpcError(adapterError(err, session.errorRegistry));
  if (!session.deathCause) {
    session.deathCause = err;
    // Also on stderr, as the native engine's panic hook does; DEBUG=prisma:* shows it.
    log("ERROR", error.message, error.data?.backtrace ? { backtrace: error.data.backtrace } : {});
    session.engine = Promise.reject(err);
    session.engine.catch(() => {});
  }
  const { pendingId } = session;
  session.pendingId = undefined;
  // The call that was waiting on the trapped task never settles: the next
  // requests go past it. The dead engine will not dispose of the temporary
  // shadow databases it holds; drop them before answering, as the CLI kills
  // the process as soon as it has the answer.
  session.queue = Promise.allSettled([...temporaryShadowDbs].map((adapter) => adapter.dispose())).then(() => {
    if (pendingId !== undefined) respond({ jsonrpc: "2.0", id: pendingId, error });
  });
}

async function startEngine(adapterFactory) {
  const datamodels = args.datamodels?.map((file) => [file, fs.readFileSync(file, "utf8")]);
  const onLog = (line) => process.stderr.write(line.endsWith("\n") ? line : `${line}\n`);
  return bindings.SchemaEngine.new({ datamodels }, onLog, adapterFactory);
}

async function answer(session, { id, method, params }) {
  session.pendingId = id;
  let response;
  try {
    response = { jsonrpc: "2.0", id, result: (await callEngine(session, method, params)) ?? null };
  } catch (err) {
    // A trap in the synchronous part of a call arrives here instead.
    if (err instanceof WebAssembly.RuntimeError && !session.deathCause) return engineDied(session, err);
    response = { jsonrpc: "2.0", id, error: toRpcError(adapterError(err, session.errorRegistry)) };
  }
  if (session.pendingId !== id) return; // engineDied has answered it.
  session.pendingId = undefined;
  respond(response);
}

function respond(response) {
  process.stdout.write(`${JSON.stringify(response)}\n`);
}

async function callEngine(session, method, params) {
  const engine = await session.engine;
  if (method === "getDatabaseVersion") return engine.version(params);
  if (method === "diff") {
    // The native engine prints the diff through the CLI (a `print` request to
    // it) and returns only the exit code; the Wasm engine returns the text.
    const { stdout, ...result } = await engine.diff(params);
    // The CLI adds the final newline itself.
    if (stdout) sendPrint(stdout.replace(/\n$/, ""));
    return result;
  }
  if (!ENGINE_METHODS.has(method)) throw Object.assign(new Error(`Method not found: ${method}`), { rpcCode: -32601 });
  if ((method === "evaluateDataLoss" || method === "createMigration") && session.appliedMigrations) {
    // These two can only read the schema of the migration history from a cache
    // that diagnoseMigrationHistory fills (it alone replays migrations on a shadow
    // database), keyed by the applied migrations. `migrate dev` first applies the
    // pending ones, so refill the cache now that they are all applied; otherwise
    // the engine fails with "shadow DB must be provided through an external factory".
    const { migrationsList, filters } = params;
    await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: true, filters });
    session.appliedMigrations = false;
  }
  // Called on the engine itself: wasm-bindgen methods need their `this`.
  const result = await engine[method](params);
  if (method === "applyMigrations" && result.appliedMigrationNames.length > 0) session.appliedMigrations = true;
  return result;
}

let printId = 0;
function sendPrint(content) {
  printId += 1;
  const request = { jsonrpc: "2.0", id: `print-${printId}`, method: "print", params: { content } };
  process.stdout.write(`${JSON.stringify(request)}\n`);
}

/** A JS error thrown under the engine (by the adapter) reaches us only as "External error id#N". */
function adapterError(err, errorRegistry) {
  const id = /^External error id#(\d+)/.exec(err.message)?.[1];
  return (id && errorRegistry.consumeError(Number(id))?.error) || err;
}

/** Shapes errors the way the CLI reads them from the native engine (error.data). */
function toRpcError(err) {
  if (err.rpcCode) return { code: err.rpcCode, message: err.message };
  // A WebAssembly trap is a Rust panic; the CLI then offers its crash report.
  if (err instanceof WebAssembly.RuntimeError) {
    const message = panicMessage ?? err.message;
    return { code: -32000, message, data: { is_panic: true, message, backtrace: err.stack } };
  }
  // User-facing engine errors (P3005, P3009, ...) carry their Prisma code;
  // Node's error codes (ENOENT, ...) mean nothing to the CLI.
  const errorCode = /^P\d{4}$/.test(err.code) ? err.code : null;
  const data = { is_panic: false, message: err.message, meta: err.meta ?? null, error_code: errorCode };
  return { code: -32000, message: err.message, data };
}

/**
 * The driver adapter factory the engine connects through. Migrate needs a
 * shadow database: the configured shadowDatabaseUrl, else a temporary database
 * on the same server that is dropped when the engine lets go of it.
 */
function pgAdapterFactory({ url, shadowDatabaseUrl }) {
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connectAdapter(url),
    async connectToShadowDb() {
      if (shadowDatabaseUrl) {
        await emptyDatabase(shadowDatabaseUrl);
        return connectAdapter(shadowDatabaseUrl);
      }
      const name = `prisma_shadow_${randomBytes(8).toString("hex")}`;
      await withClient(url, (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
      const shadowUrl = withDatabase(url, name);
      await emptyDatabase(shadowUrl); // A new database has `public`, but the URL may name another schema.
      const adapter = await connectAdapter(shadowUrl);
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        temporaryShadowDbs.delete(adapter);
        await dispose();
        await withClient(url, (client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`));
      };
      temporaryShadowDbs.add(adapter);
      return adapter;
    },
  };
}

/** Adapters to the temporary shadow databases not yet disposed of; a dead engine never will. */
const temporaryShadowDbs = new Set();

async function connectAdapter(url) {
  // The Wasm engine queries the database as soon as it starts, even for a diff of schema files.
  if (!url) throw new Error("No datasource URL is configured (datasource.url in prisma.config.ts).");
  // The engine qualifies what it reads with the schema, but runs migration
  // scripts unqualified, so they must land in it through the search_path.
  const schema = urlSchema(url);
  const options = `-c search_path=${pg.escapeIdentifier(schema)}`;
  const adapter = await new PrismaPg({ connectionString: url, options }, { schema }).connect();
  typeCharColumns(adapter);
  // adapter-pg splits scripts on every ";", which breaks migrations with a ";"
  // in a comment, a string or a function body. PostgreSQL's simple query
  // protocol takes the whole script at once, as one implicit transaction.
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      throw new Error(error.message, { cause: error });
    }
  };
  return adapter;
}

/** `?schema=` selects the PostgreSQL schema, as with the native engine. */
function urlSchema(url) {
  return new URL(url).searchParams.get("schema") ?? "public";
}

/**
 * Unlike the native engine, the Wasm engine replays the migrations into the
 * shadow database as it gets it, without resetting it: leave only the (empty) URL schema.
 */
async function emptyDatabase(url) {
  await withClient(url, async (client) => {
    const { rows } = await client.query(
      "SELECT nspname FROM pg_namespace WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%'",
    );
    for (const { nspname } of rows) await client.query(`DROP SCHEMA ${pg.escapeIdentifier(nspname)} CASCADE`);
    await client.query(`CREATE SCHEMA ${pg.escapeIdentifier(urlSchema(url))}`);
  });
}

if (args.version) {
  await loadWasm();
  console.log(`schema-engine-cli ${bindings.version()}`);
} else if (positionals[0] === "cli") {
  process.exitCode = await runCliCommand(positionals[1], datasource.url);
} else {
  await serveJsonRpc();
}
