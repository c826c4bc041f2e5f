// Corners the fuzzer found after the first round of fixes: each must stay idempotent and keep the
// user's lines.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { onlyKeyChanged, splicePage } from "../../src/core/splice";
import { VaultIndex } from "../../src/core/vault-index";

/**
 * The page after one run with a Key Facts body: no warning, and a second run leaves it as it is.
 */
function keyFactsTwice(page: string): string {
  const bodies = { keyFacts: ["- new"] };
  const once = splicePage(page, bodies, DEFAULT_SETTINGS, "2025-03-04");
  expect(once.warnings).toEqual([]);
  expect(splicePage(once.text, bodies, DEFAULT_SETTINGS, "2025-03-04").text).toBe(once.text);
  return once.text;
}

describe("splice corners", () => {
  it("a managed heading whose line opens a comment that closes below is left as it is", () => {
    const page = "---\n---\n# Blockers<!--\n<!--\n-->";
    const bodies = { blockers: ["- ❌ risk"], collaborators: ["- [ ] alpha"] };
    const once = splicePage(page, bodies, DEFAULT_SETTINGS, "2025-03-04");
    // That heading is no managed section: Blockers and Collaborators are added at the end, as `##`.
    expect(once.text).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Blockers<!--\n<!--\n-->\n\n## Blockers\n\n- ❌ risk\n\n## Collaborators\n\n- [ ] alpha\n",
    );
    expect(once.warnings).toEqual(['heading "Blockers<!--" opens a comment that runs on below it; its section is left as it is']);
    expect(splicePage(once.text, bodies, DEFAULT_SETTINGS, "2025-03-04").text).toBe(once.text);
  });

  it("a comment opened in a managed body and closed in the quoted notes below it: the section is left as it is (B27-H, npm run fuzz)", () => {
    // The `%%` is a lazy line of the callout and closes on `> %%`, so `> ## ` is a quoted heading
    // ending Recent Context's body at `> %%`. Replacing the body took the `%%` along: on the next
    // run `> %%` opened a comment to the end of the page and both quoted lines were deleted.
    const page = "---\n---\n# **recent context:**\n>> ```\n> [!NOTE]- \n%%\n> %%\n> ## ";
    const files = new Map([
      ["Customers/Acme.md", page],
      ["Customers/Acme/2025-01-02 Call.md", ""],
      ["Meetings/2025-01-03 Sync.md", "[[Ann]] and [[Acme]]\n\n"],
      ["People/Ann.md", '---\ncompany: "[[Acme]]"\nrole: CTO\n---\n'],
    ]);
    const today = parseIsoDay("2025-06-01")!;
    const build = (): VaultIndex => VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
    const first = renderPage(build(), "Customers/Acme.md", page, today);
    // By hand: every line of the page stays where it was; that heading is no managed section any
    // more, so Recent Context is added at the end as `##` (as a heading whose line opens a comment
    // is), then the other sections with something to show, in canonical order.
    expect(first.text).toBe(
      [
        "---",
        "last_contact: 2025-01-03",
        "---",
        "# **recent context:**",
        ">> ```",
        "> [!NOTE]- ",
        "%%",
        "> %%",
        "> ## ",
        "",
        "## Recent Context",
        "",
        "- 2025-01-03: [[2025-01-03 Sync]] - Ann and Acme",
        "- 2025-01-02: [[2025-01-02 Call]]",
        "",
        "## Account Status",
        "",
        "| Field | Value |",
        "|-------|-------|",
        "| **Last contact** | 2025-01-03 |",
        "",
        "## Key Contacts",
        "",
        "- [[Ann]]",
        "",
        "## Collaborators",
        "",
        "| Person | Role | Company |",
        "|--------|------|---------|",
        "| [[Ann]] | CTO | Acme |",
        "",
        "## Related People",
        "",
        "- [[Ann]]",
        "",
      ].join("\n"),
    );
    // Line 6 of the page is the `%%`, line 7 `> %%`.
    expect(first.warnings).toEqual([`section "**recent context:**": a comment opened on line 6 runs on past the section's end (line 7); the section is left as it is`]);
    files.set("Customers/Acme.md", first.text);
    const second = renderPage(build(), "Customers/Acme.md", first.text, today);
    expect(second.text).toBe(first.text);
    // One line lower now: last_contact was added to the frontmatter.
    expect(second.warnings).toEqual([`section "**recent context:**": a comment opened on line 7 runs on past the section's end (line 8); the section is left as it is`]);
  });

  it("a $$ above a managed body that is text only because the $$ after it is code in that body: the section is left as it is (B27-H)", () => {
    // With the body replaced, `Deal $$` would pair with `price $$` below: the second run would
    // hide Key Facts' heading and its new body in math and add the section once more at the end.
    const b = { keyFacts: ["- f"] };
    for (const code of ["    echo $$", "```\necho $$\n```"]) {
      const page = `# Acme\nDeal $$\n## Key Facts\n${code}\n## Notes\nprice $$\nmine\n`;
      const once = splicePage(page, b, DEFAULT_SETTINGS, "2025-03-04");
      // By hand: the page kept whole, Key Facts added at the end (no managed section is left).
      expect(once.text).toBe(`---\nlast_contact: 2025-03-04\n---\n${page}\n## Key Facts\n\n- f\n`);
      const closer = code.startsWith(" ") ? 4 : 5;
      expect(once.warnings).toEqual([`section "Key Facts": the $$ on line 2 is text only because the $$ after it is code in this section (line ${closer}); the section is left as it is`]);
      expect(splicePage(once.text, b, DEFAULT_SETTINGS, "2025-03-04").text).toBe(once.text);
    }
    // Such a `$$` in a managed body above goes with that body: both sections are regenerated, and
    // a second run changes nothing (found by npm run fuzz on the first version of this rule).
    const both = { recentContext: ["- r"], blockers: ["- b"] };
    const page = "Recent Context\n===\n$$\n\n**blockers:**\n===\n      - $$\n- ";
    const once = splicePage(page, both, DEFAULT_SETTINGS, "2025-03-04");
    expect(once.warnings).toEqual([]);
    expect(once.text).toBe("---\nlast_contact: 2025-03-04\n---\nRecent Context\n===\n\n- r\n\n**blockers:**\n===\n\n- b\n");
    expect(splicePage(once.text, both, DEFAULT_SETTINGS, "2025-03-04").text).toBe(once.text);
  });

  it("a lazy line after a loose paragraph of a list item keeps the item open: no setext heading", () => {
    const page = "# Recent Context\n- alpha\n\n  Recent Context\n=\n  # alpha\n";
    const out = splicePage(page, { recentContext: [] }, DEFAULT_SETTINGS, "unknown").text;
    // `=` continues the item's paragraph, so `  # alpha` is inside the item, in the managed body.
    expect(out).toBe("---\nlast_contact: unknown\n---\n# Recent Context\n");
  });

  it("an empty customer page is a link target like any other: a second run changes nothing", () => {
    const files = new Map([
      ["Customers/Acme.md", ""],
      ["Notes/Other.md", "---\naliases: [Acme]\n---\n"],
      ["Meetings/2025-01-02 Call.md", "With [[Acme]].\n"],
    ]);
    const today = parseIsoDay("2025-02-01")!;
    const build = (): VaultIndex => VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
    const first = renderPage(build(), "Customers/Acme.md", files.get("Customers/Acme.md")!, today).text;
    expect(first).toContain("- 2025-01-02: [[2025-01-02 Call]] - With Acme.");
    files.set("Customers/Acme.md", first);
    expect(renderPage(build(), "Customers/Acme.md", first, today).text).toBe(first);
  });
});

