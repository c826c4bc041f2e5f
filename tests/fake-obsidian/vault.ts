import { type AdapterChange, type DataWriteOptions, FileSystemAdapter } from "./adapter";
import { type EventRef, Events } from "./events";
import { TAbstractFile, TFile, TFolder } from "./files";
import { isHiddenPath, normalizePath, parentPath } from "./path";

/**
 * The app's own reactions to vault changes. Obsidian wires these as ordinary listeners that were
 * registered before any plugin (so the metadata cache sees a change first, open views last);
 * keeping them off the public listener lists lets the harness count only the plugin's listeners.
 */
export interface VaultObserver {
  onCreate?(file: TAbstractFile): void;
  onModify?(file: TFile): void;
  onDelete?(file: TAbstractFile): void;
  onRename?(file: TAbstractFile, oldPath: string): void;
}

const DEFAULT_CONFIG: Record<string, unknown> = {
  useMarkdownLinks: false,
  newLinkFormat: "shortest",
  attachmentFolderPath: "/",
  newFileLocation: "root",
  newFileFolderPath: "/",
  alwaysUpdateLinks: true,
  userIgnoreFilters: [],
  showUnsupportedFiles: false,
};

export class Vault extends Events {
  adapter: FileSystemAdapter;
  configDir = ".obsidian";
  /** @internal Path to file or folder, as Obsidian's `fileMap`. */
  fileMap: Record<string, TAbstractFile> = {};
  /** @internal Runs before public listeners (the metadata cache). */
  earlyObservers: VaultObserver[] = [];
  /** @internal Runs after public listeners (open views). */
  lateObservers: VaultObserver[] = [];
  /** @internal */ config: Record<string, unknown> = { ...DEFAULT_CONFIG };
  /** @internal False until startup has read the files on disk into the tree. */
  loaded = false;
  private root: TFolder;

  constructor(adapter?: FileSystemAdapter) {
    super();
    this.adapter = adapter ?? new FileSystemAdapter();
    this.root = new TFolder(this, "/");
    this.fileMap["/"] = this.root;
    this.adapter.onChange = (change) => this.reconcile(change);
  }

  getName(): string {
    return this.adapter.getName();
  }

  /** Not in the public typings, but widely used by plugins for settings such as link format. */
  getConfig(key: string): unknown {
    return this.config[key];
  }

  /** @internal */
  setConfig(key: string, value: unknown): void {
    this.config[key] = value;
  }

  getFileByPath(path: string): TFile | null {
    const f = this.fileMap[path];
    return f instanceof TFile ? f : null;
  }

  getFolderByPath(path: string): TFolder | null {
    const f = this.fileMap[path];
    return f instanceof TFolder ? f : null;
  }

  getAbstractFileByPath(path: string): TAbstractFile | null {
    return this.fileMap[path] ?? null;
  }

  getRoot(): TFolder {
    return this.root;
  }

  async create(path: string, data: string, options?: DataWriteOptions): Promise<TFile> {
    const p = normalizePath(path);
    this.assertFree(p, "File already exists.");
    await Promise.resolve();
    this.assertFree(p, "File already exists.");
    this.adapter.writeSync(p, data, "vault.create", options);
    return this.requireFile(p);
  }

  async createBinary(path: string, data: ArrayBuffer, options?: DataWriteOptions): Promise<TFile> {
    const p = normalizePath(path);
    this.assertFree(p, "File already exists.");
    await Promise.resolve();
    this.assertFree(p, "File already exists.");
    this.adapter.writeSync(p, data, "vault.createBinary", options);
    return this.requireFile(p);
  }

  async createFolder(path: string): Promise<TFolder> {
    const p = normalizePath(path);
    this.assertFree(p, "Folder already exists.");
    await Promise.resolve();
    this.assertFree(p, "Folder already exists.");
    this.adapter.mkdirSync(p, true);
    const folder = this.getFolderByPath(p);
    if (!folder) throw new Error(`fake-obsidian: folder ${p} was not created`);
    return folder;
  }

  async read(file: TFile): Promise<string> {
    await Promise.resolve();
    this.adapter.assertReadable(file.path);
    return this.adapter.readSync(file.path);
  }

  /** Rejects with the adapter's error for a file it cannot read, as Obsidian's does. */
  async cachedRead(file: TFile): Promise<string> {
    await Promise.resolve();
    this.adapter.assertReadable(file.path);
    return this.adapter.readSync(file.path);
  }

  async readBinary(file: TFile): Promise<ArrayBuffer> {
    return this.adapter.readBinary(file.path);
  }

  getResourcePath(file: TFile): string {
    return this.adapter.getResourcePath(file.path);
  }

