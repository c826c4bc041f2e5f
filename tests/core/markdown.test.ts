// The one-pass scanner (§1 invisible text, §6 items and categories, §7 headings and paragraphs).
import { describe, expect, it, vi } from "vitest";
import { headingName } from "../../src/core/heading-names";
import { FENCE_OPEN } from "../../src/core/block-starts";
import { scanMarkdown } from "../../src/core/markdown";
import { maskHidden, visibleSlice } from "../../src/core/ranges";

function visible(text: string): string {
  const s = scanMarkdown(text);
  return visibleSlice(text, 0, text.length, s.hidden);
}

/** Each item's text lines, trimmed and joined (comments and code kept: this is the raw line text). */
function items(text: string): string[] {
  return scanMarkdown(text).items.map((i) =>
    i.lines
      .map((r) => text.slice(r.start, r.end).trim())
      .filter((l) => l !== "")
      .join(" "),
  );
}

function headings(text: string): Array<[number, string]> {
  return scanMarkdown(text).headings.map((h) => [h.level, h.name]);
}

function paragraphs(text: string): string[] {
  const s = scanMarkdown(text);
  return s.paragraphs.map(([a, b]) => {
    const out: string[] = [];
    for (let l = a; l <= b; l++) out.push(text.slice(s.lineStart[l], s.lineEnd[l]));
    return out.join("\n");
  });
}

function contextOf(text: string, itemText: string): readonly string[] {
  const s = scanMarkdown(text);
  const it = s.items.find((i) => text.slice(i.lines[0]!.start, i.lines[0]!.end).includes(itemText));
  if (!it) throw new Error(`no item ${itemText}`);
  return it.context;
}

describe("invisible text: fenced code (§1)", () => {
  it("hides a ``` fence with everything inside it", () => {
    const text = "before\n```\n[[X]]\n- item\n# Heading\n```\nafter\n";
    expect(visible(text)).not.toContain("[[X]]");
    expect(visible(text)).toContain("before");
    expect(visible(text)).toContain("after");
    expect(items(text)).toEqual([]);
    expect(headings(text)).toEqual([]);
  });

  it("hides a ~~~ fence, with an info string", () => {
    const text = "~~~python\n- item\n## H\n~~~\n- real\n";
    expect(items(text)).toEqual(["real"]);
    expect(headings(text)).toEqual([]);
  });

  it("a fence is closed only by a fence of the same character at least as long", () => {
    const text = "````\n```\n- hidden one\n~~~~~\n- hidden two\n`````\n- visible\n";
    expect(items(text)).toEqual(["visible"]);
  });

  it("a closing fence may not carry an info string", () => {
    const text = "```\n``` not a close\n- hidden\n```\n- visible\n";
    expect(items(text)).toEqual(["visible"]);
  });

  it("an unclosed fence runs to the end of the file", () => {
    const text = "- before\n```\n- item\n# Heading\n[[Link]]\n";
    expect(items(text)).toEqual(["before"]);
    expect(headings(text)).toEqual([]);
    expect(visible(text)).not.toContain("[[Link]]");
  });

  it("a fence inside a list item hides its content and the list goes on", () => {
    const text = "- item\n  ```\n  - not an item\n  # not a heading\n  ```\n- real\n";
    expect(items(text)).toEqual(["item", "real"]);
    expect(headings(text)).toEqual([]);
  });

  it("a fence inside a quote hides its content", () => {
    const text = "> ```\n> - hidden\n> ```\n> - shown\n";
    expect(items(text)).toEqual(["shown"]);
  });

  it("a fence inside a quote ends with the quote", () => {
    const text = "> ```\n> - hidden\n\n- shown\n";
    expect(items(text)).toEqual(["shown"]);
  });

  it("a backtick fence whose info string has a backtick is no fence", () => {
    expect(items("```js`x\n- item\n")).toEqual(["item"]);
  });

  it("a closing fence may be indented up to three spaces", () => {
    expect(items("```\ncode\n   ```\n- item\n")).toEqual(["item"]);
  });

  it("a fence indented four spaces is indented code, not a fence", () => {
    // The lines are hidden as indented code either way; what follows is visible.
    const text = "para\n\n    ```\n    - code\n\n- item\n";
    expect(items(text)).toEqual(["item"]);
  });
});

describe("invisible text: indented code (§1, CommonMark)", () => {
  it("hides four-space indented code after a blank line", () => {
    const text = "Para\n\n    - not an item\n    # not a heading\n    [[X]]\n\nafter\n";
    expect(items(text)).toEqual([]);
    expect(headings(text)).toEqual([]);
    expect(visible(text)).not.toContain("[[X]]");
    expect(visible(text)).toContain("after");
  });

  it("hides tab-indented code", () => {
    const text = "\n\t[[X]]\n";
    expect(visible(text)).not.toContain("[[X]]");
  });

  it("does not take an indented paragraph continuation as code", () => {
    const text = "Para line\n    still the paragraph [[X]]\n";
    expect(visible(text)).toContain("[[X]]");
    expect(paragraphs(text)).toEqual(["Para line\n    still the paragraph [[X]]"]);
  });

  it("does not take a list continuation as code", () => {
    const text = "- item\n    continued [[X]]\n";
    expect(visible(text)).toContain("[[X]]");
    expect(items(text)).toEqual(["item continued [[X]]"]);
  });

  it("a paragraph in a list item after a blank line, indented less than four past the content, is text", () => {
    expect(visible("- item\n\n    [[X]]\n")).toContain("[[X]]");
  });

  it("indented code inside a list item is four columns past its content", () => {
    const text = "- item\n\n      [[Code]]\n\n  [[Para]]\n";
    expect(visible(text)).not.toContain("[[Code]]");
    expect(visible(text)).toContain("[[Para]]");
  });
});

describe("invisible text: inline code, math and comments (§1)", () => {
  it("hides inline code, with single and double backticks", () => {
    const text = "a `[[X]]` b ``[[Y]] ` z`` c\n";
    const v = visible(text);
    expect(v).not.toContain("[[X]]");
    expect(v).not.toContain("[[Y]]");
    expect(v).toContain("a ");
    expect(v).toContain(" c");
  });

  it("an unmatched backtick hides nothing", () => {
    expect(visible("a ` [[X]]\n")).toContain("[[X]]");
  });

  it("hides an inline %% comment %% and records it as a comment", () => {
    const text = "a %%[[X]]%% b\n";
    const s = scanMarkdown(text);
    expect(visible(text)).toBe("a  b\n");
    expect(s.comments).toEqual([{ start: 2, end: 11 }]);
  });

  it("hides a multi-line %% comment with headings and items in it", () => {
    const text = "a\n%%\n# H\n- item\n[[X]]\n%%\nb\n";
    expect(headings(text)).toEqual([]);
    expect(items(text)).toEqual([]);
    expect(visible(text)).not.toContain("[[X]]");
    expect(visible(text)).toContain("b");
  });

  it("hides <!-- html comments -->, inline and multi-line", () => {
    expect(visible("a <!-- [[X]] --> b\n")).toBe("a  b\n");
    const text = "<!--\n# H\n- item\n-->\n- after\n";
    expect(headings(text)).toEqual([]);
    expect(items(text)).toEqual(["after"]);
    const s = scanMarkdown(text);
    // Every comment range lies inside the comment.
    const open = text.indexOf("<!--");
    const close = text.indexOf("-->") + 3;
    expect(s.comments.length).toBeGreaterThan(0);
    for (const c of s.comments) {
      expect(c.start).toBeGreaterThanOrEqual(open);
      expect(c.end).toBeLessThanOrEqual(close);
    }
  });

  it("hides $$ math $$, inline and as a block, and it is not a comment", () => {
    const text = "x $$[[A]]$$ y\n$$\n# H\n- item\n$$\n- after\n";
    const s = scanMarkdown(text);
    expect(visible(text)).not.toContain("[[A]]");
    expect(headings(text)).toEqual([]);
    expect(items(text)).toEqual(["after"]);
    expect(s.comments).toEqual([]);
  });

  it("an unclosed %% runs to the end of the file", () => {
    const text = "a %% b\n# H\n- item\n[[X]]\n";
    expect(headings(text)).toEqual([]);
    expect(items(text)).toEqual([]);
    expect(visible(text).trim()).toBe("a");
  });

  it("an unclosed <!-- runs to the end of the file", () => {
    const text = "a\n<!-- b\n# H\n- item\n";
    expect(headings(text)).toEqual([]);
    expect(items(text)).toEqual([]);
  });

  it("a $$ with no $$ after it is text: math is a closed pair, and only a fence, %% or <!-- runs to the end (§1)", () => {
    for (const text of ["Deal size: $$$\n# H\n- item [[X]]\n", "- costs $$ more\n- [ ] item [[X]]\n## H\n", "$$\n# H\n- item [[X]]\n"]) {
      const s = scanMarkdown(text);
      expect(headings(text)).toEqual([[text.includes("## H") ? 2 : 1, "H"]]);
      expect(items(text).at(-1)).toMatch(/item \[\[X\]\]$/);
      expect(visible(text)).toContain("[[X]]");
      expect(s.hidden).toEqual([]);
      expect(s.openAtEnd).toBeNull();
    }
    // A `$$` inside inline code is code: it closes no math.
    const withCode = "## Key Facts\n- Pilot costs $$ more than planned\n- [ ] Send the `$$` macro to [[Bob]]\n";
    expect(items(withCode)).toEqual(["Pilot costs $$ more than planned", "[ ] Send the `$$` macro to [[Bob]]"]);
    expect(visible(withCode)).toContain("[[Bob]]");
    // With a later $$, the pair is math however far apart.
    expect(visible("a $$ b\n[[X]]\nc $$ d\n[[Y]]\n")).not.toContain("[[X]]");
    expect(visible("a $$ b\n[[X]]\nc $$ d\n[[Y]]\n")).toContain("[[Y]]");
  });

  it("a $$ whose closer lies inside a fenced code block further down closes nothing there: it is text (B27-A)", () => {
    // `echo $$` in a shell script below a lone `$$`: the task and the links between are read.
    const text = "Pilot costs $$ more than planned\n\n```bash\necho $$\n```\n\n- [ ] Send the plan to [[A]]\n- Cost $$x$$ [[B]]\n";
    const s = scanMarkdown(text);
    expect(items(text)).toEqual(["[ ] Send the plan to [[A]]", "Cost $$x$$ [[B]]"]);
    expect(s.items[0]!.task).toBe(" ");
    expect(visible(text)).toBe("Pilot costs $$ more than planned\n\n\n\n\n\n- [ ] Send the plan to [[A]]\n- Cost  [[B]]\n");
    expect(s.openAtEnd).toBeNull();
    // So in a fence inside a list item, and in a fence opened on an item's own line.
    expect(items("- costs $$ more\n  ```\n  kill $$\n  ```\n- [ ] task [[X]]\n")).toEqual(["costs $$ more", "[ ] task [[X]]"]);
    expect(items("- costs $$ more\n- ```sh\n  kill $$\n  ```\n- [ ] task [[X]]\n").at(-1)).toBe("[ ] task [[X]]");
    // A fence the math holds whole is the math's: the pair still hides everything between.
    const whole = "$$\n```\n[[X]]\n```\n$$\n- after\n";
    expect(visible(whole)).not.toContain("[[X]]");
    expect(items(whole)).toEqual(["after"]);
    // One the `$$` below sits in is not: the `$$` above stays text, the fence code.
    expect(visible("$$\n~~~\nx\n$$\n~~~\n- [[Y]]\n")).toBe("$$\n\n\n\n\n- [[Y]]\n");
  });

  it("a $$ whose closer lies in an indented code block further down closes nothing there either: it is text (B27-F)", () => {
    // `echo $$` four columns in after a blank line is code (CommonMark, Lezer): the task above it is read.
    const text = "Pilot costs $$ more\n\n- [ ] Send the plan to [[A]]\n\nRun:\n\n    echo $$\n\n- [ ] after [[B]]\n";
    const s = scanMarkdown(text);
    expect(items(text)).toEqual(["[ ] Send the plan to [[A]]", "[ ] after [[B]]"]);
    expect(s.items[0]!.task).toBe(" ");
    expect(visible(text)).toBe("Pilot costs $$ more\n\n- [ ] Send the plan to [[A]]\n\nRun:\n\n\n\n- [ ] after [[B]]\n");
    // In a quote, in a list item, and as an item's content five spaces past its marker.
    expect(visible("> costs $$ more\n> [[A]]\n>\n>     echo $$\n")).toBe("> costs $$ more\n> [[A]]\n>\n\n");
    expect(items("- costs $$ more\n- [ ] task [[A]]\n\n      echo $$\n")).toEqual(["costs $$ more", "[ ] task [[A]]"]);
    expect(visible("- costs $$\n  [[A]]\n\n-     echo $$\n")).toBe("- costs $$\n  [[A]]\n\n-     \n");
    // A line four columns in that continues a paragraph, or is an item's paragraph, is no code: the
    // `$$` there closes the math as before.
    expect(visible("text $$\n    code $$\n- after\n")).toBe("text \n\n- after\n");
    expect(items("costs $$ more\n- [ ] task [[A]]\n\n    echo $$\n- [ ] b\n")).toEqual(["[ ] b"]);
    expect(scanMarkdown("$$\n- x\n\n    $$\n").items).toEqual([]);
  });

  it("text after a multi-line comment's end on the same line is visible", () => {
    const v = visible("a <!-- x\ny --> [[B]]\n");
    expect(v).toContain("[[B]]");
    expect(v).not.toContain("y");
  });

  it("an escaped backtick opens no code span", () => {
    expect(visible("\\`[[A]]\\`\n")).toContain("[[A]]");
  });

  it("a comment opener inside inline code is not a comment", () => {
    const text = "`%%` then\n- item\n";
    expect(items(text)).toEqual(["item"]);
  });

  it("maskHidden keeps line breaks and offsets", () => {
    const text = "a `x`\r\n```\ncode\n```\nb";
    const s = scanMarkdown(text);
    const m = maskHidden(text, s.hidden);
    expect(m.length).toBe(text.length);
    expect(m).toBe("a    \r\n   \n    \n   \nb");
  });
});

