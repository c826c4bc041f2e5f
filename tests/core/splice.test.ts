// §7 The page, regenerated in place: managed sections, insertion, layout, frontmatter edit.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, SECTION_IDS, type SectionId, type Settings } from "../../src/core/settings";
import { findSections, setFrontmatterKey, splicePage } from "../../src/core/splice";

type Bodies = Partial<Record<SectionId, string[]>>;
const LC = "2025-10-30";
const splice = (text: string, bodies: Bodies, settings: Settings = DEFAULT_SETTINGS) => splicePage(text, bodies, settings, LC);
const out = (text: string, bodies: Bodies, settings?: Settings) => splice(text, bodies, settings).text;
const FM = `---\nlast_contact: ${LC}\n---\n`;

describe("replacing managed bodies (layout rule)", () => {
  it("heading EOL EOL body EOL EOL; other sections kept byte for byte", () => {
    const page = "---\ntype: customer\n---\n# Acme\n\nIntro.\n## Key Facts\nold fact\n\n\n## Notes\nmine  \n";
    expect(out(page, { keyFacts: ["- a", "- b"] })).toBe(
      `---\ntype: customer\nlast_contact: ${LC}\n---\n# Acme\n\nIntro.\n## Key Facts\n\n- a\n- b\n\n## Notes\nmine  \n`,
    );
  });

  it("a body's lines are joined with the page's own EOL, the same body array for pages of either kind", () => {
    const body = ["- a", "- b"];
    expect(out("# Acme\n## Key Facts\nold\n## Notes\nx\n", { keyFacts: body })).toBe(`${FM}# Acme\n## Key Facts\n\n- a\n- b\n\n## Notes\nx\n`);
    expect(out("# Acme\r\n## Key Facts\r\nold\r\n## Notes\r\nx\r\n", { keyFacts: body })).toBe(
      `---\r\nlast_contact: ${LC}\r\n---\r\n# Acme\r\n## Key Facts\r\n\r\n- a\r\n- b\r\n\r\n## Notes\r\nx\r\n`,
    );
    expect(out("# Acme\n## Key Facts\nold\n## Notes\nx\n", { keyFacts: body })).toBe(`${FM}# Acme\n## Key Facts\n\n- a\n- b\n\n## Notes\nx\n`);
  });

  it("a body ending in blank lines: kept line by line before a section, dropped at the end of the page", () => {
    // Pages never get such bodies from the engine; what matters is that joining the lines changes nothing.
    expect(out("# Acme\n## Key Facts\nold\n## Notes\nx\n", { keyFacts: ["- a", "", "  "] })).toBe(`${FM}# Acme\n## Key Facts\n\n- a\n\n  \n\n## Notes\nx\n`);
    expect(out("# Acme\n## Key Facts\nold\n", { keyFacts: ["- a", ""] })).toBe(`${FM}# Acme\n## Key Facts\n\n- a\n`);
  });

  it("an empty body is heading EOL EOL; a section that exists is never removed", () => {
    expect(out("# Acme\n## Key Facts\nold\n## Topics\nold topics\n## Notes\nx\n", {})).toBe(
      `${FM}# Acme\n## Key Facts\n\n## Topics\n\n## Notes\nx\n`,
    );
  });

  it("a managed section at the end of a file without a final line break", () => {
    expect(out("# Acme\n## Key Facts\nold", { keyFacts: ["- a"] })).toBe(`${FM}# Acme\n## Key Facts\n\n- a\n`);
    expect(out("# Acme\n## Key Facts", { keyFacts: ["- a"] })).toBe(`${FM}# Acme\n## Key Facts\n\n- a\n`);
  });

  it("the body runs to the next heading of any level: a user's subheading survives", () => {
    expect(out("## Key Facts\nold\n### Mine\nmy text\n## Notes\n", { keyFacts: ["- k"] })).toBe(
      `${FM}## Key Facts\n\n- k\n\n### Mine\nmy text\n## Notes\n`,
    );
  });

  it("a heading in a quote or callout ends the body too, at the quote's first line; one in a list item does not", () => {
    // The quote and the callout are the user's, written below a managed section with no heading of
    // their own; the list item is indistinguishable from the page's own items (`- ## Pricing`).
    const callout = ["> [!note] Mine", "> first", "> ## Quoted heading", "> text", "> ## second"];
    const page = [
      "## Key Facts",
      "- old",
      "",
      ...callout,
      "",
      "## Topics",
      "- old topic",
      "- ## Outline heading",
      "  - replaced with the body",
      "",
      "> plain quote, no heading: part of the body",
      "",
      "## Notes",
      "",
    ].join("\n");
    const expected = [
      "## Key Facts",
      "",
      "- k",
      "",
      ...callout,
      "",
      "## Topics",
      "",
      "- t",
      "",
      "## Notes",
      "",
    ].join("\n");
    expect(out(page, { keyFacts: ["- k"], topics: ["- t"] })).toBe(`${FM}${expected}`);
    expect(out(`${FM}${expected}`, { keyFacts: ["- k"], topics: ["- t"] })).toBe(`${FM}${expected}`);
  });

  it("a footnote definition starting a paragraph ends the body too: Obsidian writes them at the page's end", () => {
    const page = "# Acme\nIntro.[^1] More.[^2]\n\n## Related People\n\n- [[Bob]]\n\n[^1]: Founded 2014.\n[^2]: Raised in 2015.\n    Series A.\n";
    const expected = `${FM}# Acme\nIntro.[^1] More.[^2]\n\n## Related People\n\n- [[Bob]]\n- [[Carol]]\n\n[^1]: Founded 2014.\n[^2]: Raised in 2015.\n    Series A.\n`;
    expect(out(page, { relatedPeople: ["- [[Bob]]", "- [[Carol]]"] })).toBe(expected);
    expect(out(expected, { relatedPeople: ["- [[Bob]]", "- [[Carol]]"] })).toBe(expected);
    // Not one that continues a paragraph or an item, nor a footnote reference.
    expect(out("## Key Facts\nold\n[^1]: lazy\n- x\n[^2]: in the item\n\nSee [^3] here\n", { keyFacts: ["- k"] })).toBe(`${FM}## Key Facts\n\n- k\n`);
  });

  it("the quote's start is the first of the `>` lines right above its heading, the same on the next run", () => {
    // Found by the fuzzer: after a paragraph line the scanner read `>       - [[a` and the lazy `b]]`
    // as one quote with the heading below; after the body and its blank line, as two. A lazy line
    // ends the run of `>` lines, so both runs keep `> ## ` alone.
    const page = "Recent Context\n===\n^abc\n>       - [[a\nb]]\n> ## \n";
    const once = out(page, { recentContext: ["- r"] });
    expect(once).toBe(`${FM}Recent Context\n===\n\n- r\n\n> ## \n`);
    expect(out(once, { recentContext: ["- r"] })).toBe(once);
    // A `>` line that starts inside math opened in the body is no part of the run either.
    const math = "## Recent Context\n$$\n> - $$\n> ## Mine\n> [!NOTE]- \n$$x$$\n";
    const m1 = out(math, { recentContext: ["- r"] });
    expect(m1).toBe(`${FM}## Recent Context\n\n- r\n\n> ## Mine\n> [!NOTE]- \n$$x$$\n`);
    expect(out(m1, { recentContext: ["- r"] })).toBe(m1);
  });

  it("a missing section goes after a quote that ends the body above it", () => {
    expect(out("## Recent Context\nold\n> ## Mine\n> text\n## Notes\n", { recentContext: ["- r"], keyFacts: ["- k"] })).toBe(
      `${FM}## Recent Context\n\n- r\n\n> ## Mine\n> text\n\n## Key Facts\n\n- k\n\n## Notes\n`,
    );
  });

  it("managed names follow §6: any level, any case, ** and a trailing colon", () => {
    expect(out("# A\n#### **key facts:**\nold\n", { keyFacts: ["- k"] })).toBe(`${FM}# A\n#### **key facts:**\n\n- k\n`);
  });

  it("headings inside quotes, callouts, lists or code are not managed", () => {
    const page = "# Acme\n> ## Key Facts\n> old\n\n- item\n  ## Key Facts\n\n```\n## Key Facts\n```\n";
    expect(out(page, { keyFacts: ["- k"] })).toBe(`${FM}${page}\n## Key Facts\n\n- k\n`);
  });

  it("setext headings are managed and kept as written", () => {
    const page = "Acme\n====\n\nKey Facts\n---------\nold\n\nNotes\n-----\nmine\n";
    expect(out(page, { keyFacts: ["- k"] })).toBe(`${FM}Acme\n====\n\nKey Facts\n---------\n\n- k\n\nNotes\n-----\nmine\n`);
  });

  it("the text before the first heading is kept byte for byte", () => {
    expect(out("Intro   \n\n\n# Acme\n", {})).toBe(`${FM}Intro   \n\n\n# Acme\n`);
  });

  it("the file ends with one EOL after its last non-blank line", () => {
    expect(out("# Acme\n\nText\n\n\n\n", {})).toBe(`${FM}# Acme\n\nText\n`);
    expect(out("# Acme", {})).toBe(`${FM}# Acme\n`);
    expect(out("# Acme\n## Notes\n  \n\n", {})).toBe(`${FM}# Acme\n## Notes\n`);
  });

  it("a second managed heading of the same name is kept, with a warning naming it", () => {
    const r = splice("## Key Facts\nfirst\n## Key Facts\nsecond\n", { keyFacts: ["- k"] });
    expect(r.text).toBe(`${FM}## Key Facts\n\n- k\n\n## Key Facts\nsecond\n`);
    expect(r.warnings.length).toBe(1);
    expect(r.warnings[0]).toContain("Key Facts");
  });

  it("unmanaged sections (turned off in settings) are left as written", () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, managedSections: { ...DEFAULT_SETTINGS.managedSections, keyFacts: false } };
    expect(out("## Key Facts\nmine\n", { keyFacts: ["- k"] }, settings)).toBe(`${FM}## Key Facts\nmine\n`);
  });

  it("renamed sections are found by their configured names", () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, sectionNames: { ...DEFAULT_SETTINGS.sectionNames, keyFacts: "Fakten" } };
    expect(out("## Fakten\nalt\n", { keyFacts: ["- k"] }, settings)).toBe(`${FM}## Fakten\n\n- k\n`);
    expect(out("# A\n", { keyFacts: ["- k"] }, settings)).toBe(`${FM}# A\n\n## Fakten\n\n- k\n`);
  });
});

