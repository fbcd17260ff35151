import { describe, expect, it } from "vitest";
import { getDatabase } from "../db";
import { anonymousCaller, callerFor, newAccount, TEST_PASSWORD, uniqueEmail } from "../testing/fixtures";
import { authorizeCredentials, TOO_MANY_ATTEMPTS } from "./credentials";
import { resolveViewer, revokeSession } from "./sessions";
import { refuseLockedSignIn } from "./sign-in-guard";
import { countAttempt, purgeStaleThrottles, retryAfterSeconds, signInThrottles, THROTTLE_POLICY } from "./sign-in-throttle";

const client = (ipAddress: string) => ({ ipAddress, userAgent: "vitest" });

describe("sign-up", () => {
  it("creates the user as owner of a new organization, with an argon2id password hash", async () => {
    const email = uniqueEmail("signup");
    await anonymousCaller().auth.signUp({ name: "Ada", email: email.toUpperCase(), password: TEST_PASSWORD, organizationName: "Ada's Lab" });
    const user = await getDatabase().user.findUniqueOrThrow({ where: { email }, select: { id: true, passwordHash: true } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const { caller } = await callerFor(user.id);
    const viewer = await caller.auth.viewer();
    expect(viewer.organization).toMatchObject({ name: "Ada's Lab", role: "OWNER", slug: "ada-s-lab" });
  });

  it("refuses a second account with the same email, whatever its case", async () => {
    const { email } = await newAccount("dup");
    await expect(
      anonymousCaller().auth.signUp({ name: "Dup", email: email.toUpperCase(), password: TEST_PASSWORD, organizationName: "X" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already exists/) });
  });

  it("explains each invalid field", async () => {
    const attempt = anonymousCaller().auth.signUp({ name: " ", email: "not-an-email", password: "short", organizationName: "" });
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("gives organizations with the same name different addresses", async () => {
    const slugs = [];
    for (const label of ["first", "second"]) {
      const email = uniqueEmail(label);
      await anonymousCaller().auth.signUp({ name: label, email, password: TEST_PASSWORD, organizationName: "Same Name Co" });
      const user = await getDatabase().user.findUniqueOrThrow({ where: { email }, select: { id: true } });
      slugs.push((await (await callerFor(user.id)).caller.auth.viewer()).organization?.slug);
    }
    expect(slugs[0]).toMatch(/^same-name-co/);
    expect(slugs[1]).toMatch(/^same-name-co-[0-9a-f]{6}$/);
  });
});

describe("sign-in and sessions", () => {
  it("opens a session for the right password and none for a wrong one", async () => {
    const { email, userId } = await newAccount("signin");
    const db = getDatabase();
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    expect(await authorizeCredentials(db, { email, password: "wrong password" }, client(ip))).toBeNull();
    expect(await authorizeCredentials(db, { email: uniqueEmail("nobody"), password: TEST_PASSWORD }, client(ip))).toBeNull();
    const user = await authorizeCredentials(db, { email, password: TEST_PASSWORD }, client(ip));
    expect(user).toMatchObject({ id: userId, email });
    expect((await resolveViewer(db, user!.sessionId))?.user.id).toBe(userId);
  });

  it("ends a session at once when it is revoked (sign-out)", async () => {
    const { userId } = await newAccount("signout");
    const db = getDatabase();
    const { caller, sessionId } = await callerFor(userId);
    await expect(caller.auth.viewer()).resolves.toBeTruthy();
    await revokeSession(db, sessionId);
    expect(await resolveViewer(db, sessionId)).toBeNull();
  });

  it("refuses procedures without a session", async () => {
    await expect(anonymousCaller().auth.viewer()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymousCaller().member.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("sign-in throttle", () => {
  const randomAddress = () => `198.18.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}-${Date.now()}`;
  const signInRequest = (email: string, ip = "127.0.0.1") =>
    new Request("http://localhost/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
      body: new URLSearchParams({ email, password: TEST_PASSWORD }),
    });

  it("slows repeated attempts, then locks the account even for the right password", async () => {
    const db = getDatabase();
    const { email } = await newAccount("brute");
    const address = randomAddress();
    const throttles = signInThrottles(email, address);
    const verdicts = [];
    for (let i = 0; i < THROTTLE_POLICY.accountLimit; i++) verdicts.push(await countAttempt(db, throttles));
    expect(verdicts.map((v) => v.allowed)).toEqual(Array(THROTTLE_POLICY.accountLimit).fill(true));
    const delays = verdicts.map((v) => (v.allowed ? v.delayMs : -1));
    expect(delays.slice(0, THROTTLE_POLICY.slowAfter)).toEqual([0, 0, 0]);
    expect(delays[THROTTLE_POLICY.slowAfter]).toBeGreaterThan(0);
    expect(delays.at(-1)).toBe(THROTTLE_POLICY.maxDelayMs);

    await expect(authorizeCredentials(db, { email, password: TEST_PASSWORD }, client(address))).rejects.toThrow(TOO_MANY_ATTEMPTS);
    const retryAfter = await retryAfterSeconds(db, throttles);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    const refused = await refuseLockedSignIn(signInRequest(email, address));
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await refused?.json()).toMatchObject({ message: "Too many failed sign-in attempts. Try again in 15 minutes." });
  });

  it("lets no more than the limit through when guesses arrive all at once, from one address or from many", async () => {
    const db = getDatabase();
    const burst = async (count: number, address: () => string) => {
      const { email } = await newAccount("burst");
      const verdicts = await Promise.all(Array.from({ length: count }, () => countAttempt(db, signInThrottles(email, address()))));
      return verdicts.filter((v) => v.allowed).length;
    };
    const one = randomAddress();
    expect(await burst(THROTTLE_POLICY.accountLimit + 5, () => one)).toBe(THROTTLE_POLICY.accountLimit);
    expect(await burst(THROTTLE_POLICY.accountWideLimit + 5, randomAddress)).toBe(THROTTLE_POLICY.accountWideLimit);
  });

  it("locks an account only for the address that guessed it, so its owner still signs in from elsewhere", async () => {
    const db = getDatabase();
    const { email } = await newAccount("targeted");
    const attacker = randomAddress();
    // Ten wrong guesses, counted as authorizeCredentials counts them (without waiting out their delays).
    for (let i = 0; i < THROTTLE_POLICY.accountLimit; i++) await countAttempt(db, signInThrottles(email, attacker));
    await expect(authorizeCredentials(db, { email, password: TEST_PASSWORD }, client(attacker))).rejects.toThrow(TOO_MANY_ATTEMPTS);
    expect((await refuseLockedSignIn(signInRequest(email, attacker)))?.status).toBe(429);
    const owner = randomAddress();
    expect(await refuseLockedSignIn(signInRequest(email, owner))).toBeNull();
    expect(await authorizeCredentials(db, { email, password: TEST_PASSWORD }, client(owner))).not.toBeNull();
  });

  it("locks an address that tries many accounts", async () => {
    const db = getDatabase();
    const ipAddress = randomAddress();
    for (let i = 0; i < THROTTLE_POLICY.addressLimit; i++) await countAttempt(db, signInThrottles(uniqueEmail("spray"), ipAddress));
    expect(await retryAfterSeconds(db, signInThrottles(uniqueEmail("fresh"), ipAddress))).toBe(0);
    expect((await countAttempt(db, signInThrottles(uniqueEmail("fresh"), ipAddress))).allowed).toBe(false);
    expect(await retryAfterSeconds(db, signInThrottles(uniqueEmail("fresh"), ipAddress))).toBeGreaterThan(0);
  });

  it("does not count successful sign-ins against an address shared by many people", async () => {
    const db = getDatabase();
    const ipAddress = randomAddress();
    const people = await Promise.all(Array.from({ length: 5 }, () => newAccount("office")));
    for (let round = 0; round < Math.ceil(THROTTLE_POLICY.addressLimit / people.length) + 1; round++) {
      for (const person of people) {
        expect(await authorizeCredentials(db, { email: person.email, password: TEST_PASSWORD }, client(ipAddress))).not.toBeNull();
      }
    }
  });

  it("lets through an account that is not locked, and forgets stale counters", async () => {
    expect(await refuseLockedSignIn(signInRequest(uniqueEmail("fine")))).toBeNull();
    const db = getDatabase();
    await countAttempt(db, signInThrottles(uniqueEmail("stale"), null));
    const later = new Date(Date.now() + THROTTLE_POLICY.windowMs + 1000);
    expect(await purgeStaleThrottles(db, later)).toBeGreaterThan(0);
  });
});
