// Issue 5, "never lose a user's line": splicePage (§7) on generated customer pages. The pages mix
// manual sections, headings of every level, managed headings in other case / with `**` / with a
// trailing `:`, fences and comments that contain headings, text before the first heading, CRLF or
// LF, a BOM or none, a final line break or none, and frontmatter that is absent, valid (with
// `last_contact` in every quote style) or invalid. What is outside the managed bodies is computed
// by the independent reader in page-model.ts, never by src/core's findSections.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { splicePage } from "../../src/core/splice";
import { bodies, lastContact, layoutOf, page, pageOpenAtEnd, SECTION_NAMES, type Bodies, type GenFrontmatter } from "./page-model";
import { checkSplice } from "./splice-check";

const RUNS = { numRuns: 400 };
const NO_FM: GenFrontmatter = { kind: "none", yaml: [], open: "", close: "", expected: null };

function expectSpliceOk(text: string, b: Bodies, lc: string, fm: GenFrontmatter | null = NO_FM): void {
  expect(checkSplice(text, b, lc, fm)).toEqual([]);
}

describe("the oracle reads pages as the contract says (sanity checks of the test's own reader)", () => {
  it("finds top-level ATX and setext headings, none in fences, comments, lists or indented code, and a quote's as a boundary", () => {
    const text = [
      "Intro",
      "# Acme",
      "```",
      "## Key Facts",
      "```",
      "%%",
      "## Topics",
      "%%",
      "> ## Blockers",
      "- item",
      "  ## Risks",
      "",
      "    ## Issues",
      "",
      "**Key Facts:**",
      "---",
      "## Notes ##",
    ].join("\n");
    const l = layoutOf(text);
    expect(l.sections.map((s) => [s.heading.name, s.heading.level, s.id])).toEqual([
      ["Acme", 1, null],
      ["Blockers", 7, null],
      ["Key Facts", 2, "keyFacts"],
      ["Notes", 2, null],
    ]);
    expect(l.preamble).toEqual(["Intro\n"]);
    // The quote's heading ends the body above it (at the quote's first line) and manages nothing.
    expect(l.sections[0]!.bodyLines).toEqual(["```\n", "## Key Facts\n", "```\n", "%%\n", "## Topics\n", "%%\n"]);
    expect(layoutOf("## Topics\nold\n> quoted\n> ## Mine\n> more\n").sections.map((s) => [s.headingLines, s.bodyLines])).toEqual([
      [["## Topics\n"], ["old\n"]],
      [["> quoted\n", "> ## Mine\n"], ["> more\n"]],
    ]);
  });

  it("reads a line that names an object's own property (`constructor`, `__proto__`) as text, not as a comment or math opener (B29-I)", () => {
    // The reader looked the line up in a plain object of openers: `constructor` found Object's, so
    // every heading below it was hidden, as if a comment had opened there.
    for (const word of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      expect(layoutOf(`## Topics\n\n${word}\n\n## Notes\n\nmine\n`).sections.map((s) => s.heading.name)).toEqual(["Topics", "Notes"]);
    }
  });

  it("reads a lazy continuation line as part of its list or quote, not as a paragraph of its own", () => {
    expect(layoutOf("- item\nKey Facts\n---\n").sections).toEqual([]);
    expect(layoutOf("> quote\nKey Facts\n===\n").sections).toEqual([]);
    expect(layoutOf("text\nKey Facts\n---\n").sections.map((s) => s.heading.name)).toEqual(["text Key Facts"]);
  });

  it("reads a setext underline under a quote's paragraph as that quote's heading, and an item holding only an empty item (`1. -`) or a quote opening with a fence as no paragraph (B29-D)", () => {
    // commonmark.js and Lezer agree on each.
    const sections = (text: string): Array<[string, number, string | null]> => layoutOf(text).sections.map((s) => [s.heading.name, s.heading.level, s.id]);
    expect(sections("## Topics\nold\n>\n> Call\n> ===\nKey Facts\n---\n")).toEqual([
      ["Topics", 2, "topics"],
      ["", 7, null],
      ["Key Facts", 2, "keyFacts"],
    ]);
    expect(layoutOf("## Topics\nold\n> Call\n> ===\n").sections[0]!.bodyLines).toEqual(["old\n"]);
    expect(sections("> > Call\n> ===\n")).toEqual([]);
    expect(sections("1. -\nKey Facts\n---\n")).toEqual([["Key Facts", 2, "keyFacts"]]);
    expect(sections("1. - a\nKey Facts\n---\n")).toEqual([]);
    expect(sections("- > ```\nKey Facts\n---\n")).toEqual([["Key Facts", 2, "keyFacts"]]);
    expect(sections("- > a\nKey Facts\n---\n")).toEqual([]);
  });

  it("ends an item that is only its marker at the blank line after it: an indented heading below is top-level (CommonMark)", () => {
    // commonmark.js and markdown-it both give `<li></li>` then `<h1>Topics</h1>` here.
    expect(layoutOf("- a\n-\n\n  # Topics\n").sections.map((s) => [s.heading.name, s.id])).toEqual([["Topics", "topics"]]);
    expect(layoutOf("- a\n-\n  # Topics\n").sections).toEqual([]);
    // Found by `npm run fuzz` (seed 397153402) once the scanner followed that rule and the oracle did not.
    const text = "---\n---\nRecent Context\n=\n```\n```\n- alpha\nalpha\n-\n\n  # Recent Context";
    expectSpliceOk(text, {}, "2025-03-04", { kind: "valid", yaml: [], open: "---", close: "---", expected: null });
  });
});

