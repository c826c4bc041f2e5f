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