describe("headings the scanner missed below a managed body (B29-D; commonmark.js and Lezer agree on each)", () => {
  it("a setext heading in the user's quote ends the body, as an ATX one there does: the quote and the lines below stay", () => {
    // The body was read as running to the end of the page, and every line below `- old` was replaced.
    expect(keyFactsTwice("# Acme\n## Key Facts\n- old\n\n> Call with Tom\n> ===\n> notes\n\nmine\n")).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n## Key Facts\n\n- new\n\n> Call with Tom\n> ===\n> notes\n\nmine\n",
    );
    // The line after the quoted heading continues nothing: a setext heading of its own, top level.
    expect(keyFactsTwice("# Acme\n## Key Facts\n- old\n> Call with Tom\n> ===\nMy notes\n---\nmine\n")).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n## Key Facts\n\n- new\n\n> Call with Tom\n> ===\nMy notes\n---\nmine\n",
    );
  });

  it("a setext heading below an item whose quote holds a fence or a heading (`- > ```…`) is a heading: the user's section stays", () => {
    expect(keyFactsTwice("# Acme\n## Key Facts\n- old\n\n- > ```\nMy notes\n===\nmine\n")).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n## Key Facts\n\n- new\n\nMy notes\n===\nmine\n",
    );
    expect(keyFactsTwice("# Acme\n## Key Facts\n- old\n\n- > # Call\nMy notes\n===\nmine\n")).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n## Key Facts\n\n- new\n\nMy notes\n===\nmine\n",
    );
  });

  it("a line right after a callout's title is no heading (a lazy line of the callout), and a callout ends a managed body as a quoted heading does", () => {
    // `Key Facts` was taken as the managed section, and `my notes` (under the user's Notes) replaced.
    expect(keyFactsTwice("# Acme\n## Notes\n> [!note] Call\nKey Facts\n---\nmy notes\n")).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n## Notes\n> [!note] Call\nKey Facts\n---\nmy notes\n\n## Key Facts\n\n- new\n",
    );
    // What the scanner read as a section of the user's below a callout stays, now as the callout's.
    expect(keyFactsTwice("# Acme\n## Key Facts\n- old\n\n> [!note] Call\nMy notes\n---\nmine\n")).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n## Key Facts\n\n- new\n\n> [!note] Call\nMy notes\n---\nmine\n",
    );
    expect(keyFactsTwice("# Acme\n## Key Facts\n- old\n> [!warning] Check the SLA\n> with legal\n")).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n## Key Facts\n\n- new\n\n> [!warning] Check the SLA\n> with legal\n",
    );
  });

  it("a heading in a quote right below a quoted setext heading with a lazy line in its text: every line once, a run repeated changes nothing (B29-G)", () => {
    // The second heading's quote was taken to start at the first one's underline (the `>` lines right
    // above it, up to the lazy line), inside the first one's lines: that underline was written twice,
    // once more on every run, under the user's own Notes.
    expect(keyFactsTwice("# Acme\n## Notes\n> Call with Tom\nsummary typed without the marker\n> ---\n> Follow-ups\n> ===\n> - send the plan\n")).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n## Notes\n> Call with Tom\nsummary typed without the marker\n> ---\n> Follow-ups\n> ===\n> - send the plan\n\n## Key Facts\n\n- new\n",
    );
    // Below a managed body, an ATX heading after the underline: the body ends at the quote, once.
    expect(keyFactsTwice("# Acme\n## Key Facts\n- old\n\n> Call\nlazy\n> ===\n> ## Actions\nmine\n")).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n## Key Facts\n\n- new\n\n> Call\nlazy\n> ===\n> ## Actions\nmine\n",
    );
  });

  it("a callout put right under a managed heading, above last run's lines: they stay below it, with a warning once (B29-G)", () => {
    const tasks = { openTasks: ["- [ ] Call Bob ([[Sync]])"] };
    const page = "# Acme\n## Open Tasks\n\n> [!tip] Ticks here go to the notes\n\n- [x] Call Bob ([[Sync]])\n- [ ] Old one ([[Sync]])\n";
    const once = splicePage(page, tasks, DEFAULT_SETTINGS, "2025-03-04");
    expect(once.text).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n## Open Tasks\n\n- [ ] Call Bob ([[Sync]])\n\n> [!tip] Ticks here go to the notes\n\n- [x] Call Bob ([[Sync]])\n- [ ] Old one ([[Sync]])\n",
    );
    // `- [x] Call Bob` repeats the section's line (its box aside); `Old one` does not.
    expect(once.warnings).toEqual([
      'section "Open Tasks": the quote on line 4, right under its heading, ends its body, so the section is written above the quote; 1 line(s) below the quote repeat the section\'s lines and are kept as yours (a tick there is not written back): delete them, or move the quote below the section',
    ]);
    const twice = splicePage(once.text, tasks, DEFAULT_SETTINGS, "2025-03-04");
    expect(twice).toEqual({ text: once.text, warnings: [] });
    // Nothing said when the lines below the quote are the user's own, or the section has nothing to show.
    expect(splicePage("## Key Facts\n> [!warning] Check the SLA\n\nmy own notes\n", { keyFacts: ["- new"] }, DEFAULT_SETTINGS, "2025-03-04").warnings).toEqual([]);
    expect(splicePage(page, {}, DEFAULT_SETTINGS, "2025-03-04").warnings).toEqual([]);
  });

  it("a setext heading below an item holding only an empty item (`1. -`) is a heading: the user's section stays", () => {
    expect(keyFactsTwice("# Acme\n## Key Facts\n- old\n\n1. -\nMy notes\n---\nmine\n")).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n## Key Facts\n\n- new\n\nMy notes\n---\nmine\n",
    );
  });
});

