import type { App } from "./app";
import { type Debouncer, labeledDebounce } from "./debounce";
import { createDiv } from "./dom";
import { type EventRef, Events } from "./events";
import { type TAbstractFile, TFile } from "./files";
import { parseLinktext } from "./frontmatter";
import { scheduler } from "./scheduler";
import {
  DeferredView,
  EmptyView,
  FileView,
  type MarkdownFileInfo,
  MarkdownView,
  TextFileView,
  type View,
  type ViewState,
} from "./views";

export type PaneType = "tab" | "split" | "window";
export type SplitDirection = "vertical" | "horizontal";
export type Side = "left" | "right";
export type Constructor<T> = abstract new (...args: any[]) => T;

export interface OpenViewState {
  state?: Record<string, unknown>;
  eState?: Record<string, unknown>;
  active?: boolean;
  group?: WorkspaceLeaf;
}

export interface WorkspaceWindowInitData {
  x?: number;
  y?: number;
  size?: { width: number; height: number };
}

export abstract class WorkspaceItem extends Events {
  parent!: WorkspaceParent;
  /** @internal */ workspace: Workspace;
  /** @internal */ containerEl: HTMLElement;

  constructor(workspace: Workspace, cls: string) {
    super();
    this.workspace = workspace;
    this.containerEl = createDiv({ cls });
  }

  getRoot(): WorkspaceItem {
    let item: WorkspaceItem = this;
    while (item.parent) item = item.parent;
    return item;
  }

  getContainer(): WorkspaceContainer {
    let item: WorkspaceItem | undefined = this;
    while (item && !(item instanceof WorkspaceContainer)) item = item.parent;
    return (item ?? this.workspace.rootSplit) as WorkspaceContainer;
  }
}

export abstract class WorkspaceParent extends WorkspaceItem {
  /** @internal */ children: WorkspaceItem[] = [];

  /** @internal */
  insertChild(index: number, child: WorkspaceItem): void {
    child.parent = this;
    const i = Math.max(0, Math.min(index, this.children.length));
    this.children.splice(i, 0, child);
    this.containerEl.insertBefore(child.containerEl, this.containerEl.children[i] ?? null);
  }

  /** @internal */
  removeChild(child: WorkspaceItem): void {
    const i = this.children.indexOf(child);
    if (i !== -1) this.children.splice(i, 1);
    child.containerEl.detach();
  }
}

export class WorkspaceSplit extends WorkspaceParent {
  /** @internal */ direction: SplitDirection = "vertical";

  constructor(workspace: Workspace, cls = "workspace-split") {
    super(workspace, cls);
  }
}

export abstract class WorkspaceContainer extends WorkspaceSplit {
  abstract win: Window;
  abstract doc: Document;
}

export class WorkspaceRoot extends WorkspaceContainer {
  win: Window;
  doc: Document;

  constructor(workspace: Workspace) {
    super(workspace, "workspace-split mod-vertical mod-root");
    this.doc = this.containerEl.ownerDocument;
    this.win = this.doc.defaultView as Window;
  }
}

export class WorkspaceWindow extends WorkspaceContainer {
  win: Window;
  doc: Document;

  constructor(workspace: Workspace) {
    super(workspace, "workspace-split mod-root mod-popout");
    this.doc = this.containerEl.ownerDocument;
    this.win = this.doc.defaultView as Window;
  }
}

export class WorkspaceFloating extends WorkspaceParent {
  constructor(workspace: Workspace) {
    super(workspace, "workspace-floating");
  }
}

export class WorkspaceTabs extends WorkspaceParent {
  declare parent: WorkspaceSplit;
  /** @internal Index of the selected tab, whose view is the visible one. */
  currentTab = 0;

  constructor(workspace: Workspace) {
    super(workspace, "workspace-tabs");
  }

  /** @internal */
  selectTab(leaf: WorkspaceLeaf): void {
    const i = this.children.indexOf(leaf);
    if (i === -1) return;
    this.currentTab = i;
    this.children.forEach((child, j) => (child.containerEl.style.display = j === i ? "" : "none"));
  }
}

