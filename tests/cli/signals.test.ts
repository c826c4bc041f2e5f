// Ctrl-C (SIGINT), SIGTERM (B38-A) and the terminal closed (SIGHUP, B39-A) during a CLI run. Once a
// write run has written a file, the first signal stops the round as disabling the plugin does
// (B37-F): the notes a tick already begun still owes are written, nothing else; the run says what it
// left and ends by the signal. A second SIGINT or SIGTERM ends it at once; before the first write
// nothing is caught, and the run just ends.
//
// Where the signal lands is chosen, not timed: signal-at.mjs, loaded into the real CLI process,
// sends it right after the n-th file written into the vault (or as a note is read), and each case
// asserts the vault as it is left, worked by hand for that point.
import { spawn, spawnSync, type StdioOptions } from "node:child_process";
import { once } from "node:events";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, type CaughtSignal, type Signals } from "../../src/cli/main";
import { buildCli, changedPaths, lines, listFiles, makeVault, read, removeTemps, snapshot, touchedPaths, type VaultSpec } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const PRELOAD = pathToFileURL(fileURLToPath(new URL("./signal-at.mjs", import.meta.url))).href;
const TODAY = "2025-06-20";

type Signal = "SIGINT" | "SIGTERM" | "SIGHUP";
type At =
  | { at: "rename" | "tmp" | "stdout"; n: number; signal: Signal }
  | { at: "read"; path: string; n: number; signal: Signal }
  // Another program writes `text` into the file as that read begins (signal-at.mjs).
  | { at: "read"; path: string; n: number; text: string };

/**
 * The CLI as a process, given signals at the points `plan` names. Every note is read on the CLI's
 * own thread, where the preload counts the reads: a read-ahead or parse worker (set on in the
 * environment, or chosen for a big vault) would take some, and with both reading, which thread
 * reads a note first is left to the scheduler.
 */
function runWithSignals(vault: string, plan: At[], extra: string[] = [], stdio?: StdioOptions) {
  const r = spawnSync(process.execPath, ["--import", PRELOAD, cli, "regenerate", "--vault", vault, "--today", TODAY, ...extra], {
    encoding: "utf8",
    timeout: 30_000,
    ...(stdio !== undefined ? { stdio } : {}),
    env: { ...process.env, CUSTOMER_PAGES_READER: "0", CUSTOMER_PAGES_WORKERS: "0", CP_SIGNALS: JSON.stringify(plan), CP_SIGNALS_VAULT: vault },
  });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? "", errLines: r.stderr.split("\n").filter((l) => l !== "") };
}

/**
 * As runWithSignals, but with stderr — and stdout unless `readStdout` — a dead end, as the terminal
 * of a hangup (or a pipe whose reader is gone) is: a pipe whose reading end this process closed before
 * the CLI ran (the preload waits for stdin's end, which comes after), so every write fails (EPIPE).
 */
async function runDeadOutput(vault: string, plan: At[], readStdout = false) {
  const child = spawn(process.execPath, ["--import", PRELOAD, cli, "regenerate", "--vault", vault, "--today", TODAY], {
    stdio: "pipe",
    env: { ...process.env, CUSTOMER_PAGES_READER: "0", CUSTOMER_PAGES_WORKERS: "0", CP_SIGNALS: JSON.stringify(plan), CP_SIGNALS_VAULT: vault, CP_SIGNALS_STDIN: "1" },
  });
  let stdout = "";
  if (readStdout) child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
  else child.stdout.destroy();
  child.stderr.destroy();
  child.stdin.end();
  const [status, signal] = (await once(child, "close")) as [number | null, NodeJS.Signals | null];
  return { status, signal, stdout };
}

const A = "Meetings/2025-06-01 - Acme A.md";
const B = "Meetings/2025-06-02 - Acme B.md";
const C = "Meetings/2025-06-03 - Acme C.md";
const D = "Meetings/2025-06-04 - Acme D.md";
const Z = "Notes/2025-06-05.md";
const ACME = "Customers/Acme.md";
const BETA = "Customers/Beta.md";
const INVOICE = "- [x] Send the invoice ([[2025-06-01 - Acme A]])";
const CONTRACT = "- [x] Send the contract ([[2025-06-04 - Acme D]])";
const ROOM = "- [x] Book the room ([[2025-06-05]])";

