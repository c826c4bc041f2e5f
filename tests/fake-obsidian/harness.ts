// Test controls for the fake Obsidian: build an app over an in-memory vault, run its startup,
// load a plugin, simulate the outside world, drain the clock, and inspect what happened.
// Public types come from the real typings so tests read like plugin code.

import type {
  App,
  ButtonComponent,
  Command,
  DropdownComponent,
  ExtraButtonComponent,
  MarkdownView,
  MetadataCache,
  PaneType,
  Plugin,
  PluginManifest,
  Setting,
  SettingTab,
  SliderComponent,
  TFile,
  ToggleComponent,
  ValueComponent,
  Vault,
  Workspace,
} from "obsidian";
import type { OpRecord, ReadFailure, WriteApi, WriteRecord } from "./adapter";
import { App as AppImpl } from "./app";
import { installFakeClock, realDateNow, uninstallFakeClock } from "./clock";
import { FAKE_INTERNAL, liveRegistrations } from "./component";
import { listenerCount, listenersByName } from "./events";
import { TAbstractFile as FakeAbstractFile, TFile as FakeTFile } from "./files";
import { customIcons } from "./icons";
import { openModals } from "./modal";
import { shownMenus } from "./menu";
import { noticeLog } from "./notice";
import { normalizePath } from "./path";
import type { Plugin as FakePlugin } from "./plugin";
import {
  advance as advanceClock,
  flush as flushClock,
  rethrowErrors,
  scheduler,
  setThrowOnHandlerErrors,
  settle as settleClock,
  runUntil,
} from "./scheduler";
import { settingByElement } from "./settings-ui";
import { codeBlockProcessors, MarkdownView as FakeMarkdownView, postProcessors } from "./views";
import type { LeafSpec } from "./workspace";

export type { LeafSpec, OpRecord, WriteApi, WriteRecord };

export interface FakeFile {
  content?: string;
  binary?: ArrayBuffer;
  ctime?: number;
  mtime?: number;
}

export interface FakeAppOptions {
  /** Vault contents by path. A path ending in "/" is an (empty) folder; parents are created. */
  files?: Record<string, string | FakeFile>;
  vaultName?: string;
  /** Start of the fake clock (ms since epoch); file times default to it. Default: Date.now(). */
  now?: number;
  /**
   * "warm" (default): Obsidian restored its index from its cache, so `getFileCache` answers from
   * the start and no `changed` fires for unchanged files. "cold": first launch, every Markdown
   * file is indexed after startup and gets a `changed` event.
   */
  metadataCache?: "warm" | "cold";
  /** Leaves restored at startup, as from workspace.json. Background tabs start deferred. */
  layout?: LeafSpec[];
  /**
   * Obsidian does not order `resolved` and layout-ready: plugin authors report both. Default false:
   * the layout is ready first. True: the metadata cache has resolved every file (`resolved` fired)
   * before the layout is restored and `onLayoutReady` callbacks run.
   */
  resolvedBeforeLayout?: boolean;
  /** Errors thrown by event handlers fail the next flush/settle (default true). */
  throwHandlerErrors?: boolean;
  /**
   * "fake" (default): `setTimeout`/`setInterval` (also on `window`) and `Date` follow the fake
   * clock, like `debounce` does, so all of the plugin's time moves together. "real": leave them.
   */
  clock?: "fake" | "real";
}

export interface LoadPluginOptions {
  manifest?: Partial<PluginManifest>;
  /** Preset content of the plugin's data.json, as `loadData()` will return it. */
  data?: unknown;
  /** Preset text of the plugin's data.json, written as is (a merge conflict, a file cut short). */
  dataText?: string;
}

export interface EventRecord {
  source: "vault" | "metadataCache" | "workspace";
  name: string;
  args: unknown[];
  /** "source:name path" ("source:rename old -> new"), for compact assertions on order. */
  label: string;
}