describe("headings (§6 names, §7 sections)", () => {
  it("reads ATX headings of levels 1–6, with closing #s dropped", () => {
    const text = "# One\n## Two ##\n### Three\n#### Four\n##### Five\n###### Six\n####### Seven\n#NoSpace\n";
    expect(headings(text)).toEqual([
      [1, "One"],
      [2, "Two"],
      [3, "Three"],
      [4, "Four"],
      [5, "Five"],
      [6, "Six"],
    ]);
  });

  it("keeps the heading text as written (trimmed) and the name for matching", () => {
    const s = scanMarkdown("##   **Key Facts:**   \n");
    expect(s.headings[0]!.text).toBe("**Key Facts:**");
    expect(s.headings[0]!.name).toBe("Key Facts");
  });

  it("reads setext headings (= level 1, - level 2), over several lines", () => {
    const text = "Key Facts\n=========\n\nRisks\n---\n\nLine one\nline two\n--\n";
    expect(headings(text)).toEqual([
      [1, "Key Facts"],
      [2, "Risks"],
      [2, "Line one line two"],
    ]);
    const h = scanMarkdown(text).headings[0]!;
    expect(h.line).toBe(0);
    expect(h.endLine).toBe(1);
  });

  it("a `---` after a blank line is a rule, not a heading", () => {
    expect(headings("Text\n\n---\n")).toEqual([]);
  });

  it("headings in code, math or comments are not headings", () => {
    expect(headings("```\n# A\n```\n%%\n# B\n%%\n<!--\n# C\n-->\n    # D\n")).toEqual([]);
  });

  it("headings inside quotes, callouts and list items are not top level", () => {
    const s = scanMarkdown("# Top\n> ## Quoted\n> [!note] T\n> ## In callout\n\n- item\n  ## In item\n");
    expect(s.headings.map((h) => [h.name, h.topLevel])).toEqual([
      ["Top", true],
      ["Quoted", false],
      ["In callout", false],
      ["In item", false],
    ]);
  });

  it("a heading after indented text (four spaces) is code", () => {
    expect(headings("\n    ## Not\n")).toEqual([]);
  });

  it("headingName: trims, unwraps ** and __, drops one trailing colon", () => {
    expect(headingName("  Key Facts  ")).toBe("Key Facts");
    expect(headingName("**Key Facts:**")).toBe("Key Facts");
    expect(headingName("**Key Facts**:")).toBe("Key Facts");
    expect(headingName("__Risks__")).toBe("Risks");
    expect(headingName("Facts:")).toBe("Facts");
    expect(headingName("Facts::")).toBe("Facts:");
  });
});

