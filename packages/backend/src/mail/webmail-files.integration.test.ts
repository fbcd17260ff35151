import { describe, expect, it } from "vitest";
import { newColleague, newFilesOwner, useTransferServer } from "../files/testing/files-fixture";
import { collect, streamingCaller } from "../chat/testing/chat-fixture";
import type { LiveEvent } from "../live/live-events";
import { LARGE_ATTACHMENT_BYTES } from "./draft-attachments";
import { inOrganization } from "./testing/mail-fixture";

const transfer = useTransferServer();

async function mailboxOf(person: { caller: Awaited<ReturnType<typeof newFilesOwner>>["caller"] }) {
  const [mine] = await person.caller.mail.folders();
  return mine!;
}

describe("webmail with Files and the live feed", () => {
  it("attaches a file from Files by sharing its chunks, sends a large one as a share link, and the recipient's tab hears the new mail", async () => {
    const ann = await newFilesOwner("mailfiles");
    const bob = await newColleague(ann);
    const annBox = await mailboxOf(ann);
    const bobBox = await mailboxOf(bob);
    const small = await transfer.upload(ann, "agenda.txt", "1. Lunch\n2. Plans\n");
    const large = await transfer.upload(ann, "video.bin", Buffer.alloc(LARGE_ATTACHMENT_BYTES + 1, 7));

    const draft = await ann.caller.mail.saveDraft({ fromMailboxId: annBox.id, to: [bobBox.address!], subject: "Agenda" });
    const attached = await ann.caller.mail.attachFromFiles({ draftId: draft.id, fileId: small.id });
    expect(attached).toMatchObject({ kind: "file", name: "agenda.txt", size: 18 });
    const linked = await ann.caller.mail.attachFromFiles({ draftId: draft.id, fileId: large.id });
    expect(linked).toMatchObject({ kind: "link", name: "video.bin", size: LARGE_ATTACHMENT_BYTES + 1, path: expect.stringMatching(/^\/s\/\S+$/) });
    // The attachment shares the file version's chunks: no byte was copied.
    const chunks = await inOrganization(ann.organizationId, async (tx) => {
      const file = await tx.mailDraftAttachment.findFirstOrThrow({ where: { draftId: draft.id }, select: { blob: { select: { chunks: { select: { chunkId: true } } } } } });
      const version = await tx.fileItem.findFirstOrThrow({ where: { id: small.id }, select: { currentVersion: { select: { blob: { select: { chunks: { select: { chunkId: true } } } } } } } });
      return { attachment: file.blob.chunks.map((c) => c.chunkId), version: version.currentVersion!.blob.chunks.map((c) => c.chunkId) };
    });
    expect(chunks.attachment).toEqual(chunks.version);
    expect(await inOrganization(ann.organizationId, (tx) => tx.mailDraftAttachment.count({ where: { draftId: draft.id } }))).toBe(1);

    const abort = new AbortController();
    const feed = ((await streamingCaller(bob, abort.signal).live.onEvent()) as AsyncIterable<LiveEvent>)[Symbol.asyncIterator]();
    try {
      expect((await feed.next()).value).toEqual({ type: "ready" });
      await ann.caller.mail.send({ fromMailboxId: annBox.id, draftId: draft.id, to: [bobBox.address!], subject: "Agenda", text: `See the video: ${linked.kind === "link" ? linked.path : ""}` });
      const inbox = bobBox.folders.find((f) => f.role === "INBOX")!;
      // Presence and the like may come first; the first mail event is Bob's new message.
      let heard: LiveEvent | undefined;
      while (!heard) {
        const [next] = await collect({ [Symbol.asyncIterator]: () => feed }, 1, 10_000, false);
        if (!next) break;
        if (next.type === "mail") heard = next;
      }
      expect(heard).toEqual({ type: "mail", mailboxId: bobBox.id, folderId: inbox.id });
    } finally {
      abort.abort();
      await feed.return?.();
    }
    const [received] = (await bob.caller.mail.messages({ folderId: bobBox.folders.find((f) => f.role === "INBOX")!.id })).messages;
    expect(received).toMatchObject({ subject: "Agenda", hasAttachments: true, attachments: [{ name: "agenda.txt", size: 18 }] });
    expect(received!.snippet).toContain("/s/");
  });
});
