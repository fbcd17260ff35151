import { describe, expect, it } from "vitest";
import { hasExpired, nextAttemptAfter, OUTBOUND_EXPIRY_MS } from "./retry-schedule";

const now = new Date("2026-12-04T12:00:00Z");
const minutesAfter = (attempts: number) => (nextAttemptAfter(attempts, now).getTime() - now.getTime()) / 60_000;

describe("retry schedule", () => {
  it("waits longer after each failed attempt, up to eight hours", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 30].map(minutesAfter)).toEqual([1, 5, 30, 120, 240, 480, 480, 480]);
  });

  it("gives up four days after queueing", () => {
    expect(OUTBOUND_EXPIRY_MS).toBe(4 * 24 * 60 * 60 * 1000);
    expect(hasExpired(new Date(now.getTime() - OUTBOUND_EXPIRY_MS + 1000), now)).toBe(false);
    expect(hasExpired(new Date(now.getTime() - OUTBOUND_EXPIRY_MS), now)).toBe(true);
  });
});
