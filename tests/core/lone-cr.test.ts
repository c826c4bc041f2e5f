// Lines ending in a lone CR (`\r` not before `\n`), in the core: which texts have them, a note read
// with them as line breaks (B41-D), a page's splice refused, and a generated line that never carries
// one (B40-C).
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { parseNote } from "../../src/core/note";
import { guardLine } from "../../src/core/page";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { splicePage } from "../../src/core/splice";
import { crAsLf, hasLoneCr, LONE_CR_PAGE_MESSAGE } from "../../src/core/text";
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

  it("a customer page with lone CRs is not named by the index: its own warning comes when it is regenerated", () => {
    const page = "---\ntype: customer\n---\n# Echo\rMine\n";
    const index = build({ ...files, "Customers/Echo.md": page });
    expect(index.warnings()).toEqual([]);
    const rendered = renderPage(index, "Customers/Echo.md", page, TODAY);
    expect(rendered.text).toBe(page);
    expect(rendered.warnings).toEqual([LONE_CR_PAGE_MESSAGE]);
  });
});

describe("splicePage on a page with lone CRs", () => {
  it("gives the page back as it is, with the warning, whatever the bodies", () => {
    for (const page of ["# Acme\r\r## Key Facts\r\r- old\r", "---\ntype: customer\n---\n## Key Facts\n\n- old\r## Mine\n\nKeep me.\n", "# Acme\n\nText\r"]) {
      expect(splicePage(page, { keyFacts: ["- new"], recentContext: ["- r"] }, DEFAULT_SETTINGS, "2025-10-30")).toEqual({ text: page, warnings: [LONE_CR_PAGE_MESSAGE] });
    }
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
