// @vitest-environment happy-dom
// What an audit of the plugin against Obsidian's API found (docs/reliability.md, B18): the panel
// after the plugin's own writes, commands before the first index, settings that need no rebuild,
// typed folders and numbers, refreshes waiting when the delay changes, work after unload.
import { afterEach, describe, expect, it, vi } from "vitest";
import CustomerPagesPlugin from "../../src/plugin/main";
import { StatusView } from "../../src/plugin/status-view";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { Indexer } from "../../src/plugin/indexer";
import type { MarkdownFileInfo } from "obsidian";
import { StringEditor } from "../fake-obsidian/editor";
import { createFakeApp, createStartedApp, findSetting, userChange, type FakeHarness } from "../fake-obsidian/harness";
import { MANIFEST, crmVault, startPlugin } from "./setup";

const KICKOFF = "Meetings/2025-10-01 - Acme kickoff.md";
const texts = (root: HTMLElement, sel: string): string[] => Array.from(root.querySelectorAll(sel)).map((e) => e.textContent ?? "");

describe("the panel", () => {
  it("shows a task ticked on the page as done at once (the round's own write raises no event)", async () => {
    const { h, plugin } = await startPlugin(crmVault());
    await plugin.regenerateAll();
    await h.settle();
    await h.openFile("Customers/Acme.md");
    await plugin.openPanel();
    await h.settle();
    const root = (h.workspace.getLeavesOfType("customer-pages-status")[0]!.view as StatusView).contentEl;
    expect(texts(root, ".cp-count")).toEqual(["1 open task", "0 blockers", "0 decisions"]);
    await h.modifyExternally("Customers/Acme.md", h.read("Customers/Acme.md").replace("- [ ] Send the plan", "- [x] Send the plan"));
    await h.settle();
    expect(h.read(KICKOFF)).toContain("- [x] Send the plan");
    expect(texts(root, ".cp-count")).toEqual(["0 open tasks", "0 blockers", "0 decisions"]);
  });

  it("is not drawn again for a change no customer depends on, and keeps its scroll position when it is", async () => {
    const { h, plugin } = await startPlugin(crmVault());
    await plugin.openPanel();
    await h.settle();
    const view = h.workspace.getLeavesOfType("customer-pages-status")[0]!.view as StatusView;
    const refresh = vi.spyOn(view, "refresh");
    await h.modifyExternally("Meetings/2025-10-03 - 1-1 Dana.md", "1:1 with [[Dana]]. Lunch.\n");
    await h.settle();
    expect(refresh).not.toHaveBeenCalled();
    view.contentEl.scrollTop = 40;
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]].\n\n- [ ] Send the plan\n- [ ] Book the visit\n");
    await h.settle();
    expect(refresh).toHaveBeenCalled();
    expect(view.contentEl.scrollTop).toBe(40);
  });
});

describe("a page open in an editor outside the tabs", () => {
  it("is written through that editor (a hover popover's unsaved typing stays), not through the vault", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const page = "Customers/Acme.md";
    // The user edits the page in a hover popover: Obsidian makes that editor the active one.
    const editor = new StringEditor(h.read(page).replace("Mine.\n", "Mine.\nTyped in a popover, not saved yet.\n"));
    h.workspace.activeEditor = { file: h.file(page), editor } as unknown as MarkdownFileInfo;
    editor.focus();
    await plugin.regeneratePages([page], false);
    await h.settle();
    expect(editor.getValue()).toContain("## Recent Context\n\n- 2025-10-01: [[2025-10-01 - Acme kickoff]]");
    expect(editor.getValue()).toContain("Mine.\nTyped in a popover, not saved yet.\n");
    expect(h.vaultWrites({ path: page })).toEqual([]);
  });

  it("one without focus (a closed popover Obsidian may still name) is not written: the vault is", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const page = "Customers/Acme.md";
    const editor = new StringEditor(h.read(page));
    h.workspace.activeEditor = { file: h.file(page), editor } as unknown as MarkdownFileInfo;
    await plugin.regeneratePages([page], false);
    await h.settle();
    expect(h.read(page)).toContain("## Recent Context\n\n- 2025-10-01: [[2025-10-01 - Acme kickoff]]");
    expect(editor.getValue()).not.toContain("[[2025-10-01 - Acme kickoff]]");
  });
});

