import { handleTrpcRequest } from "@awan/backend";
import { getSessionId } from "@/lib/viewer";

async function handle(request: Request) {
  return handleTrpcRequest(request, await getSessionId());
}

export { handle as GET, handle as POST };
