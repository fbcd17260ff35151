import crypto from "node:crypto";
import { isPrismaError, PrismaErrorCode, type ScopedDb } from "@awan/db";
import type { MasterKey } from "./master-key";

const WRAP_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What an organization's chunks are encrypted and named with (WebCrypto keys, not extractable). */
export type OrganizationKeys = {
  /** AES-256-GCM key for the organization's chunks. */
  dataKey: CryptoKey;
  /** HMAC-SHA-256 key for chunk ids: equal bytes get equal ids within the organization only. */
  idKey: CryptoKey;
  /** HMAC-SHA-256 key for chat's blind search index (chat/search-index.ts): word hashes that mean nothing elsewhere. */
  searchKey: CryptoKey;
};

type WrappedKey = { wrappedKey: Uint8Array; masterKeyId: string };

function wrap(master: MasterKey, organizationId: string, dataKey: Buffer): Uint8Array<ArrayBuffer> {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", master.key, iv);
  cipher.setAAD(Buffer.from(`awan organization key ${organizationId}`));
  const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return new Uint8Array(Buffer.concat([Buffer.from([WRAP_VERSION]), iv, body, cipher.getAuthTag()]));
}

function unwrap(master: MasterKey, organizationId: string, wrapped: Uint8Array): Buffer {
  const buf = Buffer.from(wrapped);
  if (buf[0] !== WRAP_VERSION) throw new Error(`Unknown key wrapping version ${buf[0]}.`);
  const iv = buf.subarray(1, 1 + IV_BYTES);
  const tag = buf.subarray(buf.length - TAG_BYTES);
  const decipher = crypto.createDecipheriv("aes-256-gcm", master.key, iv);
  decipher.setAAD(Buffer.from(`awan organization key ${organizationId}`));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(buf.subarray(1 + IV_BYTES, buf.length - TAG_BYTES)), decipher.final()]);
}

export async function deriveOrganizationKeys(dataKey: Buffer): Promise<OrganizationKeys> {
  const idKey = Buffer.from(crypto.hkdfSync("sha256", dataKey, Buffer.alloc(0), "awan chunk id", 32));
  const searchKey = Buffer.from(crypto.hkdfSync("sha256", dataKey, Buffer.alloc(0), "awan chat search", 32));
  return {
    dataKey: await crypto.subtle.importKey("raw", dataKey, "AES-GCM", false, ["encrypt", "decrypt"]),
    idKey: await crypto.subtle.importKey("raw", idKey, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]),
    searchKey: await crypto.subtle.importKey("raw", searchKey, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]),
  };
}

/**
 * Unwrapped keys, by organization. The cache lives as long as the process;
 * what is on disk (wrapped) never holds a usable key.
 */
export class OrganizationKeyring {
  private readonly cache = new Map<string, OrganizationKeys>();

  constructor(private readonly masterKeys: MasterKey[]) {
    if (masterKeys.length === 0) throw new Error("No master key.");
  }

  get current(): MasterKey {
    return this.masterKeys[0]!;
  }

  /** The organization's keys if this process has unwrapped them already (no database round trip). */
  cached(organizationId: string): OrganizationKeys | undefined {
    return this.cache.get(organizationId);
  }

  /** The organization's keys, created on first use. `tx` must be scoped to the organization. */
  async keysFor(tx: ScopedDb, organizationId: string): Promise<OrganizationKeys> {
    const cached = this.cache.get(organizationId);
    if (cached) return cached;
    const row: WrappedKey =
      (await tx.organizationKey.findUnique({ where: { organizationId }, select: { wrappedKey: true, masterKeyId: true } })) ??
      (await this.create(tx, organizationId));
    const master = this.masterKeys.find((k) => k.id === row.masterKeyId);
    if (!master) {
      throw new Error(`The data key of organization ${organizationId} is wrapped by master key ${row.masterKeyId}, which this server does not have.`);
    }
    const keys = await deriveOrganizationKeys(unwrap(master, organizationId, row.wrappedKey));
    this.cache.set(organizationId, keys);
    return keys;
  }

  private async create(tx: ScopedDb, organizationId: string): Promise<WrappedKey> {
    const data = { organizationId, wrappedKey: wrap(this.current, organizationId, crypto.randomBytes(32)), masterKeyId: this.current.id };
    try {
      await tx.$executeRaw`SAVEPOINT create_organization_key`;
      await tx.organizationKey.create({ data });
      await tx.$executeRaw`RELEASE SAVEPOINT create_organization_key`;
      return data;
    } catch (error) {
      // Another request created it first: use theirs.
      if (!isPrismaError(error, PrismaErrorCode.UniqueConstraint)) throw error;
      await tx.$executeRaw`ROLLBACK TO SAVEPOINT create_organization_key`;
      return tx.organizationKey.findUniqueOrThrow({ where: { organizationId }, select: { wrappedKey: true, masterKeyId: true } });
    }
  }

  /**
   * Re-wraps the organization's data key under the current master key if
   * another one wrapped it. Chunks are untouched: their key does not change.
   */
  async rewrap(tx: ScopedDb, organizationId: string): Promise<boolean> {
    const row = await tx.organizationKey.findUnique({ where: { organizationId }, select: { wrappedKey: true, masterKeyId: true } });
    if (!row || row.masterKeyId === this.current.id) return false;
    const master = this.masterKeys.find((k) => k.id === row.masterKeyId);
    if (!master) throw new Error(`Organization ${organizationId}'s key is wrapped by unknown master key ${row.masterKeyId}.`);
    const dataKey = unwrap(master, organizationId, row.wrappedKey);
    await tx.organizationKey.update({
      where: { organizationId },
      data: { wrappedKey: wrap(this.current, organizationId, dataKey), masterKeyId: this.current.id },
    });
    return true;
  }
}
