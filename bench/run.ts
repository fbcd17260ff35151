// `npm run bench -- [name ...] [--smoke]`: runs the named benchmarks (all by
// default), each against its peer in the same run, prints a table and writes
// bench/results/<name>.json. --smoke runs each briefly, to keep them working.
import type { Benchmark } from "./harness";
import { report } from "./harness";
import { chat } from "./chat";
import { files } from "./files";
import { smtp } from "./smtp";
import { storage } from "./storage";
import { tenantScope } from "./tenant-scope";
import { webdav } from "./webdav";

const BENCHMARKS: Benchmark[] = [tenantScope, storage, files, webdav, chat, smtp];

async function main(args: string[]): Promise<number> {
  const smoke = args.includes("--smoke");
  const names = args.filter((a) => !a.startsWith("--"));
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length) {
    console.error(`Unknown benchmark ${unknown.join(", ")}. Available: ${BENCHMARKS.map((b) => `${b.name} (${b.summary})`).join("; ")}`);
    return 2;
  }
  for (const benchmark of BENCHMARKS.filter((b) => names.length === 0 || names.includes(b.name))) {
    report(benchmark.name, await benchmark.run({ smoke }));
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
