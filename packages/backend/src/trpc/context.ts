import type { Database } from "@awan/db";
import type { ClientInfo } from "../auth/client-info";
import { resolveViewer, type Viewer } from "../auth/sessions";
import { getDatabase } from "../db";

export type Context = {
  db: Database;
  viewer: Viewer | null;
  client: ClientInfo;
  /**
   * The organization the page that sent the request shows. The active
   * organization belongs to the session, shared by every tab; when another
   * tab switched it, this differs and organization work is refused rather
   * than done in the wrong organization.
   */
  organizationOnScreen?: string | null;
};

/**
 * Resolves the user and active organization once per request, from the
 * session id that next-auth's cookie carries.
 */
export async function createContext(input: {
  sessionId: string | null | undefined;
  client: ClientInfo;
  organizationOnScreen?: string | null;
}): Promise<Context> {
  const db = getDatabase();
  const viewer = input.sessionId ? await resolveViewer(db, input.sessionId) : null;
  return { db, viewer, client: input.client, organizationOnScreen: input.organizationOnScreen ?? null };
}