describe("list items (§6)", () => {
  it("recognises every marker, followed by a space or tab", () => {
    const text = "- dash\n* star\n+ plus\n1. dot\n2) paren\n123456789. nine digits\n1234567890. ten digits\n-nospace\n-\ttab\n";
    expect(items(text)).toEqual(["dash", "star", "plus", "dot", "paren", "nine digits", "tab"]);
  });

  it("takes continuation lines indented to the content column, up to a blank line", () => {
    const text = "- first\n  second\n  third\n\n  after the blank\n- next\n";
    const s = scanMarkdown(text);
    expect(items(text)).toEqual(["first second third", "next"]);
    expect(s.items[0]!.endLine).toBe(2);
  });

  it("does not take a lazy (unindented) line as part of the item's text", () => {
    expect(items("- first\nlazy line\n")).toEqual(["first"]);
    expect(items("1. first\n  two spaces\n")).toEqual(["first"]);
    expect(items("1. first\n   three spaces\n")).toEqual(["first three spaces"]);
  });

  it("nests items by indentation and records the parent line", () => {
    const text = "- a\n  - b\n    - c\n  - d\n- e\n";
    const s = scanMarkdown(text);
    expect(items(text)).toEqual(["a", "b", "c", "d", "e"]);
    expect(s.items.map((i) => i.parent)).toEqual([-1, 0, 1, 0, -1]);
  });

  it("a nested item is not a continuation of its parent", () => {
    expect(items("- parent\n  - child\n")).toEqual(["parent", "child"]);
  });

  it("handles tabs in indentation", () => {
    const text = "-\tparent\n\t- child\n";
    const s = scanMarkdown(text);
    expect(items(text)).toEqual(["parent", "child"]);
    expect(s.items[1]!.parent).toBe(0);
  });

  it("an item interrupts a paragraph only when it has content and, ordered, starts at 1 (CommonMark)", () => {
    // `2. [ ]` straight after a paragraph line is more of that paragraph: no item, no task.
    expect(items("Call with Acme. Next steps:\n2. [ ] Send the quote\n")).toEqual([]);
    expect(items("text\n3) three\n")).toEqual([]);
    expect(items("text\n-\n")).toEqual([]);
    expect(items("text\n1.\n")).toEqual([]);
    expect(items("text\n1. one\n2. two\n")).toEqual(["one", "two"]);
    expect(items("text\n- dash\n* star\n")).toEqual(["dash", "star"]);
    expect(items("text\n\n2. after a blank line\n")).toEqual(["after a blank line"]);
    // After a list, or a heading, there is no paragraph to continue.
    expect(items("1. a\n2. b\n")).toEqual(["a", "b"]);
    expect(items("- a\n2. b\n")).toEqual(["a", "b"]);
    expect(items("- a\nlazy\n2. b\n")).toEqual(["a", "b"]);
    expect(items("## Steps\n2. x\n")).toEqual(["x"]);
  });

  it("a quote's paragraph at its own depth is held to the interrupt rule too; a sibling or a shallower quote is not (B31-A)", () => {
    // CommonMark (commonmark.js: the quote and its paragraph go on, so `2.` cannot interrupt) and
    // Lezer (no ordered list is open) agree: one paragraph, no task.
    expect(items("> Call with Acme. Next steps:\n> 2. [ ] Send the quote\n")).toEqual([]);
    expect(items("> text\n> 1.\n")).toEqual([]);
    expect(items("> text\n> 1. one\n> 2. two\n")).toEqual(["one", "two"]);
    expect(items("> text\n> - dash\n")).toEqual(["dash"]);
    // The inner quote does not go on at `>`: its paragraph is left, and a list starts in the outer one.
    expect(items("> > text\n> 2. b\n")).toEqual(["b"]);
    // A callout's title is its heading, no paragraph: the list under it starts where it likes.
    expect(items("> [!todo] Next steps\n> 2. [ ] Book the demo\n")).toEqual(["[ ] Book the demo"]);
  });

  it("a quote's line right below a deeper quote's item or callout title is a lazy line of that, no paragraph a marker at its depth goes on with (B31-E)", () => {
    // CommonMark: `> e f` goes on with the inner quote's paragraph (an item's text, a callout's first
    // line) lazily; the next line matches the outer quote only, and a list may start there.
    expect(items("> > 2. b\n> e f\n> 2. c\n")).toEqual(["b", "c"]);
    expect(items("> > - [ ] Call Acme\n> about the renewal\n> 2. [ ] Send the quote\n")).toEqual(["[ ] Call Acme", "[ ] Send the quote"]);
    expect(items("> > - d\n> a\n> b\n> 2. c\n")).toEqual(["d", "c"]);
    expect(items("> > [!note] Title\n> a\n> 2. c\n")).toEqual(["c"]);
    // A paragraph of the outer quote's own is held to the rule, as before.
    expect(items("> > a\n>\n> b\n> 2. c\n")).toEqual([]);
  });

  it("a tab right after `>` is the marker's optional space and, past one column, indentation (B33-B)", () => {
    // CommonMark: `>\tb` puts `b` two columns into the quote, at the item's content: its text, no lazy line.
    expect(items("> - [ ] a\n>\tb\n")).toEqual(["[ ] a b"]);
    // `> \t>`: the tab is two columns, so the `>` is a quote in the item, not the item's text.
    expect(items("> - a\n> \t> b\n")).toEqual(["a"]);
    expect(items("> - a\n>\t- b\n")).toEqual(["a", "b"]);
  });

  it("inside items and quotes the interrupt rule is not applied: siblings and nested lists stay items", () => {
    // Numbered lists in callouts and quotes, nested numbered lists, a trailing empty bullet (Obsidian
    // leaves one when Enter is pressed in a list): every item stays an item, as in Obsidian's editor.
    expect(items("> [!todo] Next steps\n> 1. [ ] Send the quote\n> 2. [ ] Book the demo\n> 3. [ ] Ask about SSO\n")).toEqual([
      "[ ] Send the quote",
      "[ ] Book the demo",
      "[ ] Ask about SSO",
    ]);
    expect(items("1. Pricing\n   1. 40 seats\n   2. Renewal in March\n")).toEqual(["Pricing", "40 seats", "Renewal in March"]);
    expect(items("- [ ] Follow-ups\n  1. [ ] Send the quote\n  2. [ ] Book the demo\n")).toEqual(["[ ] Follow-ups", "[ ] Send the quote", "[ ] Book the demo"]);
    expect(items("- [ ] Send contract\n  - [ ] Legal review\n  - \n")).toEqual(["[ ] Send contract", "[ ] Legal review", ""]);
    expect(items("1. a\n   2. b\n")).toEqual(["a", "b"]);
    // Items whose text is a heading, a quote or a list, and the shapes a differential check against
    // Lezer and commonmark.js found the rule inside items got wrong (docs/reliability.md B20).
    expect(items("- ## Next steps\n  2. [ ] Send the quote\n")).toEqual(["## Next steps", "[ ] Send the quote"]);
    // (`- 1.` opens a list inside the item on its line: the item holds it and has no text of its own, B29-D.)
    expect(items("- 1. Step one\n  2. [ ] Step two\n")).toEqual(["", "Step one", "[ ] Step two"]);
    // (`- >` opens a quote inside the item on its line: the item has no text of its own, B29-D.)
    expect(items("- > Next steps\n  2. [ ] Send the quote\n")).toEqual(["", "[ ] Send the quote"]);
    // Not held to the rule inside items, as written in the README: hand-wrapped text whose next line
    // starts with a number is two items there (CommonMark: one).
    expect(items("- Contract renewed in\n  2024. Pricing stays flat\n")).toEqual(["Contract renewed in", "Pricing stays flat"]);
  });

  it("a tab after `> ` stops at the line's column 4: two columns wide, so the item is no code", () => {
    expect(items("> [!todo] Follow-ups\n> \t- [ ] Send the quote\n")).toEqual(["[ ] Send the quote"]);
    expect(items("> \t- a\n> \t\t- b\n")).toEqual(["a", "b"]);
    expect(scanMarkdown("> - a\n> \t- b\n").items.map((i) => i.parent)).toEqual([-1, 0]);
    // After `> > ` a tab is four columns wide: indented code, as in CommonMark.
    expect(items("> > \t- x\n")).toEqual([]);
    // Outside quotes nothing changes.
    expect(items("\t- x\n")).toEqual([]);
    expect(items("- a\n\t- b\n")).toEqual(["a", "b"]);
  });

  it("reads tasks with any status character", () => {
    const text = "- [ ] open\n- [x] done\n- [X] Done\n- [-] cancelled\n- [/] half\n- [?] q\n- [ ]\n- [] no\n- [x]nospace\n- plain\n";
    const s = scanMarkdown(text);
    expect(s.items.map((i) => i.task)).toEqual([" ", "x", "X", "-", "/", "?", " ", null, null, null]);
    const open = s.items[0]!;
    expect(text.charAt(open.taskOffset)).toBe(" ");
    expect(open.taskOffset).toBe(3);
    expect(text.charAt(s.items[1]!.taskOffset)).toBe("x");
  });

  it("reads tasks in ordered lists and nested lists", () => {
    const s = scanMarkdown("1. [ ] one\n   - [x] two\n");
    expect(s.items.map((i) => i.task)).toEqual([" ", "x"]);
  });

  it("reads items inside quotes and callouts", () => {
    const text = "> - quoted\n> [!info] Title\n\n> [!info] Title\n> - in callout\n>   continued\n";
    expect(items(text)).toEqual(["quoted", "in callout continued"]);
  });

  it("items in nested quotes", () => {
    expect(items("> > - deep\n")).toEqual(["deep"]);
  });

  describe("a quote inside a list item (CommonMark: the item holds the quote, the quote a list)", () => {
    it("its items are read, nested under the item, with their continuation lines", () => {
      const text = "- parent item\n  > - [ ] task in quote\n  >   continued\n  > - second\n  >   - third\n- next\n";
      const s = scanMarkdown(text);
      expect(items(text)).toEqual(["parent item", "[ ] task in quote continued", "second", "third", "next"]);
      expect(s.items.map((i) => i.parent)).toEqual([-1, 0, 0, 3, -1]);
      const task = s.items[1]!;
      expect(task.task).toBe(" ");
      expect(text.charAt(task.taskOffset - 1) + text.charAt(task.taskOffset) + text.charAt(task.taskOffset + 1)).toBe("[ ]");
    });

    it("in a callout, deeper items, and quotes nested in the quote", () => {
      const text = "- a\n  - b\n    > [!note]\n    > - in callout\n    > > - deeper\n";
      expect(items(text)).toEqual(["a", "b", "in callout", "deeper"]);
    });

    it("its paragraphs are none of the item's text", () => {
      expect(items("- a\n  > quoted text\n  > more\n")).toEqual(["a"]);
      expect(items("- a\n  > - q\n  >   q2\n")).toEqual(["a", "q q2"]);
    });

    it("its items end with the quote", () => {
      const text = "- a\n  > - q\n\n      not q\n- c\n";
      const s = scanMarkdown(text);
      expect(items(text)).toEqual(["a", "q", "c"]);
      expect(s.items[2]!.parent).toBe(-1);
    });

    it("a fence inside it hides its content and ends with the quote", () => {
      const text = "- a\n  > ```\n  > [[B]] - x\n  > ```\n  > - after\n";
      expect(visible(text)).not.toContain("[[B]]");
      expect(items(text)).toEqual(["a", "after"]);
      const unclosed = "- a\n  > ```\n  > [[B]]\n\n  [[C]] - y\n";
      expect(visible(unclosed)).not.toContain("[[B]]");
      expect(visible(unclosed)).toContain("[[C]]");
    });
  });

  it("a quote nested in a quote inside a list item, or indented inside it, is still read (columns from the quote's content)", () => {
    expect(items("- Call notes\n  > > - [ ] Send pricing to [[Bob]]\n")).toEqual(["Call notes", "[ ] Send pricing to [[Bob]]"]);
    expect(visible("- Call notes\n  > > - [ ] Send pricing to [[Bob]]\n")).toContain("[[Bob]]");
    expect(items("- a\n  >   - [ ] t\n")).toEqual(["a", "[ ] t"]);
    expect(visible("- a\n  >   text [[B]]\n")).toContain("[[B]]");
    // Four spaces past the quote's `> `: indented code inside the quote.
    expect(visible("- a\n  >     code [[B]]\n")).not.toContain("[[B]]");
    // A `>` four columns past the item's content is no quote: the item's paragraph goes on.
    expect(visible("- item\n      > forwarded by [[Bob]]\n")).toContain("[[Bob]]");
  });

  it("a `>` line inside a top-level fence is code and does not close it", () => {
    const text = "```markdown\n> ```\n> code [[A]]\n> ```\n```\n\n## Key Facts\n\n- fact [[B]]\n";
    expect(visible(text)).not.toContain("[[A]]");
    expect(headings(text)).toEqual([[2, "Key Facts"]]);
    expect(items(text)).toEqual(["fact [[B]]"]);
    expect(scanMarkdown(text).openAtEnd).toBeNull();
  });

  it("a block-level HTML tag straight after a list item or a quote starts raw HTML (it interrupts a paragraph)", () => {
    expect(headings("- manual note\n<details>\n## Key Facts\n- my hidden fact\n</details>\n")).toEqual([]);
    expect(headings("> quoted\n<div>\n## Key Facts\n</div>\n")).toEqual([]);
    expect(headings("- a\r\n<details>\r\n## Key Facts\r\n</details>\r\n")).toEqual([]);
  });

  it("a line indented four or more after an item's paragraph inside a quote continues it", () => {
    expect(visible("> - a\n     more [[Bob]]\n")).toContain("[[Bob]]");
    expect(items("> - a\nlazy\n> - b\n")).toEqual(["a", "b"]);
  });

  it("a `>` line inside a list item's fence is code, not a quote", () => {
    const text = "- item\n  ```\n  > [[B]] in code\n  ```\n- [[C]]\n";
    expect(visible(text)).not.toContain("[[B]]");
    expect(visible(text)).toContain("[[C]]");
    expect(items(text)).toEqual(["item", "[[C]]"]);
  });

  it("a block-level HTML tag starts raw HTML up to a blank line: no headings, items or summary there; links still count", () => {
    const text = "<details>\n## Key Facts\n- my hidden fact [[A]]\n</details>\n\n## Notes\n- after\n";
    expect(headings(text)).toEqual([[2, "Notes"]]);
    expect(items(text)).toEqual(["after"]);
    expect(visible(text)).toContain("[[A]]");
    expect(paragraphs("<div>\nnot a summary\n</div>\n\nSummary here\n")).toEqual(["Summary here"]);
    expect(headings("<DIV class='x'>\n\n# After a blank line\n")).toEqual([[1, "After a blank line"]]);
    // Not a block-level tag (type 7, which we do not read): markdown as usual. Inside a list item
    // a block-level tag starts raw HTML too (B27-A; until then `- b` was an item here).
    expect(headings("<span>\n## H\n")).toEqual([[2, "H"]]);
    expect(items("- a\n  <div>\n  - b\n")).toEqual(["a"]);
  });

  it("a line indented four or more right after a quote's paragraph continues it (lazy), so it is visible", () => {
    expect(visible("> quote\n    [[T4]]\n")).toContain("[[T4]]");
    expect(visible("> quote\n        - [[T5]]\n")).toContain("[[T5]]");
    expect(items("> quote\n    - not an item\n")).toEqual([]);
    // After a blank line it is indented code again.
    expect(visible("> quote\n\n    [[T6]]\n")).not.toContain("[[T6]]");
  });

  it("an item whose content starts five spaces in is indented code: no text, and invisible (§1)", () => {
    const text = "-     code content [[X]]\n      more code [[Y]]\n- [[Z]]\n";
    const s = scanMarkdown(text);
    expect(items(text)).toEqual(["", "[[Z]]"]);
    expect(s.items[0]!.task).toBeNull();
    expect(visible(text)).not.toContain("[[X]]");
    expect(visible(text)).not.toContain("[[Y]]");
    expect(visible(text)).toContain("[[Z]]");
    expect(scanMarkdown("-     [ ] not a task\n").items[0]!.task).toBeNull();
  });

  it("an empty item is still an item", () => {
    const s = scanMarkdown("- \n-\n");
    expect(s.items.length).toBe(2);
  });

  it("a thematic break is not an item", () => {
    expect(items("- - -\n* * *\n")).toEqual([]);
  });

  describe("CommonMark's list rules the scanner missed (docs/reliability.md B27-A; commonmark.js 0.31 and Lezer agree on each)", () => {
    it("under an item whose text starts five columns in, a line indented four continues its paragraph: visible, no code", () => {
      // `  1. ` puts the content at column 5: the line at column 4 is not in the item, and at the top
      // level four columns cannot start a block, so it is a lazy line of `Plan` (no item: §6 takes
      // only indented lines as an item's text).
      const text = "  1. Plan with [[Acme]]\n    - [ ] Send the quote to [[Tom]]\n";
      expect(items(text)).toEqual(["Plan with [[Acme]]"]);
      expect(visible(text)).toBe(text);
      expect(visible("  1. Plan\n    ```\n    [[X]]\n    ```\n- b\n")).toContain("[[X]]");
      expect(items("  1. Plan\n    ```\n    [[X]]\n    ```\n- b\n")).toEqual(["Plan", "b"]);
      // After a blank line there is no paragraph to continue: indented code, as before.
      expect(visible("  1. Plan\n\n    - [ ] x [[T]]\n")).not.toContain("[[T]]");
      // Indented to the content column, it is a nested item, as before.
      expect(items("  1. Plan\n     - [ ] x\n")).toEqual(["Plan", "[ ] x"]);
    });

    it("an item begins with at most one blank line: a marker alone, then a blank line, ends it", () => {
      expect(items("- \n\n    - [ ] x\n")).toEqual([""]);
      expect(visible("-\n\n    - [ ] x [[T]]\n")).not.toContain("[[T]]");
      expect(items("> -\n>\n>     - [ ] x\n")).toEqual([""]);
      // Less indented, the line is the list's next item; with text after the marker the item goes on.
      const sibling = scanMarkdown("-\n\n  - [ ] x\n");
      expect(sibling.items.map((i) => [i.line, i.parent])).toEqual([
        [0, -1],
        [2, -1],
      ]);
      expect(items("- a\n\n    - [ ] x\n")).toEqual(["a", "[ ] x"]);
      expect(items("-\n  text\n")).toEqual(["text"]);
    });

    it("a block-level HTML tag in an item starts raw HTML, up to a blank line or the item's end; its links still count", () => {
      const text = "- a\n  <details>\n  - [ ] hidden [[H]]\n  ## Not a heading\n  </details>\n- [ ] after\n";
      expect(items(text)).toEqual(["a", "[ ] after"]);
      expect(headings(text)).toEqual([]);
      expect(visible(text)).toContain("[[H]]");
      expect(items("- a\n  <div>\n  - [ ] hidden\n\n  - [ ] after the blank\n")).toEqual(["a", "[ ] after the blank"]);
      // Raw HTML has no lazy lines: an unindented line after it is a paragraph of its own.
      expect(paragraphs("- a\n  <div>\nafter\n")).toEqual(["after"]);
    });

    it("an item's first line may open a fence, or be a heading or a rule: no paragraph, so nothing continues it", () => {
      const fenced = "- ```bash\n  echo [[X]]\n  - [ ] not a task\n  ```\n- [ ] real\n";
      const s = scanMarkdown(fenced);
      expect(s.items.map((i) => [i.line, i.task])).toEqual([
        [0, null],
        [4, " "],
      ]);
      expect(visible(fenced)).toBe("- \n\n\n\n- [ ] real\n");
      // The fence ends with its item, as any fence in an item does.
      expect(items("- ~~~\n  x\n- [ ] after\n").at(-1)).toBe("[ ] after");
      expect(items("- ```\n>   - [ ] quoted\n")).toContain("[ ] quoted");
      // After a heading or a rule, four columns past the content is indented code.
      expect(visible("- ## Key Facts\n      code [[X]]\n")).not.toContain("[[X]]");
      expect(visible("1. ***\n       code [[X]]\n")).not.toContain("[[X]]");
      expect(items("- ## Key Facts\n  - fact\n")).toEqual(["## Key Facts", "fact"]);
    });

    it("a quote starting right after a paragraph has none to continue: four columns into it is code", () => {
      expect(visible("Call notes\n>     [[X]]\n")).toBe("Call notes\n\n");
      expect(visible("> Call notes\n>     [[X]]\n")).toContain("[[X]]");
    });

    it("a quote starting after an item's text or inside a quote has no paragraph yet: four columns into it is code; a `>` four columns in is text (B27-F)", () => {
      // Found by the differential run of B27-F: such lines now decide whether a `$$` above is math.
      expect(visible("* a\n>     x [[X]]\n")).toBe("* a\n\n");
      expect(visible("> a\n> >     x [[X]]\n")).toBe("> a\n\n");
      // A deeper quote's paragraph goes on in a shallower one (a lazy line), as before.
      expect(visible("> > a\n>     x [[X]]\n")).toContain("[[X]]");
      // `    > b` after a quote's paragraph is a lazy line of it, visible, not code.
      expect(visible("> a\n    > b [[X]]\n")).toBe("> a\n    > b [[X]]\n");
      // A truly blank line ends a quote and its items: four columns into the next quote is code.
      expect(visible(">0) a\n\n>     x [[X]]\n")).toBe(">0) a\n\n\n");
      // So the `$$` there closes the math of the line above.
      expect(visible(">costs $$\n    >$$ [[X]]\n")).toBe(">costs \n [[X]]\n");
    });

    it("a setext underline under an item's text makes a heading of it: not text, no task, and it heads the items nested in it", () => {
      expect(items("- a\n  b\n  ===\n")).toEqual(["a b"]);
      const s = scanMarkdown("- a\n  b\n  ===\n");
      expect(s.headings.map((h) => [h.line, h.endLine, h.level, h.name, h.topLevel])).toEqual([[0, 2, 1, "a b", false]]);
      expect(s.items[0]!.endLine).toBe(1);
      expect(contextOf("- Key Facts\n  ---\n  - fact\n", "fact")).toEqual(["Key Facts"]);
      expect(scanMarkdown("- [ ] Send\n  ===\n").items[0]!.task).toBeNull();
      // A lone `-` there is an empty nested item, as Obsidian's editor reads it (CommonMark: an
      // underline); under a nested item's text, `---` at the outer item's column is a rule.
      expect(items("- a\n  -\n")).toEqual(["a", ""]);
      expect(headings("- a\n  - b\n  ---\n")).toEqual([]);
      expect(scanMarkdown("- [ ] a\n  - b\n  ---\n").items[0]!.task).toBe(" ");
    });
  });

  describe("the scanner's last list gaps (docs/reliability.md B27-F; commonmark.js 0.31 and Lezer agree on each)", () => {
    it("a setext underline under a later paragraph of an item makes a heading in the item, heading the items nested after it", () => {
      const text = "- [ ] Call [[Acme]]\n\n  Key Facts\n  ---\n  - 1.2 PB\n";
      const s = scanMarkdown(text);
      expect(s.headings.map((h) => [h.line, h.endLine, h.level, h.name, h.topLevel])).toEqual([[2, 3, 2, "Key Facts", false]]);
      expect(contextOf(text, "1.2 PB")).toEqual(["Key Facts"]);
      // The item's own text and task are its first paragraph's, as before.
      expect(items(text)).toEqual(["[ ] Call [[Acme]]", "1.2 PB"]);
      expect(s.items[0]!.task).toBe(" ");
      // After a fence, with a lazy line, and in a quote; `===` makes level 1.
      expect(headings("- a\n  ```\n  x\n  ```\n  b\n  ===\n")).toEqual([[1, "b"]]);
      expect(headings("- a\n\n  b\nlazy\n  ===\n")).toEqual([[1, "b lazy"]]);
      expect(headings("> - a\n>\n>   b\n>   ===\n")).toEqual([[1, "b"]]);
      // A lone `-` there stays an empty nested item (Lezer), as under the item's first paragraph;
      // an unindented `===` is a lazy line, no underline.
      expect(items("- a\n\n  b\n  -\n")).toEqual(["a", ""]);
      expect(headings("- a\n\n  b\n===\n")).toEqual([]);
      // Under a nested item's paragraph at the outer item's column, `---` is a rule, as before.
      expect(headings("- a\n\n  b\n    - x\n  ---\n")).toEqual([]);
    });

    it("a line four columns past an item's content right after a later paragraph of it continues that paragraph: visible, no code", () => {
      expect(visible("- a\n\n  b\n      more [[X]]\n")).toBe("- a\n\n  b\n      more [[X]]\n");
      // Left of the item's content, four columns in: a lazy line, no item.
      const text = "  1. ## Plan\n\n     Steps\n    - [ ] Send the quote [[T]]\n";
      expect(visible(text)).toBe(text);
      expect(scanMarkdown(text).items.map((i) => i.line)).toEqual([0]);
      // After a blank line it is code, as before; so in a quote the item holds, which that paragraph does not reach.
      expect(visible("- a\n\n  b\n\n      code [[X]]\n")).not.toContain("[[X]]");
      expect(visible("-\n  >\n  b\n  >     code [[X]]\n")).not.toContain("[[X]]");
      // A comment opening a line is an HTML block (type 2), no paragraph: nothing continues it.
      expect(visible("* e\n\n  <!-- c -->\n      code [[X]]\n")).not.toContain("[[X]]");
      expect(headings("- a\n\n  <!-- c -->\n  ===\n")).toEqual([]);
      expect(headings("- a\n\n  b\n  <!-- c -->\n  ===\n")).toEqual([]);
    });
    it("a block-level HTML tag in an item inside a quote starts raw HTML, up to a blank line or the item's end; its links still count", () => {
      const text = "> - a\n>   <details>\n>   - [ ] hidden [[H]]\n>   ## Not a heading\n>   </details>\n> - [ ] after\n";
      expect(items(text)).toEqual(["a", "[ ] after"]);
      expect(headings(text)).toEqual([]);
      expect(visible(text)).toContain("[[H]]");
      // On the item's first line; up to a blank quote line; in an item of a quote inside an item.
      expect(items("> - <div>\n>   - [ ] x\n> - [ ] y\n")).toEqual(["<div>", "[ ] y"]);
      expect(items("> - a\n>   <div>\n>   - [ ] x\n>\n>   - [ ] after the blank\n")).toEqual(["a", "[ ] after the blank"]);
      expect(items("- a\n  > - b\n  >   <div>\n  >   - [ ] x\n  > - [ ] c\n")).toEqual(["a", "b", "[ ] c"]);
      // A line of the quote left of the item's content, or outside the quote, ends it (no lazy lines).
      expect(items("> - a\n>   <div>\n> - [ ] y\n")).toEqual(["a", "[ ] y"]);
      expect(items("> - a\n>   <div>\n- [ ] y\n")).toEqual(["a", "[ ] y"]);
    });
  });

  describe("items each holding the next on one line (B29-G)", () => {
    it("nest up to 100 open items; past that a marker is the item's text (markdown-it's limit: each later line is read against every open item)", () => {
      const text = "- ".repeat(150) + "x\n";
      const { items } = scanMarkdown(text);
      expect(items.length).toBe(101);
      expect(items.slice(0, 100).every((it) => it.lines[0]!.start === it.lines[0]!.end)).toBe(true);
      const last = items[100]!;
      expect(text.slice(last.lines[0]!.start, last.lines[0]!.end)).toBe("- ".repeat(49) + "x");
    });
  });

  describe("the scanner's CommonMark gaps of B27-A/B27-F that move headings (docs/reliability.md B29-D; commonmark.js 0.31 and Lezer 1.8 agree on each)", () => {
    it("a list marker opening an item's content starts a list inside it on that line: two items, the inner one a task when it has the box", () => {
      const s = scanMarkdown("- - [ ] Send the quote [[Tom]]\n");
      // Obsidian records a same-line nested item with its parent on that same line.
      expect(s.items.map((i) => [i.line, i.parent, i.task])).toEqual([
        [0, -1, null],
        [0, 0, " "],
      ]);
      expect(s.items[1]!.markerStart).toBe(2);
      expect("- - [ ] Send".charAt(s.items[1]!.taskOffset)).toBe(" ");
      expect(items("- - [ ] Send the quote [[Tom]]\n")).toEqual(["", "[ ] Send the quote [[Tom]]"]);
      expect(items("1. - b\n2) 1. c\n* + - d\n")).toEqual(["", "b", "", "c", "", "", "d"]);
      // Indented to the inner content it continues the inner item; a rule is no list (`- * * *`).
      expect(items("- - a\n    more\n")).toEqual(["", "a more"]);
      expect(items("- * * *\n")).toEqual(["* * *"]);
      expect(items("-     - code\n")).toEqual([""]);
    });

    it("an item holding only an empty item on its line (`1. -`) has no paragraph: an unindented line below is a paragraph of its own, and may be a heading", () => {
      const text = "1. -\nKey Facts\n---\n- 1.2 PB\n";
      const s = scanMarkdown(text);
      expect(s.headings.map((h) => [h.line, h.endLine, h.level, h.name, h.topLevel])).toEqual([[1, 2, 2, "Key Facts", true]]);
      expect(contextOf(text, "1.2 PB")).toEqual(["Key Facts"]);
      expect(headings("## H\n1. -\n  b\n  ---\n")).toEqual([
        [2, "H"],
        [2, "b"],
      ]);
      // With text in the inner item the line below continues it lazily, as before.
      expect(headings("1. - a\nKey Facts\n---\n")).toEqual([]);
    });

    it("a quote opening an item's content (`- > …`) is a quote inside the item: its items are items, and what ends it ends it", () => {
      const s = scanMarkdown("- > - [ ] Send the quote\n");
      expect(s.items.map((i) => [i.line, i.parent, i.task])).toEqual([
        [0, -1, null],
        [0, 0, " "],
      ]);
      expect("- > - [ ] Send".charAt(s.items[1]!.taskOffset)).toBe(" ");
      expect(items("- - > - [ ] x\n1. > a\n   > - [ ] b\n")).toEqual(["", "", "[ ] x", "", "[ ] b"]);
      // A heading or a fence in that quote has no paragraph: the unindented line after it is one of
      // its own, at the top level, and may be a heading there.
      expect(scanMarkdown("- > ```\nKey Facts\n===\n").headings.map((h) => [h.line, h.endLine, h.name, h.topLevel])).toEqual([[1, 2, "Key Facts", true]]);
      expect(scanMarkdown("- > ## Notes\nKey Facts\n---\n").headings.map((h) => [h.line, h.name, h.topLevel])).toEqual([
        [0, "Notes", false],
        [1, "Key Facts", true],
      ]);
      expect(visible("- > ```\n  > [[X]]\n")).not.toContain("[[X]]");
      // So a `$$` in that fence closes no math above it (§1, B27-A).
      expect(visible("Pilot $$ more [[A]]\n- > ```\n  > echo $$\n")).toBe("Pilot $$ more [[A]]\n- \n\n");
      // After the quote's paragraph an unindented line is a lazy line of it: no heading.
      expect(headings("- > a\nKey Facts\n---\n")).toEqual([]);
      // An item in a quote keeps such a line as its text, as before.
      expect(items("> - > a\n")).toEqual(["> a"]);
    });

    it("after the paragraph of a quote inside an item, a line four columns into the item is a lazy line of it: visible, no code", () => {
      expect(visible("- > a\n      d [[X]]\n")).toBe("- > a\n      d [[X]]\n");
      expect(visible("-\n  > q\n      d [[X]]\n")).toBe("-\n  > q\n      d [[X]]\n");
      // So the line after it continues that paragraph too, and `===` below is no underline.
      expect(headings("* > b\n      d\nb c\n===\n")).toEqual([]);
      // After a blank line it is code, and a line starting a block is that block.
      expect(visible("- > a\n\n      d [[X]]\n")).not.toContain("[[X]]");
      expect(items("- a\n  > q\n  - [ ] b\n")).toEqual(["a", "[ ] b"]);
    });

    it("lazy lines in an item's first paragraph do not stop a setext underline below them: a heading in the item, no text, no task", () => {
      const text = "- [ ] Pricing\nlazy\n  ===\n  - 40 seats\n";
      const s = scanMarkdown(text);
      expect(s.headings.map((h) => [h.line, h.endLine, h.level, h.name, h.topLevel])).toEqual([[0, 2, 1, "[ ] Pricing lazy", false]]);
      expect(s.items[0]!.task).toBeNull();
      expect(contextOf(text, "40 seats")).toEqual(["[ ] Pricing lazy"]);
      // An indented line after the lazy one is the item's text and the heading's too, in order.
      expect(headings("- a\nlazy\n  b\n  ---\n")).toEqual([[2, "a lazy b"]]);
      expect(headings("> - a\n> lazy\n>   ===\n")).toEqual([[1, "a lazy"]]);
      // A lazy line of a nested item's paragraph, a blank line, an unindented underline: no heading.
      expect(headings("- a\n  - b\nlazy\n  ===\n")).toEqual([]);
      expect(headings("- a\nlazy\n\n  ===\n")).toEqual([]);
      expect(headings("- a\nlazy\n===\n")).toEqual([]);
    });

    it("a setext underline under a quote's paragraph makes a heading in the quote; the line after it starts a block of its own", () => {
      const s = scanMarkdown("## Notes\n> Call with Tom\n> ===\nKey Facts\n---\nmine\n");
      expect(s.headings.map((h) => [h.line, h.endLine, h.level, h.name, h.topLevel, h.quoteStart])).toEqual([
        [0, 0, 2, "Notes", true, -1],
        [1, 2, 1, "Call with Tom", false, 1],
        [3, 4, 2, "Key Facts", true, -1],
      ]);
      expect(headings("> a\n> ---\n")).toEqual([[2, "a"]]);
      expect(headings("> a\n> -\n")).toEqual([[2, "a"]]);
      expect(headings("> a\nlazy\n> ===\n")).toEqual([[1, "a lazy"]]);
      expect(headings("> a\n> > b\n> > ---\n")).toEqual([[2, "b"]]);
      expect(visible("> a\n> ===\n    code [[X]]\n")).not.toContain("[[X]]");
      // Not at the paragraph's depth (a lazy line of the deeper quote), four columns in, after a blank quote line: text.
      expect(headings("> > a\n> ===\n")).toEqual([]);
      expect(headings("> a\n>     ===\n")).toEqual([]);
      expect(headings("> a\n>\n> ===\n")).toEqual([]);
      // Under an item's text in the quote the underline is a lazy line, no heading.
      expect(headings("> - a\n> ===\n")).toEqual([]);
    });

    it("in a quote inside a list item, a line four columns past the `>` right after the quote's paragraph continues it: visible, no code (B33-C)", () => {
      // commonmark.js and Lezer: `see [[Acme]]` is a line of the quote's paragraph (indented code cannot interrupt one).
      const text = "- a\n  > q\n  >     see [[Acme]]\n";
      expect(visible(text)).toBe(text);
      expect(scanMarkdown(text).continued).toEqual([2]);
      expect(visible("- > q\n  >     see [[X]]\n")).toBe("- > q\n  >     see [[X]]\n");
      // After a lazy line of that paragraph, and at a shallower depth (a lazy line of the deeper quote).
      expect(visible("- > a\n  lazy\n  >     - [[X]]\n")).toBe("- > a\n  lazy\n  >     - [[X]]\n");
      expect(visible("- a\n  > > q\n  >     x [[X]]\n")).toBe("- a\n  > > q\n  >     x [[X]]\n");
      expect(visible("- a\n  > > q\n  > >     x [[X]]\n")).toBe("- a\n  > > q\n  > >     x [[X]]\n");
      // Code where there is no paragraph to go on: the quote's first line, after a blank quote line,
      // a deeper `>` (a quote of its own), an ATX heading, and a setext heading.
      expect(visible("- a\n  >     x [[X]]\n")).not.toContain("[[X]]");
      expect(visible("- a\n  > q\n  >\n  >     x [[X]]\n")).not.toContain("[[X]]");
      expect(visible("- a\n  > q\n  > >     x [[X]]\n")).not.toContain("[[X]]");
      expect(visible("- a\n  > # q\n  >     x [[X]]\n")).not.toContain("[[X]]");
      expect(visible("- a\n  > q\n  > ===\n  >     x [[X]]\n")).not.toContain("[[X]]");
      expect(visible("- a\n  > q\n  > ---\n  >     x [[X]]\n")).not.toContain("[[X]]");
      // A line without `>` right after such a line is read as before B33-C, so that no managed
      // section's heading appears or vanishes on a page (§7): no lazy line, so `My notes` is a
      // heading and `y` (four columns into the item) code, where commonmark.js reads lazy lines.
      expect(headings("- > a\n  >     see [[X]]\nMy notes\n---\n")).toEqual([[2, "My notes"]]);
      expect(visible("- > a\n  >     x\n      y [[X]]\n")).not.toContain("[[X]]");
      // After the quote's paragraph otherwise, such a line is a lazy line of it, as before (B29-D).
      expect(visible("- > a\n      y [[X]]\n")).toBe("- > a\n      y [[X]]\n");
    });

    it("a line whose `>` another list item holds opens a new quote: no line four columns in, and no underline, goes on with the paragraph of the quote before it (B33-E)", () => {
      // commonmark.js: the inner item (and its quote) ends at a line left of its content; the `>` at
      // the outer item's content opens a new quote, where `x` is code and `===` text. B33-C read the
      // paragraph of the inner item's quote on into it.
      expect(visible("- a\n  - > q\n  >     x [[X]]\n")).not.toContain("[[X]]");
      expect(visible("- a\n  - b\n    > q\n  >     x [[X]]\n")).not.toContain("[[X]]");
      expect(headings("- a\n  - > q\n  > ===\n")).toEqual([]);
      expect(contextOf("- a\n  - b\n    > q\n  > ---\n  > - [ ] c\n", "c")).toEqual([]);
      // The same quote (its holder unchanged): the paragraph goes on, as B33-C has it.
      expect(visible("- a\n  - > q\n    >     x [[X]]\n")).toBe("- a\n  - > q\n    >     x [[X]]\n");
      expect(headings("- a\n  - b\n    > q\n    > ===\n")).toEqual([[1, "q"]]);
    });

    it("a setext underline under the paragraph of a quote inside a list item makes a heading in the item, heading the items after it, as an ATX heading there does (B33-C)", () => {
      const s = scanMarkdown("- a\n  > Risks\n  > ---\n  > - [ ] no SLA\n");
      expect(s.headings.map((h) => [h.line, h.endLine, h.level, h.name, h.topLevel, h.quoteStart])).toEqual([[1, 2, 2, "Risks", false, -1]]);
      expect(contextOf("- a\n  > Risks\n  > ---\n  > - [ ] no SLA\n", "no SLA")).toEqual(["Risks"]);
      expect(contextOf("- a\n  > ## Risks\n  > - [ ] no SLA\n", "no SLA")).toEqual(["Risks"]);
      // A lazy line is part of its text.
      expect(headings("- a\n  > Call with\nTom\n  > ===\n")).toEqual([[1, "Call with Tom"]]);
      // Not a heading: under a deeper quote's paragraph (a lazy line), after a blank quote line,
      // four columns in (a line of the paragraph), a lone `-` (an empty item, as Lezer reads it in lists).
      expect(headings("- a\n  > > q\n  > ===\n")).toEqual([]);
      expect(headings("- a\n  > q\n  >\n  > ===\n")).toEqual([]);
      expect(headings("- a\n  > q\n  >     ===\n")).toEqual([]);
      expect(items("- a\n  > q\n  > -\n")).toEqual(["a", ""]);
      // The line after the underline, outside the item, is read as before B33-C: a lazy line, so
      // `Key Facts` is no heading (commonmark.js: one), and no managed section appears there (§7).
      expect(headings("- > Call\n  > ===\nKey Facts\n---\n")).toEqual([[1, "Call"]]);
    });

    it("a setext underline under the text of an item in a quote inside a list item makes a heading in that item: no task (B33-C)", () => {
      const s = scanMarkdown("- a\n  > - [ ] b\n  >   ===\n  >   - c\n");
      expect(s.headings.map((h) => [h.line, h.endLine, h.level, h.name, h.topLevel])).toEqual([[1, 2, 1, "[ ] b", false]]);
      expect(s.items.map((i) => [i.line, i.task])).toEqual([
        [0, null],
        [1, null],
        [3, null],
      ]);
      expect(contextOf("- a\n  > - [ ] b\n  >   ===\n  >   - c\n", "c")).toEqual(["[ ] b"]);
      expect(headings("- a\n  > - b\nlazy\n  >   ---\n")).toEqual([[2, "b lazy"]]);
      // A deeper `>` opens a quote (`===` is its text); a `>` one column off moves the item's content
      // (commonmark.js: a rule): no heading, the task stays.
      expect(headings("- a\n  > - b\n  > >   ===\n")).toEqual([]);
      expect(headings("- a\n  > 1. b\n   >   ---\n")).toEqual([]);
      expect(scanMarkdown("- a\n  > - [ ] b\n  > >   ===\n").items[1]!.task).toBe(" ");
    });
  });

  describe("callout titles (docs/reliability.md B29-D; commonmark.js and Lezer agree)", () => {
    it("a plain line right after a callout's title is a lazy line of the callout: no paragraph of its own, so no heading with `---` below", () => {
      const s = scanMarkdown("## Notes\n> [!note] Call\nKey Facts\n---\nmy notes\n");
      expect(s.headings.map((h) => h.name)).toEqual(["Notes"]);
      expect(s.callouts).toEqual([[1, 1]]);
      // Four columns into the callout, after its title, a line goes on with it: no code.
      expect(visible("> [!note] Call\n>     x [[X]]\n")).toBe("> [!note] Call\n>     x [[X]]\n");
      // The callout still heads its items; a blank line ends it as before.
      expect(contextOf("> [!info] Key Facts\nlazy\n> - fact\n", "fact")).toEqual(["Key Facts"]);
      expect(headings("> [!note] Call\n\nKey Facts\n---\n")).toEqual([[2, "Key Facts"]]);
      // Nor is it a top-level paragraph, so no note's summary (§7).
      expect(paragraphs("> [!note] Call\nin the callout\n\nFirst paragraph\n")).toEqual(["First paragraph"]);
    });

    it("lists every callout in no list item with its quote's first line; one inside a quote is listed at that quote's start", () => {
      expect(scanMarkdown("> [!note] A\n\n> text\n> > [!tip] B\n- a\n  > [!note] C\n").callouts).toEqual([
        [0, 0],
        [3, 2],
      ]);
    });
  });

  describe("a GFM table in a list item ends the item's text (docs/reliability.md B33-G; markdown-it 15 and Lezer 1.8 with GFM agree on each)", () => {
    it("a header row and its delimiter row interrupt the item's text: the text ends above the header, and no row is text", () => {
      expect(items("- [ ] Send quote\n  | a | b |\n  |---|---|\n  | c | d |\n")).toEqual(["[ ] Send quote"]);
      expect(scanMarkdown("- [ ] Send quote\n  | a | b |\n  |---|---|\n").items[0]!.task).toBe(" ");
      // Without outer pipes, after more text lines, with alignment colons; rows up to a blank line.
      expect(items("- a\n  b\n  c | d\n  :-|-:\n  e | f\n\n  after\n")).toEqual(["a b"]);
      // A row four columns in is a row (Lezer), neither text nor code: nothing hidden.
      expect(items("- [ ] a\n  b | c\n  --|--\n      d | e\n")).toEqual(["[ ] a"]);
      expect(scanMarkdown("- [ ] a\n  b | c\n  --|--\n      d | e\n").hidden).toEqual([]);
      // Items below the table are items, and the item's text stays ended.
      expect(items("- [ ] a\n  b | c\n  --|--\n  - [ ] n\n    more\n")).toEqual(["[ ] a", "[ ] n more"]);
      // A rule below the rows is no setext underline of the item's text (no heading, the task stays).
      expect(headings("- [ ] a\n  b | c\n  --|--\n  ---\n")).toEqual([]);
    });

    it("a header on the item's own line leaves it no text, and no task (Lezer: the item holds a table)", () => {
      const s = scanMarkdown("- [ ] a | b\n  --|--\n  c | d\n");
      expect(items("- [ ] a | b\n  --|--\n  c | d\n")).toEqual([""]);
      expect(s.items[0]!.task).toBe(null);
    });

    it("in a quote's item, and in an item of a quote inside an item", () => {
      expect(items("> - [ ] a\n>   b | c\n>   --|--\n>   d | e\n")).toEqual(["[ ] a"]);
      expect(items("- x\n  > - [ ] a\n  >   b | c\n  >   --|--\n")).toEqual(["x", "[ ] a"]);
    });

    it("a lazy header line (not the item's text) still ends it: the rows below are no text", () => {
      expect(items("- [ ] a\nb | c\n  --|--\n  d | e\n")).toEqual(["[ ] a"]);
    });

    it("no table: a lazy delimiter row (cmark-gfm's containers, as the link search), cell counts that differ, a deeper quote", () => {
      expect(items("- [ ] a | b\n--|--\n")).toEqual(["[ ] a | b"]);
      expect(items("- [ ] a\n  b | c\n  --|--|--\n")).toEqual(["[ ] a b | c --|--|--"]);
      expect(items("> - [ ] a\n>   b | c\n> > --|--\n")).toEqual(["[ ] a b | c"]);
      // Four columns past the content, the delimiter row is the paragraph's text.
      expect(items("- [ ] a\n  b | c\n      --|--\n")).toEqual(["[ ] a b | c --|--"]);
      // A lazy header four columns in is none (as links.ts's tableStartsAt); three columns in, it is one.
      expect(items("10.  [ ] a\n    b | c\n     --|--\n     d\n")).toEqual(["[ ] a --|-- d"]);
      expect(items("10.  [ ] a\n   b | c\n     --|--\n     d\n")).toEqual(["[ ] a"]);
    });

    it("keeps the lines the link search reads as lazy or four columns in as they were", () => {
      expect(scanMarkdown("- a\n  b | c\n  --|--\n  more\nlazy\n").continued).toEqual([4]);
      expect(scanMarkdown("- [ ] a\nb | c\n  --|--\n  d | e\n").continued).toEqual([1]);
    });
  });

  it("items in code, math and comments are not items", () => {
    expect(items("```\n- a\n```\n%%\n- b\n%%\n<!--\n- c\n-->\n$$\n- d\n$$\n")).toEqual([]);
  });
});

