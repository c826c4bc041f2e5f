import type { App } from "./app";
import { Component, FAKE_INTERNAL } from "./component";
import { labeledDebounce } from "./debounce";
import { createDiv } from "./dom";
import { type Editor, StringEditor } from "./editor";
import { TFile } from "./files";
import type { Scope } from "./keymap";
import type { Menu } from "./menu";
import type { WorkspaceLeaf } from "./workspace";
import { setIcon } from "./icons";

export type IconName = string;

export interface ViewState {
  type: string;
  state?: Record<string, unknown>;
  active?: boolean;
  pinned?: boolean;
  group?: WorkspaceLeaf;
}

export interface ViewStateResult {
  history: boolean;
}

export type ViewCreator = (leaf: WorkspaceLeaf) => View;

export interface HoverParent {
  hoverPopover: unknown | null;
}

export interface MarkdownFileInfo extends HoverParent {
  app: App;
  get file(): TFile | null;
  editor?: Editor;
}

export abstract class View extends Component {
  app: App;
  icon: IconName = "";
  navigation = false;
  leaf: WorkspaceLeaf;
  containerEl: HTMLElement;
  scope: Scope | null = null;

  constructor(leaf: WorkspaceLeaf) {
    super();
    this.leaf = leaf;
    this.app = leaf.app;
    this.containerEl = createDiv({ cls: "workspace-leaf-content" });
  }

  protected async onOpen(): Promise<void> {}

  protected async onClose(): Promise<void> {}

  abstract getViewType(): string;

  getState(): Record<string, unknown> {
    return {};
  }

  async setState(_state: unknown, _result: ViewStateResult): Promise<void> {}

  getEphemeralState(): Record<string, unknown> {
    return {};
  }

  setEphemeralState(_state: unknown): void {}

  getIcon(): IconName {
    return this.icon;
  }

  onResize(): void {}

  abstract getDisplayText(): string;

  onPaneMenu(_menu: Menu, _source: "more-options" | "tab-header" | string): void {}

  /** @internal How a leaf shows a view: attach, load (onload), then `onOpen`. */
  async open(parentEl: HTMLElement): Promise<void> {
    this.containerEl.setAttr("data-type", this.getViewType());
    parentEl.appendChild(this.containerEl);
    this.load();
    await this.onOpen();
  }

  /** @internal How a leaf lets go of a view: `onClose`, then unload, then detach. */
  async close(): Promise<void> {
    await this.onClose();
    this.unload();
    this.containerEl.detach();
  }
}

export abstract class ItemView extends View {
  contentEl: HTMLElement;
  /** @internal */ headerEl: HTMLElement;
  /** @internal */ actionsEl: HTMLElement;

  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
    // As in Obsidian: containerEl.children[0] is the header, children[1] the content.
    this.headerEl = this.containerEl.createDiv({ cls: "view-header" });
    this.actionsEl = this.headerEl.createDiv({ cls: "view-actions" });
    this.contentEl = this.containerEl.createDiv({ cls: "view-content" });
  }

  addAction(icon: IconName, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
    const el = this.actionsEl.createEl("a", { cls: "clickable-icon view-action", attr: { "aria-label": title } });
    setIcon(el, icon);
    el.addEventListener("click", (evt) => callback(evt as MouseEvent));
    return el;
  }
}

export abstract class FileView extends ItemView {
  allowNoFile = false;
  file: TFile | null = null;
  override navigation = true;

  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
  }

  getDisplayText(): string {
    return this.file ? this.file.basename : "No file";
  }

  override onload(): void {}

  override getState(): Record<string, unknown> {
    return { file: this.file ? this.file.path : null };
  }

  override async setState(state: unknown, _result: ViewStateResult): Promise<void> {
    const path = (state as { file?: unknown } | null)?.file;
    if (typeof path !== "string") return;
    const file = this.app.vault.getAbstractFileByPath(path);
    if (file instanceof TFile) await this.loadFile(file);
  }

  /** @internal Switches the view to another file: unload the old one, load the new one. */
  async loadFile(file: TFile): Promise<void> {
    if (this.file === file) return;
    if (this.file) await this.onUnloadFile(this.file);
    this.file = file;
    await this.onLoadFile(file);
  }

  async onLoadFile(_file: TFile): Promise<void> {}

  async onUnloadFile(_file: TFile): Promise<void> {}

  async onRename(_file: TFile): Promise<void> {}

  canAcceptExtension(_extension: string): boolean {
    return false;
  }

  override async close(): Promise<void> {
    if (this.file) {
      const file = this.file;
      await this.onUnloadFile(file);
    }
    await super.close();
  }
}

