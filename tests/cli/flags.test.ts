// The CLI's flags and exit codes: --check, --dry-run, --json, --customer, and the usage errors.
import { spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ageFiles,
  buildCli,
  changedPaths,
  lines,
  makeVault,
  read,
  removeTemps,
  runCli,
  snapshot,
  touchedPaths,
  type VaultSpec,
} from "./cli-helpers";
import { ROOT } from "../helpers/vault";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const TODAY = "2025-08-01";
const ALPHA = "Customers/Alpha.md";
const BRAVO = "Customers/Bravo.md";
const ALPHA_NOTE = "Meetings/2025-07-01 - Alpha call.md";
const BRAVO_NOTE = "Meetings/2025-07-02 - Bravo call.md";

/** Two customers, each with one direct meeting; both pages are stale. */
function twoCustomers(): VaultSpec {
  return {
    [ALPHA]: lines("---", "type: customer", "aliases: [AlphaCo]", "---", "# Alpha"),
    [BRAVO]: lines("---", "type: customer", "---", "# Bravo"),
    [ALPHA_NOTE]: lines("Call with [[Alpha]]."),
    [BRAVO_NOTE]: lines("Call with [[Bravo]]."),
  };
}

function regenerated(name: string, note: string, date: string, summary: string, extraFm: string[] = []): string {
  return lines(
    "---",
    "type: customer",
    ...extraFm,
    `last_contact: ${date}`,
    "---",
    `# ${name}`,
    "",
    "## Recent Context",
    "",
    `- ${date}: [[${note}]] - ${summary}`,
    "",
    "## Account Status",
    "",
    "| Field | Value |",
    "|-------|-------|",
    `| **Last contact** | ${date} |`,
  );
}

const ALPHA_DONE = regenerated("Alpha", "2025-07-01 - Alpha call", "2025-07-01", "Call with Alpha.", ["aliases: [AlphaCo]"]);
const BRAVO_DONE = regenerated("Bravo", "2025-07-02 - Bravo call", "2025-07-02", "Call with Bravo.");

/** Runs the CLI and checks that it left every file (bytes and mtime) as it was. */
function runWritingNothing(vault: string, args: string[]) {
  ageFiles(vault);
  const before = snapshot(vault);
  const r = runCli(cli, args);
  const after = snapshot(vault);
  expect(changedPaths(before, after)).toEqual([]);
  expect(touchedPaths(before, after)).toEqual([]);
  return r;
}