const invoice = (box: string) => lines("Call with [[Acme]].", "", `- [${box}] Send the invoice`);
const call = (box: string) => lines("Call with [[Acme]].", "", `- [${box}] Send the contract`);
const prep = (box: string) => lines("Prep for [[Acme]].", "", `- [${box}] Book the room`);

/**
 * Acme's page ticks three tasks. `Send the invoice` is A's alone. The line for `Send the contract`
 * stands for the task in B, C and D (§6 lists the text once, naming the newest note, D; §8 writes
 * the tick to every open task of the text in the page's sources). `Book the room` is Z's alone.
 * Beta's page has never been regenerated. The run writes, in this order: A (the first tick), B, C
 * and D (the second), Z (the third), then the pages, Acme's and Beta's.
 */
const VAULT: VaultSpec = {
  [A]: invoice(" "),
  [B]: call(" "),
  [C]: call(" "),
  [D]: call(" "),
  [Z]: prep(" "),
  "Meetings/2025-06-06 - Beta.md": lines("Call with [[Beta]]."),
  [ACME]: lines("---", "type: customer", "---", "# Acme", "", "## Open Tasks", "", INVOICE, CONTRACT, ROOM),
  [BETA]: lines("---", "type: customer", "---", "# Beta"),
};

/** The pages as a whole run makes them: the tasks closed, each note in Recent Context, newest first. */
const ACME_DONE = lines(
  "---",
  "type: customer",
  "last_contact: 2025-06-05",
  "---",
  "# Acme",
  "",
  "## Recent Context",
  "",
  "- 2025-06-05: [[2025-06-05]] - Prep for Acme.",
  "- 2025-06-04: [[2025-06-04 - Acme D]] - Call with Acme.",
  "- 2025-06-03: [[2025-06-03 - Acme C]] - Call with Acme.",
  "- 2025-06-02: [[2025-06-02 - Acme B]] - Call with Acme.",
  "- 2025-06-01: [[2025-06-01 - Acme A]] - Call with Acme.",
  "",
  "## Open Tasks",
  "",
  "## Account Status",
  "",
  "| Field | Value |",
  "|-------|-------|",
  "| **Last contact** | 2025-06-05 |",
);
const BETA_DONE = lines(
  "---",
  "type: customer",
  "last_contact: 2025-06-06",
  "---",
  "# Beta",
  "",
  "## Recent Context",
  "",
  "- 2025-06-06: [[2025-06-06 - Beta]] - Call with Beta.",
  "",
  "## Account Status",
  "",
  "| Field | Value |",
  "|-------|-------|",
  "| **Last contact** | 2025-06-06 |",
);
const NOTES_DONE: VaultSpec = { [A]: invoice("x"), [B]: call("x"), [C]: call("x"), [D]: call("x"), [Z]: prep("x") };
const DONE: VaultSpec = { ...VAULT, ...NOTES_DONE, [ACME]: ACME_DONE, [BETA]: BETA_DONE };

/** Every file of the vault is the text `expected` gives it, and there is no other (no temporary file left). */
function expectVault(vault: string, expected: VaultSpec): void {
  expect(listFiles(vault)).toEqual(Object.keys(expected).sort());
  for (const [path, text] of Object.entries(expected)) expect({ path, text: read(vault, path) }).toEqual({ path, text });
}

const ticked = (path: string) => `ticked 1 task(s) in ${path}`;
/** The warning of the next run for a tick written back whose page was not regenerated (README: it is, as you wanted). */
const closed = (note: string, line: string) => `warning: ${ACME}: tick dropped, the task is already closed [x] in ${note} (ticked on another page, or in the note): ${line}`;
const bothLeft = (signal: Signal) =>
  `interrupted (${signal}): the ticks already begun were written to all their notes, and nothing else; 2 customer page(s) not regenerated: Customers/Acme.md, Customers/Beta.md; run it again to finish`;

