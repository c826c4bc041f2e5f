// §6 Items: text building, categories from headings/bold lines/callouts/tags, tasks.
import { describe, expect, it } from "vitest";
import { categoryOfHeading, harvestItems, itemText, type Item } from "../../src/core/items";
import { scanMarkdown } from "../../src/core/markdown";
import { maskHidden } from "../../src/core/ranges";

function harvest(text: string): Item[] {
  const scan = scanMarkdown(text);
  return harvestItems(text, maskHidden(text, scan.hidden), scan);
}

const pairs = (text: string): Array<[string, string]> => harvest(text).map((i) => [i.section, i.text]);

describe("item text (§6)", () => {
  it("an item holding another on its line (`- - [ ] x`, CommonMark) gives the inner one: an open task, or a fact under Key Facts; the outer one has no text (B29-D)", () => {
    const items = harvest("## Notes\n- - [ ] Send the quote to [[Tom]]\n");
    expect(items.map((i) => [i.section, i.text, i.line])).toEqual([["openTasks", "Send the quote to [[Tom]]", 1]]);
    expect("## Notes\n- - [ ] Send".charAt(items[0]!.taskOffset)).toBe(" ");
    expect(pairs("## Key Facts\n1. - 1.2 PB in production\n")).toEqual([["keyFacts", "1.2 PB in production"]]);
    // A quote there is a quote inside the item: its task is a task; the item has no text.
    expect(pairs("## Key Facts\n- > - [ ] Send the quote\n- > quoted\n")).toEqual([["openTasks", "Send the quote"]]);
  });

  it("a bold line opening a quote that opens an item (`- > **Risks:**`) heads the quote's items after a sibling item too, as it does first in its list, and one opening a quote below an item's text (B29-G)", () => {
    // The line before the item (`- a`, a paragraph) was taken to go on into the quote opened there.
    expect(pairs("## Notes\n- > **Risks:**\n  > - no SLA yet\n")).toEqual([["blockers", "no SLA yet"]]);
    expect(pairs("## Notes\n- a\n- > **Risks:**\n  > - no SLA yet\n")).toEqual([["blockers", "no SLA yet"]]);
    // So does one opening a quote right below the item's text, as after a blank line.
    expect(pairs("## Notes\n- a\n  > **Risks:**\n  > - no SLA yet\n")).toEqual([["blockers", "no SLA yet"]]);
    expect(pairs("## Notes\n- a\n\n  > **Risks:**\n  > - no SLA yet\n")).toEqual([["blockers", "no SLA yet"]]);
  });

  it("joins the first line and continuation lines, each trimmed, with single spaces", () => {
    const text = "## Key Facts\n- fact one\n  continues   here  \n    and here\n- fact two\n";
    expect(pairs(text)).toEqual([
      ["keyFacts", "fact one continues   here and here"],
      ["keyFacts", "fact two"],
    ]);
  });

  it("a backslash hard line break between two of its lines is markup, not text: the lines join with one space, as the summary's do (B36-B)", () => {
    expect(pairs("## Key Facts\n- ARR is 180k\\\n  up from 120k\n")).toEqual([["keyFacts", "ARR is 180k up from 120k"]]);
    expect(pairs("- [ ] Send the quote\\\n  to legal\n")).toEqual([["openTasks", "Send the quote to legal"]]);
    // An escaped backslash (`\\`) is a backslash and no break; one ending the item's last line is text.
    expect(pairs("## Key Facts\n- path C:\\\\\n  next\n- ends in \\\n")).toEqual([
      ["keyFacts", "path C:\\\\ next"],
      ["keyFacts", "ends in \\"],
    ]);
  });

  it("stops at a blank line", () => {
    expect(pairs("## Key Facts\n- fact\n\n  more text\n")).toEqual([["keyFacts", "fact"]]);
  });

  it("drops the marker for every marker kind", () => {
    expect(pairs("## Key Facts\n- a\n* b\n+ c\n1. d\n2) e\n")).toEqual([
      ["keyFacts", "a"],
      ["keyFacts", "b"],
      ["keyFacts", "c"],
      ["keyFacts", "d"],
      ["keyFacts", "e"],
    ]);
  });

  it("drops a trailing block id and records it", () => {
    const items = harvest("## Key Facts\n- Budget approved ^budget-1\n- plain\n");
    expect(items.map((i) => [i.text, i.blockId])).toEqual([
      ["Budget approved", "budget-1"],
      ["plain", null],
    ]);
  });

  it("a block id on a continuation line ends the text", () => {
    const items = harvest("## Key Facts\n- Budget\n  approved ^b2\n");
    expect(items.map((i) => [i.text, i.blockId])).toEqual([["Budget approved", "b2"]]);
  });

  it("removes comments, keeps inline code as written", () => {
    expect(pairs("## Key Facts\n- a%%secret%% b<!--x--> `code [[X]]`\n")).toEqual([["keyFacts", "a b `code [[X]]`"]]);
    expect(pairs("## Key Facts\n- a <!-- spans\n  lines --> b\n")).toEqual([["keyFacts", "a b"]]);
    // The spaces on both sides of a comment taken out are one; the user's own double space stays.
    expect(pairs("## Key Facts\n- fact <!-- hidden --> end\n- b %%c%%\t %%d%% e\n- two  spaces\n")).toEqual([
      ["keyFacts", "fact end"],
      ["keyFacts", "b e"],
      ["keyFacts", "two  spaces"],
    ]);
  });

  it("keeps inline markdown and links as written", () => {
    expect(pairs("## Key Facts\n- **Bold** and [[Maya Lin|Maya]] and [docs](https://x.io)\n")).toEqual([
      ["keyFacts", "**Bold** and [[Maya Lin|Maya]] and [docs](https://x.io)"],
    ]);
  });

  it("records self-links and rewrites them to the source", () => {
    const [item] = harvest("## Key Facts\n- see [[#Pricing]] and [[#^b1|here]]\n");
    expect(item!.text).toBe("see [[#Pricing]] and [[#^b1|here]]");
    expect(itemText(item!, "2025-10-22 - Kickoff", "Meetings/2025-10-22 - Kickoff.md")).toBe(
      "see [[2025-10-22 - Kickoff#Pricing]] and [[2025-10-22 - Kickoff#^b1|here]]",
    );
  });

  it("a self-link in a note whose name a wikilink cannot hold becomes a markdown link to its path", () => {
    const [item] = harvest("## Key Facts\n- see [[#Details]] and [[#^k1|here]] and `[[#Code]]`\n");
    expect(itemText(item!, "2025-11-01 - C# review", "Meetings/2025-11-01 - C# review.md")).toBe(
      "see [Details](Meetings/2025-11-01%20-%20C%23%20review.md#Details) and [here](Meetings/2025-11-01%20-%20C%23%20review.md#%5Ek1) and `[[#Code]]`",
    );
  });

  it("such a markdown link keeps the code spans of its shown text, unless a backtick run before it would pair with them", () => {
    const dest = "Meetings/50%25%25%20off.md";
    const [item] = harvest("## Key Facts\n- run [[#Setup|the `deploy` step]] and [[#Setup|a ` b]]\n");
    expect(itemText(item!, "50%% off", "Meetings/50%% off.md")).toBe(`run [the \`deploy\` step](${dest}#Setup) and [a &#96; b](${dest}#Setup)`);
    // No note gives this text (the scan would hide the link in code), but written so, the link
    // would be inside a code span opened before it: its backticks are then text, as before.
    const text = "one ` tick, then [[#Setup|the `deploy` step]]";
    expect(itemText({ text, selfLinks: [text.indexOf("[[#") + 2] }, "50%% off", "Meetings/50%% off.md")).toBe(
      `one \` tick, then [the &#96;deploy&#96; step](${dest}#Setup)`,
    );
  });

  it("a self-link inside inline code is not rewritten", () => {
    const [item] = harvest("## Key Facts\n- write `[[#H]]` then [[#H]]\n");
    expect(itemText(item!, "N", "N.md")).toBe("write `[[#H]]` then [[N#H]]");
  });

  it("skips an item that is empty after this", () => {
    expect(pairs("## Key Facts\n- \n- ^abc\n- %%only a comment%%\n-\n- [ ]\n- real\n")).toEqual([["keyFacts", "real"]]);
  });

  it("records the item's line", () => {
    expect(harvest("## Key Facts\n\n- a\n- b\n").map((i) => i.line)).toEqual([2, 3]);
  });
});