export interface LeakReport {
  vaultListeners: Record<string, number>;
  metadataCacheListeners: Record<string, number>;
  workspaceListeners: Record<string, number>;
  leafListeners: number;
  domListeners: number;
  intervals: number;
  /** Class names of components still loaded (the fake's own views excluded). */
  loadedComponents: string[];
  commands: string[];
  ribbonIcons: number;
  statusBarItems: number;
  settingTabs: number;
  viewTypes: string[];
  fileExtensions: string[];
  postProcessors: number;
  codeBlockProcessors: string[];
  editorExtensions: number;
  editorSuggests: number;
  protocolHandlers: string[];
  hoverLinkSources: string[];
  openModals: number;
  shownMenus: number;
  /** Debounced calls, sleeps, timeouts and intervals still waiting on the clock. */
  pendingTimers: string[];
}

const BUILTIN_VIEW_TYPES = new Set(["markdown", "empty"]);
const BUILTIN_EXTENSIONS = new Set(["md"]);
/** Timers a plugin starts (the app's own carry other labels). */
const PLUGIN_TIMER_LABELS = new Set(["debounce", "sleep", "timer", "interval"]);

function pathOf(arg: unknown): string | null {
  return arg instanceof FakeAbstractFile ? arg.path : null;
}

export class FakeHarness {
  /** The app, typed as the real one: pass it to plugin code. */
  readonly app: App;
  readonly eventLog: EventRecord[] = [];
  private readonly fake: AppImpl;
  private readonly noticeStart: number;
  private started = false;
  private readonly options: FakeAppOptions;

  constructor(options: FakeAppOptions = {}) {
    this.options = options;
    const now = options.now ?? realDateNow();
    scheduler.reset(now);
    if ((options.clock ?? "fake") === "fake") installFakeClock();
    else uninstallFakeClock();
    setThrowOnHandlerErrors(options.throwHandlerErrors ?? true);
    resetGlobalRegistries();
    this.noticeStart = noticeLog.length;

    this.fake = new AppImpl({ vaultName: options.vaultName });
    this.app = this.fake as unknown as App;
    const adapter = this.fake.vault.adapter;
    adapter.mkdirSync(`${this.fake.vault.configDir}/plugins`, false);
    for (const [rawPath, spec] of Object.entries(options.files ?? {})) {
      const isFolder = rawPath.endsWith("/");
      const path = normalizePath(rawPath);
      if (isFolder) {
        adapter.mkdirSync(path, false);
        continue;
      }
      const file: FakeFile = typeof spec === "string" ? { content: spec } : spec;
      adapter.externalWrite(path, file.binary ?? file.content ?? "", {
        ctime: file.ctime ?? file.mtime ?? now,
        mtime: file.mtime ?? now,
      });
    }
    if ((options.metadataCache ?? "warm") === "warm") this.fake.metadataCache.preloadFromDisk();

    const spy = (source: EventRecord["source"]) => (name: string, args: unknown[]) => {
      const path = pathOf(args[0]);
      let label = `${source}:${name}`;
      if (name === "rename" && typeof args[1] === "string") label += ` ${args[1]} ->`;
      if (path !== null) label += ` ${path}`;
      this.eventLog.push({ source, name, args, label });
    };
    this.fake.vault._spy = spy("vault");
    this.fake.metadataCache._spy = spy("metadataCache");
    this.fake.workspace._spy = spy("workspace");
  }

  get vault(): Vault {
    return this.app.vault;
  }

  get metadataCache(): MetadataCache {
    return this.app.metadataCache;
  }

  get workspace(): Workspace {
    return this.app.workspace;
  }

  /** Every content write made through an API, in order (including plugin data.json saves). */
  get writeLog(): readonly WriteRecord[] {
    return this.fake.vault.adapter.writeLog;
  }

  /** Deletes, renames, trashes and folder creations made through an API. */
  get opLog(): readonly OpRecord[] {
    return this.fake.vault.adapter.opLog;
  }

