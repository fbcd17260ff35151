"use client";

import { Card } from "@awan/ui/card";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc";
import { AliasEditor } from "./alias-editor";
import { MailboxUsage } from "./mailbox-usage";
import { QueryView } from "./query-view";

/** Mailboxes: each member's addresses (main and aliases) and how full their mailbox is. */
export function MailboxList() {
  const trpc = useTRPC();
  const mailboxes = useQuery(trpc.mailAdmin.mailboxes.queryOptions());
  return (
    <Card title="Mailboxes" description="Every member has a mailbox. Aliases deliver to it too; the main address is the one they send as.">
      <QueryView query={mailboxes} empty={(data) => (data.length === 0 ? "No members have a mailbox yet." : null)}>
        {(data) => (
          <ul aria-label="Members' mailboxes" className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {data.map((mailbox) => {
              const name = mailbox.owner?.name ?? mailbox.displayName;
              return (
                <li key={mailbox.id} aria-label={name} className="flex flex-wrap items-start justify-between gap-3 py-3">
                  <div className="min-w-0 flex-1 space-y-2">
                    <p>
                      <span className="font-medium">{name}</span>
                      {mailbox.owner ? <span className="ml-2 text-sm text-zinc-500 dark:text-zinc-400">{mailbox.owner.email}</span> : null}
                    </p>
                    <AliasEditor mailboxId={mailbox.id} mailboxName={name} addresses={mailbox.addresses} />
                  </div>
                  <MailboxUsage name={name} usedBytes={mailbox.usedBytes} quotaBytes={mailbox.quotaBytes} />
                </li>
              );
            })}
          </ul>
        )}
      </QueryView>
    </Card>
  );
}
