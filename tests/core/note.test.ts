// parseNote: one note's kind, date, links, aliases, summary (§7) and items (§6).
import { describe, expect, it } from "vitest";
import { parseNote } from "../../src/core/note";
import { DEFAULT_SETTINGS } from "../../src/core/settings";

const parse = (text: string, path = "Notes/n.md") => parseNote(path, text, DEFAULT_SETTINGS);
const summary = (text: string, path = "Notes/n.md") => parse(text, path).note.summary;

describe("summary (§7 Recent Context)", () => {
  it("a footnote or link reference definition is skipped: the first paragraph of text is the summary", () => {
    expect(summary("[^1]: Footnote first for Soylent.\n\nReal paragraph.\n")).toBe("Real paragraph.");
    expect(summary("[docs]: https://example.com\n\nSoylent ref-def first.\n")).toBe("Soylent ref-def first.");
    expect(summary('[docs]: <https://example.com/a b> "Title"\n\nAfter.\n')).toBe("After.");
    expect(summary("- [ ] only a task\n\n[^note]: Only a footnote\n")).toBe(null);
    // Text that merely starts with a bracketed word is a paragraph.
    expect(summary("[Important]: call them back\n")).toBe("[Important]: call them back");
    // Text right after a link reference definition is a paragraph of its own (CommonMark).
    expect(summary("[docs]: https://example.com\nAcme renewed for two years.\n\nSecond.\n")).toBe("Acme renewed for two years.");
    // A byte order mark before the first line changes nothing.
    expect(summary("\uFEFF[^1]: Footnote.\n\nReal.\n")).toBe("Real.");
    // References go only for footnotes the note defines (ignoring case), not in code.
    expect(summary("Call.[^1] Regex [^a-z] kept.\n\n[^1]: detail\n")).toBe("Call. Regex [^a-z] kept.");
    expect(summary("Call.[^Note] Regex [^0-9] kept.\n\n```\n[^0-9]: in code\n```\n\n[^note]: detail\n")).toBe("Call. Regex [^0-9] kept.");
    // A footnote definition after a link reference definition is skipped too.
    expect(summary("[x]: y\n[^1]: footnote text\n")).toBe(null);
  });

  it("a backslash ending a line (a hard line break) is markup: it goes, the lines are joined with a space", () => {
    expect(summary("Acme a,\\\nb hard break\n")).toBe("Acme a, b hard break");
    // An escaped backslash is text (kept escaped, as every escaped character: clean.ts); a backslash
    // on the paragraph's last line has no line break.
    expect(summary("path C:\\\\\nnext\n")).toBe("path C:\\\\ next");
    expect(summary("ends with \\\n")).toBe("ends with \\");
  });

  it("is the frontmatter summary, cleaned", () => {
    expect(summary("---\nsummary: Kickoff with **Northstar** on [[Storage|storage]]\ndescription: other\n---\nPara\n")).toBe(
      "Kickoff with Northstar on storage",
    );
  });

  it("else the description", () => {
    expect(summary("---\ndescription: The `plan` for Q4\n---\nPara\n")).toBe("The plan for Q4");
  });

  it("else the first paragraph, lines joined with spaces", () => {
    expect(summary("# Title\n\nFirst line\nsecond line\n\nSecond paragraph\n")).toBe("First line second line");
  });

  it("skips quotes, callouts, lists, tables, #tag lines, rules and lone ^ids", () => {
    const text = [
      "> a quote",
      "",
      "> [!note] callout",
      "",
      "- a list",
      "1. numbered",
      "",
      "| a | b |",
      "|---|---|",
      "",
      "#meeting #acme",
      "",
      "---",
      "",
      "^id123",
      "",
      "The real summary.",
    ].join("\n");
    expect(summary(text)).toBe("The real summary.");
  });

  it("a delimiter row of another cell count than the line above is the paragraph's text (GFM, markdown-it, Lezer); one of the same count starts a table (B33-I)", () => {
    // 1 cell against 2, and a one-cell row under a line without `|`: no table, one paragraph.
    expect(summary("Met with Acme\n--|--\nabout prices\n")).toBe("Met with Acme --|-- about prices");
    expect(summary("Met with Acme\n-|\nabout prices\n")).toBe("Met with Acme -| about prices");
    // Counts equal (2 and 2; one cell with a `|`): a table, no summary; the next paragraph is it.
    expect(summary("Met a | b\n--|--\nabout\n\nThe real summary.\n")).toBe("The real summary.");
    expect(summary("Met |\n-|\nabout\n\nThe real summary.\n")).toBe("The real summary.");
  });

  it("stops at a table whose header row interrupts the paragraph (`|`-led), and at one in a list item (B33-G)", () => {
    expect(summary("Met with [[Acme]]:\n| a | b |\n|---|---|\n| c | d |\n")).toBe("Met with Acme:");
    expect(summary("- [ ] Send quote\n  | a | b |\n  |---|---|\n\nThe real summary.\n")).toBe("The real summary.");
    expect(parse("Met with [[Acme]]:\n| a | b |\n|---|---|\n\n- [ ] Send quote\n  | a | b |\n  |---|---|\n").note.items.map((i) => i.text)).toEqual(["Send quote"]);
  });

  it("skips invisible text and paragraphs that are empty after cleaning", () => {
    const text = "```\ncode para\n```\n\n%% hidden %%\n\n![[diagram.png]]\n\n<!-- c -->\n\nVisible text\n";
    expect(summary(text)).toBe("Visible text");
  });

  it("a multi-line comment is not the first paragraph", () => {
    expect(summary("%%\nsecret words\n%%\n\nVisible text\n")).toBe("Visible text");
  });

  it("removes comments inside the paragraph and keeps code text", () => {
    expect(summary("Use `npm test`%%not this%% daily\n")).toBe("Use npm test daily");
  });

  it("ends at a line that starts another block", () => {
    expect(summary("Intro line\n- item\n")).toBe("Intro line");
    expect(summary("Intro line\n## Heading\nmore\n")).toBe("Intro line");
  });

  it("a setext heading is not the summary", () => {
    expect(summary("Title\n=====\n\nBody text\n")).toBe("Body text");
  });

  it("is cut at 100 code points on a word boundary", () => {
    const long = "The Northstar team wants object storage with cross-region replication and a long retention window for audit logs";
    expect(summary(long)).toBe("The Northstar team wants object storage with cross-region replication and a long retention window...");
  });

  it("a frontmatter summary is cut too", () => {
    const long = `${"word ".repeat(30)}end`;
    const s = summary(`---\nsummary: ${long}\n---\n`)!;
    expect([...s].length).toBeLessThanOrEqual(103);
    expect(s.endsWith("word...")).toBe(true);
  });

  it("is null when there is nothing", () => {
    expect(summary("# Only a heading\n- list\n")).toBeNull();
    expect(summary("")).toBeNull();
  });

  it("entities have no summary or items", () => {
    const n = parse("Some text\n## Key Facts\n- fact\n", "People/Bob.md").note;
    expect(n.kind).toBe("person");
    expect(n.summary).toBeNull();
    expect(n.items).toEqual([]);
  });
});

