// Lines written into a page are guarded (README: copied text never changes the page's structure);
// write-back reads them back with unguard.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanMarkdown } from "../../src/core/markdown";
import { guardLine, unguard } from "../../src/core/page";

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

  it("what it writes holds no $$ the scanner could pair, and unguard gives the text back", () => {
    const piece = fc.constantFrom("$", "$$", "\\", "x", " ", "`", "%%", "#");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const line = "w " + parts.join("");
        const g = guardLine(line);
        // A `$$` on a line above stays open through this one: nothing here may close it.
        const scan = scanMarkdown(`$$\n${g}\n`);
        expect(scan.openAtEnd).toBe(null);
        expect(scan.hidden.filter((h) => h.start === 0)).toEqual([]);
        expect(unguard(g)).toBe(unguard(line));
      }),
      { numRuns: 3000 },
    );
  });
});