export abstract class EditableFileView extends FileView {}

/**
 * Text shown in a view and saved back to the file. Saving happens when the view asks for it
 * (`requestSave`, debounced 2 s) or when the file is closed, as in Obsidian.
 */
export abstract class TextFileView extends EditableFileView {
  data = "";
  requestSave: () => void;
  /** @internal True while the view holds edits the file does not have yet. */
  dirty = false;

  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
    this.requestSave = labeledDebounce(
      () => {
        void this.save();
      },
      2000,
      false,
      "view: requestSave",
    );
  }

  override async onUnloadFile(_file: TFile): Promise<void> {
    await this.save();
    this.clear();
  }

  override async onLoadFile(file: TFile): Promise<void> {
    const data = await this.app.vault.read(file);
    this.data = data;
    this.dirty = false;
    this.setViewData(data, true);
  }

  /** Writes the view's text to the file if it differs from what is on disk. */
  async save(clear?: boolean): Promise<void> {
    const file = this.file;
    if (!file || file.deleted) return;
    const data = this.getViewData();
    this.data = data;
    this.dirty = false;
    const adapter = this.app.vault.adapter;
    if (adapter.hasFile(file.path) && adapter.readSync(file.path) !== data) {
      await Promise.resolve();
      adapter.writeSync(file.path, data, "view.save");
    }
    if (clear) this.clear();
  }

  /**
   * @internal The file changed under the view. A view without unsaved edits shows the new text;
   * one with unsaved edits keeps them, and its next save overwrites the outside change.
   */
  async onFileModified(): Promise<void> {
    const file = this.file;
    if (!file || file.deleted) return;
    await Promise.resolve();
    const disk = this.app.vault.adapter.readSync(file.path);
    if (disk === this.getViewData() || this.dirty) return;
    this.data = disk;
    this.setViewData(disk, false);
  }

  abstract getViewData(): string;
  abstract setViewData(data: string, clear: boolean): void;
  abstract clear(): void;
}

export interface MarkdownSubView {
  getScroll(): number;
  applyScroll(scroll: number): void;
  get(): string;
  set(data: string, clear: boolean): void;
}

export type MarkdownViewModeType = "source" | "preview";

export class MarkdownView extends TextFileView implements MarkdownFileInfo {
  editor: Editor;
  previewMode: MarkdownPreviewView;
  currentMode: MarkdownSubView;
  hoverPopover: null = null;
  private mode: MarkdownViewModeType = "source";
  private sourceMode: MarkdownSubView;

  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
    const editor = new StringEditor();
    editor.onDocChanged = () => this.onEditorChanged();
    this.editor = editor;
    this.contentEl.addClass("markdown-source-view");
    this.sourceMode = {
      getScroll: () => 0,
      applyScroll: () => undefined,
      get: () => editor.getValue(),
      set: (data, clear) => editor.loadText(data, clear),
    };
    this.previewMode = new MarkdownPreviewView(this);
    this.currentMode = this.sourceMode;
    (this as unknown as Record<symbol, boolean>)[FAKE_INTERNAL] = true;
  }

  getViewType(): string {
    return "markdown";
  }

  getMode(): MarkdownViewModeType {
    return this.mode;
  }

  getViewData(): string {
    return this.editor.getValue();
  }

  clear(): void {
    (this.editor as StringEditor).loadText("", true);
  }

  setViewData(data: string, clear: boolean): void {
    (this.editor as StringEditor).loadText(data, clear);
    if (!clear) this.app.workspace.trigger("editor-change", this.editor, this);
  }

  showSearch(_replace?: boolean): void {}

  override getState(): Record<string, unknown> {
    return { ...super.getState(), mode: this.mode, source: false };
  }

  override async setState(state: unknown, result: ViewStateResult): Promise<void> {
    const mode = (state as { mode?: unknown } | null)?.mode;
    if (mode === "source" || mode === "preview") {
      this.mode = mode;
      this.currentMode = mode === "source" ? this.sourceMode : this.previewMode;
    }
    await super.setState(state, result);
  }

  private onEditorChanged(): void {
    this.dirty = true;
    this.requestSave();
    if (this.file) this.app.workspace.trigger("quick-preview", this.file, this.editor.getValue());
    this.app.workspace.trigger("editor-change", this.editor, this);
  }
}

