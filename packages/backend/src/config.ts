import { z } from "zod";
import packageJson from "../../../package.json" with { type: "json" };

// The only place in @awan/backend that reads process.env. Read lazily: the
// console's build imports this package without a running database.
const Env = z.object({
  DATABASE_APP_URL: z.url({ error: "DATABASE_APP_URL must be a postgresql:// URL (npm start sets it)" }),
  NEXTAUTH_SECRET: z.string().min(32, { error: "NEXTAUTH_SECRET must be at least 32 characters (npm start creates one)" }),
  AWAN_PUBLIC_URL: z.url().default("http://localhost:3000"),
  AWAN_ALLOW_SIGNUP: z.enum(["true", "false"]).default("true"),
});

export type BackendConfig = {
  databaseUrl: string;
  authSecret: string;
  publicUrl: URL;
  /** Whether anyone may create an account and organization, or only invited people. */
  allowSignUp: boolean;
  version: string;
};

let cached: BackendConfig | undefined;

export function getConfig(): BackendConfig {
  if (cached) return cached;
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) throw new Error(`Awan is misconfigured:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  cached = {
    databaseUrl: e.DATABASE_APP_URL,
    authSecret: e.NEXTAUTH_SECRET,
    publicUrl: new URL(e.AWAN_PUBLIC_URL),
    allowSignUp: e.AWAN_ALLOW_SIGNUP === "true",
    version: packageJson.version,
  };
  return cached;
}

/** Whether the sign-up page offers new accounts (else only invite links do). */
export function isSignUpOpen(): boolean {
  return getConfig().allowSignUp;
}