describe("tasks (§6)", () => {
  it("an open task is an Open Tasks item anywhere, without its checkbox", () => {
    expect(pairs("- [ ] Send the plan\n## Notes\n- [ ] Call Maya\n")).toEqual([
      ["openTasks", "Send the plan"],
      ["openTasks", "Call Maya"],
    ]);
  });

  it("a GFM table in the item (header and delimiter row, GFM) ends the task's text: its rows are no part of it, in a quote too (B33-G)", () => {
    expect(pairs("- [ ] Send quote\n  | a | b |\n  |---|---|\n  | c | d |\n")).toEqual([["openTasks", "Send quote"]]);
    expect(pairs("> - [ ] Send quote\n>   with prices\n>   a | b\n>   --|--\n>   c | d\n")).toEqual([["openTasks", "Send quote with prices"]]);
    expect(pairs("## Key Facts\n- ARR 1.2M\n  | q | n |\n  |---|---|\n")).toEqual([["keyFacts", "ARR 1.2M"]]);
    // The header on the item's own line: the item holds a table, no task (Lezer), and no text.
    expect(pairs("- [ ] a | b\n  --|--\n  c | d\n")).toEqual([]);
    // No delimiter row with as many cells: the lines are the item's text as before.
    expect(pairs("- [ ] Send quote\n  | a | b |\n  |---|\n")).toEqual([["openTasks", "Send quote | a | b | |---|"]]);
  });

  it("a one-cell delimiter row under a line without `|` is no table (markdown-it, Lezer): the task and its text stay (B33-H)", () => {
    // GFM needs a `|` in the header row: `Send quote` / `|-|` is one paragraph in both.
    expect(pairs("- [ ] Send quote\n  |-|\n")).toEqual([["openTasks", "Send quote |-|"]]);
    expect(pairs("- [ ] Send quote\n  to Tom\n  :-:|\n")).toEqual([["openTasks", "Send quote to Tom :-:|"]]);
    // With a `|` in the header, leading or trailing, a one-cell table ends the text (both oracles).
    expect(pairs("- [ ] Send quote\n  | y\n  |-|\n")).toEqual([["openTasks", "Send quote"]]);
    expect(pairs("- [ ] Send quote\n  y |\n  -|\n")).toEqual([["openTasks", "Send quote"]]);
    // `y \\|` ends in an escaped backslash and a real `|`: a table (markdown-it, Lezer) (B33-J).
    expect(pairs("- [ ] Send quote\n  y \\\\|\n  -|\n")).toEqual([["openTasks", "Send quote"]]);
    // A lone `|` heads no table (markdown-it, Lezer: the item's text) (B33-J).
    expect(pairs("- [ ] Send quote\n  |\n  |-\n")).toEqual([["openTasks", "Send quote | |-"]]);
  });

  it("a task under a category heading is still only an Open Tasks item", () => {
    expect(pairs("## Key Facts\n- [ ] Check the numbers\n")).toEqual([["openTasks", "Check the numbers"]]);
  });

  it("closed tasks of any status are not harvested at all", () => {
    expect(pairs("## Key Facts\n- [x] done\n- [X] Done\n- [-] cancelled\n- [/] started\n- [>] moved\n")).toEqual([]);
  });

  it("a task keeps its tags", () => {
    expect(pairs("- [ ] Review pricing #fact #blocker\n")).toEqual([["openTasks", "Review pricing #fact #blocker"]]);
  });

  it("records the offset of the status character", () => {
    const text = "intro\n  - [ ] nested task\n";
    const [item] = harvest(text);
    expect(text.charAt(item!.taskOffset)).toBe(" ");
    expect(text.slice(item!.taskOffset - 1, item!.taskOffset + 2)).toBe("[ ]");
  });

  it("`[x]` without a following space is not a task", () => {
    expect(pairs("## Key Facts\n- [x]done\n")).toEqual([["keyFacts", "[x]done"]]);
  });

  it("tasks in quotes and callouts count", () => {
    expect(pairs("> - [ ] quoted task\n\n> [!todo] Next\n> - [ ] callout task\n")).toEqual([
      ["openTasks", "quoted task"],
      ["openTasks", "callout task"],
    ]);
  });

  it("a task with a block id", () => {
    const [item] = harvest("- [ ] Send the plan ^t1\n");
    expect([item!.text, item!.blockId]).toEqual(["Send the plan", "t1"]);
  });

  it("tasks in code or comments are not harvested", () => {
    expect(pairs("```\n- [ ] a\n```\n%%\n- [ ] b\n%%\n    - [ ] c\n")).toEqual([]);
  });
});