  /** Writes to vault files only (not the config folder), optionally for one path or API. */
  vaultWrites(filter: { path?: string; api?: WriteApi } = {}): WriteRecord[] {
    const configDir = `${this.fake.vault.configDir}/`;
    return this.writeLog.filter(
      (w) =>
        !w.path.startsWith(configDir) &&
        (filter.path === undefined || w.path === filter.path) &&
        (filter.api === undefined || w.api === filter.api),
    );
  }

  /** Forgets writes, operations and events so far, e.g. after setting up. */
  clearLogs(): void {
    this.fake.vault.adapter.writeLog.length = 0;
    this.fake.vault.adapter.opLog.length = 0;
    this.eventLog.length = 0;
  }

  eventLabels(source?: EventRecord["source"]): string[] {
    return this.eventLog.filter((e) => !source || e.source === source).map((e) => e.label);
  }

  /** Messages of every Notice shown since this harness was created. */
  notices(): string[] {
    return noticeLog.slice(this.noticeStart).map((n) => n.message);
  }

  /** Notices still on screen. */
  visibleNotices(): string[] {
    return noticeLog.slice(this.noticeStart).filter((n) => !n.hidden).map((n) => n.message);
  }

  now(): number {
    return scheduler.now();
  }

  /**
   * Obsidian's startup, after plugins that are already loaded: every file enters the vault with
   * a `create` event, the metadata cache initialises, the layout is restored, `onLayoutReady`
   * callbacks run, and indexing finishes with `resolved`.
   */
  async startup(): Promise<void> {
    if (this.started) throw new Error("fake-obsidian: startup() already ran");
    this.started = true;
    this.fake.vault.loadFromAdapter();
    await scheduler.drainAsync();
    this.fake.metadataCache.initialize();
    await scheduler.drainAsync();
    if (this.options.resolvedBeforeLayout === true) await this.flush();
    await this.run(this.fake.workspace.restoreLayout(this.options.layout ?? []));
    this.fake.workspace.markLayoutReady();
    await this.flush();
  }

  get isStarted(): boolean {
    return this.started;
  }

  /**
   * Loads a plugin the way Obsidian enables one: construct, `load()`, and wait for an async
   * `onload`. Before `startup()` the vault is still empty, as in Obsidian during plugin loading.
   */
  async loadPlugin<T extends Plugin>(
    PluginClass: new (app: App, manifest: PluginManifest) => T,
    options: LoadPluginOptions = {},
  ): Promise<T> {
    const id = options.manifest?.id ?? "test-plugin";
    const manifest: PluginManifest = {
      id,
      name: "Test Plugin",
      author: "",
      version: "0.0.0",
      minAppVersion: "0.15.0",
      description: "",
      ...options.manifest,
      dir: options.manifest?.dir ?? `${this.fake.vault.configDir}/plugins/${id}`,
    };
    const adapter = this.fake.vault.adapter;
    adapter.mkdirSync(manifest.dir as string, false);
    if (options.data !== undefined) adapter.externalWrite(`${manifest.dir}/data.json`, JSON.stringify(options.data, null, 2));
    if (options.dataText !== undefined) adapter.externalWrite(`${manifest.dir}/data.json`, options.dataText);
    const plugin = new PluginClass(this.app, manifest);
    const fakePlugin = plugin as unknown as FakePlugin;
    this.fake.plugins.plugins[id] = fakePlugin;
    this.fake.plugins.manifests[id] = manifest;
    this.fake.plugins.enabledPlugins.add(id);
    fakePlugin.load();
    if (fakePlugin._onloadPromise) await this.run(fakePlugin._onloadPromise);
    await this.flush();
    return plugin;
  }

  /** Disables a plugin: `unload()`, then lets views it closed finish closing. */
  async unloadPlugin(plugin: Plugin): Promise<void> {
    const fakePlugin = plugin as unknown as FakePlugin;
    fakePlugin.unload();
    const id = fakePlugin.manifest.id;
    delete this.fake.plugins.plugins[id];
    this.fake.plugins.enabledPlugins.delete(id);
    await this.flush();
  }

  /** Runs what is due now (and what that causes) without moving the clock. */
  flush(): Promise<void> {
    return flushClock();
  }

