import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { DomainError } from "../errors";
import { bytesOf, chunkFiles, flipByte, newEngine, newStorage, readRange } from "./testing/storage-fixture";

const CHUNK = 64 * 1024;
const nodeId = (dir: string) => path.basename(dir);

describe("replication: a damaged replica", () => {
  it("is read around, and rewritten from the good copy by the read", async () => {
    // A service level no disk misses, however busy the machine: only errors count here.
    const { engine, organizationId, owner, dirs } = await newStorage({ chunkSize: CHUNK, latencySloMs: 60_000 });
    const data = crypto.randomBytes(10_000);
    const { blobId } = await engine.write(organizationId, bytesOf(data));
    const [chunk] = await chunkFiles(owner, organizationId, dirs);
    const writtenAt = new Date();
    // Damage the copy the router will try first, so that the read meets it.
    const [first, second] = engine.health.order(dirs.map(nodeId)) as [string, string];
    flipByte(chunk!.files[first]!);

    expect((await engine.readAll(organizationId, blobId)).equals(data)).toBe(true);
    // The node answered; its copy was bad: that is not the node's fault.
    expect(engine.health.state(first)).toBe("healthy");

    // The read rewrote the bad copy in the background and recorded it.
    await vi.waitFor(
      async () => {
        expect(fs.readFileSync(chunk!.files[first]!).equals(fs.readFileSync(chunk!.files[second]!))).toBe(true);
        const replica = await owner.chunkReplica.findFirstOrThrow({ where: { chunkId: chunk!.id, nodeId: first } });
        expect(replica.checkedAt.getTime()).toBeGreaterThan(writtenAt.getTime());
      },
      { timeout: 5_000 },
    );
    fs.rmSync(dirs.find((d) => nodeId(d) === second)!, { recursive: true });
    expect((await engine.readAll(organizationId, blobId)).equals(data)).toBe(true);
  });

  it("is found and repaired by the scrub, after which it alone serves the content", async () => {
    const { engine, organizationId, owner, dirs } = await newStorage({ chunkSize: CHUNK });
    const data = crypto.randomBytes(3 * CHUNK + 123);
    const { blobId } = await engine.write(organizationId, bytesOf(data));
    const chunks = await chunkFiles(owner, organizationId, dirs);
    expect(chunks).toHaveLength(4);
    const [a, b] = dirs as [string, string];
    flipByte(chunks[2]!.files[nodeId(a)]!);

    const report = await engine.scrub();
    expect(report).toEqual({ replicasChecked: 8, corruptRepaired: 1, missingRestored: 0, unrepairable: 0, unreachable: 0, unreferencedBlobs: 0 });
    const run = await owner.scrubRun.findFirstOrThrow({ orderBy: { startedAt: "desc" } });
    expect(run).toMatchObject({ replicasChecked: 8, corruptRepaired: 1, missingRestored: 0, unrepairable: 0, error: null });
    expect(run.finishedAt).not.toBeNull();

    expect(await engine.scrub()).toEqual({ replicasChecked: 8, corruptRepaired: 0, missingRestored: 0, unrepairable: 0, unreachable: 0, unreferencedBlobs: 0 });
    // Rewritten from the good copy, byte for byte.
    expect(fs.readFileSync(chunks[2]!.files[nodeId(a)]!).equals(fs.readFileSync(chunks[2]!.files[nodeId(b)]!))).toBe(true);

    fs.rmSync(b, { recursive: true });
    expect((await engine.readAll(organizationId, blobId)).equals(data)).toBe(true);
  });

  it("in every copy makes the read fail with INTEGRITY, never return data", async () => {
    const { engine, organizationId, owner, dirs } = await newStorage({ chunkSize: CHUNK });
    const data = crypto.randomBytes(CHUNK + 500);
    const { blobId } = await engine.write(organizationId, bytesOf(data));
    const tail = await owner.blobChunk.findFirstOrThrow({ where: { blobId, index: 1 }, select: { chunkId: true } });
    const tampered = (await chunkFiles(owner, organizationId, dirs)).find((c) => c.id === tail.chunkId)!;
    const files = Object.values(tampered.files);
    for (const file of files) flipByte(file, 40);
    const tamperedBytes = files.map((file) => fs.readFileSync(file));

    for (const read of [
      () => engine.readAll(organizationId, blobId),
      () => readRange(engine, organizationId, blobId, { start: CHUNK - 10, end: CHUNK + 10 }),
      () => readRange(engine, organizationId, blobId, { start: CHUNK, end: CHUNK }),
    ]) {
      const error = await read().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: "INTEGRITY" });
    }
    // The untouched chunk still reads.
    expect((await readRange(engine, organizationId, blobId, { start: 0, end: 99 })).equals(data.subarray(0, 100))).toBe(true);

    expect(await engine.scrub()).toMatchObject({ unrepairable: 1, corruptRepaired: 0, missingRestored: 0 });
    // Nothing was overwritten: there was no good copy to repair from.
    files.forEach((file, i) => expect(fs.readFileSync(file).equals(tamperedBytes[i]!)).toBe(true));
  });
});

