import { type DataWriteOptions, FileSystemAdapter } from "./adapter";
import { Commands } from "./commands";
import { createDiv, hasGlobalDom } from "./dom";
import { Events } from "./events";
import { type TAbstractFile, type TFile, TFolder } from "./files";
import { getFrontMatterInfo, parseYaml, stringifyYaml } from "./frontmatter";
import { Keymap, Scope, type UserEvent } from "./keymap";
import { MetadataCache } from "./metadata-cache";
import { extensionOf, joinPath, normalizePath, parentPath } from "./path";
import type { HoverLinkSource, ObsidianProtocolHandler, Plugin, PluginManifest } from "./plugin";
import type { SettingTab } from "./settings-ui";
import { EmptyView, MarkdownView, type ViewCreator } from "./views";
import { Vault } from "./vault";
import { Workspace } from "./workspace";

/** View types by name and file extensions by view type (`app.viewRegistry` in Obsidian). */
export class ViewRegistry extends Events {
  viewByType: Record<string, ViewCreator> = {};
  typeByExtension: Record<string, string> = {};

  constructor(private readonly app: App) {
    super();
    this.viewByType.markdown = (leaf) => new MarkdownView(leaf);
    this.viewByType.empty = (leaf) => new EmptyView(leaf);
    this.typeByExtension.md = "markdown";
  }

  registerView(type: string, creator: ViewCreator): void {
    if (this.viewByType[type]) throw new Error(`Attempting to register an existing view type "${type}"`);
    this.viewByType[type] = creator;
    this.trigger("view-registered", type);
  }

  /**
   * Leaves showing an unregistered type lose their view (its `onClose` runs) but stay in the
   * layout, as in Obsidian, so they come back if the plugin is enabled again.
   */
  unregisterView(type: string): void {
    delete this.viewByType[type];
    for (const leaf of this.app.workspace.getLeavesOfType(type)) {
      if (leaf.isDeferred) continue;
      const state = leaf.getViewState();
      leaf.setDeferred({ ...state, type });
    }
    this.trigger("view-unregistered", type);
  }

  registerExtensions(extensions: string[], type: string): void {
    for (const ext of extensions) {
      if (this.typeByExtension[ext]) throw new Error(`Attempting to register an existing file extension "${ext}"`);
    }
    for (const ext of extensions) this.typeByExtension[ext] = type;
  }

  unregisterExtensions(extensions: string[]): void {
    for (const ext of extensions) delete this.typeByExtension[ext];
  }

  isExtensionRegistered(extension: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.typeByExtension, extension);
  }

  getTypeByExtension(extension: string): string | undefined {
    return this.typeByExtension[extension];
  }

  getViewCreatorByType(type: string): ViewCreator | undefined {
    return this.viewByType[type];
  }
}

/** Settings tabs added by plugins (`app.setting` in Obsidian). */
export class SettingRegistry {
  pluginTabs: SettingTab[] = [];
  /** @internal */ tabOwners = new Map<SettingTab, string>();
  activeTab: SettingTab | null = null;

  addSettingTab(tab: SettingTab, pluginId?: string): void {
    this.pluginTabs.push(tab);
    if (pluginId) this.tabOwners.set(tab, pluginId);
  }

  removeSettingTab(tab: SettingTab): void {
    if (this.activeTab === tab) this.close();
    const i = this.pluginTabs.indexOf(tab);
    if (i !== -1) this.pluginTabs.splice(i, 1);
    this.tabOwners.delete(tab);
  }

  /** Shows a tab the way opening it in the settings window does: `display()` into a fresh container. */
  openTab(tab: SettingTab): void {
    if (this.activeTab && this.activeTab !== tab) this.activeTab.hide();
    this.activeTab = tab;
    tab.containerEl.empty();
    tab.display();
  }

  openTabById(id: string): void {
    const tab = this.pluginTabs.find((t) => this.tabOwners.get(t) === id);
    if (tab) this.openTab(tab);
  }

