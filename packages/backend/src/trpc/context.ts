import type { Database } from "@awan/db";
import type { ClientInfo } from "../auth/client-info";
import { resolveViewer, type Viewer } from "../auth/sessions";
import { getDatabase } from "../db";

export type Context = {
  db: Database;
  viewer: Viewer | null;
  client: ClientInfo;
};

/**
 * Resolves the user and active organization once per request, from the
 * session id that next-auth's cookie carries.
 */
export async function createContext(input: { sessionId: string | null | undefined; client: ClientInfo }): Promise<Context> {
  const db = getDatabase();
  const viewer = input.sessionId ? await resolveViewer(db, input.sessionId) : null;
  return { db, viewer, client: input.client };
}
