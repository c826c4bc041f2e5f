// @vitest-environment happy-dom
// A note Obsidian cannot read (its permissions taken away, an I/O error, a sync tool holding it) is
// never taken for an empty one (B30-A): a change that cannot be read keeps the note as last read; a
// note the index holds nothing of (not read at the build, renamed, not matched against changed
// names) holds every page's writing until it can be read, as the CLI writes nothing then. Each is
// a warning naming the note and why, in the console and "Show warnings", until a read succeeds.
import { afterEach, describe, expect, it, vi } from "vitest";
import CustomerPagesPlugin from "../../src/plugin/main";
import { createFakeApp, type FakeHarness } from "../fake-obsidian/harness";
import { MANIFEST, crmVault, startPlugin } from "./setup";

const ACME = "Customers/Acme.md";
const GLOBEX = "Customers/Globex.md";
const KICKOFF = "Meetings/2025-10-01 - Acme kickoff.md";
const PRICING = "Meetings/2025-10-04 - Pricing call.md";
const PAGE = "customer-pages:regenerate-page";

afterEach(() => {
  vi.restoreAllMocks();
});

/** crmVault with a note that relates to Acme only by naming it in its text (a mention). */
function vault(): Record<string, string> {
  return { ...crmVault(), [PRICING]: "Talked about Acme pricing.\n\n- [ ] Send the quote\n" };
}

function warnings(): { logged: () => string[] } {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  return { logged: () => warn.mock.calls.map((c) => String(c[0])) };
}

/** The plugin started with every page regenerated once, the logs cleared. */
async function regenerated(data?: unknown): Promise<{ h: FakeHarness; plugin: CustomerPagesPlugin }> {
  const s = await startPlugin(vault(), data);
  await s.h.run(s.plugin.regenerateAll());
  await s.h.settle();
  s.h.clearLogs();
  return s;
}

const EACCES = (path: string): string => `cannot be read (EACCES: permission denied, open '${path}')`;
const LOST = "no customer page is written until it can be read";
const KEPT = "its text as last read is used until it can be read";

describe("a change to a note that cannot be read", () => {
  it("keeps the note as last read: refresh on save writes no page without its items; a warning until a read succeeds", async () => {
    const { h, plugin } = await regenerated();
    const acme = h.read(ACME);
    expect(acme).toContain("- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])");
    expect(acme).toContain("- Acme runs two sites ([[2025-10-01 - Acme kickoff]])");
    const log = warnings();
    h.failReads(KICKOFF, "EIO");
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]].\n\n## Key Facts\n\n- Acme runs three sites\n");
    await h.settle();
    // Before: the note was read as empty, and Acme's page rewritten without its task and fact.
    expect(h.vaultWrites({ path: ACME })).toEqual([]);
    const message = `cannot be read (EIO: i/o error, read); ${KEPT}`;
    expect(log.logged()).toEqual([`Customer Pages: ${KICKOFF}: ${message}`]);
    expect(plugin.currentWarnings(plugin.indexer.ready!).warnings).toContainEqual({ file: KICKOFF, message });
    // Another change for Acme: its page is written from the note as last read.
    await h.modifyExternally("People/Ann Lee.md", "---\ncompany: \"[[Acme]]\"\nrole: CEO\naliases: [Ann]\n---\n");
    await h.settle();
    expect(h.vaultWrites({ path: ACME })).toHaveLength(1);
    expect(h.read(ACME)).toBe(acme.replace("| [[Ann Lee]] | CTO | Acme |", "| [[Ann Lee]] | CEO | Acme |"));
    // Readable again: the next round reads it, the warning goes, the page shows the change.
    h.allowReads(KICKOFF);
    await h.run(plugin.regeneratePages([ACME], false));
    await h.settle();
    expect(h.read(ACME)).toContain("- Acme runs three sites ([[2025-10-01 - Acme kickoff]])");
    expect(h.read(ACME)).not.toContain("Send the plan");
    expect(plugin.currentWarnings(plugin.indexer.ready!).warnings.filter((w) => w.file === KICKOFF)).toEqual([]);
  });
});