describe("Ctrl-C, SIGTERM or SIGHUP while a write run writes (B38-A, B39-A)", () => {
  // n: the signal lands right after the n-th write. `left`: the vault as the run leaves it.
  // `warnings`: the next run's, which finishes.
  const cases: Array<{ n: number; signal: Signal; left: VaultSpec; out: string[]; err: string; warnings: string[] }> = [
    // The first tick, in one note, is whole: nothing else is written, no page is rendered.
    ...(["SIGINT", "SIGTERM", "SIGHUP"] as Signal[]).map((signal) => ({
      n: 1,
      signal,
      left: { ...VAULT, [A]: invoice("x") },
      out: [ticked(A), "2 customer page(s): 0 updated, 2 not regenerated (interrupted), 0 unchanged; 0 warning(s)"],
      err: bothLeft(signal),
      warnings: [closed(A, INVOICE)],
    })),
    // Inside the second tick: its other notes are written, the third tick is not begun.
    ...[2, 3, 4].map((n) => ({
      n,
      signal: "SIGINT" as Signal,
      left: { ...VAULT, [A]: invoice("x"), [B]: call("x"), [C]: call("x"), [D]: call("x") },
      out: [ticked(A), ticked(B), ticked(C), ticked(D), "2 customer page(s): 0 updated, 2 not regenerated (interrupted), 0 unchanged; 0 warning(s)"],
      err: bothLeft("SIGINT"),
      // The next run finds D's task closed, so §8 drops the tick; B's and C's were closed with it.
      warnings: [closed(A, INVOICE), closed(D, CONTRACT)],
    })),
    ...(["SIGTERM", "SIGHUP"] as Signal[]).map((signal) => ({
      n: 3,
      signal,
      left: { ...VAULT, [A]: invoice("x"), [B]: call("x"), [C]: call("x"), [D]: call("x") },
      out: [ticked(A), ticked(B), ticked(C), ticked(D), "2 customer page(s): 0 updated, 2 not regenerated (interrupted), 0 unchanged; 0 warning(s)"],
      err: bothLeft(signal),
      warnings: [closed(A, INVOICE), closed(D, CONTRACT)],
    })),
    // Every tick written, no page yet.
    {
      n: 5,
      signal: "SIGINT",
      left: { ...VAULT, ...NOTES_DONE },
      out: [ticked(A), ticked(B), ticked(C), ticked(D), ticked(Z), "2 customer page(s): 0 updated, 2 not regenerated (interrupted), 0 unchanged; 0 warning(s)"],
      err: bothLeft("SIGINT"),
      warnings: [closed(A, INVOICE), closed(D, CONTRACT), closed(Z, ROOM)],
    },
    // Acme's page written: Beta's is left.
    ...(["SIGINT", "SIGTERM", "SIGHUP"] as Signal[]).map((signal) => ({
      n: 6,
      signal,
      left: { ...DONE, [BETA]: VAULT[BETA]! },
      out: [ticked(A), ticked(B), ticked(C), ticked(D), ticked(Z), `updated ${ACME}`, "2 customer page(s): 1 updated, 1 not regenerated (interrupted), 0 unchanged; 0 warning(s)"],
      err: `interrupted (${signal}): the ticks already begun were written to all their notes, and nothing else; 1 customer page(s) not regenerated: Customers/Beta.md; run it again to finish`,
      warnings: [],
    })),
    // The last write: nothing was left to do, and the run still ends by the signal.
    ...(["SIGINT", "SIGHUP"] as Signal[]).map((signal) => ({
      n: 7,
      signal,
      left: DONE,
      out: [ticked(A), ticked(B), ticked(C), ticked(D), ticked(Z), `updated ${ACME}`, `updated ${BETA}`, "2 customer page(s): 2 updated, 0 unchanged; 0 warning(s)"],
      err: `interrupted (${signal}) as the run ended, with nothing left to do`,
      warnings: [],
    })),
  ];

  it.each(cases)("$signal after write $n: the notes of the ticks begun are all written, nothing else; the run says so and ends by the signal; run again, it finishes", ({ n, signal, left, out, err, warnings }) => {
    const vault = makeVault(VAULT);
    const r = runWithSignals(vault, [{ at: "rename", n, signal }]);
    // Ended by the signal, as the shell reports it: 130 after SIGINT, 143 after SIGTERM, 129 after SIGHUP.
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal });
    expect(r.errLines).toEqual([err]);
    expect(r.stdout).toBe(lines(...out));
    expectVault(vault, left);
    // The next run finishes what was left: the vault a run never interrupted leaves.
    const again = runWithSignals(vault, []);
    expect(again.status).toBe(0);
    expect(again.errLines).toEqual(warnings);
    expectVault(vault, DONE);
  });

  it("--json: the report names the signal and the pages not regenerated", () => {
    const vault = makeVault(VAULT);
    const r = runWithSignals(vault, [{ at: "rename", n: 2, signal: "SIGINT" }], ["--json"]);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal: "SIGINT" });
    expect(r.errLines).toEqual([bothLeft("SIGINT")]);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(report.mode).toBe("write");
    expect(report.pages).toEqual([]);
    expect(report.sources).toEqual([A, B, C, D].map((path) => ({ path, ticks: 1, written: true })));
    expect(report.interrupted).toEqual({ signal: "SIGINT", notRegenerated: [ACME, BETA] });
    expectVault(vault, { ...VAULT, [A]: invoice("x"), [B]: call("x"), [C]: call("x"), [D]: call("x") });
  });

  it("a note of the tick begun that cannot be written (not valid UTF-8): its warning says so, and the last line does not claim every note was written", () => {
    const vault = makeVault(VAULT);
    // C holds an invalid byte: the CLI reads it (U+FFFD) but never writes it, signal or not.
    const lossy = Buffer.concat([Buffer.from("Call with [[Acme]]. "), Buffer.from([0xff]), Buffer.from("\n\n- [ ] Send the contract\n")]);
    writeFileSync(join(vault, C), lossy);
    const r = runWithSignals(vault, [{ at: "rename", n: 2, signal: "SIGINT" }]);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal: "SIGINT" });
    expect(r.stdout).toBe(lines(ticked(A), ticked(B), ticked(D), "2 customer page(s): 0 updated, 2 not regenerated (interrupted), 0 unchanged; 2 warning(s)"));
    expect(r.errLines).toEqual([
      `warning: ${C}: not valid UTF-8; invalid bytes read as U+FFFD and the note is never written`,
      `warning: ${C}: never written (not valid UTF-8); 1 task(s) left unticked`,
      "interrupted (SIGINT): the ticks already begun were written to all their notes that could be written (the warnings name the others), and nothing else; 2 customer page(s) not regenerated: Customers/Acme.md, Customers/Beta.md; run it again to finish",
    ]);
    const { [C]: _, ...rest } = VAULT;
    expectVault(vault, { ...rest, [A]: invoice("x"), [B]: call("x"), [D]: call("x"), [C]: readFileSync(join(vault, C), "utf8") });
    expect(readFileSync(join(vault, C)).equals(lossy)).toBe(true);
  });

  it("a signal while a page is being written (as it is read again just before the rename, to see it did not change) is heard once it is: that page is written whole, the next is not", () => {
    const vault = makeVault(VAULT);
    // Acme's page is read by the load, by the round, then by that check.
    const r = runWithSignals(vault, [{ at: "read", path: ACME, n: 3, signal: "SIGINT" }]);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal: "SIGINT" });
    expect(r.errLines).toEqual([
      "interrupted (SIGINT): the ticks already begun were written to all their notes, and nothing else; 1 customer page(s) not regenerated: Customers/Beta.md; run it again to finish",
    ]);
    expectVault(vault, { ...DONE, [BETA]: VAULT[BETA]! });
  });

  it("with --cache: the cache is written as the vault is read, before the first write, and the next run with it finishes as one without it does", () => {
    const vault = makeVault(VAULT);
    const cache = join(makeVault({}), "cache.json");
    const r = runWithSignals(vault, [{ at: "rename", n: 3, signal: "SIGINT" }], ["--cache", cache]);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal: "SIGINT" });
    expect(r.errLines).toEqual([bothLeft("SIGINT")]);
    expectVault(vault, { ...VAULT, [A]: invoice("x"), [B]: call("x"), [C]: call("x"), [D]: call("x") });
    expect(existsSync(cache)).toBe(true);
    // The notes this run ticked are parsed again, not taken from the cache as they were before it.
    const again = runWithSignals(vault, [], ["--cache", cache]);
    expect(again.status).toBe(0);
    expect(again.errLines).toEqual([closed(A, INVOICE), closed(D, CONTRACT)]);
    expectVault(vault, DONE);
  });

  it("a report that cannot be written (`> report.json` on a full disk): still said, as in a run not interrupted, before the run ends by the signal", () => {
    // Linux's /dev/full refuses every write with ENOSPC, as a full disk does.
    const full = openSync("/dev/full", "w");
    try {
      for (const extra of [[], ["--json"]]) {
        const vault = makeVault(VAULT);
        const r = runWithSignals(vault, [{ at: "rename", n: 6, signal: "SIGINT" }], extra, ["ignore", full, "pipe"]);
        expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal: "SIGINT" });
        expect(r.errLines).toEqual([
          "interrupted (SIGINT): the ticks already begun were written to all their notes, and nothing else; 1 customer page(s) not regenerated: Customers/Beta.md; run it again to finish",
          "error: cannot write to stdout (ENOSPC); the output is incomplete",
        ]);
        expectVault(vault, { ...DONE, [BETA]: VAULT[BETA]! });
      }
    } finally {
      closeSync(full);
    }
  });

  it("a second signal ends the run at once, the tick begun written to two of its three notes; the next run, finding its named note open, writes the rest", () => {
    const vault = makeVault(VAULT);
    const r = runWithSignals(vault, [
      { at: "rename", n: 2, signal: "SIGINT" },
      { at: "rename", n: 3, signal: "SIGINT" },
    ]);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal: "SIGINT" });
    expect(r.errLines).toEqual(["interrupted again (SIGINT): stopped at once, without finishing the ticks already begun (one may be left closed in some of its notes only)"]);
    expect(r.stdout).toBe("");
    expectVault(vault, { ...VAULT, [A]: invoice("x"), [B]: call("x"), [C]: call("x") });
    const again = runWithSignals(vault, []);
    expect(again.status).toBe(0);
    // A's task is closed (the first run wrote it); D's is open, so the second tick is written.
    expect(again.errLines).toEqual([closed(A, INVOICE)]);
    expectVault(vault, DONE);
  });
});

