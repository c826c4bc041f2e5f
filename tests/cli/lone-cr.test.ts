// Notes and pages whose lines end in a lone CR (`\r` not before `\n`: classic Mac OS line ends, or a
// mix). CommonMark and Obsidian's editor (CodeMirror 6 splits at `\r\n`, `\r` and `\n`) read each as
// a line break, and so does a note's parse (B41-D; before, B40-C warned that such a note was read as
// fewer lines than it has); a tick is written into the note with its line ends as they are; a
// customer page is regenerated as Obsidian shows it, each of its lines kept with its own line end
// (B42-D; B40-C left it as it was, with a warning).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { ageFiles, buildCli, changedPaths, crlf, lines, makeVault, read, removeTemps, runCli, snapshot, tempDir, writeFiles } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const TODAY = "2025-08-01";
const PAGE = "Customers/Echo.md";
const CALL = "Meetings/2025-07-01 - Echo call.md";
const SRC = " ([[2025-07-01 - Echo call]])";

function regenerate(vault: string, ...extra: string[]) {
  return runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY, ...extra]);
}

const EMPTY_PAGE = lines("---", "type: customer", "---", "# Echo");

/** The page for Echo with these body lines under their headings (Recent Context, Account Status always). */
function echoPage(recent: string, sections: Array<[string, string[]]> = []): string {
  const out = ["---", "type: customer", "last_contact: 2025-07-01", "---", "# Echo", "", "## Recent Context", "", recent, ""];
  for (const [name, body] of sections) out.push(`## ${name}`, "", ...body, "");
  out.push("## Account Status", "", "| Field | Value |", "|-------|-------|", "| **Last contact** | 2025-07-01 |");
  return lines(...out);
}

