import type { App } from "./app";
import type { Command } from "./commands";
import { Component } from "./component";
import type { EditorSuggest } from "./modal";
import { setIcon } from "./icons";
import type { PluginSettingTab } from "./settings-ui";
import {
  codeBlockProcessors,
  type MarkdownPostProcessor,
  type MarkdownPostProcessorContext,
  MarkdownPreviewRenderer,
  type ViewCreator,
} from "./views";

export interface PluginManifest {
  dir?: string;
  id: string;
  name: string;
  author: string;
  version: string;
  minAppVersion: string;
  description: string;
  authorUrl?: string;
  isDesktopOnly?: boolean;
}

export interface HoverLinkSource {
  display: string;
  defaultMod: boolean;
}

export interface ObsidianProtocolData {
  action: string;
  [key: string]: string;
}

export type ObsidianProtocolHandler = (params: ObsidianProtocolData) => unknown;

/** Editor extensions are CodeMirror objects; the fake has no CodeMirror, so it only records them. */
export type Extension = unknown;

/** What a plugin can touch in the app; every registration is undone when the plugin unloads. */
export abstract class Plugin extends Component {
  app: App;
  manifest: PluginManifest;

  constructor(app: App, manifest: PluginManifest) {
    super();
    this.app = app;
    this.manifest = manifest;
  }

  override onload(): Promise<void> | void {}

  addRibbonIcon(icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
    const el = this.app.workspace.leftRibbon.containerEl.createDiv({
      cls: "side-dock-ribbon-action clickable-icon",
      attr: { "aria-label": title, "data-plugin-id": this.manifest.id },
    });
    setIcon(el, icon);
    el.addEventListener("click", (evt) => callback(evt as MouseEvent));
    this.register(() => el.detach());
    return el;
  }

  addStatusBarItem(): HTMLElement {
    const el = this.app.statusBar.containerEl.createDiv({ cls: `status-bar-item plugin-${this.manifest.id}` });
    this.register(() => el.detach());
    return el;
  }

  /** Mutates and returns the command: its id becomes "plugin-id:id" and its name "Plugin name: name". */
  addCommand(command: Command): Command {
    command.id = `${this.manifest.id}:${command.id}`;
    command.name = `${this.manifest.name}: ${command.name}`;
    const id = command.id;
    this.app.commands.addCommand(command);
    this.register(() => this.app.commands.removeCommand(id));
    return command;
  }

  removeCommand(commandId: string): void {
    const prefix = `${this.manifest.id}:`;
    this.app.commands.removeCommand(commandId.startsWith(prefix) ? commandId : prefix + commandId);
  }

  addSettingTab(settingTab: PluginSettingTab): void {
    this.app.setting.addSettingTab(settingTab, this.manifest.id);
    this.register(() => this.app.setting.removeSettingTab(settingTab));
  }

  registerView(type: string, viewCreator: ViewCreator): void {
    this.app.viewRegistry.registerView(type, viewCreator);
    this.register(() => this.app.viewRegistry.unregisterView(type));
  }

  registerHoverLinkSource(id: string, info: HoverLinkSource): void {
    this.app.hoverLinkSources[id] = info;
    this.register(() => delete this.app.hoverLinkSources[id]);
  }

  registerExtensions(extensions: string[], viewType: string): void {
    this.app.viewRegistry.registerExtensions(extensions, viewType);
    this.register(() => this.app.viewRegistry.unregisterExtensions(extensions));
  }

  registerMarkdownPostProcessor(postProcessor: MarkdownPostProcessor, sortOrder?: number): MarkdownPostProcessor {
    MarkdownPreviewRenderer.registerPostProcessor(postProcessor, sortOrder);
    this.register(() => MarkdownPreviewRenderer.unregisterPostProcessor(postProcessor));
    return postProcessor;
  }

  registerMarkdownCodeBlockProcessor(
    language: string,
    handler: (source: string, el: HTMLElement, ctx: MarkdownPostProcessorContext) => Promise<unknown> | void,
    _sortOrder?: number,
  ): MarkdownPostProcessor {
    if (codeBlockProcessors.has(language)) throw new Error(`Code block processor for "${language}" is already registered`);
    codeBlockProcessors.set(language, handler);
    this.register(() => codeBlockProcessors.delete(language));
    return MarkdownPreviewRenderer.createCodeBlockPostProcessor(language, handler);
  }

  registerEditorExtension(extension: Extension): void {
    const list = this.app.workspace.editorExtensions;
    list.push(extension);
    this.register(() => {
      const i = list.indexOf(extension);
      if (i !== -1) list.splice(i, 1);
    });
  }

  registerObsidianProtocolHandler(action: string, handler: ObsidianProtocolHandler): void {
    this.app.protocolHandlers.set(action, handler);
    this.register(() => this.app.protocolHandlers.delete(action));
  }

  registerEditorSuggest(editorSuggest: EditorSuggest<unknown>): void {
    const list = this.app.workspace.editorSuggest.suggests;
    list.push(editorSuggest);
    this.register(() => {
      const i = list.indexOf(editorSuggest);
      if (i !== -1) list.splice(i, 1);
    });
  }

  /** The parsed `data.json` in the plugin's folder, or null when there is none. */
  async loadData(): Promise<unknown> {
    const path = this.dataPath();
    if (!(await this.app.vault.adapter.exists(path))) return null;
    return JSON.parse(await this.app.vault.adapter.read(path)) as unknown;
  }

  async saveData(data: unknown): Promise<void> {
    await Promise.resolve();
    const adapter = this.app.vault.adapter;
    adapter.mkdirSync(this.pluginDir(), false);
    adapter.writeSync(this.dataPath(), JSON.stringify(data, null, 2), "plugin.saveData");
  }

  onUserEnable(): void {}

  /** Optional, as in Obsidian: called when data.json changed on disk (sync, another device). */
  onExternalSettingsChange?(): unknown;

  /** @internal */
  pluginDir(): string {
    return this.manifest.dir ?? `${this.app.vault.configDir}/plugins/${this.manifest.id}`;
  }

  /** @internal */
  dataPath(): string {
    return `${this.pluginDir()}/data.json`;
  }
}
