import { describe, expect, it } from "vitest";
import { previewKind } from "./file-kinds";

describe("previewKind", () => {
  it("knows media by type", () => {
    expect(previewKind({ name: "a", contentType: "image/png" })).toBe("image");
    expect(previewKind({ name: "a", contentType: "video/mp4" })).toBe("video");
    expect(previewKind({ name: "a", contentType: "audio/ogg" })).toBe("audio");
    expect(previewKind({ name: "a", contentType: "application/pdf" })).toBe("pdf");
  });

  it("shows Markdown rendered and code as text, whatever type the browser guessed", () => {
    expect(previewKind({ name: "README.md", contentType: "" })).toBe("markdown");
    expect(previewKind({ name: "notes.MD", contentType: "application/octet-stream" })).toBe("markdown");
    expect(previewKind({ name: "main.rs", contentType: "" })).toBe("text");
    expect(previewKind({ name: "data.json", contentType: "application/json" })).toBe("text");
  });

  it("has no preview for other files", () => {
    expect(previewKind({ name: "archive.zip", contentType: "application/zip" })).toBeNull();
    expect(previewKind({ name: "noextension", contentType: null })).toBeNull();
  });
});