/** The view of a new, empty tab. */
export class EmptyView extends ItemView {
  override navigation = true;

  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
    (this as unknown as Record<symbol, boolean>)[FAKE_INTERNAL] = true;
  }

  getViewType(): string {
    return "empty";
  }

  getDisplayText(): string {
    return "New tab";
  }
}

/**
 * What a background tab holds since Obsidian 1.7.2 until it is shown: the state of the view it
 * will become. It reports that view's type, which is why `getLeavesOfType` finds deferred leaves
 * and why plugins must check `leaf.view instanceof MyView` before using the view.
 */
export class DeferredView extends View {
  /** @internal */ state: ViewState;
  /** @internal */ eState: unknown;

  constructor(leaf: WorkspaceLeaf, state: ViewState, eState?: unknown) {
    super(leaf);
    this.state = state;
    this.eState = eState;
    (this as unknown as Record<symbol, boolean>)[FAKE_INTERNAL] = true;
  }

  getViewType(): string {
    return this.state.type;
  }

  getDisplayText(): string {
    const file = this.state.state?.file;
    return typeof file === "string" ? (file.split("/").pop() ?? file).replace(/\.md$/, "") : this.state.type;
  }

  override getState(): Record<string, unknown> {
    return { ...(this.state.state ?? {}) };
  }
}

export class MarkdownRenderChild extends Component {
  containerEl: HTMLElement;

  constructor(containerEl: HTMLElement) {
    super();
    this.containerEl = containerEl;
  }
}

export interface MarkdownPostProcessorContext {
  docId: string;
  sourcePath: string;
  frontmatter: unknown | null | undefined;
  addChild(child: MarkdownRenderChild): void;
  getSectionInfo(el: HTMLElement): { text: string; lineStart: number; lineEnd: number } | null;
}

export interface MarkdownPostProcessor {
  (el: HTMLElement, ctx: MarkdownPostProcessorContext): Promise<unknown> | void;
  sortOrder?: number;
}

type CodeBlockHandler = (source: string, el: HTMLElement, ctx: MarkdownPostProcessorContext) => Promise<unknown> | void;

/** Post processors registered through plugins, applied by `MarkdownRenderer.render`. */
export const postProcessors: MarkdownPostProcessor[] = [];
export const codeBlockProcessors = new Map<string, CodeBlockHandler>();

export class MarkdownPreviewRenderer {
  static registerPostProcessor(postProcessor: MarkdownPostProcessor, sortOrder?: number): void {
    if (sortOrder !== undefined) postProcessor.sortOrder = sortOrder;
    postProcessors.push(postProcessor);
  }

  static unregisterPostProcessor(postProcessor: MarkdownPostProcessor): void {
    const i = postProcessors.indexOf(postProcessor);
    if (i !== -1) postProcessors.splice(i, 1);
  }

  static createCodeBlockPostProcessor(
    language: string,
    handler: CodeBlockHandler,
  ): (el: HTMLElement, ctx: MarkdownPostProcessorContext) => void {
    return (el, ctx) => {
      for (const code of Array.from(el.querySelectorAll(`pre > code.language-${language}`))) {
        const pre = code.parentElement as HTMLElement;
        const div = createDiv({ cls: `block-language-${language}` });
        pre.replaceWith(div);
        void handler(code.textContent ?? "", div, ctx);
      }
    };
  }
}

