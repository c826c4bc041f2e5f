import { describe, expect, it } from "vitest";
import type { CachedMetadata, TFile } from "obsidian";
import { getAllTags, getFrontMatterInfo, parseFrontMatterAliases, parseFrontMatterTags, parseLinktext, resolveSubpath } from "obsidian";
import { createFakeApp, createStartedApp } from "./harness";

const NOTE = `---
status: active
tags: [customer, "vip"]
aliases: Acme, ACME Inc
owner: "[[People/Jane]]"
renewal: 2025-03-01
---
# Acme Corp #important

Met [[People/Jane|Jane]] and [[Bob]] about [pricing](Docs/Pricing%20Plan.md). See ![[diagram.png]].

## Open Tasks
- [ ] Send quote ^task1
  - [x] Draft
- plain item

\`\`\`
[[not a link]] #not-a-tag
\`\`\`
`;

describe("parsing (getFileCache)", () => {
  it("extracts frontmatter, headings, links, embeds, tags, list items and blocks", async () => {
    const h = await createStartedApp({ files: { "Customers/Acme.md": NOTE } });
    const cache = h.metadataCache.getFileCache(h.file("Customers/Acme.md")) as CachedMetadata;
    // Dates stay strings, as in Obsidian.
    expect(cache.frontmatter).toEqual({
      status: "active",
      tags: ["customer", "vip"],
      aliases: "Acme, ACME Inc",
      owner: "[[People/Jane]]",
      renewal: "2025-03-01",
    });
    expect(cache.frontmatterPosition?.start).toEqual({ line: 0, col: 0, offset: 0 });
    expect(cache.frontmatterPosition?.end.line).toBe(6);
    expect(cache.frontmatterLinks).toEqual([{ key: "owner", link: "People/Jane", original: "[[People/Jane]]", displayText: "People/Jane" }]);
    expect(cache.headings?.map((x) => [x.level, x.heading])).toEqual([
      [1, "Acme Corp #important"],
      [2, "Open Tasks"],
    ]);
    expect(cache.links?.map((l) => [l.link, l.displayText, l.original])).toEqual([
      ["People/Jane", "Jane", "[[People/Jane|Jane]]"],
      ["Bob", "Bob", "[[Bob]]"],
      ["Docs/Pricing Plan.md", "pricing", "[pricing](Docs/Pricing%20Plan.md)"],
    ]);
    const jane = cache.links?.[0];
    expect(jane?.position.start).toEqual({ line: 9, col: 4, offset: NOTE.indexOf("[[People/Jane|") });
    expect(cache.embeds?.map((e) => e.link)).toEqual(["diagram.png"]);
    expect(cache.tags?.map((t) => t.tag)).toEqual(["#important"]);
    expect(getAllTags(cache)).toEqual(["#customer", "#vip", "#important"]);
    expect(cache.listItems?.map((l) => [l.position.start.line, l.task, l.parent])).toEqual([
      [12, " ", -12],
      [13, "x", 12],
      [14, undefined, -12],
    ]);
    expect(cache.listItems?.[0]?.id).toBe("task1");
    expect(cache.blocks?.task1?.position.start.line).toBe(12);
    expect(cache.sections?.map((s) => s.type)).toEqual(["yaml", "heading", "paragraph", "heading", "list", "code"]);
  });

  it("gives {} for non-Markdown files and null for unknown paths", async () => {
    const h = await createStartedApp({ files: { "a.png": "", "a.md": "x" } });
    expect(h.metadataCache.getFileCache(h.file("a.png"))).toEqual({});
    expect(h.metadataCache.getCache("missing.md")).toBeNull();
  });

  it("has frontmatter helpers that behave like Obsidian's", () => {
    expect(getFrontMatterInfo("---\na: 1\n---\nbody")).toEqual({ exists: true, frontmatter: "a: 1\n", from: 4, to: 9, contentStart: 13 });
    expect(getFrontMatterInfo("no frontmatter").exists).toBe(false);
    expect(getFrontMatterInfo(" ---\na: 1\n---\n").exists).toBe(false);
    expect(parseFrontMatterTags({ tags: "one two, #three" })).toEqual(["#one", "#two", "#three"]);
    expect(parseFrontMatterTags({ Tag: ["a"] })).toEqual(["#a"]);
    expect(parseFrontMatterTags({})).toBeNull();
    expect(parseFrontMatterAliases({ aliases: "Acme, ACME Inc" })).toEqual(["Acme", "ACME Inc"]);
    expect(parseFrontMatterAliases({ alias: ["Full Name"] })).toEqual(["Full Name"]);
    expect(parseLinktext("Note#Heading#Sub")).toEqual({ path: "Note", subpath: "#Heading#Sub" });
  });

  it("resolves heading and block subpaths", async () => {
    const h = await createStartedApp({ files: { "n.md": "# A\ntext\n## B\nmore ^blk\n# C\n" } });
    const cache = h.metadataCache.getFileCache(h.file("n.md")) as CachedMetadata;
    const b = resolveSubpath(cache, "#A#B");
    expect(b?.type).toBe("heading");
    expect(b?.start.line).toBe(2);
    expect(b?.end?.line).toBe(4);
    expect(resolveSubpath(cache, "#^blk")?.start.line).toBe(3);
    expect(resolveSubpath(cache, "#Nope")).toBeNull();
  });
});