describe("The terminal closed (SIGHUP) during a write run: it stops as after Ctrl-C, and its output may go nowhere (B39-A)", () => {
  const fourNotes = { ...VAULT, [A]: invoice("x"), [B]: call("x"), [C]: call("x"), [D]: call("x") };
  const stoppedIn2nd = lines(ticked(A), ticked(B), ticked(C), ticked(D), "2 customer page(s): 0 updated, 2 not regenerated (interrupted), 0 unchanged; 0 warning(s)");

  it("a second SIGHUP is no second request (the shell passes the hangup on to its jobs, then the kernel sends it again as the shell exits): the tick begun is still written to all its notes", () => {
    const vault = makeVault(VAULT);
    const r = runWithSignals(vault, [
      { at: "rename", n: 2, signal: "SIGHUP" },
      { at: "rename", n: 3, signal: "SIGHUP" },
    ]);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal: "SIGHUP" });
    expect(r.errLines).toEqual([bothLeft("SIGHUP")]);
    expect(r.stdout).toBe(stoppedIn2nd);
    expectVault(vault, fourNotes);
  });

  it("nor is the second SIGHUP once the round is over, as the report is printed (`> report.json` would be cut short): the report is whole, the run ends by SIGHUP", () => {
    const vault = makeVault(VAULT);
    const r = runWithSignals(vault, [
      { at: "rename", n: 2, signal: "SIGHUP" },
      { at: "stdout", n: 1, signal: "SIGHUP" },
    ]);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal: "SIGHUP" });
    expect(r.stdout).toBe(stoppedIn2nd);
    expect(r.errLines).toEqual([bothLeft("SIGHUP")]);
    expectVault(vault, fourNotes);
  });

  it("nor is a SIGHUP after Ctrl-C (the terminal closed once Ctrl-C was pressed): the run ends by SIGINT, the tick begun whole", () => {
    const vault = makeVault(VAULT);
    const r = runWithSignals(vault, [
      { at: "rename", n: 2, signal: "SIGINT" },
      { at: "rename", n: 3, signal: "SIGHUP" },
    ]);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal: "SIGINT" });
    expect(r.errLines).toEqual([bothLeft("SIGINT")]);
    expectVault(vault, fourNotes);
  });

  it("a Ctrl-C or SIGTERM after the hangup still ends the run at once, as a second signal does", () => {
    const vault = makeVault(VAULT);
    const r = runWithSignals(vault, [
      { at: "rename", n: 2, signal: "SIGHUP" },
      { at: "rename", n: 3, signal: "SIGTERM" },
    ]);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal: "SIGTERM" });
    expect(r.errLines).toEqual(["interrupted again (SIGTERM): stopped at once, without finishing the ticks already begun (one may be left closed in some of its notes only)"]);
    expectVault(vault, { ...VAULT, [A]: invoice("x"), [B]: call("x"), [C]: call("x") });
  });

  it("stdout and stderr gone with the terminal (every write fails): the run still writes the notes the tick begun owes, nothing else, and ends by SIGHUP", async () => {
    const vault = makeVault(VAULT);
    const r = await runDeadOutput(vault, [{ at: "rename", n: 2, signal: "SIGHUP" }]);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal: "SIGHUP" });
    expectVault(vault, fourNotes);
    const again = runWithSignals(vault, []);
    expect(again.status).toBe(0);
    expect(again.errLines).toEqual([closed(A, INVOICE), closed(D, CONTRACT)]);
    expectVault(vault, DONE);
  });

  it("stderr gone, stdout read: interrupted, the report is whole and the run ends by the signal, not by the error of its last line", async () => {
    const vault = makeVault(VAULT);
    const r = await runDeadOutput(vault, [{ at: "rename", n: 3, signal: "SIGINT" }], true);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal: "SIGINT" });
    expect(r.stdout).toBe(stoppedIn2nd);
    expectVault(vault, fourNotes);
  });

  it("not interrupted, stdout and stderr gone: every file written, exit code 3 (the output is incomplete), not Node's 1 for an error it could not print", async () => {
    const vault = makeVault(VAULT);
    const r = await runDeadOutput(vault, []);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: 3, signal: null });
    expectVault(vault, DONE);
  });

  it("not interrupted, stderr gone with warnings to say: the report on stdout is whole, exit code 3", async () => {
    const vault = makeVault(VAULT);
    // C holds an invalid byte: two warnings (read so, and its task left unticked), which cannot be said.
    const lossy = Buffer.concat([Buffer.from("Call with [[Acme]]. "), Buffer.from([0xff]), Buffer.from("\n\n- [ ] Send the contract\n")]);
    writeFileSync(join(vault, C), lossy);
    const r = await runDeadOutput(vault, [], true);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: 3, signal: null });
    expect(r.stdout).toBe(lines(ticked(A), ticked(B), ticked(D), ticked(Z), `updated ${ACME}`, `updated ${BETA}`, "2 customer page(s): 2 updated, 0 unchanged; 2 warning(s)"));
  });
});

