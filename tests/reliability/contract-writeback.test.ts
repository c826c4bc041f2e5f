// A differential check of §8 write-back, source links on and off (contract-writeback-check.ts):
// through the real engine in process and through the CLI as a process; the plugin's is
// tests/plugin/contract-writeback.test.ts.
import fc from "fast-check";
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import type { Settings } from "../../src/core/settings";
import { buildCli, makeVault, read, removeTemps, writeFiles } from "../cli/cli-helpers";
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

describe("the write-back model reads a ticked line as the user and their plugins leave it, as worked by hand (B38-B)", () => {
  const w = (s: string) => ({ k: "w" as const, s });
  const task = (text: string) => ({ depth: 0 as const, marker: "-" as const, box: " " as const, emoji: null, toks: [w(text)], blockId: null });
  const link = { k: "para" as const, lines: [[w("Call with"), { k: "link" as const, target: "Acme", heading: null, shown: null }]] };
  const notes: GNote[] = [
    { path: "Customers/Acme.md", fm: null, blocks: [{ k: "heading", level: 1, raw: "Acme", toks: null }] },
    { path: "Meetings/2025-10-20 - A.md", fm: null, blocks: [link, { k: "items", items: [task("Send the contract"), task("Book the venue"), task("Call Bob")] }] },
    { path: "Meetings/2025-10-21 - B.md", fm: null, blocks: [link, { k: "items", items: [task("Send the contract"), task("Plan the trip")] }] },
  ];
  const a = (s: string, b: string, c: string) => `Call with [[Acme]]\n\n- [${s}] Send the contract\n- [${b}] Book the venue\n- [${c}] Call Bob\n`;
  const b = (s: string, p: string) => `Call with [[Acme]]\n\n- [${s}] Send the contract\n- [${p}] Plan the trip\n`;
  const page = "Customers/Acme.md";

  it("source links on: numbered and `*` lines are ticks; a Tasks date, its Dataview form and a block id after the link are no part of the task; a word added matches no task, a text that reads alike does", () => {
    const wb = new ContractModel(notes, settingsFor([]), today).writeBack(notes, [
      // README: "bullet or numbered (`1. [x] …`)"; "Tasks and Dataview": the stamp is no part of the task.
      { page, line: "1. [x] Send the contract ([[2025-10-21 - B]]) ✅ 2025-11-01" },
      // §6's normalised text: lower case and a trailing `.` read alike; the stamp before Obsidian's block id.
      { page, line: "2) [-] book the venue. ([[2025-10-20 - A]]) [cancelled:: 2025-11-01] ^a1b2c3" },
      // §8: no open task of B reads `plan the trip today`: dropped.
      { page, line: "* [x] Plan the trip today ([[2025-10-21 - B]])" },
      { page, line: "- [X] Call Bob ([[2025-10-20 - A]]) ^e5f6a7" },
    ]);
    expect(wb.notes.map(renderNote)).toEqual(["# Acme\n", a("x", "-", "X"), b("x", " ")]);
    expect(wb.changed).toEqual(new Map([["Meetings/2025-10-21 - B.md", 1], ["Meetings/2025-10-20 - A.md", 3]]));
    expect(wb.warnings).toEqual([{ page, line: "* [x] Plan the trip today ([[2025-10-21 - B]])", kind: "dropped" }]);
  });

  it("source links off: a line with a Tasks date or block id cut off is dropped when a line of its text stands open, or another line of its text is ticked with another status; else it is its text's task", () => {
    const ticks = [
      // Beside a click of another status on a task of its text (README: "a stale line ticked beside a click …").
      { page, line: "1. [x] Send the contract ✅ 2025-11-01" },
      { page, line: "2. [-] send the contract" },
      // `4. [ ] Plan the trip` stands open (README: "a task whose line still stands open on the page is not the one you ticked").
      { page, line: "3. [x] Plan the trip ✅ 2025-11-01" },
      { page, line: "5. [x] Call Bob ^a1b2c3" },
      // README: "two such lines ticked with two statuses": both dropped.
      { page, line: "6. [X] Book the venue ✅ 2025-11-01" },
      { page, line: "7. [-] Book the venue ❌ 2025-11-01" },
    ];
    const wb = new ContractModel(notes, settingsFor([], false), today).writeBack(notes, ticks, new Map([[page, new Set(["plan the trip"])]]));
    // The click `[-]` goes to the §6 sources in order: B (newer) first, then A.
    expect(wb.notes.map(renderNote)).toEqual(["# Acme\n", a("-", " ", "x"), b("-", " ")]);
    expect(wb.changed).toEqual(new Map([["Meetings/2025-10-21 - B.md", 1], ["Meetings/2025-10-20 - A.md", 2]]));
    expect(wb.warnings).toEqual([0, 2, 4, 5].map((i) => ({ ...ticks[i]!, kind: "dropped" })));
  });
});

