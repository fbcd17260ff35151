// The victim of crash.integration.test.ts, run as a child process that the
// test kills with SIGKILL: stores and deletes blobs, several at once, for
// ever, and prints a line for each operation once the engine acknowledged it:
//   wrote <blob id> <sha-256 of the content>
//   deleted <blob id>
// and, before a delete, "deleting <blob id>": a blob killed mid-delete may be
// there or not, but if it is there it must be intact.
// Arguments: one JSON object (see CrashWriterArgs). The database comes from
// DATABASE_APP_URL, like the server's.
import crypto from "node:crypto";
import path from "node:path";
import { getDatabase } from "../../db";
import { LocalDirectoryNode } from "../local-directory-node";
import { masterKeyId } from "../master-key";
import { OrganizationKeyring } from "../organization-keys";
import { StorageEngine } from "../storage-engine";

export type CrashWriterArgs = { organizationId: string; dirs: string[]; masterKey: string; chunkSize: number; writers: number };

const args = JSON.parse(process.argv[2] ?? "") as CrashWriterArgs;
const key = Buffer.from(args.masterKey, "base64");
const engine = new StorageEngine(
  getDatabase(),
  args.dirs.map((dir) => new LocalDirectoryNode(path.basename(dir), dir)),
  new OrganizationKeyring([{ id: masterKeyId(key), key }]),
  { replicas: 2, writeQuorum: "all", chunkSize: args.chunkSize, readTimeoutMs: 5_000, latencySloMs: 250, probeIntervalMs: 60_000 },
);

// Chunks every run shares, so that crashes also land in the middle of claims on existing chunks.
const shared = Array.from({ length: 4 }, (_, i) => crypto.createHash("sha512").update(`shared ${i}`).digest().subarray(0, 32));
const sharedChunk = (i: number) => Buffer.concat(Array.from({ length: args.chunkSize / 32 }, () => shared[i % shared.length]!));

/** Up to four chunks and a bit, some shared with other blobs, some fresh. */
function nextContent(): Buffer {
  const parts: Buffer[] = [];
  for (let i = crypto.randomInt(5); i > 0; i--) parts.push(crypto.randomInt(3) === 0 ? sharedChunk(crypto.randomInt(8)) : crypto.randomBytes(args.chunkSize));
  parts.push(crypto.randomBytes(crypto.randomInt(args.chunkSize)));
  return Buffer.concat(parts);
}

async function* piecesOf(data: Buffer) {
  for (let i = 0; i < data.length; i += 5_000) yield data.subarray(i, i + 5_000);
}

async function writeForever(): Promise<never> {
  const mine: string[] = [];
  for (;;) {
    if (mine.length > 2 && crypto.randomInt(4) === 0) {
      const blobId = mine.splice(crypto.randomInt(mine.length), 1)[0]!;
      process.stdout.write(`deleting ${blobId}\n`);
      await engine.delete(args.organizationId, blobId);
      process.stdout.write(`deleted ${blobId}\n`);
      continue;
    }
    const data = nextContent();
    const { blobId } = await engine.write(args.organizationId, piecesOf(data));
    mine.push(blobId);
    process.stdout.write(`wrote ${blobId} ${crypto.createHash("sha256").update(data).digest("hex")}\n`);
  }
}

await Promise.all(Array.from({ length: args.writers }, writeForever));
