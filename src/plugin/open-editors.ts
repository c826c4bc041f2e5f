// The editors that hold a note (the refresher writes through them, the panel reads typed frontmatter).
import { MarkdownView, type App, type Editor } from "obsidian";

/** The editors that hold the note: its tabs, and the focused editor when it is outside the tabs. */
export function openEditors(app: App, path: string): Editor[] {
  return editorsByPath(app).get(path) ?? [];
}

/**
 * Every open note's editors, by path, in openEditors' order: one walk over the tabs for a caller
 * that asks for many notes (the panel's list of every customer).
 */
export function editorsByPath(app: App): Map<string, Editor[]> {
  const out = new Map<string, Editor[]>();
  const add = (path: string, editor: Editor): void => {
    const list = out.get(path);
    if (list === undefined) out.set(path, [editor]);
    else if (!list.includes(editor)) list.push(editor);
  };
  for (const leaf of app.workspace.getLeavesOfType("markdown")) {
    // A deferred leaf has no MarkdownView yet: its file is written through the vault.
    const file = leaf.view instanceof MarkdownView ? leaf.view.file : null;
    if (file) add(file.path, (leaf.view as MarkdownView).editor);
  }
  // A hover popover or a canvas card is no tab: Obsidian offers only the last focused one
  // (activeEditor), and it is used only while it has focus: a closed popover's editor may still
  // be named there, and writing into it would write nothing to disk.
  const active = app.workspace.activeEditor;
  const editor = active?.editor;
  if (editor !== undefined && active?.file && editor.hasFocus()) add(active.file.path, editor);
  return out;
}
