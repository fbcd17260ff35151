// WebDAV over real HTTP on a loopback port, as the console's server hands
// /dav/ to it, and people with app passwords to sign in with.
import { withTenantScope } from "@awan/db";
import { createAppPassword } from "../../auth/app-passwords";
import { getDatabase } from "../../db";
import { addMember, newAccount } from "../../testing/fixtures";
import { startLoopbackServer, type LoopbackServer } from "../../testing/http-test-server";
import { handleWebDav } from "../webdav";

export function startDavServer(): Promise<LoopbackServer> {
  return startLoopbackServer((req, res) => void handleWebDav(req, res));
}

export type DavPerson = { organizationId: string; userId: string; email: string; password: string; appPasswordId: string };

/** An app password for a person, as Settings → App passwords makes one. */
export async function appPasswordFor(who: { organizationId: string; userId: string; email: string }, name = "WebDAV test"): Promise<DavPerson> {
  const actor = { organizationId: who.organizationId, userId: who.userId, role: "MEMBER" as const };
  const created = await withTenantScope(getDatabase(), { organizationId: who.organizationId, userId: who.userId }, (tx) => createAppPassword(tx, actor, name));
  return { ...who, password: created.password, appPasswordId: created.id };
}

/** A new person who owns a new organization, with an app password. */
export async function newDavOwner(label = "dav"): Promise<DavPerson> {
  return appPasswordFor(await newAccount(label));
}

/** A colleague in `owner`'s organization, with an app password. */
export async function newDavColleague(owner: DavPerson, role: "MEMBER" | "GUEST" = "MEMBER"): Promise<DavPerson> {
  const { userId, email } = await addMember(owner.organizationId, owner.userId, role);
  return appPasswordFor({ organizationId: owner.organizationId, userId, email });
}

/** The person's WebDAV root URL (the email escaped as clients send it). */
export const davRoot = (baseUrl: string, who: { email: string }) => `${baseUrl}/dav/files/${encodeURIComponent(who.email)}/`;

export const basicAuth = (who: { email: string; password: string }) => `Basic ${Buffer.from(`${who.email}:${who.password}`).toString("base64")}`;