describe("a note that cannot be read when the index is built", () => {
  /** Obsidian starting with the kickoff note unreadable. */
  async function started(data?: unknown): Promise<{ h: FakeHarness; plugin: CustomerPagesPlugin }> {
    const h = createFakeApp({ files: vault(), now: new Date(2026, 0, 1, 12).getTime() });
    h.failReads(KICKOFF);
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST, data });
    await h.startup();
    await h.settle();
    await h.run(plugin.indexer.settled());
    h.clearLogs();
    return { h, plugin };
  }

  it("Regenerate customer page writes nothing, saying why, until the note can be read", async () => {
    const log = warnings();
    const { h, plugin } = await started({ refreshOnSave: false });
    const before = h.read(ACME);
    await h.openFile(PRICING);
    await h.flush();
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    // Before: written without the kickoff's task and fact.
    expect(h.read(ACME)).toBe(before);
    expect(h.notices()).toEqual(['Customer page could not be regenerated (the command "Show warnings" says why).']);
    const read = `${EACCES(KICKOFF)}; ${LOST}`;
    const held = `not regenerated while a note cannot be read (${KICKOFF}): the page could lack what it gives`;
    expect(log.logged()).toEqual([`Customer Pages: ${KICKOFF}: ${read}`, `Customer Pages: ${ACME}: ${held}`]);
    const listed = plugin.currentWarnings(plugin.indexer.ready!).warnings;
    expect(listed).toContainEqual({ file: KICKOFF, message: read });
    expect(listed).toContainEqual({ file: ACME, message: held });
    // Readable again (no event: nothing about the file changed): the command reads it first.
    h.allowReads(KICKOFF);
    h.clearLogs();
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    expect(h.notices().slice(1)).toEqual(["Customer page updated."]);
    expect(h.read(ACME)).toContain("- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])");
    expect(h.read(ACME)).toContain("- Acme runs two sites ([[2025-10-01 - Acme kickoff]])");
    expect(h.read(ACME)).toContain("- [ ] Send the quote ([[2025-10-04 - Pricing call]])");
    expect(plugin.currentWarnings(plugin.indexer.ready!).warnings.filter((w) => w.file === KICKOFF || w.file === ACME)).toEqual([]);
  });

  it("refresh on save holds the pages; once the note can be read, its next round writes them, the held ones too", async () => {
    warnings();
    const { h } = await started();
    const acme = h.read(ACME);
    const globex = h.read(GLOBEX);
    await h.modifyExternally(PRICING, "Talked about Acme pricing.\n\n- [ ] Send the new quote\n");
    await h.modifyExternally("Meetings/2025-10-02 - Globex sync.md", "Sync with [[Bob Stone]] of [[Globex]] again.\n");
    await h.settle();
    // Before: both written, Acme's page without the kickoff's task and fact.
    expect(h.vaultWrites({ path: ACME })).toEqual([]);
    expect(h.vaultWrites({ path: GLOBEX })).toEqual([]);
    expect([h.read(ACME), h.read(GLOBEX)]).toEqual([acme, globex]);
    h.allowReads(KICKOFF);
    // A change for Acme only: its round reads the kickoff note again, and takes Globex's held page along.
    await h.modifyExternally(PRICING, "Talked about Acme pricing.\n\n- [ ] Send the final quote\n");
    await h.settle();
    expect(h.vaultWrites({ path: ACME })).toHaveLength(1);
    expect(h.read(ACME)).toContain("- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])");
    expect(h.read(ACME)).toContain("- [ ] Send the final quote ([[2025-10-04 - Pricing call]])");
    expect(h.vaultWrites({ path: GLOBEX })).toHaveLength(1);
    expect(h.read(GLOBEX)).toContain("- 2025-10-02: [[2025-10-02 - Globex sync]] - Sync with Bob Stone of Globex again.");
  });
});

