"use client";

import type { RouterOutputs } from "@awan/backend";
import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Card } from "@awan/ui/card";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";
import { DnsRecordTable } from "./dns-record-table";
import { QueryView } from "./query-view";

type Domain = RouterOutputs["mailAdmin"]["domains"][number];

/** Domains: the default first, each with its DNS records, a DNS check and (for added ones) Remove. */
export function DomainList() {
  const trpc = useTRPC();
  const domains = useQuery(trpc.mailAdmin.domains.queryOptions());
  return (
    <Card title="Domains" description="Mail to these domains is delivered to your organization's mailboxes.">
      <QueryView query={domains}>
        {(data) => (
          <ul aria-label="Mail domains" className="space-y-4">
            {data.map((domain) => (
              <DomainItem key={domain.id} domain={domain} />
            ))}
          </ul>
        )}
      </QueryView>
      {domains.data?.length === 1 ? (
        <p className="mt-4 text-sm text-zinc-500 dark:text-zinc-400">No domains of your own yet. Add one below to receive mail at your own addresses.</p>
      ) : null}
    </Card>
  );
}

function DomainItem({ domain }: { domain: Domain }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries(trpc.mailAdmin.pathFilter());
  const [confirming, setConfirming] = useState(false);
  const check = useMutation(trpc.mailAdmin.checkDns.mutationOptions({ onSettled: () => void refresh() }));
  const remove = useMutation(trpc.mailAdmin.removeDomain.mutationOptions({ onSuccess: () => void refresh() }));
  const checkedAt = domain.dnsCheckedAt ? new Date(domain.dnsCheckedAt).toLocaleString() : null;

  return (
    <li aria-label={domain.name} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="flex flex-wrap items-center gap-2 font-medium">
          <span className="break-all">{domain.name}</span>
          {domain.isDefault ? <span className="rounded bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700 dark:bg-zinc-800 dark:text-zinc-200">Default</span> : null}
          <span className="text-sm font-normal text-zinc-500 dark:text-zinc-400">
            {domain.addressCount} {domain.addressCount === 1 ? "address" : "addresses"}
          </span>
        </h3>
        <span className="flex flex-wrap gap-1">
          <Button variant="secondary" busy={check.isPending} onClick={() => check.mutate({ domainId: domain.id })} aria-label={`Check DNS for ${domain.name}`}>
            Check DNS
          </Button>
          {domain.isDefault ? null : confirming ? (
            <>
              <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate({ domainId: domain.id, removeAliases: domain.addressCount > 0 })}>
                Remove {domain.name}
              </Button>
              <Button variant="ghost" onClick={() => { setConfirming(false); remove.reset(); }}>Cancel</Button>
            </>
          ) : (
            <Button variant="ghost" className="text-red-700 dark:text-red-400" aria-label={`Remove ${domain.name}`} onClick={() => setConfirming(true)}>
              Remove
            </Button>
          )}
        </span>
      </div>
      {confirming ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          {domain.addressCount > 0
            ? `Its ${domain.addressCount} ${domain.addressCount === 1 ? "address goes" : "addresses go"} with it; mail to them will be refused. Main addresses must move to another domain first.`
            : "Mail to this domain will be refused from then on."}
        </p>
      ) : null}
      <div className="mt-2 space-y-2" aria-live="polite">
        {check.error ? <Alert>{errorMessage(check.error)}</Alert> : null}
        {remove.error ? <Alert>{errorMessage(remove.error)}</Alert> : null}
        {checkedAt ? <p className="text-xs text-zinc-500 dark:text-zinc-400">DNS last checked {checkedAt}.</p> : null}
      </div>
      {domain.isDefault ? (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">
            Mail to this domain works on this server without any DNS. Its records, for the server&apos;s operator
          </summary>
          <div className="mt-2"><DnsRecordTable domain={domain} /></div>
        </details>
      ) : (
        <div className="mt-3"><DnsRecordTable domain={domain} /></div>
      )}
    </li>
  );
}