describe("indexing is asynchronous, like Obsidian's worker", () => {
  it("warm start: the cache answers during startup's create events; resolved comes after layout ready", async () => {
    const h = createFakeApp({ files: { "a.md": "---\nx: 1\n---\n[[b]]", "b.md": "" } });
    const seen: string[] = [];
    h.vault.on("create", (f) => {
      if (f.path === "a.md") seen.push(`create a.md x=${String(h.metadataCache.getFileCache(f as TFile)?.frontmatter?.x)}`);
    });
    h.workspace.onLayoutReady(() => seen.push("layout ready"));
    h.metadataCache.on("changed", (f) => seen.push(`changed ${f.path}`));
    h.metadataCache.on("resolved", () => seen.push("resolved"));
    await h.startup();
    expect(seen).toEqual(["create a.md x=1", "layout ready", "resolved"]);
    expect(h.metadataCache.resolvedLinks).toEqual({ "a.md": { "b.md": 1 }, "b.md": {} });
  });

  it("cold start: every Markdown file is indexed after startup, each with changed, then one resolved", async () => {
    const h = createFakeApp({ metadataCache: "cold", files: { "a.md": "# A", "b.md": "# B", "c.png": "" } });
    const seen: string[] = [];
    h.vault.on("create", (f) => {
      if (f.path === "a.md") seen.push(`create a.md cache=${JSON.stringify(h.metadataCache.getFileCache(f as TFile))}`);
    });
    h.metadataCache.on("changed", (f) => seen.push(`changed ${f.path}`));
    h.metadataCache.on("resolved", () => seen.push("resolved"));
    await h.startup();
    expect(seen).toEqual(["create a.md cache=null", "changed a.md", "changed b.md", "resolved"]);
    expect(h.metadataCache.getFileCache(h.file("a.md"))?.headings?.[0]?.heading).toBe("A");
  });

  it("modify: vault fires modify at once, changed(file, data, cache) only later, then resolve and resolved", async () => {
    const h = await createStartedApp({ files: { "a.md": "---\nstatus: old\n---\n" } });
    const f = h.file("a.md");
    const changes: [TFile, string, CachedMetadata][] = [];
    h.metadataCache.on("changed", (file, data, cache) => changes.push([file, data, cache]));
    h.clearLogs();
    await h.vault.modify(f, "---\nstatus: new\n---\n");
    expect(h.eventLabels()).toEqual(["vault:modify a.md"]);
    // Still the old metadata: indexing has not run yet.
    expect(h.metadataCache.getFileCache(f)?.frontmatter?.status).toBe("old");
    await h.flush();
    expect(h.eventLabels()).toEqual(["vault:modify a.md", "metadataCache:changed a.md", "metadataCache:resolve a.md", "metadataCache:resolved"]);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.[0]).toBe(f);
    expect(changes[0]?.[1]).toBe("---\nstatus: new\n---\n");
    expect(changes[0]?.[2].frontmatter?.status).toBe("new");
    expect(h.metadataCache.getFileCache(f)?.frontmatter?.status).toBe("new");
  });

  it("changed fires even when the new content is identical (the file's mtime changed)", async () => {
    const h = await createStartedApp({ files: { "a.md": "same" } });
    let changed = 0;
    h.metadataCache.on("changed", () => changed++);
    await h.vault.process(h.file("a.md"), (d) => d);
    await h.flush();
    expect(changed).toBe(1);
  });

  it("several changes in one tick end in a single resolved, once nothing is left to index", async () => {
    const h = await createStartedApp({ files: { "a.md": "", "b.md": "" } });
    h.clearLogs();
    await Promise.all([h.vault.modify(h.file("a.md"), "1"), h.vault.modify(h.file("b.md"), "2")]);
    await h.flush();
    // Files are indexed one at a time and resolved as they come; `resolved` waits for the last.
    expect(h.eventLabels("metadataCache")).toEqual([
      "metadataCache:changed a.md",
      "metadataCache:resolve a.md",
      "metadataCache:changed b.md",
      "metadataCache:resolve b.md",
      "metadataCache:resolved",
    ]);
  });

  it("create, rename and delete: the order Obsidian produces", async () => {
    const h = await createStartedApp({ files: { "a.md": "[[b]] [[c]]" } });
    expect(h.metadataCache.unresolvedLinks["a.md"]).toEqual({ b: 1, c: 1 });
    h.clearLogs();

    await h.vault.create("b.md", "# B");
    await h.flush();
    // a.md is queued for resolving at once (it had an unresolved link named "b"), b.md after indexing.
    expect(h.eventLabels()).toEqual([
      "vault:create b.md",
      "metadataCache:changed b.md",
      "metadataCache:resolve a.md",
      "metadataCache:resolve b.md",
      "metadataCache:resolved",
    ]);
    // a.md was resolved again because the name it was missing now exists.
    expect(h.metadataCache.resolvedLinks["a.md"]).toEqual({ "b.md": 1 });
    expect(h.metadataCache.unresolvedLinks["a.md"]).toEqual({ c: 1 });

    h.clearLogs();
    const b = h.file("b.md");
    await h.vault.rename(b, "Sub/c.md").catch(() => undefined); // no folder "Sub": created on the way
    await h.flush();
    // No `changed` on rename: the content did not change.
    expect(h.eventLabels()).toEqual(["vault:create Sub", "vault:rename b.md -> Sub/c.md", "metadataCache:resolve a.md", "metadataCache:resolved"]);
    expect(h.metadataCache.getFileCache(b)?.headings?.[0]?.heading).toBe("B");
    expect(h.metadataCache.resolvedLinks["a.md"]).toEqual({ "Sub/c.md": 1 });
    expect(h.metadataCache.unresolvedLinks["a.md"]).toEqual({ b: 1 });

    h.clearLogs();
    const prev: (CachedMetadata | null)[] = [];
    h.metadataCache.on("deleted", (_f, cache) => prev.push(cache));
    await h.vault.delete(b);
    // `deleted` comes first: the metadata cache listened to the vault before anyone else.
    expect(h.eventLabels()).toEqual(["metadataCache:deleted Sub/c.md", "vault:delete Sub/c.md"]);
    expect(prev[0]?.headings?.[0]?.heading).toBe("B");
    expect(h.metadataCache.getCache("Sub/c.md")).toBeNull();
    await h.flush();
    expect(h.eventLabels().slice(2)).toEqual(["metadataCache:resolve a.md", "metadataCache:resolved"]);
    expect(h.metadataCache.unresolvedLinks["a.md"]).toEqual({ b: 1, c: 1 });
  });
});

