// @vitest-environment happy-dom
// Editor changes computed from two texts turn the first into the second, whatever the texts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyToEditor, editorChanges } from "../../src/plugin/editor-apply";
import { crmVault, startPlugin } from "./setup";

describe("editor changes", () => {
  it("turn any text into any other through the editor", async () => {
    const { h } = await startPlugin({ ...crmVault(), "Notes/scratch.md": "" }, { refreshOnSave: false });
    const view = await h.openFile("Notes/scratch.md");
    const editor = view.editor;
    const line = fc.constantFrom("", "a", "b", "## Key Facts", "- [ ] task", "x y");
    const text = fc.array(line, { maxLength: 8 }).map((ls) => ls.join("\n"));
    fc.assert(
      fc.property(text, text, (a, b) => {
        editor.setValue(a);
        expect(applyToEditor(editor, a, b)).toBe(true);
        expect(editor.getValue()).toBe(b);
      }),
      { numRuns: 500 },
    );
  });

  it("touches only the lines that differ", async () => {
    const { h } = await startPlugin(crmVault(), { refreshOnSave: false });
    const view = await h.openFile("Customers/Acme.md");
    const editor = view.editor;
    editor.setValue("one\ntwo\nthree\nfour");
    const changes = editorChanges(editor, "one\nTWO\nthree\nfour\nfive");
    expect(changes).toEqual([
      { from: { line: 1, ch: 0 }, to: { line: 1, ch: 3 }, text: "TWO" },
      { from: { line: 3, ch: 4 }, text: "\nfive" },
    ]);
    expect(applyToEditor(editor, "something else", "x")).toBe(false);
    expect(editor.getValue()).toBe("one\ntwo\nthree\nfour");
  });
});
