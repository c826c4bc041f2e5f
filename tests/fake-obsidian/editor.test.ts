import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { EditorSelection as CMSelection, EditorState } from "@codemirror/state";
import type { Editor, EditorPosition } from "obsidian";
import { StringEditor } from "./editor";

function editor(text: string): Editor {
  return new StringEditor(text) as unknown as Editor;
}

const p = (line: number, ch: number): EditorPosition => ({ line, ch });

describe("positions and offsets", () => {
  it("converts both ways and clips like CodeMirror 5", () => {
    const e = editor("ab\ncde\n\nf");
    expect(e.lineCount()).toBe(4);
    expect(e.lastLine()).toBe(3);
    expect([0, 1, 2, 3].map((l) => e.getLine(l))).toEqual(["ab", "cde", "", "f"]);
    expect(e.posToOffset(p(1, 2))).toBe(5);
    expect(e.offsetToPos(5)).toEqual(p(1, 2));
    expect(e.offsetToPos(3)).toEqual(p(1, 0)); // right after "\n"
    expect(e.offsetToPos(2)).toEqual(p(0, 2)); // end of line, before "\n"
    expect(e.offsetToPos(7)).toEqual(p(2, 0));
    for (let o = 0; o <= 9; o++) expect(e.posToOffset(e.offsetToPos(o))).toBe(o);
    // Out of range positions are clipped, not wrapped into the next line.
    expect(e.posToOffset(p(0, 99))).toBe(2);
    expect(e.posToOffset(p(-1, 5))).toBe(0);
    expect(e.posToOffset(p(9, 0))).toBe(9);
    expect(e.posToOffset(p(1, -3))).toBe(3);
    expect(e.offsetToPos(-5)).toEqual(p(0, 0));
    expect(e.offsetToPos(99)).toEqual(p(3, 1));
    expect(() => e.getLine(4)).toThrow(RangeError);
  });

  it("reads ranges, lines and words", () => {
    const e = editor("hello world\nsecond line");
    expect(e.getRange(p(0, 6), p(1, 6))).toBe("world\nsecond");
    expect(e.getRange(p(1, 6), p(0, 6))).toBe("world\nsecond");
    expect(e.wordAt(p(0, 8))).toEqual({ from: p(0, 6), to: p(0, 11) });
    expect(e.wordAt(p(0, 5))).toEqual({ from: p(0, 0), to: p(0, 5) });
    e.setLine(1, "2nd");
    expect(e.getValue()).toBe("hello world\n2nd");
    e.setValue("x");
    expect(e.getValue()).toBe("x");
  });
});

describe("selections", () => {
  it("getCursor variants, getSelection, somethingSelected, setCursor(line, ch)", () => {
    const e = editor("abcdef\nghij");
    e.setSelection(p(1, 2), p(0, 1)); // backwards
    expect(e.getCursor()).toEqual(p(0, 1)); // head
    expect(e.getCursor("anchor")).toEqual(p(1, 2));
    expect(e.getCursor("from")).toEqual(p(0, 1));
    expect(e.getCursor("to")).toEqual(p(1, 2));
    expect(e.getSelection()).toBe("bcdef\ngh");
    expect(e.somethingSelected()).toBe(true);
    e.setCursor(1, 3);
    expect(e.listSelections()).toEqual([{ anchor: p(1, 3), head: p(1, 3) }]);
    expect(e.somethingSelected()).toBe(false);
    e.setCursor(p(0, 2));
    expect(e.getCursor()).toEqual(p(0, 2));
  });

  it("setSelections sorts and merges overlapping ranges, as CodeMirror does", () => {
    const e = editor("0123456789");
    e.setSelections([{ anchor: p(0, 6), head: p(0, 8) }, { anchor: p(0, 1), head: p(0, 3) }, { anchor: p(0, 2), head: p(0, 4) }], 1);
    expect(e.listSelections()).toEqual([
      { anchor: p(0, 1), head: p(0, 4) },
      { anchor: p(0, 6), head: p(0, 8) },
    ]);
  });

  it("focus, blur, hasFocus", () => {
    const e = editor("");
    expect(e.hasFocus()).toBe(false);
    e.focus();
    expect(e.hasFocus()).toBe(true);
    e.blur();
    expect(e.hasFocus()).toBe(false);
  });
});

