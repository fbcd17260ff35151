"use client";

import type { RouterOutputs } from "@awan/backend";
import { formatBytes } from "@awan/backend/format-bytes";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { currentOrganizationId } from "@/lib/organization-on-screen";
import { useTRPC } from "@/lib/trpc";

type MessageView = RouterOutputs["mailView"]["get"];

const PREVIEWED = /^image\/(png|jpeg|gif|webp|avif|bmp)$/;
// Addresses in plain text mail, made into links; trailing punctuation stays text.
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** Where a message's documents come from: the console's mail routes (backend mail/mail-transfer.ts), for the organization on screen. */
function messageUrls(messageId: string) {
  const base = `/api/mail/${currentOrganizationId()}/messages/${messageId}`;
  return {
    body: (showImages: boolean) => `${base}/body${showImages ? "?images=1" : ""}`,
    download: (index: number) => `${base}/attachments/${index}`,
    preview: (index: number) => `${base}/attachments/${index}?inline=1`,
  };
}

/**
 * One message's body in the reading pane: how its sender was verified, its
 * HTML in a sandboxed frame (no scripts, no same-origin access; remote images
 * only when allowed) or its text, and its attachments.
 */
export function MessageBody({ messageId }: { messageId: string }) {
  const trpc = useTRPC();
  const view = useQuery(trpc.mailView.get.queryOptions({ messageId }));
  if (view.isPending) return <p className="text-sm text-zinc-500" role="status">Loading message…</p>;
  if (view.isError) return <p className="text-sm text-red-600" role="alert">{view.error.message}</p>;
  return <LoadedMessageBody view={view.data} />;
}

function LoadedMessageBody({ view }: { view: MessageView }) {
  const [showImages, setShowImages] = useState(false);
  const [asText, setAsText] = useState(false);
  const urls = messageUrls(view.id);
  const imagesShown = showImages || view.senderTrusted;
  const sender = view.from?.address ?? null;
  return (
    <div className="space-y-3" data-testid="message-body">
      <AuthenticationLine auth={view.auth} />
      {view.hasHtml && !asText ? (
        <>
          {view.blockedImages > 0 && !imagesShown ? (
            <RemoteImagesBanner messageId={view.id} sender={sender} onShow={() => setShowImages(true)} />
          ) : null}
          {view.senderTrusted && view.blockedImages > 0 ? <TrustedSenderLine messageId={view.id} sender={sender} /> : null}
          <iframe
            // A new src (images allowed) is a new document; the key makes React replace the frame too.
            key={String(imagesShown)}
            title="Message content"
            src={urls.body(showImages)}
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            referrerPolicy="no-referrer"
            className="h-[70vh] min-h-72 w-full rounded border border-zinc-200 bg-white dark:border-zinc-800"
          />
          <p className="flex gap-3 text-xs text-zinc-500">
            <button type="button" className="underline hover:text-zinc-800 dark:hover:text-zinc-200" onClick={() => setAsText(true)}>
              Show as plain text
            </button>
            <a href={urls.body(showImages)} target="_blank" rel="noopener noreferrer" className="underline hover:text-zinc-800 dark:hover:text-zinc-200">
              Open in a new tab
            </a>
          </p>
        </>
      ) : (
        <>
          <PlainText text={view.text} />
          {view.hasHtml ? (
            <button type="button" className="text-xs text-zinc-500 underline hover:text-zinc-800 dark:hover:text-zinc-200" onClick={() => setAsText(false)}>
              Show formatted
            </button>
          ) : null}
        </>
      )}
      <AttachmentList view={view} urls={urls} />
    </div>
  );
}

function AuthenticationLine({ auth }: { auth: MessageView["auth"] }) {
  const verdicts = (["spf", "dkim", "dmarc"] as const).filter((name) => auth[name] !== null);
  if (verdicts.length === 0) return null;
  return (
    <p className="text-xs text-zinc-500" aria-label="Sender verification">
      {verdicts.map((name, i) => {
        const verdict = auth[name]!;
        const tone = verdict === "pass" ? "text-green-700 dark:text-green-400" : verdict === "fail" ? "text-red-600 dark:text-red-400" : "";
        return (
          <Fragment key={name}>
            {i > 0 ? " · " : null}
            {name.toUpperCase()} <span className={tone}>{verdict}</span>
          </Fragment>
        );
      })}
    </p>
  );
}

