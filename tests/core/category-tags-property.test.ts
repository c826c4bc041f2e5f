// §6's category tags, read where Obsidian's metadata cache records a tag (B43-B): a tag written
// after white space does what it did before whatever else the item holds — it selects its
// category, it and one space go, and the rest of the text is the text the heading alone would give.
// And text holding no `#` is read for no tag at all.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { harvestItems } from "../../src/core/items";
import { scanMarkdown } from "../../src/core/markdown";
import { maskHidden } from "../../src/core/ranges";
import { readTags } from "../../src/core/status-parts";

const RUNS = { numRuns: 1500 };

const pairs = (text: string): Array<[string, string]> => {
  const scan = scanMarkdown(text);
  return harvestItems(text, maskHidden(text, scan.hidden), scan).map((i) => [i.section, i.text]);
};

// Markdown an item's line may hold, without `#`. Without `^` (a block id would no longer end the
// line once a tag follows it), `%` and `!` (an unclosed `%%` or `<!--` hides the rest of the note,
// the tag with it), and line breaks.
const PIECES = ["a", "b", " ", "  ", "*", "**", "_", "__", "==", "~~", "`", "``", "[", "]", "(", ")", "[[", "]]", "|", "<", ">", "<b>", "\\", "$", "$$", ".", ",", "'", '"', "✅ ", "&amp;", "http://a.b", "x@y.co", "[a](b)", "[[N|a]]"];
const line = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((xs) => xs.join(""));

describe("category tags after white space, whatever the item holds (B43-B)", () => {
  it("`x … #fact` and `#fact x …` are the fact `x …` a Key Facts heading gives", () => {
    fc.assert(
      fc.property(line, (t) => {
        const x = `x ${t}`;
        const asHeading = pairs(`## Key Facts\n- ${x}\n`);
        expect(pairs(`## Notes\n- ${x} #fact\n`)).toEqual(asHeading);
        expect(pairs(`## Notes\n- #fact ${x}\n`)).toEqual(asHeading);
        expect(pairs(`## Key Facts\n- ${x} #blocker\n`)).toEqual(asHeading.map(([, s]) => ["blockers", s]));
      }),
      RUNS,
    );
  });

  it("text holding no `#` holds no tag, and selects no category", () => {
    fc.assert(
      fc.property(fc.oneof(line, fc.string().map((s) => s.replace(/#/g, ""))), (t) => {
        expect(readTags(t)).toEqual([]);
        expect(pairs(`## Notes\n- ${t.replace(/[\r\n]/g, " ")}\n`).filter(([s]) => s !== "openTasks")).toEqual([]);
      }),
      RUNS,
    );
  });
});
