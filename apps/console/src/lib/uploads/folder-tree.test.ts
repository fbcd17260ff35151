import { describe, expect, it } from "vitest";
import { foldersToCreate, folderKey, pickedFromInput } from "./folder-tree";

const file = (name: string, webkitRelativePath = "") => Object.assign(new Blob(["x"]), { name, webkitRelativePath, lastModified: 0 }) as unknown as File;

describe("folder uploads", () => {
  it("reads the folders above a file from its relative path", () => {
    expect(pickedFromInput(file("a.txt", "Photos/2026/a.txt")).folders).toEqual(["Photos", "2026"]);
    expect(pickedFromInput(file("loose.txt")).folders).toEqual([]);
  });

  it("asks for every folder once, parents before their children", () => {
    const picked = ["Top/a.txt", "Top/sub/b.txt", "Top/sub/c.txt", "Top/other/deep/d.txt"].map((p) => pickedFromInput(file(p.split("/").pop()!, p)));
    const paths = foldersToCreate(picked).map(folderKey);
    expect(paths).toEqual(["Top", "Top/sub", "Top/other", "Top/other/deep"]);
  });

  it("needs no folder for loose files", () => {
    expect(foldersToCreate([pickedFromInput(file("a.txt"))])).toEqual([]);
  });
});
