// Lines ending in a lone CR (`\r` not before `\n`), in the core: which texts have them, a note read
// with them as line breaks (B41-D), a page spliced with them as line breaks, each of its lines kept
// with its own line end (B42-D; B40-C refused it), and a generated line that never carries one (B40-C).
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { parseNote } from "../../src/core/note";
import { guardLine } from "../../src/core/page";
import { regenerate } from "../../src/core/regenerate";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { setFrontmatterKey, splicePage } from "../../src/core/splice";
import { crAsLf, hasLoneCr } from "../../src/core/text";
import { VaultIndex } from "../../src/core/vault-index";

const TODAY = parseIsoDay("2025-11-01")!;

describe("hasLoneCr", () => {
  it("a CR not before an LF is a lone one: all lines so, some of them", () => {
    for (const t of ["a\rb\r", "one line\r", "a\nb\rc\n", "a\r\nb\rc\r\n", "a\r\nb\r", "\r\r\n", "\nCall\r- [ ] Task\r"]) expect(hasLoneCr(t)).toBe(true);
  });

  it("LF, CRLF and no line break at all are none", () => {
    for (const t of ["", "a\nb\n", "a\r\nb\r\n", "a\r\n\r\nb", "no break"]) expect(hasLoneCr(t)).toBe(false);
  });
});

describe("crAsLf", () => {
  it("makes each lone CR a LF and leaves CRLF and LF, so every offset stays the text's", () => {
    expect(crAsLf("a\rb\r")).toBe("a\nb\n");
    expect(crAsLf("a\r\nb\rc\n")).toBe("a\r\nb\nc\n");
    // The first CR of \r\r\n is a line of its own to CodeMirror (`\r\n?|\n`): an empty line.
    expect(crAsLf("a\r\r\nb")).toBe("a\n\r\nb");
    const plain = "a\nb\r\n";
    expect(crAsLf(plain)).toBe(plain);
  });
});

describe("a note with lone CRs is read as Obsidian shows it (line breaks)", () => {
  const files = {
    "Customers/Echo.md": "---\ntype: customer\n---\n# Echo\n",
    "Meetings/2025-10-20 Mac.md": "---\rdate: 2025-10-20\r---\rCall with [[Echo]].\r\r## Key Facts\r\r- Fact one\r- [ ] Task\r",
    "Meetings/2025-10-21 Mixed.md": "Call with [[Echo]].\n\n- [ ] One\r- [ ] Two\n",
    "Meetings/2025-10-22 Windows.md": "Call with [[Echo]].\r\n\r\n- [ ] Three\r\n",
  };
  const build = (f: Record<string, string>) => VaultIndex.build(Object.entries(f).map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);

  it("its frontmatter, summary, facts and tasks are found; each task's offset is its box in the text as it is", () => {
    const path = "Meetings/2025-10-20 Mac.md";
    const text = files[path];
    const note = parseNote(path, text, DEFAULT_SETTINGS).note;
    expect(note.fm.map.get("date")).toBe("2025-10-20");
    expect(note.summary).toBe("Call with Echo.");
    expect(note.items.map((i) => [i.section, i.text])).toEqual([
      ["keyFacts", "Fact one"],
      ["openTasks", "Task"],
    ]);
    const task = note.items[1]!;
    expect(text.slice(task.taskOffset - 1, task.taskOffset + 2)).toBe("[ ]");
    const mixed = parseNote("Meetings/2025-10-21 Mixed.md", files["Meetings/2025-10-21 Mixed.md"], DEFAULT_SETTINGS).note;
    expect(mixed.items.map((i) => i.text)).toEqual(["One", "Two"]);
  });

  it("no warning names them, and the page shows their tasks as it shows a CRLF note's", () => {
    const index = build(files);
    expect(index.warnings()).toEqual([]);
    const page = files["Customers/Echo.md"];
    const open = renderPage(index, "Customers/Echo.md", page, TODAY).text.split("## Open Tasks\n\n")[1]!.split("\n\n")[0];
    expect(open).toBe(
      [
        "- [ ] Three ([[2025-10-22 Windows]])",
        "- [ ] One ([[2025-10-21 Mixed]])",
        "- [ ] Two ([[2025-10-21 Mixed]])",
        "- [ ] Task ([[2025-10-20 Mac]])",
      ].join("\n"),
    );
  });

  it("a customer page with lone CRs: no warning from the index, and it is regenerated, its lines as they were (B42-D)", () => {
    // Before: given back as it was, with "not regenerated: some of its lines end in a lone CR …".
    const page = "---\ntype: customer\n---\n# Echo\rMine\n";
    const index = build({ ...files, "Customers/Echo.md": page });
    expect(index.warnings()).toEqual([]);
    const rendered = renderPage(index, "Customers/Echo.md", page, TODAY);
    expect(rendered.warnings).toEqual([]);
    // The user's two lines, each with its own line end, then the sections, LF as the first line.
    expect(rendered.text.startsWith("---\ntype: customer\nlast_contact: 2025-10-22\n---\n# Echo\rMine\n\n## Recent Context\n\n")).toBe(true);
  });
});