export class WorkspaceSidedock extends WorkspaceSplit {
  collapsed = false;

  constructor(workspace: Workspace, side: Side) {
    super(workspace, `workspace-split mod-${side}-split`);
  }

  toggle(): void {
    this.collapsed = !this.collapsed;
  }

  collapse(): void {
    this.collapsed = true;
  }

  expand(): void {
    this.collapsed = false;
  }
}

export class WorkspaceMobileDrawer extends WorkspaceParent {
  collapsed = true;

  constructor(workspace: Workspace) {
    super(workspace, "workspace-drawer");
  }

  expand(): void {
    this.collapsed = false;
  }

  collapse(): void {
    this.collapsed = true;
  }

  toggle(): void {
    this.collapsed = !this.collapsed;
  }
}

export class WorkspaceRibbon {
  /** @internal */ containerEl: HTMLElement;

  constructor(side: Side) {
    this.containerEl = createDiv({ cls: `workspace-ribbon side-dock-ribbon mod-${side}` });
  }
}

let leafCounter = 0;

export class WorkspaceLeaf extends WorkspaceItem {
  declare parent: WorkspaceTabs | WorkspaceMobileDrawer;
  view: View;
  /** @internal */ app: App;
  /** @internal */ id: string;
  /** @internal */ pinned = false;
  /** @internal */ group: string | null = null;
  /** @internal Order of activation, for "most recent leaf". */ activeTime = 0;
  /** @internal */ detached = false;

  constructor(workspace: Workspace) {
    super(workspace, "workspace-leaf");
    this.app = workspace.app;
    this.id = `leaf-${++leafCounter}`;
    this.view = new EmptyView(this);
    scheduler.track(this.view.open(this.containerEl));
  }

  get isDeferred(): boolean {
    return this.view instanceof DeferredView;
  }

  async loadIfDeferred(): Promise<void> {
    const view = this.view;
    if (!(view instanceof DeferredView)) return;
    // Loading a background tab shows its view; it does not make the tab active.
    await this.setViewState({ ...view.state, active: false }, view.eState);
  }

  async openFile(file: TFile, openState: OpenViewState = {}): Promise<void> {
    const type = this.app.viewRegistry.getTypeByExtension(file.extension) ?? "markdown";
    await this.setViewState(
      { type, state: { ...(openState.state ?? {}), file: file.path }, active: openState.active ?? true, group: openState.group },
      openState.eState,
    );
  }

  async open(view: View): Promise<View> {
    await this.replaceView(view);
    this.workspace.requestLayoutChange();
    return view;
  }

  getViewState(): ViewState {
    if (this.view instanceof DeferredView) return { ...this.view.state, state: { ...(this.view.state.state ?? {}) } };
    const state: ViewState = { type: this.view.getViewType(), state: this.view.getState() };
    if (this.pinned) state.pinned = true;
    return state;
  }

  async setViewState(viewState: ViewState, eState?: unknown): Promise<void> {
    const current = this.view;
    if (!this.isDeferred && !(current instanceof EmptyView) && current.getViewType() === viewState.type) {
      await current.setState(viewState.state ?? {}, { history: false });
    } else {
      const creator = this.app.viewRegistry.getViewCreatorByType(viewState.type);
      const view = creator ? creator(this) : new EmptyView(this);
      await this.replaceView(view);
      await view.setState(viewState.state ?? {}, { history: false });
    }
    if (viewState.pinned !== undefined) this.setPinned(viewState.pinned);
    if (viewState.group) this.setGroupMember(viewState.group);
    if (eState !== undefined) this.setEphemeralState(eState);
    this.workspace.requestLayoutChange();
    if (viewState.active) this.workspace.setActiveLeaf(this, { focus: true });
    // What the active leaf shows changed: `file-open` may be due even without a leaf change.
    if (this.workspace.activeLeaf === this) this.workspace.requestActiveLeafEvents();
  }

  /** @internal Shown views are loaded; a background tab restored at startup stays deferred. */
  setDeferred(state: ViewState, eState?: unknown): void {
    const old = this.view;
    this.view = new DeferredView(this, state, eState);
    scheduler.track(old.close());
    this.containerEl.appendChild(this.view.containerEl);
  }