describe("a quote inside a list item right above a setext heading (B33-C): the quote's new readings change no section", () => {
  it("a line four columns past the quote's `>` is text now, and the setext heading right below it still ends the body: the user's section stays", () => {
    // (commonmark.js reads `My notes` as a lazy line of the quote: then the body would run on over `mine`.)
    expect(keyFactsTwice("# Acme\n## Key Facts\n- old\n- > Call with Tom\n  >     see [[Acme]]\nMy notes\n---\nmine\n")).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n## Key Facts\n\n- new\n\nMy notes\n---\nmine\n",
    );
  });

  it("an underline in the quote is a heading in the item now, and the line below it is still no heading: no managed section appears over the user's lines", () => {
    // (commonmark.js reads `Key Facts` / `---` as a heading: then `mine` would be replaced.)
    expect(keyFactsTwice("# Acme\n## Notes\n- > Call with Tom\n  > ===\nKey Facts\n---\nmine\n")).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n## Notes\n- > Call with Tom\n  > ===\nKey Facts\n---\nmine\n\n## Key Facts\n\n- new\n",
    );
    expect(keyFactsTwice("# Acme\n## Notes\n- Call\n  > - [ ] Tom\n  >   ===\nKey Facts\n---\nmine\n")).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n## Notes\n- Call\n  > - [ ] Tom\n  >   ===\nKey Facts\n---\nmine\n\n## Key Facts\n\n- new\n",
    );
  });
});

describe("a tab right after `>` right above a setext heading (B33-E): the tab's columns change no section", () => {
  it("a quote line four columns in only with the tab's columns is code now, and the line below is still lazy: no managed section appears over the user's lines", () => {
    // (commonmark.js: `a quote` is code, `Key Facts` / `---` a heading; then `mine` would be replaced.
    // Before B33-B the tab was the marker's space alone: a paragraph, and `Key Facts` a lazy line.)
    expect(keyFactsTwice("# Acme\n## Notes\n>\t  a quote\nKey Facts\n---\nmine\n")).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n## Notes\n>\t  a quote\nKey Facts\n---\nmine\n\n## Key Facts\n\n- new\n",
    );
  });

  it("an underline four columns in only with the tab's columns goes on with the paragraph now, and the line below is still no lazy line: the managed section stays", () => {
    // (commonmark.js: `---` is a line of the quote's paragraph and `Key Facts` a lazy one; before
    // B33-B `> a` / `>\t  ---` was a heading and `Key Facts` / `---` the managed section.)
    expect(keyFactsTwice("# Acme\n## Notes\n> a\n>\t  ---\nKey Facts\n---\nold\n")).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n## Notes\n> a\n>\t  ---\nKey Facts\n---\n\n- new\n",
    );
  });
});

