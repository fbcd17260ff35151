import { inject } from "vitest";

// The same variables the console process receives from `npm start`.
const env = inject("testEnv");
process.env.DATABASE_URL = env.ownerUrl;
process.env.DATABASE_APP_URL = env.appUrl;
process.env.NEXTAUTH_SECRET = env.authSecret;
process.env.AWAN_DATA_DIR = env.dataDir;