describe("A signal while the --cache file is written, before anything is caught in the run (B39-A)", () => {
  // The cache is written as the vault is read: its temporary file is the run's first.
  it.each([
    { mode: [], signal: "SIGINT" as Signal },
    { mode: ["--check"], signal: "SIGTERM" as Signal },
    { mode: ["--dry-run"], signal: "SIGHUP" as Signal },
  ])("$mode, $signal as the cache's temporary file is written: the cache is written whole, no temporary file is left beside it, and the run ends by the signal, nothing said, the vault untouched", ({ mode, signal }) => {
    const vault = makeVault(VAULT);
    const dir = makeVault({});
    const cache = join(dir, "cache.json");
    const before = snapshot(vault);
    const r = runWithSignals(vault, [{ at: "tmp", n: 1, signal }], [...mode, "--cache", cache]);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal });
    expect(r.stdout).toBe("");
    expect(r.errLines).toEqual([]);
    const after = snapshot(vault);
    expect(changedPaths(before, after)).toEqual([]);
    expect(touchedPaths(before, after)).toEqual([]);
    expect(readdirSync(dir)).toEqual(["cache.json"]);
    expect(readFileSync(cache, "utf8").startsWith('{"customerPagesCache":')).toBe(true);
    // The next run with it finishes as one never interrupted, and says nothing of the cache.
    const again = runWithSignals(vault, [], ["--cache", cache]);
    expect(again.status).toBe(0);
    expect(again.errLines).toEqual([]);
    expectVault(vault, DONE);
  });

  // The listeners that held the signal during the cache's write must be gone once it is in place:
  // left there, they would swallow a Ctrl-C that comes later, before the first write, and the run
  // would go on to write the whole vault (B39-F).
  it.each([
    { mode: [], signal: "SIGINT" as Signal },
    { mode: ["--check"], signal: "SIGHUP" as Signal },
  ])("$mode, $signal once the cache is written, as the round reads Acme's page (read 2): the run just ends, as without --cache, the cache whole", ({ mode, signal }) => {
    const vault = makeVault(VAULT);
    const dir = makeVault({});
    const cache = join(dir, "cache.json");
    const before = snapshot(vault);
    const r = runWithSignals(vault, [{ at: "read", path: ACME, n: 2, signal }], [...mode, "--cache", cache]);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal });
    expect(r.stdout).toBe("");
    expect(r.errLines).toEqual([]);
    const after = snapshot(vault);
    expect(changedPaths(before, after)).toEqual([]);
    expect(touchedPaths(before, after)).toEqual([]);
    expect(readdirSync(dir)).toEqual(["cache.json"]);
  });

  it("run() in process, given signals (as the program gives catchSignals), leaves no signal listener behind it once the cache is written", async () => {
    const vault = makeVault(VAULT);
    const cache = join(makeVault({}), "cache.json");
    const counts = () => (["SIGINT", "SIGTERM", "SIGHUP"] as const).map((s) => process.listenerCount(s));
    const before = counts();
    const signals: Signals = { arm: () => {}, disarm: () => {}, received: () => null };
    const code = await run(["regenerate", "--vault", vault, "--today", TODAY, "--check", "--cache", cache], { stdout: () => {}, stderr: () => {} }, signals);
    expect(code).toBe(1);
    expect(existsSync(cache)).toBe(true);
    expect(counts()).toEqual(before);
  });
});

