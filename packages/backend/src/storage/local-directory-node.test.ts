import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LocalDirectoryNode } from "./local-directory-node";
import { isNotFound } from "./storage-node";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

function newNode() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "awan-node-"));
  roots.push(root);
  const location = path.join(root, "node");
  return { node: new LocalDirectoryNode("a", location), location };
}

async function listAll(node: LocalDirectoryNode, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of node.list(prefix)) keys.push(key);
  return keys.sort();
}

describe("LocalDirectoryNode", () => {
  it("creates its directory when opened, stores, lists and deletes keys, leaving no temporary file", async () => {
    const { node, location } = newNode();
    expect(fs.statSync(location).isDirectory()).toBe(true);

    await node.put("chunks/x/ab/one", Buffer.from("one"));
    await node.put("chunks/y/cd/two", Buffer.from("two"));
    await node.put("chunks/x/ab/one", Buffer.from("one, again"));

    expect((await node.get("chunks/x/ab/one")).toString()).toBe("one, again");
    expect(await listAll(node, "chunks")).toEqual(["chunks/x/ab/one", "chunks/y/cd/two"]);
    expect(fs.readdirSync(path.join(location, ".tmp"))).toEqual([]);
    await node.delete("chunks/x/ab/one");
    await node.delete("chunks/x/ab/one"); // already gone: fine
    expect(await listAll(node, "chunks")).toEqual(["chunks/y/cd/two"]);
    expect(await listAll(node, "nothing-here")).toEqual([]);
  });

  it("reports a key it does not have as not found", async () => {
    const { node } = newNode();
    const error = await node.get("chunks/none").catch((e: unknown) => e);
    expect(isNotFound(error)).toBe(true);
  });

  it("treats its directory disappearing as the node being unavailable, and never recreates it", async () => {
    const { node, location } = newNode();
    await node.put("chunks/k", Buffer.from("data"));
    fs.rmSync(location, { recursive: true });

    const read = await node.get("chunks/k").catch((e: unknown) => e);
    expect(isNotFound(read)).toBe(false);
    expect(String(read)).toMatch(/directory of storage node a .* is missing/);
    await expect(node.put("chunks/k", Buffer.from("data"))).rejects.toThrow(/is missing/);
    expect(fs.existsSync(location)).toBe(false);

    fs.mkdirSync(location);
    expect(isNotFound(await node.get("chunks/k").catch((e: unknown) => e))).toBe(true);
    await node.put("chunks/k", Buffer.from("back"));
    expect((await node.get("chunks/k")).toString()).toBe("back");
  });

  it("refuses keys that lead outside its directory", async () => {
    const { node } = newNode();
    await expect(node.put("../escape", Buffer.from("x"))).rejects.toThrow(/outside the node/);
    await expect(node.get("chunks/../../escape")).rejects.toThrow(/outside the node/);
  });

  it("removes the temporary files of interrupted writes", async () => {
    const { node, location } = newNode();
    await node.put("chunks/k", Buffer.from("kept"));
    fs.writeFileSync(path.join(location, ".tmp", "interrupted-1"), "half");
    fs.writeFileSync(path.join(location, ".tmp", "interrupted-2"), "half");

    expect(await node.sweepIncompleteWrites()).toBe(2);
    expect(fs.readdirSync(path.join(location, ".tmp"))).toEqual([]);
    expect((await node.get("chunks/k")).toString()).toBe("kept");
  });
});