describe("a note renamed, created, or matched against changed names, while it cannot be read", () => {
  it("a rename: no page is written until it can be read under its new name", async () => {
    const { h, plugin } = await regenerated();
    const acme = h.read(ACME);
    const log = warnings();
    const RENAMED = "Meetings/2025-10-01 - Acme kickoff call.md";
    h.failReads(KICKOFF);
    await h.renameExternally(KICKOFF, RENAMED);
    await h.settle();
    // Before: Acme's page written without the kickoff's task and fact (the note read as empty).
    expect(h.vaultWrites({ path: ACME })).toEqual([]);
    expect(h.read(ACME)).toBe(acme);
    expect(log.logged()[0]).toBe(`Customer Pages: ${RENAMED}: ${EACCES(RENAMED)}; ${LOST}`);
    expect(plugin.currentWarnings(plugin.indexer.ready!).warnings).toContainEqual({ file: RENAMED, message: `${EACCES(RENAMED)}; ${LOST}` });
    h.allowReads(RENAMED);
    await h.run(plugin.regeneratePages([ACME], false));
    await h.settle();
    expect(h.read(ACME)).toContain("- [ ] Send the plan ([[2025-10-01 - Acme kickoff call]])");
  });

  it("a note created while it cannot be read: no page is written until it can be read", async () => {
    const { h, plugin } = await regenerated();
    warnings();
    const NEW = "Meetings/2025-10-05 - Acme review.md";
    h.failReads(NEW, "EIO", { created: true });
    await h.createExternally(NEW, "Review with [[Ann Lee]].\n\n- [ ] Send the review\n");
    await h.modifyExternally("People/Ann Lee.md", "---\ncompany: \"[[Acme]]\"\nrole: CEO\naliases: [Ann]\n---\n");
    await h.settle();
    // Before: Acme's page written with Ann's new role, without the review (read as empty).
    expect(h.vaultWrites({ path: ACME })).toEqual([]);
    expect(plugin.currentWarnings(plugin.indexer.ready!).warnings).toContainEqual({ file: NEW, message: `cannot be read (EIO: i/o error, read); ${LOST}` });
    h.allowReads(NEW);
    await h.run(plugin.regeneratePages([ACME], false));
    await h.settle();
    expect(h.read(ACME)).toContain("- [ ] Send the review ([[2025-10-05 - Acme review]])");
    expect(h.read(ACME)).toContain("| [[Ann Lee]] | CEO | Acme |");
  });

  it("customer names changed while a note naming one cannot be read: no page is written without its mentions", async () => {
    const { h, plugin } = await regenerated();
    const acme = h.read(ACME);
    expect(acme).toContain("- [ ] Send the quote ([[2025-10-04 - Pricing call]])");
    warnings();
    h.failReads(PRICING);
    // Globex gains an alias: every meeting is matched against the names again.
    await h.modifyExternally(GLOBEX, "---\ntype: customer\naliases: [Gx]\n---\n" + h.read(GLOBEX).split("---\n").slice(2).join("---\n"));
    await h.settle();
    // Before: the pricing call read as empty named nobody, and Acme's page lost its task.
    expect(h.vaultWrites({ path: ACME })).toEqual([]);
    expect(h.read(ACME)).toBe(acme);
    expect(plugin.currentWarnings(plugin.indexer.ready!).warnings).toContainEqual({ file: PRICING, message: `${EACCES(PRICING)}; ${LOST}` });
  });
});