  /** Runs everything pending, jumping the clock to each timer (debounces, saves) until idle. */
  settle(): Promise<void> {
    return settleClock();
  }

  /** Moves the clock forward, running timers as they fall due. */
  advance(ms: number): Promise<void> {
    return advanceClock(ms);
  }

  /** Waits for a promise, running the fake's work (and its clock) as needed for it to settle. */
  async run<T>(promise: Promise<T>, maxSteps = 100_000): Promise<T> {
    let done = false;
    let failed = false;
    let value: T | undefined;
    let error: unknown;
    promise.then(
      (v) => {
        done = true;
        value = v;
      },
      (e: unknown) => {
        done = true;
        failed = true;
        error = e;
      },
    );
    for (let step = 0; step < maxSteps; step++) {
      await scheduler.drainAsync();
      if (done) break;
      if (scheduler.runOneDue()) continue;
      const next = scheduler.nextOneShotDue();
      if (next === undefined) break;
      await runUntil(next);
    }
    if (!done) throw new Error(`fake-obsidian: promise never settled; still queued: ${scheduler.describePending().join(", ") || "nothing"}`);
    rethrowErrors();
    if (failed) throw error;
    return value as T;
  }

  /** Another program changed the file: content and mtime change, the vault fires `modify`. */
  async modifyExternally(path: string, content: string): Promise<void> {
    const p = normalizePath(path);
    if (!this.fake.vault.adapter.hasFile(p)) throw new Error(`fake-obsidian: no file at ${p}`);
    this.fake.vault.adapter.externalWrite(p, content);
    this.notifyPluginDataChange(p);
    await scheduler.drainAsync();
  }

  /** Another program created the file (and any missing folders): the vault fires `create`. */
  async createExternally(path: string, content: string): Promise<void> {
    const p = normalizePath(path);
    if (this.fake.vault.adapter.entries.has(p)) throw new Error(`fake-obsidian: ${p} already exists`);
    this.fake.vault.adapter.externalWrite(p, content);
    await scheduler.drainAsync();
  }

  async deleteExternally(path: string): Promise<void> {
    this.fake.vault.adapter.removeTree(normalizePath(path), "remove", false);
    await scheduler.drainAsync();
  }

  /**
   * Another program (a file manager, git, a sync tool) moved or renamed a file or folder. Obsidian's
   * file watcher cannot tell that from a delete and a create: the vault fires `delete` for the old
   * path (for a folder, each file and folder in it) and `create` for each new one, with new TFiles;
   * no `rename` (see README). For a rename made in Obsidian, `renameInObsidian`.
   */
  async renameExternally(from: string, to: string): Promise<void> {
    this.fake.vault.adapter.externalMove(normalizePath(from), normalizePath(to));
    await scheduler.drainAsync();
  }

  /**
   * The user renamed or moved a file or folder in Obsidian (the file explorer, a tab's title) or
   * another plugin did (`vault.rename`, `fileManager.renameFile`), now: one `rename` per file and
   * folder, the folder first, each the same TFile with its old path.
   */
  async renameInObsidian(from: string, to: string): Promise<void> {
    this.fake.vault.adapter.moveTree(normalizePath(from), normalizePath(to));
    await scheduler.drainAsync();
  }

  /**
   * The file stays where it is but its reads fail from now on, with EACCES (its permissions taken
   * away) or EIO (a disk or a sync tool failing it): vault.read, cachedRead, process and the
   * adapter's reads reject, and the metadata cache reports nothing for it. No event fires. With
   * `{ created: true }` for a file not there yet, which is unreadable from its creation on.
   */
  failReads(path: string, code: ReadFailure = "EACCES", options: { created?: boolean } = {}): void {
    const p = normalizePath(path);
    if (this.fake.vault.adapter.hasFile(p) === (options.created === true)) throw new Error(`fake-obsidian: ${options.created === true ? "a file already" : "no file"} at ${p}`);
    this.fake.vault.adapter.readFailures.set(p, code);
  }

