// @vitest-environment happy-dom
// Disabling the plugin at any moment — before the workspace is ready, during the first build, during
// a regeneration round, again and again — leaves nothing of it behind and writes nothing afterwards.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, describe, expect, it, vi } from "vitest";
import CustomerPagesPlugin from "../../src/plugin/main";
import { createFakeApp, findSetting, userChange, userType } from "../fake-obsidian/harness";
import { crmVault, MANIFEST } from "./setup";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("disabling the plugin", () => {
  it("before the workspace is ready: nothing of it runs or stays once Obsidian has started", async () => {
    const h = createFakeApp({ files: crmVault(), now: new Date(2026, 0, 1, 12).getTime() });
    const read = vi.spyOn(h.vault, "cachedRead");
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST });
    await h.unloadPlugin(plugin);
    await h.startup();
    await h.settle();
    h.assertNoLeaks();
    // The vault was not read for an index nobody will use.
    expect(read).not.toHaveBeenCalled();
    expect(plugin.indexer.latest).toBeNull();
  });

  it("enabled in a running Obsidian and disabled during its first build: nothing stays, nothing more is read", async () => {
    const h = createFakeApp({ files: crmVault(), now: new Date(2026, 0, 1, 12).getTime() });
    await h.startup();
    await h.settle();
    const read = vi.spyOn(h.vault, "cachedRead");
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST });
    // Indexing started with the plugin (no wait for a `resolved` Obsidian sent long ago).
    expect(read).toHaveBeenCalled();
    await h.unloadPlugin(plugin);
    h.assertNoLeaks();
    read.mockClear();
    await h.settle();
    await h.modifyExternally("People/Dana.md", "---\ncompany: Our Company\n---\nHi.\n");
    await h.settle();
    expect(read).not.toHaveBeenCalled();
    h.assertNoLeaks();
  });
});

describe("disabling the plugin during a regeneration round", () => {
  it("stops the round: no page read, rendered or written afterwards, nothing logged or shown", async () => {
    const files = crmVault();
    for (let i = 0; i < 10; i++) files[`Customers/C${i}.md`] = `# C${i}\n`;
    files["Meetings/2025-10-05 - all.md"] = Array.from({ length: 10 }, (_, i) => `[[C${i}]]`).join(" ") + "\n";
    const h = createFakeApp({ files, now: new Date(2026, 0, 1, 12).getTime() });
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST, data: { refreshOnSave: false } });
    await h.startup();
    await h.settle();
    await h.run(plugin.indexer.settled());
    const process = h.vault.process.bind(h.vault);
    const warn = vi.spyOn(console, "warn");
    const read = vi.spyOn(h.vault, "read");
    let written = 0;
    let unloadedAt = -1;
    vi.spyOn(h.vault, "process").mockImplementation(async (file, fn, options) => {
      const out = await process(file, fn, options);
      // The user disables the plugin while the round is at its third page.
      if (++written === 3) {
        void h.unloadPlugin(plugin);
        warn.mockClear();
        read.mockClear();
        unloadedAt = h.notices().length;
      }
      return out;
    });
    await h.openFile("Customers/Acme.md");
    h.executeCommand("customer-pages:regenerate-all");
    // Waits for the round under way.
    h.executeCommand("customer-pages:regenerate-page");
    await h.settle();
    expect(unloadedAt).toBeGreaterThan(-1);
    // Acme, open in a tab, through its editor (saved by Obsidian), then three pages through vault.process.
    expect(h.vaultWrites().map((w) => `${w.api} ${w.path}`)).toEqual([
      "vault.process Customers/C0.md",
      "vault.process Customers/C1.md",
      "vault.process Customers/C2.md",
      "view.save Customers/Acme.md",
    ]);
    // The rest of the round did not read each page again, retry it, and warn that it "kept changing".
    expect(read).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    expect(h.notices().slice(unloadedAt)).toEqual([]);
    h.assertNoLeaks();
  });
});

/** A vault big enough for the build to pause many times when every step is a slice. */
function biggerVault(n: number): Record<string, string> {
  const files = crmVault();
  for (let i = 0; i < n; i++) {
    files[`Meetings/2025-09-${String((i % 28) + 1).padStart(2, "0")} - call ${i}.md`] = `Call ${i} with [[Ann Lee]] about Acme.\n\n- [ ] Follow up ${i}\n`;
  }
  return files;
}

/** Every step of a sliced build takes "30 ms", so it pauses after each; at the `at`-th step, `then` runs. */
function slowClock(at = Infinity, then: () => void = () => undefined): void {
  let t = 0;
  let calls = 0;
  vi.spyOn(performance, "now").mockImplementation(() => {
    if (++calls === at) then();
    return (t += 30);
  });
}

