import { router } from "../trpc/init";
import { platformAdminProcedure } from "../trpc/procedures";
import { getStorageEngine } from "./engine-instance";
import { storageStatus } from "./status";

export const storageRouter = router({
  status: platformAdminProcedure.query(({ ctx }) => storageStatus(ctx.db, getStorageEngine())),
  /** Verifies and repairs every replica now, and reports what it did. */
  scrub: platformAdminProcedure.mutation(() => getStorageEngine().scrub()),
});
