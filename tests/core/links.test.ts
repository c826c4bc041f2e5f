// §3 Links: every form, read from the visible body and from frontmatter strings.
import { describe, expect, it } from "vitest";
import { parseFrontmatter } from "../../src/core/frontmatter";
import {
  displayText,
  extractBodyLinks,
  extractFrontmatterLinks,
  parseWikiInner,
  percentDecode,
  type LinkRef,
} from "../../src/core/links";
import { scanMarkdown } from "../../src/core/markdown";
import { parseNote } from "../../src/core/note";
import { maskHidden } from "../../src/core/ranges";
import { DEFAULT_SETTINGS } from "../../src/core/settings";

/** Links of a body, after invisible text is masked as the engine does. */
function bodyLinks(text: string): LinkRef[] {
  const s = scanMarkdown(text);
  return extractBodyLinks(maskHidden(text, s.hidden), 0, s).links;
}

/** Each text's links as [target, alias] pairs; a failure names the text. */
function expectLinkPairs(cases: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string | null]>]>): void {
  for (const [text, expected] of cases) expect(bodyLinks(text).map((l) => [l.target, l.alias]), JSON.stringify(text)).toEqual(expected);
}

function simple(links: LinkRef[]): Array<[string, string | null, string | null, boolean]> {
  return links.map((l) => [l.target, l.subpath, l.alias, l.embed]);
}

describe("wikilinks (§3)", () => {
  it("[[target]]", () => {
    expect(simple(bodyLinks("see [[Acme Corp]] now"))).toEqual([["Acme Corp", null, null, false]]);
  });

  it("[[target|shown]]", () => {
    expect(simple(bodyLinks("[[Acme Corp|Acme]]"))).toEqual([["Acme Corp", null, "Acme", false]]);
  });

  it("[[target#Heading]] and [[target#^block]]", () => {
    expect(simple(bodyLinks("[[Acme#Key Facts]] [[Acme#^abc123]]"))).toEqual([
      ["Acme", "Key Facts", null, false],
      ["Acme", "^abc123", null, false],
    ]);
  });

  it("[[target#Heading|shown]]", () => {
    expect(simple(bodyLinks("[[Acme#Key Facts|facts]]"))).toEqual([["Acme", "Key Facts", "facts", false]]);
  });

  it("[[target\\|shown]] (the table-safe pipe)", () => {
    expect(simple(bodyLinks("| [[Acme Corp\\|Acme]] | x |"))).toEqual([["Acme Corp", null, "Acme", false]]);
  });

  it("[[#Heading]] is a link to the note itself (empty target)", () => {
    const links = bodyLinks("see [[#Pricing]]");
    expect(simple(links)).toEqual([["", "Pricing", null, false]]);
  });

  it("the target is trimmed", () => {
    expect(simple(bodyLinks("[[  Acme Corp  ]] [[ Acme # H ]]"))).toEqual([
      ["Acme Corp", null, null, false],
      ["Acme", "H", null, false],
    ]);
  });

  it("embeds ![[…]] count as links", () => {
    expect(simple(bodyLinks("![[diagram.png]] ![[Acme]]"))).toEqual([
      ["diagram.png", null, null, true],
      ["Acme", null, null, true],
    ]);
  });

  it("keeps targets with folders", () => {
    expect(simple(bodyLinks("[[Customers/Acme]] [[./Acme]] [[../People/Bob]] [[/Top]]"))).toEqual([
      ["Customers/Acme", null, null, false],
      ["./Acme", null, null, false],
      ["../People/Bob", null, null, false],
      ["/Top", null, null, false],
    ]);
  });

  it("records offsets of the whole link, embeds from the `!`", () => {
    const text = "ab [[X]] ![[Y]]";
    const links = bodyLinks(text);
    expect(text.slice(links[0]!.start, links[0]!.end)).toBe("[[X]]");
    expect(text.slice(links[1]!.start, links[1]!.end)).toBe("![[Y]]");
  });

  it("a link does not span lines, and `[[]]` is no link", () => {
    expect(bodyLinks("[[Acme\nCorp]] [[]]")).toEqual([]);
  });

  it("several links on a line, in order", () => {
    expect(bodyLinks("[[A]], [[B|b]] and [[C#c]]").map((l) => l.target)).toEqual(["A", "B", "C"]);
  });
});