describe("splicePage keeps every byte outside managed bodies (generated pages)", () => {
  it("(a)–(d) on pages whose fences, comments and math blocks are closed", () => {
    fc.assert(
      fc.property(page, bodies, lastContact, (p, b, lc) => {
        expect(checkSplice(p.text, b, lc, p.fm)).toEqual([]);
      }),
      RUNS,
    );
  });

  it("(a)–(d) on pages that end inside an unclosed fence, comment or math block (nothing appended inside it)", () => {
    fc.assert(
      fc.property(pageOpenAtEnd, bodies, lastContact, (p, b, lc) => {
        expect(checkSplice(p.text, b, lc, p.fm)).toEqual([]);
      }),
      RUNS,
    );
  });

  it("(b) splicing twice with the same bodies gives the same text, whatever the page", () => {
    fc.assert(
      fc.property(fc.oneof(page, pageOpenAtEnd), bodies, lastContact, (p, b, lc) => {
        const once = splicePage(p.text, b, DEFAULT_SETTINGS, lc).text;
        expect(splicePage(once, b, DEFAULT_SETTINGS, lc).text).toBe(once);
      }),
      RUNS,
    );
  });
});

describe("splicePage on hand-picked pages (each one a shape the generator makes)", () => {
  const b: Bodies = { keyFacts: ["- fact ([[Call]])"], accountStatus: ["| Field | Value |", "|-------|-------|", "| **Last contact** | 2025-01-02 |"] };

  it("CRLF, a BOM, no final line break, and a heading inside a fence", () => {
    expectSpliceOk("\uFEFF# Acme\r\n```\r\n## Key Facts\r\n```\r\n## Key Facts\r\nold\r\n## Notes\r\nmine", b, "2025-01-02");
  });

  it("`last_contact` in each quote style keeps its quotes, spacing and comment", () => {
    for (const [line, after] of [
      ['last_contact: "2024-01-01" # kept', 'last_contact: "2025-01-02" # kept'],
      ["last_contact: '2024-01-01'", "last_contact: '2025-01-02'"],
      ["Last_Contact:   2024-01-01   # old", "Last_Contact:   2025-01-02   # old"],
    ] as const) {
      const fm: GenFrontmatter = { kind: "valid", yaml: ["type: customer", line], open: "---", close: "---", expected: () => ["type: customer", after] };
      expectSpliceOk(`---\ntype: customer\n${line}\n---\n# Acme\n`, b, "2025-01-02", fm);
    }
  });

  it("invalid frontmatter, a list, a scalar: left byte for byte, with a warning", () => {
    for (const yaml of ["title: [unclosed", "- a\n- b", "just a scalar"]) {
      const text = `---\n${yaml}\n---\n# Acme\n## Key Facts\nold\n`;
      expectSpliceOk(text, b, "2025-01-02", { kind: "invalid", yaml: yaml.split("\n"), open: "---", close: "---", expected: null });
      expect(splicePage(text, b, DEFAULT_SETTINGS, "2025-01-02").text.startsWith(`---\n${yaml}\n---\n# Acme\n`)).toBe(true);
    }
  });

  it("managed names in other case, with ** and a trailing colon, at every level", () => {
    expectSpliceOk("# Acme\n###### **key facts:**\nold\n## NOTES\nmine\n", b, "2025-01-02");
    expectSpliceOk("# Acme\n__Key Facts__\n---\nold\n\nNotes\n=====\nmine\n", b, "2025-01-02");
  });

  it("a page that ends inside an unclosed fence gets no section appended inside it, and a warning", () => {
    // §1: an unclosed fence runs to the end of the file, so a section appended after it would be
    // invisible to the next run, which would append it again (README: it is left out, with a warning).
    expectSpliceOk("# Acme\n\n```\ndraft\n", b, "2025-01-02");
  });

  it("a page that ends inside an unclosed %% or <!-- comment; an unclosed $$ is text, so the sections come after it", () => {
    for (const opener of ["%%", "<!--", "$$"]) expectSpliceOk(`# Acme\n\n${opener}\ndraft\n`, b, "2025-01-02");
    for (const page of ["# Acme\n\n$$\ndraft\n", "# Acme\n\nDeal size: $$$\n"]) {
      const r = splicePage(page, b, DEFAULT_SETTINGS, "2025-01-02");
      expect(r.warnings).toEqual([]);
      expect(r.text).toBe(`---\nlast_contact: 2025-01-02\n---\n${page}\n## Key Facts\n\n- fact ([[Call]])\n\n## Account Status\n\n| Field | Value |\n|-------|-------|\n| **Last contact** | 2025-01-02 |\n`);
    }
  });

  it("an unclosed fence inside a managed body is replaced with it: the sections missing at the end are added in the same run", () => {
    // The fence runs to the end of the file inside Recent Context's body; the body is replaced, so
    // after this run the page no longer ends inside a fence, and the next run would add them.
    const both: Bodies = { recentContext: ["- 2025-01-02: [[Call]]"], accountStatus: ["| Field | Value |", "|-------|-------|", "| **Last contact** | 2025-01-02 |"] };
    expectSpliceOk("# Acme\n## Recent Context\n```\nold\n", both, "2025-01-02");
  });

  it("a fence left open inside a quote ends with the quote: sections are added after it, whether or not the file ends with a line break", () => {
    // `> ```` without a final line break: held back on the first run, added on the second.
    expectSpliceOk("# Acme\n> ```\n> x", { recentContext: ["- 2025-01-02: [[Call]]"] }, "2025-01-02");
  });

  it("a heading indented two spaces after a managed body that ends in a list stays a heading of its own", () => {
    // `- fact` / blank / `  ## Notes`: indented to the list item's content, the heading would belong to
    // the item, so the next run would read the Notes section as part of Key Facts and delete it.
    expectSpliceOk("# Acme\n## Key Facts\nold\n  ## Notes\nmine\n", { keyFacts: ["- fact ([[Call]])"] }, "2025-01-02");
    expectSpliceOk("  # Topics\nmine\n", { recentContext: ["- 2025-01-02: [[Call]]"] }, "2025-01-02");
  });

  it("a line holding only a no-break space is not blank (CommonMark): it is kept at the end of the file", () => {
    expectSpliceOk("# Acme\n## Notes\nmine\n\u00A0\n", b, "2025-01-02");
  });

  it("frontmatter alone, without a final line break: the file still ends with its line break", () => {
    expectSpliceOk("---\ntype: customer\n---", {}, "2025-01-02", {
      kind: "valid",
      yaml: ["type: customer"],
      open: "---",
      close: "---",
      expected: (v) => ["type: customer", `last_contact: ${v}`],
    });
  });
});

