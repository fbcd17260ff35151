import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Database = InstanceType<typeof PrismaClient>;

export function createDatabase(url: string, opts: { maxConnections?: number } = {}): Database {
  const adapter = new PrismaPg({ connectionString: url, max: opts.maxConnections ?? 10 });
  return new PrismaClient({ adapter });
}