  private async replaceView(view: View): Promise<void> {
    const old = this.view;
    this.view = view;
    if (old !== view) await old.close();
    await view.open(this.containerEl);
  }

  getEphemeralState(): unknown {
    return this.view.getEphemeralState();
  }

  setEphemeralState(state: unknown): void {
    this.view.setEphemeralState(state);
  }

  togglePinned(): void {
    this.setPinned(!this.pinned);
  }

  setPinned(pinned: boolean): void {
    if (this.pinned === pinned) return;
    this.pinned = pinned;
    this.trigger("pinned-change", pinned);
  }

  setGroupMember(other: WorkspaceLeaf): void {
    const group = other.group ?? `group-${other.id}`;
    if (other.group !== group) other.setGroup(group);
    this.setGroup(group);
  }

  setGroup(group: string): void {
    this.group = group;
    this.trigger("group-change", group);
  }

  detach(): void {
    if (this.detached) return;
    this.detached = true;
    this.parent?.removeChild(this);
    this.workspace.onLeafDetached(this);
    // Closing a file view saves it; that is asynchronous, so the harness waits for it.
    scheduler.track(this.view.close());
  }

  getIcon(): string {
    return this.view.getIcon();
  }

  getDisplayText(): string {
    return this.view.getDisplayText();
  }

  onResize(): void {
    this.view.onResize();
  }

  override on(name: "pinned-change", callback: (pinned: boolean) => unknown, ctx?: unknown): EventRef;
  override on(name: "group-change", callback: (group: string) => unknown, ctx?: unknown): EventRef;
  override on(name: string, callback: (...data: never[]) => unknown, ctx?: unknown): EventRef;
  override on(name: string, callback: (...data: never[]) => unknown, ctx?: unknown): EventRef {
    return super.on(name, callback as (...data: unknown[]) => unknown, ctx);
  }
}

/** What the harness restores at startup, as Obsidian reads workspace.json. */
export interface LeafSpec {
  type: string;
  state?: Record<string, unknown>;
  side?: "root" | Side;
  /** The active leaf; in each tab group the selected tab is the active one or else the first. */
  active?: boolean;
  pinned?: boolean;
}

export class Workspace extends Events {
  leftSplit: WorkspaceSidedock | WorkspaceMobileDrawer;
  rightSplit: WorkspaceSidedock | WorkspaceMobileDrawer;
  leftRibbon: WorkspaceRibbon;
  rightRibbon: WorkspaceRibbon;
  rootSplit: WorkspaceRoot;
  activeLeaf: WorkspaceLeaf | null = null;
  containerEl: HTMLElement;
  layoutReady = false;
  requestSaveLayout: Debouncer<[], Promise<void>>;
  /** @internal */ app: App;
  /** @internal */ floatingSplit: WorkspaceFloating;
  /** @internal */ layoutChangeCount = 0;
  /** @internal Recorded, never run: the fake has no CodeMirror. */ editorExtensions: unknown[] = [];
  /** @internal */ editorSuggest: { suggests: unknown[] } = { suggests: [] };
  /** @internal */ updateOptionsCount = 0;
  private layoutReadyCallbacks: (() => unknown)[] | null = [];
  private activeTimeCounter = 0;
  private lastActiveFile: TFile | null = null;
  private lastOpenFiles: string[] = [];
  private activeLeafEventsScheduled = false;
  private layoutChangeScheduled = false;

  constructor(app: App) {
    super();
    this.app = app;
    this.containerEl = createDiv({ cls: "workspace" });
    this.leftRibbon = new WorkspaceRibbon("left");
    this.rightRibbon = new WorkspaceRibbon("right");
    this.leftSplit = new WorkspaceSidedock(this, "left");
    this.rootSplit = new WorkspaceRoot(this);
    this.rightSplit = new WorkspaceSidedock(this, "right");
    this.floatingSplit = new WorkspaceFloating(this);
    this.containerEl.append(
      this.leftRibbon.containerEl,
      this.leftSplit.containerEl,
      this.rootSplit.containerEl,
      this.rightSplit.containerEl,
      this.rightRibbon.containerEl,
    );
    this.requestSaveLayout = labeledDebounce(async () => undefined, 1000, false, "workspace: save layout");
    app.vault.lateObservers.push({
      onModify: (file) => this.onFileModified(file),
      onRename: (file) => this.onFileRenamed(file),
      onDelete: (file) => this.onFileDeleted(file),
    });
    // A fresh workspace has one empty tab.
    this.addLeafTo(this.firstRootTabs());
  }

