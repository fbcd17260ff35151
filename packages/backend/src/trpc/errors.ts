import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { ErrorCode } from "../errors";

/** The one mapping from domain errors to tRPC codes (and so to HTTP statuses). */
export const TRPC_CODE_FOR: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  INVALID_INPUT: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  GONE: "NOT_FOUND",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  QUOTA_EXCEEDED: "PAYLOAD_TOO_LARGE",
  INTEGRITY: "INTERNAL_SERVER_ERROR",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
};
