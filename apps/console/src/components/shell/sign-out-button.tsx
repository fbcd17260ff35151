"use client";

import { Button } from "@awan/ui/button";
import { useState } from "react";
import { signOut } from "@/lib/auth-client";

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      busy={busy}
      className="w-full"
      onClick={async () => {
        setBusy(true);
        await signOut();
        // A full load drops every cached page and query of the old session.
        window.location.assign("/sign-in");
      }}
    >
      Sign out
    </Button>
  );
}
