// The editors that hold a note (the refresher writes through them, the panel reads typed frontmatter).
import { MarkdownView, type App, type Editor } from "obsidian";

/** The editors that hold the note: its tabs, and the focused editor when it is outside the tabs. */
export function openEditors(app: App, path: string): Editor[] {
  const out: Editor[] = [];
  for (const leaf of app.workspace.getLeavesOfType("markdown")) {
    // A deferred leaf has no MarkdownView yet: its file is written through the vault.
    if (leaf.view instanceof MarkdownView && leaf.view.file?.path === path) out.push(leaf.view.editor);
  }
  // A hover popover or a canvas card is no tab: Obsidian offers only the last focused one
  // (activeEditor), and it is used only while it has focus: a closed popover's editor may still
  // be named there, and writing into it would write nothing to disk.
  const active = app.workspace.activeEditor;
  const editor = active?.editor;
  if (editor !== undefined && active?.file?.path === path && editor.hasFocus() && !out.includes(editor)) out.push(editor);
  return out;
}
