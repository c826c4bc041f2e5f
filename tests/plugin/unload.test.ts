// @vitest-environment happy-dom
// Disabling the plugin at any moment — before the workspace is ready, during the first build, during
// a regeneration round, again and again — leaves nothing of it behind and writes nothing afterwards.
import { afterEach, describe, expect, it, vi } from "vitest";
import CustomerPagesPlugin from "../../src/plugin/main";
import { createFakeApp, findSetting, userChange, userType } from "../fake-obsidian/harness";
import { crmVault, MANIFEST } from "./setup";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("disabling the plugin", () => {
  it("before the workspace is ready: nothing of it runs or stays once Obsidian has started", async () => {
    const h = createFakeApp({ files: crmVault(), now: Date.UTC(2026, 0, 1, 12) });
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
});

describe("disabling the plugin during a regeneration round", () => {
  it("stops the round: no page read, rendered or written afterwards, nothing logged or shown", async () => {
    const files = crmVault();
    for (let i = 0; i < 10; i++) files[`Customers/C${i}.md`] = `# C${i}\n`;
    files["Meetings/2025-10-05 - all.md"] = Array.from({ length: 10 }, (_, i) => `[[C${i}]]`).join(" ") + "\n";
    const h = createFakeApp({ files, now: Date.UTC(2026, 0, 1, 12) });
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
