// A customer page made no customer page by another program between the round's read and its write
// (its `type` removed): the write finds the text changed, the page read again is no customer page —
// and the run wrote it once more as a page (last_contact and an Account Status section), saying
// `updated`. It is left as it is, with a warning, and the summary and --json say so (B42-A's Not
// fixed). A preload changes the file just before the write's check reads it: no timing involved.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, lines, makeVault, read, removeTemps } from "./cli-helpers";

let cli = "";
/** Changes a note just before its nth read (tests/cli/change-at.cjs). */
const hook = join(dirname(fileURLToPath(import.meta.url)), "change-at.cjs");
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

// Outside the customers folder: its `type: customer` alone makes it a customer page (§2).
const ACME = "Clients/Acme.md";
const GLOBEX = "Customers/Globex.md";
const CALL = "Meetings/2025-11-01 - Acme call.md";
const MADE = lines("---", "status: Lost", "---", "# Acme");

/** The CLI on `vault`, Acme changed to `text` just before its `at`-th read (3: the write's check; 2: the round's read). */
function run(vault: string, extra: readonly string[] = [], at = "3", text = MADE) {
  const r = spawnSync(process.execPath, ["--require", hook, cli, "regenerate", "--vault", vault, "--today", "2025-11-15", ...extra], {
    encoding: "utf8",
    timeout: 30_000,
    // One thread reads every file, so that the count of reads is this process's.
    env: { ...process.env, CUSTOMER_PAGES_READER: "0", CUSTOMER_PAGES_WORKERS: "0", CP_CHANGE_PATH: ACME, CP_CHANGE_AT: at, CP_CHANGE_TEXT: text },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const files = () => ({
  [ACME]: lines("---", "type: customer", "---", "# Acme"),
  [GLOBEX]: lines("# Globex"),
  [CALL]: lines("Call with [[Acme]] and [[Globex]]."),
});

describe("a customer page made no customer page between the round's read and its write", () => {
  it("left as the other program made it, with a warning; the summary counts it apart, exit 0", () => {
    const vault = makeVault(files());
    const r = run(vault);
    expect(r.stderr).toBe(lines(`warning: ${ACME}: no customer page any more (changed while it was regenerated); left as it is`));
    expect(r.stdout).toBe(lines(`updated ${GLOBEX}`, "2 customer page(s): 1 updated, 1 no customer page any more, 0 unchanged; 1 warning(s)"));
    expect(r.status).toBe(0);
    expect(read(vault, ACME)).toBe(MADE);
    expect(read(vault, GLOBEX)).toContain("[[2025-11-01 - Acme call]]");
  });

  it("--json: the page is neither changed nor written, and `noLongerCustomer`", () => {
    const vault = makeVault(files());
    const r = run(vault, ["--json"]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { pages: unknown[]; warnings: unknown[] };
    expect(report.pages).toEqual([
      { path: ACME, changed: false, written: false, noLongerCustomer: true },
      { path: GLOBEX, changed: true, written: true },
    ]);
    expect(report.warnings).toEqual([{ file: ACME, message: "no customer page any more (changed while it was regenerated); left as it is" }]);
    expect(read(vault, ACME)).toBe(MADE);
  });
});

// Made no customer page after the vault was loaded and before the round read it: the round's read
// finds the text it then writes over, and the run wrote the note as a page (last_contact, Account
// Status, its Open Tasks rendered over), saying `updated` — and wrote back the box ticked on it, a
// tick of no page (B42-F's Not fixed). The run decides by the text it reads: as a run started after
// the change would, it neither regenerates the note nor writes its tick back; it says so.
describe("a customer page made no customer page between the vault's load and the round's read", () => {
  const task = "- [ ] Send the plan ([[2025-11-01 - Acme call]])";
  const made = lines("---", "status: Lost", "---", "# Acme", "", "## Open Tasks", "", task.replace("[ ]", "[x]"));
  const vault = (): string =>
    makeVault({
      [ACME]: lines("---", "type: customer", "---", "# Acme", "", "## Open Tasks", "", task),
      [GLOBEX]: lines("# Globex"),
      [CALL]: lines("Call with [[Acme]] and [[Globex]].", "", "- [ ] Send the plan"),
    });

  it("left as the other program made it, its tick not written back; the warning, the summary, exit 0", () => {
    const v = vault();
    const r = run(v, [], "2", made);
    expect(r.stderr).toBe(lines(`warning: ${ACME}: no customer page any more (changed while it was regenerated); left as it is`));
    expect(r.stdout).toBe(lines(`updated ${GLOBEX}`, "2 customer page(s): 1 updated, 1 no customer page any more, 0 unchanged; 1 warning(s)"));
    expect(r.status).toBe(0);
    expect(read(v, ACME)).toBe(made);
    expect(read(v, CALL)).toBe(lines("Call with [[Acme]] and [[Globex]].", "", "- [ ] Send the plan"));
    // By hand: Globex's page shows the call and its task, still open.
    expect(read(v, GLOBEX)).toContain("[[2025-11-01 - Acme call]]");
    expect(read(v, GLOBEX)).toContain(`\n${task}\n`);
  });

  it("--json, and --dry-run says the same", () => {
    const v = vault();
    const r = run(v, ["--json"], "2", made);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { pages: unknown[]; sources: unknown[]; warnings: unknown[] };
    expect(report.pages).toEqual([
      { path: ACME, changed: false, written: false, noLongerCustomer: true },
      { path: GLOBEX, changed: true, written: true },
    ]);
    expect(report.sources).toEqual([]);
    expect(report.warnings).toEqual([{ file: ACME, message: "no customer page any more (changed while it was regenerated); left as it is" }]);
    expect(read(v, ACME)).toBe(made);
    const dry = run(vault(), ["--dry-run"], "2", made);
    expect(dry.stderr).toBe(lines(`warning: ${ACME}: no customer page any more (changed while it was regenerated); left as it is`));
    expect(dry.stdout).toBe(lines(`would update ${GLOBEX}`, "2 customer page(s): 1 would change, 1 no customer page any more, 0 unchanged; 1 warning(s)"));
    expect(dry.status).toBe(0);
  });
});
