// §6: a backslash hard line break inside a list item's text is markup, not text (B36-B).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, lines, makeVault, read, removeTemps, runCli, writeFiles } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

describe("a backslash line break in an item", () => {
  it("joins the item's lines with one space, and a tick on the line written reaches the task; an earlier build's line is dropped with a warning", () => {
    const note = lines("With [[Acme]].", "", "## Key Facts", "", "- ARR is 180k\\", "  up from 120k", "- [ ] Send the quote\\", "  to legal");
    const vault = makeVault({ "Customers/Acme.md": lines("# Acme"), "Meetings/2025-11-01 - call.md": note });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.errLines).toEqual([]);
    const page = read(vault, "Customers/Acme.md");
    // By hand: no backslash on the page (written bare, `\ ` would show one).
    expect(page).toContain("\n- ARR is 180k up from 120k ([[2025-11-01 - call]])\n");
    expect(page).toContain("\n- [ ] Send the quote to legal ([[2025-11-01 - call]])\n");
    expect(page).not.toContain("\\");
    // Ticked on the page: the task's status character in the note, nothing else.
    writeFiles(vault, { "Customers/Acme.md": page.replace("- [ ] Send the quote to legal", "- [x] Send the quote to legal") });
    const r2 = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r2.errLines).toEqual([]);
    expect(read(vault, "Meetings/2025-11-01 - call.md")).toBe(note.replace("- [ ] Send", "- [x] Send"));
    // A page line an earlier build wrote (`Send the quote\ to legal`), ticked: no task reads so; the
    // tick is dropped with a warning naming the line, and the note is left as it is.
    const vault2 = makeVault({
      "Customers/Acme.md": lines("# Acme", "", "## Open Tasks", "", "- [x] Send the quote\\ to legal ([[2025-11-01 - call]])"),
      "Meetings/2025-11-01 - call.md": note,
    });
    const r3 = runCli(cli, ["regenerate", "--vault", vault2, "--today", "2026-01-15"]);
    expect(r3.errLines).toEqual(["warning: Customers/Acme.md: tick dropped, no open task matches it: - [x] Send the quote\\ to legal ([[2025-11-01 - call]])"]);
    expect(read(vault2, "Meetings/2025-11-01 - call.md")).toBe(note);
    expect(read(vault2, "Customers/Acme.md")).toContain("\n- [ ] Send the quote to legal ([[2025-11-01 - call]])\n");
  });
});