describe("startup", () => {
  it("indexes at once when Obsidian resolved its links before the layout was ready", async () => {
    const h = createFakeApp({ files: crmVault(), now: new Date(2026, 0, 1, 12).getTime(), resolvedBeforeLayout: true });
    const resolved: string[] = [];
    h.metadataCache.on("resolved", () => resolved.push("resolved"));
    h.workspace.onLayoutReady(() => resolved.push("layout ready"));
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST });
    await h.startup();
    expect(resolved.slice(0, 2)).toEqual(["resolved", "layout ready"]);
    await h.advance(100); // far less than the 3 s the plugin waits for a `resolved` that may not come
    expect(plugin.indexer.ready?.customerPaths()).toEqual(["Customers/Acme.md", "Customers/Globex.md"]);
  });

  it("indexes at once when Obsidian became ready and resolved its links while data.json loaded (B31-F)", async () => {
    const h = createFakeApp({ files: crmVault(), now: new Date(2026, 0, 1, 12).getTime() });
    const order: string[] = [];
    h.metadataCache.on("resolved", () => order.push("resolved"));
    // Obsidian does not wait for an async onload before it goes on starting up: the layout gets
    // ready and the links resolved while the plugin still reads its settings.
    class LoadsSlowly extends CustomerPagesPlugin {
      override async loadData(): Promise<unknown> {
        await h.startup();
        order.push("settings read");
        return super.loadData();
      }
    }
    const plugin = await h.loadPlugin(LoadsSlowly, { manifest: MANIFEST });
    expect(order.slice(0, 2)).toEqual(["resolved", "settings read"]);
    await h.advance(100); // far less than the 3 s the plugin waits for a `resolved` that may not come
    expect(plugin.indexer.ready?.customerPaths()).toEqual(["Customers/Acme.md", "Customers/Globex.md"]);
  });

  it("enabled in a running Obsidian: indexes at once, not after waiting for a `resolved` that only a change would send", async () => {
    const h = createFakeApp({ files: crmVault(), now: new Date(2026, 0, 1, 12).getTime() });
    await h.startup();
    await h.settle();
    const resolved: string[] = [];
    h.metadataCache.on("resolved", () => resolved.push("resolved"));
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST });
    await h.advance(100);
    expect(resolved).toEqual([]);
    expect(plugin.indexer.ready?.customerPaths()).toEqual(["Customers/Acme.md", "Customers/Globex.md"]);
  });
});

describe("commands before the first index", () => {
  it("Regenerate every customer page, run before indexing starts, waits for it and writes the pages", async () => {
    const h = createFakeApp({ files: crmVault(), now: new Date(2026, 0, 1, 12).getTime() });
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST });
    const report = plugin.regenerateAll();
    await h.startup();
    await h.settle();
    const r = await report;
    expect(r?.pages.map((p) => [p.path, p.written])).toEqual([
      ["Customers/Acme.md", true],
      ["Customers/Globex.md", true],
    ]);
    expect(h.read("Customers/Acme.md")).toContain("## Recent Context\n\n- 2025-10-01: [[2025-10-01 - Acme kickoff]]");
    expect(h.notices()).toEqual(["Customer pages: indexing the vault; the pages follow.", "Customer pages: 2 of 2 changed, 0 warnings."]);
  });

  it("Regenerate customer page stays offered while a settings change rebuilds the index", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    await h.openFile("Customers/Acme.md");
    plugin.settings = { ...plugin.settings, sourceLinks: false };
    const rebuilt = plugin.indexer.updateSettings(plugin.settings);
    expect(plugin.indexer.ready).toBeNull(); // rebuilding
    expect(h.availableCommands()).toContain("customer-pages:regenerate-page");
    expect(h.executeCommand("customer-pages:regenerate-page")).toBe(true);
    await h.settle();
    await rebuilt;
    // The round waited for the new index: its page has no source links.
    expect(h.read("Customers/Acme.md")).toContain("- Acme runs two sites\n");
    expect(h.notices()).toEqual(["Customer page updated."]);
  });
});