describe("markdown links (§3)", () => {
  it("a link to a note with .md and %20 escapes", () => {
    const links = bodyLinks("[the note](Folder/Some%20Note.md)");
    expect(links.length).toBe(1);
    expect(links[0]!.kind).toBe("md");
    expect(links[0]!.target.replace(/\.md$/, "")).toBe("Folder/Some Note");
    expect(links[0]!.alias).toBe("the note");
  });

  it("a link in angle brackets, spaces as written", () => {
    const links = bodyLinks("[t](<Some Note.md>)");
    expect(links.map((l) => l.target.replace(/\.md$/, ""))).toEqual(["Some Note"]);
  });

  it("a link without .md, and with a heading", () => {
    const links = bodyLinks("[t](Acme) [u](Acme.md#Key%20Facts)");
    expect(links.map((l) => [l.target.replace(/\.md$/, ""), l.subpath])).toEqual([
      ["Acme", null],
      ["Acme", "Key Facts"],
    ]);
  });

  it("a destination's name and heading decoded, then trimmed; the heading from the first literal # on, a nested one whole (B41-A)", () => {
    // noteDestination, which the panel's status links share: `%20` at either end of the name or the
    // heading (or a space before `#` inside angle brackets) is no part of it; `a#b` is heading b
    // under heading a, as Obsidian writes a nested heading's link.
    const links = bodyLinks("[t](<Acme.md #Key Facts>) [u](%20Acme.md%20#%20Key%20Facts%20) [v](Acme.md#Plan#Q3)");
    expect(links.map((l) => [l.target, l.subpath])).toEqual([
      ["Acme.md", "Key Facts"],
      ["Acme.md", "Key Facts"],
      ["Acme.md", "Plan#Q3"],
    ]);
  });

  it("a URL with a scheme is not a note link", () => {
    expect(bodyLinks("[a](https://example.com/Acme.md) [b](obsidian://open?vault=x&file=Acme) [c](mailto:a@b.c) [d](file:///x.md)")).toEqual(
      [],
    );
  });

  it("an image is an embed", () => {
    const links = bodyLinks("![diagram](img/d.png)");
    expect(links.length).toBe(1);
    expect(links[0]!.embed).toBe(true);
    expect(links[0]!.target).toBe("img/d.png");
  });

  it("the text may run over a line break (CommonMark's soft break), not over a blank line or a block", () => {
    // Hard-wrapped notes break a link's text: `[the\nclient](Acme.md)` is a link Obsidian renders.
    const cases: Array<[string, Array<[string, string | null]>]> = [
      ["see [the\nclient](Acme.md) ok", [["Acme.md", "the\nclient"]]],
      ["- [the\n  client](Acme.md)", [["Acme.md", "the\n  client"]]],
      ["see [the\r\nclient](Acme.md)", [["Acme.md", "the\r\nclient"]]],
      ["[one\ntwo\nthree](Acme.md)", [["Acme.md", "one\ntwo\nthree"]]],
      ["see [the\n\nclient](Acme.md)", []],
      ["see [the\n \t\nclient](Acme.md)", []],
      ["see [the\r\n\r\nclient](Acme.md)", []],
      ["see [the\n```\ncode\n```\nclient](Acme.md)", []],
      ["see [the\nclient](https://acme.io)", []],
    ];
    expectLinkPairs(cases);
  });

  it("a text wrapped into a line that starts another block is no link; a lazy or continued line is (CommonMark)", () => {
    const cases: Array<[string, Array<[string, string | null]>]> = [
      ["[a\n# H](x.md)", []],
      ["- see [the\n- client](Acme.md)", []],
      ["- [ ] call [the\n- [ ] client](Acme.md)", []],
      ["1. see [the\n2. client](Acme.md)", []],
      ["- see [the\n  - client](Acme.md)", []],
      ["see [the\n> client](Acme.md)", []],
      ["> see [the\n> > client](Acme.md)", []],
      // Two rows of a table (B30-G); without a delimiter row the lines are a paragraph (B33-B, below).
      ["| h |\n|---|\n| [a |\n| b](x.md) |", []],
      ["see [the\n***\nclient](Acme.md)", []],
      ["see [the\r\n- client](Acme.md)", []],
      // Lazy continuation lines and paragraph text go on with the paragraph.
      ["> see [the\nclient](Acme.md)", [["Acme.md", "the\nclient"]]],
      ["> > see [the\n> client](Acme.md)", [["Acme.md", "the\n> client"]]],
      ["> see [the\n> client](Acme.md)", [["Acme.md", "the\n> client"]]],
      ["- see [the\nclient](Acme.md)", [["Acme.md", "the\nclient"]]],
      ["see [the\n2. client](Acme.md)", [["Acme.md", "the\n2. client"]]],
      // A link inside the rejected text, or after it, is still found.
      ["- see [the [x](X.md)\n- client](Acme.md) [y](Y.md)", [["X.md", "x"], ["Y.md", "y"]]],
    ];
    expectLinkPairs(cases);
  });

  it("a wrapped line four columns or more past its container goes on with the text, whatever block it looks like (B31-A)", () => {
    // CommonMark: indented code cannot interrupt a paragraph, so such a line is more of it.
    const cases: Array<[string, Array<[string, string | null]>]> = [
      ["[a\n    - b](x.md)", [["x.md", "a\n    - b"]]],
      ["  [a\n    - b](x.md)", [["x.md", "a\n    - b"]]],
      ["[a\n    # b](x.md)", [["x.md", "a\n    # b"]]],
      ["[a\n    > b](x.md)", [["x.md", "a\n    > b"]]],
      ["[a\n    ***\nb](x.md)", [["x.md", "a\n    ***\nb"]]],
      ["[a\n    <div>b](x.md)", [["x.md", "a\n    <div>b"]]],
      // In an item the columns count from its content (column 2): six spaces are four past it, four are two.
      ["- [a\n      - b](x.md)", [["x.md", "a\n      - b"]]],
      ["- [a\n  b\n      - c](x.md)", [["x.md", "a\n  b\n      - c"]]],
      ["- [a\n    - b](x.md)", []],
      ["- [a\nb\n    - c](x.md)", []],
      ["- x\n\n  [a\n      - b](x.md)", [["x.md", "a\n      - b"]]],
      ["- x\n\n  [a\n    - b](x.md)", []],
      // In a quote from the quote's content; a line that leaves the quote four columns in is lazy.
      [">  [a\n>     - b](x.md)", [["x.md", "a\n>     - b"]]],
      ["> [a\n    - b](x.md)", [["x.md", "a\n    - b"]]],
    ];
    expectLinkPairs(cases);
  });

  it("a new ordered item ends the text where the note's items see one: after an item's continuation line too (B31-A)", () => {
    const cases: Array<[string, Array<[string, string | null]>]> = [
      // The second item of the list (every CommonMark reading agrees).
      ["1. [a\n   b\n2. c](x.md)", []],
      ["1. x\n   - [a\n     b\n2. c](x.md)", []],
      ["> 1. [a\n>    b\n> 2. c](x.md)", []],
      // A new list after a bullet item, as the scanner reads it (`- a` / `lazy` / `2. b`: two items).
      ["- [a\n  b\n2. c](x.md)", []],
      ["> > [a\n> 2. b](x.md)", []],
      // No item: a quote's paragraph is held to the interrupt rule, as a top-level one is.
      ["> see [the\n> 2. client](x.md)", [["x.md", "the\n> 2. client"]]],
      ["> - a\n>\n> 1. [b\n> c](x.md)", [["x.md", "b\n> c"]]],
    ];
    expectLinkPairs(cases);
  });

  it("a text never runs from one table row into the next, with or without a leading | (B31-A)", () => {
    const cases: Array<[string, Array<[string, string | null]>]> = [
      ["a | b\n--|--\nc [d | e\nf](x.md)", []],
      ["a | b\n--|--\nc [d\nf](x.md)", []],
      ["| a | b |\n|--|--|\n| [c | d |\n| e](x.md) | f |", []],
      // No table: the delimiter row has another number of cells, or is none.
      ["a | b\n--|--|--\n[c\nd](x.md)", [["x.md", "c\nd"]]],
      ["[a | b\n--|--](x.md)", [["x.md", "a | b\n--|--"]]],
    ];
    expectLinkPairs(cases);
  });

  it("a one-cell delimiter row under a line without `|` starts no table (markdown-it, Lezer), as the scanner has it (B33-I)", () => {
    const cases: Array<[string, Array<[string, string | null]>]> = [
      ["[a\n-|\nb](x.md)", [["x.md", "a\n-|\nb"]]],
      ["a\n:-:|\n[c\nd](x.md)", [["x.md", "c\nd"]]],
      // With a `|` in the header: a table, whose rows no text runs across.
      ["a |\n-|\n[c\nd](x.md)", []],
      ["| a\n-|\n[c\nd](x.md)", []],
      // `a \\|`: an escaped backslash, then a real `|` (markdown-it, Lezer: a table) (B33-J).
      ["a \\\\|\n-|\n[c\nd](x.md)", []],
      // A lone `|` heads no table (markdown-it, Lezer: one paragraph, the link read) (B33-J).
      ["|\n|-\n[c\nd](x.md)", [["x.md", "c\nd"]]],
    ];
    expectLinkPairs(cases);
  });

  it("a header's cells are counted on the line as written, code spans too: a pipe in one splits a cell, one opening the line is no leading pipe (markdown-it, Lezer) (B34-A)", () => {
    // The note's own path: its code spans are masked before links are read, the rows counted unmasked.
    const links = (t: string) => parseNote("Meetings/m.md", t, DEFAULT_SETTINGS).note.links.map((l) => [l.target, l.alias]);
    // `` `a` |b ``: two cells, not a `|`-led one; the one-cell row below heads no table.
    expect(links("`a` |b\n-|\n[c\nd](x.md)\n")).toEqual([["x.md", "c\nd"]]);
    expect(links("x\n`a` |b\n-|\n[c\nd](x.md)\n")).toEqual([["x.md", "c\nd"]]);
    expect(links("- t\n  `a` |b\n  -|\n  [c\n  d](x.md)\n")).toEqual([["x.md", "c\n  d"]]);
    // `` a `|` b ``: two cells, a table under a paragraph line, in a quote and in an item.
    expect(links("x\na `|` b\n-|-\n[c\nd](x.md)\n")).toEqual([]);
    expect(links("> x\n> a `|` b\n> -|-\n> [c\n> d](x.md)\n")).toEqual([]);
    expect(links("- t\n  a `|` b\n  -|-\n  [c\n  d](x.md)\n")).toEqual([]);
    // Of another count, no table: the link is read.
    expect(links("x\na `|` b\n-|-|-\n[c\nd](x.md)\n")).toEqual([["x.md", "c\nd"]]);
    // A header that is one code span (both oracles: a table of two cells); a line all comment
    // (Obsidian's) is still no header.
    expect(links("x\n`a|b`\n--|--\n[c\nd](x.md)\n")).toEqual([]);
    expect(links("> x\n> `a|b`\n> --|--\n> [c\n> d](x.md)\n")).toEqual([]);
    expect(links("x\n%%a|b%%\n--|--\n[c\nd](x.md)\n")).toEqual([["x.md", "c\nd"]]);
  });

  it("a line of code, or of a comment or math going on from above, is no header as written: `` `a|b` `` indented or in a fence (markdown-it, Lezer) (B34-B)", () => {
    const links = (t: string) => parseNote("Meetings/m.md", t, DEFAULT_SETTINGS).note.links.map((l) => [l.target, l.alias]);
    const read = [["x.md", "c\nd"]];
    // Indented code, a fence's line in an item, a comment's and math's closing line: hidden as a
    // block from the line's start, never the paragraph's header.
    expect(links("    `a|b`\n--|--\n[c\nd](x.md)\n")).toEqual(read);
    expect(links("- ```\n  `a|b`\n--|--\n[c\nd](x.md)\n")).toEqual(read);
    expect(links("<!--\n`a|b` -->\n--|--\n[c\nd](x.md)\n")).toEqual(read);
    expect(links("<!--\nx --> y|z\n--|--\n[c\nd](x.md)\n")).toEqual(read);
    expect(links("%%\n`a|b` %%\n--|--\n[c\nd](x.md)\n")).toEqual(read);
    expect(links("$$\n`a|b`$$\n--|--\n[c\nd](x.md)\n")).toEqual(read);
    expect(links("- a\n\n      `a|b`\n  --|--\n  [c\n  d](x.md)\n")).toEqual([["x.md", "c\n  d"]]);
    // Nor is a delimiter row inside a comment going on from the header's line (the scanner's `tables`).
    expect(links("a|b\n-|-\n\n[c\nd|e](x.md) %%\n--|--\n%%\n")).toEqual([["x.md", "c\nd|e"]]);
    // A code span opening a paragraph's line is still read as written.
    expect(links("x\n`a|b`\n--|--\n[c\nd](x.md)\n")).toEqual([]);
  });

  it("a header's lead is read as written: a `>` or list marker after a code span is text (`` `|` > b ``: two cells, a table) (markdown-it, Lezer) (B34-B)", () => {
    const links = (t: string) => parseNote("Meetings/m.md", t, DEFAULT_SETTINGS).note.links.map((l) => [l.target, l.alias]);
    expect(links("x\n`|` > b\n-|-\n[c\nd](x.md)\n")).toEqual([]);
    expect(links("x\n`|` - b\n-|-\n[c\nd](x.md)\n")).toEqual([]);
    expect(links("> `|` > b\n> -|-\n> [c\n> d](x.md)\n")).toEqual([]);
    expect(links("- `|` - b\n  -|-\n  [c\n  d](x.md)\n")).toEqual([]);
    expect(links("- t\n  `|` - b\n  -|-\n  [c\n  d](x.md)\n")).toEqual([]);
    // Of another count, no table: the link is read.
    expect(links("x\n`|` > b\n-|-|-\n[c\nd](x.md)\n")).toEqual([["x.md", "c\nd"]]);
    // A BOM opening the note is none of the header's text (`|a|b`: a leading pipe, two cells).
    expect(links("\uFEFF> |a|b\n> -|-\n> [c\n> d](x.md)\n")).toEqual([]);
  });

  it("an HTML block of any type that may interrupt a paragraph (1–6) ends the text; type 7 does not (B31-A)", () => {
    for (const line of ["<pre>b", "<script>b", "<style>b", "<TEXTAREA>b", "<?php b", "<!DOCTYPE b", "<td>b", "</tbody>b"]) {
      expect(bodyLinks(`[a\n${line}](x.md)`), line).toEqual([]);
    }
    expect(bodyLinks("[a\n<!-- c -->\nb](x.md)")).toEqual([]);
    expect(bodyLinks("[a\n<span>b](x.md)").map((l) => l.alias)).toEqual(["a\n<span>b"]);
  });

  it("a comment opening a line ends the text whatever follows it on the line: an HTML block, type 2 (B31-A's Not fixed)", () => {
    // The comment is masked before links are read, so the line read as `b](x.md)`: a link.
    const links = (t: string) => parseNote("Meetings/m.md", t, DEFAULT_SETTINGS).note.links.map((l) => l.target);
    expect(links("See [the\n<!-- c --> plan](Acme.md) now.\n")).toEqual([]);
    expect(links("See [the\n<!-- a comment\nover lines --> plan](Acme.md) now.\n")).toEqual([]);
    expect(links("> See [the\n> <!-- c --> plan](Acme.md)\n")).toEqual([]);
    expect(links("- See [the\n  <!-- c --> plan](Acme.md)\n")).toEqual([]);
    // Not one inside the line, nor an Obsidian comment (`%%`), nor a comment four columns in (the
    // paragraph goes on: indented code cannot interrupt it), nor one in a wrapped link on one line.
    expect(links("See [the <!-- c -->\nplan](Acme.md)\n")).toEqual(["Acme.md"]);
    expect(links("See [the\n%%c%% plan](Acme.md)\n")).toEqual(["Acme.md"]);
    expect(links("See [the\n    <!-- c --> plan](Acme.md)\n")).toEqual(["Acme.md"]);
    expect(links("See [the plan](Acme.md)\n<!-- c --> b\n")).toEqual(["Acme.md"]);
  });

  it("an empty item the scanner found ends the text too; list markers are read through only on an item's line (B31-E)", () => {
    const cases: Array<[string, Array<[string, string | null]>]> = [
      // `2.` and `+` are items of their own here (CommonMark: no paragraph of the list's is open at column 0).
      ["1. [a\n2.\nb](x.md)", []],
      ["- [a\n+\nb](x.md)", []],
      // Below a paragraph an empty item cannot interrupt it: the text goes on.
      ["[a\n1.\nb](x.md)", [["x.md", "a\n1.\nb"]]],
      // `2.` does not start an item below `text`, so its `>` is text, and `> c` opens a quote.
      ["text\n2. > [a\n> c](x.md)", []],
      // A quote opened in an item's content goes on at the item's content column, not left of it.
      ["- > [a\n> b](x.md)", []],
      ["1. > [a\n  > b](x.md)", []],
      ["1. > [a\n   > b](x.md)", [["x.md", "a\n   > b"]]],
      ["> - > [a\n> > b](x.md)", []],
      ["> - > [a\n>   > b](x.md)", [["x.md", "a\n>   > b"]]],
    ];
    expectLinkPairs(cases);
  });

  it("a line of quote markers alone is a blank line of its quote: the text ends there (B31-G)", () => {
    const cases: Array<[string, Array<[string, string | null]>]> = [
      // CommonMark: `>` alone ends the quote's paragraph; `> b` starts another one.
      ["> [a\n>\n> b](x.md)", []],
      ["> [a\n>  \n> b](x.md)", []],
      ["> [a\r\n>\r\n> b](x.md)", []],
      ["> > [a\n>\n> > b](x.md)", []],
      ["- > [a\n  >\n  > b](x.md)", []],
      ["> - [a\n>\n>   b](x.md)", []],
      // A line four columns past the paragraph's container is its text, `>` or not.
      ["[a\n    >\nb](x.md)", [["x.md", "a\n    >\nb"]]],
      ["> [a\n> b](x.md)", [["x.md", "a\n> b"]]],
    ];
    expectLinkPairs(cases);
  });

  it("a line of the paragraph with more quote markers than a lazy line above it opens no quote; a `|` line after a lazy one is no second row (B31-E)", () => {
    // CommonMark: one paragraph of the inner quote throughout (`> [a` and `[a` are lazy lines).
    const cases: Array<[string, Array<[string, string | null]>]> = [
      ["> > x\n> [a\n> > b](x.md)", [["x.md", "a\n> > b"]]],
      ["> > x\n[a\n> > b](x.md)", [["x.md", "a\n> > b"]]],
      ["> | [a\nb\n> | c](x.md)", [["x.md", "a\nb\n> | c"]]],
      // A new paragraph in the inner quote is another block.
      ["> [a\n> > b](x.md)", []],
      // `> 2. b` goes on with the quote's paragraph (no item), its lazy line `[a` between.
      ["> x\n[a\n> 2. b](x.md)", [["x.md", "a\n> 2. b"]]],
    ];
    expectLinkPairs(cases);
  });

  it("a quote the text starts in may open its item's content; a lazy line above does not lower its depth (B31-A)", () => {
    const cases: Array<[string, Array<[string, string | null]>]> = [
      ["- > [a\n  > b](x.md)", [["x.md", "a\n  > b"]]],
      ["- > [a\n  b](x.md)", [["x.md", "a\n  b"]]],
      ["- [a\n  > b](x.md)", []],
      ["> > [a\n> b\n> > c](x.md)", [["x.md", "a\n> b\n> > c"]]],
      ["> - [a\n>   b](x.md)", [["x.md", "a\n>   b"]]],
      ["> - a\n> - [b\nc](x.md)", [["x.md", "b\nc"]]],
      ["> - [a\n> - b](x.md)", []],
    ];
    expectLinkPairs(cases);
  });

  it("a GFM table in a quote or a list item, or one whose header interrupts a paragraph, ends the text; `|` lines without a delimiter row do not (B33-B)", () => {
    // Decided by GFM as markdown-it and Lezer read tables (commonmark.js knows none): a header row and
    // a delimiter row with as many cells start a table in any container, below any line of a paragraph.
    const cases: Array<[string, Array<[string, string | null]>]> = [
      ["a [b\nc | d\n--|--\ne](x.md)", []],
      ["> a | b\n> --|--\n> [c\n> d](x.md)", []],
      ["- a | b\n  --|--\n  [c\n  d](x.md)", []],
      ["> a [b | c\n> --|--\n> d](x.md)", []],
      ["> a [b\n> c | d\n> --|--\n> e](x.md)", []],
      ["x\na | b\n--|--\nc [d\ne](x.md)", []],
      // An ATX heading is one line: the text does not run on below it.
      ["# [a\nb](x.md)", []],
      ["- ## [a\n  b](x.md)", []],
      // No table: no delimiter row, another number of cells, a header four columns in.
      ["| [a |\n| b](x.md) |", [["x.md", "a |\n| b"]]],
      ["a [b\nc | d\n--|--|--\ne](x.md)", [["x.md", "b\nc | d\n--|--|--\ne"]]],
      ["a [b\n    c | d\n--|--\ne](x.md)", [["x.md", "b\n    c | d\n--|--\ne"]]],
      // A lazy line is no row and no delimiter row (cmark-gfm's containers; markdown-it and Lezer
      // read a table in the second case).
      ["> a | b\n> --|--\n[c\nd](x.md)", [["x.md", "c\nd"]]],
      ["> a | [b\n--|--\n> c](x.md)", [["x.md", "b\n--|--\n> c"]]],
      ["> > a | [b\n> c](x.md)\n> --|--", [["x.md", "b\n> c"]]],
      // A table takes no lazy line: below a quote's table a line without its `>` ends the quote, and
      // a later `>` opens another (cmark-gfm; markdown-it and Lezer: a row; no link either way).
      ["> x | y\n> --|--\n[a\n> b](x.md)", []],
      ["> > x | y\n> > --|--\n> > z\n> [a\n> > b](x.md)", []],
      // Lines with fewer markers than the paragraph's quote are its lazy lines: no table in them.
      ["> > c | d\n> [a | b\n> b](x.md) | c\n> :-:|---", [["x.md", "a | b\n> b"]]],
    ];
    expectLinkPairs(cases);
  });

  it("a quote in an item on a line of its own ends where a `>` left of the item's content opens another; lazy lines after an item in a quote go on; a tab after `>` (B33-B)", () => {
    // CommonMark, as commonmark.js, markdown-it and Lezer read these.
    const cases: Array<[string, Array<[string, string | null]>]> = [
      ["- # h\n  > [a\n>b](x.md)", []],
      ["- # h\n  > [a\n  > b](x.md)", [["x.md", "a\n  > b"]]],
      ["- # h\n  > [a\nb](x.md)", [["x.md", "a\nb"]]],
      ["- a\n  - # h\n    > [a\n  > b](x.md)", []],
      ["> - > [a\n  > > b](x.md)", []],
      // `[a` goes on lazily with the inner quote's item, and so does a line with the markers again.
      ["> > 2. b\n[a\n>c](x.md)", [["x.md", "a\n>c"]]],
      ["> - a\n[a\n>   b](x.md)", [["x.md", "a\n>   b"]]],
      ["> > 2. a\n  > [a\n  > >b](x.md)", [["x.md", "a\n  > >b"]]],
      // A tab after `>` takes one column as the marker's space: `> \t>` is a quote in the item.
      [">\t2. [a\n> \t>b](x.md)", []],
      [">2. [a\n> \t> b](x.md)", []],
      // A paragraph's line four columns in holds text, not a quote marker.
      ["[a\n\t> [b\n>c](x.md)", []],
    ];
    expectLinkPairs(cases);
  });

  it("an escaped [ starts no link; an escaped ! or \\\\ before a link leaves the link", () => {
    expect(simple(bodyLinks("\\[a](X.md) \\![b](Y.md) \\\\[c](Z.md)"))).toEqual([
      ["Y.md", null, "b", false],
      ["Z.md", null, "c", false],
    ]);
  });

  it("runs of escaped [ on one line and on 100,000 lines, and [ without ] on 100,000 lines, are read in linear time", () => {
    // Each `\[` used to start a text that ran to the end of the line, or (wrapped) of the paragraph.
    for (const text of ["[a](x.md)\n" + "\\[a".repeat(100_000), "[a](x.md)\n" + "\\[a\n".repeat(100_000), "[a](x.md)\n" + "- [a\n".repeat(100_000) + "b](y.md)"]) {
      // The last `[a` goes on over the lazy line `b](y.md)`: a link; every other one meets the next item.
      expect(bodyLinks(text).map((l) => l.target)).toEqual(text.endsWith("(y.md)") ? ["x.md", "y.md"] : ["x.md"]);
    }
  });

  it("a bracket pair in a link's text ends at a ] not escaped (CommonMark), and a run of [x\\] is read in linear time (B42-B)", () => {
    // CommonMark: `[b\]` is no pair (its `]` is escaped), so the text runs on to `c]`, which closes
    // `[b`: the link is `b] c`, `[a ` before it text. A pair taken as closed by `\]` made the link
    // `a [b\] c` and, from each `[` of the run below, scanned on through every pair to the line's end.
    expectLinkPairs([
      ["[a [b\\] c](x.md)", [["x.md", "b\\] c"]]],
      ["[a [b\\]](x.md)", [["x.md", "b\\]"]]],
      ["[a [b] c](x.md)", [["x.md", "a [b] c"]]],
    ]);
    expect(bodyLinks("[a](x.md)\n" + "[#a\\]".repeat(100_000)).map((l) => l.target)).toEqual(["x.md"]);
  });

  it("a link's text over a line break: a bracket pair in it may hold one, and so may a backslash before it (a hard line break), as CommonMark reads them; a blank line still ends the text (B42-E)", () => {
    // CommonMark: a link's text is inlines, a paragraph's line breaks among them, so a pair of
    // brackets holding one is a pair (`[b⏎c]`), and `\` before a line break is a hard line break, no
    // escape, inside a link's text as anywhere (0.31, "Hard line breaks"). The pair stopped at the
    // line's end and the backslash matched nothing: no link at all was read.
    expectLinkPairs([
      ["[a [b\nc] d](x.md)", [["x.md", "a [b\nc] d"]]],
      ["[a\\\nb](x.md)", [["x.md", "a\\\nb"]]],
      ["[a\\\r\nb](x.md)", [["x.md", "a\\\r\nb"]]],
      ["[a [b\\\nc] d](x.md)", [["x.md", "a [b\\\nc] d"]]],
      // A blank line ends the paragraph, and so the text: no link, as before.
      ["[a [b\n\nc] d](x.md)", []],
      ["[a\\\n\nb](x.md)", []],
      // The escapes stay escapes: `\]` closes nothing, `\\` is a backslash and its `]` closes.
      ["[a\\](x.md)", []],
      ["[a\\\\](x.md)", [["x.md", "a\\\\"]]],
    ]);
    // Each `[` of a run of unclosed pairs over lines reads up to the next bracket only.
    expect(bodyLinks("[a](x.md)\n" + "[b\\\n".repeat(50_000)).map((l) => l.target)).toEqual(["x.md"]);
    expect(bodyLinks("[a](x.md)\n" + "[a [b\n".repeat(50_000)).map((l) => l.target)).toEqual(["x.md"]);
  });

  it("an escape inside a bracket pair of a link's text, a CRLF hard line break in one included: the pair holds it (B43-C)", () => {
    // CommonMark: `\*` is an escaped `*` and `\\` an escaped backslash, each text inside the pair;
    // a backslash before a CRLF line break is a hard line break there as before a LF.
    expectLinkPairs([
      ["[a [b\\* c] d](x.md)", [["x.md", "a [b\\* c] d"]]],
      ["[a [b\\\\] c](x.md)", [["x.md", "a [b\\\\] c"]]],
      ["[a [b\\\r\nc] d](x.md)", [["x.md", "a [b\\\r\nc] d"]]],
    ]);
  });

  it("20,000 wrapped texts each on a lazy line below a deeper quote line (the walk up for a table above) are read in linear time (B33-E)", () => {
    // Each `    > [a` is a lazy line of the quote's paragraph (four columns in, its `>` is text) below a
    // line with a `>`: the check for a table right above walked up from that line to the note's top
    // every time (its memo was the one the text's own walk had just set), 45 s for these 20,000.
    // commonmark.js and markdown-it: one paragraph in the quote, and 20,000 links.
    const text = "> q |-\n" + "    > [a\n    > b](x.md)\n".repeat(20_000);
    const t0 = performance.now();
    const links = bodyLinks(text);
    const ms = performance.now() - t0;
    expect(links.length).toBe(20_000);
    expect(links.every((l) => l.target === "x.md" && l.alias === "a\n    > b")).toBe(true);
    expect(ms).toBeLessThan(3_000);
  });

  it("a note link's text over a line break is masked for mentions; an external link's is not", () => {
    const text = "[Acme\nteam](Note.md) and [Acme\ndocs](https://acme.io)";
    const { maskSpans } = extractBodyLinks(text);
    const masked = (i: number): boolean => maskSpans.some((s) => s.start <= i && i < s.end);
    expect(masked(text.indexOf("team"))).toBe(true);
    expect(masked(text.indexOf("Acme\ndocs"))).toBe(false);
  });

  it("wikilinks and markdown links come out in file order", () => {
    expect(bodyLinks("[m](M.md) [[W]] [n](N)").map((l) => l.target.replace(/\.md$/, ""))).toEqual(["M", "W", "N"]);
  });

  it("percentDecode decodes escapes and leaves malformed ones as written", () => {
    expect(percentDecode("Some%20Note")).toBe("Some Note");
    expect(percentDecode("Caf%C3%A9")).toBe("Café");
    expect(percentDecode("100%")).toBe("100%");
    expect(percentDecode("a%zz%20b")).toBe("a%zz b");
  });
});

