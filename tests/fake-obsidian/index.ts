// The fake `obsidian` module: vitest aliases `import ... from "obsidian"` to this file.
// Only names of the real API are exported here; test controls live in ./harness.

import { installIfDomPresent } from "./dom";
import { installGlobalExtensions } from "./globals";

installGlobalExtensions();
installIfDomPresent();

export type { DataAdapter, DataWriteOptions, ListedFiles, Stat } from "./adapter";
export { CapacitorAdapter, FileSystemAdapter } from "./adapter";
export { App, FileManager, Tasks } from "./app";
export type { Command } from "./commands";
export { Component } from "./component";
export { debounce } from "./debounce";
export type { Debouncer } from "./debounce";
export { Editor } from "./editor";
export type {
  EditorChange,
  EditorCommandName,
  EditorPosition,
  EditorRange,
  EditorRangeOrCaret,
  EditorScrollInfo,
  EditorSelection,
  EditorSelectionOrCaret,
  EditorTransaction,
} from "./editor";
export { Events } from "./events";
export type { EventRef } from "./events";
export { TAbstractFile, TFile, TFolder } from "./files";
export type { FileStats } from "./files";
export {
  getAllTags,
  getFrontMatterInfo,
  getLinkpath,
  iterateCacheRefs,
  iterateRefs,
  parseFrontMatterAliases,
  parseFrontMatterEntry,
  parseFrontMatterStringArray,
  parseFrontMatterTags,
  parseLinktext,
  parseYaml,
  resolveSubpath,
  stringifyYaml,
  stripHeading,
  stripHeadingForLink,
} from "./frontmatter";
export type {
  BlockSubpathResult,
  FootnoteSubpathResult,
  FrontMatterInfo,
  HeadingSubpathResult,
  SubpathResult,
} from "./frontmatter";
export { addIcon, displayTooltip, getIcon, getIconIds, removeIcon, setIcon, setTooltip } from "./icons";
export type { IconName, TooltipOptions } from "./icons";
export { Keymap, Scope } from "./keymap";
export type {
  Hotkey,
  KeymapContext,
  KeymapEventHandler,
  KeymapEventListener,
  KeymapInfo,
  Modifier,
  UserEvent,
} from "./keymap";
export type {
  BlockCache,
  CachedMetadata,
  CacheItem,
  EmbedCache,
  FootnoteCache,
  FootnoteRefCache,
  FrontMatterCache,
  FrontmatterLinkCache,
  HeadingCache,
  LinkCache,
  ListItemCache,
  Loc,
  Pos,
  Reference,
  ReferenceCache,
  ReferenceLinkCache,
  SectionCache,
  TagCache,
} from "./markdown-parse";
export { Menu, MenuItem, MenuSeparator } from "./menu";
export type { MenuPositionDef } from "./menu";
export { MetadataCache } from "./metadata-cache";
export {
  AbstractInputSuggest,
  EditorSuggest,
  FuzzySuggestModal,
  Modal,
  PopoverSuggest,
  SuggestModal,
} from "./modal";
export type {
  CloseableComponent,
  EditorSuggestContext,
  EditorSuggestTriggerInfo,
  Instruction,
  ISuggestOwner,
} from "./modal";
export { Notice } from "./notice";
export { normalizePath } from "./path";
export { apiVersion, getLanguage, Platform, requireApiVersion } from "./platform";
export { Plugin } from "./plugin";
export type { HoverLinkSource, ObsidianProtocolData, ObsidianProtocolHandler, PluginManifest } from "./plugin";
export { prepareFuzzySearch, prepareSimpleSearch, renderMatches, renderResults, sortSearchResults } from "./search";
export type { FuzzyMatch, SearchMatches, SearchMatchPart, SearchResult, SearchResultContainer } from "./search";
export {
  AbstractTextComponent,
  BaseComponent,
  ButtonComponent,
  ColorComponent,
  DropdownComponent,
  ExtraButtonComponent,
  MomentFormatComponent,
  PluginSettingTab,
  ProgressBarComponent,
  SearchComponent,
  Setting,
  SettingTab,
  SliderComponent,
  TextAreaComponent,
  TextComponent,
  ToggleComponent,
  ValueComponent,
} from "./settings-ui";
export type { HexString, HSL, RGB } from "./settings-ui";
export {
  arrayBufferToBase64,
  arrayBufferToHex,
  base64ToArrayBuffer,
  editorEditorField,
  editorInfoField,
  editorLivePreviewField,
  editorViewField,
  finishRenderMath,
  getBlobArrayBuffer,
  hexToArrayBuffer,
  HoverPopover,
  htmlToMarkdown,
  livePreviewState,
  loadMathJax,
  loadMermaid,
  loadPdfJs,
  loadPrism,
  moment,
  PopoverState,
  renderMath,
  request,
  requestUrl,
  sanitizeHTMLToDom,
} from "./utils";
export type { Point, RequestUrlParam, RequestUrlResponse, RequestUrlResponsePromise } from "./utils";
export { Vault } from "./vault";
export {
  EditableFileView,
  FileView,
  ItemView,
  MarkdownEditView,
  MarkdownPreviewRenderer,
  MarkdownPreviewView,
  MarkdownRenderChild,
  MarkdownRenderer,
  MarkdownView,
  TextFileView,
  View,
} from "./views";
export type {
  HoverParent,
  MarkdownFileInfo,
  MarkdownPostProcessor,
  MarkdownPostProcessorContext,
  MarkdownSubView,
  MarkdownViewModeType,
  ViewCreator,
  ViewState,
  ViewStateResult,
} from "./views";
export {
  Workspace,
  WorkspaceContainer,
  WorkspaceFloating,
  WorkspaceItem,
  WorkspaceLeaf,
  WorkspaceMobileDrawer,
  WorkspaceParent,
  WorkspaceRibbon,
  WorkspaceRoot,
  WorkspaceSidedock,
  WorkspaceSplit,
  WorkspaceTabs,
  WorkspaceWindow,
} from "./workspace";
export type {
  Constructor,
  OpenViewState,
  PaneType,
  Side,
  SplitDirection,
  WorkspaceWindowInitData,
} from "./workspace";
