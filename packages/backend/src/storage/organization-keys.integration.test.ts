import crypto from "node:crypto";
import { withTenantScope } from "@awan/db";
import { describe, expect, it } from "vitest";
import { masterKeyId } from "./master-key";
import { OrganizationKeyring } from "./organization-keys";
import { newOrganization } from "./testing/platform-database";
import { bytesOf, newEngine, newStorage } from "./testing/storage-fixture";

const keyOf = (key: Buffer) => ({ id: masterKeyId(key), key });

describe("organization keys", () => {
  it("are kept wrapped by the master key, and another server with the same master key reads the data", async () => {
    const { engine, organizationId, owner, db, dirs, masterKey } = await newStorage();
    const data = crypto.randomBytes(100_000);
    const { blobId } = await engine.write(organizationId, bytesOf(data));

    const row = await owner.organizationKey.findUniqueOrThrow({ where: { organizationId } });
    expect(row.masterKeyId).toBe(masterKeyId(masterKey));
    expect(Buffer.from(row.wrappedKey).includes(masterKey)).toBe(false);

    const { engine: restarted } = newEngine({ db, dirs, masterKey });
    expect((await restarted.readAll(organizationId, blobId)).equals(data)).toBe(true);
  });

  it("cannot be unwrapped with a different master key: nothing is read, written, or replaced", async () => {
    const { engine, organizationId, owner, db, dirs } = await newStorage();
    const { blobId } = await engine.write(organizationId, bytesOf(crypto.randomBytes(1_000)));
    const before = await owner.organizationKey.findUniqueOrThrow({ where: { organizationId } });

    const { engine: stranger } = newEngine({ db, dirs, masterKey: crypto.randomBytes(32) });
    await expect(stranger.readAll(organizationId, blobId)).rejects.toThrow(/master key/);
    await expect(stranger.write(organizationId, bytesOf(Buffer.from("hello")))).rejects.toThrow(/master key/);

    expect(await owner.organizationKey.findUniqueOrThrow({ where: { organizationId } })).toEqual(before);
    expect(await owner.blob.count({ where: { organizationId } })).toBe(1);
  });

  it("are re-wrapped under a new master key, after which the new key alone reads the data", async () => {
    const { engine, organizationId, owner, db, dirs, masterKey: oldKey } = await newStorage();
    const data = crypto.randomBytes(200_000);
    const { blobId } = await engine.write(organizationId, bytesOf(data));
    const newKey = crypto.randomBytes(32);

    const rotating = new OrganizationKeyring([keyOf(newKey), keyOf(oldKey)]);
    expect(await withTenantScope(db, { organizationId }, (tx) => rotating.rewrap(tx, organizationId))).toBe(true);
    expect(await withTenantScope(db, { organizationId }, (tx) => rotating.rewrap(tx, organizationId))).toBe(false);
    expect((await owner.organizationKey.findUniqueOrThrow({ where: { organizationId } })).masterKeyId).toBe(masterKeyId(newKey));

    const { engine: afterRotation } = newEngine({ db, dirs, masterKey: newKey });
    expect((await afterRotation.readAll(organizationId, blobId)).equals(data)).toBe(true);
    const { engine: withOldKey } = newEngine({ db, dirs, masterKey: oldKey });
    await expect(withOldKey.readAll(organizationId, blobId)).rejects.toThrow(/master key/);
  });

  it("are bound to their organization: a wrapped key copied to another organization does not open", async () => {
    const { engine, organizationId, owner, db, dirs, masterKey } = await newStorage();
    const other = await newOrganization(db, "other");
    await engine.write(organizationId, bytesOf(Buffer.from("mine")));
    const mine = await owner.organizationKey.findUniqueOrThrow({ where: { organizationId } });
    await owner.organizationKey.create({ data: { organizationId: other, wrappedKey: mine.wrappedKey, masterKeyId: mine.masterKeyId } });

    const { engine: fresh } = newEngine({ db, dirs, masterKey });
    await expect(fresh.write(other, bytesOf(Buffer.from("theirs")))).rejects.toThrow(/authenticate/);
    expect(await owner.chunk.count({ where: { organizationId: other } })).toBe(0);
  });
});
