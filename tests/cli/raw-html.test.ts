// B33-A: `<pre>`, `<script>`, `<style>`, `<textarea>` (CommonMark HTML block type 1), `<?` (3), `<!X`
// (4) and `<![CDATA[` (5) start raw HTML that runs over blank lines to its end tag, or unclosed to the
// end of the note: nothing in it is an item, a heading or a summary; on a page, nothing is added inside it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ageFiles, buildCli, changedPaths, lines, makeVault, read, removeTemps, runCli, snapshot, writeFiles } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const PAGE = "Customers/Acme.md";
const CALL = "Meetings/2025-11-02 - Call.md";

describe("raw HTML that runs to its end tag", () => {
  it("in a note: the task, fact and heading inside a <pre> block are not on the page; a topic `<pre>` is escaped there; a second run is idle", () => {
    const note = lines(
      "---",
      "topics: <pre>, pricing",
      "---",
      "Call with [[Acme]].",
      "",
      "<pre>",
      "$ deploy --env prod",
      "- [ ] not a task: a line of the log",
      "",
      "## Key Facts",
      "- not a fact either",
      "</pre>",
      "",
      "## Key Facts",
      "- They run 3 data centers",
      "",
      "- [ ] Send the pilot plan",
    );
    const vault = makeVault({
      [PAGE]: lines("---", "type: customer", "---", "# Acme", "", "## Notes", "", "mine"),
      [CALL]: note,
    });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.errLines).toEqual([]);
    expect(r.status).toBe(0);
    // By hand: one fact and one task, those below the block; the Topics line's `<pre>` gets a
    // backslash (unescaped it would open raw HTML hiding every heading below it on the page). The
    // page has no managed section yet: all are added at its end, after Notes.
    expect(read(vault, PAGE)).toBe(
      lines(
        "---",
        "type: customer",
        "last_contact: 2025-11-02",
        "---",
        "# Acme",
        "",
        "## Notes",
        "",
        "mine",
        "",
        "## Recent Context",
        "",
        "- 2025-11-02: [[2025-11-02 - Call]] - Call with Acme.",
        "",
        "## Key Facts",
        "",
        "- They run 3 data centers ([[2025-11-02 - Call]])",
        "",
        "## Topics",
        "",
        "\\<pre>, pricing",
        "",
        "## Open Tasks",
        "",
        "- [ ] Send the pilot plan ([[2025-11-02 - Call]])",
        "",
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-11-02 |",
      ),
    );
    expect(read(vault, CALL)).toBe(note);
    ageFiles(vault);
    const before = snapshot(vault);
    const again = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15", "--check"]);
    expect(again.status).toBe(0);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
  });

  it("on a page, unclosed above the managed sections: every line is kept over two runs, nothing is added inside it, with a warning", () => {
    const page = lines(
      "---",
      "type: customer",
      "last_contact: 2025-11-02",
      "---",
      "# Acme",
      "",
      "<pre>",
      "",
      "## Key Facts",
      "",
      "- old fact",
      "",
      "## Notes",
      "",
      "mine",
    );
    const vault = makeVault({ [PAGE]: page, [CALL]: lines("Call with [[Acme]].", "", "## Key Facts", "- They run 3 data centers") });
    const warning = `warning: ${PAGE}: page ends inside raw HTML that is never closed (line 7: no </pre> after it); missing sections were not added after it`;
    for (let run = 1; run <= 2; run++) {
      const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
      expect(r.status).toBe(0);
      expect(r.errLines).toEqual([warning]);
      // Every heading lies inside the raw HTML: no section is found, none is added inside it.
      expect(read(vault, PAGE)).toBe(page);
    }
    ageFiles(vault);
    const before = snapshot(vault);
    const again = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15", "--check"]);
    expect(again.status).toBe(0);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
  });

  it("on a page, unclosed inside a managed body above the user's own section: that section is left as it is, every line kept over two runs", () => {
    const page = lines(
      "---",
      "type: customer",
      "last_contact: 2025-11-02",
      "---",
      "# Acme",
      "",
      "## Key Facts",
      "",
      "<pre>",
      "- old fact",
      "",
      "## Notes",
      "",
      "mine",
    );
    const vault = makeVault({ [PAGE]: page, [CALL]: lines("Call with [[Acme]].", "", "## Key Facts", "- They run 3 data centers") });
    for (let run = 1; run <= 2; run++) {
      const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
      expect(r.status).toBe(0);
      // `## Notes` lies in the raw HTML, so Key Facts' body runs to the end: replaced, it would take Notes along.
      expect(r.errLines).toEqual([
        `warning: ${PAGE}: section "Key Facts": raw HTML opened on line 9 is never closed (no </pre> after it) and hides the rest of the page; the section is left as it is`,
        `warning: ${PAGE}: page ends inside raw HTML that is never closed (line 9: no </pre> after it); missing sections were not added after it`,
      ]);
      expect(read(vault, PAGE)).toBe(page);
    }
  });
  it("a topic `<div>`: the Topics line gets a backslash, so a user's heading put right below it (the blank line deleted) stays theirs (B33-D)", () => {
    const vault = makeVault({
      [PAGE]: lines("---", "type: customer", "---", "# Acme"),
      [CALL]: lines("---", "topics: <div>, pricing", "---", "Call with [[Acme]]."),
    });
    expect(runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]).status).toBe(0);
    const first = read(vault, PAGE);
    // Unescaped, `<div>` opens raw HTML (CommonMark type 6) that runs to the next blank line.
    expect(first).toContain("\n## Topics\n\n\\<div>, pricing\n\n## Account Status\n");
    // The user deletes the blank line below the Topics line and writes a section of their own there.
    const edited = first.replace("\\<div>, pricing\n\n", "\\<div>, pricing\n## Notes\nmine\n\n");
    expect(edited).not.toBe(first);
    writeFiles(vault, { [PAGE]: edited });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([]);
    // Notes is a heading of its own, not part of the Topics body: kept, the blank line written back above it.
    const second = read(vault, PAGE);
    expect(second).toBe(first.replace("\\<div>, pricing\n\n", "\\<div>, pricing\n\n## Notes\nmine\n\n"));
    expect(runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]).status).toBe(0);
    expect(read(vault, PAGE)).toBe(second);
  });
});
