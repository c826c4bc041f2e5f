// Changing an open page through the Editor API, on the changed lines only, so that the cursor,
// the selection, folds and anything typed elsewhere stay where they are.
import type { Editor, EditorChange } from "obsidian";
import { lineEdits } from "../core/diff";

export function editorChanges(editor: Editor, next: string): EditorChange[] {
  const current = editor.getValue();
  const edits = lineEdits(current, next);
  const last = editor.lastLine();
  const changes: EditorChange[] = [];
  for (const e of edits) {
    const text = e.lines.join("\n");
    if (e.lines.length === 0) {
      // Deleting whole lines takes their line breaks too.
      if (e.toLine <= last) changes.push({ from: { line: e.fromLine, ch: 0 }, to: { line: e.toLine, ch: 0 }, text: "" });
      else if (e.fromLine > 0) {
        changes.push({ from: { line: e.fromLine - 1, ch: editor.getLine(e.fromLine - 1).length }, to: { line: last, ch: editor.getLine(last).length }, text: "" });
      } else changes.push({ from: { line: 0, ch: 0 }, to: { line: last, ch: editor.getLine(last).length }, text: "" });
    } else if (e.toLine > e.fromLine) {
      // Replace whole lines: from the start of the first to the end of the last.
      const endLine = e.toLine - 1;
      changes.push({ from: { line: e.fromLine, ch: 0 }, to: { line: endLine, ch: editor.getLine(endLine).length }, text });
    } else if (e.fromLine <= last) {
      changes.push({ from: { line: e.fromLine, ch: 0 }, text: text + "\n" });
    } else {
      changes.push({ from: { line: last, ch: editor.getLine(last).length }, text: "\n" + text });
    }
  }
  return changes;
}

/** Applies `next` to the editor; false when it did not hold `expected`. */
export function applyToEditor(editor: Editor, expected: string, next: string): boolean {
  if (editor.getValue() !== expected) return false;
  const changes = editorChanges(editor, next);
  if (changes.length > 0) editor.transaction({ changes }, "customer-pages");
  return true;
}