describe("--check", () => {
  it("exits 1 and writes nothing when a page would change", () => {
    const vault = makeVault(twoCustomers());
    const r = runWritingNothing(vault, ["regenerate", "--vault", vault, "--today", TODAY, "--check"]);
    expect(r.status).toBe(1);
  });

  it("exits 0 when every page is up to date", () => {
    const vault = makeVault({ ...twoCustomers(), [ALPHA]: ALPHA_DONE, [BRAVO]: BRAVO_DONE });
    const r = runWritingNothing(vault, ["regenerate", "--vault", vault, "--today", TODAY, "--check"]);
    expect(r.status).toBe(0);
  });

  it("a tick not yet written back: `would tick …` on stdout, exit 1, the note and the page left as they are", () => {
    const vault = makeVault({
      ...twoCustomers(),
      [ALPHA]: ALPHA_DONE.replace("## Account Status", "## Open Tasks\n\n- [x] Send the deck ([[2025-07-01 - Alpha call]])\n\n## Account Status"),
      [BRAVO]: BRAVO_DONE,
      [ALPHA_NOTE]: lines("Call with [[Alpha]].", "", "- [ ] Send the deck"),
    });
    const r = runWritingNothing(vault, ["regenerate", "--vault", vault, "--today", TODAY, "--check"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(lines(`would tick 1 task(s) in ${ALPHA_NOTE}`, `would update ${ALPHA}`, "2 customer page(s): 1 would change, 1 unchanged; 0 warning(s)"));
  });

  it("exits 1 when only one of the pages is stale", () => {
    const vault = makeVault({ ...twoCustomers(), [ALPHA]: ALPHA_DONE });
    const r = runWritingNothing(vault, ["regenerate", "--vault", vault, "--today", TODAY, "--check"]);
    expect(r.status).toBe(1);
  });
});

describe("--dry-run", () => {
  it("exits 0, lists `would update <path>` for each stale page, and writes nothing", () => {
    const vault = makeVault({ ...twoCustomers(), [BRAVO]: BRAVO_DONE });
    const r = runWritingNothing(vault, ["regenerate", "--vault", vault, "--today", TODAY, "--dry-run"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`would update ${ALPHA}\n`);
    expect(r.stdout).not.toContain(`would update ${BRAVO}`);
    expect(r.stdout).not.toMatch(/^updated /m);
  });
});

describe("--json", () => {
  it("prints valid JSON with pages (path, changed, written), sources and warnings", () => {
    const vault = makeVault({ ...twoCustomers(), [BRAVO]: BRAVO_DONE });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY, "--json"]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      pages: Array<{ path: string; changed: boolean; written: boolean }>;
      sources: unknown[];
      warnings: unknown[];
    };
    const pages = [...report.pages].sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(pages).toEqual([
      { path: ALPHA, changed: true, written: true },
      { path: BRAVO, changed: false, written: false },
    ]);
    expect(report.sources).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(read(vault, ALPHA)).toBe(ALPHA_DONE);
    expect(read(vault, BRAVO)).toBe(BRAVO_DONE);
  });

  it("with --dry-run: changed but not written; a tick shows in sources; warnings are listed", () => {
    const vault = makeVault({
      ...twoCustomers(),
      [ALPHA]: ALPHA_DONE.replace(
        "## Account Status",
        "## Open Tasks\n\n- [x] Send the deck ([[2025-07-01 - Alpha call]])\n\n## Account Status",
      ),
      [ALPHA_NOTE]: lines("Call with [[Alpha]] and [[Nobody Yet]].", "", "- [ ] Send the deck"),
    });
    const r = runWritingNothing(vault, ["regenerate", "--vault", vault, "--today", TODAY, "--json", "--dry-run"]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      pages: Array<{ path: string; changed: boolean; written: boolean }>;
      sources: Array<{ path: string; ticks: number; written: boolean }>;
      warnings: Array<{ file: string; message: string }>;
    };
    const pages = [...report.pages].sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(pages).toEqual([
      { path: ALPHA, changed: true, written: false },
      { path: BRAVO, changed: true, written: false },
    ]);
    expect(report.sources).toEqual([{ path: ALPHA_NOTE, ticks: 1, written: false }]);
    // The unresolved link is a warning that names the note.
    expect(report.warnings.some((w) => w.file === ALPHA_NOTE)).toBe(true);
    for (const w of report.warnings) expect(typeof w.message).toBe("string");
  });
});

describe("--json, for scripts", () => {
  it("the report's fields in each mode; --check --json still exits 1 for a stale page, and stdout is only the JSON", () => {
    for (const [flags, mode, status] of [
      [[], "write", 0],
      [["--dry-run"], "dry-run", 0],
      [["--check"], "check", 1],
      [["--check", "--dry-run"], "check", 1],
    ] as const) {
      const vault = makeVault({ ...twoCustomers(), [BRAVO]: BRAVO_DONE });
      const r = runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY, "--json", ...flags]);
      expect(r.status).toBe(status);
      expect(r.stderr).toBe("");
      const report = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(Object.keys(report)).toEqual(["vault", "today", "mode", "pages", "sources", "warnings"]);
      expect(report.vault).toBe(vault);
      expect(report.today).toBe(TODAY);
      expect(report.mode).toBe(mode);
      expect(report.pages).toEqual([
        { path: ALPHA, changed: true, written: mode === "write" },
        { path: BRAVO, changed: false, written: false },
      ]);
    }
  });

  it("a report that cannot be written (`> report.json` on a full disk) exits 3 with an error, not 1 as if a page would change", () => {
    const vault = makeVault({ ...twoCustomers(), [ALPHA]: ALPHA_DONE, [BRAVO]: BRAVO_DONE });
    // Linux's /dev/full refuses every write with ENOSPC, as a full disk does.
    const full = openSync("/dev/full", "w");
    try {
      for (const args of [["regenerate", "--vault", vault, "--today", TODAY, "--check", "--json"], ["links", "--vault", vault]]) {
        const r = spawnSync(process.execPath, [cli, ...args], { stdio: ["ignore", full, "pipe"], encoding: "utf8", timeout: 30_000 });
        expect(r.stderr).toBe("error: cannot write to stdout (ENOSPC); the output is incomplete\n");
        expect(r.status).toBe(3);
      }
    } finally {
      closeSync(full);
    }
  });

  it("links --json prints what links prints: the link graph is JSON anyway", () => {
    const vault = makeVault(twoCustomers());
    const plain = runCli(cli, ["links", "--vault", vault]);
    const json = runCli(cli, ["links", "--vault", vault, "--json"]);
    expect(json.status).toBe(0);
    expect(json.stdout).toBe(plain.stdout);
    expect(JSON.parse(json.stdout)).toEqual({
      [ALPHA]: {},
      [BRAVO]: {},
      [ALPHA_NOTE]: { [ALPHA]: 1 },
      [BRAVO_NOTE]: { [BRAVO]: 1 },
    });
  });
});