  close(): void {
    this.activeTab?.hide();
    this.activeTab = null;
  }
}

/** Loaded plugins (`app.plugins` in Obsidian). */
export class PluginRegistry {
  plugins: Record<string, Plugin> = {};
  manifests: Record<string, PluginManifest> = {};
  enabledPlugins = new Set<string>();

  getPlugin(id: string): Plugin | null {
    return this.plugins[id] ?? null;
  }
}

export class Tasks {
  private promises: Promise<unknown>[] = [];

  add(callback: () => Promise<unknown>): void {
    this.promises.push(callback());
  }

  addPromise(promise: Promise<unknown>): void {
    this.promises.push(promise);
  }

  isEmpty(): boolean {
    return this.promises.length === 0;
  }

  promise(): Promise<unknown> {
    return Promise.all(this.promises);
  }
}

export class FileManager {
  constructor(private readonly app: App) {}

  getNewFileParent(sourcePath: string, _newFilePath?: string): TFolder {
    const vault = this.app.vault;
    const location = vault.getConfig("newFileLocation");
    if (location === "current" && sourcePath) {
      const parent = vault.getAbstractFileByPath(sourcePath)?.parent;
      if (parent) return parent;
    }
    if (location === "folder") {
      const folder = vault.getFolderByPath(normalizePath(String(vault.getConfig("newFileFolderPath") ?? "/")));
      if (folder) return folder;
    }
    return vault.getRoot();
  }

  /** Renames and, as Obsidian does with "Automatically update internal links", rewrites wikilinks to the file. */
  async renameFile(file: TAbstractFile, newPath: string): Promise<void> {
    const vault = this.app.vault;
    const cache = this.app.metadataCache;
    const oldPath = file.path;
    const sources: string[] = [];
    for (const [source, targets] of Object.entries(cache.resolvedLinks)) if (targets[oldPath]) sources.push(source);
    const oldLinktexts = new Map<string, string>();
    for (const source of sources) {
      if (file instanceof TFolder) continue;
      oldLinktexts.set(source, cache.fileToLinktext(file as TFile, source));
    }
    await vault.rename(file, newPath);
    if (!vault.getConfig("alwaysUpdateLinks") || file instanceof TFolder) return;
    for (const source of sources) {
      const sourceFile = vault.getFileByPath(source === oldPath ? file.path : source);
      const oldText = oldLinktexts.get(source);
      if (!sourceFile || oldText === undefined) continue;
      const newText = cache.fileToLinktext(file as TFile, sourceFile.path);
      if (newText === oldText) continue;
      const escaped = oldText.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const re = new RegExp(`(!?\\[\\[)${escaped}(?=[#|\\]])`, "g");
      await vault.process(sourceFile, (data) => data.replace(re, `$1${newText}`));
    }
  }

  async trashFile(file: TAbstractFile): Promise<void> {
    await this.app.vault.trash(file, true);
  }

  generateMarkdownLink(file: TFile, sourcePath: string, subpath?: string, alias?: string): string {
    const useMarkdownLinks = !!this.app.vault.getConfig("useMarkdownLinks");
    // Attachments are linked as embeds.
    const embed = file.extension === "md" ? "" : "!";
    if (useMarkdownLinks) {
      const target = encodeURI(this.app.metadataCache.fileToLinktext(file, sourcePath, false)) + (subpath ?? "");
      return `${embed}[${alias || file.basename}](${target})`;
    }
    const linktext = this.app.metadataCache.fileToLinktext(file, sourcePath, true) + (subpath ?? "");
    return `${embed}[[${linktext}${alias ? `|${alias}` : ""}]]`;
  }

