// Lines written into a page are guarded (README: copied text never changes the page's structure);
// write-back compares a ticked line with the task's line made the same way (taskKey).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanMarkdown } from "../../src/core/markdown";
import { guardLine, noteLink, shownKey } from "../../src/core/page";
import { normaliseForDedup } from "../../src/core/text";
import { taskKey } from "../../src/core/writeback";

/** Is `a` what is left of `b` with some of its backslashes taken out? */
function onlyBackslashesAdded(a: string, b: string): boolean {
  let i = 0;
  for (const c of b) {
    if (i < a.length && a[i] === c) i++;
    else if (c !== "\\") return false;
  }
  return i === a.length;
}

describe("guardLine and raw HTML (B33-A)", () => {
  it("a Topics line opening raw HTML that runs to an end tag (`<pre>`, `<?`, `<!X`, `<![CDATA[`) gets a backslash: the sections after it stay headings", () => {
    // A frontmatter topic `<pre>` made the Topics line open a block to the end of the page: the next
    // run read every heading below as part of the Topics body and replaced the user's sections.
    expect(guardLine("<pre>, sales")).toBe("\\<pre>, sales");
    for (const line of ["<pre>, sales", "<script>", "<?php", "<!DOCTYPE", "<![CDATA[x", "  <style x"]) {
      const g = guardLine(line);
      expect(onlyBackslashesAdded(line, g), line).toBe(true);
      const s = scanMarkdown(`${g}\n\n## Notes\nmine\n`);
      expect(s.openAtEnd, line).toBe(null);
      expect(s.headings.map((h) => h.name), line).toEqual(["Notes"]);
    }
    // Closed on its line, or a block-level tag (to the blank line the page writes after a body): as it is.
    expect(guardLine("<pre>a</pre>, sales")).toBe("<pre>a</pre>, sales");
  });

  it("a Topics line opening a block-level tag (`<div>`) or a lone tag (`<span>`) gets a backslash: raw HTML to the next blank line would hide a heading right below it (B33-D)", () => {
    // The page writes a blank line after the body, but a user who deletes it (`<div>, z` / `## Notes`)
    // had `## Notes` read as part of the Topics body (CommonMark type 6: to a blank line), and the next
    // run replaced their section. A lone tag (type 7) hides the heading from Obsidian's view alike.
    expect(guardLine("<div>, sales")).toBe("\\<div>, sales");
    expect(guardLine("</table>")).toBe("\\</table>");
    expect(guardLine("<span>")).toBe("\\<span>");
    expect(guardLine("  <Details open>, x")).toBe("  \\<Details open>, x");
    for (const line of ["<div>, sales", "<p>", "</ul>, x", "<span>", "<b class=x>"]) {
      const g = guardLine(line);
      expect(onlyBackslashesAdded(line, g), line).toBe(true);
      expect(scanMarkdown(`${g}\n## Notes\nmine\n`).headings.map((h) => h.name), line).toEqual(["Notes"]);
    }
    // Not a tag, or four columns in (indented code, shown as it is): as it is.
    expect(guardLine("    <div>, x")).toBe("    <div>, x");
    expect(guardLine("\t<span>")).toBe("\t<span>");
    expect(guardLine("<3 sales, x")).toBe("<3 sales, x");
    expect(guardLine("<span> sales, x")).toBe("<span> sales, x");
  });
});

describe("guardLine and $$", () => {
  it("every $$ gets a backslash, closed pairs too, read as the scanner reads backslashes", () => {
    expect(guardLine("costs $$ more")).toBe("costs \\$$ more");
    expect(guardLine("- [ ] $$x$$ (src)")).toBe("- [ ] \\$$x\\$$ (src)");
    expect(guardLine("Deal size: $$$")).toBe("Deal size: \\$\\$$");
    expect(guardLine("already \\$$ escaped")).toBe("already \\$$ escaped");
    expect(guardLine("a \\\\$$ b")).toBe("a \\\\\\$$ b");
    expect(guardLine("one $ dollar")).toBe("one $ dollar");
    // In inline code a `$$` is code: it closes no math, and a backslash there would show.
    expect(guardLine("Send the `$$` macro, costs $$")).toBe("Send the `$$` macro, costs \\$$");
  });

  it("what it writes holds no $$ the scanner could pair, and differs from the text only by backslashes it added", () => {
    const piece = fc.constantFrom("$", "$$", "\\", "x", " ", "`", "%%", "#");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const line = "w " + parts.join("");
        const g = guardLine(line);
        // A `$$` on a line above stays open through this one: nothing here may close it.
        const scan = scanMarkdown(`$$\n${g}\n`);
        expect(scan.openAtEnd).toBe(null);
        expect(scan.hidden.filter((h) => h.start === 0)).toEqual([]);
        expect(onlyBackslashesAdded(line, g)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("two texts whose lines on the page are the same have one dedup key (shownKey): the page shows them once", () => {
    const piece = fc.constantFrom("$", "$$", "\\", "\\$", "x", " ", "`", "%%", "#", "<!--", "~~~", "a b");
    const text = fc.array(piece, { maxLength: 8 }).map((ps) => "w" + ps.join(""));
    const src = " ([[Note]])";
    fc.assert(
      fc.property(text, text, fc.constantFrom("", "[ ] ", "❌ "), (a, b, prefix) => {
        const same = guardLine(`- ${prefix}${a}${src}`) === guardLine(`- ${prefix}${b}${src}`);
        if (same) expect(shownKey(a, prefix, src, true)).toBe(shownKey(b, prefix, src, true));
        // And it is the key the harvest gives a text the guard leaves alone.
        if (guardLine(`- ${prefix}${a}${src}`) === `- ${prefix}${a}${src}`) expect(shownKey(a, prefix, src, true)).toBe(normaliseForDedup(a));
      }),
      { numRuns: 3000 },
    );
    expect(shownKey("Pay the \\$$ fee", "[ ] ", src, true)).toBe(shownKey("Pay the $$ fee", "[ ] ", src, true));
    expect(shownKey("Fix \\#tag", "", src, true)).not.toBe(shownKey("Fix #tag", "", src, true));
  });
});

describe("taskKey: a task's key is what its Open Tasks line gives back", () => {
  it("for any text and source link, the line the page writes reads back to the task's key", () => {
    const piece = fc.constantFrom("$", "$$", "\\", "x", " ", "`", "``", "%%", "#", "<!--", "~~~", "[[", "]]", "a b", "-->", "|");
    const link = fc.constantFrom("Note", "a`b", "x$$y", "2025 Call");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), link, fc.option(fc.constantFrom("b1", "k2")), (parts, name, blockId) => {
        const item = { text: "w" + parts.join(""), selfLinks: [], blockId };
        const src = ` (${noteLink(name, `${name}.md`, blockId !== null ? `^${blockId}` : "")})`;
        // renderBodies' line for an open task, then findTicks' reading of it (checkbox and source link off).
        const line = guardLine(`- [ ] ${item.text}${src}`);
        const rest = line.slice(6);
        const at = rest.lastIndexOf(" (");
        expect(taskKey(item, name, `${name}.md`, true)).toBe(normaliseForDedup(rest.slice(0, at)));
      }),
      { numRuns: 3000 },
    );
  });
});

