// The organization the workspace currently shows, sent with every tRPC call so
// the server can refuse work meant for it after another tab switched the
// session's active organization.
let organizationOnScreen: string | null = null;

export function setOrganizationOnScreen(id: string | null): void {
  organizationOnScreen = id;
}

export function organizationHeaders(): Record<string, string> {
  return organizationOnScreen ? { "x-awan-organization": organizationOnScreen } : {};
}

/** The organization the page shows (set by the shell before any page renders). */
export function currentOrganizationId(): string | null {
  return organizationOnScreen;
}
