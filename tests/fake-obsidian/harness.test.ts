import { describe, expect, it, vi } from "vitest";
import { debounce, Plugin, TFile } from "obsidian";
import { createFakeApp, createStartedApp, FakeApp } from "./harness";

/** A tiny plugin in the shape of the real one: watch notes, rewrite a summary page, debounced. */
class SummaryPlugin extends Plugin {
  private refresh = debounce(() => void this.writeSummary(), 1000, true);

  override onload(): void {
    this.app.workspace.onLayoutReady(() => {
      this.registerEvent(
        this.app.vault.on("modify", (file) => {
          if (file instanceof TFile && file.path.startsWith("Notes/")) this.refresh();
        }),
      );
    });
  }

  override onunload(): void {
    this.refresh.cancel();
  }

  private async writeSummary(): Promise<void> {
    const notes = this.app.vault.getMarkdownFiles().filter((f) => f.path.startsWith("Notes/"));
    const lines = await Promise.all(notes.map(async (f) => `- ${f.basename}: ${(await this.app.vault.cachedRead(f)).length} chars`));
    const summary = this.app.vault.getFileByPath("Summary.md");
    if (summary) await this.app.vault.process(summary, () => lines.sort().join("\n"));
  }
}

describe("harness", () => {
  it("usage example: two files, a plugin, an outside modify, one write, nothing left after unload", async () => {
    const h = createFakeApp({ files: { "Notes/a.md": "alpha", "Summary.md": "" } });
    const plugin = await h.loadPlugin(SummaryPlugin, { manifest: { id: "summary", name: "Summary" } });
    await h.startup();

    await h.modifyExternally("Notes/a.md", "alpha, edited elsewhere");
    await h.settle(); // runs the 1 s debounce and the write it schedules

    expect(h.vaultWrites()).toEqual([
      expect.objectContaining({ path: "Summary.md", api: "vault.process", data: "- a: 23 chars" }),
    ]);
    expect(h.read("Summary.md")).toBe("- a: 23 chars");

    await h.unloadPlugin(plugin);
    h.assertNoLeaks();
  });

  it("flush runs only what is due now; settle also runs timers; advance moves the clock", async () => {
    const h = await createStartedApp({ now: 0, files: { "Notes/a.md": "", "Summary.md": "" } });
    await h.loadPlugin(SummaryPlugin);
    await h.vault.modify(h.file("Notes/a.md"), "x");
    await h.flush();
    expect(h.vaultWrites({ path: "Summary.md" })).toHaveLength(0);
    await h.advance(999);
    expect(h.vaultWrites({ path: "Summary.md" })).toHaveLength(0);
    await h.vault.modify(h.file("Notes/a.md"), "xy"); // resets the debounce
    await h.advance(999);
    expect(h.vaultWrites({ path: "Summary.md" })).toHaveLength(0);
    await h.advance(1);
    expect(h.vaultWrites({ path: "Summary.md" })).toHaveLength(1);
    expect(h.now()).toBe(1999);
  });

  it("startup produces Obsidian's order: creates, layout ready, then resolved", async () => {
    const h = createFakeApp({ files: { "a.md": "[[b]]", "b.md": "" } });
    const order: string[] = [];
    h.vault.on("create", (f) => order.push(`create ${f.path}`));
    h.workspace.onLayoutReady(() => order.push("layout ready"));
    h.metadataCache.on("resolved", () => order.push("resolved"));
    await h.startup();
    expect(order).toEqual(["create a.md", "create b.md", "layout ready", "resolved"]);
    expect(h.isStarted).toBe(true);
    await expect(h.startup()).rejects.toThrow(/already/);
  });

  it("run() drives the clock until a promise settles", async () => {
    const h = await createStartedApp({ now: 0 });
    const value = await h.run(
      (async () => {
        await sleep(5000);
        return "done";
      })(),
    );
    expect(value).toBe("done");
    expect(h.now()).toBe(5000);
  });

  it("FakeApp.create / FakeApp.start are aliases", async () => {
    expect(FakeApp.create({ files: { "a.md": "" } }).isStarted).toBe(false);
    const h = await FakeApp.start({ files: { "a.md": "x" } });
    expect(h.read("a.md")).toBe("x");
    expect(h.file("a.md").path).toBe("a.md");
    expect(() => h.file("nope.md")).toThrow(/no file/);
  });

  it("installs the prototype helpers Obsidian adds (plugins type-check against them)", () => {
    createFakeApp();
    expect([1, 2, 3].first()).toBe(1);
    expect([1, 2, 3].last()).toBe(3);
    expect([1, 2].contains(2)).toBe(true);
    const arr = [1, 2, 1];
    arr.remove(1);
    expect(arr).toEqual([2]);
    expect([1, 1, 2].unique()).toEqual([1, 2]);
    expect("customer".contains("tom")).toBe(true);
    expect("{0}-{1}".format("a", "b")).toBe("a-b");
    expect(Math.clamp(5, 0, 3)).toBe(3);
    expect(Object.isEmpty({})).toBe(true);
    expect(String.isString("x")).toBe(true);
    expect(Number.isNumber(1)).toBe(true);
    expect(isBoolean(false)).toBe(true);
    // Non-enumerable, so they do not leak into for-in loops.
    const keys: string[] = [];
    for (const k in [1]) keys.push(k);
    expect(keys).toEqual(["0"]);
  });

  it("Date and the global timers follow the fake clock", async () => {
    const start = Date.UTC(2025, 0, 1);
    const h = createFakeApp({ now: start });
    const before = new Date(2020, 5, 1);
    expect(Date.now()).toBe(start);
    expect(new Date().toISOString()).toBe("2025-01-01T00:00:00.000Z");
    expect(before).toBeInstanceOf(Date);
    expect(new Date(0).getTime()).toBe(0);
    expect(typeof Date()).toBe("string");
    let fired = 0;
    setTimeout(() => fired++, 3000);
    await h.advance(2999);
    expect(fired).toBe(0);
    await h.advance(1);
    expect(fired).toBe(1);
    expect(new Date().toISOString()).toBe("2025-01-01T00:00:03.000Z");
  });

  it('clock: "real" leaves Date and timers alone, and the harness still drains its own work', async () => {
    const h = await createStartedApp({ clock: "real", now: 0, files: { "a.md": "" } });
    expect(Date.now()).toBeGreaterThan(1_600_000_000_000);
    await new Promise((resolve) => setTimeout(resolve, 1));
    await h.vault.modify(h.file("a.md"), "x");
    await h.flush();
    expect(h.eventLabels()).toContain("metadataCache:changed a.md");
  });

  it("keeps working when a test turns on vitest's fake timers", async () => {
    vi.useFakeTimers();
    try {
      const h = await createStartedApp({ clock: "real", files: { "Notes/a.md": "", "Summary.md": "" } });
      await h.loadPlugin(SummaryPlugin);
      await h.vault.modify(h.file("Notes/a.md"), "abc");
      await h.settle();
      expect(h.read("Summary.md")).toBe("- a: 3 chars");
    } finally {
      vi.useRealTimers();
    }
  });
});