describe("links, aliases, emptiness, errors", () => {
  it("links: frontmatter first, then the body in order", () => {
    const n = parse('---\nattendees: ["[[Maya]]"]\n---\nMet [[Dana]] and [x](Acme.md).\n').note;
    expect(n.links.map((l) => [l.kind, l.target.replace(/\.md$/, "")])).toEqual([
      ["fm", "Maya"],
      ["wiki", "Dana"],
      ["md", "Acme"],
    ]);
  });

  it("body links in code and comments are left out", () => {
    const n = parse("`[[A]]`\n%%[[B]]%%\n```\n[[C]]\n```\n[[D]]\n").note;
    expect(n.links.map((l) => l.target)).toEqual(["D"]);
  });

  it("aliases from `aliases` and `alias`, lists or comma-separated strings, trimmed", () => {
    const n = parse("---\naliases: [Rory, ' R. C. ']\nalias: Roars, Rors\n---\n").note;
    expect(n.aliases).toEqual(["Rory", "R. C.", "Roars", "Rors"]);
  });

  it("a whitespace-only note is empty", () => {
    expect(parse("").note.empty).toBe(true);
    expect(parse("  \n\t\n").note.empty).toBe(true);
    expect(parse("x").note.empty).toBe(false);
  });

  it("invalid frontmatter: an error, empty data, the body still read", () => {
    const n = parse("---\ntype: [customer\n---\nSee [[Acme]]\n## Key Facts\n- fact\n").note;
    expect(n.fmError).not.toBeNull();
    expect(n.fm.map.size).toBe(0);
    expect(n.links.map((l) => l.target)).toEqual(["Acme"]);
    expect(n.items.map((i) => i.text)).toEqual(["fact"]);
  });

  it("frontmatter lines are never read as body", () => {
    const n = parse("---\nnote: \"- [ ] not a task\"\n---\n").note;
    expect(n.items).toEqual([]);
    expect(n.summary).toBeNull();
  });

  it("a BOM does not hide a first-line heading or paragraph", () => {
    expect(summary("\uFEFFFirst paragraph\n")).toBe("First paragraph");
  });

  it("date comes from the rules of §4", () => {
    expect(parse("", "Daily/Oct 30th, 2025.md").note.date).toEqual({ year: 2025, month: 10, day: 30 });
  });

  it("mention text: visible body without note links, URLs and code, NFC", () => {
    const { mentionText } = parse("Acme`Code` [[Globex]] https://initech.io Cafe\u0301\n");
    expect(mentionText).toContain("Acme");
    expect(mentionText).not.toContain("Code");
    expect(mentionText).not.toContain("Globex");
    expect(mentionText).not.toContain("initech");
    expect(mentionText).toContain("Café");
  });

  it("a comment starting a line is an HTML block (CommonMark type 2): a line indented four after it is code", () => {
    for (const text of ["<!-- x -->\n    Acme and [[Hid]] in code\n", "Some text.\n<!-- c -->\n    Acme and [[Hid]] in code\n", "<!-- two\nlines -->\n    Acme and [[Hid]] in code\n"]) {
      const { note, mentionText } = parse(text);
      expect(note.links, text).toEqual([]);
      expect(mentionText, text).not.toContain("Acme");
      expect(note.summary ?? "", text).not.toContain("Acme");
    }
    // It interrupts a paragraph: the summary is the paragraph before it.
    expect(summary("Kickoff with Acme.\n<!-- fill in -->\nMore text.\n")).toBe("Kickoff with Acme.");
    // A comment inside a paragraph's line is no block: the paragraph goes on.
    expect(summary("Kickoff <!-- c --> with Acme.\n    More text.\n")).toBe("Kickoff with Acme. More text.");
  });

  it("a `<pre>`, `<script>`, `<?`, `<!X` or `<![CDATA[` block is raw HTML (CommonMark types 1, 3–5): no summary, items or sections from its lines; its links count (B33-A)", () => {
    const text = "<pre>\nSee [[Acme]] for the log.\n\n## Key Facts\n- copied fact\n- [ ] not a task\n</pre>\nKickoff with Acme.\n\n## Key Facts\n- real fact\n- [ ] Send the quote\n";
    const n = parse(text).note;
    expect(n.summary).toBe("Kickoff with Acme.");
    expect(n.items.map((i) => [i.section, i.text])).toEqual([
      ["keyFacts", "real fact"],
      ["openTasks", "Send the quote"],
    ]);
    expect(n.links.map((l) => l.target)).toEqual(["Acme"]);
    for (const opener of ["<script>", "<?php", "<!DOCTYPE html", "<![CDATA["]) {
      const m = parse(`${opener}\nFirst line, no summary\n- [ ] hidden\n\n## Key Facts\n- hidden fact\n`).note;
      expect(m.summary, opener).toBeNull();
      expect(m.items, opener).toEqual([]);
    }
  });

  it("mention text: an HTML tag shows none of its own text, what lies between tags stays", () => {
    const { mentionText } = parse('Inline <span title="Acme">Globex</span> and <img alt="Initech" src="x.png"/> a < b > c\n');
    expect(mentionText).not.toContain("Acme");
    expect(mentionText).not.toContain("Initech");
    expect(mentionText).toContain("Globex");
    expect(mentionText).toContain("a < b > c");
    // A `<` whose `>` is on a later line, or text that is no tag by CommonMark's grammar, hides nothing.
    const across = parse("Sync notes <draft to be cleaned up\n\n## Key Facts\n- Acme wants SSO by March -> Jane to confirm\n").mentionText;
    expect(across).toContain("Acme wants SSO");
    expect(parse("Latency <p99 at Acme is 2s> today\n").mentionText).toContain("Acme");
    // CommonMark lets a tag's whitespace hold one line ending.
    expect(parse('Rollout <span\ntitle="Acme">went fine</span> today.\n').mentionText).not.toContain("Acme");
    expect(parse('<img src="logo.png"\n     alt="Acme logo">\n').mentionText).not.toContain("Acme");
  });
});
