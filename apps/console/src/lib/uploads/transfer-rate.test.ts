import { describe, expect, it } from "vitest";
import { formatTimeLeft, secondsLeft, TransferRate } from "./transfer-rate";

describe("TransferRate", () => {
  it("has no speed until a second of progress is known", () => {
    const rate = new TransferRate();
    rate.record(0, 0);
    rate.record(500, 500);
    expect(rate.bytesPerSecond(500)).toBeNull();
  });

  it("measures over the last five seconds only", () => {
    const rate = new TransferRate();
    rate.record(0, 0);
    rate.record(100_000_000, 1_000); // a fast start…
    for (let t = 2_000; t <= 10_000; t += 1_000) rate.record(100_000_000 + (t - 1_000), t); // …then 1 KB/s
    expect(rate.bytesPerSecond(10_000)).toBeCloseTo(1000, 0);
  });

  it("reports zero for a transfer that stalled", () => {
    const rate = new TransferRate();
    rate.record(0, 0);
    rate.record(2000, 2000);
    expect(rate.bytesPerSecond(2_500)).toBe(1000);
    expect(rate.bytesPerSecond(60_000)).toBe(0);
  });
});

describe("time left", () => {
  it("is unknown without a speed", () => {
    expect(secondsLeft(1000, null)).toBeNull();
    expect(secondsLeft(1000, 0)).toBeNull();
    expect(formatTimeLeft(null)).toBe("");
  });

  it("reads in seconds, minutes, then hours", () => {
    expect(formatTimeLeft(secondsLeft(42_000, 1000))).toBe("42 s left");
    expect(formatTimeLeft(150)).toBe("3 min left");
    expect(formatTimeLeft(7300)).toBe("2 h 2 min left");
  });
});
