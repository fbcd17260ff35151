// `npm run prisma -- <args>` (and db:migrate, db:deploy, db:status, db:generate):
// the Prisma CLI with the project's WASM schema engine, against DATABASE_URL or,
// when that is unset, the embedded PostgreSQL (started for the command and stopped after).
import { openOwnerDatabase, readDbConfig, runPrismaCli } from "../src/launcher";

const NEEDS_NO_DATABASE = new Set(["generate", "format", "validate", "version", "--version", "-v", "help", "--help"]);

async function main(args: string[]): Promise<number> {
  if (NEEDS_NO_DATABASE.has(args[0] ?? "help")) return (await runPrismaCli(args)).code;
  const database = await openOwnerDatabase(readDbConfig());
  try {
    return (await runPrismaCli(args, { databaseUrl: database.ownerUrl })).code;
  } finally {
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