describe("a meeting note whose lines end in a lone CR", () => {
  const PAGE_WITH = (facts: string[], tasks: string[]): string =>
    echoPage("- 2025-07-01: [[2025-07-01 - Echo call]] - Call with Echo.", [
      ["Key Facts", facts.map((f) => `- ${f}${SRC}`)],
      ["Open Tasks", tasks.map((t) => `- [ ] ${t}${SRC}`)],
    ]);

  it("all of them (classic Mac OS): read line by line, as Obsidian shows it, with no warning; the note is untouched", () => {
    const note = "Call with [[Echo]].\r\r## Key Facts\r\r- Fact one\r- [ ] Task one\r";
    const vault = makeVault({ [PAGE]: EMPTY_PAGE, [CALL]: note });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([]);
    expect(read(vault, CALL)).toBe(note);
    // Before (B40-C): one paragraph to the scan — no items, the whole note the summary, a warning.
    expect(read(vault, PAGE)).toBe(PAGE_WITH(["Fact one"], ["Task one"]));
    const before = snapshot(vault);
    const again = regenerate(vault);
    expect(again.errLines).toEqual([]);
    expect(again.stdout).toBe("1 customer page(s): 0 updated, 1 unchanged; 0 warning(s)\n");
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
  });

  it("a mix of LF and lone CR: every line its own, as in a CRLF note; no CR on the page", () => {
    const note = lines("Call with [[Echo]].", "", "## Key Facts", "", "- Fact one\r- Fact two", "- [ ] Task one\r- [ ] Task two");
    const vault = makeVault({ [PAGE]: EMPTY_PAGE, [CALL]: note });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([]);
    expect(read(vault, CALL)).toBe(note);
    // Before (B40-C): `- Fact one - Fact two` and `- [ ] Task one - [ ] Task two`, one item each.
    const page = read(vault, PAGE);
    expect(page).toBe(PAGE_WITH(["Fact one", "Fact two"], ["Task one", "Task two"]));
    expect(page).not.toContain("\r");
  });

  it.each([
    ["a mix", lines("Call with [[Echo]].", "", "- [ ] Task one\r- [ ] Task two"), lines("Call with [[Echo]].", "", "- [ ] Task one\r- [x] Task two")],
    ["all of them", "Call with [[Echo]].\r\r- [ ] Task one\r- [ ] Task two\r", "Call with [[Echo]].\r\r- [ ] Task one\r- [x] Task two\r"],
  ])("%s: a tick on the page closes that task's box in the note, and every line end stays as it was", (_name, note, ticked) => {
    const vault = makeVault({ [PAGE]: EMPTY_PAGE, [CALL]: note });
    regenerate(vault);
    const page = read(vault, PAGE);
    expect(page).toContain(`\n- [ ] Task one${SRC}\n- [ ] Task two${SRC}\n`);
    writeFiles(vault, { [PAGE]: page.replace(`- [ ] Task two${SRC}`, `- [x] Task two${SRC}`) });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([]);
    expect(read(vault, CALL)).toBe(ticked);
    expect(read(vault, PAGE)).toContain(`\n- [ ] Task one${SRC}\n\n`);
    expect(read(vault, PAGE)).not.toContain("Task two");
  });

  it("a closed task on a line identical to the ticked one, a lone CR apart: left to the user, as with LF (B29-A)", () => {
    const note = "Call with [[Echo]].\r\r- [x] Task one\r- [ ] Task one\r";
    const vault = makeVault({ [PAGE]: EMPTY_PAGE, [CALL]: note });
    regenerate(vault);
    const page = read(vault, PAGE);
    expect(page).toContain(`\n- [ ] Task one${SRC}\n`);
    writeFiles(vault, { [PAGE]: page.replace(`- [ ] Task one${SRC}`, `- [x] Task one${SRC}`) });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([
      `warning: ${PAGE}: tick not written back: ${CALL} holds this task on identical lines, one closed [x] already; the tick may be the one written there before (from another page, or by a run that could not write this page), so which line it means is unknown: tick it in the note: - [x] Task one${SRC}`,
    ]);
    expect(read(vault, CALL)).toBe(note);
  });

  it("a second run that takes the notes from the --cache file reads them as the first did, and the page is the same (B41-A, B41-D)", () => {
    // The cache carries what the note's parse found: a run from it must give the page the first run
    // gave, the lone-CR notes' lines each its own (before B41-D, the cache carried their warning).
    const mac = "Meetings/2025-07-02 - Echo call.md";
    const vault = makeVault({
      [PAGE]: EMPTY_PAGE,
      [CALL]: lines("Call with [[Echo]].", "", "## Key Facts", "", "- Fact one\r- Fact two"),
      [mac]: "Call with [[Echo]].\r\r## Key Facts\r\r- Fact three\r",
    });
    // A note written within 3 s of a run is read again rather than taken from the cache.
    ageFiles(vault);
    const cache = join(tempDir(), "cache.json");
    const first = regenerate(vault, "--cache", cache);
    expect(first.status).toBe(0);
    expect(first.errLines).toEqual([]);
    expect(first.stdout).toBe(`updated ${PAGE}\n1 customer page(s): 1 updated, 0 unchanged; 0 warning(s)\n`);
    const page = read(vault, PAGE);
    // By hand: the newer call first, then the older one's two facts (§6: newest source first).
    expect(page).toContain("\n## Key Facts\n\n- Fact three ([[2025-07-02 - Echo call]])\n- Fact one" + SRC + "\n- Fact two" + SRC + "\n");
    const again = regenerate(vault, "--cache", cache);
    expect(again.status).toBe(0);
    expect(again.errLines).toEqual([]);
    expect(again.stdout).toBe("1 customer page(s): 0 updated, 1 unchanged; 0 warning(s)\n");
    expect(read(vault, PAGE)).toBe(page);
  });

  it("CRLF line ends give no warning and every item", () => {
    const note = crlf(lines("Call with [[Echo]].", "", "## Key Facts", "", "- Fact one", "- [ ] Task one"));
    const vault = makeVault({ [PAGE]: EMPTY_PAGE, [CALL]: note });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([]);
    expect(read(vault, PAGE)).toBe(PAGE_WITH(["Fact one"], ["Task one"]));
  });
});