describe("inserting missing sections (insertion rule)", () => {
  it("only when the body is not empty", () => {
    expect(out("# Acme\n", { keyFacts: [], topics: [] })).toBe(`${FM}# Acme\n`);
  });

  it("after the nearest earlier managed section, past its subsections, at its level", () => {
    const page = "# Acme\n## Recent Context\nold rc\n### Sub\nsub text\n## Account Status\nold\n";
    expect(out(page, { recentContext: ["- r"], keyFacts: ["- k"], accountStatus: ["| s |"] })).toBe(
      `${FM}# Acme\n## Recent Context\n\n- r\n\n### Sub\nsub text\n\n## Key Facts\n\n- k\n\n## Account Status\n\n| s |\n`,
    );
  });

  it("before the next heading at that section's level or higher", () => {
    const page = "## Recent Context\nr\n## Notes\nmine\n";
    expect(out(page, { recentContext: ["- r"], keyFacts: ["- k"] })).toBe(
      `${FM}## Recent Context\n\n- r\n\n## Key Facts\n\n- k\n\n## Notes\nmine\n`,
    );
    const page2 = "# Acme\n### Recent Context\nr\n## Notes\nmine\n";
    expect(out(page2, { recentContext: ["- r"], keyFacts: ["- k"] })).toBe(
      `${FM}# Acme\n### Recent Context\n\n- r\n\n### Key Facts\n\n- k\n\n## Notes\nmine\n`,
    );
  });

  it("at the level of the earlier section", () => {
    expect(out("# Recent Context\nr\n", { recentContext: ["- r"], keyFacts: ["- k"] })).toBe(
      `${FM}# Recent Context\n\n- r\n\n# Key Facts\n\n- k\n`,
    );
  });

  it("else before the nearest later one, at its level", () => {
    expect(out("# Acme\n### Account Status\nold\n", { recentContext: ["- r"], accountStatus: ["| s |"] })).toBe(
      `${FM}# Acme\n\n### Recent Context\n\n- r\n\n### Account Status\n\n| s |\n`,
    );
  });

  it("else at the end as ##", () => {
    expect(out("# Acme\n\nIntro\n", { keyFacts: ["- k"] })).toBe(`${FM}# Acme\n\nIntro\n\n## Key Facts\n\n- k\n`);
    expect(out("# Acme\n## Notes\nmine\n", { keyFacts: ["- k"] })).toBe(`${FM}# Acme\n## Notes\nmine\n\n## Key Facts\n\n- k\n`);
  });

  it("in canonical order; one inserted earlier counts as existing", () => {
    const page = "## Recent Context\nr\n## Blockers\nb\n";
    expect(out(page, { recentContext: ["- r"], keyFacts: ["- k"], opportunities: ["- o"], blockers: ["- ❌ b"], keyDecisions: ["- ✅ d"] })).toBe(
      `${FM}## Recent Context\n\n- r\n\n## Key Facts\n\n- k\n\n## Opportunities\n\n- o\n\n## Blockers\n\n- ❌ b\n\n## Key Decisions\n\n- ✅ d\n`,
    );
  });

  it("all at the end in canonical order when none exists", () => {
    expect(out("# Acme\n", { relatedPeople: ["- [[P]]"], recentContext: ["- r"], topics: ["t"] })).toBe(
      `${FM}# Acme\n\n## Recent Context\n\n- r\n\n## Topics\n\nt\n\n## Related People\n\n- [[P]]\n`,
    );
  });

  it("an inserted heading has exactly one blank line before it", () => {
    expect(out("## Recent Context\nold\n\n\n\n## Notes\nx\n", { recentContext: ["- r"], keyFacts: ["- k"] })).toBe(
      `${FM}## Recent Context\n\n- r\n\n## Key Facts\n\n- k\n\n## Notes\nx\n`,
    );
    expect(out("# Acme\n## Notes\nx\n\n\n\n", { keyFacts: ["- k"] })).toBe(`${FM}# Acme\n## Notes\nx\n\n## Key Facts\n\n- k\n`);
  });

  it("a page with nothing but frontmatter", () => {
    expect(out("---\na: b\n---\n", { keyFacts: ["- k"] })).toBe(`---\na: b\nlast_contact: ${LC}\n---\n\n## Key Facts\n\n- k\n`);
  });

  it("a page that ends at its closing `---` still ends with one EOL", () => {
    expect(out("---\na: b\n---", {})).toBe(`---\na: b\nlast_contact: ${LC}\n---\n`);
  });

  it("an empty page", () => {
    expect(out("", { keyFacts: ["- k"] })).toBe(`${FM}\n## Key Facts\n\n- k\n`);
  });
});