  /** An editor outside the tabs (a hover popover, a canvas card) that has focus: see activeEditor. */
  private embeddedEditor: MarkdownFileInfo | null = null;

  get activeEditor(): MarkdownFileInfo | null {
    if (this.embeddedEditor !== null) return this.embeddedEditor;
    const view = this.activeLeaf?.view;
    return view instanceof MarkdownView ? view : null;
  }

  /**
   * Obsidian sets this when an editor outside the tabs (a hover popover, a canvas card) takes focus;
   * tests do the same with `{ file, editor }`. A tab made active takes it back.
   */
  set activeEditor(value: MarkdownFileInfo | null) {
    this.embeddedEditor = value;
  }

  onLayoutReady(callback: () => unknown): void {
    if (this.layoutReadyCallbacks === null) callback();
    else this.layoutReadyCallbacks.push(callback);
  }

  async changeLayout(_workspace: unknown): Promise<void> {
    throw new Error("fake-obsidian: Workspace.changeLayout is not supported; use the harness layout option");
  }

  getLayout(): Record<string, unknown> {
    const leaves: Record<string, unknown>[] = [];
    this.iterateAllLeaves((leaf) => leaves.push({ id: leaf.id, ...leaf.getViewState() }));
    return { leaves, active: this.activeLeaf?.id ?? null, lastOpenFiles: this.getLastOpenFiles() };
  }

  createLeafInParent(parent: WorkspaceSplit, index: number): WorkspaceLeaf {
    const tabs = new WorkspaceTabs(this);
    parent.insertChild(index, tabs);
    return this.addLeafTo(tabs);
  }

  createLeafBySplit(leaf: WorkspaceLeaf, _direction?: SplitDirection, before?: boolean): WorkspaceLeaf {
    const tabs = leaf.parent instanceof WorkspaceTabs ? leaf.parent : null;
    const split = tabs?.parent ?? this.rootSplit;
    const index = tabs ? split.children.indexOf(tabs) : split.children.length;
    return this.createLeafInParent(split, before ? index : index + 1);
  }

  splitActiveLeaf(direction?: SplitDirection): WorkspaceLeaf {
    return this.getLeaf("split", direction);
  }

  async duplicateLeaf(leaf: WorkspaceLeaf, leafType?: PaneType | boolean | SplitDirection, direction?: SplitDirection): Promise<WorkspaceLeaf> {
    const type: PaneType | boolean = leafType === "vertical" || leafType === "horizontal" ? "split" : (leafType ?? "split");
    const copy = type === "split" ? this.createLeafBySplit(leaf, direction) : this.getLeaf(type);
    await copy.setViewState({ ...leaf.getViewState(), active: false });
    return copy;
  }

  getUnpinnedLeaf(): WorkspaceLeaf {
    return this.getLeaf(false);
  }

  getLeaf(newLeaf?: PaneType | boolean, direction?: SplitDirection): WorkspaceLeaf {
    if (newLeaf === "split") {
      const base = this.mostRecentRootLeaf();
      return base ? this.createLeafBySplit(base, direction) : this.createLeafInParent(this.rootSplit, 0);
    }
    if (newLeaf === "window") return this.openPopoutLeaf();
    if (newLeaf === true || newLeaf === "tab") {
      const base = this.mostRecentRootLeaf();
      const tabs = base?.parent instanceof WorkspaceTabs ? base.parent : this.firstRootTabs();
      return this.addLeafTo(tabs, base ? tabs.children.indexOf(base) + 1 : tabs.children.length);
    }
    const usable = (leaf: WorkspaceLeaf | null | undefined): leaf is WorkspaceLeaf =>
      !!leaf && !leaf.pinned && leaf.getRoot() === this.rootSplit && (leaf.view.navigation || leaf.view instanceof EmptyView);
    if (usable(this.activeLeaf)) return this.activeLeaf;
    const recent = this.mostRecentRootLeaf();
    if (usable(recent)) return recent;
    return this.getLeaf("tab");
  }