describe("the write-back model keeps a tick no note took on its page, as worked by hand (B38-B, B39-B)", () => {
  const w = (s: string) => ({ k: "w" as const, s });
  const task = (text: string) => ({ depth: 0 as const, marker: "-" as const, box: " " as const, emoji: null, toks: [w(text)], blockId: null });
  const link = { k: "para" as const, lines: [[w("Call with"), { k: "link" as const, target: "Acme", heading: null, shown: null }]] };
  const notes: GNote[] = [
    { path: "Customers/Acme.md", fm: null, blocks: [{ k: "heading", level: 1, raw: "Acme", toks: null }] },
    { path: "Meetings/2025-10-20 - A.md", fm: null, blocks: [link, { k: "items", items: [task("Send the contract"), task("Book the venue")] }] },
  ];
  const page = "Customers/Acme.md";

  it("two lines of one page ticking one task, its note unreadable: the upper line's status stays on the page; a lower line of another status is dropped, with a warning, one of the same status is not", () => {
    const ticks = [
      { page, line: "- [-] send the contract ([[2025-10-20 - A]])" },
      { page, line: "- [x] Send the contract. ([[2025-10-20 - A]])" },
      { page, line: "- [-] Send the contract ([[2025-10-20 - A]])" },
      { page, line: "- [x] Book the venue ([[2025-10-20 - A]])" },
    ];
    const wb = new ContractModel(notes, settingsFor([]), today).writeBack(notes, ticks, new Map(), new Set(["Meetings/2025-10-20 - A.md"]));
    expect(wb.notes.map(renderNote)).toEqual(["# Acme\n", "Call with [[Acme]]\n\n- [ ] Send the contract\n- [ ] Book the venue\n"]);
    expect(wb.changed).toEqual(new Map());
    expect(wb.unread).toEqual(["Meetings/2025-10-20 - A.md"]);
    expect(wb.kept).toEqual([
      { page, key: "send the contract", status: "-" },
      { page, key: "book the venue", status: "x" },
    ]);
    expect(wb.warnings).toEqual([{ ...ticks[1]!, kind: "dropped" }]);
  });
});

describe("§8 write-back against the contract model", () => {
  it("changes the notes' status characters, drops the ticks and writes the pages the model gives (engine in process, source links on)", async () => {
    await fc.assert(
      fc.asyncProperty(vaultSpec, fc.nat(), (spec, r) => check(spec, r, engineRunner(today), true, today, "sometimes")),
      { seed: SEED + 10, numRuns: RUNS },
    );
    if (process.env.CONTRACT_WRITEBACK_STATS) console.log(stats);
  });

  it("and with source links off (§8: the sources are C's related notes in §6 order — its §6 sources, README)", async () => {
    await fc.assert(
      fc.asyncProperty(vaultSpec, fc.nat(), (spec, r) => check(spec, r, engineRunner(today), false, today, "sometimes")),
      { seed: SEED + 12, numRuns: Math.ceil(RUNS / 2) },
    );
    if (process.env.CONTRACT_WRITEBACK_STATS) console.log(stats);
  });

  describe("through the CLI as a process", () => {
    let cli: string;
    let hook: string;
    beforeAll(() => {
      cli = buildCli();
      // A preload fails the reads of the listed notes from their second on (tests/cli/eio-from.cjs),
      // so the load reads them and the round's write-back does not (no timing).
      hook = join(dirname(fileURLToPath(import.meta.url)), "..", "cli", "eio-from.cjs");
    });
    afterAll(removeTemps);

    it("does the same for a handful of generated vaults, source links on and off", async () => {
      const cases = fc.sample(fc.tuple(vaultSpec, fc.nat()), { seed: SEED + 11, numRuns: Number(process.env.CONTRACT_WRITEBACK_CLI_RUNS ?? 4) });
      const before = { ...stats };
      for (const [k, [spec, r]] of cases.entries()) {
        let dir: string | null = null;
        const runCliOn = async (files: Record<string, string>, settings: Settings, unreadable: ReadonlySet<string> = new Set()): Promise<RunResult> => {
          const config = { sourceLinks: settings.sourceLinks, openTasksAsCheckboxes: true, ignoredPeople: settings.ignoredPeople, excludedFolders: settings.excludedFolders };
          if (dir === null) dir = makeVault({ ...files, ".obsidian/plugins/customer-pages/data.json": JSON.stringify(config) });
          else writeFiles(dir, files);
          // One thread reads every file, so that the count of reads is this process's.
          const res = spawnSync(process.execPath, ["--require", hook, cli, "regenerate", "--vault", dir, "--today", TODAY, "--json"], {
            encoding: "utf8",
            timeout: 30_000,
            env: { ...process.env, CUSTOMER_PAGES_READER: "0", CUSTOMER_PAGES_WORKERS: "0", CP_EIO_PATHS: JSON.stringify([...unreadable]) },
          });
          if (res.error) throw res.error;
          const report = JSON.parse(res.stdout) as { pages: Array<{ path: string; changed: boolean }>; sources: Array<{ path: string; written: boolean }>; warnings: RunResult["warnings"] };
          // Exit code 3 when a note holding a ticked task could not be read again (README).
          expect(res.status, res.stderr).toBe(report.warnings.some((w) => / left unticked$/.test(w.message)) ? 3 : 0);
          return {
            files: Object.fromEntries(Object.keys(files).map((p) => [p, read(dir!, p)])),
            warnings: report.warnings,
            changedPages: report.pages.filter((p) => p.changed).map((p) => p.path),
            sources: report.sources.filter((s) => s.written).map((s) => s.path),
          };
        };
        // Source links on, then off.
        // Every vault with notes that cannot be read when the ticks are written back (exit code 3).
        await check(spec, r, runCliOn, k % 2 === 0, today, "always");
        if (dir !== null) rmSync(dir, { recursive: true, force: true });
      }
      if (process.env.CONTRACT_WRITEBACK_STATS) console.log({ cli: true, vaults: stats.vaults - before.vaults, unread: stats.unread - before.unread, kept: stats.kept - before.kept });
    });
  });
});