describe("line endings, BOM, frontmatter", () => {
  it("keeps CRLF everywhere it writes", () => {
    const page = "---\r\ntype: customer\r\n---\r\n# Acme\r\n## Key Facts\r\nold\r\n";
    expect(out(page, { keyFacts: ["- k"], topics: ["t"] })).toBe(
      `---\r\ntype: customer\r\nlast_contact: ${LC}\r\n---\r\n# Acme\r\n## Key Facts\r\n\r\n- k\r\n\r\n## Topics\r\n\r\nt\r\n`,
    );
  });

  it("CRLF on a page without frontmatter", () => {
    expect(out("# Acme\r\nText\r\n", { keyFacts: ["- k"] })).toBe(`---\r\nlast_contact: ${LC}\r\n---\r\n# Acme\r\nText\r\n\r\n## Key Facts\r\n\r\n- k\r\n`);
  });

  it("the first line break decides", () => {
    expect(out("# Acme\r\nText\n", { keyFacts: ["- k"] })).toBe(`---\r\nlast_contact: ${LC}\r\n---\r\n# Acme\r\nText\n\r\n## Key Facts\r\n\r\n- k\r\n`);
  });

  it("keeps the BOM, with and without frontmatter", () => {
    expect(out("\uFEFF# Acme\n", {})).toBe(`\uFEFF${FM}# Acme\n`);
    expect(out("\uFEFF---\na: b\n---\n# Acme\n", {})).toBe(`\uFEFF---\na: b\nlast_contact: ${LC}\n---\n# Acme\n`);
  });

  it("edits an existing last_contact in place", () => {
    expect(out("---\ntype: customer\nlast_contact: unknown\ntags: [x]\n---\n# A\n", {})).toBe(
      `---\ntype: customer\nlast_contact: ${LC}\ntags: [x]\n---\n# A\n`,
    );
  });

  it("adds last_contact as the last line before the closing ---, which keeps its spaces", () => {
    expect(out("---\na: b\n---  \n# A\n", {})).toBe(`---\na: b\nlast_contact: ${LC}\n---  \n# A\n`);
  });

  it("invalid frontmatter is kept untouched, with a warning; the body is still regenerated", () => {
    const r = splice("---\na: [\n---\n# Acme\n## Key Facts\nold\n", { keyFacts: ["- k"] });
    expect(r.text).toBe("---\na: [\n---\n# Acme\n## Key Facts\n\n- k\n");
    expect(r.warnings.length).toBe(1);
    const dup = splice("---\na: 1\na: 2\n---\n# Acme\n", {});
    expect(dup.text).toBe("---\na: 1\na: 2\n---\n# Acme\n");
    expect(dup.warnings.length).toBe(1);
  });

  it("frontmatter that is a list is invalid too", () => {
    const r = splice("---\n- a\n---\n# Acme\n", {});
    expect(r.text).toBe("---\n- a\n---\n# Acme\n");
    expect(r.warnings.length).toBe(1);
  });

  it("empty frontmatter gets the key", () => {
    expect(out("---\n---\n# A\n", {})).toBe(`---\nlast_contact: ${LC}\n---\n# A\n`);
  });

  it("a lone `---` with no closing line is not frontmatter: a new block is added", () => {
    expect(out("---\n# A\n", {})).toBe(`${FM}---\n# A\n`);
  });
});

