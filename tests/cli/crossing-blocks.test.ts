// B27-H: a comment opened inside a managed section's body and closed below the body's end (in the
// user's quoted notes) is left with its section as it is: replacing the body would take the opener
// along, and on the next run the closer left below would open a comment hiding the user's lines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ageFiles, buildCli, changedPaths, lines, makeVault, read, removeTemps, runCli, snapshot } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const PAGE = "Customers/Acme.md";
const CALL = "Meetings/2025-11-02 - Call.md";

describe("a comment that runs from a managed body into the quoted notes below it", () => {
  it("leaves that section as it is, with a warning naming the page and the lines; a second run changes nothing", () => {
    // `%%` is a lazy line of the callout: it closes on `> draft %%`, so `> ## My notes` is a quoted
    // heading, and the quote the body ends at starts on `> draft %%` (the `>` lines right above it).
    const page = lines(
      "---",
      "type: customer",
      "---",
      "# Acme",
      "",
      "## Recent Context",
      "",
      ">> ```",
      "> [!NOTE]- Call notes",
      "%%",
      "> draft %%",
      "> ## My notes",
      "> mine",
      "",
      "## Notes",
      "",
      "kept",
    );
    const vault = makeVault({ [PAGE]: page, [CALL]: "Call with [[Acme]].\n" });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([
      `warning: ${PAGE}: section "Recent Context": a comment opened on line 10 runs on past the section's end (line 11); the section is left as it is`,
    ]);
    // By hand: every line of the page kept; Recent Context (no managed section of that name is
    // left) and Account Status are added at the end, as a heading that opens a comment leaves it.
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
        ">> ```",
        "> [!NOTE]- Call notes",
        "%%",
        "> draft %%",
        "> ## My notes",
        "> mine",
        "",
        "## Notes",
        "",
        "kept",
        "",
        "## Recent Context",
        "",
        "- 2025-11-02: [[2025-11-02 - Call]] - Call with Acme.",
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
    const again = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15", "--check"]);
    expect(again.status).toBe(0);
    // One line lower: the frontmatter holds last_contact now.
    expect(again.errLines).toEqual([
      `warning: ${PAGE}: section "Recent Context": a comment opened on line 11 runs on past the section's end (line 12); the section is left as it is`,
    ]);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
  });
});
