"use client";

import { Button } from "@awan/ui/button";
import { useState } from "react";
import { signOut } from "@/lib/auth-client";

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        busy={busy}
        className="w-full"
        onClick={async () => {
          setBusy(true);
          setFailed(false);
          if (await signOut()) {
            // A full load drops every cached page and query of the old session.
            window.location.assign("/sign-in");
            return;
          }
          setBusy(false);
          setFailed(true);
        }}
      >
        Sign out
      </Button>
      {failed ? (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          Could not reach the server to sign out. Check your connection and try again.
        </p>
      ) : null}
    </div>
  );
}