describe("Ctrl-C before anything is written: the run just ends (B38-A)", () => {
  // Acme's page is read twice: when the vault is loaded, and by the round, before it writes.
  it.each([
    { mode: [], read: 1 },
    { mode: [], read: 2 },
    { mode: ["--dry-run"], read: 2 },
    { mode: ["--check"], read: 2 },
  ])("$mode, as Acme's page is read (read $read): ended by SIGINT, nothing said, no file written or touched", ({ mode, read: n }) => {
    const vault = makeVault(VAULT);
    const before = snapshot(vault);
    const r = runWithSignals(vault, [{ at: "read", path: ACME, n, signal: "SIGINT" }], mode);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal: "SIGINT" });
    expect(r.stdout).toBe("");
    expect(r.errLines).toEqual([]);
    const after = snapshot(vault);
    expect(changedPaths(before, after)).toEqual([]);
    expect(touchedPaths(before, after)).toEqual([]);
  });
});

describe("what an interrupted run says and returns, further (B39-C)", () => {
  it("a signal after the last write, while the round ends: Beta's page, refused as it changed to the very page the run renders (a sync client brought it), is read again and left unchanged; a Ctrl-C as it is read again, no write after it, is still heard as the run ended", () => {
    const note = "Meetings/2025-06-06 - Beta.md";
    const vault = makeVault({ [note]: VAULT[note]!, [BETA]: VAULT[BETA]! });
    // Beta's page is read by the load (1), by the round (2), just before the rename (3: found
    // changed, so not renamed), and again (4), when the signal comes; nothing is written after it.
    const r = runWithSignals(vault, [
      { at: "read", path: BETA, n: 3, text: BETA_DONE },
      { at: "read", path: BETA, n: 4, signal: "SIGINT" },
    ]);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal: "SIGINT" });
    expect(r.stdout).toBe(lines("1 customer page(s): 0 updated, 1 unchanged; 0 warning(s)"));
    expect(r.errLines).toEqual(["interrupted (SIGINT) as the run ended, with nothing left to do"]);
    expectVault(vault, { [note]: VAULT[note]!, [BETA]: BETA_DONE });
  });

  // Acme's page ticks A's task; `others` pages after it, never regenerated. Stopped after A is
  // written, every page is left: the line names the first ten, and counts the rest.
  it.each([
    { others: 9, more: "" },
    { others: 10, more: " and 1 more" },
  ])("the pages not regenerated, $others besides Acme's: ten named at most, the rest counted", ({ others, more }) => {
    const names = Array.from({ length: others }, (_, i) => `Customers/P${String(i + 1).padStart(2, "0")}.md`);
    const spec: VaultSpec = { [A]: invoice(" "), [ACME]: lines("---", "type: customer", "---", "# Acme", "", "## Open Tasks", "", INVOICE) };
    for (const p of names) spec[p] = lines("---", "type: customer", "---", `# ${p.slice(10, 13)}`);
    const vault = makeVault(spec);
    const r = runWithSignals(vault, [{ at: "rename", n: 1, signal: "SIGINT" }]);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal: "SIGINT" });
    const total = others + 1;
    expect(r.stdout).toBe(lines(ticked(A), `${total} customer page(s): 0 updated, ${total} not regenerated (interrupted), 0 unchanged; 0 warning(s)`));
    const shown = [ACME, ...names].slice(0, 10).join(", ");
    expect(r.errLines).toEqual([
      `interrupted (SIGINT): the ticks already begun were written to all their notes, and nothing else; ${total} customer page(s) not regenerated: ${shown}${more}; run it again to finish`,
    ]);
    expectVault(vault, { ...spec, [A]: invoice("x") });
  });

  // run() is the CLI's own function; the program passes it catchSignals and, when it returns, ends
  // by the signal. Given signals that report one from the first write on, as a Ctrl-C heard right
  // after A is written: the write-1 case above, and the status of a process the signal ended.
  it.each([
    { signal: "SIGINT" as CaughtSignal, status: 130 },
    { signal: "SIGTERM" as CaughtSignal, status: 143 },
  ])("run() interrupted by $signal returns $status (128 + the signal's number)", async ({ signal, status }) => {
    const vault = makeVault(VAULT);
    let armed = false;
    const signals: Signals = {
      arm: () => {
        armed = true;
      },
      disarm: () => {},
      received: () => (armed ? signal : null),
    };
    let stdout = "";
    let stderr = "";
    const code = await run(["regenerate", "--vault", vault, "--today", TODAY], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, signals);
    expect(code).toBe(status);
    expect(stdout).toBe(lines(ticked(A), "2 customer page(s): 0 updated, 2 not regenerated (interrupted), 0 unchanged; 0 warning(s)"));
    expect(stderr).toBe(lines(bothLeft(signal)));
    expectVault(vault, { ...VAULT, [A]: invoice("x") });
  });
});

