import { handleChatTransfer } from "@awan/backend";
import { getSessionId } from "@/lib/viewer";

// Files sent in chat stream through here; see the backend's chat/attachment-transfer.ts.
async function handle(request: Request) {
  return handleChatTransfer(request, await getSessionId());
}

export { handle as GET, handle as HEAD, handle as POST };
