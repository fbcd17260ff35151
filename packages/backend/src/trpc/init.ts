import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { DomainError } from "../errors";
import type { Context } from "./context";
import { TRPC_CODE_FOR } from "./errors";

export const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    // Input errors say which field is wrong and why, in words a form can show;
    // unexpected ones say nothing of the internals (http.ts logs the cause).
    // A domain error raised inside a running stream (a subscriber that fell
    // behind) reaches here unmapped: its own words still apply.
    const message = zod
      ? (zod.issues[0]?.message ?? shape.message)
      : isStreamDomainError(error)
        ? error.cause.message
        : error.code === "INTERNAL_SERVER_ERROR"
        ? "Something went wrong on the server. Try again; if it keeps happening, tell your administrator."
        : shape.message;
    return {
      ...shape,
      message,
      data: {
        ...shape.data,
        fieldErrors: zod ? z.flattenError(zod).fieldErrors : null,
      },
    };
  },
});

/** A DomainError thrown after a subscription started, which the middleware below cannot map. */
export function isStreamDomainError(error: TRPCError): error is TRPCError & { cause: DomainError } {
  return error.code === "INTERNAL_SERVER_ERROR" && error.cause instanceof DomainError && error.cause.code !== "INTEGRITY";
}

/** Turns a DomainError thrown anywhere below into the matching tRPC error. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE_FOR[cause.code], message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const baseProcedure = t.procedure.use(mapDomainErrors);
