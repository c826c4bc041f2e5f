// The panel's renderer in a plain browser page: Obsidian's DOM helpers installed on the page's own
// DOM, then renderPanel from the plugin, exactly as the app runs it.
import type { PanelModel } from "../../src/plugin/panel-model";
import { renderPanel } from "../../src/plugin/panel-render";
import { installDomHelpers, setDocumentSource, type AnyWindow } from "../fake-obsidian/dom-helpers";

interface PanelWindow {
  renderModel(model: PanelModel): void;
  opened: string[];
  regenerated: string[];
}

setDocumentSource(() => document);
installDomHelpers(window as unknown as AnyWindow);
const w = window as unknown as PanelWindow;
w.opened = [];
w.regenerated = [];
w.renderModel = (model) => {
  renderPanel(document.getElementById("panel")!, model, {
    link: (a, path) =>
      a.addEventListener("click", (ev) => {
        ev.preventDefault();
        w.opened.push(path);
      }),
    statusLink: (a, linktext) =>
      a.addEventListener("click", (ev) => {
        ev.preventDefault();
        w.opened.push(linktext);
      }),
    regenerate: (path) => w.regenerated.push(path),
  });
};
