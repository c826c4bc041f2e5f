// Words from notes that are also members of every JavaScript object ("constructor", "toString",
// "__proto__") are plain words: a heading, a type or a date so named once crashed the whole run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, lines, makeVault, read, removeTemps, runCli } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

describe("words that name members of every JavaScript object", () => {
  it("are no category, kind or month: the run goes on and the page is what the contract says", () => {
    const vault = makeVault({
      "Customers/Echo.md": lines("---", "type: customer", "---", "# Echo"),
      "Meetings/2025-07-01 - Echo call.md": lines(
        "Call with [[Echo]].",
        "",
        "## Constructor",
        "",
        "- uses a factory",
        "- [ ] send the proposal",
        "",
        "**toString:**",
        "- [ ] check the quote",
        "",
        "> [!info] __proto__",
        "> - a quoted point",
      ),
      "Notes/Williams.md": lines("---", "type: constructor", "date: Constructor 5, 2025", "---", "Williams met [[Echo]]."),
    });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2025-08-01"]);
    expect(r.errLines).toEqual([]);
    expect(r.status).toBe(0);
    // By hand: the three headings name no category (§6), so only the tasks are harvested; Williams
    // has no kind word, so it is a note by its folder (§2) and, with no date (§4), comes last.
    expect(read(vault, "Customers/Echo.md")).toBe(
      lines(
        "---",
        "type: customer",
        "last_contact: 2025-07-01",
        "---",
        "# Echo",
        "",
        "## Recent Context",
        "",
        "- 2025-07-01: [[2025-07-01 - Echo call]] - Call with Echo.",
        "- unknown: [[Williams]] - Williams met Echo.",
        "",
        "## Open Tasks",
        "",
        "- [ ] send the proposal ([[2025-07-01 - Echo call]])",
        "- [ ] check the quote ([[2025-07-01 - Echo call]])",
        "",
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-07-01 |",
      ),
    );
  });
});