describe("item context: headings and bold lines inside list items (§6, outliner notes)", () => {
  it("an item that is only a heading heads the items nested in it, not its siblings", () => {
    const text = "## Notes\n- Meeting with [[Acme]]\n    - ## Key Facts\n        - Roam fact\n        - ### Pricing\n            - price fact\n    - [ ] roam task\n- later\n";
    expect(contextOf(text, "Roam fact")).toEqual(["Key Facts", "Notes"]);
    expect(contextOf(text, "price fact")).toEqual(["Pricing", "Key Facts", "Notes"]);
    expect(contextOf(text, "roam task")).toEqual(["Notes"]);
    expect(contextOf(text, "later")).toEqual(["Notes"]);
  });

  it("an item that is only bold text heads the items nested in it", () => {
    const text = "- **Decisions:**\n  - Go with plan B\n- **Risks**\n  - churn\n- other\n";
    expect(contextOf(text, "Go with plan B")).toEqual(["Decisions"]);
    expect(contextOf(text, "churn")).toEqual(["Risks"]);
    expect(contextOf(text, "other")).toEqual([]);
  });

  it("a bold paragraph inside an item heads the items nested after it; a later one replaces it", () => {
    const text = "- Call with [[Acme]]\n\n  **Decisions:**\n\n  - Go with plan B\n\n  **Risks:**\n\n  - churn\n- next\n";
    expect(contextOf(text, "Go with plan B")).toEqual(["Decisions"]);
    expect(contextOf(text, "churn")).toEqual(["Risks"]);
    expect(contextOf(text, "next")).toEqual([]);
  });

  it("a bold continuation line of an item's text is its text, not a heading", () => {
    const text = "- fact\n  **important**\n  - child\n";
    expect(items(text)).toEqual(["fact **important**", "child"]);
    expect(contextOf(text, "child")).toEqual([]);
  });

  it("a task or an item with more than a heading heads nothing", () => {
    expect(contextOf("- [ ] **Decisions:**\n  - x\n", "x")).toEqual([]);
    expect(contextOf("- **Decisions:** made\n  - x\n", "x")).toEqual([]);
    expect(contextOf("- #tag\n  - x\n", "x")).toEqual([]);
  });
});

