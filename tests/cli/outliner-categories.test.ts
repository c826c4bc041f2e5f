// §6 categories in notes written as outlines (Roam, Logseq) and in generated notes with no blank
// lines: a heading or bold line inside a list item heads the items nested in it, and a bold line
// straight after a list item heads the items after it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, lines, makeVault, read, removeTemps, runCli } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const STATUS = (d: string) => ["## Account Status", "", "| Field | Value |", "|-------|-------|", `| **Last contact** | ${d} |`];

describe("categories inside outlines", () => {
  it("a heading item and a bold paragraph inside items give their nested items a category", () => {
    const vault = makeVault({
      "Customers/Acme.md": lines("# Acme"),
      "Daily/Oct 22nd, 2025.md": lines("- Meeting with [[Acme]]", "    - ## Key Facts", "        - Roam fact under heading block", "    - [ ] roam task"),
      "Meetings/2025-11-01 - a.md": lines("- Call with [[Acme]]", "", "  **Decisions:**", "", "  - Go with plan B"),
    });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.errLines).toEqual([]);
    expect(r.status).toBe(0);
    // By hand: the fact is nested in the `## Key Facts` item, the decision follows the bold line
    // inside the call's item (✅ as §7 writes decisions); the task is a sibling: Open Tasks only.
    expect(read(vault, "Customers/Acme.md")).toBe(
      lines(
        "---",
        "last_contact: 2025-11-01",
        "---",
        "# Acme",
        "",
        "## Recent Context",
        "",
        "- 2025-11-01: [[2025-11-01 - a]]",
        "- 2025-10-22: [[Oct 22nd, 2025]]",
        "",
        "## Key Facts",
        "",
        "- Roam fact under heading block ([[Oct 22nd, 2025]])",
        "",
        "## Open Tasks",
        "",
        "- [ ] roam task ([[Oct 22nd, 2025]])",
        "",
        ...STATUS("2025-11-01"),
        "",
        "## Key Decisions",
        "",
        "- ✅ Go with plan B ([[2025-11-01 - a]])",
      ),
    );
  });

  it("a bold line with its colon after the bold text (**Key Facts**:) is Key Facts too, as the README says people write it", () => {
    const vault = makeVault({
      "Customers/Acme.md": lines("# Acme"),
      "Meetings/2025-11-01 - a.md": lines("[[Acme]]", "", "**Key Facts**:", "- Fact one", "", "__Decisions__:", "- Decision one", "- **Risks**:", "  - Risk one"),
    });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.errLines).toEqual([]);
    expect(r.status).toBe(0);
    // By hand: the first paragraph, `[[Acme]]`, is the summary (a link shows its text); each bold
    // line heads the items after it; the item `**Risks**:` with an item nested in it is that item's
    // label (as `- **Risks:**` is), so the risk is a blocker (❌ as §7 writes them).
    expect(read(vault, "Customers/Acme.md")).toBe(
      lines(
        "---",
        "last_contact: 2025-11-01",
        "---",
        "# Acme",
        "",
        "## Recent Context",
        "",
        "- 2025-11-01: [[2025-11-01 - a]] - Acme",
        "",
        "## Key Facts",
        "",
        "- Fact one ([[2025-11-01 - a]])",
        "",
        ...STATUS("2025-11-01"),
        "",
        "## Blockers",
        "",
        "- ❌ Risk one ([[2025-11-01 - a]])",
        "",
        "## Key Decisions",
        "",
        "- ✅ Decision one ([[2025-11-01 - a]])",
      ),
    );
  });

  it("bold lines with no blank line after a list each start their own category", () => {
    const vault = makeVault({
      "Customers/Acme.md": lines("# Acme"),
      "Meetings/2025-11-01 - a.md": lines("[[Acme]]", "", "**Key Facts:**", "- Fact one", "- Fact two", "**Decisions:**", "- Decision one", "**Risks:**", "- Risk one"),
    });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.errLines).toEqual([]);
    expect(read(vault, "Customers/Acme.md")).toBe(
      lines(
        "---",
        "last_contact: 2025-11-01",
        "---",
        "# Acme",
        "",
        "## Recent Context",
        "",
        "- 2025-11-01: [[2025-11-01 - a]] - Acme",
        "",
        "## Key Facts",
        "",
        "- Fact one ([[2025-11-01 - a]])",
        "- Fact two ([[2025-11-01 - a]])",
        "",
        ...STATUS("2025-11-01"),
        "",
        "## Blockers",
        "",
        "- ❌ Risk one ([[2025-11-01 - a]])",
        "",
        "## Key Decisions",
        "",
        "- ✅ Decision one ([[2025-11-01 - a]])",
      ),
    );
  });
});

