// @vitest-environment happy-dom
// The write-back check of tests/reliability/contract-writeback-check.ts against the plugin on the fake
// Obsidian: pages written by "Regenerate every customer page", notes changed and lines ticked outside
// Obsidian, then the command again (it writes the ticks back through vault.process; in some vaults
// a note it writes to cannot be read then), and once more.
// The plugin's day is 2026-01-01 (tests/plugin/setup.ts).
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import type { Settings } from "../../src/core/settings";
import { vaultSpec } from "../reliability/contract-gen";
import { check, stats, type RunResult } from "../reliability/contract-writeback-check";
import { startPlugin } from "./setup";

const today = parseIsoDay("2026-01-01")!;
const SEED = Number(process.env.CONTRACT_MODEL_SEED ?? 2715);
const RUNS = Number(process.env.CONTRACT_WRITEBACK_PLUGIN_RUNS ?? 60);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the write-back model against the plugin", () => {
  it("\"Regenerate every customer page\" writes the ticks back as the model does, source links on and off", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    for (const [k, [spec, r]] of fc.sample(fc.tuple(vaultSpec, fc.nat()), { seed: SEED + 20, numRuns: RUNS }).entries()) {
      let started: Awaited<ReturnType<typeof startPlugin>> | null = null;
      const run = async (files: Record<string, string>, settings: Settings, unreadable: ReadonlySet<string> = new Set()): Promise<RunResult> => {
        if (started === null) {
          started = await startPlugin(files, { sourceLinks: settings.sourceLinks, openTasksAsCheckboxes: true, ignoredPeople: settings.ignoredPeople, excludedFolders: settings.excludedFolders, refreshOnSave: false });
          await started.h.settle();
        } else {
          for (const [path, text] of Object.entries(files)) if (started.h.read(path) !== text) await started.h.modifyExternally(path, text);
          await started.h.settle();
        }
        const { h, plugin } = started;
        // Read into the index above; their reads fail from now on (no event), so the round cannot read them.
        for (const p of unreadable) h.failReads(p, "EIO");
        warn.mockClear();
        await h.run(plugin.regenerateAll());
        await h.settle();
        for (const p of unreadable) h.allowReads(p);
        const out = Object.fromEntries(Object.keys(files).map((p) => [p, h.read(p)]));
        // `Customer Pages: {file}: {message}`, as the console has it.
        const warnings = warn.mock.calls.map((c) => String(c[0]).replace(/^Customer Pages: /, "")).map((m) => ({ file: m.slice(0, m.indexOf(": ")), message: m.slice(m.indexOf(": ") + 2) }));
        const changed = Object.keys(files).filter((p) => out[p] !== files[p]);
        // Only customer pages carry `last_contact` in these vaults.
        return { files: out, warnings, changedPages: changed.filter((p) => out[p]!.includes("last_contact:")), sources: changed.filter((p) => !out[p]!.includes("last_contact:")) };
      };
      await check(spec, r, run, k % 2 === 0, today, "sometimes");
      if (started !== null) await (started as Awaited<ReturnType<typeof startPlugin>>).h.unloadPlugin((started as Awaited<ReturnType<typeof startPlugin>>).plugin);
    }
    if (process.env.CONTRACT_WRITEBACK_STATS) console.log({ ...stats, edits: undefined });
  });
});
