import type { App } from "./app";
import { activeDoc, createDiv } from "./dom";
import type { Editor, EditorPosition } from "./editor";
import type { TFile } from "./files";
import { Scope } from "./keymap";
import { type FuzzyMatch, prepareFuzzySearch, renderResults } from "./search";
import { scheduler } from "./scheduler";

export interface CloseableComponent {
  close(): void;
}

export interface Instruction {
  command: string;
  purpose: string;
}

/** Modals currently open, oldest first, so tests can find and drive them. */
export const openModals: Modal[] = [];

export class Modal implements CloseableComponent {
  app: App;
  scope: Scope;
  containerEl: HTMLElement;
  modalEl: HTMLElement;
  titleEl: HTMLElement;
  contentEl: HTMLElement;
  shouldRestoreSelection = true;
  /** @internal */ isOpen = false;

  constructor(app: App) {
    this.app = app;
    this.scope = new Scope(app.scope);
    this.containerEl = createDiv({ cls: "modal-container mod-dim" });
    this.containerEl.createDiv({ cls: "modal-bg" });
    this.modalEl = this.containerEl.createDiv({ cls: "modal" });
    this.modalEl.createDiv({ cls: "modal-close-button" }).addEventListener("click", () => this.close());
    this.titleEl = this.modalEl.createDiv({ cls: "modal-title" });
    this.contentEl = this.modalEl.createDiv({ cls: "modal-content" });
  }

  open(): void {
    if (this.isOpen) return;
    this.isOpen = true;
    activeDoc().body?.appendChild(this.containerEl);
    this.app.keymap.pushScope(this.scope);
    openModals.push(this);
    const result = this.onOpen() as unknown;
    if (result instanceof Promise) scheduler.track(result);
  }

  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.app.keymap.popScope(this.scope);
    const i = openModals.indexOf(this);
    if (i !== -1) openModals.splice(i, 1);
    this.containerEl.detach();
    const result = this.onClose() as unknown;
    if (result instanceof Promise) scheduler.track(result);
  }

  onOpen(): void {}

  onClose(): void {}

  setTitle(title: string): this {
    this.titleEl.setText(title);
    return this;
  }

  setContent(content: string | DocumentFragment): this {
    this.contentEl.setText(content);
    return this;
  }
}

export interface ISuggestOwner<T> {
  renderSuggestion(value: T, el: HTMLElement): void;
  selectSuggestion(value: T, evt: MouseEvent | KeyboardEvent): void;
}

export abstract class SuggestModal<T> extends Modal implements ISuggestOwner<T> {
  limit = 100;
  emptyStateText = "No results found.";
  inputEl: HTMLInputElement;
  resultContainerEl: HTMLElement;
  /** @internal What is shown now, in order. */ shownSuggestions: T[] = [];
  private instructionsEl: HTMLElement;

  constructor(app: App) {
    super(app);
    this.modalEl.addClass("prompt");
    this.inputEl = this.modalEl.createEl("input", { cls: "prompt-input", type: "text" });
    this.resultContainerEl = this.modalEl.createDiv({ cls: "prompt-results" });
    this.instructionsEl = this.modalEl.createDiv({ cls: "prompt-instructions" });
    this.inputEl.addEventListener("input", () => void this.updateSuggestions());
  }

  setPlaceholder(placeholder: string): void {
    this.inputEl.setAttribute("placeholder", placeholder);
  }

  setInstructions(instructions: Instruction[]): void {
    this.instructionsEl.empty();
    for (const i of instructions) {
      const el = this.instructionsEl.createDiv({ cls: "prompt-instruction" });
      el.createSpan({ cls: "prompt-instruction-command", text: i.command });
      el.createSpan({ text: i.purpose });
    }
  }

  override onOpen(): void {
    void this.updateSuggestions();
  }

  onNoSuggestion(): void {
    this.resultContainerEl.empty();
    this.resultContainerEl.createDiv({ cls: "suggestion-empty", text: this.emptyStateText });
  }

  selectSuggestion(value: T, evt: MouseEvent | KeyboardEvent): void {
    this.close();
    this.onChooseSuggestion(value, evt);
  }

  selectActiveSuggestion(evt: MouseEvent | KeyboardEvent): void {
    const first = this.shownSuggestions[0];
    if (first !== undefined) this.selectSuggestion(first, evt);
  }

