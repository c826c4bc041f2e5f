// The "Show warnings" modal: the warnings grouped by file, each file a link that opens the note.
import { Modal, type App } from "obsidian";
import { linkToNote } from "./open-note";
import type { WarningsModel } from "./warnings-model";

export class WarningsModal extends Modal {
  constructor(
    app: App,
    private model: WarningsModel,
    private readonly onClosed: (modal: WarningsModal) => void = () => undefined,
  ) {
    super(app);
  }

  override onOpen(): void {
    this.draw();
  }

  /** The warnings changed while the list is open (a round ended, the settings changed): shown anew, where the reader had scrolled to. */
  update(model: WarningsModel): void {
    this.model = model;
    const top = this.modalEl.scrollTop;
    this.contentEl.empty();
    this.draw();
    this.modalEl.scrollTop = top;
  }

  private draw(): void {
    const { model } = this;
    this.setTitle(model.total === 0 ? "Customer pages: warnings" : `Customer pages: ${model.total} warning${model.total === 1 ? "" : "s"}`);
    const root = this.contentEl.createDiv({ cls: "customer-pages-warnings" });
    if (model.total === 0) {
      root.createDiv({ cls: "cp-empty", text: "No warnings." });
      return;
    }
    for (const g of model.groups) {
      const group = root.createDiv({ cls: "cp-warning-group" });
      const head = group.createDiv({ cls: "cp-warning-file" });
      if (g.path === null) head.setText(g.label);
      else {
        const path = g.path;
        const a = head.createEl("a", { text: g.label, cls: "internal-link", href: path });
        a.dataset.href = path;
        linkToNote(this.app, a, path, () => this.close());
      }
      const ul = group.createEl("ul", { cls: "cp-warning-list" });
      for (const m of g.messages) ul.createEl("li", { text: m });
    }
    if (model.hidden > 0) root.createDiv({ cls: "cp-warning-more", text: `and ${model.hidden} more` });
  }

  override onClose(): void {
    this.contentEl.empty();
    this.onClosed(this);
  }
}