describe("links in invisible text are ignored (§1, §3)", () => {
  it.each([
    ["inline code", "`[[A]]` and `[b](B.md)`"],
    ["fenced code", "```\n[[A]]\n[b](B.md)\n```\n"],
    ["tilde fence", "~~~\n[[A]]\n~~~\n"],
    ["indented code", "para\n\n    [[A]]\n"],
    ["%% comment %%", "x %%[[A]]%% y"],
    ["multi-line %% comment", "%%\n[[A]]\n%%\n"],
    ["html comment", "<!-- [[A]] -->"],
    ["math", "$$[[A]]$$"],
    ["unclosed comment", "x %% y\n[[A]]\n"],
  ])("%s", (_name, text) => {
    expect(bodyLinks(text)).toEqual([]);
  });

  it("a %% inside inline code opens no comment", () => {
    expect(bodyLinks("`%%` [[A]] `%%`").map((l) => l.target)).toEqual(["A"]);
  });

  it("wikilinks are not percent-decoded", () => {
    expect(bodyLinks("[[Acme%20Corp]]").map((l) => l.target)).toEqual(["Acme%20Corp"]);
  });

  it("a link next to code still counts", () => {
    expect(bodyLinks("`code` [[A]]").map((l) => l.target)).toEqual(["A"]);
  });
});