describe("settings", () => {
  it("Refresh delay, Refresh on save and Stale after rebuild nothing; the others rebuild the index", async () => {
    const { h, plugin } = await startPlugin(crmVault());
    const reads = vi.spyOn(h.vault, "cachedRead");
    const tab = h.openSettings(plugin);
    userChange(findSetting(tab.containerEl, "Stale after").components[0] as never, "45");
    userChange(findSetting(tab.containerEl, "Refresh on save").components[0] as never, false);
    userChange(findSetting(tab.containerEl, "Refresh delay").components[0] as never, 4);
    await h.settle();
    expect(plugin.settings).toMatchObject({ staleDays: 45, refreshOnSave: false, refreshDelaySeconds: 4 });
    expect(reads).not.toHaveBeenCalled();
    userChange(findSetting(tab.containerEl, "Mentions").components[0] as never, false);
    await h.settle();
    expect(reads.mock.calls.length).toBeGreaterThan(0);
  });

  it("a folder typed with slashes or backslashes is the folder", async () => {
    const files = crmVault();
    files["Clients/Initech.md"] = "# Initech\n";
    files["Archive/Old/2025-01-01 - Initech.md"] = "Old call with [[Initech]].\n";
    const { h, plugin } = await startPlugin(files);
    const tab = h.openSettings(plugin);
    userChange(findSetting(tab.containerEl, "Customers folder").components[0] as never, " Clients/ ");
    userChange(findSetting(tab.containerEl, "Excluded folders").components[0] as never, "Archive\\Old/\n/\n");
    await h.settle();
    await h.run(plugin.indexer.settled());
    expect(plugin.settings.folders.customers).toBe("Clients");
    expect(plugin.settings.excludedFolders).toEqual(["Archive/Old"]);
    expect(plugin.indexer.ready!.customerPaths()).toEqual(["Clients/Initech.md", "Customers/Acme.md", "Customers/Globex.md"]);
    expect(plugin.indexer.ready!.note("Archive/Old/2025-01-01 - Initech.md")).toBeUndefined();
  });

  it("a number field left blank while it is retyped changes nothing", async () => {
    const { h, plugin } = await startPlugin(crmVault());
    const tab = h.openSettings(plugin);
    userChange(findSetting(tab.containerEl, "Key facts shown").components[0] as never, "");
    userChange(findSetting(tab.containerEl, "Stale after").components[0] as never, " ");
    await h.settle();
    expect(plugin.settings.limits.keyFacts).toBe(10);
    expect(plugin.settings.staleDays).toBe(30);
    userChange(findSetting(tab.containerEl, "Key facts shown").components[0] as never, "3");
    await h.settle();
    expect(plugin.settings.limits.keyFacts).toBe(3);
  });

  it("excluded notes are never read, from the settings, Obsidian's Excluded files or Templater's folder", async () => {
    const files = crmVault();
    files["Archive/2025-01-01 - Acme.md"] = "Old call with [[Acme]].\n";
    files["Drafts/2025-01-02 - Acme.md"] = "Draft for [[Acme]].\n";
    files[".obsidian/app.json"] = JSON.stringify({ userIgnoreFilters: ["Drafts/"] });
    // The Templater plugin's templates folder, like the core Templates folder.
    files["Templater/Acme meeting.md"] = "Template for [[Acme]].\n\n- [ ] Send recap\n";
    files[".obsidian/plugins/templater-obsidian/data.json"] = JSON.stringify({ templates_folder: "Templater" });
    const h = createFakeApp({ files, now: new Date(2026, 0, 1, 12).getTime() });
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST, data: { excludedFolders: ["Archive"] } });
    const reads = vi.spyOn(h.vault, "cachedRead");
    await h.startup();
    await h.settle();
    await h.run(plugin.indexer.settled());
    const read = reads.mock.calls.map((c) => (c[0] as { path: string }).path);
    expect(read).toContain(KICKOFF);
    expect(read.filter((p) => p.startsWith("Archive/") || p.startsWith("Drafts/") || p.startsWith("Templater/"))).toEqual([]);
    // Still link targets (§1).
    expect(plugin.indexer.ready!.resolve("2025-01-02 - Acme", KICKOFF)).toBe("Drafts/2025-01-02 - Acme.md");
  });

  it("Obsidian's Excluded files changed while it runs apply once the index is rebuilt (README, Indexing: read when the index is built)", async () => {
    const files = crmVault();
    files["Drafts/2025-12-01 - Acme draft.md"] = "Draft for [[Acme]].\n";
    files[".obsidian/app.json"] = JSON.stringify({ userIgnoreFilters: ["Drafts/"] });
    const { h, plugin } = await startPlugin(files, { refreshOnSave: false });
    await h.run(plugin.regenerateAll());
    expect(h.read("Customers/Acme.md")).not.toContain("Acme draft");
    await h.modifyExternally(".obsidian/app.json", JSON.stringify({ userIgnoreFilters: [] }));
    await h.run(plugin.regenerateAll());
    expect(h.read("Customers/Acme.md")).not.toContain("Acme draft");
    // Stale after needs no rebuild, so app.json is not read again; a change that rebuilds the index reads it.
    await h.run(plugin.changeSettings((s) => (s.staleDays = 31)));
    await h.settle();
    await h.run(plugin.regenerateAll());
    expect(h.read("Customers/Acme.md")).not.toContain("Acme draft");
    await h.run(plugin.changeSettings((s) => (s.mentions = false)));
    await h.settle();
    await h.run(plugin.regenerateAll());
    expect(h.read("Customers/Acme.md")).toContain("- 2025-12-01: [[2025-12-01 - Acme draft]] - Draft for Acme.\n");
  });

  it("excluded notes are not read afterwards either: edited, created, or moved into an excluded folder", async () => {
    const files = crmVault();
    files["Archive/2025-01-01 - Acme.md"] = "Old call with [[Acme]].\n";
    const { h, plugin } = await startPlugin(files, { excludedFolders: ["Archive"], refreshDelaySeconds: 1 });
    await plugin.regenerateAll();
    await h.settle();
    const reads = [vi.spyOn(h.vault, "cachedRead"), vi.spyOn(h.vault, "read")];
    await h.modifyExternally("Archive/2025-01-01 - Acme.md", "Old call with [[Acme]], edited.\n");
    await h.createExternally("Archive/2025-01-02 - Acme.md", "Another old call with [[Acme]].\n");
    await h.renameExternally(KICKOFF, "Archive/2025-10-01 - Acme kickoff.md");
    await h.settle();
    const read = reads.flatMap((r) => r.mock.calls.map((c) => (c[0] as { path: string }).path));
    expect(read.filter((p) => p.startsWith("Archive/"))).toEqual([]);
    // The kickoff moved out of sight: Acme's page no longer lists it, and links to it still resolve.
    expect(h.read("Customers/Acme.md")).not.toContain("Acme runs two sites");
    expect(plugin.indexer.ready!.resolve("2025-10-01 - Acme kickoff", "Customers/Acme.md")).toBe("Archive/2025-10-01 - Acme kickoff.md");
  });
});

