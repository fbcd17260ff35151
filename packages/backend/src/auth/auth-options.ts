import type { Database } from "@awan/db";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig, type BackendConfig } from "../config";
import { getDatabase } from "../db";
import { clientInfo } from "./client-info";
import { authorizeCredentials, type SignedInUser } from "./credentials";
import { revokeSession, SESSION_MAX_AGE_SECONDS } from "./sessions";

declare module "next-auth" {
  interface Session {
    sessionId?: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}

/**
 * next-auth keeps only a session id in its signed JWT cookie; the Session
 * table decides whether that id is still good, so sign-out and revocation
 * take effect at once. Cookies are HttpOnly and SameSite=Lax, and Secure
 * when the public URL is https.
 */
export function getAuthOptions(config: BackendConfig = getConfig(), db: Database = getDatabase()): NextAuthOptions {
  return {
    secret: config.authSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: config.publicUrl.protocol === "https:",
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, req) => authorizeCredentials(db, credentials, clientInfo(req.headers ?? {})),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sid = (user as SignedInUser).sessionId;
        return token;
      },
      session({ session, token }) {
        return { expires: session.expires, sessionId: token.sid };
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid) await revokeSession(db, token.sid);
      },
    },
  };
}