describe("CommonMark corners where a heading is or is not there", () => {
  const b: Bodies = { keyFacts: ["- fact ([[Call]])"] };

  it("a lazy continuation line after a quote is not a setext heading: the lines below it are the user's", () => {
    // `> quote` / `Key Facts` / `---` is a quote holding "quote Key Facts", then a rule.
    expectSpliceOk("# Acme\n## Notes\n> quote\nKey Facts\n---\nmine\n\n## Key Facts\nold\n", b, "2025-01-02");
  });

  it("a heading in a list item after a quote in that item is not top-level: it is not managed, and the lines below it are the user's", () => {
    // `- item` / `  > quote` / `  ## Key Facts`: the quote is inside the item, so is the heading.
    expectSpliceOk("# Acme\n## Notes\n- item\n  > quote\n  ## Key Facts\n  my nested text\nmine\n", b, "2025-01-02");
  });

  it("an empty `>` line after a list item ends the list: an indented heading after it is top-level, and its section the user's", () => {
    // `- a` / `>` / blank / `  ## Notes`: the quote line cannot continue the item, so the list ends.
    expectSpliceOk("# Acme\n## Key Facts\nold\n- a\n>\n\n  ## Notes\nmine\n", b, "2025-01-02");
  });

  it("a `#tag` line above `---` is a setext heading (CommonMark): it ends the managed body above it", () => {
    expectSpliceOk("# Acme\n## Key Facts\nold\n\n#important\n---\nmine\n", b, "2025-01-02");
  });
});