describe("--customer", () => {
  it("regenerates only that page; the other is untouched", () => {
    const vault = makeVault(twoCustomers());
    ageFiles(vault);
    const before = snapshot(vault);
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY, "--customer", "Alpha"]);
    expect(r.status).toBe(0);
    expect(read(vault, ALPHA)).toBe(ALPHA_DONE);
    const after = snapshot(vault);
    expect(changedPaths(before, after)).toEqual([ALPHA]);
    expect(touchedPaths(before, after)).toEqual([ALPHA]);
    expect(r.stdout).not.toContain(BRAVO);
  });

  it("finds the page by an alias too", () => {
    const vault = makeVault(twoCustomers());
    const before = snapshot(vault);
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY, "--customer", "AlphaCo"]);
    expect(r.status).toBe(0);
    expect(changedPaths(before, snapshot(vault))).toEqual([ALPHA]);
    expect(read(vault, ALPHA)).toBe(ALPHA_DONE);
  });

  it("finds the page by its frontmatter title, ignoring case", () => {
    const vault = makeVault({ ...twoCustomers(), [BRAVO]: lines("---", "type: customer", "title: Bravo Holdings Ltd", "---", "# Bravo") });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY, "--customer", "bravo holdings LTD", "--dry-run"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(lines(`would update ${BRAVO}`, "1 customer page(s): 1 would change, 0 unchanged; 0 warning(s)"));
  });

  it("finds the page by its vault path", () => {
    const vault = makeVault(twoCustomers());
    const before = snapshot(vault);
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY, "--customer", BRAVO]);
    expect(r.status).toBe(0);
    expect(changedPaths(before, snapshot(vault))).toEqual([BRAVO]);
    expect(read(vault, BRAVO)).toBe(BRAVO_DONE);
  });

  it("matches the name in either Unicode form, and the path with .md in any case", () => {
    // The page's name decomposed on disk (macOS), the argument typed composed, and back.
    const vault = makeVault({ "Customers/Cafe\u0301.md": "# Cafe\u0301\n", "Customers/Z\u00fcrich.md": "# Zurich\n", "Meetings/2025-06-01 Sync.md": "[[Cafe\u0301]] and [[Z\u00fcrich]]\n" });
    for (const [arg, page] of [
      ["Caf\u00e9", "Customers/Cafe\u0301.md"],
      ["Zu\u0308rich", "Customers/Z\u00fcrich.md"],
      ["Customers/Caf\u00e9.MD", "Customers/Cafe\u0301.md"],
    ]) {
      const r = runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY, "--customer", arg!, "--dry-run"]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`would update ${page}\n`);
      expect(r.stdout).toContain("1 customer page(s)");
    }
  });

  it("finds the page by a file path, ./ or absolute, as a shell completes it", () => {
    const vault = makeVault(twoCustomers());
    for (const arg of [`./${BRAVO}`, join(vault, BRAVO), `${vault}/./Customers/../${BRAVO}`]) {
      const r = runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY, "--customer", arg, "--dry-run"]);
      expect(r.errLines, arg).toEqual([]);
      expect(r.status, arg).toBe(0);
      expect(r.stdout, arg).toBe(lines(`would update ${BRAVO}`, "1 customer page(s): 1 would change, 0 unchanged; 0 warning(s)"));
    }
    // From a folder inside the vault, a relative path leads from there.
    const r = spawnSync(process.execPath, [cli, "regenerate", "--vault", vault, "--today", TODAY, "--customer", "./Alpha.md", "--dry-run"], { cwd: join(vault, "Customers"), encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(lines(`would update ${ALPHA}`, "1 customer page(s): 1 would change, 0 unchanged; 0 warning(s)"));
    // From there, a path that leads to no page (Customers/Customers/Bravo.md) is read from the vault.
    const fromVault = spawnSync(process.execPath, [cli, "regenerate", "--vault", vault, "--today", TODAY, "--customer", `./${BRAVO}`, "--dry-run"], { cwd: join(vault, "Customers"), encoding: "utf8" });
    expect(fromVault.stderr).toBe("");
    expect(fromVault.status).toBe(0);
    expect(fromVault.stdout).toBe(lines(`would update ${BRAVO}`, "1 customer page(s): 1 would change, 0 unchanged; 0 warning(s)"));
  });

  it("a path outside the vault exits 2 saying so, and writes nothing", () => {
    const vault = makeVault(twoCustomers());
    const other = makeVault(twoCustomers());
    for (const arg of [join(other, BRAVO), `../${BRAVO}`]) {
      const r = runWritingNothing(vault, ["regenerate", "--vault", vault, "--today", TODAY, "--customer", arg]);
      expect(r.status, arg).toBe(2);
      expect(r.errLines, arg).toEqual([`error: --customer ${arg} is a path outside the vault ${vault}`]);
    }
  });

  it("an unknown name exits 2 and writes nothing", () => {
    const vault = makeVault(twoCustomers());
    const r = runWritingNothing(vault, ["regenerate", "--vault", vault, "--today", TODAY, "--customer", "Charlie"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Charlie");
  });
});

