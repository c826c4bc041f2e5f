// §6's category tags where Obsidian's metadata cache records a tag (B43-B): a note's bolded tag
// (`- **#fact** ARR is 180k`) makes a Key Fact on the page the CLI writes, the bold going with it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, lines, makeVault, read, removeTemps, runCli } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

describe("a category tag in emphasis, a highlight or brackets", () => {
  it("selects its section on the page, the span going with the tag; a tag after punctuation, in math or a wikilink does not; a task keeps its tag", () => {
    const note = lines(
      "With [[Acme]].",
      "",
      "## Notes",
      "",
      "- **#fact** ARR is 180k",
      "- *#blocker* legal review pending",
      "- ==#decision== go with plan B",
      "- [#opportunity] expand to the EU",
      "- **#fact storage is 40 TB**",
      "- (#fact) not a fact",
      "- $x #fact$ not a fact either",
      "- [[Acme|Acme #fact]] nor this",
      "- [ ] send the **#fact** sheet",
    );
    const vault = makeVault({ "Customers/Acme.md": lines("# Acme"), "Meetings/2025-11-01 - call.md": note });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.errLines).toEqual([]);
    const page = read(vault, "Customers/Acme.md");
    // By hand (§6, README): the tag, the span holding nothing but it, and the space after them go;
    // §7 writes a blocker after `❌ `, a decision after `✅ `.
    const src = " ([[2025-11-01 - call]])";
    expect(page).toContain(`\n## Key Facts\n\n- ARR is 180k${src}\n- **storage is 40 TB**${src}\n`);
    expect(page).toContain(`\n## Blockers\n\n- ❌ legal review pending${src}\n`);
    expect(page).toContain(`\n## Key Decisions\n\n- ✅ go with plan B${src}\n`);
    expect(page).toContain(`\n## Opportunities\n\n- expand to the EU${src}\n`);
    expect(page).toContain(`\n## Open Tasks\n\n- [ ] send the **#fact** sheet${src}\n`);
    expect(page).not.toContain("not a fact");
    expect(page).not.toContain("nor this");
    expect(page).not.toContain("****");
    // The note is read, never written.
    expect(read(vault, "Meetings/2025-11-01 - call.md")).toBe(note);
  });
});
