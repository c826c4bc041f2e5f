// B31-A: a customer page whose hand-written text holds markdown links wrapped over a line break, and
// a meeting whose summary and tasks hold them, through the CLI: regenerate, tick, regenerate again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ageFiles, buildCli, changedPaths, lines, makeVault, read, removeTemps, runCli, snapshot, touchedPaths, writeFiles } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const PAGE = "Customers/Acme.md";
const CALL = "Meetings/2025-11-02 - Call.md";
const SRC = "([[2025-11-02 - Call]])";

function regenerate(vault: string) {
  return runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
}

/** The user's lines: wrapped links, one into a line four columns in (a link), two across blocks (none). */
const PREAMBLE = ["Renewal is due; see [the", "call notes](<../Meetings/2025-11-02 - Call.md>) first."];
const MY_NOTES = [
  "## My notes",
  "",
  "Call [the",
  "client](Acme.md) back, and check [the",
  "    - quote](Quote.md) we sent.",
  "- [ ] mine, not [a",
  "- [ ] task](Nowhere.md)",
];

function call(tick: string): string {
  return lines(
    "---",
    "type: meeting",
    "---",
    "Call with [the",
    "client](../Customers/Acme.md) about the renewal.",
    "",
    "## Action Items",
    "",
    `- [${tick}] Send [the`,
    "  client](../Customers/Acme.md) the quote",
    "- [ ] Book [the demo",
    "- [ ] with](Acme.md) legal",
  );
}

/** The page as regenerated, with the first Open Tasks line as given. */
function regenerated(firstTask: string | null): string {
  return lines(
    "---",
    "type: customer",
    "last_contact: 2025-11-02",
    "---",
    "# Acme",
    "",
    ...PREAMBLE,
    "",
    "## Recent Context",
    "",
    // The summary shows a link's text, its line break collapsed.
    "- 2025-11-02: [[2025-11-02 - Call]] - Call with the client about the renewal.",
    "",
    // Inserted after Recent Context, the nearest earlier managed section, before the user's section.
    "## Open Tasks",
    "",
    // The item's continuation line joins its first line: the link is one line on the page, as written.
    ...(firstTask === null ? [] : [firstTask]),
    // Two tasks each holding half a "link": two plain tasks, and on the page no link either.
    `- [ ] Book [the demo ${SRC}`,
    `- [ ] with](Acme.md) legal ${SRC}`,
    "",
    "## Account Status",
    "",
    "| Field | Value |",
    "|-------|-------|",
    "| **Last contact** | 2025-11-02 |",
    "",
    ...MY_NOTES,
  );
}

describe("markdown links wrapped over a line break, on a page and in its source (B31-A)", () => {
  it("the user's lines are kept byte for byte, a tick on a task holding one goes back to its source, a third run changes nothing", () => {
    const vault = makeVault({
      [PAGE]: lines("---", "type: customer", "---", "# Acme", "", ...PREAMBLE, "", "## Recent Context", "", "- stale", "", ...MY_NOTES),
      [CALL]: call(" "),
    });
    const r1 = regenerate(vault);
    expect(r1.status).toBe(0);
    // `[the` / `    - quote](Quote.md)` is a link (the line is four columns in: no item), unresolved;
    // `[a` / `- [ ] task](Nowhere.md)` and the meeting's `[the demo` / `- [ ] with](Acme.md)` are none.
    expect(r1.warnings).toEqual([`warning: ${PAGE}: unresolved link [the - quote](Quote.md)`]);
    expect(read(vault, PAGE)).toBe(regenerated(`- [ ] Send [the client](../Customers/Acme.md) the quote ${SRC}`));

    // The user ticks the task on the page: only its box in the meeting changes, the page drops it.
    const ticked = read(vault, PAGE).replace("- [ ] Send [the client]", "- [x] Send [the client]");
    writeFiles(vault, { [PAGE]: ticked });
    const r2 = regenerate(vault);
    expect(r2.status).toBe(0);
    expect(r2.warnings).toEqual([`warning: ${PAGE}: unresolved link [the - quote](Quote.md)`]);
    expect(read(vault, CALL)).toBe(call("x"));
    expect(read(vault, PAGE)).toBe(regenerated(null));

    ageFiles(vault);
    const before = snapshot(vault);
    expect(regenerate(vault).status).toBe(0);
    const after = snapshot(vault);
    expect(changedPaths(before, after)).toEqual([]);
    expect(touchedPaths(before, after)).toEqual([]);
  });
});

describe("a wrapped link's text over a GFM table the scanner keeps no record of (B33-B)", () => {
  it("a table whose header interrupts a paragraph, or in a list item or a quote, ends the text: no link, no warning; the notes are kept byte for byte", () => {
    const review = lines(
      "---",
      "type: meeting",
      "---",
      "Review with [the",
      "Item | Owner",
      "-----|------",
      "client](Globex.md) | Jo",
      "",
      "- Owners:",
      "",
      "  Item | Owner",
      "  -----|------",
      "  Send [the | Jo",
      "  quote](Initech.md) | Al",
      "",
      "> Item | Owner",
      "> -----|------",
      "> Book [the | Jo",
      "> demo](Umbrella.md) | Al",
      "",
      // A real link wrapped in a paragraph below the table: still read (and unresolved).
      "See [the",
      "notes](Hooli.md) too.",
    );
    const page = lines("---", "type: customer", "---", "# Acme", "", "Notes.");
    const vault = makeVault({ [PAGE]: page, "Meetings/2025-11-03 - Review.md": review });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.warnings).toEqual(["warning: Meetings/2025-11-03 - Review.md: unresolved link [the notes](Hooli.md)"]);
    expect(read(vault, "Meetings/2025-11-03 - Review.md")).toBe(review);
  });
});