describe("categories from headings (§6)", () => {
  it.each([
    ["Key Facts", "keyFacts"],
    ["Facts", "keyFacts"],
    ["Key Points", "keyFacts"],
    ["Blockers", "blockers"],
    ["Risks", "blockers"],
    ["Issues", "blockers"],
    ["Decisions", "keyDecisions"],
    ["Key Decisions", "keyDecisions"],
    ["Opportunities", "opportunities"],
    ["Topics", "topics"],
  ])("## %s → %s", (heading, section) => {
    expect(pairs(`## ${heading}\n- item\n`)).toEqual([[section, "item"]]);
  });

  it("heading names compare ignoring case, without **, __, closing #s and one trailing colon", () => {
    expect(pairs("## KEY FACTS\n- a\n## **Risks:**\n- b\n### __Decisions__ ###\n- c\n# Topics:\n- d\n")).toEqual([
      ["keyFacts", "a"],
      ["blockers", "b"],
      ["keyDecisions", "c"],
      ["topics", "d"],
    ]);
  });

  it("setext headings count", () => {
    expect(pairs("Key Facts\n=========\n- a\n\nRisks\n-----\n- b\n")).toEqual([
      ["keyFacts", "a"],
      ["blockers", "b"],
    ]);
  });

  it("walks up the heading levels: ### Pricing under ## Key Facts holds facts", () => {
    expect(pairs("## Key Facts\n### Pricing\n- $10 per TB\n")).toEqual([["keyFacts", "$10 per TB"]]);
    expect(pairs("# Key Facts\n## Notes\n### Deeper\n- a\n")).toEqual([["keyFacts", "a"]]);
  });

  it("the nearest category heading wins", () => {
    expect(pairs("## Key Facts\n### Risks\n- a\n")).toEqual([["blockers", "a"]]);
  });

  it("a heading at the same or a higher level ends the category", () => {
    expect(pairs("## Key Facts\n## Notes\n- a\n")).toEqual([]);
    expect(pairs("## Key Facts\n# Notes\n- a\n")).toEqual([]);
  });

  it("items without a category are not harvested", () => {
    expect(pairs("# Meeting\n- just a note\n")).toEqual([]);
    expect(pairs("- top level item\n")).toEqual([]);
  });

  it("items at any depth under a category", () => {
    expect(pairs("## Key Facts\n- a\n  - b\n    1. c\n")).toEqual([
      ["keyFacts", "a"],
      ["keyFacts", "b"],
      ["keyFacts", "c"],
    ]);
  });

  it("items in quotes under a category", () => {
    expect(pairs("## Key Facts\n> - quoted fact\n")).toEqual([["keyFacts", "quoted fact"]]);
  });

  it("categoryOfHeading", () => {
    expect(categoryOfHeading(" key points ")).toBe("keyFacts");
    expect(categoryOfHeading("Pricing")).toBeUndefined();
    // Members of every JavaScript object are headings like any other.
    for (const h of ["Constructor", "__proto__", "toString", "hasOwnProperty"]) expect(categoryOfHeading(h)).toBeUndefined();
  });

  it("an item that is only a heading or bold text and has items nested in it is their label, not an item", () => {
    const text = "## Key Facts\n- Budget is 10k\n- **Decisions:**\n  - Go with plan B\n- ## Risks\n  - Vendor lock-in\n- **Bold fact**\n";
    expect(pairs(text)).toEqual([
      ["keyFacts", "Budget is 10k"],
      ["keyDecisions", "Go with plan B"],
      ["blockers", "Vendor lock-in"],
      ["keyFacts", "**Bold fact**"],
    ]);
  });

  it("a heading or bold first line with continuation text is an item with text of its own, not a label", () => {
    expect(pairs("## Key Facts\n- **Pricing**\n  $40k ARR, renewal in March\n  - detail one\n")).toEqual([
      ["keyFacts", "**Pricing** $40k ARR, renewal in March"],
      ["keyFacts", "detail one"],
    ]);
  });

  it("an item whose content is indented code is empty, so it is skipped (§1, §6)", () => {
    expect(pairs("## Key Facts\n-     code content fact\n- real fact\n")).toEqual([["keyFacts", "real fact"]]);
  });

  it("a heading, bold line or callout titled like a member of every JavaScript object is no category", () => {
    expect(pairs("## Constructor\n- uses a factory\n")).toEqual([]);
    expect(pairs("**toString:**\n- a\n")).toEqual([]);
    expect(pairs("> [!info] __proto__\n> - b\n")).toEqual([]);
    expect(pairs("## Constructor\n- [ ] call back\n")).toEqual([["openTasks", "call back"]]);
  });
});

