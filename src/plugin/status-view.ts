// The account-status panel in the right sidebar.
import { ItemView, type WorkspaceLeaf } from "obsidian";
import { todayFromClock } from "../core/dates";
import type CustomerPagesPlugin from "./main";
import { openNote } from "./open-note";
import { panelModel } from "./panel-model";
import { renderPanel } from "./panel-render";

export const STATUS_VIEW = "customer-pages-status";

export class StatusView extends ItemView {
  constructor(
    leaf: WorkspaceLeaf,
    private readonly plugin: CustomerPagesPlugin,
  ) {
    super(leaf);
  }

  override getViewType(): string {
    return STATUS_VIEW;
  }

  override getDisplayText(): string {
    return "Account status";
  }

  override getIcon(): string {
    return "briefcase";
  }

  override async onOpen(): Promise<void> {
    this.registerEvent(this.app.workspace.on("active-leaf-change", () => this.refresh()));
    // Following a link in the same tab opens another file in the same leaf.
    this.registerEvent(this.app.workspace.on("file-open", () => this.refresh()));
    // A change no customer's page depends on changes nothing here either: typing elsewhere leaves the panel be.
    this.registerEvent(
      this.plugin.indexer.onEvent("changed", (affected) => {
        if (affected.size > 0) this.refresh();
      }),
    );
    this.registerEvent(this.plugin.indexer.onEvent("ready", () => this.refresh()));
    this.refresh();
    await Promise.resolve();
  }

  override async onClose(): Promise<void> {
    this.contentEl.empty();
    await Promise.resolve();
  }

  refresh(): void {
    const active = this.app.workspace.getActiveFile();
    const model = panelModel(this.plugin.indexer.ready, active?.path ?? null, todayFromClock(), this.plugin.settings.staleDays);
    // Drawn afresh, where the reader had scrolled to.
    const top = this.contentEl.scrollTop;
    renderPanel(this.contentEl, model, {
      open: (path, newLeaf) => openNote(this.app, path, newLeaf),
      regenerate: (path) => void this.plugin.regeneratePages([path], true),
    });
    // At the bottom, while there are any: how many warnings, opening "Show warnings".
    const n = this.plugin.warningCount();
    if (n !== null && n > 0) {
      const footer = this.contentEl.createDiv({ cls: "customer-pages-panel-warnings" });
      const a = footer.createEl("a", { text: `${n} warning${n === 1 ? "" : "s"}`, href: "#" });
      a.addEventListener("click", (ev) => {
        ev.preventDefault();
        void this.plugin.showWarnings();
      });
    }
    this.contentEl.scrollTop = top;
  }
}