  moveLeafToPopout(leaf: WorkspaceLeaf, _data?: WorkspaceWindowInitData): WorkspaceWindow {
    const win = new WorkspaceWindow(this);
    this.floatingSplit.insertChild(this.floatingSplit.children.length, win);
    const tabs = new WorkspaceTabs(this);
    win.insertChild(0, tabs);
    leaf.parent?.removeChild(leaf);
    tabs.insertChild(0, leaf);
    tabs.selectTab(leaf);
    this.requestLayoutChange();
    return win;
  }

  openPopoutLeaf(_data?: WorkspaceWindowInitData): WorkspaceLeaf {
    const win = new WorkspaceWindow(this);
    this.floatingSplit.insertChild(this.floatingSplit.children.length, win);
    return this.createLeafInParent(win, 0);
  }

  async openLinkText(linktext: string, sourcePath: string, newLeaf?: PaneType | boolean, openViewState?: OpenViewState): Promise<void> {
    const { path, subpath } = parseLinktext(linktext);
    let file = path ? this.app.metadataCache.getFirstLinkpathDest(path, sourcePath) : this.app.vault.getFileByPath(sourcePath);
    if (!file) {
      // Following a link to a missing note creates it, as clicking an unresolved link does.
      const target = path.endsWith(".md") ? path : `${path}.md`;
      file = await this.app.vault.create(target, "");
    }
    const eState = subpath ? { ...(openViewState?.eState ?? {}), subpath } : openViewState?.eState;
    await this.getLeaf(newLeaf).openFile(file, { ...openViewState, eState });
  }

  setActiveLeaf(leaf: WorkspaceLeaf, params?: { focus?: boolean }): void;
  setActiveLeaf(leaf: WorkspaceLeaf, pushHistory: boolean, focus: boolean): void;
  setActiveLeaf(leaf: WorkspaceLeaf, paramsOrHistory?: { focus?: boolean } | boolean, focusArg?: boolean): void {
    const focus = typeof paramsOrHistory === "object" ? !!paramsOrHistory.focus : !!focusArg;
    if (leaf.detached) return;
    if (leaf.parent instanceof WorkspaceTabs) leaf.parent.selectTab(leaf);
    // Showing a deferred tab loads its view.
    if (leaf.isDeferred) scheduler.track(leaf.loadIfDeferred());
    if (focus) this.focusLeaf(leaf);
    // A tab made active (again) takes activeEditor back from an editor outside the tabs.
    this.embeddedEditor = null;
    if (this.activeLeaf === leaf) return;
    this.activeLeaf = leaf;
    leaf.activeTime = ++this.activeTimeCounter;
    this.requestActiveLeafEvents();
  }

  getLeafById(id: string): WorkspaceLeaf | null {
    let found: WorkspaceLeaf | null = null;
    this.iterateAllLeaves((leaf) => {
      if (leaf.id === id) found = leaf;
    });
    return found;
  }

  getGroupLeaves(group: string): WorkspaceLeaf[] {
    const out: WorkspaceLeaf[] = [];
    this.iterateAllLeaves((leaf) => {
      if (leaf.group === group) out.push(leaf);
    });
    return out;
  }

  getMostRecentLeaf(root: WorkspaceParent = this.rootSplit): WorkspaceLeaf | null {
    let best: WorkspaceLeaf | null = null;
    this.iterateLeaves(root, (leaf) => {
      if (!best || leaf.activeTime > best.activeTime) best = leaf;
    });
    return best;
  }

  getLeftLeaf(split: boolean): WorkspaceLeaf | null {
    return this.sideLeaf(this.leftSplit, split);
  }

  getRightLeaf(split: boolean): WorkspaceLeaf | null {
    return this.sideLeaf(this.rightSplit, split);
  }

