// §5–§6 corners worked by hand against real files (B30-D): who belongs through which key, which via
// entity is named, and which related notes give items.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, lines, makeVault, read, removeTemps, runCli } from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const fm = (yaml: string, ...body: string[]): string => lines("---", yaml, "---", ...body);
const status = (last: string): string[] => ["## Account Status", "", "| Field | Value |", "|-------|-------|", `| **Last contact** | ${last} |`];

const cases: Array<{ name: string; files: Record<string, string>; pages: Record<string, string> }> = [
  {
    // P1: company absent, organization Acme (belongs). P2: company Tern, organization Acme — company
    // is used, so P2 belongs to nobody and N2 is not related. P3: company lists Acme and Beta. X: a
    // project of both. N4 is direct for Beta and via P1 for Acme: Acme gets its line, not its fact.
    // N5 links P3 in its frontmatter before X in its body: via P3 (frontmatter first).
    name: "belongs through organization, lists, a project of two customers; items only from a harvest source",
    files: {
      "Customers/Acme.md": fm("type: customer"),
      "Customers/Beta.md": fm("type: customer"),
      "People/P1.md": fm("organization: Acme\nrole: Eng"),
      "People/P2.md": fm("company: Tern\norganization: Acme"),
      "People/P3.md": fm('company: ["[[Acme]]", Beta]'),
      "Projects/X.md": fm('customer: ["[[Acme]]", "[[Beta]]"]'),
      "Notes/N1.md": fm("date: 2025-01-01", "N1 about [[P1]].", "", "## Key Facts", "- n1 fact"),
      "Notes/N2.md": fm("date: 2025-01-02", "N2 about [[P2]].", "", "## Key Facts", "- n2 fact"),
      "Notes/N3.md": fm("date: 2025-01-03", "N3 about [[X]].", "", "## Key Facts", "- n3 fact"),
      "Notes/N4.md": fm("date: 2025-01-04", "N4 about [[Beta]] with [[P1]].", "", "## Key Facts", "- n4 fact"),
      "Notes/N5.md": fm('date: 2025-01-05\nattendees: ["[[P3]]"]', "N5 about [[X]].", "", "## Key Facts", "- n5 fact"),
      "Notes/N6.md": fm("date: 2025-01-06", "N6 about [[P3]]."),
    },
    pages: {
      "Customers/Acme.md": lines(
        "---", "type: customer", "last_contact: 2025-01-06", "---",
        // An inserted heading has one blank line before it (§7).
        "",
        "## Recent Context", "",
        "- 2025-01-06: [[N6]] - N6 about P3. (via P3)",
        "- 2025-01-05: [[N5]] - N5 about X. (via P3)",
        "- 2025-01-04: [[N4]] - N4 about Beta with P1. (via P1)",
        "- 2025-01-03: [[N3]] - N3 about X. (via X)",
        "- 2025-01-01: [[N1]] - N1 about P1. (via P1)", "",
        "## Key Facts", "", "- n5 fact ([[N5]])", "- n3 fact ([[N3]])", "- n1 fact ([[N1]])", "",
        ...status("2025-01-06"), "",
        // P3's newest linking note is N6, P1's is N4.
        "## Key Contacts", "", "- [[P3]]", "- [[P1]]", "",
        // Two related notes link each: by name.
        "## Collaborators", "", "| Person | Role | Company |", "|--------|------|---------|",
        "| [[P1]] | Eng | Acme |", "| [[P3]] |  | Acme, Beta |", "",
        "## Related People", "", "- [[P1]]", "- [[P3]]",
      ),
      "Customers/Beta.md": lines(
        "---", "type: customer", "last_contact: 2025-01-06", "---",
        // An inserted heading has one blank line before it (§7).
        "",
        "## Recent Context", "",
        "- 2025-01-06: [[N6]] - N6 about P3. (via P3)",
        "- 2025-01-05: [[N5]] - N5 about X. (via P3)",
        "- 2025-01-04: [[N4]] - N4 about Beta with P1.",
        "- 2025-01-03: [[N3]] - N3 about X. (via X)", "",
        "## Key Facts", "", "- n5 fact ([[N5]])", "- n4 fact ([[N4]])", "- n3 fact ([[N3]])", "",
        ...status("2025-01-06"), "",
        "## Key Contacts", "", "- [[P3]]", "",
        "## Collaborators", "", "| Person | Role | Company |", "|--------|------|---------|",
        "| [[P3]] |  | Acme, Beta |", "| [[P1]] | Eng | Acme |", "",
        "## Related People", "", "- [[P3]]", "- [[P1]]",
      ),
    },
  },
  {
    // Unquoted links in the frontmatter (YAML reads `[[P]]` as a list in a list) count as links (§3):
    // in a customer's contacts and projects, a person's company and a note's org. A markdown link
    // whose text is wrapped over two lines is a link (CommonMark's soft break).
    name: "unquoted frontmatter links in contacts, projects, company and org; a wrapped markdown link",
    files: {
      "Customers/Acme.md": fm("type: customer\ncontacts: [[P]]\nprojects:\n  - [[X]]\n  - [[Y]]"),
      "People/P.md": fm("role: r"),
      "People/Q.md": fm("company:\n  - [[Acme]]"),
      "Projects/X.md": fm("status: s"),
      "Projects/Y.md": fm("status: s"),
      "Notes/n1.md": fm("date: 2025-01-01", "meet [[P]]"),
      "Notes/n2.md": fm("date: 2025-01-02", "meet [[X]]"),
      "Notes/n3.md": fm("date: 2025-01-03", "meet [[Y]]"),
      "Notes/n4.md": fm("date: 2025-01-04", "meet [[Q]]"),
      "Notes/n5.md": fm("date: 2025-01-05\norg:\n  - [[Acme]]", "meet"),
      "Notes/n6.md": fm("date: 2025-01-06", "see [the", "client](../Customers/Acme.md) today"),
    },
    pages: {
      "Customers/Acme.md": lines(
        "---", "type: customer", "contacts: [[P]]", "projects:", "  - [[X]]", "  - [[Y]]", "last_contact: 2025-01-06", "---",
        // An inserted heading has one blank line before it (§7).
        "",
        "## Recent Context", "",
        "- 2025-01-06: [[n6]] - see the client today",
        "- 2025-01-05: [[n5]] - meet",
        "- 2025-01-04: [[n4]] - meet Q (via Q)",
        "- 2025-01-03: [[n3]] - meet Y (via Y)",
        "- 2025-01-02: [[n2]] - meet X (via X)",
        "- 2025-01-01: [[n1]] - meet P (via P)", "",
        ...status("2025-01-06"), "",
        "## Key Contacts", "", "- [[Q]]", "- [[P]]", "",
        "## Collaborators", "", "| Person | Role | Company |", "|--------|------|---------|",
        "| [[P]] | r |  |", "| [[Q]] |  | Acme |", "",
        "## Related People", "", "- [[P]]", "- [[Q]]",
      ),
    },
  },
  {
    // B35-B: a name wrapped over a quote's or a callout's lines is a mention (the `>` markers are no
    // text); a `>` inside a line is text, so "Big > Blue" is none.
    name: "a customer's name wrapped over the lines of a callout or a quote is a mention",
    files: {
      "Customers/Big Blue.md": fm("type: customer"),
      "Notes/n1.md": fm("date: 2025-01-01", "> [!note] Key Facts", "> - Signed with Big", ">   Blue today"),
      "Notes/n2.md": fm("date: 2025-01-02", "> Met Big", "> Blue."),
      "Notes/n3.md": fm("date: 2025-01-03", "Big > Blue is a ratio."),
    },
    pages: {
      "Customers/Big Blue.md": lines(
        "---", "type: customer", "last_contact: 2025-01-02", "---",
        // An inserted heading has one blank line before it (§7).
        "",
        // Quotes and callouts give no summary (§7).
        "## Recent Context", "", "- 2025-01-02: [[n2]]", "- 2025-01-01: [[n1]]", "",
        "## Key Facts", "", "- Signed with Big Blue today ([[n1]])", "",
        ...status("2025-01-02"),
      ),
    },
  },
  {
    // B35-B: every link in an element of a customer's contacts lists its person, text after it or
    // a second link in the same string too, as every link in a person's company names a customer.
    name: "contacts whose elements hold a link with text after it, or two links",
    files: {
      "Customers/Acme.md": fm('type: customer\ncontacts:\n  - "[[Bob]] (CTO)"\n  - "[[Ann]], [[Cid]]"'),
      "People/Ann.md": fm("role: a"),
      "People/Bob.md": fm("role: b"),
      "People/Cid.md": fm("role: c"),
      "Notes/n1.md": fm("date: 2025-01-01", "meet [[Bob]]"),
      "Notes/n2.md": fm("date: 2025-01-02", "meet [[Cid]]"),
    },
    pages: {
      "Customers/Acme.md": lines(
        "---", "type: customer", "contacts:", '  - "[[Bob]] (CTO)"', '  - "[[Ann]], [[Cid]]"', "last_contact: 2025-01-02", "---",
        // An inserted heading has one blank line before it (§7).
        "",
        "## Recent Context", "", "- 2025-01-02: [[n2]] - meet Cid (via Cid)", "- 2025-01-01: [[n1]] - meet Bob (via Bob)", "",
        ...status("2025-01-02"), "",
        // By the newest related note linking them; Ann, whom none links, last (§7).
        "## Key Contacts", "", "- [[Cid]]", "- [[Bob]]", "- [[Ann]]", "",
        // One related note links Bob and Cid each (by name), none Ann.
        "## Collaborators", "", "| Person | Role | Company |", "|--------|------|---------|",
        "| [[Bob]] | b |  |", "| [[Cid]] | c |  |", "| [[Ann]] | a |  |", "",
        "## Related People", "", "- [[Bob]]", "- [[Cid]]", "- [[Ann]]",
      ),
    },
  },
];

describe("relations and harvest sources, end to end (§5, §6)", () => {
  for (const c of cases) {
    it(c.name, () => {
      const dir = makeVault(c.files);
      const r = runCli(cli, ["regenerate", "--vault", dir, "--today", "2026-01-01"]);
      expect(r.status).toBe(0);
      for (const [path, text] of Object.entries(c.pages)) expect(read(dir, path), path).toBe(text);
    });
  }
});
