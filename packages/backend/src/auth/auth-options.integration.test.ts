import { describe, expect, it } from "vitest";
import { getConfig } from "../config";
import { getAuthOptions } from "./auth-options";

describe("session cookies", () => {
  it("are Secure when the console is served over https, and not over plain http", () => {
    const config = getConfig();
    expect(getAuthOptions({ ...config, publicUrl: new URL("https://awan.example.org") }).useSecureCookies).toBe(true);
    expect(getAuthOptions({ ...config, publicUrl: new URL("http://localhost:3000") }).useSecureCookies).toBe(false);
  });

  it("keep only a session id in the token", async () => {
    const options = getAuthOptions();
    const token = await options.callbacks!.jwt!({
      token: { name: "x" },
      user: { id: "u", email: "e", sessionId: "s-1" } as never,
      account: null,
      trigger: "signIn",
    });
    expect(token.sid).toBe("s-1");
    const session = await options.callbacks!.session!({ session: { expires: "later" }, token } as never);
    expect(session).toEqual({ expires: "later", sessionId: "s-1" });
  });
});