describe("setFrontmatterKey (§7 Frontmatter)", () => {
  const set = (yaml: string) => setFrontmatterKey(yaml, "last_contact", "2025-10-30", "\n");

  it.each([
    ["last_contact: unknown\n", "last_contact: 2025-10-30\n"],
    ["last_contact:    unknown\n", "last_contact:    2025-10-30\n"],
    ["last_contact: 'unknown'\n", "last_contact: '2025-10-30'\n"],
    ['last_contact: "unknown"\n', 'last_contact: "2025-10-30"\n'],
    ['last_contact:  "unknown"   # set by the tool\n', 'last_contact:  "2025-10-30"   # set by the tool\n'],
    ["last_contact: unknown # auto\n", "last_contact: 2025-10-30 # auto\n"],
    ["last_contact: 2025-01-01   # auto\n", "last_contact: 2025-10-30   # auto\n"],
    ["last_contact:\n", "last_contact: 2025-10-30\n"],
    ["last_contact: # none yet\n", "last_contact: 2025-10-30 # none yet\n"],
    ["Last_Contact: unknown\n", "Last_Contact: 2025-10-30\n"],
    ["last_contact : unknown\n", "last_contact : 2025-10-30\n"],
    ["a: 1\nlast_contact: x\nb: 2\n", "a: 1\nlast_contact: 2025-10-30\nb: 2\n"],
  ])("%j → %j", (yaml, expected) => {
    expect(set(yaml)).toBe(expected);
  });

  it("adds the key, unquoted, as the last line", () => {
    expect(set("a: 1\n# comment\nb: [x]\n")).toBe("a: 1\n# comment\nb: [x]\nlast_contact: 2025-10-30\n");
    expect(set("")).toBe("last_contact: 2025-10-30\n");
  });

  it("a quoted key is the same key: its quotes kept, only the value changed (§7)", () => {
    expect(set('type: customer\n"last_contact": 2025-01-01\n')).toBe('type: customer\n"last_contact": 2025-10-30\n');
    expect(set("'last_contact' : 2025-01-01 # kept\n")).toBe("'last_contact' : 2025-10-30 # kept\n");
    expect(set('"last_contact_x": keep\n')).toBe('"last_contact_x": keep\nlast_contact: 2025-10-30\n');
  });

  it("a customer page with a quoted last_contact key gets its date, with no warning", () => {
    const r = splice('---\ntype: customer\n"last_contact": 2025-01-01\n---\n# Acme\n', {});
    expect(r.warnings).toEqual([]);
    expect(r.text).toBe(`---\ntype: customer\n"last_contact": ${LC}\n---\n# Acme\n`);
  });

  it("does not take a longer key or a nested key for it", () => {
    expect(set("last_contact_note: keep\n")).toBe("last_contact_note: keep\nlast_contact: 2025-10-30\n");
    expect(set("meta:\n  last_contact: keep\n")).toBe("meta:\n  last_contact: keep\nlast_contact: 2025-10-30\n");
  });

  it("keeps CRLF", () => {
    expect(setFrontmatterKey("a: 1\r\nlast_contact: x\r\n", "last_contact", "2025-10-30", "\r\n")).toBe("a: 1\r\nlast_contact: 2025-10-30\r\n");
    expect(setFrontmatterKey("a: 1\r\n", "last_contact", "2025-10-30", "\r\n")).toBe("a: 1\r\nlast_contact: 2025-10-30\r\n");
  });

  it("a value over several lines is replaced whole, blank lines inside it too", () => {
    expect(set("last_contact:\n  - 2025-01-01\n\n  - 2025-02-02\nb: 2\n")).toBe("last_contact: 2025-10-30\nb: 2\n");
    expect(set("last_contact: |\n  # text of the scalar\n  more\nb: 2\n")).toBe("last_contact: 2025-10-30\nb: 2\n");
    expect(set("last_contact:\n- 2025-01-01\n- 2025-02-02\n")).toBe("last_contact: 2025-10-30\n");
  });

  it("keeps indented comment lines after the value (no part of it): every line of the user's is kept", () => {
    expect(set("type: customer\nlast_contact: 2025-01-01\n  # keep this comment\nstatus: Active\n")).toBe(
      "type: customer\nlast_contact: 2025-10-30\n  # keep this comment\nstatus: Active\n",
    );
    expect(set("last_contact:\n  - 2025-01-01\n  # between\n  - 2025-02-02\n\nb: 2\n")).toBe("last_contact: 2025-10-30\n  # between\n\nb: 2\n");
    expect(setFrontmatterKey("last_contact: x\r\n  # c\r\n", "last_contact", "2025-10-30", "\r\n")).toBe("last_contact: 2025-10-30\r\n  # c\r\n");
    expect(set("last_contact: x\n  # last, no line break")).toBe("last_contact: 2025-10-30\n  # last, no line break");
  });

  it("keeps a quoted value's quote style with escapes", () => {
    expect(set("last_contact: 'it''s'\n")).toBe("last_contact: '2025-10-30'\n");
    expect(set('last_contact: "a\\"b" # c\n')).toBe('last_contact: "2025-10-30" # c\n');
  });
});