describe("mask spans for mentions (§5)", () => {
  it("note links (with their shown text) and URLs are masked; an external link's text is not", () => {
    const text = "[[Acme|shown]] https://acme.io/x [Acme docs](https://acme.io) [n](Note.md)";
    const { maskSpans } = extractBodyLinks(text);
    const masked = (i: number): boolean => maskSpans.some((s) => s.start <= i && i < s.end);
    expect(masked(text.indexOf("shown"))).toBe(true);
    expect(masked(text.indexOf("acme.io/x"))).toBe(true);
    expect(masked(text.indexOf("Acme docs"))).toBe(false);
    expect(masked(text.indexOf("https://acme.io)"))).toBe(true);
    expect(masked(text.indexOf("[n]") + 1)).toBe(true);
  });
});

describe("URLs masked for mentions as GFM's autolinks read them", () => {
  const masked = (text: string, word: string): boolean => {
    const { maskSpans } = extractBodyLinks(text);
    const i = text.indexOf(word);
    return maskSpans.some((s) => s.start <= i && i < s.end);
  };

  it("parentheses inside a URL, www. links and e-mail addresses are URLs", () => {
    expect(masked("See https://en.wikipedia.org/wiki/Foo_(Acme) for background.", "Acme")).toBe(true);
    expect(masked("See www.Acme.com for background.", "Acme")).toBe(true);
    expect(masked("Mailed jane@Acme.com the deck.", "Acme")).toBe(true);
    expect(masked("Mailed first.last+crm@mail.Acme.co.uk today.", "Acme")).toBe(true);
  });

  it("the text around them is not", () => {
    expect(masked("(see https://x.io) Acme said", "Acme")).toBe(false);
    expect(masked("Acme@ noon", "Acme")).toBe(false);
    expect(masked("wwwAcme.com and www Acme", "Acme")).toBe(false);
    expect(masked("@Acme on chat", "Acme")).toBe(false);
  });

  it("a long run of address characters, with or without @, is read in linear time", () => {
    expect(masked(`${"a.".repeat(50_000)} Acme`, "Acme")).toBe(false);
    expect(masked(`${"a@".repeat(50_000)} Acme`, "Acme")).toBe(false);
    expect(masked(`${"@a".repeat(50_000)}.Acme`, "Acme")).toBe(true);
    expect(masked(`x@${"a".repeat(100_000)} Acme`, "Acme")).toBe(false);
  });

  it("an address is cut where GFM cuts it: the local part's run, the domain's labels", () => {
    expect(masked("Write to a@b.Acme, then call Acme.", "Acme, then")).toBe(true);
    expect(masked("Write to a@b.Acme, then call Acme.", "Acme.")).toBe(false);
    expect(masked("@@Acme.com", "Acme")).toBe(false);
    expect(masked("me@Acme", "Acme")).toBe(false);
  });
});

