// Shared string helpers: line endings (§1), names, de-duplication keys (§6), table cells (§7).
import { describe, expect, it } from "vitest";
import { basenameOf, compareCodeUnits, detectEol, escapeCell, folderOf, foldCase, normaliseForDedup, stripMd } from "../../src/core/text";

describe("text helpers", () => {
  it("detectEol: the first line break decides; LF when there is none", () => {
    expect(detectEol("a\r\nb\nc")).toBe("\r\n");
    expect(detectEol("a\nb\r\nc")).toBe("\n");
    expect(detectEol("abc")).toBe("\n");
    expect(detectEol("\r\n")).toBe("\r\n");
  });

  it("detectEol: a lone CR is a line break too (Obsidian's editor splits at it), and decides when it comes first", () => {
    expect(detectEol("a\rb\nc")).toBe("\r");
    expect(detectEol("abc\r")).toBe("\r");
    // The first CR of `\r\r\n` ends an empty line of its own (CodeMirror's `\r\n?|\n`).
    expect(detectEol("a\r\r\nb")).toBe("\r");
    expect(detectEol("a\nb\rc")).toBe("\n");
    expect(detectEol("a\r\nb\rc")).toBe("\r\n");
  });

  it("normaliseForDedup: NFC, lower case, whitespace collapsed, trimmed, trailing . ; : and spaces removed", () => {
    expect(normaliseForDedup("  Budget   Approved.  ")).toBe("budget approved");
    expect(normaliseForDedup("Budget approved;: .")).toBe("budget approved");
    expect(normaliseForDedup("Cafe\u0301 OK")).toBe(normaliseForDedup("Café ok"));
    expect(normaliseForDedup("Ends with!")).toBe("ends with!");
    expect(normaliseForDedup("a\tb\nc")).toBe("a b c");
  });

  it("escapeCell: | becomes \\|, a line break a space", () => {
    expect(escapeCell("a | b")).toBe("a \\| b");
    expect(escapeCell("a\nb\r\nc")).toBe("a b c");
  });

  it("names and paths", () => {
    expect(basenameOf("Meetings/2025-10-22 - Kickoff.md")).toBe("2025-10-22 - Kickoff");
    expect(basenameOf("Top.md")).toBe("Top");
    expect(folderOf("a/b/c.md")).toBe("a/b");
    expect(folderOf("c.md")).toBe("");
    expect(stripMd("a/b.md")).toBe("a/b");
    expect(foldCase("ÄBC")).toBe("äbc");
  });

  it("compareCodeUnits is not a locale compare", () => {
    expect(["b", "a", "B", "á", "_"].sort(compareCodeUnits)).toEqual(["B", "_", "a", "b", "á"]);
  });
});