  async delete(file: TAbstractFile, _force?: boolean): Promise<void> {
    await Promise.resolve();
    this.assertLive(file);
    this.adapter.removeTree(file.path, file instanceof TFolder ? "rmdir" : "remove");
  }

  async trash(file: TAbstractFile, system: boolean): Promise<void> {
    this.assertLive(file);
    if (system) await this.adapter.trashSystem(file.path);
    else await this.adapter.trashLocal(file.path);
  }

  async rename(file: TAbstractFile, newPath: string): Promise<void> {
    const p = normalizePath(newPath);
    await Promise.resolve();
    this.assertLive(file);
    if (p === file.path) return;
    const existing = this.fileMap[p];
    if (existing && existing !== file) throw new Error("Destination file already exists!");
    await this.adapter.rename(file.path, p);
  }

  async modify(file: TFile, data: string, options?: DataWriteOptions): Promise<void> {
    await Promise.resolve();
    this.assertLive(file);
    this.adapter.writeSync(file.path, data, "vault.modify", options);
  }

  async modifyBinary(file: TFile, data: ArrayBuffer, options?: DataWriteOptions): Promise<void> {
    await Promise.resolve();
    this.assertLive(file);
    this.adapter.writeSync(file.path, data, "vault.modifyBinary", options);
  }

  async append(file: TFile, data: string, options?: DataWriteOptions): Promise<void> {
    await Promise.resolve();
    this.assertLive(file);
    this.adapter.processSync(file.path, (before) => before + data, "vault.append", options);
  }

  /** Atomic: the callback sees the current content and its result is written before anything else runs. */
  async process(file: TFile, fn: (data: string) => string, options?: DataWriteOptions): Promise<string> {
    await Promise.resolve();
    this.assertLive(file);
    return this.adapter.processSync(file.path, fn, "vault.process", options);
  }

  async copy<T extends TAbstractFile>(file: T, newPath: string): Promise<T> {
    const p = normalizePath(newPath);
    await Promise.resolve();
    this.assertLive(file);
    this.assertFree(p, "File already exists.");
    this.adapter.copySync(file.path, p, "vault.copy");
    const copy = this.fileMap[p];
    if (!copy) throw new Error(`fake-obsidian: copy at ${p} was not created`);
    return copy as T;
  }

  getAllLoadedFiles(): TAbstractFile[] {
    return Object.values(this.fileMap);
  }

  getAllFolders(includeRoot?: boolean): TFolder[] {
    return Object.values(this.fileMap).filter(
      (f): f is TFolder => f instanceof TFolder && (includeRoot || !f.isRoot()),
    );
  }

  static recurseChildren(root: TFolder, cb: (file: TAbstractFile) => unknown): void {
    const stack: TAbstractFile[] = [root];
    while (stack.length) {
      const file = stack.pop() as TAbstractFile;
      cb(file);
      if (file instanceof TFolder) stack.push(...file.children);
    }
  }

  getMarkdownFiles(): TFile[] {
    return this.getFiles().filter((f) => f.extension === "md");
  }

  getFiles(): TFile[] {
    return Object.values(this.fileMap).filter((f): f is TFile => f instanceof TFile);
  }

  override on(name: "create", callback: (file: TAbstractFile) => unknown, ctx?: unknown): EventRef;
  override on(name: "modify", callback: (file: TAbstractFile) => unknown, ctx?: unknown): EventRef;
  override on(name: "delete", callback: (file: TAbstractFile) => unknown, ctx?: unknown): EventRef;
  override on(name: "rename", callback: (file: TAbstractFile, oldPath: string) => unknown, ctx?: unknown): EventRef;
  override on(name: string, callback: (...data: never[]) => unknown, ctx?: unknown): EventRef;
  override on(name: string, callback: (...data: never[]) => unknown, ctx?: unknown): EventRef {
    return super.on(name, callback as (...data: unknown[]) => unknown, ctx);
  }

  /**
   * @internal Startup: the files already on disk enter the tree one by one, each with a `create`
   * event, which is why plugins listening to `create` in `onload` see every existing file.
   */
  loadFromAdapter(): void {
    this.loaded = true;
    const walk = (folder: string): void => {
      for (const path of this.adapter.childrenOf(folder)) {
        if (isHiddenPath(path)) continue;
        if (!this.fileMap[path]) {
          if (this.adapter.hasFolder(path)) this.addFolder(path);
          else this.addFile(path);
        }
        if (this.adapter.hasFolder(path)) walk(path);
      }
    };
    walk("/");
  }