  async ensureSideLeaf(
    type: string,
    side: Side,
    options: { active?: boolean; split?: boolean; reveal?: boolean; state?: unknown } = {},
  ): Promise<WorkspaceLeaf> {
    const existing = this.getLeavesOfType(type)[0];
    const leaf = existing ?? (this.sideLeaf(side === "left" ? this.leftSplit : this.rightSplit, !!options.split) as WorkspaceLeaf);
    const reveal = options.reveal ?? true;
    if (options.active || reveal) await leaf.loadIfDeferred();
    if (!existing || options.state !== undefined) {
      await leaf.setViewState({ type, state: (options.state as Record<string, unknown> | undefined) ?? {}, active: !!options.active });
    }
    if (reveal) await this.revealLeaf(leaf);
    if (options.active) this.setActiveLeaf(leaf, { focus: true });
    return leaf;
  }

  getActiveViewOfType<T extends View>(type: Constructor<T>): T | null {
    const view = this.activeLeaf?.view;
    return view instanceof type ? view : null;
  }

  getActiveFile(): TFile | null {
    const editorFile = this.activeEditor?.file;
    if (editorFile) return editorFile;
    const active = this.activeLeaf?.view;
    if (active instanceof FileView) return active.file;
    // Not a file view (a sidebar view is active): the most recently active file still counts.
    let best: WorkspaceLeaf | null = null;
    this.iterateLeaves(this.rootSplit, (leaf) => {
      if (leaf.view instanceof FileView && leaf.view.file && (!best || leaf.activeTime > best.activeTime)) best = leaf;
    });
    return best ? ((best as WorkspaceLeaf).view as FileView).file : null;
  }

  iterateRootLeaves(callback: (leaf: WorkspaceLeaf) => unknown): void {
    this.iterateLeaves(this.rootSplit, callback);
  }

  iterateAllLeaves(callback: (leaf: WorkspaceLeaf) => unknown): void {
    this.iterateLeaves(this.rootSplit, callback);
    this.iterateLeaves(this.leftSplit, callback);
    this.iterateLeaves(this.rightSplit, callback);
    this.iterateLeaves(this.floatingSplit, callback);
  }

  getLeavesOfType(viewType: string): WorkspaceLeaf[] {
    const out: WorkspaceLeaf[] = [];
    this.iterateAllLeaves((leaf) => {
      if (leaf.view.getViewType() === viewType) out.push(leaf);
    });
    return out;
  }

  detachLeavesOfType(viewType: string): void {
    for (const leaf of this.getLeavesOfType(viewType)) leaf.detach();
  }

  /** Selects the leaf's tab, opens a collapsed sidebar, and loads the view if it was deferred. */
  async revealLeaf(leaf: WorkspaceLeaf): Promise<void> {
    const root = leaf.getRoot();
    if (root instanceof WorkspaceSidedock || root instanceof WorkspaceMobileDrawer) root.expand();
    if (leaf.parent instanceof WorkspaceTabs) leaf.parent.selectTab(leaf);
    await leaf.loadIfDeferred();
  }

  getLastOpenFiles(): string[] {
    return this.lastOpenFiles.slice(0, 10);
  }

  updateOptions(): void {
    this.updateOptionsCount++;
  }

  override on(name: "quick-preview", callback: (file: TFile, data: string) => unknown, ctx?: unknown): EventRef;
  override on(name: "resize", callback: () => unknown, ctx?: unknown): EventRef;
  override on(name: "active-leaf-change", callback: (leaf: WorkspaceLeaf | null) => unknown, ctx?: unknown): EventRef;
  override on(name: "file-open", callback: (file: TFile | null) => unknown, ctx?: unknown): EventRef;
  override on(name: "layout-change", callback: () => unknown, ctx?: unknown): EventRef;
  override on(name: "editor-change", callback: (editor: unknown, info: unknown) => unknown, ctx?: unknown): EventRef;
  override on(name: string, callback: (...data: never[]) => unknown, ctx?: unknown): EventRef;
  override on(name: string, callback: (...data: never[]) => unknown, ctx?: unknown): EventRef {
    return super.on(name, callback as (...data: unknown[]) => unknown, ctx);
  }

