// @vitest-environment happy-dom
// The plugin class through onload → events → writes → onunload, with everything it registered released.
import { describe, expect, it, vi } from "vitest";
import { crmVault, startPlugin } from "./setup";

describe("plugin lifecycle", () => {
  it("registers its commands (sentence case, no hotkeys), ribbon icon, view and settings tab", async () => {
    const { h } = await startPlugin(crmVault());
    const cmds = h.commands().filter((c) => c.id.startsWith("customer-pages:"));
    expect(cmds.map((c) => c.id).sort()).toEqual([
      "customer-pages:open-status-panel",
      "customer-pages:regenerate-all",
      "customer-pages:regenerate-page",
      "customer-pages:show-warnings",
    ]);
    // Obsidian shows commands with the plugin's name in front.
    expect(cmds.map((c) => c.name).sort()).toEqual([
      "Customer Pages: Open account status panel",
      "Customer Pages: Regenerate customer page",
      "Customer Pages: Regenerate every customer page",
      "Customer Pages: Show warnings",
    ]);
    for (const c of cmds) expect(c.hotkeys ?? []).toEqual([]);
    expect(h.ribbonIcons()).toHaveLength(1);
    expect(h.ribbonIcons()[0]!.getAttribute("aria-label")).toBe("Open account status panel");
  });

  it("builds its index once the workspace is ready, reading each note once", async () => {
    const files = crmVault();
    const { createFakeApp } = await import("../fake-obsidian/harness");
    const { default: Plugin } = await import("../../src/plugin/main");
    const h = createFakeApp({ files });
    const cachedRead = vi.spyOn(h.vault, "cachedRead");
    const plugin = await h.loadPlugin(Plugin, { manifest: { id: "customer-pages", name: "Customer Pages" } });
    expect(plugin.indexer.ready).toBeNull();
    await h.startup();
    await h.settle();
    await h.run(plugin.indexer.settled());
    expect(plugin.indexer.ready?.customerPaths()).toEqual(["Customers/Acme.md", "Customers/Globex.md"]);
    const reads = cachedRead.mock.calls.map((c) => (c[0] as { path: string }).path);
    expect(reads.sort()).toEqual(Object.keys(files).sort());
  });

  it("indexes after 3 s when Obsidian never says its links are resolved", async () => {
    const { createFakeApp } = await import("../fake-obsidian/harness");
    const { default: Plugin } = await import("../../src/plugin/main");
    const h = createFakeApp({ files: crmVault() });
    // A metadata cache that never finishes (a file it cannot resolve, an Obsidian bug): no `resolved`.
    const trigger = h.metadataCache.trigger.bind(h.metadataCache);
    let dropped = 0;
    vi.spyOn(h.metadataCache, "trigger").mockImplementation((name: string, ...data: unknown[]) => {
      if (name === "resolved") dropped++;
      else trigger(name, ...data);
    });
    const cachedRead = vi.spyOn(h.vault, "cachedRead");
    const plugin = await h.loadPlugin(Plugin, { manifest: { id: "customer-pages", name: "Customer Pages" } });
    await h.startup();
    await h.advance(2900);
    expect(dropped).toBeGreaterThan(0);
    expect(cachedRead).not.toHaveBeenCalled();
    expect(plugin.indexer.ready).toBeNull();
    // The wait ends at 3 s, not at whatever timer comes next: the clock is moved, not settled.
    await h.advance(100);
    expect(cachedRead).toHaveBeenCalled();
    await h.settle();
    await h.run(plugin.indexer.settled());
    expect(plugin.indexer.ready?.customerPaths()).toEqual(["Customers/Acme.md", "Customers/Globex.md"]);
  });

  it("keeps the index current from one event at a time, never re-reading the vault", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const cachedRead = vi.spyOn(h.vault, "cachedRead");
    const read = vi.spyOn(h.vault, "read");
    await h.modifyExternally("Meetings/2025-10-03 - 1-1 Dana.md", "1:1 with [[Dana]] about [[Acme]].\n");
    await h.settle();
    const index = plugin.indexer.ready!;
    expect([...index.relatedNotes("Customers/Acme.md")].sort()).toEqual([
      "Meetings/2025-10-01 - Acme kickoff.md",
      "Meetings/2025-10-03 - 1-1 Dana.md",
    ]);
    const paths = [...cachedRead.mock.calls, ...read.mock.calls].map((c) => (c[0] as { path: string }).path);
    expect(new Set(paths)).toEqual(new Set(["Meetings/2025-10-03 - 1-1 Dana.md"]));

    await h.createExternally("Meetings/2025-10-04 - Globex call.md", "Call with [[Globex]].\n");
    await h.renameExternally("Meetings/2025-10-02 - Globex sync.md", "Archive/2025-10-02 - Globex sync.md");
    await h.deleteExternally("People/Bob Stone.md");
    await h.settle();
    expect([...index.relatedNotes("Customers/Globex.md")].sort()).toEqual([
      "Archive/2025-10-02 - Globex sync.md",
      "Meetings/2025-10-04 - Globex call.md",
    ]);
    expect(index.note("People/Bob Stone.md")).toBeUndefined();
  });

  it("releases everything it registered on unload", async () => {
    const { h, plugin } = await startPlugin(crmVault());
    await plugin.openPanel();
    await h.modifyExternally("Meetings/2025-10-01 - Acme kickoff.md", "Kickoff with [[Ann Lee]] again.\n");
    await h.settle();
    await h.unloadPlugin(plugin);
    await h.settle();
    h.assertNoLeaks();
  });
});