describe("disabling the plugin while vault.process reads the page", () => {
  it("the page is left as it was: the change is not made once the plugin is gone", async () => {
    const files = crmVault();
    for (let i = 0; i < 3; i++) files[`Customers/C${i}.md`] = `# C${i}\n`;
    files["Meetings/2025-10-05 - all.md"] = "[[C0]] [[C1]] [[C2]]\n";
    const h = createFakeApp({ files, now: new Date(2026, 0, 1, 12).getTime() });
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST, data: { refreshOnSave: false } });
    await h.startup();
    await h.settle();
    await h.run(plugin.indexer.settled());
    const process = h.vault.process.bind(h.vault);
    let calls = 0;
    vi.spyOn(h.vault, "process").mockImplementation((file, fn, options) => {
      // Obsidian reads the file before it calls fn: the user disables the plugin meanwhile.
      if (++calls === 2) void h.unloadPlugin(plugin);
      return process(file, fn, options);
    });
    await plugin.regenerateAll();
    await h.settle();
    // Acme, then C0: disabled while C0 was read.
    expect(calls).toBe(2);
    expect(h.read("Customers/Acme.md")).not.toBe(files["Customers/Acme.md"]);
    expect(h.read("Customers/C0.md")).toBe("# C0\n");
    expect(h.read("Customers/C1.md")).toBe("# C1\n");
    expect(h.read("Customers/C2.md")).toBe("# C2\n");
  });
});

describe("disabling the plugin during indexing", () => {
  it("in the middle of the first build: it stops there, keeps no index, and starts afresh when enabled again", async () => {
    const h = createFakeApp({ files: biggerVault(60), now: new Date(2026, 0, 1, 12).getTime() });
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST });
    const error = vi.spyOn(console, "error");
    const pending = plugin.regenerateAll();
    // Forty steps into the build (of some 200), the user disables the plugin.
    let unloaded = false;
    slowClock(40, () => {
      expect(plugin.indexer.latest).toBeNull();
      unloaded = true;
      void h.unloadPlugin(plugin);
    });
    await h.startup();
    await h.settle();
    expect(unloaded).toBe(true);
    expect(await pending).toBeNull();
    expect(plugin.indexer.latest).toBeNull();
    h.assertNoLeaks();
    expect(error).not.toHaveBeenCalled();
    expect(h.vaultWrites()).toEqual([]);

    vi.restoreAllMocks();
    const again = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST });
    await h.settle();
    const index = await h.run(again.indexer.settled());
    expect(index!.customerPaths()).toEqual(["Customers/Acme.md", "Customers/Globex.md"]);
    expect(index!.relatedNotes("Customers/Acme.md").size).toBe(61);
    await h.unloadPlugin(again);
    await h.settle();
    h.assertNoLeaks();
  });

  for (const what of ["a rebuild after a settings change", "matching every note against a customer's new name"] as const) {
    it(`in the middle of ${what}: it stops there, and says nothing more`, async () => {
      const h = createFakeApp({ files: biggerVault(60), now: new Date(2026, 0, 1, 12).getTime() });
      const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST, data: { refreshOnSave: false } });
      await h.startup();
      await h.settle();
      await h.run(plugin.indexer.settled());
      const heard = vi.fn();
      plugin.indexer.onEvent("changed", heard);
      plugin.indexer.onEvent("ready", heard);
      const index = plugin.indexer.latest;
      // Forty steps in (the build takes some 140, matching again some 120), the plugin is disabled.
      let unloaded = false;
      slowClock(40, () => {
        heard.mockClear();
        unloaded = true;
        void h.unloadPlugin(plugin);
      });
      if (what === "a rebuild after a settings change") await plugin.changeSettings((s) => (s.mentions = false));
      else await h.vault.modify(h.file("Customers/Acme.md"), "---\ntype: customer\naliases: [ACME Corp]\n---\n# Acme\n");
      await h.settle();
      expect(unloaded).toBe(true);
      expect(heard).not.toHaveBeenCalled();
      // The rebuild did not put its index in place.
      expect(plugin.indexer.latest).toBe(index);
      h.assertNoLeaks();
      expect(h.vaultWrites().filter((w) => w.api !== "vault.modify")).toEqual([]);
    });
  }
});

