// Lines written into a page are guarded (README: copied text never changes the page's structure);
// write-back compares a ticked line with the task guarded the same way (taskLineText).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanMarkdown } from "../../src/core/markdown";
import { guardLine } from "../../src/core/page";

/** Is `a` what is left of `b` with some of its backslashes taken out? */
function onlyBackslashesAdded(a: string, b: string): boolean {
  let i = 0;
  for (const c of b) {
    if (i < a.length && a[i] === c) i++;
    else if (c !== "\\") return false;
  }
  return i === a.length;
}

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
});