function renderInline(parent: HTMLElement, text: string): void {
  const re = /\[\[([^\]|]+)(?:\|([^\]]+))?\]\]|`([^`]+)`/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    if (at > last) parent.appendText(text.slice(last, at));
    if (m[1] !== undefined) {
      parent.createEl("a", { cls: "internal-link", text: m[2] ?? m[1], attr: { "data-href": m[1], href: m[1] } });
    } else {
      parent.createEl("code", { text: m[3] ?? "" });
    }
    last = at + m[0].length;
  }
  if (last < text.length) parent.appendText(text.slice(last));
}

/** Just enough Markdown for plugin-rendered text to be inspectable: headings, lists, code, paragraphs, links. */
function renderBlocks(el: HTMLElement, markdown: string): void {
  const lines = markdown.split("\n");
  let list: HTMLElement | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const fence = /^```(\S*)/.exec(line);
    if (fence) {
      const body: string[] = [];
      for (i++; i < lines.length && !(lines[i] as string).startsWith("```"); i++) body.push(lines[i] as string);
      const pre = el.createEl("pre");
      pre.createEl("code", { cls: fence[1] ? `language-${fence[1]}` : [], text: body.join("\n") });
      list = null;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[(.)\]\s+)?(.*)$/.exec(line);
    if (heading) {
      renderInline(el.createEl(`h${(heading[1] as string).length}` as "h1"), heading[2] ?? "");
      list = null;
    } else if (item) {
      list ??= el.createEl("ul");
      const li = list.createEl("li");
      if (item[1] !== undefined) {
        li.addClass("task-list-item");
        li.setAttr("data-task", item[1]);
      }
      renderInline(li, item[2] ?? "");
    } else if (line.trim() === "") {
      list = null;
    } else {
      renderInline(el.createEl("p"), line);
      list = null;
    }
  }
}

export abstract class MarkdownRenderer extends MarkdownRenderChild implements HoverParent {
  app: App;
  hoverPopover: unknown = null;

  constructor(app: App, containerEl: HTMLElement) {
    super(containerEl);
    this.app = app;
  }

  abstract get file(): TFile;

  static renderMarkdown(markdown: string, el: HTMLElement, sourcePath: string, component: Component): Promise<void> {
    return MarkdownRenderer.renderInto(null, markdown, el, sourcePath, component);
  }

  static render(app: App, markdown: string, el: HTMLElement, sourcePath: string, component: Component): Promise<void> {
    return MarkdownRenderer.renderInto(app, markdown, el, sourcePath, component);
  }

  private static async renderInto(
    app: App | null,
    markdown: string,
    el: HTMLElement,
    sourcePath: string,
    component: Component,
  ): Promise<void> {
    await Promise.resolve();
    const section = createDiv();
    renderBlocks(section, markdown);
    const file = app?.vault.getFileByPath(sourcePath);
    const ctx: MarkdownPostProcessorContext = {
      docId: `fake-${sourcePath}`,
      sourcePath,
      frontmatter: file && app ? (app.metadataCache.getFileCache(file)?.frontmatter ?? null) : null,
      addChild: (child) => component.addChild(child),
      getSectionInfo: () => ({ text: markdown, lineStart: 0, lineEnd: markdown.split("\n").length - 1 }),
    };
    for (const [language, handler] of codeBlockProcessors) {
      MarkdownPreviewRenderer.createCodeBlockPostProcessor(language, handler)(section, ctx);
    }
    for (const pp of [...postProcessors].sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))) await pp(section, ctx);
    while (section.firstChild) el.appendChild(section.firstChild);
  }
}

export class MarkdownPreviewView extends MarkdownRenderer implements MarkdownSubView {
  private view: MarkdownView;
  private text = "";

  constructor(view: MarkdownView) {
    super(view.app, createDiv({ cls: "markdown-reading-view" }));
    this.view = view;
    (this as unknown as Record<symbol, boolean>)[FAKE_INTERNAL] = true;
  }

  get file(): TFile {
    return this.view.file as TFile;
  }

  get(): string {
    return this.view.editor.getValue();
  }

  set(data: string, _clear: boolean): void {
    this.text = data;
  }

  clear(): void {
    this.text = "";
    this.containerEl.empty();
  }

  rerender(_full?: boolean): void {
    this.containerEl.empty();
    renderBlocks(this.containerEl, this.text || this.get());
  }

  getScroll(): number {
    return 0;
  }

  applyScroll(_scroll: number): void {}
}

export class MarkdownEditView implements MarkdownSubView, HoverParent, MarkdownFileInfo {
  app: App;
  hoverPopover: unknown = null;
  private view: MarkdownView;

  constructor(view: MarkdownView) {
    this.view = view;
    this.app = view.app;
  }

  clear(): void {
    this.view.clear();
  }

  get(): string {
    return this.view.editor.getValue();
  }

  set(data: string, clear: boolean): void {
    (this.view.editor as StringEditor).loadText(data, clear);
  }

  get file(): TFile {
    return this.view.file as TFile;
  }

  get editor(): Editor {
    return this.view.editor;
  }

  getSelection(): string {
    return this.view.editor.getSelection();
  }

  getScroll(): number {
    return 0;
  }

  applyScroll(_scroll: number): void {}
}