describe("item context: headings, bold lines, callout titles (§6)", () => {
  it("lists the headings above, innermost first, walking up the levels", () => {
    const text = "# Top\n## Key Facts\n### Pricing\n- item\n";
    expect(contextOf(text, "item")).toEqual(["Pricing", "Key Facts", "Top"]);
  });

  it("a heading at the same level replaces the previous one", () => {
    const text = "## Key Facts\n## Notes\n- item\n";
    expect(contextOf(text, "item")).toEqual(["Notes"]);
  });

  it("a bold line is context for the items after it, up to the next heading", () => {
    const text = "## Notes\n**Key Facts:**\n- a\n\nSome text.\n\n- b\n## Other\n- c\n";
    expect(contextOf(text, "a")[0]).toBe("Key Facts");
    expect(contextOf(text, "b")[0]).toBe("Key Facts");
    expect(contextOf(text, "c")).toEqual(["Other"]);
  });

  it("bold lines do not nest: the next one replaces it", () => {
    // (a blank line before the second bold line: right after an item it would be a lazy continuation)
    const text = "**Risks**\n- a\n\n**Key Facts**\n- b\n";
    expect(contextOf(text, "a")).toEqual(["Risks"]);
    expect(contextOf(text, "b")).toEqual(["Key Facts"]);
  });

  it("a line with bold and more text is not a bold line", () => {
    const text = "**Key Facts** and more\n- a\n";
    expect(contextOf(text, "a")).toEqual([]);
  });

  it("a callout title is context for the items inside the callout only", () => {
    const text = "> [!info] Key Facts\n> - inside\n\n- outside\n";
    expect(contextOf(text, "inside")[0]).toBe("Key Facts");
    expect(contextOf(text, "outside")).toEqual([]);
  });

  it("a callout without a title takes its type, capitalised", () => {
    const text = "> [!risks]\n> - inside\n";
    expect(contextOf(text, "inside")[0]?.toLowerCase()).toBe("risks");
  });

  it("a callout title in bold with a colon is named like a heading", () => {
    const text = "> [!note] **Key Facts:**\n> - inside\n";
    expect(contextOf(text, "inside")[0]).toBe("Key Facts");
  });
});

