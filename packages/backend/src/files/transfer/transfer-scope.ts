import type { Database } from "@awan/db";
import { withAfterCommit } from "../../after-commit";
import type { Viewer } from "../../auth/sessions";
import { DomainError } from "../../errors";
import type { FileScope } from "../file-scope";

/** A transfer request's organization and person, and a way to run files services for them. */
export type TransferScope = {
  organizationId: string;
  /** The URL prefix of this organization's transfer routes, e.g. for an upload's Location. */
  basePath: string;
  run<T>(work: (files: FileScope) => Promise<T>): Promise<T>;
};

/**
 * The organization named in the URL, for a signed-in member of it (a guest
 * too: the files services let guests reach only what is shared with them).
 * Anyone else gets NOT_FOUND, exactly as for an organization that does not exist.
 */
export function transferScope(db: Database, viewer: Viewer | null, organizationId: string, basePath: string): TransferScope {
  if (!viewer) throw new DomainError("UNAUTHORIZED", "Your session has ended. Sign in again.");
  const membership = viewer.organizations.find((o) => o.id === organizationId);
  if (!membership) throw new DomainError("NOT_FOUND", "This does not exist, or you cannot see it.");
  const actor = { organizationId, userId: viewer.user.id, role: membership.role };
  return {
    organizationId,
    basePath,
    run: (work) => withAfterCommit(db, { organizationId, userId: actor.userId }, (tx, afterCommit) => work({ tx, actor, afterCommit })),
  };
}