  /** The file can be read again (no event fires: nothing about it changed). */
  allowReads(path: string): void {
    this.fake.vault.adapter.readFailures.delete(normalizePath(path));
  }

  /** Sync or another device rewrote the plugin's data.json: Obsidian calls `onExternalSettingsChange`. */
  async modifyPluginDataExternally(plugin: Plugin, data: unknown): Promise<void> {
    const fakePlugin = plugin as unknown as FakePlugin;
    this.fake.vault.adapter.externalWrite(fakePlugin.dataPath(), JSON.stringify(data, null, 2));
    this.notifyPluginDataChange(fakePlugin.dataPath());
    await scheduler.drainAsync();
  }

  /** Sync or another device wrote the plugin's data.json as this text (JSON or not). */
  async writePluginDataTextExternally(plugin: Plugin, text: string): Promise<void> {
    const fakePlugin = plugin as unknown as FakePlugin;
    this.fake.vault.adapter.externalWrite(fakePlugin.dataPath(), text);
    this.notifyPluginDataChange(fakePlugin.dataPath());
    await scheduler.drainAsync();
  }

  /** Sync removed the plugin's data.json (for a moment, before writing it again): Obsidian calls the hook too. */
  async removePluginDataExternally(plugin: Plugin): Promise<void> {
    const fakePlugin = plugin as unknown as FakePlugin;
    this.fake.vault.adapter.removeTree(fakePlugin.dataPath(), "remove", false);
    this.notifyPluginDataChange(fakePlugin.dataPath());
    await scheduler.drainAsync();
  }

  private notifyPluginDataChange(path: string): void {
    for (const plugin of Object.values(this.fake.plugins.plugins)) {
      if (plugin.dataPath() !== path) continue;
      const hook = (plugin as unknown as { onExternalSettingsChange?: () => unknown }).onExternalSettingsChange;
      const result = hook?.call(plugin);
      if (result instanceof Promise) scheduler.track(result);
    }
  }

  /** The plugin's data.json as saved, or null. */
  pluginData(plugin: Plugin | string): unknown {
    const id = typeof plugin === "string" ? plugin : plugin.manifest.id;
    const path = `${this.fake.plugins.manifests[id]?.dir ?? `${this.fake.vault.configDir}/plugins/${id}`}/data.json`;
    const adapter = this.fake.vault.adapter;
    return adapter.hasFile(path) ? (JSON.parse(adapter.readSync(path)) as unknown) : null;
  }

  /** Current content on "disk". */
  read(path: string): string {
    return this.fake.vault.adapter.readSync(normalizePath(path));
  }

  exists(path: string): boolean {
    return this.fake.vault.adapter.entries.has(normalizePath(path));
  }

  /** The TFile at a path; throws if there is none (or the vault has not loaded yet). */
  file(path: string): TFile {
    const f = this.fake.vault.getAbstractFileByPath(normalizePath(path));
    if (!(f instanceof FakeTFile)) throw new Error(`fake-obsidian: no file at ${path} in the vault`);
    return f as unknown as TFile;
  }

  /** Opens a file in a leaf, as clicking it in the file explorer does, and waits for it. */
  async openFile(path: string, options: { newLeaf?: PaneType | boolean; active?: boolean } = {}): Promise<MarkdownView> {
    const leaf = this.fake.workspace.getLeaf(options.newLeaf ?? false);
    await this.run(leaf.openFile(this.file(path) as unknown as FakeTFile, { active: options.active ?? true }));
    await this.flush();
    if (!(leaf.view instanceof FakeMarkdownView)) throw new Error(`fake-obsidian: ${path} did not open in a MarkdownView`);
    return leaf.view as unknown as MarkdownView;
  }

  commands(): Command[] {
    return this.fake.commands.listCommands() as unknown as Command[];
  }

  /** Ids of the commands the command palette would show right now. */
  availableCommands(): string[] {
    return this.fake.commands
      .listCommands()
      .filter((c) => this.fake.commands.isAvailable(c))
      .map((c) => c.id);
  }