describe("a quoted setext heading that the tab after `>` unmakes (B33-H): it still ends the managed body above it", () => {
  it("`>\\t  a` is code now and `>\\t---` a rule: the user's quote and the line below it are kept", () => {
    // (Before B33-B the tab was the marker's space alone: `> a` / `> ---`, a heading in a quote,
    // which ends the managed body above it; the first run after the upgrade replaced the quote and
    // `mine`.)
    expect(keyFactsTwice("# Acme\n## Key Facts\n\n- old\n\n>\t  my quote\n>\t---\nmine\n")).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n## Key Facts\n\n- new\n\n>\t  my quote\n>\t---\nmine\n",
    );
  });

  it("`>\\t  ---` is a line of the quote's paragraph now: the user's quote and the line below it are kept", () => {
    expect(keyFactsTwice("# Acme\n## Key Facts\n\n- old\n\n> my quote\n>\t  ---\nmine\n")).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n## Key Facts\n\n- new\n\n> my quote\n>\t  ---\nmine\n",
    );
  });
});

describe("a setext heading whose text starts with a footnote definition above a `|` line (B33-H)", () => {
  it("is one boundary: the page is written once, a second run changes nothing (it doubled those lines every run)", () => {
    expect(keyFactsTwice("# Acme\n[^1]: f\n| a |\n---\nmine\n")).toBe(
      "---\nlast_contact: 2025-03-04\n---\n# Acme\n[^1]: f\n| a |\n---\nmine\n\n## Key Facts\n\n- new\n",
    );
  });
});

describe("a footnote definition whose next line looks like a delimiter row of another cell count (B33-I)", () => {
  // GFM: `[^1]: f` / `  --|--` is no table (1 cell against 2), so the footnote definition is a
  // paragraph and ends the managed body above it. The scanner took it for a table: the lines were
  // replaced with the body.
  it("ends the managed body: every user line is kept, a second run changes nothing", () => {
    const bodies = { keyFacts: ["- new"] };
    for (const [mine, note] of [
      ["[^1]: f\n  --|--\nmine\n", "1 cell against 2"],
      ["[^1]: f\n-|\nmine\n", "one cell, no `|` in the header"],
    ] as const) {
      const page = "# Acme\n\n## Key Facts\n\n- old\n\n" + mine;
      const once = splicePage(page, bodies, DEFAULT_SETTINGS, "2025-03-04");
      expect(once.warnings, note).toEqual([]);
      expect(once.text, note).toBe("---\nlast_contact: 2025-03-04\n---\n# Acme\n\n## Key Facts\n\n- new\n\n" + mine);
      expect(splicePage(once.text, bodies, DEFAULT_SETTINGS, "2025-03-04").text, note).toBe(once.text);
    }
  });

  it("a delimiter row of the same count makes a table (GFM): it is the managed body's, as before", () => {
    const bodies = { keyFacts: ["- new"] };
    const page = "# Acme\n\n## Key Facts\n\n- old\n\n[^1]: a | b\n  --|--\n";
    const once = splicePage(page, bodies, DEFAULT_SETTINGS, "2025-03-04");
    expect(once.text).toBe("---\nlast_contact: 2025-03-04\n---\n# Acme\n\n## Key Facts\n\n- new\n");
  });

  it("through renderPage: the user's lines stay over two runs", () => {
    const page = "---\ntype: customer\n---\n# Acme\n\n## Key Facts\n\n[^1]: f\n  --|--\nmy line\n";
    const files = new Map([
      ["Customers/Acme.md", page],
      ["Meetings/2025-01-02 Sync.md", "[[Acme]] sync\n"],
    ]);
    const today = parseIsoDay("2025-06-01")!;
    const build = (): VaultIndex => VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
    const first = renderPage(build(), "Customers/Acme.md", page, today);
    const lines = first.text.split("\n");
    const at = lines.indexOf("[^1]: f");
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at - 2, at + 3)).toEqual(["## Key Facts", "", "[^1]: f", "  --|--", "my line"]);
    files.set("Customers/Acme.md", first.text);
    expect(renderPage(build(), "Customers/Acme.md", first.text, today).text).toBe(first.text);
  });
});

describe("a topic that reads as a callout (B29-G)", () => {
  it("is written with its `[` escaped: the Topics line ends no body, and a run repeated changes nothing", () => {
    // Since callouts end a managed body (B29-D), a Topics line `> [!note] evil` ended its own body: each
    // run kept last run's line as the user's and wrote the section again above it, one line more a run.
    const files = new Map([
      ["Customers/Acme.md", "# Acme\n\n## Topics\n\n## Notes\n\nmine\n"],
      ["Meetings/2025-01-02 Sync.md", '---\ntopics: ["> [!note] evil"]\n---\n[[Acme]] sync\n'],
    ]);
    const today = parseIsoDay("2025-06-01")!;
    const build = (): VaultIndex => VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
    const first = renderPage(build(), "Customers/Acme.md", files.get("Customers/Acme.md")!, today);
    expect(first.text.split("\n").slice(4, 14)).toEqual([
      "",
      "## Recent Context",
      "",
      "- 2025-01-02: [[2025-01-02 Sync]] - Acme sync",
      "",
      "## Topics",
      "",
      "> \\[!note] evil",
      "",
      "## Account Status",
    ]);
    files.set("Customers/Acme.md", first.text);
    expect(renderPage(build(), "Customers/Acme.md", first.text, today).text).toBe(first.text);
  });
});