function useTrustMutation(kind: "trustSender" | "untrustSender", messageId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = kind === "trustSender" ? trpc.mailView.trustSender.mutationOptions() : trpc.mailView.untrustSender.mutationOptions();
  return useMutation({
    ...options,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.mailView.get.queryKey({ messageId }) }),
  });
}

function RemoteImagesBanner({ messageId, sender, onShow }: { messageId: string; sender: string | null; onShow: () => void }) {
  const trust = useTrustMutation("trustSender", messageId);
  return (
    <div role="region" aria-label="Remote images" className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
      Remote images are hidden to protect your privacy.{" "}
      <button type="button" onClick={onShow} className="font-medium underline">
        Show images
      </button>
      {sender ? (
        <>
          {" · "}
          <button type="button" onClick={() => trust.mutate({ messageId })} disabled={trust.isPending} className="font-medium underline disabled:opacity-50">
            Always show from {sender}
          </button>
        </>
      ) : null}
      {trust.isError ? <span role="alert" className="ml-2 text-red-700">{trust.error.message}</span> : null}
    </div>
  );
}

function TrustedSenderLine({ messageId, sender }: { messageId: string; sender: string | null }) {
  const untrust = useTrustMutation("untrustSender", messageId);
  return (
    <p className="text-xs text-zinc-500">
      Images from {sender} are shown automatically.{" "}
      <button type="button" onClick={() => untrust.mutate({ messageId })} disabled={untrust.isPending} className="underline disabled:opacity-50">
        Stop showing them
      </button>
      {untrust.isError ? <span role="alert" className="ml-2 text-red-600">{untrust.error.message}</span> : null}
    </p>
  );
}

/** Text mail as written, with its web addresses as links that open elsewhere. */
function PlainText({ text }: { text: string }) {
  if (!text.trim()) return <p className="text-sm italic text-zinc-500">This message has no text.</p>;
  const pieces: (string | { url: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    pieces.push(text.slice(last, match.index), { url: match[0] });
    last = match.index + match[0].length;
  }
  pieces.push(text.slice(last));
  return (
    <div className="whitespace-pre-wrap break-words text-sm" data-testid="message-text">
      {pieces.map((piece, i) =>
        typeof piece === "string" ? (
          <Fragment key={i}>{piece}</Fragment>
        ) : (
          <a key={i} href={piece.url} target="_blank" rel="noopener noreferrer nofollow" className="text-blue-700 underline dark:text-blue-400">
            {piece.url}
          </a>
        ),
      )}
    </div>
  );
}

function AttachmentList({ view, urls }: { view: MessageView; urls: ReturnType<typeof messageUrls> }) {
  // Parts the HTML shows in place are not listed again, unless there is no HTML shown.
  const listed = view.attachments.filter((a) => !a.isInline);
  if (listed.length === 0) return null;
  return (
    <ul aria-label="Attachments" className="flex flex-wrap gap-2">
      {listed.map((a) => (
        <li key={a.index}>
          {PREVIEWED.test(a.mediaType) ? (
            <a href={urls.download(a.index)} download={a.name} title={`Download ${a.name} (${formatBytes(a.size)})`} className="block">
              {/* eslint-disable-next-line @next/next/no-img-element -- served by the mail routes with the reader's session */}
              <img src={urls.preview(a.index)} alt={a.name} loading="lazy" className="max-h-32 max-w-48 rounded border border-zinc-200 dark:border-zinc-700" />
            </a>
          ) : (
            <a
              href={urls.download(a.index)}
              download={a.name}
              className="flex items-center gap-2 rounded border border-zinc-200 px-2 py-1 text-sm hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
            >
              <span aria-hidden>📎</span>
              <span className="max-w-56 truncate">{a.name}</span>
              <span className="text-xs text-zinc-500">{formatBytes(a.size)}</span>
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
