import fs from "node:fs";
import path from "node:path";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes `<dataDir>/awan.pid` for this process, or throws naming the process
 * that holds it. A file left by a process that died is taken over.
 */
export function acquireInstanceLock(dataDir: string): () => void {
  const file = path.join(dataDir, "awan.pid");
  fs.mkdirSync(dataDir, { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(file, "utf8"));
      if (holder && isAlive(holder)) {
        throw new Error(
          `Awan is already running from ${dataDir} (process ${holder}). Stop it first, or set AWAN_DATA_DIR to run another one.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
}
