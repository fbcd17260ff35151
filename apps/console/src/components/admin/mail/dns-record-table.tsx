"use client";

import type { RouterOutputs } from "@awan/backend";
import { CopyButton } from "@/components/copy-button";

type Domain = RouterOutputs["mailAdmin"]["domains"][number];
type Status = NonNullable<Domain["dnsCheck"]>["records"][number]["status"];

const STATUS: Record<Status, { label: string; className: string }> = {
  FOUND: { label: "Found", className: "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200" },
  MISMATCH: { label: "Different value", className: "bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-200" },
  MISSING: { label: "Missing", className: "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200" },
  UNCHECKED: { label: "Could not check", className: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300" },
};

/** The records to publish for a domain, each with Copy buttons and what the last DNS check found. */
export function DnsRecordTable({ domain }: { domain: Domain }) {
  const checked = new Map(domain.dnsCheck?.records.map((r) => [r.kind, r]));
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[40rem] text-left text-sm" aria-label={`DNS records for ${domain.name}`}>
        <thead className="text-xs uppercase text-zinc-500 dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">Record</th>
            <th scope="col" className="py-2 pr-3 font-medium">Name</th>
            <th scope="col" className="py-2 pr-3 font-medium">Value</th>
            <th scope="col" className="py-2 font-medium">Check</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 align-top dark:divide-zinc-800">
          {domain.records.map((record) => {
            const check = checked.get(record.kind);
            return (
              <tr key={record.kind} aria-label={`${record.kind} record`}>
                <th scope="row" className="py-2 pr-3 font-medium">
                  {record.kind}
                  <span className="block text-xs font-normal text-zinc-500 dark:text-zinc-400">{record.type}{record.priority !== undefined ? `, priority ${record.priority}` : ""}</span>
                </th>
                <td className="py-2 pr-3">
                  <code className="break-all">{record.host}</code>
                  <div className="mt-1"><CopyButton text={record.host} label="Copy name" /></div>
                </td>
                <td className="max-w-md py-2 pr-3">
                  <code className="break-all">{record.value}</code>
                  <div className="mt-1"><CopyButton text={record.value} label="Copy value" /></div>
                </td>
                <td className="py-2">
                  {check ? (
                    <>
                      <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STATUS[check.status].className}`}>{STATUS[check.status].label}</span>
                      <p className="mt-1 max-w-56 text-xs text-zinc-600 dark:text-zinc-400">{check.note}</p>
                      {check.status === "MISMATCH" && check.found.length > 0 ? (
                        <p className="mt-1 max-w-56 break-all text-xs text-zinc-500 dark:text-zinc-400">Published: {check.found.join(" · ")}</p>
                      ) : null}
                    </>
                  ) : (
                    <span className="text-xs text-zinc-500 dark:text-zinc-400">Not checked yet</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