describe("replication: a lost node directory", () => {
  it("does not stop reads, and the scrub restores every chunk to the node once it is back", async () => {
    const { engine, organizationId, owner, dirs } = await newStorage({ chunkSize: CHUNK });
    const data = crypto.randomBytes(4 * CHUNK + 1);
    const { blobId } = await engine.write(organizationId, bytesOf(data));
    const chunkCount = (await chunkFiles(owner, organizationId, dirs)).length;
    expect(chunkCount).toBe(5);
    // Lose the directory of the node the router prefers, so that reads meet the loss.
    const [lost, kept] = engine.health.order(dirs.map(nodeId)).map((id) => dirs.find((d) => nodeId(d) === id)!) as [string, string];

    fs.rmSync(lost, { recursive: true });
    for (let i = 0; i < 3; i++) expect((await engine.readAll(organizationId, blobId)).equals(data)).toBe(true);
    // A lost directory is a node that is away, not an empty one to fill again.
    expect(engine.health.state(nodeId(lost))).not.toBe("healthy");
    expect(fs.existsSync(lost)).toBe(false);
    expect(await engine.scrub()).toMatchObject({ unreachable: chunkCount, missingRestored: 0, unrepairable: 0 });
    expect(fs.existsSync(lost)).toBe(false);

    fs.mkdirSync(lost); // the node returns, empty
    const report = await engine.scrub();
    expect(report).toMatchObject({ missingRestored: chunkCount, corruptRepaired: 0, unrepairable: 0, unreachable: 0, unreferencedBlobs: 0 });

    fs.rmSync(kept, { recursive: true });
    expect((await engine.readAll(organizationId, blobId)).equals(data)).toBe(true);
  });
});

describe("replication: a node replaced in the configuration", () => {
  it("keeps reads working from the remaining copy, and the scrub fills the new node", async () => {
    const { engine, organizationId, owner, db, dirs, masterKey } = await newStorage({ chunkSize: CHUNK });
    const data = crypto.randomBytes(2 * CHUNK + 1);
    const { blobId } = await engine.write(organizationId, bytesOf(data));
    const [a, b] = dirs as [string, string];

    // Restarted with b retired and c in its place.
    const c = path.join(path.dirname(a), "c");
    const { engine: restarted } = newEngine({ db, dirs: [a, c], masterKey, chunkSize: CHUNK });
    expect((await restarted.readAll(organizationId, blobId)).equals(data)).toBe(true);

    expect(await restarted.scrub()).toMatchObject({ missingRestored: 3, unrepairable: 0 });
    fs.rmSync(a, { recursive: true });
    fs.rmSync(b, { recursive: true });
    expect((await restarted.readAll(organizationId, blobId)).equals(data)).toBe(true);
    expect(await owner.chunkReplica.count({ where: { organizationId, nodeId: "c", state: "OK" } })).toBe(3);
  });
});