describe("refresh on save", () => {
  it("a page waiting for the refresh delay still comes when the delay is changed meanwhile", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshDelaySeconds: 5 });
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]].\n\n## Key Facts\n\n- Acme runs three sites\n");
    await h.advance(1000);
    await plugin.changeSettings((s) => (s.refreshDelaySeconds = 4));
    await h.advance(3900);
    expect(h.vaultWrites({ path: "Customers/Acme.md" })).toHaveLength(0);
    await h.advance(200);
    expect(h.read("Customers/Acme.md")).toContain("- Acme runs three sites");
  });

  it("the plugin's own edit through the editor is not the user typing: a refresh due soon after is not held back", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshDelaySeconds: 2 });
    const view = await h.openFile("Customers/Acme.md");
    view.editor.setCursor({ line: 9, ch: 0 }); // in Recent Context, a managed section
    await h.settle();
    const refresher = (plugin as unknown as { refresher: { regenerate: (c: readonly string[]) => Promise<unknown> } }).refresher;
    const rounds = vi.spyOn(refresher, "regenerate");
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]].\n\n## Key Facts\n\n- Acme runs three sites\n"); // Acme due in 2 s
    await h.advance(1500);
    await plugin.regeneratePages(["Customers/Acme.md"], false); // the plugin edits the open page
    expect(view.editor.getValue()).toContain("- Acme runs three sites");
    await h.advance(600);
    // Due now; only typing by the user within the delay would postpone it.
    expect(rounds).toHaveBeenCalledTimes(2);
  });

  it("a text the plugin expected to write, never saved, does not hide a later edit that returns to it", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const indexer = plugin.indexer;
    const ours = "Kickoff with [[Ann Lee]].\n\n- [ ] Our text\n";
    indexer.expectWrite(KICKOFF, ours, indexer.ready!); // a write that the user's typing overtook
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]].\n\n- [ ] The user's text\n");
    await h.settle();
    await h.modifyExternally(KICKOFF, ours);
    await h.settle();
    const open = [...indexer.ready!.note(KICKOFF)!.items].map((i) => i.text);
    expect(open).toEqual(["Our text"]);
  });
});