describe("bold lines and callout titles as headings (§6)", () => {
  it("a bold line acts as a heading for the items after it", () => {
    expect(pairs("**Key Facts:**\n- a\n- b\n")).toEqual([
      ["keyFacts", "a"],
      ["keyFacts", "b"],
    ]);
    expect(pairs("__Risks__\n- a\n")).toEqual([["blockers", "a"]]);
  });

  it("its colon may stand after the bold text, as the README says people write it: **Key Facts**: is Key Facts too", () => {
    expect(pairs("**Key Facts**:\n- a\n\n__Decisions__:\n- b\n")).toEqual([
      ["keyFacts", "a"],
      ["keyDecisions", "b"],
    ]);
    // Under a heading of a category, such a line of no category keeps the heading's, as **Pricing:** does.
    expect(pairs("## Key Facts\n**Pricing**:\n- a\n")).toEqual([["keyFacts", "a"]]);
    // In an outline it is the label of the items nested in it, not an item, as - **Decisions:** is.
    expect(pairs("- **Decisions**:\n  - go ahead\n")).toEqual([["keyDecisions", "go ahead"]]);
    // Only one colon, right after the bold text; text after it makes no bold line.
    expect(pairs("**Key Facts**: below\n- a\n")).toEqual([]);
    expect(pairs("**Key Facts**::\n- a\n")).toEqual([]);
  });

  it("up to the next heading", () => {
    expect(pairs("**Key Facts:**\n- a\n\nSome prose.\n\n- b\n## Other\n- c\n")).toEqual([
      ["keyFacts", "a"],
      ["keyFacts", "b"],
    ]);
  });

  it("up to the next bold line: bold lines do not nest", () => {
    expect(pairs("**Key Facts:**\n- a\n\n**Risks:**\n- b\n")).toEqual([
      ["keyFacts", "a"],
      ["blockers", "b"],
    ]);
  });

  it("a bold line under a heading is nearer than the heading", () => {
    expect(pairs("## Risks\n**Key Facts:**\n- a\n")).toEqual([["keyFacts", "a"]]);
  });

  it("a callout title is a heading for the items inside that callout", () => {
    expect(pairs("> [!info] Key Facts\n> - inside\n\n- outside\n")).toEqual([["keyFacts", "inside"]]);
    expect(pairs("> [!warning] Risks\n> - r\n")).toEqual([["blockers", "r"]]);
  });

  it("nested callouts: each title holds for its own items", () => {
    expect(pairs("> [!info] Key Facts\n> > [!warning] Risks\n> > - r\n>\n> - f\n")).toEqual([
      ["blockers", "r"],
      ["keyFacts", "f"],
    ]);
  });

  it("a callout inside a category section with a non-category title: the heading still applies", () => {
    expect(pairs("## Key Facts\n> [!note] Details\n> - inside\n")).toEqual([["keyFacts", "inside"]]);
  });

  it("a bold line or heading inside a quote or callout heads only the items inside it, as a callout's title does; after the quote the note's own headings hold again (B36-B)", () => {
    // The items after the callout are the note's, under `## Notes`: no blocker, no decision.
    expect(pairs("## Notes\n> [!summary] Call\n> **Risks:**\n> - r1\n\n- n1\n")).toEqual([["blockers", "r1"]]);
    expect(pairs("## Notes\n> [!summary] Call\n> ## Decisions\n> - d1\n\n- n2\n")).toEqual([["keyDecisions", "d1"]]);
    expect(pairs("## Notes\n> Decisions\n> ---\n> - d1\n\n- n3\n")).toEqual([["keyDecisions", "d1"]]);
    // A quote ended by the next item (no blank line) ends its headings too.
    expect(pairs("## Notes\n> **Risks:**\n> - r1\n- n4\n")).toEqual([["blockers", "r1"]]);
    // The heading or bold line above the quote holds again after it, and inside it walks up to it.
    expect(pairs("## Key Facts\n> **Risks:**\n> - r1\n\n- f1\n")).toEqual([
      ["blockers", "r1"],
      ["keyFacts", "f1"],
    ]);
    expect(pairs("**Key Facts:**\n> **Risks:**\n> - r1\n\n- f1\n")).toEqual([
      ["blockers", "r1"],
      ["keyFacts", "f1"],
    ]);
    expect(pairs("## Key Facts\n> ## Call notes\n> - f1\n\n- f2\n")).toEqual([
      ["keyFacts", "f1"],
      ["keyFacts", "f2"],
    ]);
    // A quote in an item in a quote: its bold line ends with it, as in an item at the top level.
    expect(pairs("## Key Facts\n> - item\n>   > **Risks:**\n>   > - r1\n> - f2\n")).toEqual([
      ["keyFacts", "item"],
      ["blockers", "r1"],
      ["keyFacts", "f2"],
    ]);
    // A lazy line goes on with the quote: its bold line still heads the quote's next item.
    expect(pairs("## Notes\n> **Risks:**\n> - r1\nlazy\n> - r2\n")).toEqual([
      ["blockers", "r1"],
      ["blockers", "r2"],
    ]);
    // Nested quotes: the inner one's bold line ends with it, the outer one's holds on.
    expect(pairs("> **Risks:**\n> > **Decisions:**\n> > - d1\n>\n> - r1\n\n- n5\n")).toEqual([
      ["keyDecisions", "d1"],
      ["blockers", "r1"],
    ]);
  });

  it("a line with fewer `>` that goes on with a deeper quote's paragraph (a lazy line, CommonMark) leaves that quote open: its heading, bold line or callout title still heads its next item (B36-D)", () => {
    // `> more` continues r1's paragraph; `> > - r2` is the same inner quote's list.
    expect(pairs("## Notes\n> > **Risks:**\n> > - r1\n> more\n> > - r2\n")).toEqual([
      ["blockers", "r1"],
      ["blockers", "r2"],
    ]);
    expect(pairs("## Notes\n> > ## Risks\n> > para\n> more\n> > - r2\n")).toEqual([["blockers", "r2"]]);
    expect(pairs("## Notes\n> > ## Risks\n> > para\n> more\n> more\n> > - r2\n")).toEqual([["blockers", "r2"]]);
    expect(pairs("## Notes\n> > [!info] Risks\n> > - r1\n> more\n> > - r2\n")).toEqual([
      ["blockers", "r1"],
      ["blockers", "r2"],
    ]);
    // A line that starts a block there is no lazy line: the inner quote ends, and with it its name.
    expect(pairs("## Notes\n> > **Risks:**\n> > - r1\n> more\n> - n1\n")).toEqual([["blockers", "r1"]]);
    expect(pairs("## Notes\n> > **Risks:**\n> > - r1\n> - n1\n")).toEqual([["blockers", "r1"]]);
    expect(pairs("## Notes\n> > ## Risks\n> > para\n> ---\n> - n1\n")).toEqual([]);
  });

  it("a heading or bold line in a quote inside a list item heads only that quote's items: the item's items after the quote are not under it (B36-D)", () => {
    expect(pairs("## Notes\n- item\n  > **Risks:**\n  > - r1\n\n  - s1\n")).toEqual([["blockers", "r1"]]);
    expect(pairs("## Notes\n- item\n  > ## Risks\n  > - r1\n  - s1\n")).toEqual([["blockers", "r1"]]);
    expect(pairs("## Notes\n- item\n  > Risks\n  > ---\n  > - r1\n  - s1\n")).toEqual([["blockers", "r1"]]);
    expect(pairs("## Notes\n- item\n  > - r0\n  > ## Risks\n  > - r1\n  - s1\n")).toEqual([["blockers", "r1"]]);
    // A deeper quote in it ends at a line with fewer `>` that starts a block.
    expect(pairs("## Notes\n- item\n  > > **Risks:**\n  > > - r1\n  > - s1\n")).toEqual([["blockers", "r1"]]);
    // … and goes on over a lazy line (`> more` continues the deeper quote's paragraph).
    expect(pairs("## Notes\n- item\n  > > **Risks:**\n  > more\n  > > - r1\n  > - s1\n")).toEqual([["blockers", "r1"]]);
    // A blank line ends the quote: the quote after it is another.
    expect(pairs("## Notes\n- item\n  > **Risks:**\n\n  > - r1\n")).toEqual([]);
    // The item's own heading holds again after the quote, and the note's after the item.
    expect(pairs("## Key Facts\n- **Decisions:**\n  > **Risks:**\n  > - r1\n  - d1\n- f1\n")).toEqual([
      ["blockers", "r1"],
      ["keyDecisions", "d1"],
      ["keyFacts", "f1"],
    ]);
    // So it is in a quote holding the item (there the inner quote is a deeper quote of the note's).
    expect(pairs("## Notes\n> - item\n>   > **Risks:**\n>   > - r1\n>   - s1\n")).toEqual([["blockers", "r1"]]);
  });

  it("in a quote inside a list item, a quote opened right after a line of its paragraph starts a paragraph of its own: a bold line there heads that inner quote's items (B36-D)", () => {
    // CommonMark: the inner quote interrupts the paragraph; its bold line heads its items, not r1.
    expect(pairs("## Notes\n- item\n  > **Risks:**\n  > > **Decisions:**\n  > > - d1\n  > - r1\n")).toEqual([
      ["keyDecisions", "d1"],
      ["blockers", "r1"],
    ]);
    expect(pairs("## Notes\n- item\n  > intro\n  > > **Decisions:**\n  > > - d1\n")).toEqual([["keyDecisions", "d1"]]);
    // A line with fewer `>` goes on with the paragraph (a lazy line): no bold line.
    expect(pairs("## Notes\n- item\n  > > intro\n  > **Decisions:**\n  > > - d1\n")).toEqual([]);
  });
});