describe("enabling and disabling the plugin again and again", () => {
  it("50 times, using it in between: each start is fresh, nothing is left and nothing is written after each stop", async () => {
    const h = createFakeApp({ files: crmVault(), now: new Date(2026, 0, 1, 12).getTime() });
    await h.startup();
    await h.openFile("Customers/Acme.md");
    const instances: WeakRef<object>[] = [];
    for (let i = 0; i < 50; i++) {
      const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST });
      await h.settle();
      const index = await h.run(plugin.indexer.settled());
      expect(index!.customerPaths()).toEqual(["Customers/Acme.md", "Customers/Globex.md"]);
      instances.push(new WeakRef(plugin), new WeakRef(index!));
      // The panel, opened by the ribbon icon (or found again where it was left).
      h.clickRibbonIcon("Open account status panel");
      await h.settle();
      expect(document.querySelectorAll(".customer-pages-panel")).toHaveLength(1);
      h.executeCommand("customer-pages:regenerate-page");
      h.executeCommand("customer-pages:regenerate-all");
      await h.flush();
      // The settings tab: a toggle changed, a section name half typed when the plugin is disabled.
      const tab = h.openSettings(plugin);
      userChange(findSetting(tab.containerEl, "Mentions").components[0] as never);
      userType(findSetting(tab.containerEl, "Recent context section").components[0] as never, `Recent ${i}`);
      // Saves, renames and deletes: refreshes wait for their delay, the index follows.
      await h.modifyExternally("Meetings/2025-10-01 - Acme kickoff.md", `Kickoff with [[Ann Lee]], take ${i}.\n`);
      await h.createExternally(`Meetings/2025-11-${String((i % 28) + 1).padStart(2, "0")} - Globex ${i}.md`, "With [[Globex]].\n");
      await h.renameExternally("Meetings/2025-10-02 - Globex sync.md", "Meetings/2025-10-02 - Globex sync (moved).md");
      await h.renameExternally("Meetings/2025-10-02 - Globex sync (moved).md", "Meetings/2025-10-02 - Globex sync.md");
      await h.deleteExternally(`Meetings/2025-11-${String((i % 28) + 1).padStart(2, "0")} - Globex ${i}.md`);
      // Show warnings open, and a tier typed in Acme's frontmatter: the panel waits for the typing to pause.
      h.executeCommand("customer-pages:show-warnings");
      await h.flush();
      expect(document.querySelectorAll(".customer-pages-warnings")).toHaveLength(1);
      const editor = (h.workspace.getLeavesOfType("markdown")[0]!.view as unknown as { editor: { replaceRange(text: string, from: { line: number; ch: number }): void } }).editor;
      editor.replaceRange(`tier: T${i}\n`, { line: 1, ch: 0 });
      await h.advance(300);
      await h.unloadPlugin(plugin);
      const writes = h.writeLog.length;
      h.assertNoLeaks();
      await h.settle();
      // Only Obsidian's own save of an editor the plugin had changed before it was disabled.
      expect(h.writeLog.slice(writes).filter((w) => w.api !== "view.save")).toEqual([]);
      expect(document.querySelectorAll(".customer-pages-panel, .customer-pages-setting-error, .customer-pages-warnings, [data-plugin-id='customer-pages']")).toHaveLength(0);
      expect(h.liveRegistrations().pendingTimers).toEqual([]);
    }
    // Memory does not grow: Obsidian keeps no disabled instance, nor its index, alive.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    // The last one may still be held by this test's own stack.
    expect(instances.filter((r) => r.deref() !== undefined).length).toBeLessThanOrEqual(2);
  });
});

describe("disabling the plugin while a round writes ticks back", () => {
  it("the ticks written stay written; the page keeps them ticked, and the next run says each task is already closed", async () => {
    const files = crmVault();
    files["Meetings/2025-10-04 - Acme review.md"] = "Review with [[Acme]].\n\n- [ ] Book the demo\n";
    const KICKOFF = "Meetings/2025-10-01 - Acme kickoff.md";
    const REVIEW = "Meetings/2025-10-04 - Acme review.md";
    const ACME = "Customers/Acme.md";
    const h = createFakeApp({ files, now: new Date(2026, 0, 1, 12).getTime() });
    let plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST, data: { refreshOnSave: false } });
    await h.startup();
    await h.settle();
    await h.run(plugin.regenerateAll());
    await h.settle();
    const page = h.read(ACME);
    const ticked = page
      .replace("- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])", "- [x] Send the plan ([[2025-10-01 - Acme kickoff]])")
      .replace("- [ ] Book the demo ([[2025-10-04 - Acme review]])", "- [x] Book the demo ([[2025-10-04 - Acme review]])");
    expect(ticked.match(/- \[x\]/g)).toHaveLength(2);
    await h.modifyExternally(ACME, ticked);
    await h.settle();
    const process = h.vault.process.bind(h.vault);
    vi.spyOn(h.vault, "process").mockImplementation(async (file, fn, options) => {
      const out = await process(file, fn, options);
      // The user disables the plugin once the first note (in path order) has its tick.
      if (file.path === KICKOFF) void h.unloadPlugin(plugin);
      return out;
    });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await h.run(plugin.regenerateAll());
    await h.settle();
    expect(h.read(KICKOFF)).toContain("- [x] Send the plan");
    expect(h.read(REVIEW)).toContain("- [ ] Book the demo");
    expect(h.read(ACME)).toBe(ticked);
    expect(warn).not.toHaveBeenCalled();
    h.assertNoLeaks();
    vi.mocked(h.vault.process).mockRestore();

    // Enabled again: the next run writes the other tick back, and warns about the one already written.
    plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST });
    await h.settle();
    await h.run(plugin.indexer.settled());
    await h.run(plugin.regenerateAll());
    await h.settle();
    expect(h.read(REVIEW)).toContain("- [x] Book the demo");
    expect(h.read(KICKOFF)).toBe(files[KICKOFF]!.replace("- [ ] Send the plan", "- [x] Send the plan"));
    expect(h.read(ACME)).not.toContain("Send the plan");
    expect(h.read(ACME)).not.toContain("Book the demo");
    expect(warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes("tick"))).toEqual([
      `Customer Pages: ${ACME}: tick dropped, the task is already closed [x] in ${KICKOFF} (ticked on another page, or in the note): - [x] Send the plan ([[2025-10-01 - Acme kickoff]])`,
    ]);
    await h.unloadPlugin(plugin);
  });
});