  /**
   * Atomic like `Vault.process`: parses the frontmatter, lets `fn` mutate it, writes it back.
   * An emptied object removes the block. YAML errors and errors from `fn` reject without writing.
   */
  async processFrontMatter(file: TFile, fn: (frontmatter: any) => void, options?: DataWriteOptions): Promise<void> {
    await Promise.resolve();
    this.app.vault.adapter.processSync(
      file.path,
      (data) => {
        const info = getFrontMatterInfo(data);
        const parsed: unknown = info.exists ? (parseYaml(info.frontmatter) ?? {}) : {};
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
          throw new Error("Frontmatter must be a valid object!");
        }
        const frontmatter = parsed as Record<string, unknown>;
        fn(frontmatter);
        const body = info.exists ? data.slice(info.contentStart) : data;
        if (Object.keys(frontmatter).length === 0) return body;
        return `---\n${stringifyYaml(frontmatter)}---\n${body}`;
      },
      "fileManager.processFrontMatter",
      options,
    );
  }

  async getAvailablePathForAttachment(filename: string, sourcePath?: string): Promise<string> {
    const vault = this.app.vault;
    const setting = String(vault.getConfig("attachmentFolderPath") ?? "/");
    let folder = "/";
    if (setting.startsWith("./")) {
      folder = normalizePath(joinPath(parentPath(sourcePath ?? ""), setting.slice(2)));
    } else if (setting !== "/") folder = normalizePath(setting);
    if (folder !== "/" && !vault.getFolderByPath(folder)) await vault.createFolder(folder);
    const ext = extensionOf(filename);
    const base = ext ? filename.slice(0, -ext.length - 1) : filename;
    let candidate = joinPath(folder, filename);
    for (let i = 1; vault.getAbstractFileByPath(candidate) || vault.adapter.entries.has(candidate); i++) {
      candidate = joinPath(folder, `${base} ${i}${ext ? `.${ext}` : ""}`);
    }
    return candidate;
  }
}

export interface AppOptions {
  vaultName?: string;
}

let appCounter = 0;

export class App {
  keymap: Keymap;
  scope: Scope;
  workspace: Workspace;
  vault: Vault;
  metadataCache: MetadataCache;
  fileManager: FileManager;
  lastEvent: UserEvent | null = null;
  /** @internal The following mirror Obsidian's internal (untyped) members that plugins use. */
  appId: string;
  commands: Commands;
  plugins = new PluginRegistry();
  setting = new SettingRegistry();
  viewRegistry: ViewRegistry;
  statusBar: { containerEl: HTMLElement };
  hoverLinkSources: Record<string, HoverLinkSource> = {};
  protocolHandlers = new Map<string, ObsidianProtocolHandler>();
  /** @internal */ containerEl: HTMLElement;
  private localStorage = new Map<string, string>();

  constructor(options: AppOptions = {}) {
    this.appId = `fake-app-${++appCounter}`;
    this.keymap = new Keymap();
    this.scope = new Scope();
    this.keymap.pushScope(this.scope);
    this.vault = new Vault(new FileSystemAdapter(options.vaultName ?? "Test Vault"));
    this.metadataCache = new MetadataCache(this.vault);
    this.viewRegistry = new ViewRegistry(this);
    this.commands = new Commands(this);
    this.fileManager = new FileManager(this);
    this.containerEl = createDiv({ cls: "app-container" });
    this.workspace = new Workspace(this);
    this.containerEl.appendChild(this.workspace.containerEl);
    this.statusBar = { containerEl: this.containerEl.createDiv({ cls: "status-bar" }) };
    if (hasGlobalDom()) {
      // One app on screen at a time, so queries against `document` see only the current one.
      for (const old of Array.from(document.body.querySelectorAll(":scope > .app-container"))) old.remove();
      document.body.appendChild(this.containerEl);
    }
  }

  loadLocalStorage(key: string): any | null {
    const raw = this.localStorage.get(key);
    return raw === undefined ? null : (JSON.parse(raw) as unknown);
  }

  saveLocalStorage(key: string, data: unknown | null): void {
    if (data === null || data === undefined) this.localStorage.delete(key);
    else this.localStorage.set(key, JSON.stringify(data));
  }
}
