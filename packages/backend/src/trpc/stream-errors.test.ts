import { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { isStreamDomainError, t } from "./init";

const shapeOf = (error: TRPCError) => getErrorShape({ config: t._config, error, type: "subscription", path: "live.onEvent", input: undefined, ctx: undefined });

describe("errors raised inside a running subscription", () => {
  it("keep a domain error's words, and are not taken for server failures", () => {
    const behind = new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: new DomainError("UNAVAILABLE", "Live updates fell too far behind and were stopped. Reload to catch up.") });
    expect(isStreamDomainError(behind)).toBe(true);
    expect(shapeOf(behind).message).toBe("Live updates fell too far behind and were stopped. Reload to catch up.");
  });

  it("say nothing of anything else", () => {
    const crash = new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: new Error("connection reset by db-7") });
    expect(isStreamDomainError(crash)).toBe(false);
    expect(shapeOf(crash).message).not.toContain("db-7");
  });
});