describe("the hold lifts without a round of its own (B30-F)", () => {
  /** A note that names nobody and that no note links to: its delete or rename changes no page. */
  const LONE = "Meetings/2025-10-06 - Misc.md";

  /** Obsidian starting with LONE unreadable, refresh on save on; Globex's page then held. */
  async function heldGlobex(): Promise<{ h: FakeHarness; plugin: CustomerPagesPlugin; globex: string }> {
    const h = createFakeApp({ files: { ...vault(), [LONE]: "Odds and ends.\n" }, now: new Date(2026, 0, 1, 12).getTime() });
    h.failReads(LONE);
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST });
    await h.startup();
    await h.settle();
    await h.run(plugin.indexer.settled());
    const globex = h.read(GLOBEX);
    await h.modifyExternally("Meetings/2025-10-02 - Globex sync.md", "Sync with [[Bob Stone]] of [[Globex]] again.\n");
    await h.settle();
    expect(h.read(GLOBEX)).toBe(globex);
    h.clearLogs();
    return { h, plugin, globex };
  }

  const SYNCED = "- 2025-10-02: [[2025-10-02 - Globex sync]] - Sync with Bob Stone of Globex again.";

  it("the unreadable note deleted: the page held meanwhile is written, the note's warning gone", async () => {
    warnings();
    const { h, plugin } = await heldGlobex();
    await h.deleteExternally(LONE);
    await h.settle();
    // Before: the index held nothing of the note, so its delete changed no page and scheduled no
    // round: Globex's page waited for some other change to Globex.
    expect(h.vaultWrites({ path: GLOBEX })).toHaveLength(1);
    expect(h.read(GLOBEX)).toContain(SYNCED);
    expect(plugin.indexer.lost).toEqual([]);
    expect(plugin.currentWarnings(plugin.indexer.ready!).warnings.filter((w) => w.file === LONE || w.file === GLOBEX)).toEqual([]);
  });

  it("the unreadable note moved out of the notes (renamed to .txt): the page held meanwhile is written", async () => {
    warnings();
    const { h } = await heldGlobex();
    await h.renameExternally(LONE, "Meetings/misc.txt");
    await h.settle();
    expect(h.vaultWrites({ path: GLOBEX })).toHaveLength(1);
    expect(h.read(GLOBEX)).toContain(SYNCED);
  });

  it("its folder excluded by a settings change: the rebuilt index holds no unreadable note, the page held meanwhile is written", async () => {
    warnings();
    const { h, plugin } = await heldGlobex();
    await h.run(plugin.changeSettings((s) => (s.excludedFolders = [LONE])));
    await h.settle();
    expect(plugin.indexer.lost).toEqual([]);
    expect(h.vaultWrites({ path: GLOBEX })).toHaveLength(1);
    expect(h.read(GLOBEX)).toContain(SYNCED);
  });

  it("the unreadable note read again at its change, relating to no customer: the page held meanwhile is written", async () => {
    warnings();
    const { h, plugin } = await heldGlobex();
    h.allowReads(LONE);
    await h.modifyExternally(LONE, "More odds and ends.\n");
    await h.settle();
    expect(plugin.indexer.lost).toEqual([]);
    expect(h.vaultWrites({ path: GLOBEX })).toHaveLength(1);
    expect(h.read(GLOBEX)).toContain(SYNCED);
  });
});

describe("a note deleted between the listing and its read is gone, not unreadable (B30-F)", () => {
  it("at the build: no warning, nothing held", async () => {
    const log = warnings();
    const h = createFakeApp({ files: { ...vault(), ["Meetings/2025-10-06 - Misc.md"]: "Odds and ends.\n" }, now: new Date(2026, 0, 1, 12).getTime() });
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST, data: { refreshOnSave: false } });
    const list = h.vault.getMarkdownFiles.bind(h.vault);
    vi.spyOn(h.vault, "getMarkdownFiles").mockImplementationOnce(() => {
      const files = list();
      // Deleted by another program as the build lists the notes: its read fails with ENOENT.
      void h.deleteExternally("Meetings/2025-10-06 - Misc.md");
      return files;
    });
    await h.startup();
    await h.settle();
    await h.run(plugin.indexer.settled());
    // Before: `…: cannot be read (ENOENT: …); no customer page is written until it can be read`,
    // for a note that no longer exists (its delete event lifted the hold a moment later).
    expect(log.logged().filter((l) => l.includes("Misc"))).toEqual([]);
    expect(plugin.indexer.lost).toEqual([]);
  });

  it("at a change: no warning, the delete removes it", async () => {
    const { h, plugin } = await regenerated();
    const log = warnings();
    const read = h.vault.cachedRead.bind(h.vault);
    vi.spyOn(h.vault, "cachedRead").mockImplementation(async (file) => {
      // Deleted by another program between the change and its read.
      if (file.path === PRICING) await h.deleteExternally(PRICING);
      return read(file);
    });
    await h.modifyExternally(PRICING, "Talked about Acme pricing.\n\n- [ ] Send the new quote\n");
    await h.settle();
    // Before: `…: cannot be read (ENOENT: …); its text as last read is used until it can be read`.
    expect(log.logged().filter((l) => l.includes("Pricing"))).toEqual([]);
    expect(plugin.currentWarnings(plugin.indexer.ready!).warnings.filter((w) => w.file === PRICING)).toEqual([]);
    expect(h.read(ACME)).not.toContain("Send the quote");
    expect(h.read(ACME)).not.toContain("Send the new quote");
  });
});

