// Lines ending in a lone CR (`\r` not before `\n`), in the core: which texts have them, the note's
// warning in the index, a page's splice refused, and a generated line that never carries one (B40-C).
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { parseNote } from "../../src/core/note";
import { guardLine } from "../../src/core/page";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { splicePage } from "../../src/core/splice";
import { LONE_CR_PAGE_MESSAGE, loneCrEnds, loneCrNoteMessage } from "../../src/core/text";
import { VaultIndex } from "../../src/core/vault-index";

const TODAY = parseIsoDay("2025-11-01")!;

describe("loneCrEnds", () => {
  it("a CR not before an LF is a lone one: all lines so, some of them, or none", () => {
    expect(loneCrEnds("a\rb\r")).toBe("all");
    expect(loneCrEnds("one line\r")).toBe("all");
    expect(loneCrEnds("a\nb\rc\n")).toBe("some");
    expect(loneCrEnds("a\r\nb\rc\r\n")).toBe("some");
    // A CR right before the end, after CRLF lines.
    expect(loneCrEnds("a\r\nb\r")).toBe("some");
    expect(loneCrEnds("\r\r\n")).toBe("some");
  });

  it("LF, CRLF and no line break at all are none", () => {
    expect(loneCrEnds("")).toBeNull();
    expect(loneCrEnds("a\nb\n")).toBeNull();
    expect(loneCrEnds("a\r\nb\r\n")).toBeNull();
    expect(loneCrEnds("a\r\n\r\nb")).toBeNull();
    expect(loneCrEnds("no break")).toBeNull();
  });
});

describe("the index's warning on a note with lone CRs", () => {
  const files = {
    "Customers/Echo.md": "---\ntype: customer\n---\n# Echo\n",
    "Meetings/Mac.md": "Call with [[Echo]].\r\r- [ ] Task\r",
    "Meetings/Mixed.md": "Call with [[Echo]].\n\n- [ ] One\r- [ ] Two\n",
    "Meetings/Windows.md": "Call with [[Echo]].\r\n\r\n- [ ] Task\r\n",
  };
  const build = (f: Record<string, string>) => VaultIndex.build(Object.entries(f).map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);

  it("names each such note once, saying how it is read and how to fix it; a CRLF note has none", () => {
    expect(build(files).warnings()).toEqual([
      { file: "Meetings/Mac.md", message: loneCrNoteMessage("all") },
      { file: "Meetings/Mixed.md", message: loneCrNoteMessage("some") },
    ]);
    expect(loneCrNoteMessage("all")).toBe(
      "its lines end in a lone CR (classic Mac OS line ends), which Customer Pages does not read as line breaks: the note is read as one line and gives no items or tasks; convert its line ends to LF (or CRLF)",
    );
  });

  it("goes when the note is saved with LF, and comes when it is saved with lone CRs again (the plugin's index)", () => {
    const index = build(files);
    index.set("Meetings/Mac.md", "Call with [[Echo]].\n\n- [ ] Task\n");
    expect(index.warnings().map((w) => w.file)).toEqual(["Meetings/Mixed.md"]);
    index.set("Meetings/Windows.md", "Call with [[Echo]].\r\r- [ ] Task\r");
    expect(index.warnings().map((w) => w.file)).toEqual(["Meetings/Mixed.md", "Meetings/Windows.md"]);
  });

  it("a customer page is not named by the index: its own warning comes when it is regenerated", () => {
    const index = build({ ...files, "Customers/Echo.md": "---\ntype: customer\n---\n# Echo\rMine\n" });
    expect(index.warnings().map((w) => w.file)).toEqual(["Meetings/Mac.md", "Meetings/Mixed.md"]);
    const page = "---\ntype: customer\n---\n# Echo\rMine\n";
    const rendered = renderPage(index, "Customers/Echo.md", page, TODAY);
    expect(rendered.text).toBe(page);
    expect(rendered.warnings).toEqual([LONE_CR_PAGE_MESSAGE]);
  });

  it("the parsed note records it (the CLI's cache and workers carry it)", () => {
    expect(parseNote("a.md", "x\ry", DEFAULT_SETTINGS).note.loneCr).toBe("all");
    expect(parseNote("a.md", "x\r\ny", DEFAULT_SETTINGS).note.loneCr).toBeNull();
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

  it("and still escapes what the CR hid: a heading after it is no heading on one line, a `$$` is escaped", () => {
    expect(guardLine("- a\r## b")).toBe("- a ## b");
    expect(guardLine("- a\r$$ b")).toBe("- a \\$$ b");
  });
});
