// The transfer routes over real HTTP for people who reach files through a
// share: unlike files-fixture's upload, nothing here lists the folder after
// (someone who may only add files cannot), and answers come back as they are.
import { afterAll, beforeAll } from "vitest";
import type { FilesPerson } from "../../files/testing/files-fixture";
import { tusUpload } from "../../files/testing/transfer-client";
import { startTransferServer, TEST_SESSION_HEADER } from "../../files/testing/transfer-server";

export function useTransferAs() {
  let server: Awaited<ReturnType<typeof startTransferServer>>;
  beforeAll(async () => {
    server = await startTransferServer();
  });
  afterAll(() => server.close());
  const person = (who: FilesPerson) => ({ ...who, base: `${server.baseUrl}/api/files/${who.organizationId}`, headers: { [TEST_SESSION_HEADER]: who.sessionId } });

  return {
    /** Uploads through tus; rejects with the server's answer when refused. */
    upload: (who: FilesPerson, name: string, content: string, options: { folderId: string | null; onConflict?: "FAIL" | "REPLACE" | "KEEP_BOTH" }) =>
      tusUpload(person(who), name, Buffer.from(content), { ...options, contentType: "text/plain" }),
    /** GET of a transfer path ("/items/<id>/content", "/zip?ids=..."): its status and body. */
    get: async (who: FilesPerson, path: string) => {
      const p = person(who);
      const response = await fetch(`${p.base}${path}`, { headers: p.headers });
      return { status: response.status, text: await response.text() };
    },
    /** Declares an upload and sends nothing: the status the server answers. */
    startUpload: async (who: FilesPerson, name: string, folderId: string) => {
      const p = person(who);
      const metadata = `name ${Buffer.from(name).toString("base64")},folderId ${Buffer.from(folderId).toString("base64")}`;
      const response = await fetch(`${p.base}/uploads`, { method: "POST", headers: { ...p.headers, "Tus-Resumable": "1.0.0", "Upload-Length": "4", "Upload-Metadata": metadata } });
      return response.status;
    },
  };
}
