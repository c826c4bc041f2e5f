// The DOM helpers' types (createEl, empty, setText, ...) are declared globally by Obsidian's own
// typings, which the fake implements; this brings them in even when nothing imports "obsidian".
/// <reference types="obsidian" />
import { Window as HappyWindow } from "happy-dom";
import { installDomHelpers, installGlobalFunctions, setDocumentSource, type AnyWindow } from "./dom-helpers";

export { createDiv, createEl, createFragment, createSpan, createSvg, installDomHelpers } from "./dom-helpers";

// Obsidian augments the DOM (createEl, empty, setText, addClass, ...) and plugins depend on it.
// Under `@vitest-environment happy-dom` the helpers go onto the global DOM. In the plain node
// environment there is no global DOM, so the fake keeps a private happy-dom window for the
// elements it must create itself (views, settings, notices, ribbon icons); nothing is installed
// on `globalThis` then except the `createEl` family, which plugins call as globals.

let privateWindow: AnyWindow | null = null;

export function hasGlobalDom(): boolean {
  return typeof globalThis.document !== "undefined" && typeof globalThis.HTMLElement !== "undefined";
}

/** The window whose document the fake creates elements in. */
export function domWindow(): AnyWindow {
  if (hasGlobalDom()) {
    const win = globalThis as unknown as AnyWindow;
    installDomHelpers(win);
    return win;
  }
  if (!privateWindow) {
    privateWindow = new HappyWindow({ url: "app://obsidian.md/index.html" }) as unknown as AnyWindow;
    installDomHelpers(privateWindow);
  }
  return privateWindow;
}

export function activeDoc(): Document {
  return domWindow().document;
}

setDocumentSource(activeDoc);

/**
 * Installs the helpers now if a global DOM exists. Without one only the `createEl` family becomes
 * global; they create the private window on first use, so importing stays cheap and safe.
 */
export function installIfDomPresent(): void {
  if (hasGlobalDom()) domWindow();
  else installGlobalFunctions(null);
}
