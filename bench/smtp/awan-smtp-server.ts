// The product as the SMTP benchmark drives it, in a process of its own (as
// postfix runs in its own): an organization of PEOPLE members, each with a
// personal mailbox on the organization's default domain, and the inbound SMTP
// server over the real storage engine (AES-256-GCM, both replicas durable
// before 250, metadata in PostgreSQL with fsync on). DNS for SPF/DKIM/DMARC is
// one that knows no records (no network here). Prints one JSON line
// {"port", "organizationId", "addresses"} once it accepts mail; runs until SIGTERM.
// Environment: DATABASE_APP_URL, NEXTAUTH_SECRET, AWAN_DATA_DIR (storage nodes a and b under it).
import crypto from "node:crypto";
import { withTenantScope } from "@awan/db";
import { signUp, signUpWithInvitation } from "../../packages/backend/src/auth/sign-up";
import { getDatabase } from "../../packages/backend/src/db";
import { startInboundSmtp } from "../../packages/backend/src/mail/inbound-smtp";
import { ensurePersonalMailboxes } from "../../packages/backend/src/mail/provisioning";
import { fakeDns } from "../../packages/backend/src/mail/testing/smtp-peers";
import { createInvitation } from "../../packages/backend/src/tenancy/invitations";

const PASSWORD = "correct horse battery staple";
const people = Number(process.argv[2] ?? 10);

async function seedOrganization(): Promise<{ organizationId: string; addresses: string[] }> {
  const db = getDatabase();
  const tag = crypto.randomUUID().slice(0, 6);
  const { organizationId, userId } = await signUp(db, { name: "Bench Owner", email: `person0-${tag}@example.test`, password: PASSWORD, organizationName: `Mail bench ${tag}` });
  const actor = { organizationId, userId, role: "OWNER" as const };
  const { token } = await withTenantScope(db, actor, (tx) => createInvitation(tx, actor, { role: "MEMBER", expiresInDays: 1, maxUses: people }));
  for (let i = 1; i < people; i++) await signUpWithInvitation(db, { name: `Person ${i}`, email: `person${i}-${tag}@example.test`, password: PASSWORD, token });
  return withTenantScope(db, { organizationId }, async (tx) => {
    await ensurePersonalMailboxes(tx, organizationId);
    const rows = await tx.mailAddress.findMany({ where: { organizationId, isPrimary: true }, select: { address: true }, orderBy: { address: "asc" } });
    return { organizationId, addresses: rows.map((r) => r.address) };
  });
}

const { organizationId, addresses } = await seedOrganization();
const smtp = await startInboundSmtp({ port: 0, host: "127.0.0.1", resolver: fakeDns() });
process.stdout.write(`${JSON.stringify({ port: smtp!.port, organizationId, addresses })}\n`);
// A normal exit on SIGTERM, so that a run under --cpu-prof writes its profile.
process.once("SIGTERM", () => void smtp!.close().then(() => process.exit(0)));
