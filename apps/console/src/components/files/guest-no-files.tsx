import { EmptyState } from "@awan/ui/empty-state";
import Link from "next/link";

/** My files and Trash for a guest: they have no drive, only what is shared with them. */
export function GuestNoFiles({ organizationName }: { organizationName: string }) {
  return (
    <EmptyState
      title="Guests have no files of their own here"
      action={<Link href="/files/shared" className="font-medium text-brand-600 underline dark:text-brand-400">See what is shared with you</Link>}
    >
      As a guest of {organizationName} you see what people share with you. Ask someone in the organization to share files with you, or to make you a member.
    </EmptyState>
  );
}