describe("frontmatter links (§3)", () => {
  function fmLinks(yaml: string): Array<[string, string | undefined]> {
    const fm = parseFrontmatter(`---\n${yaml}---\n`).data;
    return extractFrontmatterLinks(fm).map((l) => [l.target, l.key]);
  }

  it("reads wikilinks in every string, walking into lists and maps", () => {
    const yaml = [
      'company: "[[Acme]]"',
      'attendees: ["[[Alice]]", "[[Bob|Bobby]]", "plain"]',
      "meta:",
      '  who: "[[Carol]]"',
      "  more:",
      '    - "see [[Dave]] and [[Eve#x]]"',
      "",
    ].join("\n");
    expect(fmLinks(yaml)).toEqual([
      ["Acme", "company"],
      ["Alice", "attendees"],
      ["Bob", "attendees"],
      ["Carol", "meta"],
      ["Dave", "meta"],
      ["Eve", "meta"],
    ]);
  });

  it("an unquoted `company: [[X]]` counts as [[X]]", () => {
    expect(fmLinks("company: [[Acme]]\norg: [[[Globex]], [[Initech]]]\n")).toEqual([
      ["Acme", "company"],
      ["Globex", "org"],
      ["Initech", "org"],
    ]);
  });

  it("only wikilinks count in the frontmatter", () => {
    expect(fmLinks("a: \"[x](Acme.md)\"\nb: Acme\nc: https://acme.io\n")).toEqual([]);
  });

  it("frontmatter links are marked as such", () => {
    const fm = parseFrontmatter('---\na: "[[X]]"\n---\n').data;
    const l = extractFrontmatterLinks(fm)[0]!;
    expect(l.kind).toBe("fm");
    expect(l.start).toBe(-1);
  });
});

