// The file transfer routes over real HTTP on a loopback port, for clients
// that speak HTTP themselves (tus-js-client, fetch with ranges). The console
// resolves the session from next-auth's cookie; here a test names it in a header.
import { startHttpTestServer } from "../../testing/http-test-server";
import { handleFileTransfer } from "../transfer/file-transfer";

export const TEST_SESSION_HEADER = "x-test-session";

export function startTransferServer(): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  return startHttpTestServer((request) => handleFileTransfer(request, request.headers.get(TEST_SESSION_HEADER)));
}
