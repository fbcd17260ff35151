// The resident memory of the process serving a port, from /proc (Linux): the
// console runs as a grandchild of the benchmark (tsx starts the server), so
// it is found by its listening socket rather than by a child's pid.
import fs from "node:fs";

/** The pid of the process listening on TCP `port`, or null when none is found (or not on Linux). */
export function pidListeningOn(port: number): number | null {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      const [, localPort] = (cols[1] ?? "").split(":");
      // State 0A is LISTEN.
      if (cols[3] === "0A" && localPort && parseInt(localPort, 16) === port && cols[9]) inodes.add(`socket:[${cols[9]}]`);
    }
  }
  if (!inodes.size) return null;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      try {
        if (inodes.has(fs.readlinkSync(`/proc/${entry}/fd/${fd}`))) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}

/** Resident set size and its peak so far, in MiB; null when the process is gone. */
export function residentMemory(pid: number): { rss: number; peak: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return { rss: kib("VmRSS") / 1024, peak: kib("VmHWM") / 1024 };
  } catch {
    return null;
  }
}