  /** @internal Obsidian defers these to the next tick and coalesces them. */
  requestActiveLeafEvents(): void {
    if (this.activeLeafEventsScheduled) return;
    this.activeLeafEventsScheduled = true;
    scheduler.setTimeout(
      () => {
        this.activeLeafEventsScheduled = false;
        if (!this.layoutReady) return;
        this.trigger("active-leaf-change", this.activeLeaf);
        const file = this.getActiveFile();
        if (file === this.lastActiveFile) return;
        this.lastActiveFile = file;
        if (file) this.lastOpenFiles = [file.path, ...this.lastOpenFiles.filter((p) => p !== file.path)];
        this.trigger("file-open", file);
      },
      0,
      "workspace: active leaf events",
    );
  }

  /** @internal */
  requestLayoutChange(): void {
    if (this.layoutChangeScheduled) return;
    this.layoutChangeScheduled = true;
    scheduler.setTimeout(
      () => {
        this.layoutChangeScheduled = false;
        // Obsidian debounces layout-change longer than the active leaf events, so it comes after them.
        if (this.activeLeafEventsScheduled) {
          this.requestLayoutChange();
          return;
        }
        if (!this.layoutReady) return;
        this.layoutChangeCount++;
        this.trigger("layout-change");
        void this.requestSaveLayout();
      },
      0,
      "workspace: layout-change",
    );
  }

  /** @internal Startup: the restored layout. Selected tabs load; background tabs are deferred. */
  async restoreLayout(specs: LeafSpec[]): Promise<void> {
    const groups = new Map<string, { tabs: WorkspaceTabs; leaves: [WorkspaceLeaf, LeafSpec][] }>();
    for (const spec of specs) {
      const side = spec.side ?? "root";
      let group = groups.get(side);
      if (!group) {
        const split = side === "root" ? this.rootSplit : side === "left" ? this.leftSplit : this.rightSplit;
        const tabs = side === "root" ? this.firstRootTabs() : new WorkspaceTabs(this);
        if (side !== "root") split.insertChild(split.children.length, tabs);
        group = { tabs, leaves: [] };
        groups.set(side, group);
      }
      const leaf = this.addLeafTo(group.tabs);
      if (spec.pinned) leaf.pinned = true;
      group.leaves.push([leaf, spec]);
    }
    for (const [side, group] of groups) {
      const shown = group.leaves.find(([, s]) => s.active) ?? group.leaves[0];
      for (const [leaf, spec] of group.leaves) {
        const state: ViewState = { type: spec.type, state: spec.state ?? {} };
        if (leaf === shown?.[0]) {
          group.tabs.selectTab(leaf);
          await leaf.setViewState(state);
        } else {
          leaf.setDeferred(state);
        }
      }
      if (side === "root") this.pruneEmptyRootLeaves();
    }
    const active = specs.find((s) => s.active);
    let activeLeaf: WorkspaceLeaf | null = null;
    for (const group of groups.values()) {
      for (const [leaf, spec] of group.leaves) if (spec === active) activeLeaf = leaf;
    }
    const fallback = groups.get("root")?.leaves[0]?.[0] ?? null;
    const toActivate = activeLeaf ?? fallback;
    if (toActivate) this.setActiveLeaf(toActivate);
  }

  /** @internal Startup: the layout is ready; queued callbacks run in order, once. */
  markLayoutReady(): void {
    if (this.layoutReady) return;
    if (!this.activeLeaf) this.setActiveLeaf(this.mostRecentRootLeaf() ?? this.getLeaf(false));
    this.layoutReady = true;
    const callbacks = this.layoutReadyCallbacks ?? [];
    this.layoutReadyCallbacks = null;
    for (const cb of callbacks) {
      try {
        const result = cb();
        if (result && typeof (result as Promise<unknown>).then === "function") scheduler.track(result as Promise<unknown>);
      } catch (err) {
        scheduler.reportError(err);
      }
    }
    this.trigger("layout-ready");
    this.requestLayoutChange();
    this.requestActiveLeafEvents();
  }

