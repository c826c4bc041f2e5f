// §7 through the CLI: manual content kept byte for byte, line endings and BOM kept, and
// `last_contact` edited as text. Every expected page below is written by hand from the spec.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ageFiles,
  buildCli,
  changedPaths,
  crlf,
  lines,
  makeVault,
  read,
  readBytes,
  removeTemps,
  runCli,
  snapshot,
  touchedPaths,
} from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

function regenerate(vault: string, today: string) {
  return runCli(cli, ["regenerate", "--vault", vault, "--today", today]);
}

/** Runs again on aged files: nothing may be rewritten. */
function expectSecondRunIdle(vault: string, today: string): void {
  ageFiles(vault);
  const before = snapshot(vault);
  const r = regenerate(vault, today);
  expect(r.status).toBe(0);
  const after = snapshot(vault);
  expect(changedPaths(before, after)).toEqual([]);
  expect(touchedPaths(before, after)).toEqual([]);
}

describe("manual content is kept byte for byte", () => {
  const SYNC = "Meetings/2025-03-04 - Acme sync.md";
  const PAGE = "Customers/Acme.md";
  const page = [
    "---",
    "type: customer",
    "status: Active",
    "---",
    "Intro text before any heading.  ",
    "   second line with trailing spaces   ",
    "",
    "# Acme   ",
    "",
    "## Notes",
    "  ",
    "   some   odd   spacing\ttab\t",
    "Trailing spaces here.   ",
    "",
    "```md",
    "## Key Facts",
    "- not a real fact",
    "```",
    "",
    "## Key Facts",
    "",
    "- stale fact",
    "",
    "### Mine",
    "",
    "my own subheading text   ",
    "- my own item",
    "",
    "## Recent Context",
    "old stuff",
  ].join("\n");
  const files = {
    [PAGE]: page,
    [SYNC]: lines("Sync with [[Acme]].", "", "## Key Facts", "", "- Acme has 40 engineers"),
  };

  // By hand: last_contact appended to the frontmatter; the fenced `## Key Facts` is no heading, so
  // the managed Key Facts is the real one; its body runs to `### Mine`, which survives. Account
  // Status (the only missing non-empty section) goes after Key Facts, before the next heading of
  // level <= 2 (`## Recent Context`), i.e. after the user's subheading. Recent Context runs to the
  // end of the file, which then ends with one EOL.
  const expected = lines(
    "---",
    "type: customer",
    "status: Active",
    "last_contact: 2025-03-04",
    "---",
    "Intro text before any heading.  ",
    "   second line with trailing spaces   ",
    "",
    "# Acme   ",
    "",
    "## Notes",
    "  ",
    "   some   odd   spacing\ttab\t",
    "Trailing spaces here.   ",
    "",
    "```md",
    "## Key Facts",
    "- not a real fact",
    "```",
    "",
    "## Key Facts",
    "",
    "- Acme has 40 engineers ([[2025-03-04 - Acme sync]])",
    "",
    "### Mine",
    "",
    "my own subheading text   ",
    "- my own item",
    "",
    "## Account Status",
    "",
    "| Field | Value |",
    "|-------|-------|",
    "| **Status** | Active |",
    "| **Last contact** | 2025-03-04 |",
    "",
    "## Recent Context",
    "",
    "- 2025-03-04: [[2025-03-04 - Acme sync]] - Sync with Acme.",
  );

  it("regenerates only the managed bodies", () => {
    const vault = makeVault(files);
    const before = snapshot(vault);
    const r = regenerate(vault, "2025-06-01");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(read(vault, PAGE)).toBe(expected);
    expect(changedPaths(before, snapshot(vault))).toEqual([PAGE]);
    expectSecondRunIdle(vault, "2025-06-01");
  });
});

