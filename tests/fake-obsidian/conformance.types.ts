// Compile-time checks that the fake has every name of the real API (obsidian 1.8.7).
// Nothing runs here: `tsc --noEmit` fails, naming the missing member, if the fake falls behind.
// Whole-class assignability cannot be checked because the real classes have protected members
// (a fake can never be assignable to them), so members are compared by name, and signatures
// are compared for the functions and classes where that is possible.

import type * as Real from "obsidian";
import type * as Fake from "./index";

type Expect<T extends never> = T;
type Missing<R, F> = Exclude<keyof R, keyof F>;
type Assignable<A extends B, B> = [A, B];

/** Every value the real module exports exists in the fake. */
export type ModuleExports = Expect<Missing<typeof import("obsidian"), typeof import("./index")>>;

/** Every public instance member (and static member) of each real class exists on the fake. */
export type ClassMembers = [
  Expect<Missing<Real.App, Fake.App>>,
  Expect<Missing<Real.Vault, Fake.Vault>>,
  Expect<Missing<typeof Real.Vault, typeof Fake.Vault>>,
  Expect<Missing<Real.TAbstractFile, Fake.TAbstractFile>>,
  Expect<Missing<Real.TFile, Fake.TFile>>,
  Expect<Missing<Real.TFolder, Fake.TFolder>>,
  Expect<Missing<Real.FileSystemAdapter, Fake.FileSystemAdapter>>,
  Expect<Missing<typeof Real.FileSystemAdapter, typeof Fake.FileSystemAdapter>>,
  Expect<Missing<Real.DataAdapter, Fake.DataAdapter>>,
  Expect<Missing<Real.MetadataCache, Fake.MetadataCache>>,
  Expect<Missing<Real.FileManager, Fake.FileManager>>,
  Expect<Missing<Real.Workspace, Fake.Workspace>>,
  Expect<Missing<Real.WorkspaceLeaf, Fake.WorkspaceLeaf>>,
  Expect<Missing<Real.WorkspaceItem, Fake.WorkspaceItem>>,
  Expect<Missing<Real.WorkspaceSidedock, Fake.WorkspaceSidedock>>,
  Expect<Missing<Real.WorkspaceMobileDrawer, Fake.WorkspaceMobileDrawer>>,
  Expect<Missing<Real.WorkspaceRoot, Fake.WorkspaceRoot>>,
  Expect<Missing<Real.WorkspaceWindow, Fake.WorkspaceWindow>>,
  Expect<Missing<Real.WorkspaceTabs, Fake.WorkspaceTabs>>,
  Expect<Missing<Real.WorkspaceSplit, Fake.WorkspaceSplit>>,
  Expect<Missing<Real.WorkspaceFloating, Fake.WorkspaceFloating>>,
  Expect<Missing<Real.View, Fake.View>>,
  Expect<Missing<Real.ItemView, Fake.ItemView>>,
  Expect<Missing<Real.FileView, Fake.FileView>>,
  Expect<Missing<Real.TextFileView, Fake.TextFileView>>,
  Expect<Missing<Real.MarkdownView, Fake.MarkdownView>>,
  Expect<Missing<Real.MarkdownPreviewView, Fake.MarkdownPreviewView>>,
  Expect<Missing<Real.MarkdownEditView, Fake.MarkdownEditView>>,
  Expect<Missing<Real.MarkdownRenderChild, Fake.MarkdownRenderChild>>,
  Expect<Missing<typeof Real.MarkdownRenderer, typeof Fake.MarkdownRenderer>>,
  Expect<Missing<typeof Real.MarkdownPreviewRenderer, typeof Fake.MarkdownPreviewRenderer>>,
  Expect<Missing<Real.Editor, Fake.Editor>>,
  Expect<Missing<Real.Component, Fake.Component>>,
  Expect<Missing<Real.Events, Fake.Events>>,
  Expect<Missing<Real.Plugin, Fake.Plugin>>,
  Expect<Missing<Real.PluginManifest, Fake.PluginManifest>>,
  Expect<Missing<Real.Command, Fake.Command>>,
  Expect<Missing<Real.SettingTab, Fake.SettingTab>>,
  Expect<Missing<Real.PluginSettingTab, Fake.PluginSettingTab>>,
  Expect<Missing<Real.Setting, Fake.Setting>>,
  Expect<Missing<Real.BaseComponent, Fake.BaseComponent>>,
  Expect<Missing<Real.ValueComponent<string>, Fake.ValueComponent<string>>>,
  Expect<Missing<Real.TextComponent, Fake.TextComponent>>,
  Expect<Missing<Real.TextAreaComponent, Fake.TextAreaComponent>>,
  Expect<Missing<Real.SearchComponent, Fake.SearchComponent>>,
  Expect<Missing<Real.MomentFormatComponent, Fake.MomentFormatComponent>>,
  Expect<Missing<Real.ToggleComponent, Fake.ToggleComponent>>,
  Expect<Missing<Real.DropdownComponent, Fake.DropdownComponent>>,
  Expect<Missing<Real.SliderComponent, Fake.SliderComponent>>,
  Expect<Missing<Real.ButtonComponent, Fake.ButtonComponent>>,
  Expect<Missing<Real.ExtraButtonComponent, Fake.ExtraButtonComponent>>,
  Expect<Missing<Real.ColorComponent, Fake.ColorComponent>>,
  Expect<Missing<Real.ProgressBarComponent, Fake.ProgressBarComponent>>,
  Expect<Missing<Real.Notice, Fake.Notice>>,
  Expect<Missing<Real.Modal, Fake.Modal>>,
  Expect<Missing<Real.SuggestModal<string>, Fake.SuggestModal<string>>>,
  Expect<Missing<Real.FuzzySuggestModal<string>, Fake.FuzzySuggestModal<string>>>,
  Expect<Missing<Real.PopoverSuggest<string>, Fake.PopoverSuggest<string>>>,
  Expect<Missing<Real.AbstractInputSuggest<string>, Fake.AbstractInputSuggest<string>>>,
  Expect<Missing<Real.EditorSuggest<string>, Fake.EditorSuggest<string>>>,
  Expect<Missing<Real.Menu, Fake.Menu>>,
  Expect<Missing<Real.MenuItem, Fake.MenuItem>>,
  Expect<Missing<Real.Keymap, Fake.Keymap>>,
  Expect<Missing<typeof Real.Keymap, typeof Fake.Keymap>>,
  Expect<Missing<Real.Scope, Fake.Scope>>,
  Expect<Missing<Real.Tasks, Fake.Tasks>>,
  Expect<Missing<Real.HoverPopover, Fake.HoverPopover>>,
  Expect<Missing<typeof Real.Platform, typeof Fake.Platform>>,
];

