// §1: math is a `$$…$$` pair; only an unclosed fence, `%%` or `<!--` runs to the end of the file.
// A `$$` with no closer ("Deal size: $$$", "costs $$ more") is text, in notes and on pages alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ageFiles, buildCli, changedPaths, lines, makeVault, read, removeTemps, runCli, snapshot } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const PAGE = "Customers/Acme.md";
const PILOT = "Meetings/2025-11-02 - Pilot.md";

describe("a $$ that nothing closes", () => {
  it("in a note, hides nothing below it; on a page, stops no section; the page's copy is escaped and a second run is idle", () => {
    const note = lines("Call with [[Acme]].", "", "## Key Facts", "- Pilot costs $$ more than planned", "- They run 3 data centers", "", "- [ ] Send the pilot plan");
    const vault = makeVault({
      [PAGE]: lines("---", "type: customer", "---", "# Acme", "", "Deal size: $$$", "", "## Recent Context", "", "## Key Facts", "", "## Notes", "", "mine"),
      [PILOT]: note,
    });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.errLines).toEqual([]);
    expect(r.status).toBe(0);
    // By hand: both facts and the task are harvested; the fact's `$$` gets a backslash (README:
    // copied text never changes the page's structure) — unescaped it would pair with "$$$" above
    // and hide the headings between; Open Tasks and Account Status are added before Notes.
    expect(read(vault, PAGE)).toBe(
      lines(
        "---",
        "type: customer",
        "last_contact: 2025-11-02",
        "---",
        "# Acme",
        "",
        "Deal size: $$$",
        "",
        "## Recent Context",
        "",
        "- 2025-11-02: [[2025-11-02 - Pilot]] - Call with Acme.",
        "",
        "## Key Facts",
        "",
        "- Pilot costs \\$$ more than planned ([[2025-11-02 - Pilot]])",
        "- They run 3 data centers ([[2025-11-02 - Pilot]])",
        "",
        "## Open Tasks",
        "",
        "- [ ] Send the pilot plan ([[2025-11-02 - Pilot]])",
        "",
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-11-02 |",
        "",
        "## Notes",
        "",
        "mine",
      ),
    );
    expect(read(vault, PILOT)).toBe(note);
    ageFiles(vault);
    const before = snapshot(vault);
    const again = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15", "--check"]);
    expect(again.status).toBe(0);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
  });

  it("whose only later $$ is in a fenced code block (a shell script's `echo $$`) still hides nothing: the block is code, the $$ text (B27-A)", () => {
    const note = lines(
      "Call with [[Acme]].",
      "",
      "## Key Facts",
      "- Pilot costs $$ more than planned",
      "- They run 3 data centers",
      "",
      "```bash",
      "echo $$",
      "```",
      "",
      "- [ ] Send the pilot plan",
    );
    const vault = makeVault({
      [PAGE]: lines("---", "type: customer", "---", "# Acme", "", "## Recent Context", "", "## Key Facts", "", "## Notes", "", "mine"),
      [PILOT]: note,
    });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.errLines).toEqual([]);
    expect(r.status).toBe(0);
    // By hand: the fenced block is code, so its `$$` pairs with nothing and the fact's `$$` is
    // text; both facts and the task below the block are harvested, as without the block (above).
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
        "- 2025-11-02: [[2025-11-02 - Pilot]] - Call with Acme.",
        "",
        "## Key Facts",
        "",
        "- Pilot costs \\$$ more than planned ([[2025-11-02 - Pilot]])",
        "- They run 3 data centers ([[2025-11-02 - Pilot]])",
        "",
        "## Open Tasks",
        "",
        "- [ ] Send the pilot plan ([[2025-11-02 - Pilot]])",
        "",
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-11-02 |",
        "",
        "## Notes",
        "",
        "mine",
      ),
    );
    expect(read(vault, PILOT)).toBe(note);
    ageFiles(vault);
    const before = snapshot(vault);
    const again = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15", "--check"]);
    expect(again.status).toBe(0);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
  });
});
