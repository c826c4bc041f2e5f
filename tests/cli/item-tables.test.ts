// B33-G: a GFM table inside a list item (its header row and delimiter row interrupt the item's
// paragraph, GFM) ends the item's text: the rows are no part of an Open Tasks line. End to end, with
// a page an earlier build wrote (the rows in the task's text) ticked by the user.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ageFiles, buildCli, changedPaths, lines, makeVault, read, removeTemps, runCli, snapshot } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const PAGE = "Customers/Acme.md";
const NOTE = "Meetings/m.md";
const NOTE_TEXT = lines("Met with [[Acme]]:", "| a | b |", "|---|---|", "| c | d |", "", "- [ ] Send quote", "  | a | b |", "  |---|---|", "  | c | d |");

/** The page, by hand: the summary stops at the table under the note's first line; the task's text is its first line. */
const page = (openTasks: string): string =>
  lines(
    "---",
    "type: customer",
    "last_contact: unknown",
    "---",
    "# Acme",
    "",
    "## Recent Context",
    "",
    "- unknown: [[m]] - Met with Acme:",
    "",
    "## Open Tasks",
    "",
    openTasks,
    "",
    "## Account Status",
    "",
    "| Field | Value |",
    "|-------|-------|",
    "| **Last contact** | unknown |",
  );

describe("a table in a list item", () => {
  it("is no part of the task's text on the page: `- [ ] Send quote ([[m]])`; a second run changes nothing", () => {
    const vault = makeVault({ [PAGE]: lines("---", "type: customer", "---", "# Acme"), [NOTE]: NOTE_TEXT });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([]);
    expect(read(vault, PAGE)).toBe(page("- [ ] Send quote ([[m]])"));
    ageFiles(vault);
    const before = snapshot(vault);
    const again = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(again.status).toBe(0);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
  });

  it("a line an earlier build wrote with the rows in the text: untouched it is replaced; ticked, the tick is dropped with a warning naming the line, and the note is left as it was", () => {
    const old = "- [ ] Send quote | a | b | |---|---| | c | d | ([[m]])";
    const untouched = makeVault({ [PAGE]: page(old), [NOTE]: NOTE_TEXT });
    const r = runCli(cli, ["regenerate", "--vault", untouched, "--today", "2026-01-15"]);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([]);
    expect(read(untouched, PAGE)).toBe(page("- [ ] Send quote ([[m]])"));

    const ticked = makeVault({ [PAGE]: page(old.replace("- [ ]", "- [x]")), [NOTE]: NOTE_TEXT });
    const t = runCli(cli, ["regenerate", "--vault", ticked, "--today", "2026-01-15"]);
    expect(t.status).toBe(0);
    expect(t.warnings).toEqual([`warning: ${PAGE}: tick dropped, no open task matches it: - [x] Send quote | a | b | |---|---| | c | d | ([[m]])`]);
    expect(read(ticked, NOTE)).toBe(NOTE_TEXT);
    expect(read(ticked, PAGE)).toBe(page("- [ ] Send quote ([[m]])"));
  });
});
