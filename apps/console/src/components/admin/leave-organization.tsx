"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/lib/trpc";

export function LeaveOrganization({ name }: { name: string }) {
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState(false);
  // A full load: the next active organization changes every cached page.
  const leave = useMutation(trpc.organization.leave.mutationOptions({ onSuccess: () => window.location.assign("/") }));
  return (
    <div className="space-y-3">
      {leave.error ? <Alert>{errorMessage(leave.error)}</Alert> : null}
      {confirming ? (
        <div className="flex flex-wrap gap-2">
          <Button variant="danger" busy={leave.isPending} onClick={() => leave.mutate()}>Leave {name}</Button>
          <Button variant="ghost" onClick={() => setConfirming(false)}>Cancel</Button>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>Leave organization</Button>
      )}
    </div>
  );
}
