import { describe, expect, it } from "vitest";
import {
  Keymap,
  normalizePath,
  parseYaml,
  Platform,
  prepareFuzzySearch,
  prepareSimpleSearch,
  request,
  requestUrl,
  requireApiVersion,
  Scope,
  stringifyYaml,
  moment,
  arrayBufferToBase64,
  base64ToArrayBuffer,
} from "obsidian";
import { createStartedApp } from "./harness";

describe("small functions", () => {
  it("normalizePath collapses and trims slashes, maps the root to '/', and swaps no-break spaces", () => {
    expect(normalizePath("//Customers\\Acme//page.md/")).toBe("Customers/Acme/page.md");
    expect(normalizePath("")).toBe("/");
    expect(normalizePath("/")).toBe("/");
    expect(normalizePath("a\u00A0b.md")).toBe("a b.md");
    expect(normalizePath("Cafe\u0301.md")).toBe("Café.md");
  });

  it("parseYaml keeps dates as strings; stringifyYaml writes block style", () => {
    expect(parseYaml("date: 2024-01-15\nlist: [a, b]\nn: 3")).toEqual({ date: "2024-01-15", list: ["a", "b"], n: 3 });
    expect(stringifyYaml({ status: "active", tags: ["x", "y"] })).toBe("status: active\ntags:\n  - x\n  - y\n");
  });

  it("the network is unavailable: requestUrl throws, request rejects", async () => {
    expect(() => requestUrl("https://example.com")).toThrow(/no network/);
    await expect(request({ url: "https://example.com" })).rejects.toThrow(/no network/);
  });

  it("moment is deliberately absent", () => {
    expect(() => (moment as unknown as () => unknown)()).toThrow(/not available/);
  });

  it("Platform says desktop; requireApiVersion compares with 1.8.7", () => {
    expect(Platform).toMatchObject({ isDesktop: true, isMobile: false, isDesktopApp: true, isMobileApp: false });
    expect(requireApiVersion("1.8.7")).toBe(true);
    expect(requireApiVersion("1.4.10")).toBe(true);
    expect(requireApiVersion("1.9.0")).toBe(false);
  });

  it("Keymap reads modifiers (Mod is Ctrl off macOS) and pane types", () => {
    const ev = (init: Partial<MouseEvent>) => init as MouseEvent;
    expect(Keymap.isModifier(ev({ ctrlKey: true }), "Mod")).toBe(true);
    expect(Keymap.isModifier(ev({ metaKey: true }), "Mod")).toBe(false);
    expect(Keymap.isModEvent(ev({ ctrlKey: true }))).toBe("tab");
    expect(Keymap.isModEvent(ev({ ctrlKey: true, altKey: true }))).toBe("split");
    expect(Keymap.isModEvent(ev({ ctrlKey: true, altKey: true, shiftKey: true }))).toBe("window");
    expect(Keymap.isModEvent(ev({ button: 1 }))).toBe("tab");
    expect(Keymap.isModEvent(null)).toBe(false);
    const scope = new Scope();
    const handler = scope.register(["Mod"], "s", () => false);
    expect(handler.scope).toBe(scope);
    scope.unregister(handler);
  });

  it("fuzzy and simple search", () => {
    expect(prepareFuzzySearch("acp")("Acme Corp")?.matches).toEqual([
      [0, 2],
      [8, 9],
    ]);
    expect(prepareFuzzySearch("xyz")("Acme")).toBeNull();
    expect(prepareSimpleSearch("corp acme")("Acme Corp")?.matches).toEqual([
      [0, 4],
      [5, 9],
    ]);
  });

  it("base64 round trip", () => {
    const bytes = new Uint8Array([0, 1, 254, 255]).buffer;
    expect(arrayBufferToBase64(bytes)).toBe("AAH+/w==");
    expect(new Uint8Array(base64ToArrayBuffer("AAH+/w=="))).toEqual(new Uint8Array([0, 1, 254, 255]));
  });
});

describe("FileManager", () => {
  it("processFrontMatter edits the YAML atomically and keeps the body", async () => {
    const h = await createStartedApp({ files: { "a.md": "---\nstatus: old\nkeep: 1\n---\nBody\n", "b.md": "No frontmatter" } });
    await h.app.fileManager.processFrontMatter(h.file("a.md"), (fm: Record<string, unknown>) => {
      fm.status = "new";
      delete fm.keep;
    });
    expect(h.read("a.md")).toBe("---\nstatus: new\n---\nBody\n");
    await h.app.fileManager.processFrontMatter(h.file("b.md"), (fm: Record<string, unknown>) => {
      fm.tier = 1;
    });
    expect(h.read("b.md")).toBe("---\ntier: 1\n---\nNo frontmatter");
    expect(h.vaultWrites().map((w) => w.api)).toEqual(["fileManager.processFrontMatter", "fileManager.processFrontMatter"]);
    await h.modifyExternally("a.md", "---\n: bad: [\n---\n");
    await expect(h.app.fileManager.processFrontMatter(h.file("a.md"), () => undefined)).rejects.toThrow();
    expect(h.vaultWrites()).toHaveLength(2);
  });

  it("renameFile moves the file and rewrites wikilinks to it", async () => {
    const h = await createStartedApp({ files: { "Acme.md": "", "note.md": "See [[Acme]] and [[Acme#Status|status]]." } });
    await h.app.fileManager.renameFile(h.file("Acme.md"), "Customers/Acme Corp.md");
    expect(h.read("note.md")).toBe("See [[Acme Corp]] and [[Acme Corp#Status|status]].");
  });

  it("generateMarkdownLink follows the link settings", async () => {
    const h = await createStartedApp({ files: { "A/Note.md": "", "B/Note.md": "", "pic.png": "" } });
    const fm = h.app.fileManager;
    expect(fm.generateMarkdownLink(h.file("A/Note.md"), "x.md")).toBe("[[A/Note]]");
    expect(fm.generateMarkdownLink(h.file("A/Note.md"), "x.md", "#Head", "alias")).toBe("[[A/Note#Head|alias]]");
    expect(fm.generateMarkdownLink(h.file("pic.png"), "x.md")).toBe("![[pic.png]]");
  });
});