  private reconcile(change: AdapterChange): void {
    // Before startup the vault knows no files yet; startup reads everything that is on disk then.
    if (!this.loaded) return;
    switch (change.type) {
      case "folder-created":
        if (!isHiddenPath(change.path) && !this.fileMap[change.path]) this.addFolder(change.path);
        return;
      case "file-created":
        if (!isHiddenPath(change.path) && !this.fileMap[change.path]) this.addFile(change.path);
        return;
      case "file-modified": {
        const file = this.fileMap[change.path];
        if (file instanceof TFile) this.modified(file);
        return;
      }
      case "file-removed":
      case "folder-removed": {
        const file = this.fileMap[change.path];
        if (file) this.removed(file);
        return;
      }
      case "renamed":
        this.renamed(change.path, change.oldPath);
        return;
    }
  }

  private addFolder(path: string): TFolder {
    const folder = new TFolder(this, path);
    this.attach(folder);
    this.emit("create", folder);
    return folder;
  }

  private addFile(path: string): TFile {
    const file = new TFile(this, path);
    this.refreshStat(file);
    this.attach(file);
    this.emit("create", file);
    return file;
  }

  private attach(file: TAbstractFile): void {
    const parent = this.ensureFolder(parentPath(file.path));
    file.parent = parent;
    parent.children.push(file);
    this.fileMap[file.path] = file;
  }

  private ensureFolder(path: string): TFolder {
    const existing = this.fileMap[path];
    if (existing instanceof TFolder) return existing;
    return this.addFolder(path);
  }

  private refreshStat(file: TFile): void {
    const stat = this.adapter.statSync(file.path);
    if (stat) file.stat = { ctime: stat.ctime, mtime: stat.mtime, size: stat.size };
  }

  private modified(file: TFile): void {
    this.refreshStat(file);
    for (const o of this.earlyObservers) o.onModify?.(file);
    this.trigger("modify", file);
    for (const o of this.lateObservers) o.onModify?.(file);
  }

  private removed(file: TAbstractFile): void {
    if (file instanceof TFolder) for (const child of file.children.slice()) this.removed(child);
    const parent = file.parent;
    if (parent) removeItem(parent.children, file);
    delete this.fileMap[file.path];
    file.deleted = true;
    for (const o of this.earlyObservers) o.onDelete?.(file);
    this.trigger("delete", file);
    for (const o of this.lateObservers) o.onDelete?.(file);
  }

  private renamed(path: string, oldPath: string): void {
    const file = this.fileMap[oldPath];
    if (!file) {
      // Moved in from a hidden location (restored from .trash): new files as far as the vault knows.
      if (!isHiddenPath(path)) this.loadSubtree(path);
      return;
    }
    if (isHiddenPath(path)) {
      // Moved to .trash: gone from the vault.
      this.removed(file);
      return;
    }
    const moved: [TAbstractFile, string][] = [];
    const collect = (f: TAbstractFile): void => {
      moved.push([f, f.path]);
      if (f instanceof TFolder) for (const child of f.children) collect(child);
    };
    collect(file);
    for (const [f, old] of moved) delete this.fileMap[old];
    if (file.parent) removeItem(file.parent.children, file);
    for (const [f, old] of moved) {
      f.setPath(path + old.slice(oldPath.length));
      this.fileMap[f.path] = f;
    }
    const parent = this.ensureFolder(parentPath(path));
    file.parent = parent;
    parent.children.push(file);
    // The folder first, then everything inside it, each with its own old path.
    for (const [f, old] of moved) {
      for (const o of this.earlyObservers) o.onRename?.(f, old);
      this.trigger("rename", f, old);
      for (const o of this.lateObservers) o.onRename?.(f, old);
    }
  }

  private loadSubtree(path: string): void {
    if (this.adapter.hasFolder(path)) {
      this.addFolder(path);
      for (const child of this.adapter.childrenOf(path)) this.loadSubtree(child);
    } else if (this.adapter.hasFile(path)) {
      this.addFile(path);
    }
  }

  private emit(name: "create", file: TAbstractFile): void {
    for (const o of this.earlyObservers) o.onCreate?.(file);
    this.trigger(name, file);
    for (const o of this.lateObservers) o.onCreate?.(file);
  }

  private assertFree(path: string, message: string): void {
    if (this.fileMap[path] || this.adapter.entries.has(path)) throw new Error(message);
  }

  private assertLive(file: TAbstractFile): void {
    if (file.deleted || this.fileMap[file.path] !== file) {
      throw new Error(`fake-obsidian: "${file.path}" is not in the vault (deleted or a stale TFile)`);
    }
  }

  private requireFile(path: string): TFile {
    if (!this.loaded) throw new Error("fake-obsidian: the vault has not loaded yet; call the harness's startup() first");
    const file = this.getFileByPath(path);
    if (!file) throw new Error(`fake-obsidian: file ${path} was not created`);
    return file;
  }
}

export function removeItem<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i !== -1) list.splice(i, 1);
}
