import { EmptyState } from "@awan/ui/empty-state";
import { PageHeader } from "./page-header";

/** What a section shows until it exists: what it will do, and no made-up content. */
export function UnbuiltSection({ title, purpose }: { title: string; purpose: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title={`${title} is not available yet`}>
        <p>{purpose}</p>
        <p className="mt-2">This version of Awan does not include it yet, so there is nothing here.</p>
      </EmptyState>
    </>
  );
}
