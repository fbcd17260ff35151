import path from "node:path";
import { readOrCreateSecret } from "@awan/db/launcher";
import { z } from "zod";

// The settings of the whole product that the start and test scripts pass on
// to the console process; each has a working default.
const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  AWAN_PUBLIC_URL: z.url().optional(),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  AWAN_ALLOW_SIGNUP: z.enum(["true", "false"]).default("true"),
  /** Whether a reverse proxy in front sets X-Forwarded-For (else the socket address is used). */
  AWAN_TRUST_PROXY: z.enum(["true", "false"]).default("false"),
});

/** Environment for the console: the app's database URL and the auth secret, never the owner's URL. */
export function consoleEnv(opts: { dataDir: string; appUrl: string; port?: number }): NodeJS.ProcessEnv {
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) throw new Error(`Invalid settings:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const port = opts.port ?? e.PORT;
  const publicUrl = e.AWAN_PUBLIC_URL ?? `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_APP_URL: opts.appUrl,
    NEXTAUTH_SECRET: e.NEXTAUTH_SECRET ?? readOrCreateSecret(path.join(opts.dataDir, "secrets/auth-secret")),
    NEXTAUTH_URL: publicUrl,
    AWAN_PUBLIC_URL: publicUrl,
    AWAN_ALLOW_SIGNUP: e.AWAN_ALLOW_SIGNUP,
    AWAN_TRUST_PROXY: e.AWAN_TRUST_PROXY,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DATABASE_URL;
  return env;
}
