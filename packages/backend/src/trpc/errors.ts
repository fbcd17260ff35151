import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { ErrorCode } from "../errors";

/** The one mapping from domain errors to tRPC codes (and so to HTTP statuses), and to the statuses of the plain HTTP routes. */
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

export const HTTP_STATUS_FOR: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  TOO_MANY_REQUESTS: 429,
  QUOTA_EXCEEDED: 413,
  INTEGRITY: 500,
  UNAVAILABLE: 503,
};