/** Interfaces plugins build or read: the fake declares every field. */
export type InterfaceFields = [
  Expect<Missing<Real.CachedMetadata, Fake.CachedMetadata>>,
  Expect<Missing<Real.ListItemCache, Fake.ListItemCache>>,
  Expect<Missing<Real.LinkCache, Fake.LinkCache>>,
  Expect<Missing<Real.FrontMatterInfo, Fake.FrontMatterInfo>>,
  Expect<Missing<Real.EditorTransaction, Fake.EditorTransaction>>,
  Expect<Missing<Real.ViewState, Fake.ViewState>>,
  Expect<Missing<Real.OpenViewState, Fake.OpenViewState>>,
  Expect<Missing<Real.Stat, Fake.Stat>>,
  Expect<Missing<Real.Debouncer<[], void>, Fake.Debouncer<[], void>>>,
];

/** Functions whose signatures can be compared whole: the fake's accepts what the real one does. */
export type FunctionSignatures = [
  Assignable<typeof Fake.debounce, typeof Real.debounce>,
  Assignable<typeof Fake.normalizePath, typeof Real.normalizePath>,
  Assignable<typeof Fake.parseYaml, typeof Real.parseYaml>,
  Assignable<typeof Fake.stringifyYaml, typeof Real.stringifyYaml>,
  Assignable<typeof Fake.getFrontMatterInfo, typeof Real.getFrontMatterInfo>,
  Assignable<typeof Fake.parseFrontMatterAliases, typeof Real.parseFrontMatterAliases>,
  Assignable<typeof Fake.parseFrontMatterTags, typeof Real.parseFrontMatterTags>,
  Assignable<typeof Fake.parseFrontMatterEntry, typeof Real.parseFrontMatterEntry>,
  Assignable<typeof Fake.parseFrontMatterStringArray, typeof Real.parseFrontMatterStringArray>,
  Assignable<typeof Fake.parseLinktext, typeof Real.parseLinktext>,
  Assignable<typeof Fake.getLinkpath, typeof Real.getLinkpath>,
  Assignable<typeof Fake.getAllTags, typeof Real.getAllTags>,
  Assignable<typeof Fake.stripHeading, typeof Real.stripHeading>,
  Assignable<typeof Fake.requireApiVersion, typeof Real.requireApiVersion>,
  Assignable<typeof Fake.setIcon, typeof Real.setIcon>,
  Assignable<typeof Fake.addIcon, typeof Real.addIcon>,
  Assignable<typeof Fake.arrayBufferToBase64, typeof Real.arrayBufferToBase64>,
  Assignable<typeof Fake.prepareFuzzySearch, typeof Real.prepareFuzzySearch>,
  Assignable<typeof Fake.prepareSimpleSearch, typeof Real.prepareSimpleSearch>,
  Assignable<typeof Fake.Platform, typeof Real.Platform>,
  Assignable<typeof Fake.apiVersion, typeof Real.apiVersion>,
];

/** Constructors take the real arguments. */
export type ConstructorParameters_ = [
  Assignable<ConstructorParameters<typeof Real.Notice>, ConstructorParameters<typeof Fake.Notice>>,
  Assignable<ConstructorParameters<typeof Real.Setting>, ConstructorParameters<typeof Fake.Setting>>,
  Assignable<ConstructorParameters<typeof Real.Menu>, ConstructorParameters<typeof Fake.Menu>>,
  Assignable<ConstructorParameters<typeof Real.Events>, ConstructorParameters<typeof Fake.Events>>,
  Assignable<ConstructorParameters<typeof Real.Component>, ConstructorParameters<typeof Fake.Component>>,
];
