import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Database } from "@awan/db";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { bytesOf, chunkFiles, filesUnder, newEngine, newNodeDirs, newStorage } from "./testing/storage-fixture";

const CHUNK = 64 * 1024;

/**
 * Node a, and node b at a path under a regular file: b cannot be created
 * or written until `bringBack` turns the file into a directory.
 */
function nodesWithOneUnwritable() {
  const [a] = newNodeDirs(1) as [string];
  const blocker = path.join(path.dirname(a), "blocker");
  fs.writeFileSync(blocker, "not a directory");
  const b = path.join(blocker, "b");
  const bringBack = () => {
    fs.rmSync(blocker);
    fs.mkdirSync(b, { recursive: true });
  };
  return { dirs: [a, b], a, b, bringBack };
}

async function storageRows(owner: Database, organizationId: string) {
  const where = { where: { organizationId } };
  return {
    blobs: await owner.blob.count(where),
    blobChunks: await owner.blobChunk.count(where),
    chunks: await owner.chunk.count(where),
    replicas: await owner.chunkReplica.count(where),
  };
}

describe("write quorum", () => {
  it('"all" refuses a write while a node is down, keeping nothing of it, and accepts writes once the node is back', async () => {
    const { dirs, a, b, bringBack } = nodesWithOneUnwritable();
    const { engine, organizationId, owner } = await newStorage({ dirs, chunkSize: CHUNK, writeQuorum: "all" });
    const data = crypto.randomBytes(5 * CHUNK + 17);

    // Refused while b fails, and still once b is known to be down and no longer tried.
    for (let attempt = 0; attempt < 4; attempt++) {
      const error = await engine.write(organizationId, bytesOf(data)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: "UNAVAILABLE" });
    }
    expect(await storageRows(owner, organizationId)).toEqual({ blobs: 0, blobChunks: 0, chunks: 0, replicas: 0 });
    expect(filesUnder(a)).toEqual([]);
    expect(engine.health.state(path.basename(b))).toBe("down");

    bringBack();
    await engine.probeAll();
    const { blobId } = await engine.write(organizationId, bytesOf(data));
    expect((await engine.readAll(organizationId, blobId)).equals(data)).toBe(true);
    expect(await owner.chunkReplica.count({ where: { organizationId, state: "OK" } })).toBe(2 * 6);
  });

  it("1 accepts a write with a node down, records the missing copies, and the scrub makes them once the node is back", async () => {
    const { dirs, a, b, bringBack } = nodesWithOneUnwritable();
    const { engine, organizationId, owner, db, masterKey } = await newStorage({ dirs, chunkSize: CHUNK, writeQuorum: 1 });
    const data = crypto.randomBytes(3 * CHUNK + 1);

    const { blobId } = await engine.write(organizationId, bytesOf(data));
    expect((await engine.readAll(organizationId, blobId)).equals(data)).toBe(true);
    const replicas = await owner.chunkReplica.findMany({ where: { organizationId }, select: { nodeId: true, state: true } });
    expect(replicas.filter((r) => r.nodeId === "a").map((r) => r.state)).toEqual(["OK", "OK", "OK", "OK"]);
    expect(replicas.filter((r) => r.nodeId === "b").map((r) => r.state)).toEqual(["MISSING", "MISSING", "MISSING", "MISSING"]);

    bringBack();
    expect(await engine.scrub()).toMatchObject({ missingRestored: 4, corruptRepaired: 0, unrepairable: 0, unreachable: 0 });
    expect(await owner.chunkReplica.count({ where: { organizationId, state: "MISSING" } })).toBe(0);
    expect(await engine.scrub()).toMatchObject({ missingRestored: 0, corruptRepaired: 0 });

    // The copies on b alone serve the content, to an engine that never saw b down.
    fs.rmSync(a, { recursive: true });
    const { engine: restarted } = newEngine({ db, dirs, masterKey, chunkSize: CHUNK });
    expect((await restarted.readAll(organizationId, blobId)).equals(data)).toBe(true);
    expect((await chunkFiles(owner, organizationId, dirs)).every((c) => fs.existsSync(c.files[path.basename(b)]!))).toBe(true);
    // Reading found a's copies gone and rewrites them in the background: they come back (and the test ends only after).
    await expect.poll(async () => (await chunkFiles(owner, organizationId, dirs)).every((c) => fs.existsSync(c.files[path.basename(a)]!))).toBe(true);
  });

  it("records a missing copy that turns up intact (a node restored from a backup) as present again", async () => {
    const { dirs, a, b, bringBack } = nodesWithOneUnwritable();
    const { engine, organizationId, owner } = await newStorage({ dirs, chunkSize: CHUNK, writeQuorum: 1 });
    await engine.write(organizationId, bytesOf(crypto.randomBytes(2 * CHUNK)));
    expect(await owner.chunkReplica.count({ where: { organizationId, state: "MISSING" } })).toBe(2);

    bringBack();
    fs.cpSync(path.join(a, "chunks"), path.join(b, "chunks"), { recursive: true });
    expect(await engine.scrub()).toMatchObject({ missingRestored: 0, corruptRepaired: 0, unrepairable: 0 });
    expect(await owner.chunkReplica.count({ where: { organizationId, state: "MISSING" } })).toBe(0);
  });
});
