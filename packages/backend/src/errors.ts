/** What went wrong, in terms a caller can act on; mapped to tRPC/HTTP in trpc/errors.ts. */
export const ErrorCode = {
  INVALID_INPUT: "INVALID_INPUT",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  GONE: "GONE",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  QUOTA_EXCEEDED: "QUOTA_EXCEEDED",
  /** Stored data failed authentication: never returned as data. */
  INTEGRITY: "INTEGRITY",
  /** Not enough storage nodes answered to serve or keep the data. */
  UNAVAILABLE: "UNAVAILABLE",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The one domain error. `message` is shown to the user, so it must say what to do. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "DomainError";
  }
}
