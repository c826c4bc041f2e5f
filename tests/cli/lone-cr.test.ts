// Notes and pages whose lines end in a lone CR (`\r` not before `\n`: classic Mac OS line ends, or a
// mix). CommonMark and Obsidian's editor (CodeMirror 6 splits at `\r\n`, `\r` and `\n`) read each as
// a line break; the scanner reads LF and CRLF only, so such a note is read as fewer lines than it
// has. A note says so in a warning naming it; the lines the scan joins are written on a page with a
// space, never a CR; a customer page is left as it is, with a warning: its sections cannot be
// placed safely (B40-C).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, changedPaths, crlf, lines, makeVault, read, removeTemps, runCli, snapshot, writeFiles } from "./cli-helpers";

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
const ALL_CR_NOTE = `warning: ${CALL}: its lines end in a lone CR (classic Mac OS line ends), which Customer Pages does not read as line breaks: the note is read as one line and gives no items or tasks; ${FIX}`;
const SOME_CR_NOTE = `warning: ${CALL}: some of its lines end in a lone CR (classic Mac OS line ends), which Customer Pages does not read as line breaks: each is read as part of the line above it, and items, tasks or headings there are missed; ${FIX}`;
const CR_PAGE = `warning: ${PAGE}: not regenerated: some of its lines end in a lone CR (classic Mac OS line ends), which Customer Pages does not read as line breaks, so its sections cannot be placed safely; ${FIX}`;

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
  it("all of them (classic Mac OS): one warning naming the note, which is read as one line; the note is untouched", () => {
    const note = "Call with [[Echo]].\r\r## Key Facts\r\r- Fact one\r- [ ] Task one\r";
    const vault = makeVault({ [PAGE]: EMPTY_PAGE, [CALL]: note });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([ALL_CR_NOTE]);
    expect(read(vault, CALL)).toBe(note);
    // Read as before: one paragraph, so no items and no tasks (no such section on the page), and
    // the link still relates it; that paragraph is its summary, the whole note on one line.
    const page = read(vault, PAGE);
    expect(page).toContain("\n- 2025-07-01: [[2025-07-01 - Echo call]] - Call with Echo. ## Key Facts - Fact one - [ ] Task one\n");
    expect(page).not.toMatch(/^## (?:Key Facts|Open Tasks)$/m);
    // The warning stays as long as the note does: said again by a run that changes nothing.
    const again = regenerate(vault);
    expect(again.errLines).toEqual([ALL_CR_NOTE]);
    expect(again.stdout).toContain("0 updated, 1 unchanged; 1 warning(s)");
  });

  it("a mix of LF and lone CR: a warning naming the note; the lines joined are one item, written with a space, never a CR, on the page", () => {
    const note = lines("Call with [[Echo]].", "", "## Key Facts", "", "- Fact one\r- Fact two", "- [ ] Task one\r- [ ] Task two");
    const vault = makeVault({ [PAGE]: EMPTY_PAGE, [CALL]: note });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([SOME_CR_NOTE]);
    expect(read(vault, CALL)).toBe(note);
    // By hand: each item is its line as the scan reads it, the lone CR the space that joins an
    // item's lines. Written with its CR, Obsidian shows two lines, the first a task with no source
    // link: ticked there, the line read back is the second task's, open, and the tick is lost.
    const page = read(vault, PAGE);
    expect(page).toBe(
      echoPage("- 2025-07-01: [[2025-07-01 - Echo call]] - Call with Echo.", [
        ["Key Facts", [`- Fact one - Fact two${SRC}`]],
        ["Open Tasks", [`- [ ] Task one - [ ] Task two${SRC}`]],
      ]),
    );
    expect(page).not.toContain("\r");
    const before = snapshot(vault);
    const again = regenerate(vault);
    expect(again.errLines).toEqual([SOME_CR_NOTE]);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
  });

  it("ticking that joined line on the page closes the task the scan read, the first box", () => {
    const note = lines("Call with [[Echo]].", "", "- [ ] Task one\r- [ ] Task two");
    const vault = makeVault({ [PAGE]: EMPTY_PAGE, [CALL]: note });
    regenerate(vault);
    const page = read(vault, PAGE);
    expect(page).toContain(`\n- [ ] Task one - [ ] Task two${SRC}\n`);
    writeFiles(vault, { [PAGE]: page.replace(`- [ ] Task one - [ ] Task two${SRC}`, `- [x] Task one - [ ] Task two${SRC}`) });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([SOME_CR_NOTE]);
    expect(read(vault, CALL)).toBe(lines("Call with [[Echo]].", "", "- [x] Task one\r- [ ] Task two"));
    expect(read(vault, PAGE)).not.toContain("Task one");
  });

  it("CRLF line ends give no warning and every item", () => {
    const note = crlf(lines("Call with [[Echo]].", "", "## Key Facts", "", "- Fact one", "- [ ] Task one"));
    const vault = makeVault({ [PAGE]: EMPTY_PAGE, [CALL]: note });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([]);
    expect(read(vault, PAGE)).toBe(
      echoPage("- 2025-07-01: [[2025-07-01 - Echo call]] - Call with Echo.", [
        ["Key Facts", [`- Fact one${SRC}`]],
        ["Open Tasks", [`- [ ] Task one${SRC}`]],
      ]),
    );
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