describe("raw HTML on a page", () => {
  it("a managed name inside a <details> block is no heading (CommonMark): the block is kept whole, the section added", () => {
    const page = "---\ntype: customer\n---\n# Acme\n\n<details>\n## Key Facts\n- my hidden fact\n</details>\n\n## Notes\n";
    const r = splicePage(page, { keyFacts: ["- fact ([[Call]])"] }, DEFAULT_SETTINGS, "2025-01-02");
    expect(r.warnings).toEqual([]);
    expect(r.text).toBe(
      "---\ntype: customer\nlast_contact: 2025-01-02\n---\n# Acme\n\n<details>\n## Key Facts\n- my hidden fact\n</details>\n\n## Notes\n\n## Key Facts\n\n- fact ([[Call]])\n",
    );
    expect(splicePage(r.text, { keyFacts: ["- fact ([[Call]])"] }, DEFAULT_SETTINGS, "2025-01-02").text).toBe(r.text);
  });
});

describe("raw HTML of types 1, 3, 4 and 5 on a page (B33-A)", () => {
  const b = { keyFacts: ["- fact ([[Call]])"] };

  it("a managed name inside a <pre> block with blank lines in it is no heading: the block is kept whole, the section added", () => {
    // Until B33-A `## Key Facts` was a heading here, and its body — the user's `- my hidden fact` and `</pre>` — was replaced.
    const page = "---\ntype: customer\n---\n# Acme\n\n<pre>\n\n## Key Facts\n- my hidden fact\n\n</pre>\n\n## Notes\n";
    const r = splicePage(page, b, DEFAULT_SETTINGS, "2025-01-02");
    expect(r.warnings).toEqual([]);
    expect(r.text).toBe(
      "---\ntype: customer\nlast_contact: 2025-01-02\n---\n# Acme\n\n<pre>\n\n## Key Facts\n- my hidden fact\n\n</pre>\n\n## Notes\n\n## Key Facts\n\n- fact ([[Call]])\n",
    );
    expect(splicePage(r.text, b, DEFAULT_SETTINGS, "2025-01-02").text).toBe(r.text);
  });

  it("an unclosed <pre>, <?, <!X or <![CDATA[ above the sections hides them to the end of the page: every line is kept, nothing is added inside it, a second run changes nothing", () => {
    const cases: Array<[string, string]> = [
      ["<pre>", "</pre>"],
      ["<SCRIPT src=x>", "</script>"],
      ["<?php", "?>"],
      ["<!DOCTYPE html", ">"],
      ["<![CDATA[", "]]>"],
    ];
    for (const [opener, closer] of cases) {
      const page = `# Acme\n\n${opener}\n\n## Key Facts\n\n- old\n\n## Notes\n\nmine\n`;
      const r = splicePage(page, b, DEFAULT_SETTINGS, "2025-01-02");
      // By hand: no managed heading is found (all lie in the raw HTML), and Key Facts would be
      // appended inside it, invisible to the next run, which would append it again.
      expect(r.text, opener).toBe(`---\nlast_contact: 2025-01-02\n---\n${page}`);
      expect(r.warnings, opener).toEqual([`page ends inside raw HTML that is never closed (line 3: no ${closer} after it); missing sections were not added after it`]);
      const again = splicePage(r.text, b, DEFAULT_SETTINGS, "2025-01-02");
      expect(again.text, opener).toBe(r.text);
    }
  });

  it("closed, it holds nothing back", () => {
    const closed = "# Acme\n\n<pre>\n\n</pre>\n\n## Key Facts\n\n- old\n";
    expect(splicePage(closed, b, DEFAULT_SETTINGS, "2025-01-02").text).toBe(
      "---\nlast_contact: 2025-01-02\n---\n# Acme\n\n<pre>\n\n</pre>\n\n## Key Facts\n\n- fact ([[Call]])\n",
    );
  });

  it("unclosed inside a managed body, it hides the user's sections below: that section is left as it is, every line kept, nothing added; a second run changes nothing", () => {
    // The body runs to the end of the page (`## Notes` lies in the raw HTML): replaced, it would take
    // the user's Notes along. (An unclosed fence there is replaced with the body, B3.)
    const page = "# Acme\n\n## Key Facts\n\n<pre>\n- old\n\n## Notes\n\nmine\n";
    const both = { ...b, accountStatus: ["| Field | Value |", "|-------|-------|", "| **Last contact** | 2025-01-02 |"] };
    const r = splicePage(page, both, DEFAULT_SETTINGS, "2025-01-02");
    expect(r.text).toBe(`---\nlast_contact: 2025-01-02\n---\n${page}`);
    expect(r.warnings).toEqual([
      'section "Key Facts": raw HTML opened on line 5 is never closed (no </pre> after it) and hides the rest of the page; the section is left as it is',
      "page ends inside raw HTML that is never closed (line 5: no </pre> after it); missing sections were not added after it",
    ]);
    expect(splicePage(r.text, both, DEFAULT_SETTINGS, "2025-01-02").text).toBe(r.text);
  });
});

