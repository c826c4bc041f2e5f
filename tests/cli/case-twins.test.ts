// Two notes whose paths differ only in case or Unicode form (`Meetings/Sync.md` and
// `meetings/sync.md`, `Café.md` composed and decomposed: a Linux file system keeps both) are
// one note to §3's comparisons, which ignore case. The run warns on each of them, naming the
// other; a link opens the one it spells exactly, so the page's links, and ticks written back
// through them, reach the note they are for — whatever order the files are read in.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, lines, makeVault, read, removeTemps, runCli } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const TODAY = "2025-12-01";
const PAGE = "Customers/Acme.md";
const UPPER = "Meetings/Sync.md";
const LOWER = "meetings/sync.md";

const meeting = (date: string, summary: string, task: string, box = " ") =>
  lines("---", `date: ${date}`, "---", `${summary} with [[Acme]].`, "", `- [${box}] ${task}`);

function twins(): Record<string, string> {
  return {
    [PAGE]: lines("---", "type: customer", "---", "# Acme"),
    [UPPER]: meeting("2025-11-02", "Upper-case sync", "send the deck"),
    [LOWER]: meeting("2025-11-01", "Lower-case sync", "call back"),
    "Notes/Plan.md": lines("See [[Sync]], [[sync]] and [[/meetings/sync]]."),
  };
}

describe("notes whose paths differ only in case", () => {
  it("a warning on each names the other; the page links each by its own path; a second run changes nothing", () => {
    const vault = makeVault(twins());
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY]);
    expect(r.status).toBe(0);
    expect(r.warnings).toEqual([
      `warning: ${UPPER}: path differs from ${LOWER} only in case: a link to either is ambiguous (Obsidian may open the other; here it opens the one it spells exactly, case included); rename one`,
      `warning: ${LOWER}: path differs from ${UPPER} only in case: a link to either is ambiguous (Obsidian may open the other; here it opens the one it spells exactly, case included); rename one`,
    ]);
    const page = read(vault, PAGE);
    expect(page).toContain("- 2025-11-02: [[Meetings/Sync]] - Upper-case sync with Acme.\n- 2025-11-01: [[meetings/sync]] - Lower-case sync with Acme.\n");
    expect(page).toContain("- [ ] send the deck ([[Meetings/Sync]])\n- [ ] call back ([[meetings/sync]])\n");
    const again = runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY]);
    expect(again.stdout).not.toMatch(/^updated /m);
    expect(again.warnings).toEqual(r.warnings);
    expect(read(vault, PAGE)).toBe(page);
  });

  it("`links` opens the one each link spells exactly", () => {
    const vault = makeVault(twins());
    const r = runCli(cli, ["links", "--vault", vault]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)["Notes/Plan.md"]).toEqual({ [UPPER]: 1, [LOWER]: 2 });
    expect(r.warnings).toHaveLength(2);
  });

  it("a tick on the page closes the task in the note its source link names, not in its twin", () => {
    const vault = makeVault(twins());
    runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY]);
    const page = read(vault, PAGE);
    // The page ticked by hand, on the task from the lower-case note.
    const ticked = page.replace("- [ ] call back ([[meetings/sync]])", "- [x] call back ([[meetings/sync]])");
    expect(ticked).not.toBe(page);
    writeFileSync(join(vault, PAGE), ticked);
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`ticked 1 task(s) in ${LOWER}`);
    expect(read(vault, LOWER)).toBe(meeting("2025-11-01", "Lower-case sync", "call back", "x"));
    expect(read(vault, UPPER)).toBe(twins()[UPPER]);
  });
});

describe("notes whose names differ only in Unicode form", () => {
  const NFC = "Meetings/Caf\u00e9 sync.md";
  const NFD = "Meetings/Cafe\u0301 sync.md";

  it("a warning on each says which is decomposed; each link opens the one it spells, form included", () => {
    const vault = makeVault({
      [PAGE]: lines("---", "type: customer", "---", "# Acme"),
      [NFC]: meeting("2025-11-02", "Composed", "send the deck"),
      [NFD]: meeting("2025-11-01", "Decomposed", "call back"),
      "Notes/Plan.md": lines("See [[Caf\u00e9 sync]] and [[Cafe\u0301 sync]] and [[Cafe\u0301 sync]]."),
    });
    const r = runCli(cli, ["links", "--vault", vault]);
    expect(r.warnings).toEqual([
      `warning: ${NFD}: path differs from ${NFC} only in Unicode form (this one decomposed, not NFC: the names look alike): a link to either is ambiguous (here it opens the one it spells exactly, in the same form); rename one`,
      `warning: ${NFC}: path differs from ${NFD} only in Unicode form (this one composed, NFC: the names look alike): a link to either is ambiguous (here it opens the one it spells exactly, in the same form); rename one`,
    ]);
    expect(JSON.parse(r.stdout)["Notes/Plan.md"]).toEqual({ [NFC]: 1, [NFD]: 2 });
    const run = runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY]);
    expect(run.status).toBe(0);
    const page = read(vault, PAGE);
    expect(page).toContain(`- 2025-11-02: [[Meetings/Caf\u00e9 sync]] - Composed with Acme.\n- 2025-11-01: [[Meetings/Cafe\u0301 sync]] - Decomposed with Acme.\n`);
  });
});

describe("--customer among customer pages whose paths differ only in case or Unicode form", () => {
  const page = (title: string) => lines("---", "type: customer", "---", `# ${title}`);
  const vault = () =>
    makeVault({
      "Customers/Acme.md": page("Acme"),
      "Customers/acme.md": page("acme"),
      "Customers/Caf\u00e9.md": page("Café composed"),
      "Customers/Cafe\u0301.md": page("Café decomposed"),
      "Meetings/2025-11-01 Call.md": lines("Call with [[Customers/Acme]], [[Customers/acme]], [[Customers/Caf\u00e9]] and [[Customers/Cafe\u0301]]."),
    });
  const updated = (stdout: string) => stdout.split("\n").filter((l) => l.startsWith("would update ")).map((l) => l.slice("would update ".length));

  it("the page spelled exactly is the one regenerated; a spelling that is neither picks both", () => {
    const v = vault();
    const run = (name: string) => runCli(cli, ["regenerate", "--vault", v, "--today", TODAY, "--dry-run", "--customer", name]);
    expect(updated(run("Customers/acme.md").stdout)).toEqual(["Customers/acme.md"]);
    expect(updated(run("Acme").stdout)).toEqual(["Customers/Acme.md"]);
    expect(updated(run("ACME").stdout)).toEqual(["Customers/Acme.md", "Customers/acme.md"]);
    expect(updated(run("Cafe\u0301").stdout)).toEqual(["Customers/Cafe\u0301.md"]);
    expect(updated(run("Caf\u00e9").stdout)).toEqual(["Customers/Caf\u00e9.md"]);
    expect(updated(run("CAF\u00c9").stdout).sort()).toEqual(["Customers/Caf\u00e9.md", "Customers/Cafe\u0301.md"].sort());
  });
});