describe("usage errors exit 2 and write nothing", () => {
  it.each([
    ["a --today that is not yyyy-MM-dd", ["--today", "01/08/2025"]],
    ["a --today that is no calendar date", ["--today", "2025-02-30"]],
    ["a --today without a value", ["--today"]],
    ["an unknown flag", ["--today", TODAY, "--frobnicate"]],
    ["--customer given twice (one page per run, or every page without it)", ["--today", TODAY, "--customer", "Alpha", "--customer", "Bravo"]],
    ["an empty --customer", ["--today", TODAY, "--customer", ""]],
    ["--json given twice", ["--today", TODAY, "--json", "--json"]],
    ["a value given to --dry-run", ["--today", TODAY, "--dry-run=1"]],
  ])("%s", (_name, extra) => {
    const vault = makeVault(twoCustomers());
    const r = runWritingNothing(vault, ["regenerate", "--vault", vault, ...extra]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toBe("");
    expect(r.stdout).toBe("");
  });

  it("a --today written yyyy-MM-dd that is no day says so", () => {
    const vault = makeVault(twoCustomers());
    expect(runWritingNothing(vault, ["regenerate", "--vault", vault, "--today", "2025-02-30"]).stderr).toBe("error: --today 2025-02-30 is no day of the calendar\n");
    expect(runWritingNothing(vault, ["regenerate", "--vault", vault, "--today", "01/08/2025"]).stderr).toBe("error: --today must be a date written yyyy-MM-dd, not 01/08/2025\n");
  });

  it("an empty --vault (`--vault \"$VAULT\"` with VAULT unset) is an error, not the example vault", () => {
    for (const args of [["--vault", ""], ["--vault="]]) {
      const r = runCli(cli, ["regenerate", ...args, "--check"]);
      expect(r.status).toBe(2);
      expect(r.errLines[0]).toBe("error: --vault needs a value");
      expect(r.stdout).toBe("");
    }
  });

  it("a value written after = (`--vault=DIR`) is read as the value after the flag", () => {
    const vault = makeVault(twoCustomers());
    const r = runWritingNothing(vault, ["regenerate", `--vault=${vault}`, `--today=${TODAY}`, "--customer=AlphaCo", "--dry-run"]);
    expect(r.status).toBe(0);
    // Both pages are stale: only Alpha, picked by its alias, is listed.
    expect(r.stdout).toBe(lines(`would update ${ALPHA}`, "1 customer page(s): 1 would change, 0 unchanged; 0 warning(s)"));
  });

  it("--help and -h print the usage on stderr and exit 0", () => {
    for (const flag of ["--help", "-h"]) {
      const r = runCli(cli, [flag]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe("");
      expect(r.errLines[0]).toBe("usage:");
      expect(r.stderr).toContain("  --customer NAME    one customer page, by name, path, title or alias\n");
      expect(r.stderr).toContain("  --help, -h         this text\n");
    }
  });

  it("the usage lists the flags of the README's table, in its order and with its value names", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const table = [...readme.matchAll(/^\| `(--[a-z-]+(?: [^`]+)?)` \|/gm)].map((m) => m[1]);
    expect(table).toEqual(["--vault DIR", "--customer NAME", "--dry-run", "--check", "--json", "--today yyyy-MM-dd", "--config FILE", "--config-dir NAME", "--cache FILE"]);
    // A flag's line: its name, its value's name (upper case, or the date's form), then its meaning.
    const usage = [...runCli(cli, ["--help"]).stderr.matchAll(/^ {2}(--[a-z-]+(?: [A-Z]+| yyyy-MM-dd)?)[ ,]/gm)].map((m) => m[1]);
    expect(usage).toEqual([...table, "--help"]);
  });

  it("links takes only --vault, --config, --config-dir and --cache", () => {
    const vault = makeVault(twoCustomers());
    for (const extra of [["--customer", "Alpha"], ["--dry-run"], ["--check"], ["--today", TODAY]]) {
      const r = runWritingNothing(vault, ["links", "--vault", vault, ...extra]);
      expect(r.status).toBe(2);
      expect(r.errLines[0]).toBe(`error: links takes only --vault, --config, --config-dir and --cache, not ${extra[0]}`);
    }
  });

  it("a missing vault folder", () => {
    const vault = makeVault(twoCustomers());
    const r = runCli(cli, ["regenerate", "--vault", join(vault, "no-such-folder"), "--today", TODAY]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toBe("");
    expect(r.stdout).toBe("");
  });

  it("a --vault that is a file, not a folder", () => {
    const vault = makeVault(twoCustomers());
    const r = runCli(cli, ["regenerate", "--vault", join(vault, ALPHA), "--today", TODAY]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
  });
});
