import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { placeOrganization } from "./placement";

const NODES = ["a", "b", "c", "d"];

/** Deterministic organization ids, so the spread measured is the same on every run. */
const organizationIds = (count: number) =>
  Array.from({ length: count }, (_, i) => {
    const hex = crypto.createHash("sha256").update(`organization ${i}`).digest("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  });

describe("placeOrganization", () => {
  it("is stable: the same organization always gets the same nodes, whatever order they are listed in", () => {
    for (const organizationId of organizationIds(50)) {
      const placed = placeOrganization(organizationId, NODES, 2);
      expect(placeOrganization(organizationId, NODES, 2)).toEqual(placed);
      expect(placeOrganization(organizationId, [...NODES].reverse(), 2)).toEqual(placed);
    }
  });

  it("returns distinct nodes, as many as asked for and at most as many as there are", () => {
    for (const organizationId of organizationIds(50)) {
      for (const replicas of [1, 2, 3, 4]) {
        const placed = placeOrganization(organizationId, NODES, replicas);
        expect(placed).toHaveLength(replicas);
        expect(new Set(placed).size).toBe(replicas);
        expect(placed.every((n) => NODES.includes(n))).toBe(true);
      }
      expect(placeOrganization(organizationId, ["a", "b"], 3).sort()).toEqual(["a", "b"]);
    }
  });

  it("spreads organizations evenly over four nodes", () => {
    const ids = organizationIds(4_000);
    const primaries = new Map(NODES.map((n) => [n, 0]));
    const copies = new Map(NODES.map((n) => [n, 0]));
    for (const organizationId of ids) {
      const placed = placeOrganization(organizationId, NODES, 2);
      primaries.set(placed[0]!, primaries.get(placed[0]!)! + 1);
      for (const nodeId of placed) copies.set(nodeId, copies.get(nodeId)! + 1);
    }
    // Fair shares: 1,000 first choices and 2,000 copies per node.
    for (const nodeId of NODES) {
      expect(primaries.get(nodeId)).toBeGreaterThan(900);
      expect(primaries.get(nodeId)).toBeLessThan(1_100);
      expect(copies.get(nodeId)).toBeGreaterThan(1_850);
      expect(copies.get(nodeId)).toBeLessThan(2_150);
    }
  });

  it("moves only organizations onto a new node when one is added", () => {
    const ids = organizationIds(1_000);
    let moved = 0;
    for (const organizationId of ids) {
      const before = placeOrganization(organizationId, NODES, 2);
      const after = placeOrganization(organizationId, [...NODES, "e"], 2);
      if (after.join() === before.join()) continue;
      moved += 1;
      // What changed is that the new node took a place; the rest keep theirs.
      expect(after).toContain("e");
      expect(after.filter((n) => n !== "e").every((n) => before.includes(n))).toBe(true);
    }
    // About 2 in 5 organizations get the new node among their two.
    expect(moved).toBeGreaterThan(300);
    expect(moved).toBeLessThan(500);
  });
});