  /**
   * Runs a command as the palette or a hotkey does; false when its check declined. Throws for an
   * unknown id, which in a test is always a mistake.
   */
  executeCommand(id: string): boolean {
    if (!this.fake.commands.findCommand(id)) {
      throw new Error(`fake-obsidian: no command "${id}"; known: ${Object.keys(this.fake.commands.commands).join(", ")}`);
    }
    return this.fake.commands.executeCommandById(id);
  }

  /** Opens the plugin's settings tab (`display()` into a fresh container) and returns it. */
  openSettings(plugin: Plugin | string): SettingTab {
    const id = typeof plugin === "string" ? plugin : plugin.manifest.id;
    const tab = this.fake.setting.pluginTabs.find((t) => this.fake.setting.tabOwners.get(t) === id);
    if (!tab) throw new Error(`fake-obsidian: plugin "${id}" added no setting tab`);
    this.fake.setting.openTab(tab);
    return tab as unknown as SettingTab;
  }

  /** Closes the settings window: the open tab's `hide()`. */
  closeSettings(): void {
    this.fake.setting.close();
  }

  ribbonIcons(): HTMLElement[] {
    return Array.from(this.fake.workspace.leftRibbon.containerEl.querySelectorAll<HTMLElement>(".side-dock-ribbon-action"));
  }

  clickRibbonIcon(title: string): void {
    const el = this.ribbonIcons().find((e) => e.getAttribute("aria-label") === title);
    if (!el) throw new Error(`fake-obsidian: no ribbon icon "${title}"`);
    el.click();
  }

  statusBarItems(): HTMLElement[] {
    return Array.from(this.fake.statusBar.containerEl.querySelectorAll<HTMLElement>(".status-bar-item"));
  }

  /** What is still registered; after unloading every plugin all of it should be empty. */
  liveRegistrations(): LeakReport {
    const fake = this.fake;
    let leafListeners = 0;
    fake.workspace.iterateAllLeaves((leaf) => (leafListeners += listenerCount(leaf)));
    return {
      vaultListeners: listenersByName(fake.vault),
      metadataCacheListeners: listenersByName(fake.metadataCache),
      workspaceListeners: listenersByName(fake.workspace),
      leafListeners,
      domListeners: liveRegistrations.domListeners.size,
      intervals: liveRegistrations.intervals.size,
      loadedComponents: [...liveRegistrations.loadedComponents]
        .filter((c) => !(c as unknown as Record<symbol, unknown>)[FAKE_INTERNAL])
        .map((c) => c.constructor.name),
      commands: Object.keys(fake.commands.commands),
      ribbonIcons: this.ribbonIcons().length,
      statusBarItems: this.statusBarItems().length,
      settingTabs: fake.setting.pluginTabs.length,
      viewTypes: Object.keys(fake.viewRegistry.viewByType).filter((t) => !BUILTIN_VIEW_TYPES.has(t)),
      fileExtensions: Object.keys(fake.viewRegistry.typeByExtension).filter((e) => !BUILTIN_EXTENSIONS.has(e)),
      postProcessors: postProcessors.length,
      codeBlockProcessors: [...codeBlockProcessors.keys()],
      editorExtensions: fake.workspace.editorExtensions.length,
      editorSuggests: fake.workspace.editorSuggest.suggests.length,
      protocolHandlers: [...fake.protocolHandlers.keys()],
      hoverLinkSources: Object.keys(fake.hoverLinkSources),
      openModals: openModals.length,
      shownMenus: shownMenus.length,
      pendingTimers: scheduler.describePending().filter((d) => PLUGIN_TIMER_LABELS.has(d.split(" @")[0] ?? "")),
    };
  }

  /** Throws, listing what is left, unless nothing registered by plugins remains. */
  assertNoLeaks(): void {
    const report = this.liveRegistrations();
    const left: string[] = [];
    for (const [key, value] of Object.entries(report)) {
      const empty =
        typeof value === "number" ? value === 0 : Array.isArray(value) ? value.length === 0 : Object.keys(value as object).length === 0;
      if (!empty) left.push(`${key}: ${JSON.stringify(value)}`);
    }
    if (left.length) throw new Error(`fake-obsidian: still registered after unload:\n  ${left.join("\n  ")}`);
  }
}

