"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { Card } from "@awan/ui/card";
import { TextField } from "@awan/ui/field";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";

/** Adds a domain the organization owns; its records then show in Domains, ready to publish. */
export function AddDomainForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const add = useMutation(
    trpc.mailAdmin.addDomain.mutationOptions({
      onSuccess: () => setName(""),
      onSettled: () => void queryClient.invalidateQueries(trpc.mailAdmin.domains.pathFilter()),
    }),
  );
  return (
    <Card title="Add a domain" description="A domain your organization owns, such as example.com. You then publish its DNS records at your DNS host.">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate({ name });
        }}
        className="flex flex-wrap items-end gap-2"
      >
        <div className="min-w-56 flex-1">
          <TextField label="Domain name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={253} placeholder="example.com" autoComplete="off" spellCheck={false} />
        </div>
        <Button type="submit" busy={add.isPending} disabled={name.trim() === ""}>Add domain</Button>
      </form>
      <div className="mt-3" aria-live="polite">
        {add.error ? <Alert>{errorMessage(add.error)}</Alert> : null}
        {add.isSuccess ? <Alert tone="success">Added {add.data.name}. Publish the records shown above for it, then check its DNS.</Alert> : null}
      </div>
    </Card>
  );
}