describe("signals once the round is over, and two while the --cache file is written (B40-A)", () => {
  // Once the round is over the default is back for SIGINT and SIGTERM (only a SIGHUP after a stop is
  // ignored): a second Ctrl-C as the report is printed ends the run at once, by SIGINT. Nothing is
  // said then — "interrupted again … without finishing the ticks already begun" would be untrue: the
  // round finished them (A to D written), and printed nothing yet (the signal comes as stdout's first
  // write begins).
  it("a second Ctrl-C as the report is printed ends the run at once by SIGINT, saying nothing untrue: the tick begun was finished", () => {
    const vault = makeVault(VAULT);
    const r = runWithSignals(vault, [
      { at: "rename", n: 2, signal: "SIGINT" },
      { at: "stdout", n: 1, signal: "SIGINT" },
    ]);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal: "SIGINT" });
    expect(r.stdout).toBe("");
    expect(r.errLines).toEqual([]);
    expectVault(vault, { ...VAULT, [A]: invoice("x"), [B]: call("x"), [C]: call("x"), [D]: call("x") });
  });

  // Two signals while the cache is written: the run ends by the first, as catchSignals takes the
  // first of a write run's.
  it("SIGTERM then SIGINT as the cache's temporary file is written: the run ends by SIGTERM, the cache whole, nothing said", () => {
    const vault = makeVault(VAULT);
    const dir = makeVault({});
    const cache = join(dir, "cache.json");
    const before = snapshot(vault);
    const r = runWithSignals(
      vault,
      [
        { at: "tmp", n: 1, signal: "SIGTERM" },
        { at: "tmp", n: 1, signal: "SIGINT" },
      ],
      ["--cache", cache],
    );
    expect({ status: r.status, signal: r.signal }).toEqual({ status: null, signal: "SIGTERM" });
    expect(r.stdout).toBe("");
    expect(r.errLines).toEqual([]);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
    expect(readdirSync(dir)).toEqual(["cache.json"]);
  });
});