describe("categories inside quotes and callouts (B36-B)", () => {
  it("a bold line or heading inside a callout or quote heads only the items inside it; the note's heading holds again after it", () => {
    const vault = makeVault({
      "Customers/Acme.md": lines("# Acme"),
      "Meetings/2025-11-01 - call.md": lines(
        "Call with [[Acme]].",
        "",
        "## Key Facts",
        "",
        "- Fact before the callout",
        "",
        "> [!summary] Call notes",
        ">",
        "> **Risks:**",
        "> - No SLA yet",
        "> ## Decisions",
        "> - Go with plan B",
        "",
        "- Fact after the callout",
        "",
        "## Notes",
        "",
        "> **Risks:**",
        "> - Legal review pending",
        "",
        "- A plain note",
        "- [ ] Send the deck",
      ),
    });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.errLines).toEqual([]);
    expect(r.status).toBe(0);
    // By hand: the callout's bold line and heading hold for its two items; the item after the
    // callout is under `## Key Facts` again, the plain note under `## Notes` (no category).
    expect(read(vault, "Customers/Acme.md")).toBe(
      lines(
        "---",
        "last_contact: 2025-11-01",
        "---",
        "# Acme",
        "",
        "## Recent Context",
        "",
        "- 2025-11-01: [[2025-11-01 - call]] - Call with Acme.",
        "",
        "## Key Facts",
        "",
        "- Fact before the callout ([[2025-11-01 - call]])",
        "- Fact after the callout ([[2025-11-01 - call]])",
        "",
        "## Open Tasks",
        "",
        "- [ ] Send the deck ([[2025-11-01 - call]])",
        "",
        ...STATUS("2025-11-01"),
        "",
        "## Blockers",
        "",
        "- ❌ No SLA yet ([[2025-11-01 - call]])",
        "- ❌ Legal review pending ([[2025-11-01 - call]])",
        "",
        "## Key Decisions",
        "",
        "- ✅ Go with plan B ([[2025-11-01 - call]])",
      ),
    );
  });
});

describe("categories inside quotes within items, and over a quote's lazy lines (B36-D)", () => {
  it("a bold line in a quote inside an item heads only that quote's items; a lazy line with fewer `>` does not end a nested callout", () => {
    const vault = makeVault({
      "Customers/Acme.md": lines("# Acme"),
      "Meetings/2025-11-01 - call.md": lines(
        "Call with [[Acme]].",
        "",
        "## Key Facts",
        "",
        "- Contract signed",
        "  > **Risks:**",
        "  > - No SLA yet",
        "  - Renewal in May",
        "",
        "> > [!warning] Risks",
        "> > - Legal review pending",
        "> and the DPA",
        "> > - Budget not approved",
      ),
    });
    const r = runCli(cli, ["regenerate", "--vault", vault, "--today", "2026-01-15"]);
    expect(r.errLines).toEqual([]);
    expect(r.status).toBe(0);
    // By hand: `Renewal in May` is nested in the fact after the quote in it, so under Key Facts;
    // `> and the DPA` goes on with `Legal review pending` (a lazy line, no part of its text), so
    // the callout still holds `Budget not approved`.
    expect(read(vault, "Customers/Acme.md")).toBe(
      lines(
        "---",
        "last_contact: 2025-11-01",
        "---",
        "# Acme",
        "",
        "## Recent Context",
        "",
        "- 2025-11-01: [[2025-11-01 - call]] - Call with Acme.",
        "",
        "## Key Facts",
        "",
        "- Contract signed ([[2025-11-01 - call]])",
        "- Renewal in May ([[2025-11-01 - call]])",
        "",
        ...STATUS("2025-11-01"),
        "",
        "## Blockers",
        "",
        "- ❌ No SLA yet ([[2025-11-01 - call]])",
        "- ❌ Legal review pending ([[2025-11-01 - call]])",
        "- ❌ Budget not approved ([[2025-11-01 - call]])",
      ),
    );
  });
});