describe("idempotence: a second run changes nothing", () => {
  const cases: Array<[string, Bodies]> = [
    ["# Acme\n", { recentContext: ["- r"], keyFacts: ["- k"], accountStatus: ["| a |", "|---|"] }],
    ["---\na: b\n---\n# Acme\n## Notes\nmine\n\n\n", { keyFacts: ["- k"], relatedPeople: ["- [[P]]"] }],
    ["## Recent Context\nr\n### Sub\ns\n## Blockers\nb\n", { recentContext: ["- r"], keyFacts: ["- k"], keyDecisions: ["- ✅ d"] }],
    ["\uFEFF---\r\nlast_contact: unknown # c\r\n---\r\n# A\r\n## Key Facts\r\nx\r\n", { keyFacts: ["- k"], topics: ["t"] }],
    ["Key Facts\n---------\nold\n", { keyFacts: ["- k"], topics: ["t"] }],
    ["---\nbad: [\n---\n# A\n", { keyFacts: ["- k"] }],
    ["", { keyFacts: ["- k"] }],
    ["# A\n## Key Facts\n## Key Facts\nsecond\n", { keyFacts: ["- k"] }],
    ["# Acme\n### Account Status\nold\n", { recentContext: ["- r"], accountStatus: ["| s |"] }],
  ];
  it.each(cases)("%j", (page, bodies) => {
    const once = out(page, bodies);
    expect(out(once, bodies)).toBe(once);
  });
});