describe("category tags (§6)", () => {
  it.each([
    ["#fact", "keyFacts"],
    ["#blocker", "blockers"],
    ["#decision", "keyDecisions"],
    ["#opportunity", "opportunities"],
    ["#fact/pricing", "keyFacts"],
    ["#Blocker/legal/review", "blockers"],
    ["#FACT", "keyFacts"],
  ])("a tag %s selects %s, and is removed with one adjacent space", (tag, section) => {
    expect(pairs(`- Price is $10 ${tag}\n`)).toEqual([[section, "Price is $10"]]);
    expect(pairs(`- ${tag} Price is $10\n`)).toEqual([[section, "Price is $10"]]);
    expect(pairs(`- Price ${tag} is $10\n`)).toEqual([[section, "Price is $10"]]);
  });

  it("a tag wins over the heading", () => {
    expect(pairs("## Key Facts\n- legal review pending #blocker\n")).toEqual([["blockers", "legal review pending"]]);
  });

  it("the first tag decides; later tags stay in the text", () => {
    expect(pairs("- go ahead #decision #fact\n")).toEqual([["keyDecisions", "go ahead #fact"]]);
  });

  it("other tags that only start like a category tag do not count", () => {
    expect(pairs("- visit the #factory\n- #facts are here\n- #fact-check this\n")).toEqual([]);
  });

  it("a tag in inline code does not count", () => {
    expect(pairs("- write `#fact` to tag\n")).toEqual([]);
  });

  it("a tag must be a tag (preceded by whitespace or at the start)", () => {
    expect(pairs("- issue#fact here\n")).toEqual([]);
  });
});

