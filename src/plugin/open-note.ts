// Opening a note the plugin lists (the panel, Show warnings).
import type { App } from "obsidian";

/**
 * Opens the note at this path. By its path, not as link text: a '#' or '^' in a note's name would be
 * read as a heading or block (and a note made for what is left), and a case twin could open the other.
 */
export function openNote(app: App, path: string, newLeaf: boolean): void {
  const file = app.vault.getFileByPath(path);
  if (file !== null) void app.workspace.getLeaf(newLeaf).openFile(file);
}