describe("what a held page and an excluded note keep (B30-F, checks)", () => {
  it("a task ticked on a page held while a note cannot be read stays ticked there, and is written back to its note once the hold lifts", async () => {
    const { h } = await regenerated();
    warnings();
    const LONE = "Meetings/2025-10-06 - Misc.md";
    h.failReads(LONE, "EIO", { created: true });
    await h.createExternally(LONE, "Odds and ends.\n");
    await h.settle();
    const ticked = h.read(ACME).replace("- [ ] Send the quote", "- [x] Send the quote");
    await h.modifyExternally(ACME, ticked);
    await h.settle();
    // Held: neither the page nor the note written, the tick still on the page.
    expect(h.vaultWrites({ path: ACME })).toEqual([]);
    expect(h.vaultWrites({ path: PRICING })).toEqual([]);
    expect(h.read(ACME)).toBe(ticked);
    h.allowReads(LONE);
    await h.modifyExternally(LONE, "More odds and ends.\n");
    await h.settle();
    expect(h.read(PRICING)).toBe("Talked about Acme pricing.\n\n- [x] Send the quote\n");
    expect(h.read(ACME)).not.toContain("Send the quote");
  });

  it("an excluded note that cannot be read is never read, so never a warning nor a hold", async () => {
    const log = warnings();
    const h = createFakeApp({ files: { ...vault(), "Templates/Meeting.md": "- [ ] Template task\n" }, now: new Date(2026, 0, 1, 12).getTime() });
    h.failReads("Templates/Meeting.md");
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST, data: { excludedFolders: ["Templates"] } });
    await h.startup();
    await h.settle();
    await h.run(plugin.indexer.settled());
    await h.modifyExternally("Templates/Meeting.md", "- [ ] Template task, again\n");
    await h.renameExternally("Templates/Meeting.md", "Templates/Meeting 2.md");
    await h.settle();
    expect(plugin.indexer.lost).toEqual([]);
    expect(log.logged().filter((l) => l.includes("Templates"))).toEqual([]);
    await h.run(plugin.regenerateAll());
    expect(h.notices().at(-1)).toBe("Customer pages: 2 of 2 changed, 0 warnings.");
  });
});

describe('"Regenerate every customer page" while a note cannot be read (B30-F)', () => {
  it("its notice counts the pages not regenerated, not only the unchanged ones", async () => {
    warnings();
    const h = createFakeApp({ files: vault(), now: new Date(2026, 0, 1, 12).getTime() });
    h.failReads(KICKOFF);
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST, data: { refreshOnSave: false } });
    await h.startup();
    await h.settle();
    await h.run(plugin.regenerateAll());
    // Before: "0 of 2 changed, 3 warnings", as if both pages were up to date. The warnings: the
    // kickoff note's, and one on each page held.
    expect(h.notices().at(-1)).toBe('Customer pages: 0 of 2 changed, 2 could not be regenerated, 3 warnings (the command "Show warnings" lists them).');
    expect(plugin.currentWarnings(plugin.indexer.ready!).warnings.map((w) => w.file)).toEqual([KICKOFF, ACME, GLOBEX]);
  });
});