describe("item context in quotes thousands deep: work linear in the note (docs/reliability.md B36-G)", () => {
  it("a callout 20,000 quotes deep, then 600 quotes each ended by a blank line: an end visits only the depths still open, not the deepest one the note had", () => {
    // Each end of a quote walked every depth up to the deepest callout the note ever had (an array
    // with holes, read through Array.prototype): one 20 KB line made each of 1,200 later ends cost
    // 20,000 reads (a 64 KB note of this shape took 10 s). Counted: reads of that array's slot
    // 19,999, which no array of this note fills, through a getter on Array.prototype.
    const D = 20_000;
    const slot = String(D - 1);
    let reads = 0;
    Object.defineProperty(Array.prototype, slot, {
      configurable: true,
      get() {
        reads++;
        return undefined;
      },
      set(v: unknown) {
        Object.defineProperty(this, slot, { value: v, writable: true, enumerable: true, configurable: true });
      },
    });
    let s;
    const text = ">".repeat(D) + " [!warning] Risks\n" + ">".repeat(D) + " - [ ] deep\n\n" + "> - [ ] q\n\n".repeat(600) + "- [ ] last\n";
    try {
      s = scanMarkdown(text);
    } finally {
      delete (Array.prototype as unknown as Record<string, unknown>)[slot];
    }
    expect(reads).toBeLessThan(10);
    // The callout's title heads its own item only; the 600 quotes and the last item have no heading.
    expect(s.items.length).toBe(602);
    expect(s.items[0]!.context).toEqual(["Risks"]);
    expect(s.items.slice(1).every((i) => i.context.length === 0)).toBe(true);
  });

  it("300 headings in quotes 1 to 300 deep, then 3,000 lazy bold lines with one `>`: each bold line costs its own work, not the open quotes' count", () => {
    // `> # H1` / `>> # H2` / … each head their quote's items; a lazy line with fewer `>` keeps the
    // deep quote open (B36-D), so all 300 stay. Each lazy bold line used to filter and sort all of
    // them: 3,000 × 301 entries sorted, in work O(depth) a line (N^1.5 in a note's length).
    // Counted: the elements of every array sorted or filtered during the scan.
    const D = 300;
    let text = "";
    for (let k = 1; k <= D; k++) text += ">".repeat(k) + " # H" + k + "\n";
    text += ">".repeat(D) + " text\n" + "> **Risks:**\n".repeat(3_000) + ">".repeat(D) + " - [ ] deep\n";
    const sort = vi.spyOn(Array.prototype, "sort");
    const filter = vi.spyOn(Array.prototype, "filter");
    let s;
    let work = 0;
    try {
      s = scanMarkdown(text);
      for (const c of [...sort.mock.contexts, ...filter.mock.contexts]) work += (c as unknown[]).length;
    } finally {
      sort.mockRestore();
      filter.mockRestore();
    }
    expect(work).toBeLessThan(text.length / 10);
    // The item is in the deepest quote: the last bold line (read with one `>`, as lazy text is
    // read for bold lines), then every quote's heading, innermost first.
    expect(s.items.length).toBe(1);
    expect(s.items[0]!.context).toEqual(["Risks", ...Array.from({ length: D }, (_, k) => `H${D - k}`)]);
  });
});

