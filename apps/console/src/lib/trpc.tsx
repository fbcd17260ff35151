"use client";

import type { AppRouter } from "@awan/backend";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import { organizationHeaders } from "./organization-on-screen";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export function ApiProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: retryIfTransient } } }));
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Subscriptions (live chat) over server-sent events; the link reconnects and sends the last event id it saw.
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: "/api/trpc", transformer: superjson }),
          false: httpBatchLink({ url: "/api/trpc", transformer: superjson, headers: organizationHeaders }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/**
 * A refusal (bad input, not found, forbidden) would only be refused again:
 * show it at once. Lost connections and server errors get three more tries.
 */
function retryIfTransient(failures: number, error: unknown): boolean {
  const status = error instanceof TRPCClientError ? (error.data as { httpStatus?: number } | undefined)?.httpStatus : undefined;
  return failures < 3 && (status === undefined || status >= 500);
}

/** The message to show for a failed call: the server's own words where it gave some. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) return error.message;
  return "Something went wrong. Check your connection and try again.";
}

/** A form field's own message from a validation error, if the server named that field. */
export function fieldError(error: unknown, field: string): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  const fieldErrors = (error.data as { fieldErrors?: Record<string, string[] | undefined> } | undefined)?.fieldErrors;
  return fieldErrors?.[field]?.[0] ?? null;
}
