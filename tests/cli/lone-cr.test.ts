// Notes and pages whose lines end in a lone CR (`\r` not before `\n`: classic Mac OS line ends, or a
// mix). CommonMark and Obsidian's editor (CodeMirror 6 splits at `\r\n`, `\r` and `\n`) read each as
// a line break, and so does a note's parse (B41-D; before, B40-C warned that such a note was read as
// fewer lines than it has); a tick is written into the note with its line ends as they are; a
// customer page is left as it is, with a warning: its sections are not placed in it (B40-C).
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
const FIX = "convert its line ends to LF (or CRLF)";
const CR_PAGE = `warning: ${PAGE}: not regenerated: some of its lines end in a lone CR (classic Mac OS line ends), and Customer Pages writes its sections only into a page whose lines end in LF or CRLF, so that none of your lines is misplaced; ${FIX}`;

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

describe("a customer page whose lines end in a lone CR", () => {
  const NOTE = lines("Call with [[Echo]].", "", "## Key Facts", "", "- Fact one", "- [ ] Task one");

  it.each([
    // Before: no frontmatter found (`---\r…` is one line), so a second one was added above it, and
    // every section again below the user's own Key Facts.
    ["all of them (classic Mac OS)", "---\rtype: customer\r---\r# Echo\r\rMy own notes.\r\r## Key Facts\r\r- old fact\r\r## Mine\r\rKeep me.\r"],
    // Before: `## Mine` after the lone CR ended Key Facts to Obsidian, not to the splice, which
    // replaced the body with `## Mine` and `Keep me.` in it: two lines of the user's lost.
    ["one of them, in a managed body", lines("---", "type: customer", "---", "# Echo", "", "## Key Facts", "", "- old fact\r## Mine", "", "Keep me.")],
  ])("%s: left as it is, byte for byte, with a warning naming it; a second run the same", (_name, text) => {
    const vault = makeVault({ [PAGE]: text, [CALL]: NOTE });
    for (const round of [1, 2]) {
      const before = snapshot(vault);
      const r = regenerate(vault);
      expect(r.status, `round ${round}`).toBe(0);
      expect(r.errLines).toEqual([CR_PAGE]);
      expect(read(vault, PAGE)).toBe(text);
      expect(changedPaths(before, snapshot(vault))).toEqual([]);
      // Counted as what it is, not as a page found up to date (B40-F: "1 unchanged" before).
      expect(r.stdout).toBe(`1 customer page(s): 0 updated, 1 not regenerated (lone CR line ends), 0 unchanged; 1 warning(s)\n`);
    }
    // Nothing would change: --check passes, and says why the page is as it is.
    const check = regenerate(vault, "--check");
    expect(check.status).toBe(0);
    expect(check.errLines).toEqual([CR_PAGE]);
    expect(check.stdout).toBe(`1 customer page(s): 0 would change, 1 not regenerated (lone CR line ends), 0 unchanged; 1 warning(s)\n`);
    // --json marks it so, beside changed and written false.
    const json = regenerate(vault, "--json");
    expect(json.status).toBe(0);
    expect((JSON.parse(json.stdout) as { pages: unknown[] }).pages).toEqual([{ path: PAGE, changed: false, written: false, leftAsIs: "lone CR" }]);
  });

  it("a box ticked on it is not written back: the page keeps it ticked, and each run would apply it again", () => {
    const page = lines("---", "type: customer", "---", "# Echo\rMy notes", "", "## Open Tasks", "", `- [x] Task one${SRC}`);
    const vault = makeVault({ [PAGE]: page, [CALL]: NOTE });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([
      `warning: ${PAGE}: 1 tick(s) not applied: the page cannot be written (some of its lines end in a lone CR), and each run would apply them again`,
      CR_PAGE,
    ]);
    expect(read(vault, CALL)).toBe(NOTE);
    expect(read(vault, PAGE)).toBe(page);
  });

  it.each([
    // Before (B41-E): read at LF only, the page held no ticked line: no tick warning at all.
    ["all of them (classic Mac OS)", `---\rtype: customer\r---\r# Echo\r\r## Open Tasks\r\r- [x] Task one${SRC}\r`, 1],
    // Before: the second box, after a lone CR, was part of the first line: "1 tick(s)".
    ["a ticked line after a lone CR", lines("---", "type: customer", "---", "# Echo", "", "## Open Tasks", "", `- [x] Task one${SRC}\r- [x] Task two${SRC}`), 2],
  ])("%s: every ticked line is counted in the warning, read line by line as a note is", (_name, page, n) => {
    const note = lines("Call with [[Echo]].", "", "## Open Tasks", "", "- [ ] Task one", "- [ ] Task two");
    const vault = makeVault({ [PAGE]: page, [CALL]: note });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([
      `warning: ${PAGE}: ${n} tick(s) not applied: the page cannot be written (some of its lines end in a lone CR), and each run would apply them again`,
      CR_PAGE,
    ]);
    expect(read(vault, CALL)).toBe(note);
    expect(read(vault, PAGE)).toBe(page);
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