function resetGlobalRegistries(): void {
  liveRegistrations.domListeners.clear();
  liveRegistrations.intervals.clear();
  liveRegistrations.loadedComponents.clear();
  openModals.length = 0;
  shownMenus.length = 0;
  postProcessors.length = 0;
  codeBlockProcessors.clear();
  customIcons.clear();
}

/** A fresh app over the given files; nothing has started yet (see `startup`). */
export function createFakeApp(options: FakeAppOptions = {}): FakeHarness {
  return new FakeHarness(options);
}

/** `createFakeApp` followed by `startup()`: an app as a user sees it once Obsidian has opened. */
export async function createStartedApp(options: FakeAppOptions = {}): Promise<FakeHarness> {
  const h = new FakeHarness(options);
  await h.startup();
  return h;
}

export const FakeApp = {
  create: createFakeApp,
  start: createStartedApp,
};

// ---- Acting as the user on settings and other UI components ----

/** The Setting whose name is `name` inside a container (e.g. a settings tab). */
export function findSetting(container: HTMLElement, name: string): Setting {
  for (const el of Array.from(container.querySelectorAll(".setting-item"))) {
    const setting = settingByElement.get(el);
    if (setting && setting.nameEl.textContent === name) return setting as unknown as Setting;
  }
  throw new Error(`fake-obsidian: no setting named "${name}"; found: ${settingNames(container).join(", ")}`);
}

export function settingNames(container: HTMLElement): string[] {
  return Array.from(container.querySelectorAll(".setting-item-name")).map((el) => el.textContent ?? "");
}

function fire(el: HTMLElement, type: string): void {
  const win = el.ownerDocument.defaultView as Window & typeof globalThis;
  el.dispatchEvent(new win.Event(type, { bubbles: true }));
}

/**
 * Changes a component's value the way a user does, so its `onChange` fires: typing into a text
 * field, picking a dropdown option, dragging a slider, picking a colour, or clicking a toggle
 * (only if it is not already at `value`; without `value` it flips).
 */
export function userChange(component: ValueComponent<any> | ToggleComponent | DropdownComponent | SliderComponent, value?: unknown): void {
  const c = component as unknown as Record<string, unknown>;
  if (c.toggleEl instanceof Object) {
    if (value === undefined || (component as ToggleComponent).getValue() !== value) (c.toggleEl as HTMLElement).click();
    return;
  }
  const input = (c.selectEl ?? c.sliderEl ?? c.colorPickerEl ?? c.inputEl) as HTMLInputElement | undefined;
  if (!input) throw new Error("fake-obsidian: userChange does not know this component");
  input.value = String(value ?? "");
  if (c.selectEl) fire(input, "change");
  else if (c.sliderEl) {
    fire(input, "input");
    fire(input, "change");
  } else {
    // Typed, then the field left (Tab, Enter, a click elsewhere): `input`, then `change`.
    fire(input, "input");
    fire(input, "change");
  }
}

/** Types into a text field without leaving it: `input` only (userChange also leaves the field). */
export function userType(component: ValueComponent<string>, value: string): void {
  const input = (component as unknown as { inputEl?: HTMLInputElement }).inputEl;
  if (!input) throw new Error("fake-obsidian: userType needs a text field");
  input.value = value;
  fire(input, "input");
}

/** Clicks a button, extra button or any element, as the user would. */
export function userClick(target: ButtonComponent | ExtraButtonComponent | HTMLElement): void {
  const t = target as unknown as Record<string, unknown>;
  const el = (t.buttonEl ?? t.extraSettingsEl ?? target) as HTMLElement;
  el.click();
}

/** Exposed for tests that work below the harness (e.g. a bare `debounce`). */
export const fakeClock = {
  now: (): number => scheduler.now(),
  flush: flushClock,
  settle: settleClock,
  advance: advanceClock,
  pending: (): string[] => scheduler.describePending(),
};