/**
 * Scans `text` and counts the reads of the scanner's open list items (every property read, through a
 * proxy put in place of each item as the scanner pushes it onto its stack of open items).
 */
function openItemReads(text: string): { reads: number; scan: ReturnType<typeof scanMarkdown> } {
  let reads = 0;
  const counting: ProxyHandler<object> = {
    get(target, key, receiver) {
      reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  };
  const push = Object.getOwnPropertyDescriptor(Array.prototype, "push")!;
  const original = Array.prototype.push;
  Object.defineProperty(Array.prototype, "push", {
    ...push,
    value: function (this: unknown[], ...args: unknown[]): number {
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (typeof a === "object" && a !== null && Object.hasOwn(a, "contentCol") && Object.hasOwn(a, "inQuoteOf")) args[i] = new Proxy(a, counting);
      }
      return original.apply(this, args);
    },
  });
  try {
    const scan = scanMarkdown(text);
    return { reads, scan };
  } finally {
    Object.defineProperty(Array.prototype, "push", push);
  }
}

describe("many open list items: a lazy or blank line costs its own work, not the open items' count (docs/reliability.md B37-C)", () => {
  // Each line walked the open items down from the innermost to find the one holding it, and a lazy
  // line (or a blank one) leaves them all open: 300 nested items then thousands of such lines cost
  // 300 steps a line, N^1.5 in a note's length (a 4.6 MB note took 2.6 s). Counted: the reads of the
  // open items' properties, for 3,000 lines and for 6,000; the 3,000 lines more must cost a few
  // reads each (600 to 1,500 each before; now a binary search or two over the 300 items, ~9 reads
  // each, and the line's own).
  const L = 300;
  const nested = Array.from({ length: L }, (_, k) => " ".repeat(2 * k) + "- a\n").join("");
  const perLine = (note: (m: number) => string): number => (openItemReads(note(6_000)).reads - openItemReads(note(3_000)).reads) / 3_000;

  it("a quote inside an item holding 300 nested items, then lazy lines `  > lazy`", () => {
    const note = (m: number): string =>
      "- a\n" + Array.from({ length: L }, (_, k) => "  > " + " ".repeat(2 * k) + "- **Risks:**\n").join("") + "  > lazy\n".repeat(m) + "  > - [ ] z\n";
    expect(perLine(note)).toBeLessThan(60);
    const { items } = openItemReads(note(3_000)).scan;
    // Each item in the quote is nested in the one above, under its bold label and those above it
    // (innermost first, all "Risks"); the lazy lines are no item's text; `z`, back at the quote's
    // first column, is a sibling of the first item in the quote: its parent is `- a`, its context none.
    expect(items.length).toBe(L + 2);
    for (let k = 1; k <= L; k++) {
      expect(items[k]!.parent).toBe(k - 1);
      expect(items[k]!.context).toEqual(Array.from({ length: k - 1 }, () => "Risks"));
      expect(items[k]!.lines.length).toBe(1);
    }
    const z = items[L + 1]!;
    expect([z.line, z.parent, z.task, z.context]).toEqual([L + 1 + 3_000, 0, " ", []]);
  });

  it("300 nested items, then unindented lazy lines", () => {
    const note = (m: number): string => nested + "lazy\n".repeat(m) + "- [ ] z\n";
    expect(perLine(note)).toBeLessThan(60);
    const { items } = openItemReads(note(3_000)).scan;
    // The lazy lines are none of the deepest item's text (§6: only indented lines are); `z` starts
    // a root item of the same list (Obsidian's parent for a root item of a list on line 0: -1).
    expect(items.length).toBe(L + 1);
    expect(items.slice(1, L).every((i, k) => i.parent === k && i.lines.length === 1)).toBe(true);
    expect([items[L - 1]!.line, items[L - 1]!.endLine]).toEqual([L - 1, L - 1]);
    expect([items[L]!.line, items[L]!.parent]).toEqual([L + 3_000, -1]);
  });

  it("300 nested items, then blank lines, then an item at the deepest item's content", () => {
    const note = (m: number): string => nested + "\n".repeat(m) + " ".repeat(2 * L) + "- [ ] z\n";
    expect(perLine(note)).toBeLessThan(60);
    const { items } = openItemReads(note(3_000)).scan;
    // Blank lines end no item (CommonMark): `z` is nested in the deepest one.
    expect(items.length).toBe(L + 1);
    expect([items[L]!.line, items[L]!.parent]).toEqual([L + 3_000, L - 1]);
  });

  it("300 nested items, then rounds of 20 lazy lines at columns 0 to 19 and a new innermost item", () => {
    // Each round asks anew which items hold each column (a walk kept per column and stack, c371499,
    // did each once a round: 574 reads a line).
    const round = Array.from({ length: 20 }, (_, c) => " ".repeat(c) + "z\n").join("") + " ".repeat(2 * (L - 1)) + "- a\n";
    const note = (r: number): string => nested + round.repeat(r);
    const perRoundLine = (openItemReads(note(400)).reads - openItemReads(note(200)).reads) / 200 / 21;
    expect(perRoundLine).toBeLessThan(60);
    const { items } = openItemReads(note(200)).scan;
    // Each round's item takes the innermost one's place: its parent is the item above that one.
    expect(items.length).toBe(L + 200);
    expect(items.slice(L).every((i, r) => i.line === L + 21 * r + 20 && i.parent === L - 2 && i.lines.length === 1)).toBe(true);
  });

  it("a quote inside an item holding 300 nested items, then lazy lines without `>`", () => {
    const note = (m: number): string =>
      "- a\n" + Array.from({ length: L }, (_, k) => "  > " + " ".repeat(2 * k) + "- b\n").join("") + "lazy\n".repeat(m) + "- [ ] z\n";
    expect(perLine(note)).toBeLessThan(60);
    const { items } = openItemReads(note(3_000)).scan;
    // The lazy lines go on with the quote (CommonMark), none of the deepest item's text; `z` at the
    // first column ends the quote and is a sibling of `- a`.
    expect(items.length).toBe(L + 2);
    expect(items.slice(2, L + 1).every((i, k) => i.parent === k + 1 && i.lines.length === 1)).toBe(true);
    expect([items[L + 1]!.line, items[L + 1]!.parent]).toEqual([L + 1 + 3_000, -1]);
  });
});

describe("an item's long first line is read once, not again for every line below it (docs/reliability.md B37-C)", () => {
  // Whether the item's first line is a paragraph (a lazy line four columns past what holds it may
  // go on with it; an underline may make it a heading) was worked out again for each such line,
  // reading the whole first line each time: 20,000 characters and 3,000 lines read it 3,000 times.
  // Counted: the characters given to FENCE_OPEN (the first check of that reading) during the scan.
  const first = "```" + "a".repeat(20_000) + "`"; // a backtick in its info string: no fence, text
  const fenceReads = (text: string): { chars: number; scan: ReturnType<typeof scanMarkdown> } => {
    const exec = vi.spyOn(RegExp.prototype, "exec");
    try {
      const scan = scanMarkdown(text);
      let chars = 0;
      exec.mock.contexts.forEach((re, i) => {
        if (re === FENCE_OPEN) chars += String(exec.mock.calls[i]![0]).length;
      });
      return { chars, scan };
    } finally {
      exec.mockRestore();
    }
  };

  it("then 3,000 lazy lines `    # x`, four columns past the line's start and left of the item's content", () => {
    const text = "1.    " + first + "\n" + "    # x\n".repeat(3_000) + "- [ ] z\n";
    const { chars, scan } = fenceReads(text);
    expect(chars).toBeLessThan(3 * first.length);
    // Lazy lines of the item's paragraph (indented code cannot interrupt one): no headings, none
    // of the item's text; `z` starts a list of its own (its parent: minus its list's first line).
    expect(scan.headings).toEqual([]);
    expect(scan.items.map((i) => [i.line, i.parent, i.task, i.lines.length])).toEqual([
      [0, -1, null, 1],
      [3_001, -3_001, " ", 1],
    ]);
  });

  it("then 3,000 lines `   =x` in its content, no setext underline", () => {
    const text = "1. " + first + "\n" + "   =x\n".repeat(3_000);
    const { chars, scan } = fenceReads(text);
    expect(chars).toBeLessThan(3 * first.length);
    expect(scan.headings).toEqual([]);
    expect(scan.items.length).toBe(1);
    expect([scan.items[0]!.endLine, scan.items[0]!.lines.length]).toEqual([3_000, 3_001]);
    expect(scan.items[0]!.lines.slice(1).every((r) => text.slice(r.start, r.end) === "=x")).toBe(true);
  });
});