// B43-B: a category tag is read where Obsidian's metadata cache records a tag (readTags, the
// panel's rule, B42-B), not only after white space. Expected values by hand from §6: the tag and one
// adjacent space (the one after it, else the one before) go; so does, by the README's choice, an
// emphasis, strikethrough or highlight span, or bracketed text, holding nothing but the tag.
describe("category tags where Obsidian records a tag (B43-B)", () => {
  it.each([
    ["**#fact** price is 5", "keyFacts"],
    ["*#fact* price is 5", "keyFacts"],
    ["==#fact== price is 5", "keyFacts"],
    ["_#fact_ price is 5", "keyFacts"],
    ["__#fact__ price is 5", "keyFacts"],
    ["~~#blocker~~ price is 5", "blockers"],
    ["***#decision*** price is 5", "keyDecisions"],
    ["*==#opportunity==* price is 5", "opportunities"],
    ["**#Fact/pricing** price is 5", "keyFacts"],
    ["[#fact] price is 5", "keyFacts"],
    ["[**#fact**] price is 5", "keyFacts"],
    ["**#fact**price is 5", "keyFacts"],
    ["price is 5 **#fact**", "keyFacts"],
    ["price is 5 *#fact*", "keyFacts"],
  ])("`%s`: a tag alone in its span selects %s, and the span goes with it", (text, section) => {
    expect(pairs(`## Notes\n- ${text}\n`)).toEqual([[section, "price is 5"]]);
  });

  it("a tag in a span holding other text: the tag and one adjacent space go, the span stays", () => {
    expect(pairs("- **#fact price is 5**\n")).toEqual([["keyFacts", "**price is 5**"]]);
    expect(pairs("- **price is 5 #fact**\n")).toEqual([["keyFacts", "**price is 5**"]]);
    expect(pairs("- **price #fact is 5**\n")).toEqual([["keyFacts", "**price is 5**"]]);
    expect(pairs("- ==price *#fact* is 5==\n")).toEqual([["keyFacts", "==price is 5=="]]);
  });

  it("a tag right after a piece of its own (a wikilink, a code span, an escape, a tag) selects the category; nothing before it is taken", () => {
    expect(pairs("- price is 5 [[Pricing]]#fact\n")).toEqual([["keyFacts", "price is 5 [[Pricing]]"]]);
    expect(pairs("- price is `5`#fact\n")).toEqual([["keyFacts", "price is `5`"]]);
    expect(pairs("- price is 5\\]#fact\n")).toEqual([["keyFacts", "price is 5\\]"]]);
    expect(pairs("- price is 5 #x#blocker\n")).toEqual([["blockers", "price is 5 #x"]]);
    // In a link's text, as the cache records it (and as before).
    expect(pairs("- [price #fact](https://a.example) is 5\n")).toEqual([["keyFacts", "[price](https://a.example) is 5"]]);
  });

  it("a tag glued to the text on one side takes no space from the other: the space keeps the two apart", () => {
    expect(pairs("- [[Pricing]]#fact 5\n")).toEqual([["keyFacts", "[[Pricing]] 5"]]);
    expect(pairs("- price is `5`#fact today\n")).toEqual([["keyFacts", "price is `5` today"]]);
    expect(pairs("- price **#fact**is 5\n")).toEqual([["keyFacts", "price is 5"]]);
    expect(pairs("- price is **#fact**5\n")).toEqual([["keyFacts", "price is 5"]]);
    expect(pairs("- **ARR**#fact is 180k\n")).toEqual([["keyFacts", "**ARR** is 180k"]]);
    expect(pairs("- price is **5**#fact\n")).toEqual([["keyFacts", "price is **5**"]]);
    expect(pairs("- a **#fact**b\n")).toEqual([["keyFacts", "a b"]]);
    // Punctuation ending the phrase is no text the space keeps apart: the space before goes.
    expect(pairs("- price is 5 #decision.\n")).toEqual([["keyDecisions", "price is 5."]]);
    expect(pairs("- (price is 5 #fact), today\n")).toEqual([["keyFacts", "(price is 5), today"]]);
  });

  it("a tag that is a link's whole text selects the category and stays: the link keeps its text", () => {
    expect(pairs("- [#fact](https://a.example) price is 5\n")).toEqual([["keyFacts", "[#fact](https://a.example) price is 5"]]);
    expect(pairs("- price is 5 [**#blocker**](x.md)\n")).toEqual([["blockers", "price is 5 [**#blocker**](x.md)"]]);
    // Brackets that are no link go with the tag (as before).
    expect(pairs("- [#fact] price is 5\n")).toEqual([["keyFacts", "price is 5"]]);
    // Apart on both sides: one space goes, the one after it (as before).
    expect(pairs("- price #fact is 5\n")).toEqual([["keyFacts", "price is 5"]]);
    // A tab is white space too: the space after the tag goes, the tab stays.
    expect(pairs("- price\t#fact is 5\n")).toEqual([["keyFacts", "price\tis 5"]]);
  });

  it("the first tag the app records decides: one after punctuation is text and is passed over", () => {
    expect(pairs("- (#fact) price **#blocker**\n")).toEqual([["blockers", "(#fact) price"]]);
    expect(pairs("- **#decision** ship it #fact\n")).toEqual([["keyDecisions", "ship it #fact"]]);
  });

  it.each([
    ["(#fact) price is 5", "(#fact) price is 5"],
    ['"#fact" price is 5', '"#fact" price is 5'],
    ["a *#fact price is 5", "a *#fact price is 5"],
    ["price#fact is 5", "price#fact is 5"],
    ["`#fact` price is 5", "`#fact` price is 5"],
    ["`a #fact` price is 5", "`a #fact` price is 5"],
    ["$x #fact$ price is 5", "$x #fact$ price is 5"],
    ["[[Pricing|price #fact]] is 5", "[[Pricing|price #fact]] is 5"],
    ["[[Pricing #fact]] is 5", "[[Pricing #fact]] is 5"],
    ['<span title="a #fact">price</span> is 5', '<span title="a #fact">price</span> is 5'],
    ["<https://a.example/#fact> price is 5", "<https://a.example/#fact> price is 5"],
    ["\\#fact price is 5", "\\#fact price is 5"],
    ["#fact€ price is 5", "#fact€ price is 5"],
    ["_#fact__ price is 5", "_#fact__ price is 5"],
    ["snake_#fact price is 5", "snake_#fact price is 5"],
    ["price %%#fact%% is 5", "price is 5"],
    ["price <!-- #fact --> is 5", "price is 5"],
  ])("`%s`: no tag to the app, no category: the heading decides and the text stays", (text, kept) => {
    expect(pairs(`## Risks\n- ${text}\n`)).toEqual([["blockers", kept]]);
  });

  it("a tag inside display math or a code span that runs over the item's lines is no tag", () => {
    expect(pairs("## Risks\n- price $$x #fact$$ is 5\n")).toEqual([["blockers", "price $$x #fact$$ is 5"]]);
    expect(pairs("## Risks\n- price `a\n  #fact` is 5\n")).toEqual([["blockers", "price `a #fact` is 5"]]);
  });

  it("a task keeps its tags, in a span or not, and is only ever an open task", () => {
    expect(pairs("## Notes\n- [ ] send the **#fact** sheet\n- [ ] ask [#blocker] legal\n")).toEqual([
      ["openTasks", "send the **#fact** sheet"],
      ["openTasks", "ask [#blocker] legal"],
    ]);
  });

  it("an escaped `[` is text: it and the `]` stay (a tag right after an escape is a tag)", () => {
    expect(pairs("- \\[#fact] price is 5\n")).toEqual([["keyFacts", "\\[] price is 5"]]);
  });

  it("an item that is only a tag in a span is skipped, as one that is only a tag", () => {
    expect(pairs("- **#fact**\n- #fact\n- [#fact]\n")).toEqual([]);
  });
});