describe("a box ticked on the page while a round writes it", () => {
  afterEach(() => vi.restoreAllMocks());
  for (const refreshOnSave of [true, false]) {
    it(`stays ticked, with a warning; ${refreshOnSave ? "refresh on save writes it back after its delay" : "with refresh on save off, the next command writes it back"}`, async () => {
      const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false, refreshDelaySeconds: 2 });
      await plugin.regenerateAll();
      await h.settle();
      const ACME = "Customers/Acme.md";
      await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]].\n\n## Key Facts\n\n- Acme runs three sites\n\n- [ ] Send the plan\n");
      await h.settle();
      await plugin.changeSettings((s) => (s.refreshOnSave = refreshOnSave));
      await h.settle();
      const process = h.vault.process.bind(h.vault);
      let ticked = false;
      // The box is ticked (another device, through Sync) just before the plugin writes the page.
      vi.spyOn(h.vault, "process").mockImplementation(async (file, fn, options) => {
        if (!ticked && file.path === ACME) {
          ticked = true;
          await h.vault.modify(file, (await h.vault.read(file)).replace("- [ ] Send the plan", "- [x] Send the plan"));
        }
        return process(file, fn, options);
      });
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
      await h.run(plugin.regeneratePages([ACME], true));
      expect(ticked).toBe(true);
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
        `Customer Pages: ${ACME}: ticked while it was regenerated; the tick stays on the page, and the next run writes it back`,
      ]);
      expect(h.read(ACME)).toContain("- Acme runs three sites");
      expect(h.read(ACME)).toContain("- [x] Send the plan ([[2025-10-01 - Acme kickoff]])");
      expect(h.read(KICKOFF)).toContain("- [ ] Send the plan");
      await h.advance(1900);
      expect(h.read(KICKOFF)).toContain("- [ ] Send the plan");
      await h.advance(200);
      if (!refreshOnSave) {
        await h.settle();
        expect(h.read(KICKOFF)).toContain("- [ ] Send the plan");
        await h.run(plugin.regeneratePages([ACME], true));
      }
      expect(h.read(KICKOFF)).toContain("- [x] Send the plan");
      expect(h.read(ACME)).not.toContain("Send the plan");
    });
  }
});

