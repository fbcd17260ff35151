// Process-level tooling (start script, test setup, CLI wrapper); never imported by the console.
export { readDbConfig, type DbConfig } from "./config";
export { openOwnerDatabase, prepareDatabase, type PreparedDatabase } from "./prepare-database";
export { runPrismaCli, migrateDeploy, REPO_ROOT } from "./prisma-cli";
export { readOrCreateSecret } from "./secret-file";
export { APP_ROLE } from "./app-role";
