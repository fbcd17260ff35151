// `npm run storage:scrub` and `npm run storage:rotate-master-key`: storage jobs
// on demand, against DATABASE_URL or the embedded PostgreSQL (the running one
// under `npm start`, else started for the job).
import { runStorageTask } from "@awan/backend/storage";
import { prepareDatabase, readDbConfig } from "@awan/db/launcher";

const TASKS = ["scrub", "rotate-master-key"] as const;
type Task = (typeof TASKS)[number];

async function main(task: string | undefined): Promise<number> {
  if (!TASKS.includes(task as Task)) {
    console.error(`Usage: tsx scripts/storage.ts ${TASKS.join("|")}`);
    return 2;
  }
  const database = await prepareDatabase(readDbConfig(), { migrate: false });
  try {
    const report = await runStorageTask(task as Task, database.appUrl);
    console.log(JSON.stringify(report, null, 2));
    return 0;
  } finally {
    await database.stop();
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
