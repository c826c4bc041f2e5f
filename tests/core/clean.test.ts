// §7 Cleaning of summaries and the cut at 100 code points.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanMarkdown, cutSummary } from "../../src/core/clean";

describe("cleanMarkdown (§7 Cleaning)", () => {
  it.each([
    ["a link shows its target", "Met [[Maya Lin]] today", "Met Maya Lin today"],
    ["a link shows its shown text", "Met [[Maya Lin|Maya]] today", "Met Maya today"],
    ["a heading link", "See [[Plan#Budget]]", "See Plan > Budget"],
    ["a block link", "See [[Plan#^b1]]", "See Plan > ^b1"],
    ["a self heading link", "See [[#Budget]]", "See Budget"],
    ["an escaped pipe in a link", "See [[Plan\\|the plan]]", "See the plan"],
    ["a wiki embed is dropped", "Diagram ![[arch.png]] here", "Diagram here"],
    ["a note embed is dropped", "![[Other note]] Text", "Text"],
    ["an image is dropped", "Look ![alt text](img/a.png) here", "Look here"],
    ["a markdown link shows its text", "Read [the docs](https://example.com/x) now", "Read the docs now"],
    ["a markdown note link shows its text", "Read [plan](Plan.md) now", "Read plan now"],
    ["code keeps its text without backticks", "Run `npm test` now", "Run npm test now"],
    ["double-backtick code", "Use ``a ` b`` ok", "Use a ` b ok"],
    ["code keeps markup inside it", "Literal `**not bold**` text", "Literal **not bold** text"],
    ["strong with **", "A **bold** move", "A bold move"],
    ["strong with __", "A __bold__ move", "A bold move"],
    ["emphasis with *", "An *important* point", "An important point"],
    ["emphasis with _", "An _important_ point", "An important point"],
    ["strong emphasis", "***very*** much", "very much"],
    ["strike", "Was ~~wrong~~ right", "Was wrong right"],
    ["highlight", "A ==key== point", "A key point"],
    ["HTML tags", "A <b>bold</b> and <span class=\"x\">span</span><br/> end", "A bold and span end"],
    ["a <br> is a space", "Line one<br>line two<br/>three<BR />four", "Line one line two three four"],
    ["no tag by CommonMark's grammar: kept", "Latency <p99 at Acme is 2s> today", "Latency <p99 at Acme is 2s> today"],
    ["a tag with unquoted and single-quoted attributes", "x <a href=https://x.io title='t'>link</a> y", "x link y"],
    ["whitespace collapses", "  a \t b\n\nc  ", "a b c"],
    ["intraword underscores are not emphasis", "use snake_case_names here", "use snake_case_names here"],
    ["a lone asterisk is kept", "2 * 3 * 4", "2 * 3 * 4"],
    ["links inside emphasis", "**[[Maya Lin|Maya]]** said", "Maya said"],
    // An escaped character is text: kept, and kept escaped (on the page the bare one could be markup).
    ["escaped asterisks are no emphasis", "price is 5\\*3\\* units", "price is 5\\*3\\* units"],
    ["escaped underscores are no emphasis", "my\\_file\\_name.txt and \\_\\_init\\_\\_", "my\\_file\\_name.txt and \\_\\_init\\_\\_"],
    ["escaped strike and highlight markers", "said \\~~not strike\\~~ and \\==not hl\\==", "said \\~~not strike\\~~ and \\==not hl\\=="],
    ["an escaped tag stays no tag", "Fix \\#urgent now", "Fix \\#urgent now"],
    ["an escaped HTML tag is text", "a \\<div\\> tag", "a \\<div\\> tag"],
    ["an escaped wikilink stays no link", "see \\[[not a link]]", "see \\[[not a link]]"],
    ["an escaped image is no image", "\\![alt](a.png) here", "\\!alt here"],
    ["emphasis around an escaped marker", "*a \\* b* c", "a \\* b c"],
  ])("%s", (_name, input, expected) => {
    expect(cleanMarkdown(input)).toBe(expected);
  });
});

describe("cleanMarkdown and footnotes", () => {
  it("a reference to one of the note's footnotes goes (on the page it would open the page's own)", () => {
    const labels = new Set(["1", "note"]);
    expect(cleanMarkdown("Soylent call.[^1] Next[^note] step", labels)).toBe("Soylent call. Next step");
    // Not a label the note defines: text (`[^a-z]` in a regex), nor an escaped one.
    expect(cleanMarkdown("Use the regex [^a-z] to filter", labels)).toBe("Use the regex [^a-z] to filter");
    expect(cleanMarkdown("a \\[^1] b", labels)).toBe("a \\[^1] b");
    expect(cleanMarkdown("Soylent call.[^1]")).toBe("Soylent call.[^1]");
  });
});