describe("a note moved while it is read is gone from where it was read, not unreadable (B30-H)", () => {
  // Obsidian's cachedRead reads the path the file had when it was called; a rename meanwhile moves
  // the same TFile (its path changes in place), and the read rejects with ENOENT for the old path.
  function readsMovedMeanwhile(h: FakeHarness, from: string, to: string): void {
    const read = h.vault.cachedRead.bind(h.vault);
    let moved = false;
    vi.spyOn(h.vault, "cachedRead").mockImplementation(async (file) => {
      if (moved || file.path !== from) return read(file);
      moved = true;
      const path = file.path;
      await Promise.resolve(); // the read under way
      await h.renameExternally(from, to);
      return h.vault.adapter.read(path);
    });
  }

  it("at a change: no warning, the rename's read takes it", async () => {
    const { h, plugin } = await regenerated();
    const log = warnings();
    const MOVED = "Meetings/2025-10-04 - Pricing call (Acme).md";
    readsMovedMeanwhile(h, PRICING, MOVED);
    await h.modifyExternally(PRICING, "Talked about Acme pricing.\n\n- [ ] Send the new quote\n");
    await h.settle();
    // Before: `…Pricing call.md: cannot be read (ENOENT: …); its text as last read is used until it
    // can be read`, for a note that was only moved (the TFile followed it, so it looked still there).
    expect(log.logged().filter((l) => l.includes("Pricing"))).toEqual([]);
    expect(plugin.indexer.lost).toEqual([]);
    expect(plugin.currentWarnings(plugin.indexer.ready!).warnings.filter((w) => w.file === PRICING || w.file === MOVED)).toEqual([]);
    expect(h.read(ACME)).toContain("- [ ] Send the new quote ([[2025-10-04 - Pricing call (Acme)]])");
  });

  it("at the build: no warning, nothing held", async () => {
    const log = warnings();
    const MISC = "Meetings/2025-10-06 - Misc.md";
    const h = createFakeApp({ files: { ...vault(), [MISC]: "Odds and ends.\n" }, now: new Date(2026, 0, 1, 12).getTime() });
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST, data: { refreshOnSave: false } });
    readsMovedMeanwhile(h, MISC, "Meetings/2025-10-06 - Misc notes.md");
    const lost: string[][] = [];
    plugin.indexer.onEvent("ready", () => lost.push(plugin.indexer.lost));
    await h.startup();
    await h.settle();
    await h.run(plugin.indexer.settled());
    // Before: `…Misc notes.md: cannot be read (ENOENT: …); no customer page is written until it can
    // be read`, every page held until the rename's event lifted it.
    expect(log.logged().filter((l) => l.includes("Misc"))).toEqual([]);
    expect(lost).toEqual([[]]);
    expect(plugin.indexer.lost).toEqual([]);
  });
});

describe("many notes that cannot be read (a folder a sync tool has not downloaded yet)", () => {
  const N = 2000;
  const paths = Array.from({ length: N }, (_, i) => `Synced/Note ${String(i).padStart(4, "0")}.md`);

  async function manyLost(): Promise<{ h: FakeHarness; plugin: CustomerPagesPlugin; reads: () => string[] }> {
    const files = vault();
    for (const p of paths) files[p] = "With [[Acme]].\n";
    const h = createFakeApp({ files, now: new Date(2026, 0, 1, 12).getTime() });
    for (const p of paths) h.failReads(p);
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST });
    await h.startup();
    await h.settle();
    await h.run(plugin.indexer.settled());
    warnings();
    const read = vi.spyOn(h.vault, "cachedRead");
    return { h, plugin, reads: () => read.mock.calls.map((c) => c[0].path) };
  }

  it("a refresh on save reads again only 20 of them, those tried least recently; a command reads them all (B31-B)", async () => {
    const { h, plugin, reads } = await manyLost();
    await h.modifyExternally(PRICING, "Talked about Acme pricing.\n\n- [ ] Send the new quote\n");
    await h.settle();
    // Before: each round read all 2,000 again.
    const first = reads().filter((p) => p.startsWith("Synced/"));
    expect(first).toEqual(paths.slice(0, 20));
    await h.modifyExternally(PRICING, "Talked about Acme pricing.\n\n- [ ] Send the final quote\n");
    await h.settle();
    expect(reads().filter((p) => p.startsWith("Synced/")).slice(20)).toEqual(paths.slice(20, 40));
    // Nothing is written while the index holds none of them.
    expect(h.vaultWrites({ path: ACME })).toEqual([]);
    const before = reads().length;
    await h.run(plugin.regeneratePages([ACME], false));
    expect(reads().slice(before).filter((p) => p.startsWith("Synced/"))).toHaveLength(N);
  });

  it("a note whose own change could not be read counts as tried: the next round reads the 20 tried before it (B31-F)", async () => {
    const { h, reads } = await manyLost();
    // Its sync tool touches Note 0000 (still not downloaded): its event reads it, and fails.
    await h.modifyExternally(paths[0]!, "With [[Acme]] and more.\n");
    await h.settle();
    expect(reads()).toEqual([paths[0]]);
    await h.modifyExternally(PRICING, "Talked about Acme pricing.\n\n- [ ] Send the new quote\n");
    await h.settle();
    // Before: Note 0000–0019, the note just tried read again first.
    expect(reads().filter((p) => p.startsWith("Synced/")).slice(1)).toEqual(paths.slice(1, 21));
  });

  it("one readable again with no event is read by a later round, which writes once none is left (B31-B)", async () => {
    const { h, plugin } = await manyLost();
    for (const p of paths.slice(1)) h.allowReads(p);
    // Read by Show warnings (a command: all of them), so one is left: Note 0000.
    await plugin.showWarnings();
    await h.settle();
    expect(plugin.indexer.lost).toEqual([paths[0]]);
    h.allowReads(paths[0]!);
    await h.modifyExternally(PRICING, "Talked about Acme pricing.\n\n- [ ] Send the new quote\n");
    await h.settle();
    expect(plugin.indexer.lost).toEqual([]);
    expect(h.read(ACME)).toContain("- [ ] Send the new quote ([[2025-10-04 - Pricing call]])");
  });
});