describe("splicePage on a page with lone CRs (B42-D): read as Obsidian shows it, every line kept byte for byte", () => {
  const BODIES = { keyFacts: ["- new"], recentContext: ["- r"] };
  const splice = (page: string) => splicePage(page, BODIES, DEFAULT_SETTINGS, "2025-10-30");

  it.each([
    [
      // Before: no frontmatter found, so a second one added above it, and every section again.
      "classic Mac OS: every line ends in a CR, and so does every line written",
      "---\rtype: customer\r---\r# Echo\r\rMy own notes.\r\r## Key Facts\r\r- old fact\r\r## Mine\r\rKeep me.\r",
      "---\rtype: customer\rlast_contact: 2025-10-30\r---\r# Echo\r\rMy own notes.\r\r## Recent Context\r\r- r\r\r## Key Facts\r\r- new\r\r## Mine\r\rKeep me.\r",
    ],
    [
      // Before: `## Mine` hidden behind the CR, the body replaced up to the end: two lines lost.
      "a lone CR ending a managed body: the heading after it ends the body, as Obsidian shows it",
      "---\ntype: customer\n---\n# Echo\n\n## Key Facts\n\n- old fact\r## Mine\n\nKeep me.\n",
      "---\ntype: customer\nlast_contact: 2025-10-30\n---\n# Echo\n\n## Recent Context\n\n- r\n\n## Key Facts\n\n- new\n\n## Mine\n\nKeep me.\n",
    ],
    [
      // LF by the first line; a blank line written right below a line ending in a lone CR is a CR
      // (a LF there would make the two one CRLF line break): the user's lines keep theirs.
      "a mix: the user's lines keep their lone CRs; a blank line written below one is a CR",
      "---\ntype: customer\n---\n# Acme\rText\r## Key Facts\r- old\r",
      "---\ntype: customer\nlast_contact: 2025-10-30\n---\n# Acme\rText\r\r## Recent Context\n\n- r\n\n## Key Facts\r\r- new\n",
    ],
    [
      // B40-F's case: a CRLF page cut short after a CR. Its last line is the user's and keeps it.
      "CRLF with a last line ending in a lone CR: CRLF written, the last line as it is",
      "# Acme\r\n\r\n## Key Facts\r\n\r\n- old\r\n\r\n## Mine\r\n\r\nKeep me.\r",
      "---\r\nlast_contact: 2025-10-30\r\n---\r\n# Acme\r\n\r\n## Recent Context\r\n\r\n- r\r\n\r\n## Key Facts\r\n\r\n- new\r\n\r\n## Mine\r\n\r\nKeep me.\r",
    ],
    [
      // The other case of B40-F: `\r\r\n`, a CRLF file converted again. To Obsidian each line is
      // followed by an empty one; the first line break, a lone CR, decides. The blank lines at the
      // end of a section before one inserted, and of the page, go as on any page (one is written).
      "every line ending \\r\\r\\n: each an empty line after it; the first line break, a lone CR, decides",
      "# Acme\r\r\n## Key Facts\r\r\n- old\r\r\n## Mine\r\r\nKeep me.\r\r\n",
      "---\rlast_contact: 2025-10-30\r---\r# Acme\r\r## Recent Context\r\r- r\r\r## Key Facts\r\r- new\r\r## Mine\r\r\nKeep me.\r",
    ],
    [
      // Nothing below the frontmatter, whose closing line ends in a lone CR on an LF page: the blank
      // line written first is below that line, so it is a CR too, or `---\r` + LF would be one CRLF
      // line break (B43-C: no test had the frontmatter as the line above).
      "an LF page whose frontmatter closes with a lone CR, nothing below it: the first blank line a CR",
      "---\ntype: customer\r---\r",
      "---\ntype: customer\rlast_contact: 2025-10-30\n---\r\r## Recent Context\n\n- r\n\n## Key Facts\n\n- new\n",
    ],
  ])("%s", (_name, page, want) => {
    const once = splice(page);
    expect(once).toEqual({ text: want, warnings: [] });
    // The next run finds the same sections and writes the same bytes.
    expect(splice(once.text).text).toBe(want);
  });

  it("an all-CR page is spliced as the same page in LF would be, each LF a CR", () => {
    const lf = "---\ntype: customer # mine\nlast_contact: 2020-01-01 # old\n---\nIntro\n\n## Key Facts\n\n- a\n\n> [!note] Call\n> quoted\n\n## Open Tasks\n\n- [ ] t\n";
    const cr = lf.replaceAll("\n", "\r");
    expect(splice(cr).text).toBe(splice(lf).text.replaceAll("\n", "\r"));
  });

  it("last_contact in a frontmatter whose lines end in lone CRs: its own line set, the others and their CRs kept", () => {
    // Before: the frontmatter was one line to the key's pattern, and a second key added after it.
    expect(setFrontmatterKey("a: 1\rlast_contact: x # old\r", "last_contact", "2025-10-30", "\r")).toBe("a: 1\rlast_contact: 2025-10-30 # old\r");
    expect(setFrontmatterKey("a: 1\r", "last_contact", "2025-10-30", "\r")).toBe("a: 1\rlast_contact: 2025-10-30\r");
    expect(setFrontmatterKey("a: 1\r", "last_contact", "2025-10-30", "\n")).toBe("a: 1\rlast_contact: 2025-10-30\n");
    expect(setFrontmatterKey("~ # empty\r", "last_contact", "2025-10-30", "\r")).toBe("last_contact: 2025-10-30 # empty\r");
    expect(setFrontmatterKey("last_contact:\r  - x\r  # c\r  - y\rb: 2\r", "last_contact", "2025-10-30", "\r")).toBe("last_contact: 2025-10-30\r  # c\rb: 2\r");
    expect(setFrontmatterKey("{a: 1,\rlast_contact: x}\r", "last_contact", "2025-10-30", "\r")).toBe("{a: 1,\rlast_contact: 2025-10-30}\r");
  });

  it("last_contact in a lone-CR frontmatter that is a `!!null` alone, or a flow mapping below a comment line (B43-C)", () => {
    // The key takes the null's place, the line's own CR kept (the page's line end is not asked).
    expect(setFrontmatterKey("!!null # empty\r", "last_contact", "2025-10-30", "\n")).toBe("last_contact: 2025-10-30 # empty\r");
    // A flow mapping after a comment line (or a blank one) ending in a lone CR: the key added inside it.
    expect(setFrontmatterKey("# flow\r{a: 1}\r", "last_contact", "2025-10-30", "\r")).toBe("# flow\r{a: 1, last_contact: 2025-10-30}\r");
    expect(setFrontmatterKey("\r{a: 1}\r", "last_contact", "2025-10-30", "\r")).toBe("\r{a: 1, last_contact: 2025-10-30}\r");
  });

  it("a tick whose note cannot be written stays ticked on a classic Mac page, on its line, the page in CRs", async () => {
    // keepTicks finds the page's Open Tasks lines as findSections does (a lone CR ends one).
    const call = "Meetings/2025-07-01 - Echo call.md";
    const note = "Call with [[Echo]].\n\n- [ ] Task one\n- [ ] Task two\n";
    const src = " ([[2025-07-01 - Echo call]])";
    const cr = (...ls: string[]): string => ls.join("\r") + "\r";
    const page = cr("---", "type: customer", "---", "# Echo", "", "## Open Tasks", "", `- [x] Task one${src}`, `- [ ] Task two${src}`);
    const files = new Map([
      ["Customers/Echo.md", page],
      [call, note],
    ]);
    const index = VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
    const report = await regenerate(
      index,
      ["Customers/Echo.md"],
      {
        read: async (p) => files.get(p) ?? null,
        write: async (p, expected, next) => {
          if (p === call) throw new Error("EACCES: permission denied");
          if (files.get(p) !== expected) return false;
          files.set(p, next);
          return true;
        },
      },
      { today: TODAY, write: true },
    );
    expect(files.get(call)).toBe(note);
    expect(report.warnings.map((w) => w.file)).toContain(call);
    expect(files.get("Customers/Echo.md")).toBe(
      cr(
        "---", "type: customer", "last_contact: 2025-07-01", "---", "# Echo", "",
        "## Recent Context", "", "- 2025-07-01: [[2025-07-01 - Echo call]] - Call with Echo.", "",
        "## Open Tasks", "", `- [x] Task one${src}`, `- [ ] Task two${src}`, "",
        "## Account Status", "", "| Field | Value |", "|-------|-------|", "| **Last contact** | 2025-07-01 |",
      ),
    );
  });

  it("a CRLF page is spliced as ever", () => {
    const page = "# Acme\r\n\r\n## Key Facts\r\n\r\n- old\r\n";
    expect(splicePage(page, { keyFacts: ["- new"] }, DEFAULT_SETTINGS, "2025-10-30")).toEqual({
      text: "---\r\nlast_contact: 2025-10-30\r\n---\r\n# Acme\r\n\r\n## Key Facts\r\n\r\n- new\r\n",
      warnings: [],
    });
  });
});

describe("guardLine", () => {
  it("writes a lone CR in a generated line, with the spaces and tabs around it, as one space", () => {
    expect(guardLine("- Fact one\r- Fact two ([[Call]])")).toBe("- Fact one - Fact two ([[Call]])");
    expect(guardLine("- a \t\r  b\r\rc")).toBe("- a b c");
  });

  it("leaves the line's other spaces and tabs as they are: only a run holding a CR is one space (B41-A)", () => {
    expect(guardLine("- a  b\tc\rd  e")).toBe("- a  b\tc d  e");
    expect(guardLine("-  x \r\t y  ")).toBe("-  x y  ");
  });

  it("and still escapes what the CR hid: a heading after it is no heading on one line, a `$$` is escaped", () => {
    expect(guardLine("- a\r## b")).toBe("- a ## b");
    expect(guardLine("- a\r$$ b")).toBe("- a \\$$ b");
  });
});
