"use client";

import { Alert } from "@awan/ui/alert";
import { Button } from "@awan/ui/button";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { errorMessage, useTRPC } from "@/lib/trpc";

export function AcceptInvitation({ token, email, organizationName }: { token: string; email: string; organizationName: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(
    trpc.invitation.accept.mutationOptions({
      onSuccess: () => {
        router.replace("/");
        router.refresh();
      },
    }),
  );
  return (
    <div className="space-y-4">
      <p className="text-sm">Signed in as {email}.</p>
      {accept.error ? <Alert>{errorMessage(accept.error)}</Alert> : null}
      <Button className="w-full" busy={accept.isPending} onClick={() => accept.mutate({ token })}>
        Join {organizationName}
      </Button>
    </div>
  );
}