describe("getFirstLinkpathDest", () => {
  const files = {
    "Note.md": "",
    "A/Note.md": "",
    "A/B/Note.md": "",
    "C/Deep/Note.md": "",
    "A/source.md": "",
    "Z/source.md": "",
    "X/Item.md": "",
    "Deeper/Sub/Item.md": "",
    "img/pic.png": "",
    "Unique Name.md": "",
  };

  it("exact path first, then the source's own folder, then the shortest path, case-insensitively", async () => {
    const h = await createStartedApp({ files });
    const dest = (link: string, source: string) => h.metadataCache.getFirstLinkpathDest(link, source)?.path ?? null;
    // As in Obsidian's resolver, a link that is a full path from the vault root wins outright.
    expect(dest("Note", "A/source.md")).toBe("Note.md");
    expect(dest("Item", "Deeper/Sub/y.md")).toBe("Deeper/Sub/Item.md");
    expect(dest("item", "Deeper/Sub/y.md")).toBe("Deeper/Sub/Item.md");
    expect(dest("Item", "Z/source.md")).toBe("X/Item.md");
    expect(dest("Note", "Z/source.md")).toBe("Note.md");
    expect(dest("Deep/Note", "Z/source.md")).toBe("C/Deep/Note.md");
    expect(dest("A/B/Note", "Z/source.md")).toBe("A/B/Note.md");
    expect(dest("A/B/Note.md", "Z/source.md")).toBe("A/B/Note.md");
    expect(dest("unique name", "Z/source.md")).toBe("Unique Name.md");
    expect(dest("pic.png", "Z/source.md")).toBe("img/pic.png");
    expect(dest("pic", "Z/source.md")).toBeNull();
    expect(dest("./Note", "A/source.md")).toBe("A/Note.md");
    expect(dest("../Note", "A/B/x.md")).toBe("A/Note.md");
    expect(dest("/Note", "A/source.md")).toBe("Note.md");
    expect(dest("/Deep/Note", "A/source.md")).toBeNull();
    expect(dest("Missing", "A/source.md")).toBeNull();
    expect(dest("", "A/source.md")).toBe("A/source.md");
  });

  it("fileToLinktext uses the shortest unambiguous form", async () => {
    const h = await createStartedApp({ files });
    expect(h.metadataCache.fileToLinktext(h.file("Unique Name.md"), "Z/source.md")).toBe("Unique Name");
    expect(h.metadataCache.fileToLinktext(h.file("A/B/Note.md"), "Z/source.md")).toBe("A/B/Note");
    expect(h.metadataCache.fileToLinktext(h.file("Note.md"), "Z/source.md")).toBe("Note");
    expect(h.metadataCache.fileToLinktext(h.file("img/pic.png"), "Z/source.md")).toBe("pic.png");
  });
});