describe("top-level paragraphs (§7 summary)", () => {
  it("finds runs of non-blank top-level lines", () => {
    const text = "First line\nsecond line\n\nAnother\n";
    expect(paragraphs(text)).toEqual(["First line\nsecond line", "Another"]);
  });

  it("leaves out quotes, callouts, lists, tables, #tag lines and lone ^ids", () => {
    const text = [
      "> quote",
      "",
      "> [!note] callout",
      "> body",
      "",
      "- list item",
      "",
      "| a | b |",
      "|---|---|",
      "| 1 | 2 |",
      "",
      "#tag line",
      "",
      "^abc123",
      "",
      "Real paragraph",
      "",
    ].join("\n");
    expect(paragraphs(text)).toEqual(["Real paragraph"]);
  });

  it("a delimiter row of another cell count than the first line is the paragraph's text; a setext underline below still makes no heading, as before (B33-I)", () => {
    expect(paragraphs("[^1]: f\n  --|--\nmine\n")).toEqual(["[^1]: f\n  --|--\nmine"]);
    expect(paragraphs("a\n-|\nb\n")).toEqual(["a\n-|\nb"]);
    // The same count: a table (one cell with a `|`).
    expect(paragraphs("a | b\n--|--\nc\n")).toEqual([]);
    expect(paragraphs("[^1]: a | b\n--|--\nc\n")).toEqual([]);
    expect(paragraphs("a |\n-|\nb\n")).toEqual([]);
    // GFM reads `a` / `--|--` / `---` as a heading; every earlier build read no heading there, and
    // one would end a managed body where it did not (B33-I): not one here either.
    expect(headings("a\n--|--\n---\n")).toEqual([]);
    expect(headings("Key Facts\n-|\n---\n")).toEqual([]);
  });

  it("a one-cell header ending in an escaped backslash and `|` heads a table; after an escaped `|`, or a lone `|`, it does not (B33-J)", () => {
    // `a \\|`: the `|` is real (markdown-it, Lezer: a table), as cellCount reads it.
    expect(paragraphs("a \\\\|\n-|\nb\n")).toEqual([]);
    expect(scanMarkdown("a \\\\|\n-|\nb\n").tables).toEqual([[0, 2]]);
    // `a \|`: an escaped `|`, no `|` that heads a table (Lezer): the paragraph's text.
    expect(paragraphs("a \\|\n-|\nb\n")).toEqual(["a \\|\n-|\nb"]);
    expect(scanMarkdown("a \\|\n-|\nb\n").tables).toEqual([]);
    // A lone `|` heads no table (both oracles: one paragraph); `||` and `| |` do (an empty cell).
    expect(scanMarkdown("|\n|-|\nb\n").tables).toEqual([]);
    expect(scanMarkdown("||\n|-|\nb\n").tables).toEqual([[0, 2]]);
    expect(scanMarkdown("| |\n|-|\nb\n").tables).toEqual([[0, 2]]);
  });

  it("a paragraph ends at a line that starts another block", () => {
    expect(paragraphs("Para one\n# Heading\n")).toEqual(["Para one"]);
    expect(paragraphs("Para one\n- item\n")).toEqual(["Para one"]);
    expect(paragraphs("Para one\n```\ncode\n```\n")).toEqual(["Para one"]);
    expect(paragraphs("Para one\n***\nPara two\n")).toEqual(["Para one", "Para two"]);
  });

  it("paragraphs inside code are not paragraphs", () => {
    expect(paragraphs("```\ntext\n```\n")).toEqual([]);
    expect(paragraphs("~~~\ntext\n")).toEqual([]);
  });

  it("a bold line right after an item (a lazy line for CommonMark) is still a bold line for §6, and no part of the item", () => {
    const text = "**Risks**\n- a\n**Key Facts**\n- b\n";
    expect(contextOf(text, "b")).toEqual(["Key Facts"]);
    expect(contextOf(text, "a")).toEqual(["Risks"]);
    expect(items(text)).toEqual(["a", "b"]);
  });

  it("a backtick line whose info string holds a backtick is no fence: it continues a quote's or an item's paragraph lazily, no paragraph of its own", () => {
    // commonmark.js: `<blockquote><p>a\n```x`y</p>…` and `<li>a\n```x`y…`.
    expect(paragraphs("> a\n```x`y\n> ## H\n")).toEqual([]);
    expect(paragraphs("- a\n```x`y\n  - [ ] b\n")).toEqual([]);
    // A real fence there does end them (and is no paragraph either).
    expect(paragraphs("> a\n```xy\nz\n```\nAfter\n")).toEqual(["After"]);
  });

  it("a setext heading's text is not a paragraph", () => {
    expect(paragraphs("Title\n=====\n\nBody\n")).toEqual(["Body"]);
  });

  it("line numbers count from the top of the file when the body starts after frontmatter", () => {
    const text = "---\na: b\n---\nPara\n";
    const s = scanMarkdown(text, text.indexOf("Para"));
    expect(s.paragraphs).toEqual([[3, 3]]);
  });

  it("frontmatter before bodyStart yields no headings or items", () => {
    const text = "---\n# not: heading\n---\n- item\n";
    const s = scanMarkdown(text, text.indexOf("- item"));
    expect(s.headings).toEqual([]);
    expect(s.items.length).toBe(1);
  });
});

describe("raw HTML of CommonMark types 1, 3, 4 and 5 (docs/reliability.md B33-A; commonmark.js 0.31 agrees on each)", () => {
  it("`<pre>`, `<script>`, `<style>`, `<textarea>` run over blank lines to the first line holding any of their end tags: no headings, items or summary there", () => {
    const text = "<pre>\n- [ ] not a task\n\n## Key Facts\nnot a summary\n</pre>\n- [ ] after\n";
    expect(items(text)).toEqual(["[ ] after"]);
    expect(headings(text)).toEqual([]);
    expect(paragraphs(text)).toEqual([]);
    // Case-insensitive, with attributes, up to three spaces in; any of the four end tags ends it.
    expect(headings("   <SCRIPT type=x>\n## A\n\n</Style> x\n## B\n")).toEqual([[2, "B"]]);
    expect(headings("<textarea\n## A\n</pre>\n## B\n")).toEqual([[2, "B"]]);
    expect(headings("<style>\n## A\n</textarea>\n## B\n")).toEqual([[2, "B"]]);
    // A line holding its end tag is the whole block.
    expect(items("<pre>x</pre>\n- [ ] after\n")).toEqual(["[ ] after"]);
  });

  it("`<?` … `?>`, `<!` and a letter … `>`, `<![CDATA[` … `]]>` likewise", () => {
    expect(items("<?php\n- [ ] a\n\n?> b\n- [ ] c\n")).toEqual(["[ ] c"]);
    expect(items("<!DOCTYPE html\n- [ ] a\n\n>\n- [ ] c\n")).toEqual(["[ ] c"]);
    expect(items("<!doctype\n- [ ] a\nb > c\n- [ ] c\n")).toEqual(["[ ] c"]);
    expect(items("<![CDATA[\n- [ ] a\n\n]]>\n- [ ] c\n")).toEqual(["[ ] c"]);
    expect(items("<?x ?>\n- [ ] c\n")).toEqual(["[ ] c"]);
  });

  it("each interrupts a paragraph, and ends a quote's or an item's paragraph (no lazy line)", () => {
    expect(paragraphs("Summary here\n<script>\nnot a summary\n</script>\n")).toEqual(["Summary here"]);
    expect(items("Summary\n<?php\n- [ ] a\n?>\n")).toEqual([]);
    expect(items("> quoted\n<pre>\n- [ ] a\n")).toEqual([]);
    expect(items("- a\n<pre>\n- [ ] b\n")).toEqual(["a"]);
  });

  it("is none when the tag is another (`<pre-wrap`, `<prefix `), not at the line's start, after `<!` and no letter, or indented four", () => {
    expect(headings("<pre-wrap a\n## H\n")).toEqual([[2, "H"]]);
    expect(headings("a <pre>\n## H\n")).toEqual([[2, "H"]]);
    expect(headings("<!1\n## H\n")).toEqual([[2, "H"]]);
    expect(headings("    <pre>\n## H\n")).toEqual([[2, "H"]]);
  });

  it("unclosed, runs to the end of the text: openAtEnd is its `<`", () => {
    const text = "# Acme\n\n  <pre>\n\n## Key Facts\n- [ ] x\n";
    const s = scanMarkdown(text);
    expect(s.headings.map((h) => h.name)).toEqual(["Acme"]);
    expect(s.items).toEqual([]);
    expect(s.openAtEnd).toBe(text.indexOf("<pre>"));
    for (const opener of ["<?", "<!X", "<![CDATA[", "<script>"]) expect(scanMarkdown(`a\n\n${opener}\n\n## H\n`).openAtEnd).toBe(3);
    expect(scanMarkdown("<pre>\n</pre>\n## H\n").openAtEnd).toBe(null);
  });

  it("its links count, as in a block-level tag's raw HTML; code and comments in it stay hidden", () => {
    const text = "<pre>\n[[A]] `[[B]]` %%[[C]]%%\n\n[[D]]\n</pre>\n";
    expect(visible(text)).toContain("[[A]]");
    expect(visible(text)).toContain("[[D]]");
    expect(visible(text)).not.toContain("[[B]]");
    expect(visible(text)).not.toContain("[[C]]");
    // The end tag ends it wherever it is on its line, a comment's too (the comment still hides what it holds).
    expect(items("<pre>\n%% </pre> %%\n- [ ] a\n")).toEqual(["[ ] a"]);
    expect(items("<pre>\n%%\n</pre>\n%%\n- [ ] a\n")).toEqual(["[ ] a"]);
  });

  it("in a list item: over blank lines inside the item, up to its end tag or the item's end", () => {
    expect(items("- a\n  <pre>\n\n  - [ ] hidden\n  ## Not a heading\n  </pre>\n  - [ ] after\n")).toEqual(["a", "[ ] after"]);
    expect(headings("- a\n  <pre>\n\n  ## Not a heading\n")).toEqual([]);
    expect(items("- <script>\n  - [ ] a\n\n  - [ ] b\n  </script>\n- [ ] c\n")).toEqual(["<script>", "[ ] c"]);
    // A line left of the item's content ends the item, and the raw HTML with it.
    expect(items("- a\n  <pre>\n\n- [ ] b\n")).toEqual(["a", "[ ] b"]);
    expect(items("- a\n  <pre>\n## H\n- [ ] b\n")).toEqual(["a", "[ ] b"]);
    // Closed on its own line: the item's next lines are read as usual.
    expect(items("- a\n  <pre>x</pre>\n  - [ ] b\n")).toEqual(["a", "[ ] b"]);
  });

  it("in an item of a quote (a quote's blank line goes on with it, a truly blank one ends the quote) and in an item of a quote inside an item", () => {
    expect(items("> - a\n>   <pre>\n>\n>   - [ ] x\n>   </pre>\n> - [ ] y\n")).toEqual(["a", "[ ] y"]);
    expect(items("> - a\n>   <pre>\n\n- [ ] y\n")).toEqual(["a", "[ ] y"]);
    expect(items("- a\n  > - b\n  >   <pre>\n  >\n  >   - [ ] x\n  > - [ ] c\n")).toEqual(["a", "b", "[ ] c"]);
    // A `>` left of the outer item's content is another quote, outside the item: the raw HTML ends there.
    expect(items("- a\n  > - b\n  >   <pre>\n>\n    - [ ] t\n")).toEqual(["a", "b"]);
  });

  it("`<!X` in an item of a quote ends at a `>` in the item's text, not at the quote's own `>` (docs/reliability.md B33-D)", () => {
    // commonmark.js: the end is looked for past the container markers; the quote's `>` is one of them.
    expect(items("> - <!X\n>   a\n>   - [ ] hidden\n> - [ ] y\n")).toEqual(["<!X", "[ ] y"]);
    expect(items("> - <!X\n>\n>   - [ ] hidden\n")).toEqual(["<!X"]);
    expect(items("- a\n  > - b\n  >   <!X\n  >\n  >   - [ ] hidden\n")).toEqual(["a", "b"]);
    expect(headings("> - <!X\n>   ## Not a heading\n>   x\n")).toEqual([]);
    // Its own `>` ends it, quoted or not, and inside a comment too.
    expect(items("> - <!X\n>   a >\n>   - [ ] t\n")).toEqual(["<!X", "[ ] t"]);
    expect(items("> - <!X\n>   %% > %%\n>   - [ ] t\n")).toEqual(["<!X", "[ ] t"]);
    expect(items("> - <!X\n>   %%\n>   %%\n>   - [ ] hidden\n")).toEqual(["<!X"]);
    expect(items("> - <!X %%\n>   %%\n>   - [ ] hidden\n")).toEqual(["<!X %%"]);
  });
});