  /** @internal */
  onLeafDetached(leaf: WorkspaceLeaf): void {
    if (this.rootLeafCount() === 0) {
      // Closing the last tab leaves an empty one, as in Obsidian.
      this.addLeafTo(this.firstRootTabs());
    }
    if (this.activeLeaf === leaf) {
      this.activeLeaf = null;
      const next = this.mostRecentRootLeaf();
      if (next) this.setActiveLeaf(next);
      else this.requestActiveLeafEvents();
    }
    this.requestLayoutChange();
  }

  private focusLeaf(leaf: WorkspaceLeaf): void {
    this.iterateAllLeaves((other) => {
      if (other !== leaf && other.view instanceof MarkdownView) other.view.editor.blur();
    });
    if (leaf.view instanceof MarkdownView) leaf.view.editor.focus();
  }

  private onFileModified(file: TFile): void {
    this.iterateAllLeaves((leaf) => {
      if (leaf.view instanceof TextFileView && leaf.view.file === file) scheduler.track(leaf.view.onFileModified());
    });
  }

  private onFileRenamed(file: TAbstractFile): void {
    if (!(file instanceof TFile)) return;
    this.iterateAllLeaves((leaf) => {
      if (leaf.view instanceof FileView && leaf.view.file === file) {
        scheduler.track(leaf.view.onRename(file));
        // The tab title changed.
        this.requestLayoutChange();
      }
    });
  }

  private onFileDeleted(file: TAbstractFile): void {
    if (!(file instanceof TFile)) return;
    const leaves: WorkspaceLeaf[] = [];
    this.iterateAllLeaves((leaf) => {
      if (leaf.view instanceof FileView && leaf.view.file === file) leaves.push(leaf);
    });
    for (const leaf of leaves) leaf.detach();
  }

  private iterateLeaves(item: WorkspaceItem, callback: (leaf: WorkspaceLeaf) => unknown): void {
    if (item instanceof WorkspaceLeaf) {
      callback(item);
      return;
    }
    if (item instanceof WorkspaceParent) for (const child of item.children.slice()) this.iterateLeaves(child, callback);
  }

  private rootLeafCount(): number {
    let n = 0;
    this.iterateLeaves(this.rootSplit, () => n++);
    return n;
  }

  private mostRecentRootLeaf(): WorkspaceLeaf | null {
    return this.getMostRecentLeaf(this.rootSplit);
  }

  private firstRootTabs(): WorkspaceTabs {
    const existing = this.rootSplit.children.find((c): c is WorkspaceTabs => c instanceof WorkspaceTabs);
    if (existing) return existing;
    const tabs = new WorkspaceTabs(this);
    this.rootSplit.insertChild(0, tabs);
    return tabs;
  }

  private addLeafTo(tabs: WorkspaceTabs, index = tabs.children.length): WorkspaceLeaf {
    const leaf = new WorkspaceLeaf(this);
    tabs.insertChild(index, leaf);
    leaf.containerEl.style.display = tabs.children.length === 1 ? "" : "none";
    if (tabs.children.length === 1) tabs.selectTab(leaf);
    this.requestLayoutChange();
    return leaf;
  }

  private sideLeaf(side: WorkspaceSidedock | WorkspaceMobileDrawer, split: boolean): WorkspaceLeaf {
    const first = side.children.find((c): c is WorkspaceTabs => c instanceof WorkspaceTabs);
    if (split || !first) {
      const tabs = new WorkspaceTabs(this);
      side.insertChild(side.children.length, tabs);
      return this.addLeafTo(tabs);
    }
    return this.addLeafTo(first);
  }

  private pruneEmptyRootLeaves(): void {
    const empties: WorkspaceLeaf[] = [];
    this.iterateLeaves(this.rootSplit, (leaf) => {
      if (leaf.view instanceof EmptyView) empties.push(leaf);
    });
    if (empties.length < this.rootLeafCount()) {
      for (const leaf of empties) {
        leaf.detached = true;
        leaf.parent?.removeChild(leaf);
        scheduler.track(leaf.view.close());
      }
    }
  }
}