  /** @internal Re-runs the query in the input box, as typing does. */
  async updateSuggestions(): Promise<void> {
    const items = await this.getSuggestions(this.inputEl.value);
    this.shownSuggestions = items.slice(0, this.limit > 0 ? this.limit : undefined);
    this.resultContainerEl.empty();
    if (this.shownSuggestions.length === 0) {
      this.onNoSuggestion();
      return;
    }
    for (const item of this.shownSuggestions) {
      const el = this.resultContainerEl.createDiv({ cls: "suggestion-item" });
      this.renderSuggestion(item, el);
      el.addEventListener("click", (evt) => this.selectSuggestion(item, evt as MouseEvent));
    }
  }

  abstract getSuggestions(query: string): T[] | Promise<T[]>;
  abstract renderSuggestion(value: T, el: HTMLElement): void;
  abstract onChooseSuggestion(item: T, evt: MouseEvent | KeyboardEvent): void;
}

export abstract class FuzzySuggestModal<T> extends SuggestModal<FuzzyMatch<T>> {
  getSuggestions(query: string): FuzzyMatch<T>[] {
    const search = prepareFuzzySearch(query);
    const out: FuzzyMatch<T>[] = [];
    for (const item of this.getItems()) {
      const match = search(this.getItemText(item));
      if (match) out.push({ item, match });
    }
    return query ? out.sort((a, b) => b.match.score - a.match.score) : out;
  }

  renderSuggestion(item: FuzzyMatch<T>, el: HTMLElement): void {
    renderResults(el, this.getItemText(item.item), item.match);
  }

  onChooseSuggestion(item: FuzzyMatch<T>, evt: MouseEvent | KeyboardEvent): void {
    this.onChooseItem(item.item, evt);
  }

  abstract getItems(): T[];
  abstract getItemText(item: T): string;
  abstract onChooseItem(item: T, evt: MouseEvent | KeyboardEvent): void;
}

export abstract class PopoverSuggest<T> implements ISuggestOwner<T>, CloseableComponent {
  app: App;
  scope: Scope;
  /** @internal */ isOpen = false;

  constructor(app: App, scope?: Scope) {
    this.app = app;
    this.scope = scope ?? new Scope();
  }

  open(): void {
    this.isOpen = true;
  }

  close(): void {
    this.isOpen = false;
  }

  abstract renderSuggestion(value: T, el: HTMLElement): void;
  abstract selectSuggestion(value: T, evt: MouseEvent | KeyboardEvent): void;
}

export abstract class AbstractInputSuggest<T> extends PopoverSuggest<T> {
  limit = 100;
  /** @internal */ textInputEl: HTMLInputElement | HTMLDivElement;
  private selectCallback: ((value: T, evt: MouseEvent | KeyboardEvent) => unknown) | null = null;

  constructor(app: App, textInputEl: HTMLInputElement | HTMLDivElement) {
    super(app);
    this.textInputEl = textInputEl;
  }

  setValue(value: string): void {
    if ("value" in this.textInputEl) this.textInputEl.value = value;
    else this.textInputEl.textContent = value;
  }

  getValue(): string {
    return "value" in this.textInputEl ? this.textInputEl.value : (this.textInputEl.textContent ?? "");
  }

  protected abstract getSuggestions(query: string): T[] | Promise<T[]>;

  selectSuggestion(value: T, evt: MouseEvent | KeyboardEvent): void {
    this.selectCallback?.(value, evt);
  }

  onSelect(callback: (value: T, evt: MouseEvent | KeyboardEvent) => unknown): this {
    this.selectCallback = callback;
    return this;
  }
}

export interface EditorSuggestTriggerInfo {
  start: EditorPosition;
  end: EditorPosition;
  query: string;
}

export interface EditorSuggestContext extends EditorSuggestTriggerInfo {
  editor: Editor;
  file: TFile;
}

export abstract class EditorSuggest<T> extends PopoverSuggest<T> {
  context: EditorSuggestContext | null = null;
  limit = 100;
  /** @internal */ instructions: Instruction[] = [];

  constructor(app: App) {
    super(app);
  }

  setInstructions(instructions: Instruction[]): void {
    this.instructions = instructions;
  }

  abstract onTrigger(cursor: EditorPosition, editor: Editor, file: TFile | null): EditorSuggestTriggerInfo | null;
  abstract getSuggestions(context: EditorSuggestContext): T[] | Promise<T[]>;
}