describe("a comment or math block opened in a managed body and closed below the body's end (B27-H)", () => {
  // The oracle reads no block opened on a quote's lazy line (B20), so these pages are built with
  // the lines known to be the user's: the quoted heading (which ends the body at or above it) and
  // everything below it. A block opened in the body and closed in the quote makes how those lines
  // read depend on the body, which the splice replaces: every later run, with whatever bodies,
  // must keep them, and a run repeated must change nothing.
  const crossing = fc
    .record({
      heading: fc.constantFrom(...SECTION_NAMES).chain((n) => fc.constantFrom(`## ${n}`, `# **${n.toLowerCase()}:**`, `### ${n.toUpperCase()}`)),
      old: fc.array(fc.constantFrom("- old item", "old text", "", "- [ ] old task"), { maxLength: 3 }),
      quote: fc.constantFrom(["> [!NOTE]- "], ["> [!tip] Title"], ["> quoted text"], [">> ```", "> [!NOTE]- "], [">> ```", "> quoted"], [">> deeper"]),
      pair: fc.constantFrom<[string, string]>(["%%", "> %%"], ["a %%", "> b %%"], ["<!--", "> -->"], ["$$", "> $$"], ["x $$", "> $$ y"]),
      inside: fc.array(fc.constantFrom("hidden", "> hidden", "## Notes"), { maxLength: 2 }),
      quoted: fc.constantFrom("> ## ", "> ## Mine", "> # Key Facts"),
      after: fc.array(fc.constantFrom("> more", "", "## Notes", "mine", "- [ ] my task"), { maxLength: 4 }),
      fm: fc.boolean(),
    })
    .map((g) => {
      const [opener, closer] = g.pair;
      const above = [...(g.fm ? ["---", "type: customer", "---"] : []), "# Acme", g.heading, ...g.old, ...g.quote, opener, ...g.inside, closer];
      const mine = [g.quoted, ...g.after];
      return { text: [...above, ...mine].join("\n"), mine };
    });

  const keepsInOrder = (out: string, mine: readonly string[]): void => {
    const got = out.split("\n");
    let j = 0;
    for (const line of mine.filter((l) => l !== "")) {
      while (j < got.length && got[j] !== line) j++;
      expect(j, `${JSON.stringify(line)} kept in ${JSON.stringify(out)}`).toBeLessThan(got.length);
      j++;
    }
  };

  it("keeps the user's lines below it on every later run, whatever the bodies, and a run repeated changes nothing", () => {
    fc.assert(
      fc.property(crossing, bodies, bodies, lastContact, (p, b1, b2, lc) => {
        const first = splicePage(p.text, b1, DEFAULT_SETTINGS, lc);
        expect(splicePage(first.text, b1, DEFAULT_SETTINGS, lc).text).toBe(first.text);
        let out = first.text;
        for (const b of [b2, b1, b2]) {
          keepsInOrder(out, p.mine);
          out = splicePage(out, b, DEFAULT_SETTINGS, lc).text;
        }
        keepsInOrder(out, p.mine);
      }),
      RUNS,
    );
  });

  it("the fuzzer's page, and the same with math or a comment closed by text: the section is left as it is, with a warning naming the line", () => {
    const b: Bodies = { recentContext: ["- 2025-01-02: [[Call]]"] };
    const pairs: Array<[string, string]> = [
      ["%%", "> %%"],
      ["a %%", "> b %%"],
      ["$$", "> $$"],
    ];
    for (const [opener, closer] of pairs) {
      const page = `---\n---\n# **recent context:**\n>> \`\`\`\n> [!NOTE]- \n${opener}\n${closer}\n> ## `;
      const r = splicePage(page, b, DEFAULT_SETTINGS, "2025-01-02");
      const kind = opener.includes("$$") ? "math" : "a comment";
      expect(r.warnings).toEqual([`section "**recent context:**": ${kind} opened on line 6 runs on past the section's end (line 7); the section is left as it is`]);
      expect(r.text).toBe(`---\nlast_contact: 2025-01-02\n${page.slice(4)}\n\n## Recent Context\n\n- 2025-01-02: [[Call]]\n`);
      expect(splicePage(r.text, b, DEFAULT_SETTINGS, "2025-01-02").text).toBe(r.text);
    }
  });
});
