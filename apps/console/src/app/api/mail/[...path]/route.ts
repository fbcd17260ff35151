import { handleMailTransfer } from "@awan/backend";
import { getSessionId } from "@/lib/viewer";

// A message's sanitized HTML and its attachments; see the backend's mail/mail-transfer.ts.
async function handle(request: Request) {
  return handleMailTransfer(request, await getSessionId());
}

export { handle as GET, handle as HEAD };
