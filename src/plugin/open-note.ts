// Opening a note the plugin lists (the panel, Show warnings).
import { Keymap, type App, type PaneType } from "obsidian";

/**
 * Opens the note at this path. By its path, not as link text: from a '#' in a note's name on, link
 * text names a heading or block (and a note would be made for what is left), and a case twin could
 * open the other.
 */
function openNote(app: App, path: string, newLeaf: PaneType | boolean): void {
  const file = app.vault.getFileByPath(path);
  if (file !== null) void app.workspace.getLeaf(newLeaf).openFile(file);
}

/**
 * Makes `a` open the note at `path` as a link does anywhere in Obsidian: a click in the same tab,
 * Mod-click or a middle click in a new tab, Mod+Alt in a split, Mod+Alt+Shift in a window.
 * `before` runs first (a modal closes itself).
 */
export function linkToNote(app: App, a: HTMLElement, path: string, before?: () => void): void {
  opensOnClick(a, (newLeaf) => {
    before?.();
    openNote(app, path, newLeaf);
  });
}

/**
 * Makes `a` follow a link as written in the note at `sourcePath` (`Note`, `Note#Heading`), as
 * Obsidian follows it from that note: the same clicks as linkToNote, and a note it finds none for
 * is made, as a click on an unresolved link makes it.
 */
export function linkToLinktext(app: App, a: HTMLElement, linktext: string, sourcePath: string): void {
  opensOnClick(a, (newLeaf) => void app.workspace.openLinkText(linktext, sourcePath, newLeaf));
}

/** Makes `a` call `open` on a click or a middle click (Mod held: a new tab), the browser's own default for it prevented. */
export function opensOnClick(a: HTMLElement, open: (newLeaf: PaneType | boolean) => void): void {
  const handler = (ev: MouseEvent): void => {
    ev.preventDefault();
    open(Keymap.isModEvent(ev));
  };
  a.addEventListener("click", handler);
  // A middle click is no click; the browser's own default for it would open the href elsewhere.
  a.addEventListener("auxclick", (ev) => {
    if (ev.button === 1) handler(ev);
  });
}
