"use client";

import type { RouterOutputs } from "@awan/backend";
import { useId } from "react";

type Domain = Pick<RouterOutputs["mailAdmin"]["domains"][number], "id" | "name">;
export type AddressValue = { localPart: string; domainId: string };

const CONTROL = "min-w-0 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** `local` @ `domain`: what an alias or a shared mailbox's address is made of, on one of the organization's domains. */
export function AddressFields({ label, value, domains, onChange, autoFocus }: { label: string; value: AddressValue; domains: Domain[]; onChange(value: AddressValue): void; autoFocus?: boolean }) {
  const id = useId();
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">{label}</legend>
      <div className="flex flex-wrap items-center gap-1">
        <input
          id={`${id}-local`}
          aria-label={`${label}: part before the @`}
          value={value.localPart}
          onChange={(e) => onChange({ ...value, localPart: e.target.value })}
          required
          autoFocus={autoFocus}
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          placeholder="support"
          className={`${CONTROL} w-40`}
        />
        <span aria-hidden className="text-zinc-500">@</span>
        <select aria-label={`${label}: domain`} value={value.domainId} onChange={(e) => onChange({ ...value, domainId: e.target.value })} className={CONTROL}>
          {domains.map((d) => (
            <option key={d.id} value={d.id}>{d.name}</option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
