// Who may reach a /dav/files/<email>/ path: only that person, signed in with
// one of their app passwords that is not revoked. Everyone else is refused
// and changes nothing, within the organization and across organizations.
import { withTenantScope } from "@awan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeAppPassword } from "../auth/app-passwords";
import { getDatabase } from "../db";
import { dav, type DavAnswer } from "./testing/dav-client";
import { newDavColleague, newDavOwner, startDavServer, type DavPerson } from "./testing/dav-fixture";

let server: Awaited<ReturnType<typeof startDavServer>>;
beforeAll(async () => {
  server = await startDavServer();
});
afterAll(() => server.close());

const CHALLENGE = 'Basic realm="Awan", charset="UTF-8"';
const listing = async (who: DavPerson) => (await dav(server.baseUrl, who, "PROPFIND", "", { headers: { Depth: "1" } })).text;

/** A victim with a folder and a file in it, and what their listing looks like before anyone tries anything. */
async function victimWithFiles(): Promise<{ victim: DavPerson; before: string }> {
  const victim = await newDavOwner("victim");
  expect((await dav(server.baseUrl, victim, "MKCOL", "Private")).status).toBe(201);
  expect((await dav(server.baseUrl, victim, "PUT", "Private/secret.txt", { body: "the victim's words" })).status).toBe(201);
  return { victim, before: `${await listing(victim)}${(await dav(server.baseUrl, victim, "PROPFIND", "Private/", { headers: { Depth: "1" } })).text}` };
}

/** Every kind of request against the victim's files, as `who` (null: no credentials). */
async function attempts(who: Pick<DavPerson, "email" | "password"> | null, victim: DavPerson): Promise<DavAnswer[]> {
  const owner = { owner: victim };
  const at = (method: string, path: string, extra: { headers?: Record<string, string>; body?: string } = {}) => dav(server.baseUrl, who, method, path, { ...owner, ...extra });
  const destination = `${server.baseUrl}/dav/files/${encodeURIComponent(victim.email)}/Private/stolen.txt`;
  return [
    await at("PROPFIND", "", { headers: { Depth: "1" } }),
    await at("GET", "Private/secret.txt"),
    await at("HEAD", "Private/secret.txt"),
    await at("PUT", "Private/secret.txt", { body: "overwritten" }),
    await at("PUT", "planted.txt", { body: "planted" }),
    await at("DELETE", "Private/secret.txt"),
    await at("MKCOL", "Planted"),
    await at("COPY", "Private/secret.txt", { headers: { Destination: destination } }),
    await at("MOVE", "Private/secret.txt", { headers: { Destination: destination } }),
    await at("PROPPATCH", "Private/secret.txt", {
      body: '<?xml version="1.0"?><D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><x:tag xmlns:x="urn:x">planted</x:tag></D:prop></D:set></D:propertyupdate>',
    }),
  ];
}

async function expectUnchanged(victim: DavPerson, before: string) {
  expect(`${await listing(victim)}${(await dav(server.baseUrl, victim, "PROPFIND", "Private/", { headers: { Depth: "1" } })).text}`).toBe(before);
  expect((await dav(server.baseUrl, victim, "GET", "Private/secret.txt")).text).toBe("the victim's words");
}

describe("WebDAV sign-in", () => {
  it("without credentials: 401 with a Basic challenge for every method, and nothing changes", async () => {
    const { victim, before } = await victimWithFiles();
    for (const answer of await attempts(null, victim)) {
      expect(answer.status).toBe(401);
      expect(answer.headers.get("www-authenticate")).toBe(CHALLENGE);
    }
    await expectUnchanged(victim, before);
  });

  it("with a wrong app password, or the account's own password: 401, and nothing changes", async () => {
    const { victim, before } = await victimWithFiles();
    for (const password of ["not-the-password", "correct horse battery staple", `${victim.password}x`]) {
      for (const answer of await attempts({ email: victim.email, password }, victim)) expect(answer.status).toBe(401);
    }
    await expectUnchanged(victim, before);
  });

  it("with a revoked app password: 401 from the next request on", async () => {
    const person = await newDavOwner("revoked");
    expect((await dav(server.baseUrl, person, "PROPFIND", "", { headers: { Depth: "0" } })).status).toBe(207);
    await withTenantScope(getDatabase(), { organizationId: person.organizationId, userId: person.userId }, (tx) =>
      revokeAppPassword(tx, { organizationId: person.organizationId, userId: person.userId, role: "OWNER" }, person.appPasswordId),
    );
    const answer = await dav(server.baseUrl, person, "PROPFIND", "", { headers: { Depth: "0" } });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("www-authenticate")).toBe(CHALLENGE);
    expect((await dav(server.baseUrl, person, "PUT", "after-revoke.txt", { body: "x" })).status).toBe(401);
  });

  it("one person's app password with another's email is refused", async () => {
    const { victim, before } = await victimWithFiles();
    const colleague = await newDavColleague(victim);
    for (const answer of await attempts({ email: victim.email, password: colleague.password }, victim)) expect(answer.status).toBe(401);
    await expectUnchanged(victim, before);
  });
});

describe("WebDAV paths of other people", () => {
  it("a colleague in the same organization reaches none of another person's files, and changes nothing", async () => {
    const { victim, before } = await victimWithFiles();
    const colleague = await newDavColleague(victim);
    for (const answer of await attempts(colleague, victim)) {
      expect(answer.status).toBe(403);
      expect(answer.text).not.toContain("secret");
    }
    await expectUnchanged(victim, before);
    expect(await listing(colleague)).not.toContain("Private");
  });

  it("a person of another organization reaches none of them either (cross-tenant)", async () => {
    const { victim, before } = await victimWithFiles();
    const stranger = await newDavOwner("stranger");
    for (const answer of await attempts(stranger, victim)) expect(answer.status).toBe(403);
    await expectUnchanged(victim, before);
  });

  it("copy and move cannot name someone else's files as their destination", async () => {
    const { victim, before } = await victimWithFiles();
    const other = await newDavOwner("mover");
    expect((await dav(server.baseUrl, other, "PUT", "mine.txt", { body: "mine" })).status).toBe(201);
    for (const method of ["COPY", "MOVE"]) {
      const answer = await dav(server.baseUrl, other, method, "mine.txt", { headers: { Destination: `/dav/files/${encodeURIComponent(victim.email)}/Private/mine.txt` } });
      expect(answer.status).toBe(403);
    }
    await expectUnchanged(victim, before);
    expect((await dav(server.baseUrl, other, "GET", "mine.txt")).text).toBe("mine");
  });
});