describe("cutSummary (§7: 100 code points)", () => {
  const a = (n: number) => "a".repeat(n);

  it("keeps a summary of at most 100 code points", () => {
    expect(cutSummary(a(100))).toBe(a(100));
    expect(cutSummary("short")).toBe("short");
    expect(cutSummary(`${a(50)} ${a(49)}`)).toBe(`${a(50)} ${a(49)}`);
  });

  it("cuts at the last whitespace at or before 100 code points and adds ...", () => {
    expect(cutSummary(`${a(95)} ${"b".repeat(10)}`)).toBe(`${a(95)}...`);
    expect(cutSummary(`${a(40)} ${a(40)} ${a(40)}`)).toBe(`${a(40)} ${a(40)}...`);
  });

  it("a whitespace right after the 100th code point is at the boundary: the first 100 are kept", () => {
    expect(cutSummary(`${a(100)} bbb`)).toBe(`${a(100)}...`);
  });

  it("does not cut mid-word (the seed's `sched...`)", () => {
    const s = "Task list for coordinating with OpenAI on storage API requirements, global KV store needs, and scheduling of the next meeting";
    const out = cutSummary(s);
    expect(out).toBe("Task list for coordinating with OpenAI on storage API requirements, global KV store needs, and...");
  });

  it("cuts hard at 100 when there is no whitespace at or before it", () => {
    expect(cutSummary(`${a(101)} b`)).toBe(`${a(100)}...`);
    expect(cutSummary(a(150))).toBe(`${a(100)}...`);
  });

  it("trims trailing , ; : - – — and whitespace before ...", () => {
    expect(cutSummary(`${a(90)} bcdefgh, ${"z".repeat(20)}`)).toBe(`${a(90)} bcdefgh...`);
    expect(cutSummary(`${a(90)} b — ${"c".repeat(20)}`)).toBe(`${a(90)} b...`);
    expect(cutSummary(`${a(90)} b – ${"c".repeat(20)}`)).toBe(`${a(90)} b...`);
    expect(cutSummary(`${a(90)} b - ${"c".repeat(20)}`)).toBe(`${a(90)} b...`);
    expect(cutSummary(`${a(90)} bcdef; ${"c".repeat(20)}`)).toBe(`${a(90)} bcdef...`);
    expect(cutSummary(`${a(90)} bcdef: ${"c".repeat(20)}`)).toBe(`${a(90)} bcdef...`);
    expect(cutSummary(`${a(90)} bc,;:- ${"c".repeat(20)}`)).toBe(`${a(90)} bc...`);
  });

  it("keeps other trailing punctuation", () => {
    expect(cutSummary(`${a(90)} bcdef. ${"c".repeat(20)}`)).toBe(`${a(90)} bcdef....`);
    expect(cutSummary(`${a(90)} (bcd) ${"c".repeat(20)}`)).toBe(`${a(90)} (bcd)...`);
  });

  it("counts astral characters (emoji) as one code point", () => {
    const e = "😀";
    // 100 emoji are 200 UTF-16 code units but 100 code points: not cut.
    expect(cutSummary(e.repeat(100))).toBe(e.repeat(100));
    // 60 emoji + space + 45 letters = 106 code points: cut at the space after the emoji.
    expect(cutSummary(`${e.repeat(60)} ${a(45)}`)).toBe(`${e.repeat(60)}...`);
    // A hard cut never splits a surrogate pair.
    expect(cutSummary(e.repeat(101))).toBe(`${e.repeat(100)}...`);
    // 98 emoji + space + "bb" + space + ... : the second space is at code point 101 (index 101) — beyond 100.
    expect(cutSummary(`${e.repeat(98)} bb ${a(5)}`)).toBe(`${e.repeat(98)}...`);
  });

  it("counts a combining mark as a code point of its own", () => {
    // "é" written as e + U+0301 is two code points.
    const s = `${"e\u0301".repeat(50)} x`;
    expect([...s].length).toBe(102);
    expect(cutSummary(s)).toBe(`${"e\u0301".repeat(50)}...`);
  });
});

describe("cutSummary against the rule as written (property)", () => {
  /** §7, word for word: cut at the last whitespace at or before 100 code points (hard cut if none), trim `,;:-–—` and whitespace, add `...`. */
  function reference(s: string): string {
    const cps = Array.from(s);
    if (cps.length <= 100) return s;
    let cut = -1;
    for (let i = 100; i >= 0; i--) {
      if (/\s/u.test(cps[i]!)) {
        cut = i;
        break;
      }
    }
    const kept = (cut > 0 ? cps.slice(0, cut) : cps.slice(0, 100)).join("");
    let end = kept.length;
    while (end > 0 && /[,;:\-–—\s]/u.test(kept[end - 1]!)) end--;
    return kept.slice(0, end) + "...";
  }

  it("agrees on cleaned summaries (single spaces, trimmed) with ASCII, astral and punctuation", () => {
    const ch = fc.constantFrom("a", "b", "Z", "9", ",", ";", ":", "-", "–", "—", ".", "é", "😀", "𝒜", "日", "\u0301");
    const word = fc.string({ unit: ch, minLength: 1, maxLength: 30 });
    const summary = fc.array(word, { minLength: 1, maxLength: 20 }).map((ws) => ws.join(" "));
    fc.assert(
      fc.property(summary, (s) => {
        expect(cutSummary(s)).toBe(reference(s));
      }),
      { numRuns: 5000 },
    );
  });
});