describe("idempotence and preservation on generated pages (property)", () => {
  const names = [...SECTION_IDS.map((id) => DEFAULT_SETTINGS.sectionNames[id]), "Notes", "Related", "key facts", "**Open Tasks:**", "Acme"];
  // Closed fences and comments here; an unclosed one is tested on its own below.
  const line = fc.constantFrom(
    "", "  ", "text", "- item", "- [ ] task", "> quote", "> ## Key Facts", "| a | b |", "---", "[[Link]]", "#tag",
    "```\n## Key Facts\n```", "%%\n## Topics\n%%", "a %% c %% b", "<!-- ## Notes -->", "    ## Indented code",
  );
  const heading = fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom(...names), fc.boolean())
    .map(([level, name, setext]) => (setext && level <= 2 ? [name, level === 1 ? "=====" : "-----"] : [`${"#".repeat(level)} ${name}`]));
  const section = fc.tuple(heading, fc.array(line, { maxLength: 4 })).map(([h, body]) => [...h, ...body]);
  const frontmatter = fc.constantFrom("", "---\na: b\n---\n", "---\nlast_contact: unknown # c\n---\n", "---\n---\n", "---\na: [\n---\n");
  const bodyLine = fc.constantFrom("- x", "- [ ] y", "| a |", "t1, t2", "- ✅ d");
  const bodies = fc.dictionary(fc.constantFrom(...SECTION_IDS), fc.array(bodyLine, { maxLength: 3 }), { maxKeys: 6 });
  const page = fc
    .tuple(fc.boolean(), frontmatter, fc.array(line, { maxLength: 3 }), fc.array(section, { maxLength: 6 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
    .map(([bom, fmText, pre, secs, eol, finalEol]) => {
      const text = fmText + [...pre, ...secs.flat()].join("\n") + (finalEol ? "\n" : "");
      return (bom ? "\uFEFF" : "") + text.replace(/\n/g, eol);
    });

  it("a second splice of its own output is identical", () => {
    fc.assert(
      fc.property(page, bodies, (text, b) => {
        const once = out(text, b);
        expect(out(once, b)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it("the frontmatter's other lines, the BOM and every unmanaged heading are kept", () => {
    fc.assert(
      fc.property(page, bodies, (text, b) => {
        const once = out(text, b);
        expect(once.startsWith("\uFEFF")).toBe(text.startsWith("\uFEFF"));
        const before = findSections(text, DEFAULT_SETTINGS);
        const after = findSections(once, DEFAULT_SETTINGS);
        const unmanaged = (x: typeof before) => x.sections.filter((s) => s.id === null).map((s) => s.name);
        expect(unmanaged(after)).toEqual(unmanaged(before));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("idempotence with an unclosed fence or comment at the end (§1: it runs to the end of the file)", () => {
  it.each([
    ["an unclosed %%", "# Acme\n\n%% draft notes\n"],
    ["an unclosed <!--", "# Acme\n\n<!-- draft notes\n"],
    ["an unclosed fence", "# Acme\n\n```\ncode\n"],
  ])("%s: a second run changes nothing", (_name, page) => {
    const once = out(page, { keyFacts: ["- k"] });
    expect(out(once, { keyFacts: ["- k"] })).toBe(once);
  });
});

describe("findSections", () => {
  it("lists top-level sections with their managed ids and body lines", () => {
    const page = "---\na: b\n---\n# Acme\n## Open Tasks\n- [ ] x\n## Notes\n";
    const s = findSections(page, DEFAULT_SETTINGS);
    expect(s.sections.map((x) => [x.id, x.level, x.name, x.bodyStartLine, x.bodyEndLine])).toEqual([
      [null, 1, "Acme", 4, 4],
      ["openTasks", 2, "Open Tasks", 5, 6],
      [null, 2, "Notes", 7, 7],
    ]);
    expect(s.eol).toBe("\n");
  });
});