describe("a customer page whose lines end in a lone CR: regenerated as Obsidian shows it, each of its lines kept with its own line end (B42-D)", () => {
  const NOTE = lines("Call with [[Echo]].", "", "## Key Facts", "", "- Fact one", "- [ ] Task one");
  /** Lines each ended by a lone CR, as a classic Mac OS editor saves them. */
  const cr = (...ls: string[]): string => ls.join("\r") + "\r";
  const RECENT = "- 2025-07-01: [[2025-07-01 - Echo call]] - Call with Echo.";
  const STATUS = ["| Field | Value |", "|-------|-------|", "| **Last contact** | 2025-07-01 |"];

  it.each([
    // Before (B40-C, B40-F): left as it was, "not regenerated: some of its lines end in a lone CR …",
    // counted "1 not regenerated (lone CR line ends)".
    [
      // Every line written ends in a CR too: the page's first line break decides.
      "all of them (classic Mac OS)",
      cr("---", "type: customer", "---", "# Echo", "", "My own notes.", "", "## Key Facts", "", "- old fact", "", "## Mine", "", "Keep me."),
      cr(
        "---", "type: customer", "last_contact: 2025-07-01", "---", "# Echo", "", "My own notes.", "",
        "## Recent Context", "", RECENT, "",
        "## Key Facts", "", `- Fact one${SRC}`, "",
        "## Open Tasks", "", `- [ ] Task one${SRC}`, "",
        "## Account Status", "", ...STATUS, "",
        "## Mine", "", "Keep me.",
      ),
    ],
    [
      // LF by its first line. `My notes`, `from the old Mac`, `## Key Facts` and `Keep me.` end in
      // a lone CR and keep it; `## Key Facts` is a heading, as Obsidian shows it, and so is `## Mine`
      // after `- old fact` (before B40-C the body was replaced up to the end, `## Mine` in it). A
      // blank line written right below a line ending in a lone CR is a CR: a LF after that CR would
      // make the two one CRLF line break.
      "a mix of LF and lone CR",
      "---\ntype: customer\n---\n# Echo\n\nMy notes\rfrom the old Mac\r\r## Key Facts\r- old fact\r## Mine\n\nKeep me.\r",
      "---\ntype: customer\nlast_contact: 2025-07-01\n---\n# Echo\n\nMy notes\rfrom the old Mac\r" +
        `\r## Recent Context\n\n${RECENT}\n\n` +
        `## Key Facts\r\r- Fact one${SRC}\n\n` +
        `## Open Tasks\n\n- [ ] Task one${SRC}\n\n` +
        `## Account Status\n\n${STATUS.join("\n")}\n\n` +
        "## Mine\n\nKeep me.\r",
    ],
  ])("%s: regenerated, with no warning, the whole page by hand; a second run changes nothing", (_name, text, want) => {
    const vault = makeVault({ [PAGE]: text, [CALL]: NOTE });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([]);
    expect(r.stdout).toBe(`updated ${PAGE}\n1 customer page(s): 1 updated, 0 unchanged; 0 warning(s)\n`);
    expect(read(vault, PAGE)).toBe(want);
    expect(read(vault, CALL)).toBe(NOTE);
    const before = snapshot(vault);
    const again = regenerate(vault);
    expect(again.errLines).toEqual([]);
    expect(again.stdout).toBe("1 customer page(s): 0 updated, 1 unchanged; 0 warning(s)\n");
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
    const check = regenerate(vault, "--check");
    expect(check.status).toBe(0);
    expect(check.stdout).toBe("1 customer page(s): 0 would change, 1 unchanged; 0 warning(s)\n");
    const json = regenerate(vault, "--json");
    expect((JSON.parse(json.stdout) as { pages: unknown[] }).pages).toEqual([{ path: PAGE, changed: false, written: false }]);
  });

  const TASKS = lines("Call with [[Echo]].", "", "## Open Tasks", "", "- [ ] Task one", "- [ ] Task two");

  it("all of them (classic Mac OS): a box ticked on it is written back, and the page regenerated in CRs", () => {
    // Before: "1 tick(s) not applied: the page cannot be written (some of its lines end in a lone CR) …".
    const page = cr("---", "type: customer", "---", "# Echo", "", "## Open Tasks", "", `- [x] Task one${SRC}`);
    const vault = makeVault({ [PAGE]: page, [CALL]: TASKS });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([]);
    expect(read(vault, CALL)).toBe(lines("Call with [[Echo]].", "", "## Open Tasks", "", "- [x] Task one", "- [ ] Task two"));
    expect(read(vault, PAGE)).toBe(
      cr("---", "type: customer", "last_contact: 2025-07-01", "---", "# Echo", "", "## Recent Context", "", RECENT, "", "## Open Tasks", "", `- [ ] Task two${SRC}`, "", "## Account Status", "", ...STATUS),
    );
  });

  it("a ticked line after a lone CR is a tick of its own: both written back", () => {
    // Before (B41-E): both counted in "2 tick(s) not applied …", neither written.
    const page = lines("---", "type: customer", "---", "# Echo", "", "## Open Tasks", "", `- [x] Task one${SRC}\r- [x] Task two${SRC}`);
    const vault = makeVault({ [PAGE]: page, [CALL]: TASKS });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([]);
    expect(read(vault, CALL)).toBe(lines("Call with [[Echo]].", "", "## Open Tasks", "", "- [x] Task one", "- [x] Task two"));
    // Both tasks closed: Open Tasks is left with its heading, as on any page.
    expect(read(vault, PAGE)).toBe(
      lines("---", "type: customer", "last_contact: 2025-07-01", "---", "# Echo", "", "## Recent Context", "", RECENT, "", "## Open Tasks", "", "## Account Status", "", ...STATUS),
    );
  });

  it("CRLF line ends: regenerated, in CRLF, with no warning", () => {
    const vault = makeVault({ [PAGE]: crlf(EMPTY_PAGE), [CALL]: NOTE });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([]);
    expect(read(vault, PAGE)).toBe(
      crlf(
        echoPage("- 2025-07-01: [[2025-07-01 - Echo call]] - Call with Echo.", [
          ["Key Facts", [`- Fact one${SRC}`]],
          ["Open Tasks", [`- [ ] Task one${SRC}`]],
        ]),
      ),
    );
  });
});
