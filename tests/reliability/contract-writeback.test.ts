// A differential check of §8 write-back, source links on and off (contract-writeback-check.ts):
// through the real engine in process and through the CLI as a process; the plugin's is
// tests/plugin/contract-writeback.test.ts.
import fc from "fast-check";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import type { Settings } from "../../src/core/settings";
import { buildCli, makeVault, read, removeTemps, runCli, writeFiles } from "../cli/cli-helpers";
import { vaultSpec } from "./contract-gen";
import { ContractModel, renderNote, type GNote } from "./contract-model";
import { check, engineRunner, settingsFor, stats, type RunResult } from "./contract-writeback-check";

const TODAY = "2025-11-01";
const today = parseIsoDay(TODAY)!;
const SEED = Number(process.env.CONTRACT_MODEL_SEED ?? 2711);
const RUNS = Number(process.env.CONTRACT_WRITEBACK_RUNS ?? 300);

describe("the write-back model reads §8 and the README as worked by hand (the test's own oracle)", () => {
  it("the named note's first open task, the other sources' tasks of its text, one of identical lines; a tick the named note no longer holds is dropped", () => {
    const w = (s: string) => ({ k: "w" as const, s });
    const task = (marker: "-" | "*", text: string, box: " " | "x" = " ") => ({ depth: 0 as const, marker, box, emoji: null, toks: [w(text)], blockId: null });
    const link = { k: "para" as const, lines: [[w("Call with"), { k: "link" as const, target: "Acme", heading: null, shown: null }]] };
    const notes: GNote[] = [
      { path: "Customers/Acme.md", fm: null, blocks: [{ k: "heading", level: 1, raw: "Acme", toks: null }] },
      { path: "Meetings/2025-10-20 - A.md", fm: null, blocks: [link, { k: "items", items: [task("-", "Send the contract"), task("-", "Send the contract"), task("*", "send the contract."), task("-", "Book the venue")] }] },
      { path: "Meetings/2025-10-21 - B.md", fm: null, blocks: [link, { k: "items", items: [task("-", "Send the contract"), task("-", "Book the venue", "x")] }] },
    ];
    const settings = settingsFor([]);
    const wb = new ContractModel(notes, settings, today).writeBack(notes, [
      { page: "Customers/Acme.md", line: "- [x] Send the contract ([[2025-10-21 - B]])" },
      { page: "Customers/Acme.md", line: "- [-] Book the venue ([[2025-10-21 - B]])" },
    ]);
    expect(wb.notes.map(renderNote)).toEqual([
      "# Acme\n",
      // The second of two identical lines stays open; `* … contract.` reads alike (§6) on a line of its own.
      "Call with [[Acme]]\n\n- [x] Send the contract\n- [ ] Send the contract\n* [x] send the contract.\n- [ ] Book the venue\n",
      "Call with [[Acme]]\n\n- [x] Send the contract\n- [x] Book the venue\n",
    ]);
    expect(wb.changed).toEqual(new Map([["Meetings/2025-10-21 - B.md", 1], ["Meetings/2025-10-20 - A.md", 2]]));
    // B closed `Book the venue` before the run: A's open one is not the task the line names.
    expect(wb.warnings).toEqual([{ page: "Customers/Acme.md", line: "- [-] Book the venue ([[2025-10-21 - B]])", kind: "dropped" }]);
  });
});

describe("§8 write-back against the contract model", () => {
  it("changes the notes' status characters, drops the ticks and writes the pages the model gives (engine in process, source links on)", async () => {
    await fc.assert(
      fc.asyncProperty(vaultSpec, fc.nat(), (spec, r) => check(spec, r, engineRunner(today), true, today)),
      { seed: SEED + 10, numRuns: RUNS },
    );
    if (process.env.CONTRACT_WRITEBACK_STATS) console.log(stats);
  });

  it("and with source links off (§8: the sources are C's related notes in §6 order — its §6 sources, README)", async () => {
    await fc.assert(
      fc.asyncProperty(vaultSpec, fc.nat(), (spec, r) => check(spec, r, engineRunner(today), false, today)),
      { seed: SEED + 12, numRuns: Math.ceil(RUNS / 2) },
    );
    if (process.env.CONTRACT_WRITEBACK_STATS) console.log(stats);
  });

  describe("through the CLI as a process", () => {
    let cli: string;
    beforeAll(() => {
      cli = buildCli();
    });
    afterAll(removeTemps);

    it("does the same for a handful of generated vaults, source links on and off", async () => {
      const cases = fc.sample(fc.tuple(vaultSpec, fc.nat()), { seed: SEED + 11, numRuns: 4 });
      for (const [k, [spec, r]] of cases.entries()) {
        let dir: string | null = null;
        const runCliOn = async (files: Record<string, string>, settings: Settings): Promise<RunResult> => {
          const config = { sourceLinks: settings.sourceLinks, openTasksAsCheckboxes: true, ignoredPeople: settings.ignoredPeople, excludedFolders: settings.excludedFolders };
          if (dir === null) dir = makeVault({ ...files, ".obsidian/plugins/customer-pages/data.json": JSON.stringify(config) });
          else writeFiles(dir, files);
          const res = runCli(cli, ["regenerate", "--vault", dir, "--today", TODAY, "--json"]);
          expect(res.status, res.stderr).toBe(0);
          const report = JSON.parse(res.stdout) as { pages: Array<{ path: string; changed: boolean }>; sources: Array<{ path: string; written: boolean }>; warnings: RunResult["warnings"] };
          return {
            files: Object.fromEntries(Object.keys(files).map((p) => [p, read(dir!, p)])),
            warnings: report.warnings,
            changedPages: report.pages.filter((p) => p.changed).map((p) => p.path),
            sources: report.sources.filter((s) => s.written).map((s) => s.path),
          };
        };
        // Source links on, then off.
        await check(spec, r, runCliOn, k % 2 === 0, today);
        if (dir !== null) rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