describe("the Indexer's queue (B31-B)", () => {
  it("an event fired from inside a read joins the queue of the run under way", async () => {
    const h = createFakeApp({ files: crmVault(), now: new Date(2026, 0, 1, 12).getTime() });
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST, data: {} });
    await h.startup();
    await h.settle();
    await h.run(plugin.indexer.settled());
    const cachedRead = h.app.vault.cachedRead.bind(h.app.vault);
    let inFlight = 0;
    let most = 0;
    let fired = false;
    vi.spyOn(h.app.vault, "cachedRead").mockImplementation(async (file) => {
      inFlight++;
      most = Math.max(most, inFlight);
      // As a vault event fired synchronously while the read starts (Obsidian fires them later).
      if (!fired && file.path === KICKOFF) {
        fired = true;
        h.app.vault.trigger("modify", h.app.vault.getFileByPath("Meetings/2025-10-02 - Globex sync.md"));
      }
      try {
        return await cachedRead(file);
      } finally {
        inFlight--;
      }
    });
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]] again.\n");
    await h.settle();
    expect(fired).toBe(true);
    // Before: the event started a second run beside the first, reading at the same time.
    expect(most).toBe(1);
  });
});

describe("two lines of a page ticking one task with two statuses, the task's note unreadable when the round writes the tick back (B39-B)", () => {
  const PLAN = "Send the plan ([[2025-10-01 - Acme kickoff]])";
  const DONE = "- [x] send the plan. ([[2025-10-01 - Acme kickoff]])";
  const UNREAD = `Customer Pages: ${KICKOFF}: cannot be read (EIO: i/o error, read); 1 task(s) left unticked`;
  // README: two lines of one page ticking one task "are read top down: the upper line's status is
  // written, or kept on the page when its note cannot be written then". The `[x]` line is gone from
  // the page written: it went without a word.
  const DROPPED =
    `Customer Pages: ${ACME}: tick dropped, a line above ticks the same task [-], which the page keeps ticked as ${KICKOFF} was not written ` +
    `(the page's lines are read top down; the next run writes [-] back: change that line to [x] before then if [x] was meant): ${DONE}`;

  /** Acme's page written, then its plan's line made `[-]` (and `more` after it); the kickoff unreadable from then on. */
  async function cancelled(more: string): Promise<{ h: FakeHarness; plugin: CustomerPagesPlugin }> {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    await h.run(plugin.regenerateAll());
    await h.settle();
    expect(h.read(ACME)).toContain(`## Open Tasks\n\n- [ ] ${PLAN}\n\n`);
    await h.modifyExternally(ACME, h.read(ACME).replace(`- [ ] ${PLAN}`, `- [-] ${PLAN}${more}`));
    await h.settle();
    h.failReads(KICKOFF, "EIO");
    h.clearLogs();
    return { h, plugin };
  }

  /** The kickoff readable again, the next round writes `[-]` into it: the status of the upper line. */
  async function writtenNext(h: FakeHarness, plugin: CustomerPagesPlugin): Promise<void> {
    h.allowReads(KICKOFF);
    await h.run(plugin.regeneratePages([ACME], true));
    expect(h.read(KICKOFF)).toContain("- [-] Send the plan\n");
    expect(h.read(ACME)).not.toContain("Send the plan");
  }

  it("both there when the round reads the page: the page keeps the upper line's status, and the lower line's tick is dropped with a warning naming the note", async () => {
    const { h, plugin } = await cancelled(`\n${DONE}`);
    const log = warnings();
    await h.run(plugin.regeneratePages([ACME], true));
    expect(log.logged()).toEqual([UNREAD, DROPPED]);
    expect(h.read(ACME)).toContain(`## Open Tasks\n\n- [-] ${PLAN}\n\n`);
    expect(h.read(KICKOFF)).toContain("- [ ] Send the plan\n");
    await writtenNext(h, plugin);
  });

  it("the lower line ticked while the round writes the page (it is read again): the same", async () => {
    const { h, plugin } = await cancelled("");
    // A note of Acme's written since: the page changes, so the round writes it.
    await h.createExternally("Meetings/2025-10-05 - Acme call.md", "Call with [[Ann Lee]].\n");
    await h.settle();
    const process = h.vault.process.bind(h.vault);
    let typed = false;
    // The copy is typed below the `[-]` line (another device, through Sync) just before the plugin writes the page.
    vi.spyOn(h.vault, "process").mockImplementation(async (file, fn, options) => {
      if (!typed && file.path === ACME) {
        typed = true;
        await h.vault.modify(file, (await h.vault.read(file)).replace(`- [-] ${PLAN}\n`, `- [-] ${PLAN}\n${DONE}\n`));
      }
      return process(file, fn, options);
    });
    const log = warnings();
    await h.run(plugin.regeneratePages([ACME], true));
    expect(typed).toBe(true);
    expect(log.logged()).toEqual([UNREAD, DROPPED]);
    expect(h.read(ACME)).toContain("[[2025-10-05 - Acme call]]");
    expect(h.read(ACME)).toContain(`## Open Tasks\n\n- [-] ${PLAN}\n\n`);
    vi.mocked(h.vault.process).mockRestore();
    await writtenNext(h, plugin);
  });
});