describe("section placement", () => {
  const NOTE = "Meetings/2025-07-01 - H.md";
  const note = lines(
    "Call with [[Hotel]].",
    "",
    "## Facts",
    "",
    "- Hotel has 3 sites #fact",
    "- plain item",
    "",
    "**Decisions:**",
    "- Go ahead",
    "",
    "> [!note] Risks",
    "> - Budget cut",
  );

  it("inserts missing sections at the level of the nearest earlier managed one, before its next sibling", () => {
    const page = lines("# Hotel", "## Overview", "### Recent Context", "old", "#### Sub", "sub text", "### Mine", "mine", "## Notes");
    const vault = makeVault({ "Customers/Hotel.md": page, [NOTE]: note });
    const r = regenerate(vault, "2025-08-01");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    // By hand: Recent Context (###) runs to `#### Sub`, which survives; Key Facts, Account Status,
    // Blockers and Key Decisions go after it, before the next heading at level <= 3 (`### Mine`),
    // as `###`, in canonical order, each with one blank line before it.
    expect(read(vault, "Customers/Hotel.md")).toBe(
      lines(
        "---",
        "last_contact: 2025-07-01",
        "---",
        "# Hotel",
        "## Overview",
        "### Recent Context",
        "",
        "- 2025-07-01: [[2025-07-01 - H]] - Call with Hotel.",
        "",
        "#### Sub",
        "sub text",
        "",
        "### Key Facts",
        "",
        "- Hotel has 3 sites ([[2025-07-01 - H]])",
        "- plain item ([[2025-07-01 - H]])",
        "",
        "### Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-07-01 |",
        "",
        "### Blockers",
        "",
        "- ❌ Budget cut ([[2025-07-01 - H]])",
        "",
        "### Key Decisions",
        "",
        "- ✅ Go ahead ([[2025-07-01 - H]])",
        "",
        "### Mine",
        "mine",
        "## Notes",
      ),
    );
    expectSecondRunIdle(vault, "2025-08-01");
  });

  it("a managed name in a quote or a list is no section; an existing section is never removed", () => {
    const page = lines(
      "---",
      "last_contact: 2025-07-01",
      "---",
      "> ## Recent Context",
      "> quoted",
      "",
      "- ## Key Facts",
      "",
      "## Opportunities",
      "",
      "- stale opportunity",
      "",
      "## Notes",
      "",
      "text  ",
      "",
      "   ",
      "",
    );
    const vault = makeVault({ "Customers/Hotel.md": page, [NOTE]: note });
    expect(regenerate(vault, "2025-08-01").status).toBe(0);
    // Recent Context, Key Facts and Account Status come before the later Opportunities (at its
    // level); Opportunities keeps its heading with an empty body; Blockers and Key Decisions follow
    // it, before `## Notes`; the blank lines that ended the file are dropped.
    expect(read(vault, "Customers/Hotel.md")).toBe(
      lines(
        "---",
        "last_contact: 2025-07-01",
        "---",
        "> ## Recent Context",
        "> quoted",
        "",
        "- ## Key Facts",
        "",
        "## Recent Context",
        "",
        "- 2025-07-01: [[2025-07-01 - H]] - Call with Hotel.",
        "",
        "## Key Facts",
        "",
        "- Hotel has 3 sites ([[2025-07-01 - H]])",
        "- plain item ([[2025-07-01 - H]])",
        "",
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-07-01 |",
        "",
        "## Opportunities",
        "",
        "## Blockers",
        "",
        "- ❌ Budget cut ([[2025-07-01 - H]])",
        "",
        "## Key Decisions",
        "",
        "- ✅ Go ahead ([[2025-07-01 - H]])",
        "",
        "## Notes",
        "",
        "text  ",
      ),
    );
    expectSecondRunIdle(vault, "2025-08-01");
  });

  it("manual text in NFD stays NFD; item text is kept as written", () => {
    const nfd = "Cafe\u0301";
    const page = lines("---", "type: customer", "---", `# ${nfd} Co`, "", `Manual ${nfd} text.`, "", "## Recent Context");
    const vault = makeVault({
      [`Customers/${nfd} Co.md`]: page,
      // Linked in NFC: matching is NFC-normalised.
      "Meetings/2025-07-01 - sync.md": lines("Met [[Caf\u00e9 Co]] today.", "", `- [ ] Order ${nfd}`),
    });
    expect(regenerate(vault, "2025-08-01").status).toBe(0);
    expect(read(vault, `Customers/${nfd} Co.md`)).toBe(
      lines(
        "---",
        "type: customer",
        "last_contact: 2025-07-01",
        "---",
        `# ${nfd} Co`,
        "",
        `Manual ${nfd} text.`,
        "",
        "## Recent Context",
        "",
        "- 2025-07-01: [[2025-07-01 - sync]] - Met Caf\u00e9 Co today.",
        "",
        "## Open Tasks",
        "",
        `- [ ] Order ${nfd} ([[2025-07-01 - sync]])`,
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

describe("frontmatter last_contact is edited as text", () => {
  const NOTE = "Meetings/2025-05-06 - Kilo review.md";
  const note = lines("Reviewed [[Kilo]].");
  const body = ["# Kilo", "", "## Account Status", "", "| Field | Value |", "|-------|-------|", "| **Last contact** | 2025-05-06 |"];

  it("an existing key keeps its spelling, spacing, quotes and comment; only the value changes", () => {
    const page = lines("---", "type: customer", "Last_Contact:   \"2024-01-01\"   # set by the tool", "tags: [a]", "---", ...body);
    const vault = makeVault({ "Customers/Kilo.md": page, [NOTE]: note });
    const r = regenerate(vault, "2025-06-01");
    expect(r.status).toBe(0);
    expect(read(vault, "Customers/Kilo.md")).toBe(
      lines(
        "---",
        "type: customer",
        "Last_Contact:   \"2025-05-06\"   # set by the tool",
        "tags: [a]",
        "---",
        "# Kilo",
        "",
        "## Recent Context",
        "",
        "- 2025-05-06: [[2025-05-06 - Kilo review]] - Reviewed Kilo.",
        "",
        // Recent Context is inserted before the later Account Status, at its level.
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-05-06 |",
      ),
    );
    expectSecondRunIdle(vault, "2025-06-01");
  });

  it("a page without frontmatter gets one at its top", () => {
    const page = lines(...body.slice(0, 1), "", "Intro.");
    const vault = makeVault({ "Customers/Kilo.md": page, [NOTE]: note });
    expect(regenerate(vault, "2025-06-01").status).toBe(0);
    expect(read(vault, "Customers/Kilo.md")).toBe(
      lines(
        "---",
        "last_contact: 2025-05-06",
        "---",
        "# Kilo",
        "",
        "Intro.",
        "",
        "## Recent Context",
        "",
        "- 2025-05-06: [[2025-05-06 - Kilo review]] - Reviewed Kilo.",
        "",
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-05-06 |",
      ),
    );
    expectSecondRunIdle(vault, "2025-06-01");
  });

  it("a frontmatter that is only `~`, or a last_contact list with unindented comments between its items, gets the date; every comment stays", () => {
    const recent = ["## Recent Context", "", "- 2025-05-06: [[2025-05-06 - Kilo review]] - Reviewed Kilo and Lima.", ""];
    const status = ["## Account Status", "", "| Field | Value |", "|-------|-------|"];
    const vault = makeVault({
      "Customers/Kilo.md": lines("---", "# from the template", "~", "---", "# Kilo"),
      "Customers/Lima.md": lines("---", "last_contact:", "- 2025-01-01", "# the QBR", "- 2025-02-01", "status: Active", "---", "# Lima"),
      [NOTE]: lines("Reviewed [[Kilo]] and [[Lima]]."),
    });
    const r = regenerate(vault, "2025-06-01");
    expect(r.errLines).toEqual([]);
    expect(read(vault, "Customers/Kilo.md")).toBe(
      lines("---", "# from the template", "last_contact: 2025-05-06", "---", "# Kilo", "", ...recent, ...status, "| **Last contact** | 2025-05-06 |"),
    );
    expect(read(vault, "Customers/Lima.md")).toBe(
      lines(
        "---",
        "last_contact: 2025-05-06",
        "# the QBR",
        "status: Active",
        "---",
        "# Lima",
        "",
        ...recent,
        ...status,
        "| **Status** | Active |",
        "| **Last contact** | 2025-05-06 |",
      ),
    );
    // No warning, and nothing to do the second time (these pages used to warn on every run).
    expectSecondRunIdle(vault, "2025-06-01");
    expect(regenerate(vault, "2025-06-01").errLines).toEqual([]);
  });

  it("last contact ignores notes dated after --today and is `unknown` without any", () => {
    const page = lines("---", "last_contact: 2025-05-06", "---", "# Kilo");
    const vault = makeVault({ "Customers/Kilo.md": page, [NOTE]: note });
    expect(regenerate(vault, "2025-05-05").status).toBe(0);
    expect(read(vault, "Customers/Kilo.md")).toBe(
      lines(
        "---",
        "last_contact: unknown",
        "---",
        "# Kilo",
        "",
        "## Recent Context",
        "",
        "- 2025-05-06: [[2025-05-06 - Kilo review]] - Reviewed Kilo.",
        "",
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | unknown |",
      ),
    );
  });
});

describe("Account Status shows the frontmatter as the run writes it", () => {
  it("a key that is a YAML alias of last_contact's anchor shows the new date at once; anchor and alias are kept", () => {
    const vault = makeVault({
      "Customers/Acme.md": lines("---", "type: customer", "last_contact: &a 2020-01-01", "status: *a", "---", "# Acme"),
      "Meetings/2025-07-01 call.md": lines("Call with [[Acme]]."),
    });
    expect(regenerate(vault, "2025-08-01").status).toBe(0);
    expect(read(vault, "Customers/Acme.md")).toBe(
      lines(
        "---",
        "type: customer",
        "last_contact: &a 2025-07-01",
        "status: *a",
        "---",
        "# Acme",
        "",
        "## Recent Context",
        "",
        "- 2025-07-01: [[2025-07-01 call]] - Call with Acme.",
        "",
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Status** | 2025-07-01 |",
        "| **Last contact** | 2025-07-01 |",
      ),
    );
    expectSecondRunIdle(vault, "2025-08-01");
  });
});

describe("line endings and BOM", () => {
  const CALL = "Meetings/2025-04-02 - Beta call.md";
  const callNote = lines(
    "Call with [[Beta]] and [[Bo Chen]] about renewal.",
    "",
    "## Key Facts",
    "",
    "- Beta renews in May",
    "",
    "## Action Items",
    "",
    "- [ ] Send renewal quote",
  );
  const person = lines("---", 'company: "[[Beta]]"', "role: CFO", "---", "# Bo Chen");

  it("a CRLF page stays CRLF, inserted sections and the added last_contact line included", () => {
    const page = crlf(lines("---", "type: customer", "---", "# Beta", "", "## Recent Context", "", "## Notes", "", "Keep me."));
    const vault = makeVault({ "Customers/Beta.md": page, [CALL]: callNote, "People/Bo Chen.md": person });
    const before = snapshot(vault);
    const r = regenerate(vault, "2025-06-01");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = read(vault, "Customers/Beta.md");
    expect(out.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(out).toBe(
      crlf(
        lines(
          "---",
          "type: customer",
          "last_contact: 2025-04-02",
          "---",
          "# Beta",
          "",
          "## Recent Context",
          "",
          "- 2025-04-02: [[2025-04-02 - Beta call]] - Call with Beta and Bo Chen about renewal.",
          "",
          "## Key Facts",
          "",
          "- Beta renews in May ([[2025-04-02 - Beta call]])",
          "",
          "## Open Tasks",
          "",
          "- [ ] Send renewal quote ([[2025-04-02 - Beta call]])",
          "",
          "## Account Status",
          "",
          "| Field | Value |",
          "|-------|-------|",
          "| **Last contact** | 2025-04-02 |",
          "",
          "## Key Contacts",
          "",
          "- [[Bo Chen]]",
          "",
          "## Collaborators",
          "",
          "| Person | Role | Company |",
          "|--------|------|---------|",
          "| [[Bo Chen]] | CFO | Beta |",
          "",
          "## Related People",
          "",
          "- [[Bo Chen]]",
          "",
          "## Notes",
          "",
          "Keep me.",
        ),
      ),
    );
    // The LF notes stay LF and untouched.
    expect(changedPaths(before, snapshot(vault))).toEqual(["Customers/Beta.md"]);
    expectSecondRunIdle(vault, "2025-06-01");
  });

  it("a BOM page keeps its BOM (and a CRLF page without frontmatter gets one after the BOM)", () => {
    const page = "\uFEFF" + crlf(lines("# Gamma", "", "Text."));
    const vault = makeVault({
      "Customers/Gamma.md": page,
      "Meetings/2025-05-05 - Gamma review.md": lines("Reviewed [[Gamma]]."),
    });
    expect(regenerate(vault, "2025-06-01").status).toBe(0);
    const bytes = readBytes(vault, "Customers/Gamma.md");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Exactly one BOM.
    expect([...bytes.subarray(3, 6)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(read(vault, "Customers/Gamma.md")).toBe(
      "\uFEFF" +
        crlf(
          lines(
            "---",
            "last_contact: 2025-05-05",
            "---",
            "# Gamma",
            "",
            "Text.",
            "",
            "## Recent Context",
            "",
            "- 2025-05-05: [[2025-05-05 - Gamma review]] - Reviewed Gamma.",
            "",
            "## Account Status",
            "",
            "| Field | Value |",
            "|-------|-------|",
            "| **Last contact** | 2025-05-05 |",
          ),
        ),
    );
    expectSecondRunIdle(vault, "2025-06-01");
  });

  it("a BOM page with LF frontmatter keeps its BOM and its LF", () => {
    const page = "\uFEFF" + lines("---", "type: customer", "---", "# Gamma");
    const vault = makeVault({
      "Customers/Gamma.md": page,
      "Meetings/2025-05-05 - Gamma review.md": lines("Reviewed [[Gamma]]."),
    });
    expect(regenerate(vault, "2025-06-01").status).toBe(0);
    expect(read(vault, "Customers/Gamma.md")).toBe(
      "\uFEFF" +
        lines(
          "---",
          "type: customer",
          "last_contact: 2025-05-05",
          "---",
          "# Gamma",
          "",
          "## Recent Context",
          "",
          "- 2025-05-05: [[2025-05-05 - Gamma review]] - Reviewed Gamma.",
          "",
          "## Account Status",
          "",
          "| Field | Value |",
          "|-------|-------|",
          "| **Last contact** | 2025-05-05 |",
        ),
    );
  });
});

describe("a frontmatter date written as a link (README, Choices where the contract is silent)", () => {
  it("is read by its text, not by the note it opens: a daily note's alias gives no date, and a day's link counts with no such note", () => {
    const vault = makeVault({
      "Customers/Acme.md": lines("---", "type: customer", "---", "# Acme"),
      "Daily/2025-10-21.md": lines("---", "aliases: [Kickoff day]", "---", "Busy day."),
      "Meetings/Kickoff.md": lines("---", 'date: "[[Kickoff day]]"', "---", "Kickoff with [[Acme]]."),
      "Meetings/Review.md": lines("---", 'date: "[[2025-10-20]]"', "---", "Review with [[Acme]]."),
    });
    const r = regenerate(vault, "2025-12-01");
    expect(r.status).toBe(0);
    // The link to Kickoff day opens the daily note (its alias); the one to 2025-10-20 opens nothing.
    expect(r.warnings).toEqual(["warning: Meetings/Review.md: unresolved link [[2025-10-20]]"]);
    expect(read(vault, "Customers/Acme.md")).toBe(
      lines(
        "---",
        "type: customer",
        "last_contact: 2025-10-20",
        "---",
        "# Acme",
        "",
        "## Recent Context",
        "",
        "- 2025-10-20: [[Review]] - Review with Acme.",
        "- unknown: [[Kickoff]] - Kickoff with Acme.",
        "",
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-10-20 |",
      ),
    );
  });
});