describe("edits map the selection like CodeMirror 6", () => {
  it("a caret after the edit moves by the length change; before it stays", () => {
    const e = editor("Hello world");
    e.setCursor(p(0, 8));
    e.replaceRange("Big ", p(0, 6));
    expect(e.getValue()).toBe("Hello Big world");
    expect(e.getCursor()).toEqual(p(0, 12));
    e.setCursor(p(0, 2));
    e.replaceRange("", p(0, 6), p(0, 10));
    expect(e.getCursor()).toEqual(p(0, 2));
  });

  it("a caret exactly at an insertion point stays before the inserted text", () => {
    const e = editor("ab");
    e.setCursor(p(0, 1));
    e.replaceRange("XY", p(0, 1));
    expect(e.getValue()).toBe("aXYb");
    expect(e.getCursor()).toEqual(p(0, 1));
  });

  it("a caret inside a replaced range goes to the start of the replacement; one at its end follows the end", () => {
    const e = editor("0123456789");
    e.setCursor(p(0, 4));
    e.replaceRange("abc", p(0, 2), p(0, 7));
    expect(e.getValue()).toBe("01abc789");
    expect(e.getCursor()).toEqual(p(0, 2));
    e.setCursor(p(0, 5));
    e.replaceRange("Z", p(0, 2), p(0, 5));
    expect(e.getCursor()).toEqual(p(0, 3));
  });

  it("a selection around an edit grows with it; new lines shift the line numbers", () => {
    const e = editor("line one\nline two\nline three");
    e.setSelection(p(1, 0), p(2, 4));
    e.replaceRange("\ninserted", p(0, 8));
    expect(e.listSelections()).toEqual([{ anchor: p(2, 0), head: p(3, 4) }]);
    e.replaceRange("TWO", p(2, 5), p(2, 8));
    expect(e.getSelection()).toBe("line TWO\nline");
  });

  it("transaction applies several changes in the original coordinates, atomically", () => {
    const e = editor("a b c");
    let changes = 0;
    (e as unknown as StringEditor).onDocChanged = () => changes++;
    e.setCursor(p(0, 5));
    e.transaction({
      changes: [
        { from: p(0, 4), to: p(0, 5), text: "C" },
        { from: p(0, 0), to: p(0, 1), text: "AAA" },
      ],
    });
    expect(e.getValue()).toBe("AAA b C");
    expect(e.getCursor()).toEqual(p(0, 7));
    expect(changes).toBe(1);
  });

  it("transaction's selection is a position in the document after the changes", () => {
    const e = editor("one\ntwo");
    e.transaction({ changes: [{ from: p(0, 0), text: "zero\n" }], selection: { from: p(2, 1), to: p(2, 3) } });
    expect(e.getValue()).toBe("zero\none\ntwo");
    expect(e.getSelection()).toBe("wo");
  });

  it("replaceSelection replaces every selection and leaves carets after the inserted text", () => {
    const e = editor("aa bb cc");
    e.setSelections([{ anchor: p(0, 0), head: p(0, 2) }, { anchor: p(0, 6), head: p(0, 8) }]);
    e.replaceSelection("X");
    expect(e.getValue()).toBe("X bb X");
    expect(e.listSelections()).toEqual([
      { anchor: p(0, 1), head: p(0, 1) },
      { anchor: p(0, 6), head: p(0, 6) },
    ]);
    e.transaction({ replaceSelection: "!" });
    expect(e.getValue()).toBe("X! bb X!");
  });

  it("undo and redo restore text and selection", () => {
    const e = editor("abc");
    e.setCursor(p(0, 3));
    e.replaceSelection("d");
    e.undo();
    expect(e.getValue()).toBe("abc");
    expect(e.getCursor()).toEqual(p(0, 3));
    e.redo();
    expect(e.getValue()).toBe("abcd");
  });

  it("exec runs the basic commands", () => {
    const e = editor("first\nsecond\nthird");
    e.setCursor(p(1, 2));
    e.exec("swapLineUp");
    expect(e.getValue()).toBe("second\nfirst\nthird");
    expect(e.getCursor()).toEqual(p(0, 2));
    e.exec("deleteLine");
    expect(e.getValue()).toBe("first\nthird");
    e.exec("goEnd");
    expect(e.getCursor()).toEqual(p(1, 5));
    e.exec("goStart");
    expect(e.getCursor()).toEqual(p(0, 0));
  });

  it("agrees with @codemirror/state on random edits and selections", () => {
    const doc = fc.string({ unit: fc.constantFrom("a", "b", "\n", " "), maxLength: 30 });
    fc.assert(
      fc.property(
        doc,
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.string({ unit: fc.constantFrom("x", "\n"), maxLength: 4 })), { maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }),
        (text, rawChanges, rawRanges) => {
          const len = text.length;
          // Non-overlapping changes in document order, as CodeMirror accepts them in one spec.
          const points = rawChanges.flatMap(([a, b]) => [a % (len + 1), b % (len + 1)]).sort((x, y) => x - y);
          const changes: { from: number; to: number; insert: string }[] = [];
          for (let i = 0; i + 1 < points.length; i += 2) {
            const from = points[i] as number;
            const to = points[i + 1] as number;
            if (changes.length && from < (changes[changes.length - 1] as { to: number }).to) continue;
            changes.push({ from, to, insert: rawChanges[i / 2]?.[2] ?? "" });
          }
          const ranges = rawRanges.map(([a, h]) => ({ anchor: a % (len + 1), head: h % (len + 1) }));

          const state = EditorState.create({
            doc: text,
            selection: CMSelection.create(ranges.map((r) => CMSelection.range(r.anchor, r.head))),
            extensions: EditorState.allowMultipleSelections.of(true),
          });
          const cm = state.update({ changes }).state;

          const e = new StringEditor(text);
          e.setSelections(ranges.map((r) => ({ anchor: e.offsetToPos(r.anchor), head: e.offsetToPos(r.head) })));
          e.transaction({
            changes: changes.map((c) => ({ from: e.offsetToPos(c.from), to: e.offsetToPos(c.to), text: c.insert })),
          });
          expect(e.getValue()).toBe(cm.doc.toString());
          const ours = e.listSelections().map((s) => [e.posToOffset(s.anchor), e.posToOffset(s.head)]);
          expect(ours).toEqual(cm.selection.ranges.map((r) => [r.anchor, r.head]));
        },
      ),
      { numRuns: 300 },
    );
  });
});
