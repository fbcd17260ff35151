import { handleMailDraftTransfer } from "@awan/backend";
import { getSessionId } from "@/lib/viewer";

// Files attached to a mail draft from the computer; see the backend's mail/draft-attachment-transfer.ts.
async function handle(request: Request) {
  return handleMailDraftTransfer(request, await getSessionId());
}

export { handle as POST };
