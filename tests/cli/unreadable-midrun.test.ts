// A page or note that the run read while loading the vault and that cannot be read later in the run
// (its permissions taken away meanwhile, a disk error): a warning naming it and why, exit code 3,
// the page left as it is, and a tick on its tasks kept on the page for the next run — never taken
// for gone, never left out without a word. A preload (`node --require`) fails the file's reads with
// EIO from its nth read on, so the load reads it and the round does not: no timing involved.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, lines, makeVault, read, removeTemps } from "./cli-helpers";

let cli = "";
/** Fails the reads of the notes it is given from their nth on (tests/cli/eio-from.cjs). */
const hook = join(dirname(fileURLToPath(import.meta.url)), "eio-from.cjs");
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const TODAY = "2025-11-15";
const ACME = "Customers/Acme.md";
const CALL = "Meetings/2025-11-01 - Acme call.md";

function run(vault: string, path: string, from: number, extra: readonly string[] = []) {
  const r = spawnSync(process.execPath, ["--require", hook, cli, "regenerate", "--vault", vault, "--today", TODAY, ...extra], {
    encoding: "utf8",
    timeout: 30_000,
    // One thread reads every file, so that the count of reads is this process's.
    env: { ...process.env, CUSTOMER_PAGES_READER: "0", CUSTOMER_PAGES_WORKERS: "0", CP_EIO_PATHS: JSON.stringify([path]), CP_EIO_FROM: String(from) },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("a page that cannot be read later in the run", () => {
  it("when the round reads it (read 2): a warning saying why, counted as failed, exit 3; the other page is written", () => {
    const vault = makeVault({
      [ACME]: lines("# Acme"),
      "Customers/Globex.md": lines("# Globex"),
      [CALL]: lines("Call with [[Acme]] and [[Globex]]."),
    });
    const r = run(vault, ACME, 2);
    expect(r.stderr).toBe(lines("warning: Customers/Acme.md: cannot be read (EIO); not regenerated"));
    expect(r.stdout).toBe(lines("updated Customers/Globex.md", "2 customer page(s): 1 updated, 1 failed, 0 unchanged; 1 warning(s)"));
    expect(r.status).toBe(3);
    expect(read(vault, ACME)).toBe(lines("# Acme"));
    expect(read(vault, "Customers/Globex.md")).toContain("[[2025-11-01 - Acme call]]");
  });

  it("when the write checks it (read 3) and the round reads it again (read 4): not taken for gone, said", () => {
    const vault = makeVault({ [ACME]: lines("# Acme"), [CALL]: lines("Call with [[Acme]].") });
    const r = run(vault, ACME, 3, ["--json"]);
    expect(r.stderr).toBe(lines("warning: Customers/Acme.md: cannot be read (EIO); left as it is"));
    expect(r.status).toBe(3);
    const report = JSON.parse(r.stdout) as { pages: unknown[] };
    expect(report.pages).toEqual([{ path: ACME, changed: false, written: false, failed: true }]);
    expect(read(vault, ACME)).toBe(lines("# Acme"));
  });
});

describe("a note holding a ticked task that cannot be read when the round writes the tick back", () => {
  it("the tick stays on the page (not rendered over) with a warning naming the note, exit 3; the next run writes it", () => {
    const page = lines(
      "---",
      "last_contact: 2025-11-01",
      "---",
      "# Acme",
      "",
      "## Recent Context",
      "",
      "- 2025-11-01: [[2025-11-01 - Acme call]] - Call with Acme.",
      "",
      "## Open Tasks",
      "",
      "- [x] send the deck ([[2025-11-01 - Acme call]])",
      "- [ ] book the demo ([[2025-11-01 - Acme call]])",
      "",
      "## Account Status",
      "",
      "| Field | Value |",
      "|-------|-------|",
      "| **Last contact** | 2025-11-01 |",
    );
    const call = lines("Call with [[Acme]].", "", "- [ ] send the deck", "- [ ] book the demo");
    const vault = makeVault({ [ACME]: page, [CALL]: call });
    const r = run(vault, CALL, 2);
    expect(r.stderr).toBe(lines("warning: Meetings/2025-11-01 - Acme call.md: cannot be read (EIO); 1 task(s) left unticked"));
    expect(r.status).toBe(3);
    expect(read(vault, CALL)).toBe(call);
    // The page as it was: the tick kept, nothing else to change.
    expect(read(vault, ACME)).toBe(page);
    const again = spawnSync(process.execPath, [cli, "regenerate", "--vault", vault, "--today", TODAY], { encoding: "utf8" });
    expect(again.stderr).toBe("");
    expect(again.status).toBe(0);
    expect(read(vault, CALL)).toBe(lines("Call with [[Acme]].", "", "- [x] send the deck", "- [ ] book the demo"));
    expect(read(vault, ACME)).not.toContain("send the deck");
  });

  it("a dry run reads the note as the write run does: the same warning, the tick kept on the page, exit 3 (B40-D)", () => {
    const page = lines("---", "type: customer", "---", "# Acme", "", "## Open Tasks", "", "- [x] send the deck ([[2025-11-01 - Acme call]])");
    const call = lines("Call with [[Acme]].", "", "- [ ] send the deck");
    const vault = makeVault({ [ACME]: page, [CALL]: call });
    for (const [mode, said] of [
      [["--dry-run"], lines("would update Customers/Acme.md", "1 customer page(s): 1 would change, 0 unchanged; 1 warning(s)")],
      [[], lines("updated Customers/Acme.md", "1 customer page(s): 1 updated, 0 unchanged; 1 warning(s)")],
    ] as const) {
      const r = run(vault, CALL, 2, mode);
      expect(r.stderr, mode.join()).toBe(lines("warning: Meetings/2025-11-01 - Acme call.md: cannot be read (EIO); 1 task(s) left unticked"));
      expect(r.stdout, mode.join()).toBe(said);
      expect(r.status, mode.join()).toBe(3);
    }
    expect(read(vault, CALL)).toBe(call);
    // Written with its Recent Context, the tick kept in Open Tasks for the next run.
    expect(read(vault, ACME)).toContain("- 2025-11-01: [[2025-11-01 - Acme call]] - Call with Acme.\n");
    expect(read(vault, ACME)).toContain("## Open Tasks\n\n- [x] send the deck ([[2025-11-01 - Acme call]])\n");
  });

  it("two lines of the page ticking the task with two statuses: the page keeps the upper line's, and the lower line's tick is dropped with a warning naming the note; the next run writes the upper's (B39-B)", () => {
    // README: two lines of one page ticking one task "are read top down: the upper line's status is
    // written, or kept on the page when its note cannot be written then". The `[x]` line is gone from
    // the page written: it went without a word.
    const head = ["---", "last_contact: 2025-11-01", "---", "# Acme", "", "## Recent Context", "", "- 2025-11-01: [[2025-11-01 - Acme call]] - Call with Acme.", "", "## Open Tasks", ""];
    const tail = ["", "## Account Status", "", "| Field | Value |", "|-------|-------|", "| **Last contact** | 2025-11-01 |"];
    const cancelled = "- [-] send the deck ([[2025-11-01 - Acme call]])";
    const done = "- [x] Send the deck. ([[2025-11-01 - Acme call]])";
    const demo = "- [ ] book the demo ([[2025-11-01 - Acme call]])";
    const call = lines("Call with [[Acme]].", "", "- [ ] send the deck", "- [ ] book the demo");
    const vault = makeVault({ [ACME]: lines(...head, cancelled, done, demo, ...tail), [CALL]: call });
    const r = run(vault, CALL, 2);
    expect(r.stderr).toBe(
      lines(
        `warning: ${CALL}: cannot be read (EIO); 1 task(s) left unticked`,
        `warning: ${ACME}: tick dropped, a line above ticks the same task [-], which the page keeps ticked as ${CALL} was not written ` +
          `(the page's lines are read top down; the next run writes [-] back: change that line to [x] before then if [x] was meant): ${done}`,
      ),
    );
    expect(r.status).toBe(3);
    expect(read(vault, CALL)).toBe(call);
    // The task's one line, with the upper line's status.
    expect(read(vault, ACME)).toBe(lines(...head, cancelled, demo, ...tail));
    const again = spawnSync(process.execPath, [cli, "regenerate", "--vault", vault, "--today", TODAY], { encoding: "utf8" });
    expect(again.stderr).toBe("");
    expect(again.status).toBe(0);
    expect(read(vault, CALL)).toBe(lines("Call with [[Acme]].", "", "- [-] send the deck", "- [ ] book the demo"));
    expect(read(vault, ACME)).toBe(lines(...head, demo, ...tail));
  });

  it("the same two lines, their note changed by another program just before the run writes it (the task closed there, or its text edited): the page shows no line of the task, and no tick is said kept (B39-G)", () => {
    // The kept-tick warning says the page keeps the upper line's tick and the next run writes it
    // back; with no line of the task on the next page neither line's tick is kept, and the note's
    // "changed while ticks were applied" is what there is to say. signal-at.mjs writes the note as
    // its third read begins: the load's read, the round's, then the write's check before the rename.
    const preload = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "signal-at.mjs")).href;
    const head = ["---", "last_contact: 2025-11-01", "---", "# Acme", "", "## Recent Context", "", "- 2025-11-01: [[2025-11-01 - Acme call]] - Call with Acme.", "", "## Open Tasks", ""];
    const tail = ["", "## Account Status", "", "| Field | Value |", "|-------|-------|", "| **Last contact** | 2025-11-01 |"];
    const demo = "- [ ] book the demo ([[2025-11-01 - Acme call]])";
    for (const [edited, shown] of [
      ["- [x] send the deck", [demo]],
      ["- [ ] send the deck today", ["- [ ] send the deck today ([[2025-11-01 - Acme call]])", demo]],
    ] as const) {
      const vault = makeVault({
        [ACME]: lines(...head, "- [-] send the deck ([[2025-11-01 - Acme call]])", "- [x] Send the deck. ([[2025-11-01 - Acme call]])", demo, ...tail),
        [CALL]: lines("Call with [[Acme]].", "", "- [ ] send the deck", "- [ ] book the demo"),
      });
      const call = lines("Call with [[Acme]].", "", edited, "- [ ] book the demo");
      const r = spawnSync(process.execPath, ["--import", preload, cli, "regenerate", "--vault", vault, "--today", TODAY], {
        encoding: "utf8",
        timeout: 30_000,
        env: { ...process.env, CUSTOMER_PAGES_READER: "0", CUSTOMER_PAGES_WORKERS: "0", CP_SIGNALS: JSON.stringify([{ at: "read", path: CALL, n: 3, text: call }]), CP_SIGNALS_VAULT: vault },
      });
      expect(r.stderr, edited).toBe(lines(`warning: ${CALL}: changed while ticks were applied; 1 task(s) left unticked`));
      expect(r.status, edited).toBe(0);
      expect(read(vault, CALL), edited).toBe(call);
      expect(read(vault, ACME), edited).toBe(lines(...head, ...shown, ...tail));
    }
  });
});