describe("disabling the plugin while a round writes ticks back to their notes", () => {
  it("a tick already written to one of the notes its line stands for is written to the others, and nothing else is; enabled again, the page's other ticks are written back (B37-F)", async () => {
    // `Send the contract`: one page line for the task in B and in Notes/2025-10-20, naming B (§6
    // de-duplication). The user disables the plugin right after B is written (the first note in
    // path order). Left so, the next round finds B's task closed, drops the tick (§8: "the first open
    // task there") and would never close the other note's task, which the same line stood for.
    const B = "Meetings/2025-10-21 - B.md";
    const files = crmVault();
    files[B] = "Call with [[Ann Lee]].\n\n- [ ] Send the contract\n";
    files["Notes/2025-10-19.md"] = "Prep for [[Acme]].\n\n- [ ] Book the room\n";
    files["Notes/2025-10-20.md"] = "Prep for [[Acme]].\n\n- [ ] Send the contract\n";
    const lines = ["- [x] Send the contract ([[2025-10-21 - B]])", "- [x] Book the room ([[2025-10-19]])"];
    files["Customers/Acme.md"] = `---\ntype: customer\n---\n# Acme\n\n## Open Tasks\n\n${lines.join("\n")}\n`;
    const h = createFakeApp({ files, now: new Date(2026, 0, 1, 12).getTime() });
    const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST, data: { refreshOnSave: false } });
    await h.startup();
    await h.settle();
    await h.run(plugin.indexer.settled());
    const process = h.vault.process.bind(h.vault);
    const spy = vi.spyOn(h.vault, "process").mockImplementation(async (file, fn, options) => {
      const out = await process(file, fn, options);
      if (file.path === B) void h.unloadPlugin(plugin);
      return out;
    });
    await plugin.regenerateAll();
    await h.settle();
    expect(h.vaultWrites().map((w) => `${w.api} ${w.path}`)).toEqual([`vault.process ${B}`, "vault.process Notes/2025-10-20.md"]);
    expect(h.read(B)).toBe("Call with [[Ann Lee]].\n\n- [x] Send the contract\n");
    expect(h.read("Notes/2025-10-20.md")).toBe("Prep for [[Acme]].\n\n- [x] Send the contract\n");
    // The other tick was not begun: it waits on the page, which is left as it was.
    expect(h.read("Notes/2025-10-19.md")).toBe(files["Notes/2025-10-19.md"]);
    expect(h.read("Customers/Acme.md")).toBe(files["Customers/Acme.md"]);
    h.assertNoLeaks();
    // Enabled again: the page's round writes `Book the room` back, and drops the tick of the task
    // closed already, with the README's warning.
    spy.mockRestore();
    const again = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST, data: { refreshOnSave: false } });
    await h.settle();
    await h.run(again.indexer.settled());
    const report = await again.regenerateAll();
    await h.settle();
    expect(h.read("Notes/2025-10-19.md")).toBe("Prep for [[Acme]].\n\n- [x] Book the room\n");
    expect(h.read("Notes/2025-10-20.md")).toBe("Prep for [[Acme]].\n\n- [x] Send the contract\n");
    expect(report?.warnings.filter((w) => w.file === "Customers/Acme.md")).toEqual([
      { file: "Customers/Acme.md", message: `tick dropped, the task is already closed [x] in ${B} (ticked on another page, or in the note): ${lines[0]}` },
    ]);
    expect(h.read("Customers/Acme.md")).not.toContain("[x]");
  });
});
