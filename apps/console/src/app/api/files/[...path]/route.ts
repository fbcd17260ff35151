import { handleFileTransfer } from "@awan/backend";
import { getSessionId } from "@/lib/viewer";

// Uploads (tus) and downloads stream through here; see the backend's file-transfer.ts.
async function handle(request: Request) {
  return handleFileTransfer(request, await getSessionId());
}

export { handle as DELETE, handle as GET, handle as HEAD, handle as OPTIONS, handle as PATCH, handle as POST };