describe("changes while the index is rebuilt", () => {
  it("a tick written back into the note's open editor, saved to disk after a settings change rebuilt the index, reaches the new index", async () => {
    const ACME = "Customers/Acme.md";
    const { h, plugin } = await startPlugin(crmVault(), { refreshDelaySeconds: 1 });
    await h.run(plugin.regenerateAll());
    const view = await h.openFile(KICKOFF);
    await h.settle();
    await h.modifyExternally(ACME, h.read(ACME).replace("- [ ] Send the plan", "- [x] Send the plan"));
    // Refresh on save writes the tick into the kickoff's editor; the settings change comes before
    // the editor has saved it, so the rebuild reads the note with its box still open.
    await h.advance(1500);
    expect(view.editor.getValue()).toContain("- [x] Send the plan");
    await plugin.changeSettings((s) => (s.excludedFolders = ["Archive"]));
    await h.settle();
    expect(h.read(KICKOFF)).toContain("- [x] Send the plan");
    expect([...plugin.indexer.ready!.note(KICKOFF)!.items].map((i) => i.text)).not.toContain("Send the plan");
    await h.run(plugin.regenerateAll());
    await h.settle();
    expect(h.read(ACME)).not.toContain("Send the plan");
  });

  it("a note changed after the rebuild read it reaches the new index", async () => {
    const GLOBEX_SYNC = "Meetings/2025-10-02 - Globex sync.md";
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    // Reads that wait until the test lets them go, to put the events where a slow disk would.
    const real = h.vault.cachedRead.bind(h.vault);
    const gates = new Map<string, Promise<void>>();
    const hold = (path: string): (() => void) => {
      let release!: () => void;
      gates.set(path, new Promise<void>((r) => (release = r)));
      return release;
    };
    const asked: string[] = [];
    vi.spyOn(h.vault, "cachedRead").mockImplementation(async (file) => {
      asked.push(file.path);
      const gate = gates.get(file.path);
      if (gate !== undefined) {
        gates.delete(file.path);
        await gate;
      }
      return real(file);
    });
    const releaseQueue = hold(KICKOFF);
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]]. Moved to Tuesday.\n"); // the event queue waits on this read
    const releaseBuild = hold("People/Dana.md");
    asked.length = 0;
    const rebuilt = plugin.indexer.updateSettings({ ...plugin.settings, sourceLinks: false });
    while (!asked.includes("People/Dana.md")) await h.advance(1); // the rebuild has read every note but one
    await h.modifyExternally(GLOBEX_SYNC, "Sync with [[Bob Stone]] of [[Globex]]. Renewal in May.\n");
    await h.advance(50); // its vault and metadata events are queued
    releaseQueue();
    await h.flush();
    releaseBuild();
    await h.settle();
    await rebuilt;
    const index = await plugin.indexer.settled();
    expect(index!.note(GLOBEX_SYNC)!.summary).toBe("Sync with Bob Stone of Globex. Renewal in May.");
    expect(index!.note(KICKOFF)!.summary).toBe("Kickoff with Ann Lee. Moved to Tuesday.");
  });
});

/**
 * The next build to read Obsidian's config files waits there until the returned function is
 * called; the next listing of the vault's files (by whichever build gets there first) throws.
 */
function failingBuildAfterGate(h: FakeHarness): () => void {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const exists = h.vault.adapter.exists.bind(h.vault.adapter);
  vi.spyOn(h.vault.adapter, "exists").mockImplementationOnce(async (path) => {
    await gate;
    return exists(path);
  });
  vi.spyOn(h.vault, "getMarkdownFiles").mockImplementationOnce(() => {
    throw new Error("disk gone");
  });
  return release;
}

describe("a rematch that fails", () => {
  afterEach(() => vi.restoreAllMocks());
  it("leaves the index as it was, says so in the console, and a command waiting for it goes on", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const index = plugin.indexer.ready!;
    vi.spyOn(index, "rematchSteps").mockImplementation(function* () {
      yield;
      throw new Error("a bug");
    });
    // A new customer: every note is matched against the names again, and that fails.
    await h.createExternally("Customers/Initech.md", "# Initech\n");
    h.executeCommand("customer-pages:regenerate-all");
    await h.settle();
    expect(logged).toHaveBeenCalledWith("Customer Pages: matching the notes against the customer names failed", expect.any(Error));
    expect(h.notices().at(-1)).toBe("Customer pages: 3 of 3 changed, 0 warnings.");
    expect(h.read("Customers/Initech.md")).toContain("| **Last contact** | unknown |");
  });
});

