import { describe, expect, it } from "vitest";
import { getDatabase } from "../db";
import { callerFor, newAccount, TEST_PASSWORD } from "../testing/fixtures";
import { authorizeCredentials } from "./credentials";
import { resolveViewer } from "./sessions";

const client = { ipAddress: "192.0.2.44", userAgent: "vitest" };

describe("account", () => {
  it("changes the password only with the current one, and ends every other session", async () => {
    const db = getDatabase();
    const person = await newAccount("pw");
    const { caller, sessionId } = await callerFor(person.userId);
    const other = await callerFor(person.userId);

    await expect(caller.account.changePassword({ currentPassword: "not it", newPassword: "a brand new password" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Your current password is not right.",
    });
    await expect(caller.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "short" })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    expect(await caller.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "a brand new password" })).toEqual({ endedSessions: 1 });
    expect(await resolveViewer(db, other.sessionId)).toBeNull();
    expect(await resolveViewer(db, sessionId)).not.toBeNull();
    expect(await authorizeCredentials(db, { email: person.email, password: TEST_PASSWORD }, client)).toBeNull();
    expect(await authorizeCredentials(db, { email: person.email, password: "a brand new password" }, client)).not.toBeNull();
  });

  it("lists the user's sessions and ends one, or all the others", async () => {
    const person = await newAccount("sessions");
    const { caller, sessionId } = await callerFor(person.userId);
    const second = await callerFor(person.userId);
    const third = await callerFor(person.userId);

    const sessions = await caller.account.sessions();
    expect(sessions.map((s) => s.id).sort()).toEqual([sessionId, second.sessionId, third.sessionId].sort());
    expect(sessions.find((s) => s.current)?.id).toBe(sessionId);

    await caller.account.endSession({ sessionId: second.sessionId });
    await expect(second.caller.auth.viewer()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(caller.account.endSession({ sessionId: second.sessionId })).rejects.toMatchObject({ code: "NOT_FOUND" });

    expect(await caller.account.endOtherSessions()).toEqual({ ended: 1 });
    expect((await caller.account.sessions()).map((s) => s.id)).toEqual([sessionId]);
  });

  it("renames the user", async () => {
    const person = await newAccount("renamed");
    const { caller } = await callerFor(person.userId);
    await caller.account.rename({ name: "  Ada Lovelace " });
    expect((await caller.auth.viewer()).user.name).toBe("Ada Lovelace");
  });
});