describe("two lines of a page ticking one task with two statuses, the task's note changed by another program just before the round writes it (B39-G)", () => {
  const PLAN = "Send the plan ([[2025-10-01 - Acme kickoff]])";
  const DONE = "- [x] send the plan. ([[2025-10-01 - Acme kickoff]])";

  // The kept-tick warning ("a line above ticks the same task [-], which the page keeps ticked …")
  // promises the upper line's tick on the next page; with the task closed or edited in the note
  // meanwhile, the page shows no line of it, neither tick is kept, and the note's own warning is all.
  for (const [edited, shown] of [
    ["- [x] Send the plan", null],
    ["- [ ] Send the plan today", "- [ ] Send the plan today ([[2025-10-01 - Acme kickoff]])"],
  ] as const) {
    it(`the note's task made \`${edited}\`: only the note's warning`, async () => {
      const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
      await h.run(plugin.regenerateAll());
      await h.settle();
      expect(h.read(ACME)).toContain(`## Open Tasks\n\n- [ ] ${PLAN}\n\n`);
      await h.modifyExternally(ACME, h.read(ACME).replace(`- [ ] ${PLAN}`, `- [-] ${PLAN}\n${DONE}`));
      await h.settle();
      h.clearLogs();
      const process = h.vault.process.bind(h.vault);
      let changed = false;
      // Sync brings the note's edit just before the plugin writes the tick into it.
      vi.spyOn(h.vault, "process").mockImplementation(async (file, fn, options) => {
        if (!changed && file.path === KICKOFF) {
          changed = true;
          await h.vault.modify(file, (await h.vault.read(file)).replace("- [ ] Send the plan\n", `${edited}\n`));
        }
        return process(file, fn, options);
      });
      const log = warnings();
      await h.run(plugin.regeneratePages([ACME], true));
      expect(changed).toBe(true);
      expect(log.logged()).toEqual([`Customer Pages: ${KICKOFF}: changed while ticks were applied; 1 task(s) left unticked`]);
      expect(h.read(KICKOFF)).toContain(`\n${edited}\n`);
      // Nothing of the two lines is left: the task's line, if any, stands open.
      expect(h.read(ACME)).toContain(`## Open Tasks\n\n${shown === null ? "" : `${shown}\n\n`}## Account Status`);
    });
  }
});