describe("unclosed raw HTML anywhere on a page (B33-A, property)", () => {
  it("keeps every line a plain reading puts outside the managed sections, and a second run changes nothing", () => {
    // Openers of types 1, 3 and 5 and no line holding their ends (`</pre>`, `?>`, `]]>`; type 4 ends
    // at any `>`): each top-level one hides the rest of the page, in kept text or in a managed body;
    // one in a list item ends with the item.
    const shape = fc.constantFrom("## Key Facts", "## Open Tasks", "## Notes", "# Acme", "<pre>", "<?php", "<STYLE x", "<![CDATA[", "- [ ] t", "- <pre>", "  <pre>", "", "", "> q", "text", "MINE", "  MINE", "- MINE");
    const bodies = fc.record(
      {
        keyFacts: fc.constantFrom<string[]>([], ["- fact ([[Call]])"], ["- <pre> fact ([[Call]])"]),
        openTasks: fc.constantFrom<string[]>([], ["- [ ] task ([[Call]])"]),
        topics: fc.constantFrom<string[]>([], ["\\<pre>, sales"]),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(shape, { maxLength: 14 }), bodies, (shapes, b) => {
        let n = 0;
        const lines = shapes.map((l) => l.replace("MINE", () => `mine${n++}`));
        const page = lines.join("\n") + "\n";
        // Plain reading: a line is the user's before the first managed heading or under another heading.
        const users: string[] = [];
        let managed = false;
        for (const l of lines) {
          if (/^#{1,2} /.test(l)) managed = l === "## Key Facts" || l === "## Open Tasks";
          else if (!managed && l.includes("mine")) users.push(l);
        }
        const once = splicePage(page, b, DEFAULT_SETTINGS, "2025-01-02").text;
        const kept = new Set(once.split("\n"));
        for (const u of users) expect(kept.has(u), `${JSON.stringify(page)}: ${u}`).toBe(true);
        expect(splicePage(once, b, DEFAULT_SETTINGS, "2025-01-02").text).toBe(once);
      }),
      { numRuns: 1000, seed: 33 },
    );
  });
});

describe("a lone $$ on a page", () => {
  it("is text even with a `$$` in inline code below it: the sections between stay found, a second run changes nothing", () => {
    const page = "# Acme\n\nDeal size: $$ TBD\n\n## Key Facts\n\n- old\n\n## Notes\n\nRun `echo $$` to see the pid.\n";
    const b = { keyFacts: ["- fact ([[Call]])"] };
    const r = splicePage(page, b, DEFAULT_SETTINGS, "2025-01-02");
    expect(r.warnings).toEqual([]);
    expect(r.text).toBe(
      "---\nlast_contact: 2025-01-02\n---\n# Acme\n\nDeal size: $$ TBD\n\n## Key Facts\n\n- fact ([[Call]])\n\n## Notes\n\nRun `echo $$` to see the pid.\n",
    );
    expect(splicePage(r.text, b, DEFAULT_SETTINGS, "2025-01-02").text).toBe(r.text);
  });
});

describe("last_contact with YAML anchors", () => {
  it("keeps an anchor on the value, so aliases to it stay valid", () => {
    const page = "---\nLast_Contact: &a x\nstatus: *a\n---\n# Acme\n";
    const once = splicePage(page, {}, DEFAULT_SETTINGS, "2025-01-03");
    expect(once.text).toBe("---\nLast_Contact: &a 2025-01-03\nstatus: *a\n---\n# Acme\n");
    expect(splicePage(once.text, {}, DEFAULT_SETTINGS, "2025-01-03").text).toBe(once.text);
  });

  it("replaces a block-scalar value with the new one, keeping the other keys", () => {
    const page = "---\nlast_contact: |\n  x\nother: y\n---\n";
    expect(splicePage(page, {}, DEFAULT_SETTINGS, "2025-01-03").text).toBe("---\nlast_contact: 2025-01-03\nother: y\n---\n");
  });
});

describe("last_contact in a frontmatter written as JSON or as one flow mapping", () => {
  const set = (fm: string): { text: string; warnings: string[] } => splicePage(`---\n${fm}---\n# Acme\n`, {}, DEFAULT_SETTINGS, "2025-10-22");

  it("a nested last_contact at the start of a line is the user's and stays; the mapping's own key is added", () => {
    const fm = '{\n"type": "customer",\n"meta": {\n"last_contact": "2020-01-01"\n}\n}\n';
    const r = set(fm);
    expect(r.warnings).toEqual([]);
    expect(r.text).toBe('---\n{\n"type": "customer",\n"meta": {\n"last_contact": "2020-01-01"\n}, "last_contact": "2025-10-22"\n}\n---\n# Acme\n');
    expect(set(r.text.slice(4, r.text.indexOf("---\n# Acme"))).text).toBe(r.text);
  });

  it("an existing key of the mapping gets its new value token, in its own quotes", () => {
    expect(set('{\n  "type": "customer",\n  "last_contact": "2020-01-01"\n}\n').text).toBe(
      '---\n{\n  "type": "customer",\n  "last_contact": "2025-10-22"\n}\n---\n# Acme\n',
    );
    expect(set("{type: customer, last_contact: 2020-01-01}\n").text).toBe("---\n{type: customer, last_contact: 2025-10-22}\n---\n# Acme\n");
    expect(set("{type: customer, last_contact: 'x'} # kept\n").text).toBe("---\n{type: customer, last_contact: '2025-10-22'} # kept\n---\n# Acme\n");
  });

  it("a missing key is added after the last pair, quoted like the other keys", () => {
    expect(set('{"type": "customer"}\n').text).toBe('---\n{"type": "customer", "last_contact": "2025-10-22"}\n---\n# Acme\n');
    expect(set("{type: customer}\n").text).toBe("---\n{type: customer, last_contact: 2025-10-22}\n---\n# Acme\n");
    expect(set('{"type": "customer",}\n').text).toBe('---\n{"type": "customer", "last_contact": "2025-10-22",}\n---\n# Acme\n');
  });

  it("a null, empty or missing value, and a number, get the date as the mapping writes strings", () => {
    expect(set('{"type": "customer", "last_contact": null}\n').text).toBe('---\n{"type": "customer", "last_contact": "2025-10-22"}\n---\n# Acme\n');
    expect(set('{"type": "customer", "last_contact": 0}\n').text).toBe('---\n{"type": "customer", "last_contact": "2025-10-22"}\n---\n# Acme\n');
    expect(set("{type: customer, last_contact: }\n").text).toBe("---\n{type: customer, last_contact: 2025-10-22}\n---\n# Acme\n");
    expect(set("{type: customer, last_contact}\n").text).toBe("---\n{type: customer, last_contact: 2025-10-22}\n---\n# Acme\n");
    expect(set("# {a note}\n{}\n").text).toBe('---\n# {a note}\n{"last_contact": "2025-10-22"}\n---\n# Acme\n');
  });

  it("a block mapping whose first key is a flow mapping is a block mapping: the key is added below", () => {
    const r = set("{a: 1}: b\ntype: customer\n");
    expect(r.warnings).toEqual([]);
    expect(r.text).toBe("---\n{a: 1}: b\ntype: customer\nlast_contact: 2025-10-22\n---\n# Acme\n");
  });

  it("a value that is no scalar is left as it is, with the warning", () => {
    const fm = "{type: customer, last_contact: [2020-01-01]}\n";
    const r = set(fm);
    expect(r.text).toBe(`---\n${fm}---\n# Acme\n`);
    expect(r.warnings).toEqual(["last_contact could not be set without breaking the frontmatter; left as it is"]);
  });
});

describe("onlyKeyChanged: the check every last_contact edit passes before it is written", () => {
  it("accepts the key's value changed or added, with everything else as written", () => {
    expect(onlyKeyChanged("a: 1\nlast_contact: x\n", "a: 1\nlast_contact: 2025-10-22\n", "last_contact", "2025-10-22")).toBe(true);
    expect(onlyKeyChanged("a: 1\n", "a: 1\nlast_contact: 2025-10-22\n", "last_contact", "2025-10-22")).toBe(true);
    expect(onlyKeyChanged("Last_Contact: &a x\nb: *a\n", "Last_Contact: &a 2025-10-22\nb: *a\n", "last_contact", "2025-10-22")).toBe(true);
  });

  it("refuses an edit that changed another value, dropped the alias, left the key unset or broke the YAML", () => {
    expect(onlyKeyChanged("a: 1\nlast_contact: x\n", "a: 2\nlast_contact: 2025-10-22\n", "last_contact", "2025-10-22")).toBe(false);
    expect(onlyKeyChanged("{m: {last_contact: x}}\n", "{m: {last_contact: 2025-10-22}}\n", "last_contact", "2025-10-22")).toBe(false);
    expect(onlyKeyChanged("last_contact: &a x\nb: *a\n", "last_contact: 2025-10-22\nb: x\n", "last_contact", "2025-10-22")).toBe(false);
    expect(onlyKeyChanged("a: 1\n", "a: 1\nlast_contact: [2025-10-22]\n", "last_contact", "2025-10-22")).toBe(false);
    expect(onlyKeyChanged("a: 1\n", "a: 1\nlast_contact: 2025-10-22\n  - x\n", "last_contact", "2025-10-22")).toBe(false);
  });
});

describe("last_contact added to a frontmatter ending in YAML's document end marker", () => {
  it("goes before the `...`, which nothing may follow", () => {
    const r = splicePage("---\nstatus: x\n...\n---\n# Acme\n", {}, DEFAULT_SETTINGS, "2025-10-22");
    expect(r.warnings).toEqual([]);
    expect(r.text).toBe("---\nstatus: x\nlast_contact: 2025-10-22\n...\n---\n# Acme\n");
    expect(splicePage(r.text, {}, DEFAULT_SETTINGS, "2025-10-22").text).toBe(r.text);
    expect(splicePage("---\nstatus: x\n... # end\n\n---\n", {}, DEFAULT_SETTINGS, "2025-10-22").text).toBe("---\nstatus: x\nlast_contact: 2025-10-22\n... # end\n\n---\n");
    // Comment lines may follow the marker.
    expect(splicePage("---\nstatus: x\n...\n# trailing\n\n# more\n---\n", {}, DEFAULT_SETTINGS, "2025-10-22").text).toBe(
      "---\nstatus: x\nlast_contact: 2025-10-22\n...\n# trailing\n\n# more\n---\n",
    );
  });
});

describe("last_contact in a frontmatter that is only a null, or a list with unindented comments between its items", () => {
  const run = (fm: string): { text: string; warnings: string[] } => splicePage(`---\n${fm}---\n# Acme\n`, {}, DEFAULT_SETTINGS, "2025-10-22");

  it("a frontmatter that is only `~` (or `null`: YAML's empty mapping) gets the key in its place; comments around it stay", () => {
    const cases: Array<[string, string]> = [
      ["~\n", "last_contact: 2025-10-22\n"],
      ["null\n", "last_contact: 2025-10-22\n"],
      ["  ~\n", "last_contact: 2025-10-22\n"],
      ["# made by a template\n~ # empty\n\n# end\n", "# made by a template\nlast_contact: 2025-10-22 # empty\n\n# end\n"],
      ["~\n...\n", "last_contact: 2025-10-22\n...\n"],
    ];
    for (const [fm, expected] of cases) {
      const r = run(fm);
      expect(r.warnings, fm).toEqual([]);
      expect(r.text, fm).toBe(`---\n${expected}---\n# Acme\n`);
      expect(splicePage(r.text, {}, DEFAULT_SETTINGS, "2025-10-22"), fm).toEqual(r);
    }
  });

  it("a null with a tag or an anchor (`!!null ~`, `&a ~`, `!!null` alone) gets the key in its place too, not a tag on the new mapping", () => {
    // B27-C left these with the warning on every run; `!!null` alone got the key below it, so the
    // tag named the new mapping, which js-yaml refuses ("unknown tag") and the yaml library warns of.
    const cases: Array<[string, string]> = [
      ["!!null ~\n", "last_contact: 2025-10-22\n"],
      ["&a ~\n", "last_contact: 2025-10-22\n"],
      ["&a !!null null # from a template\n", "last_contact: 2025-10-22 # from a template\n"],
      ["!!null\n", "last_contact: 2025-10-22\n"],
      ["# c\n!!null # empty\n...\n", "# c\nlast_contact: 2025-10-22 # empty\n...\n"],
    ];
    for (const [fm, expected] of cases) {
      const r = run(fm);
      expect(r.warnings, fm).toEqual([]);
      expect(r.text, fm).toBe(`---\n${expected}---\n# Acme\n`);
      expect(splicePage(r.text, {}, DEFAULT_SETTINGS, "2025-10-22"), fm).toEqual(r);
    }
    // An anchor alone anchors the mapping below it, which YAML allows: kept, the key added under it.
    expect(run("&a\n").text).toBe("---\n&a\nlast_contact: 2025-10-22\n---\n# Acme\n");
    // A tag that makes the null a text or a number is no null: left as it is, with the warning.
    for (const fm of ["!!str ~\n", "!!int\n"]) expect(run(fm).warnings, fm).toHaveLength(1);
  });

  it("a list at indent 0 with an unindented comment between its items is replaced whole; every comment line is kept below the date", () => {
    const cases: Array<[string, string]> = [
      ["type: customer\nlast_contact:\n- 2025-01-01\n# the second call\n- 2025-02-01\nstatus: Active\n", "type: customer\nlast_contact: 2025-10-22\n# the second call\nstatus: Active\n"],
      ["last_contact:\n# first\n- 2025-01-01\n\n# second\n  # indented\n- 2025-02-01\n# after the list\nb: 2\n", "last_contact: 2025-10-22\n# first\n# second\n  # indented\n# after the list\nb: 2\n"],
      ["last_contact:\n  - 2025-01-01\n# between\n  - 2025-02-01\n", "last_contact: 2025-10-22\n# between\n"],
    ];
    for (const [fm, expected] of cases) {
      const r = run(fm);
      expect(r.warnings, fm).toEqual([]);
      expect(r.text, fm).toBe(`---\n${expected}---\n# Acme\n`);
      expect(splicePage(r.text, {}, DEFAULT_SETTINGS, "2025-10-22"), fm).toEqual(r);
    }
  });

  it("every mix of item and comment indents, blank lines between: the date set, no warning, every comment line kept, a second run idle", () => {
    let n = 0;
    for (const item of ["", "  "]) {
      for (const note of ["", "  ", "\t"]) {
        for (const gap of ["", "\n"]) {
          for (const after of ["b: 2\n", "# tail\nb: 2\n", ""]) {
            const comments = [`${note}# one`, "# two"];
            const fm = `a: 1\nlast_contact:\n${comments[0]}\n${item}- x\n${gap}${comments[1]}\n${item}- y\n${after}`;
            const r = run(fm);
            expect(r.warnings, fm).toEqual([]);
            const out = r.text.split("\n");
            expect(out.slice(0, 3), fm).toEqual(["---", "a: 1", "last_contact: 2025-10-22"]);
            for (const c of [...comments, ...(after.startsWith("#") ? ["# tail"] : [])]) expect(out, fm).toContain(c);
            expect(r.text, fm).not.toMatch(/- [xy]/);
            expect(splicePage(r.text, {}, DEFAULT_SETTINGS, "2025-10-22"), fm).toEqual(r);
            n++;
          }
        }
      }
    }
    expect(n).toBe(36);
  });

  it("a comment line after a block scalar at indent 0 is no part of it, and stays where it is", () => {
    const r = run("last_contact: |\n  x\n# note\nb: 2\n");
    expect(r.warnings).toEqual([]);
    expect(r.text).toBe("---\nlast_contact: 2025-10-22\n# note\nb: 2\n---\n# Acme\n");
  });
});