describe("displayText (§7 cleaning)", () => {
  it("is the alias, else X, X > H, X > ^b, or H for the note itself", () => {
    expect(displayText({ target: "X", subpath: null, alias: "shown" })).toBe("shown");
    expect(displayText({ target: "X", subpath: null, alias: null })).toBe("X");
    expect(displayText({ target: "X", subpath: "H", alias: null })).toBe("X > H");
    expect(displayText({ target: "X", subpath: "^b", alias: null })).toBe("X > ^b");
    expect(displayText({ target: "", subpath: "H", alias: null })).toBe("H");
  });

  it("parseWikiInner splits at the first # and at | or \\|", () => {
    expect(parseWikiInner("A#B|C")).toEqual({ target: "A", subpath: "B", alias: "C" });
    expect(parseWikiInner("A\\|C")).toEqual({ target: "A", subpath: null, alias: "C" });
    expect(parseWikiInner("A#B#C")).toEqual({ target: "A", subpath: "B#C", alias: null });
    expect(parseWikiInner("")).toBeNull();
    expect(parseWikiInner("#")).toBeNull();
  });

  it("parseWikiInner splits at the first | before the #: an alias may hold a #; a | as the very first character is the target's (README)", () => {
    expect(parseWikiInner("A|B#C")).toEqual({ target: "A", subpath: null, alias: "B#C" });
    expect(parseWikiInner("A#B|C#D|E")).toEqual({ target: "A", subpath: "B", alias: "C#D|E" });
    expect(parseWikiInner("|x")).toEqual({ target: "|x", subpath: null, alias: null });
    expect(parseWikiInner("|x|y")).toEqual({ target: "|x", subpath: null, alias: "y" });
  });
});

describe("a line four columns past the `>` of a quote inside a list item, right after the quote's paragraph (B33-C)", () => {
  it("is a line of that paragraph (commonmark.js): its links count, and a link's text runs on into it", () => {
    expect(simple(bodyLinks("- Call with Tom\n  > he asked about the renewal,\n  >     see [[Acme]] for the numbers\n"))).toEqual([["Acme", null, null, false]]);
    expect(bodyLinks("- a\n  > see [the\n  >     plan](Acme.md)\n").map((l) => l.target)).toEqual(["Acme.md"]);
    // After a setext underline (a heading in the item) the line is indented code: no link.
    expect(bodyLinks("- a\n  > see [the\n  > ===\n  >     plan](Acme.md) [[Acme]]\n")).toEqual([]);
  });
});
