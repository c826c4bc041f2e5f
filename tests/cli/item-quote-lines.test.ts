// B33-C: in a quote inside a list item, a line four columns past the `>` right after the quote's
// paragraph is a line of that paragraph (CommonMark: indented code cannot interrupt a paragraph),
// not code: its link relates the note, end to end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ageFiles, buildCli, changedPaths, lines, makeVault, read, removeTemps, runCli, snapshot } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const PAGE = "Customers/Acme.md";
const CALL = "Meetings/2025-11-02 - Call.md";

describe("a link on a line four columns past the `>` of a quote inside a list item", () => {
  it("relates the note to the customer: its line in Recent Context, its open task harvested; a second run changes nothing", () => {
    const vault = makeVault({
      [PAGE]: lines("---", "type: customer", "---", "# Acme"),
      // The note's only link to Acme is on that line.
      [CALL]: lines("- Call with Tom", "  > He asked about the renewal,", "  >     see [[Acme]] for the numbers", "", "- [ ] Send the plan"),
    });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([]);
    // By hand: the note has no top-level paragraph (no summary after its link); its task is open.
    expect(read(vault, PAGE)).toBe(
      lines(
        "---",
        "type: customer",
        "last_contact: 2025-11-02",
        "---",
        "# Acme",
        "",
        "## Recent Context",
        "",
        "- 2025-11-02: [[2025-11-02 - Call]]",
        "",
        "## Open Tasks",
        "",
        "- [ ] Send the plan ([[2025-11-02 - Call]])",
        "",
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-11-02 |",
      ),
    );
    ageFiles(vault);
    const before = snapshot(vault);
    const again = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(again.status).toBe(0);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
  });
});