describe("a rebuild that fails", () => {
  it("keeps the last index, says so in the console, and applies the changes queued meanwhile", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    // The rebuild waits on Obsidian's config files, then finds the vault's files gone wrong.
    const release = failingBuildAfterGate(h);
    const rebuilt = plugin.indexer.updateSettings({ ...plugin.settings, sourceLinks: false });
    await h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]]. Moved to Tuesday.\n");
    release();
    await h.settle();
    await rebuilt;
    const index = await plugin.indexer.settled();
    expect(index).not.toBeNull();
    expect(index!.note(KICKOFF)!.summary).toBe("Kickoff with Ann Lee. Moved to Tuesday.");
    expect(logged).toHaveBeenCalledWith("Customer Pages: indexing the vault failed", expect.any(Error));
  });

  it("one that overtook the first build: the first build's index is kept, not none", async () => {
    const h = createFakeApp({ files: crmVault(), now: new Date(2026, 0, 1, 12).getTime() });
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST });
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    // The first build waits on Obsidian's config files; meanwhile a settings change starts a
    // rebuild, which finds the vault's files gone wrong.
    const release = failingBuildAfterGate(h);
    await h.startup();
    await h.advance(3000); // indexing has started, and waits
    const rebuilt = plugin.indexer.updateSettings({ ...plugin.settings, sourceLinks: false });
    await h.flush();
    release();
    await h.settle();
    await rebuilt;
    expect((await plugin.indexer.settled())?.customerPaths()).toEqual(["Customers/Acme.md", "Customers/Globex.md"]);
  });

  it("a command waiting for it goes on with the last index", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(h.vault, "getMarkdownFiles").mockImplementationOnce(() => {
      throw new Error("disk gone");
    });
    const rebuilt = plugin.indexer.updateSettings({ ...plugin.settings, sourceLinks: false });
    const waiting = plugin.indexer.settled(); // asked while the rebuild runs
    const report = plugin.regenerateAll();
    await h.settle();
    await rebuilt;
    expect((await waiting)?.customerPaths()).toEqual(["Customers/Acme.md", "Customers/Globex.md"]);
    expect((await report)?.pages.map((p) => p.path)).toEqual(["Customers/Acme.md", "Customers/Globex.md"]);
  });
});

describe("settled() while queued events are being applied", () => {
  it("a regeneration asked for right after two saves sees both", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const globex = h.modifyExternally("Meetings/2025-10-02 - Globex sync.md", "Sync with [[Bob Stone]] of [[Globex]]. Changed.\n");
    const kickoff = h.modifyExternally(KICKOFF, "Kickoff with [[Ann Lee]].\n\n## Key Facts\n\n- Acme runs two sites\n- Acme has a third site\n\n- [ ] Send the plan\n");
    const facts = plugin.indexer.settled().then((i) => i!.note(KICKOFF)!.items.map((x) => x.text));
    const report = plugin.regeneratePages(["Customers/Acme.md"], false);
    await globex;
    await kickoff;
    expect(await h.run(facts)).toEqual(["Acme runs two sites", "Acme has a third site", "Send the plan"]);
    await h.run(report);
    expect(h.read("Customers/Acme.md")).toContain("- Acme has a third site");
  });
});