describe("leading marks (§6)", () => {
  it.each([
    ["❌ blocked by legal", "blocked by legal"],
    ["✅ go with plan B", "go with plan B"],
    ["⚠ careful with pricing", "careful with pricing"],
    ["⚠️ careful with pricing", "careful with pricing"],
    ["❌️ blocked", "blocked"],
    ["✅   spaced", "spaced"],
  ])("- %s", (input, expected) => {
    expect(pairs(`## Risks\n- ${input}\n`)).toEqual([["blockers", expected]]);
  });

  it("a mark not at the start is kept", () => {
    expect(pairs("## Risks\n- legal ❌ blocked\n")).toEqual([["blockers", "legal ❌ blocked"]]);
  });

  it("a mark left at the start after a tag is removed is dropped", () => {
    expect(pairs("- #decision ✅ ship it\n")).toEqual([["keyDecisions", "ship it"]]);
  });

  it("an item that is only a mark is skipped", () => {
    expect(pairs("## Risks\n- ❌\n")).toEqual([]);
  });
});

describe("an item's line of many comments: its text built once, not copied for every comment (docs/reliability.md B37-C)", () => {
  // Taking comments out of a line, the text kept so far was read for its last character after each
  // comment; a string built by `+=` and then read is copied into one piece by V8, so a line of n
  // comments copied n growing strings (an 800 KB line `a %%c%% …`: 4 s, 400 KB: 0.1 s). Counted: the
  // different lengths of the strings read by charCodeAt during the harvest — one per comment
  // before (each a longer piece of the text being built), a few now.
  it("a key fact of 10,000 `a %%c%%`: the comments taken out, one space between the words", () => {
    const text = "## Key Facts\n- " + "a %%c%% ".repeat(10_000) + "\n";
    const scan = scanMarkdown(text);
    const visible = maskHidden(text, scan.hidden);
    const lengths = new Set<number>();
    const charCodeAt = Object.getOwnPropertyDescriptor(String.prototype, "charCodeAt")!;
    const original = String.prototype.charCodeAt;
    Object.defineProperty(String.prototype, "charCodeAt", {
      ...charCodeAt,
      value: function (this: string, at: number): number {
        lengths.add(this.length);
        return original.call(this, at);
      },
    });
    let items: Item[];
    try {
      items = harvestItems(text, visible, scan);
    } finally {
      Object.defineProperty(String.prototype, "charCodeAt", charCodeAt);
    }
    expect(lengths.size).toBeLessThan(50);
    expect(items.map((i) => [i.section, i.text])).toEqual([["keyFacts", Array.from({ length: 10_000 }, () => "a").join(" ")]]);
  });
});