describe("notices and rematches", () => {
  it("Regenerate customer page says so when the page kept changing and was left as it is", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    await h.openFile(KICKOFF); // related to Acme alone: the command regenerates Acme
    const process = h.vault.process.bind(h.vault);
    // Something else (a sync tool) writes the page every time, just before the plugin would.
    vi.spyOn(h.vault, "process").mockImplementation(async (file, fn, options) => {
      await h.vault.modify(file, (await h.vault.read(file)) + "x");
      return process(file, fn, options);
    });
    expect(h.executeCommand("customer-pages:regenerate-page")).toBe(true);
    await h.settle();
    expect(h.read("Customers/Acme.md")).not.toContain("[[2025-10-01 - Acme kickoff]]");
    expect(h.notices()).toEqual(["Customer page not updated: it kept changing while it was regenerated (the command \"Show warnings\" lists it)."]);
    // Regenerate every customer page counts both pages, each changed by the sync tool at every write, as not regenerated.
    expect(h.executeCommand("customer-pages:regenerate-all")).toBe(true);
    await h.settle();
    expect(h.notices().at(-1)).toBe('Customer pages: 0 of 2 changed, 2 could not be regenerated, 2 warnings (the command "Show warnings" lists them).');
  });

  it("a page that cannot be written (a full disk) is said to be so, not to have kept changing; Regenerate every customer page counts it among those that could not be regenerated", async () => {
    const { h } = await startPlugin(crmVault(), { refreshOnSave: false });
    await h.openFile(KICKOFF); // related to Acme alone, and Acme's page not open: written through vault.process
    const process = h.vault.process.bind(h.vault);
    vi.spyOn(h.vault, "process").mockImplementation(async (file, fn, options) => {
      if (file.path === "Customers/Acme.md") throw new Error("ENOSPC: no space left on device");
      return process(file, fn, options);
    });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(h.executeCommand("customer-pages:regenerate-page")).toBe(true);
    await h.settle();
    expect(h.executeCommand("customer-pages:regenerate-all")).toBe(true);
    await h.settle();
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      "Customer Pages: Customers/Acme.md: not written (ENOSPC: no space left on device)",
      "Customer Pages: Customers/Acme.md: not written (ENOSPC: no space left on device)",
    ]);
    warn.mockRestore();
    expect(h.read("Customers/Acme.md")).not.toContain("[[2025-10-01 - Acme kickoff]]");
    // Globex is written; Acme is not (the CLI's summary: "1 updated, 1 not written").
    expect(h.read("Customers/Globex.md")).toContain("[[2025-10-02 - Globex sync]]");
    expect(h.notices()).toEqual([
      'Customer page not updated: it could not be written (the command "Show warnings" says why).',
      'Customer pages: 1 of 2 changed, 1 could not be regenerated, 1 warning (the command "Show warnings" lists it).',
    ]);
  });

  it("a rematch overtaken by a newer one (names changed again meanwhile) stops", async () => {
    const h = await createStartedApp({ files: crmVault() });
    const indexer = new Indexer(h.app, DEFAULT_SETTINGS, 0);
    indexer.listen();
    await h.run(indexer.build());
    const rematched: Array<Set<string>> = [];
    indexer.onEvent("changed", (affected, path) => {
      if (path === undefined) rematched.push(affected);
    });
    const acme = h.file("Customers/Acme.md");
    await h.vault.modify(acme, "---\ntype: customer\naliases: [ACME Corp]\n---\n# Acme\n");
    await h.vault.modify(acme, "---\ntype: customer\naliases: [ACME Corp, Acme Inc]\n---\n# Acme\n");
    await h.settle();
    // The first rematch stopped at its first pause; the second matched every note against both names.
    expect(rematched).toHaveLength(1);
  });
});

describe("unload", () => {
  it("a round under way writes no page after the plugin is unloaded", async () => {
    const files = crmVault();
    for (let i = 0; i < 30; i++) files[`Customers/C${i}.md`] = `# C${i}\n`;
    files["Meetings/2025-10-05 - all.md"] = Array.from({ length: 30 }, (_, i) => `[[C${i}]]`).join(" ") + "\n";
    const { h, plugin } = await startPlugin(files, { refreshOnSave: false });
    const process = h.vault.process.bind(h.vault);
    let written = 0;
    vi.spyOn(h.vault, "process").mockImplementation(async (file, fn, options) => {
      const out = await process(file, fn, options);
      // The user disables the plugin while the round is at its third page.
      if (++written === 3) void h.unloadPlugin(plugin);
      return out;
    });
    const report = await plugin.regenerateAll();
    await h.settle();
    expect(report!.pages.filter((p) => p.written)).toHaveLength(3);
    expect(h.vaultWrites()).toHaveLength(3);
  });
});
