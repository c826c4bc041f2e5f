import { describe, expect, it } from "vitest";
import { ItemView, MarkdownView, Plugin, WorkspaceLeaf, WorkspaceSidedock } from "obsidian";
import type { TFile } from "obsidian";
import { createFakeApp, createStartedApp } from "./harness";

const VIEW_TYPE = "test-panel";

class Panel extends ItemView {
  static log: string[] = [];
  getViewType(): string {
    return VIEW_TYPE;
  }
  getDisplayText(): string {
    return "Panel";
  }
  override getIcon(): string {
    return "list";
  }
  protected override async onOpen(): Promise<void> {
    Panel.log.push("open");
    this.contentEl.createEl("h4", { text: "Hello" });
  }
  protected override async onClose(): Promise<void> {
    Panel.log.push("close");
  }
}

class PanelPlugin extends Plugin {
  override async onload(): Promise<void> {
    this.registerView(VIEW_TYPE, (leaf) => new Panel(leaf));
  }
}

describe("layout ready", () => {
  it("onLayoutReady queues callbacks until the layout is ready, then runs them at once", async () => {
    const h = createFakeApp();
    const calls: string[] = [];
    h.workspace.onLayoutReady(() => calls.push("first"));
    h.workspace.onLayoutReady(() => calls.push("second"));
    expect(h.workspace.layoutReady).toBe(false);
    expect(calls).toEqual([]);
    await h.startup();
    expect(h.workspace.layoutReady).toBe(true);
    expect(calls).toEqual(["first", "second"]);
    h.workspace.onLayoutReady(() => calls.push("immediate"));
    expect(calls.at(-1)).toBe("immediate"); // synchronously
  });
});

describe("opening files", () => {
  it("openFile shows a MarkdownView; active-leaf-change then file-open follow on the next tick", async () => {
    const h = await createStartedApp({ files: { "a.md": "# A\nbody", "b.md": "B" } });
    h.clearLogs();
    const leaf = h.workspace.getLeaf(false);
    await leaf.openFile(h.file("a.md"));
    expect(h.eventLabels("workspace")).toEqual([]);
    await h.flush();
    expect(h.eventLabels("workspace")).toEqual(["workspace:active-leaf-change", "workspace:file-open a.md", "workspace:layout-change"]);
    expect(leaf.view).toBeInstanceOf(MarkdownView);
    const view = h.workspace.getActiveViewOfType(MarkdownView);
    expect(view).toBe(leaf.view);
    expect(view?.getViewType()).toBe("markdown");
    expect(view?.file?.path).toBe("a.md");
    expect(view?.getViewData()).toBe("# A\nbody");
    expect(view?.editor.getLine(1)).toBe("body");
    expect(view?.getDisplayText()).toBe("a");
    expect(h.workspace.getActiveFile()?.path).toBe("a.md");
    expect(h.workspace.activeEditor?.editor).toBe(view?.editor);
    expect(leaf.getViewState()).toMatchObject({ type: "markdown", state: { file: "a.md" } });

    // Same leaf, another file: the view is reused and file-open fires for the new file.
    h.clearLogs();
    await leaf.openFile(h.file("b.md"));
    await h.flush();
    expect(leaf.view).toBe(view);
    expect(h.eventLabels("workspace")).toContain("workspace:file-open b.md");
    expect(h.workspace.getLastOpenFiles()).toEqual(["b.md", "a.md"]);
  });

  it("getLeaf(false) reuses the active navigable leaf, getLeaf('tab') adds one, 'split' adds a tab group", async () => {
    const h = await createStartedApp({ files: { "a.md": "" } });
    const first = h.workspace.getLeaf(false);
    expect(h.workspace.getLeaf(false)).toBe(first);
    const tab = h.workspace.getLeaf("tab");
    expect(tab).not.toBe(first);
    expect(tab.parent).toBe(first.parent);
    const split = h.workspace.getLeaf("split");
    expect(split.parent).not.toBe(first.parent);
    const all: WorkspaceLeaf[] = [];
    h.workspace.iterateRootLeaves((l) => all.push(l));
    expect(all).toHaveLength(3);
    // A pinned leaf is not reused.
    first.setPinned(true);
    expect(h.workspace.getLeaf(false)).not.toBe(first);
  });

  it("detaching the active leaf activates another; closing the last tab leaves an empty one", async () => {
    const h = await createStartedApp({ files: { "a.md": "" } });
    const leaf = h.workspace.getLeaf(false);
    await h.run(leaf.openFile(h.file("a.md")));
    await h.flush();
    h.clearLogs();
    leaf.detach();
    await h.flush();
    const left: WorkspaceLeaf[] = [];
    h.workspace.iterateRootLeaves((l) => left.push(l));
    expect(left).toHaveLength(1);
    expect(left[0]?.view.getViewType()).toBe("empty");
    expect(h.workspace.activeLeaf).toBe(left[0]);
    expect(h.workspace.getActiveFile()).toBeNull();
    expect(h.eventLabels("workspace")).toEqual(["workspace:active-leaf-change", "workspace:file-open", "workspace:layout-change"]);
    expect(h.eventLog[1]?.args).toEqual([null]);
  });
});

describe("plugin views", () => {
  it("a registered ItemView opens in the right sidebar with header and content elements", async () => {
    Panel.log = [];
    const h = await createStartedApp();
    await h.loadPlugin(PanelPlugin);
    const leaf = h.workspace.getRightLeaf(false) as WorkspaceLeaf;
    await leaf.setViewState({ type: VIEW_TYPE, active: true });
    expect(leaf.view).toBeInstanceOf(Panel);
    const view = leaf.view as Panel;
    expect(Panel.log).toEqual(["open"]);
    expect(view.containerEl.children[0]?.hasClass("view-header")).toBe(true);
    expect(view.containerEl.children[1]).toBe(view.contentEl);
    expect(view.contentEl.find("h4")?.getText()).toBe("Hello");
    expect(view.app).toBe(h.app);
    expect(view.leaf).toBe(leaf);
    expect(leaf.getIcon()).toBe("list");
    expect(leaf.getDisplayText()).toBe("Panel");
    expect(leaf.getRoot()).toBe(h.workspace.rightSplit);
    expect(h.workspace.getLeavesOfType(VIEW_TYPE)).toEqual([leaf]);
    await h.flush();
    expect(h.workspace.activeLeaf).toBe(leaf);
    expect(h.workspace.getActiveViewOfType(Panel)).toBe(view);

    const right = h.workspace.rightSplit as WorkspaceSidedock;
    right.collapse();
    const revealed = h.workspace.revealLeaf(leaf);
    expect(revealed).toBeInstanceOf(Promise);
    await revealed;
    expect(right.collapsed).toBe(false);

    // setViewState with the same type keeps the view.
    await leaf.setViewState({ type: VIEW_TYPE });
    expect(leaf.view).toBe(view);
    expect(Panel.log).toEqual(["open"]);

    h.workspace.detachLeavesOfType(VIEW_TYPE);
    await h.flush();
    expect(Panel.log).toEqual(["open", "close"]);
    expect(h.workspace.getLeavesOfType(VIEW_TYPE)).toEqual([]);
  });

  it("background tabs restored at startup are deferred until shown (Obsidian 1.7.2+)", async () => {
    Panel.log = [];
    const h = createFakeApp({
      files: { "a.md": "" },
      layout: [
        { type: "markdown", state: { file: "a.md" }, active: true },
        { type: VIEW_TYPE, side: "right" },
        { type: VIEW_TYPE, side: "right" },
      ],
    });
    await h.loadPlugin(PanelPlugin);
    await h.startup();
    const leaves = h.workspace.getLeavesOfType(VIEW_TYPE);
    expect(leaves).toHaveLength(2);
    const [shown, background] = leaves as [WorkspaceLeaf, WorkspaceLeaf];
    expect(shown.isDeferred).toBe(false);
    expect(shown.view).toBeInstanceOf(Panel);
    expect(background.isDeferred).toBe(true);
    expect(background.view).not.toBeInstanceOf(Panel);
    expect(background.view.getViewType()).toBe(VIEW_TYPE);
    expect(Panel.log).toEqual(["open"]);

    await background.loadIfDeferred();
    expect(background.isDeferred).toBe(false);
    expect(background.view).toBeInstanceOf(Panel);
    expect(Panel.log).toEqual(["open", "open"]);
    expect(h.workspace.getActiveFile()?.path).toBe("a.md");
  });

  it("unloading the plugin closes its views but keeps their leaves", async () => {
    Panel.log = [];
    const h = await createStartedApp();
    const plugin = await h.loadPlugin(PanelPlugin);
    const leaf = h.workspace.getRightLeaf(false) as WorkspaceLeaf;
    await leaf.setViewState({ type: VIEW_TYPE });
    await h.unloadPlugin(plugin);
    expect(Panel.log).toEqual(["open", "close"]);
    expect(leaf.view).not.toBeInstanceOf(Panel);
    expect(h.workspace.getLeavesOfType(VIEW_TYPE)).toEqual([leaf]);
  });
});

describe("Markdown editing and saving", () => {
  it("edits mark the view dirty, fire editor-change at once, and are saved once, 2 s later", async () => {
    const h = await createStartedApp({ files: { "a.md": "Hello" } });
    const view = await h.openFile("a.md");
    const changes: unknown[] = [];
    h.workspace.on("editor-change", (editor, info) => changes.push([editor === view.editor, info === view]));
    view.editor.setCursor({ line: 0, ch: 5 });
    view.editor.replaceSelection(" world");
    view.editor.replaceSelection("!");
    expect(changes).toEqual([
      [true, true],
      [true, true],
    ]);
    expect(h.read("a.md")).toBe("Hello"); // not saved yet
    expect(view.getViewData()).toBe("Hello world!");
    await h.advance(1999);
    expect(h.vaultWrites()).toEqual([]);
    await h.advance(1);
    expect(h.vaultWrites().map((w) => [w.api, w.data])).toEqual([["view.save", "Hello world!"]]);
    await h.settle();
    expect(h.vaultWrites()).toHaveLength(1);
  });

  it("save() writes only when the view differs from the file; closing a dirty view saves it", async () => {
    const h = await createStartedApp({ files: { "a.md": "A" } });
    const view = await h.openFile("a.md");
    await view.save();
    expect(h.vaultWrites()).toEqual([]);
    view.editor.setValue("changed");
    view.leaf.detach();
    await h.flush();
    expect(h.read("a.md")).toBe("changed");
    expect(h.vaultWrites().map((w) => w.api)).toEqual(["view.save"]);
  });

  it("an outside change reloads a clean view, keeping the caret where the text did not change", async () => {
    const h = await createStartedApp({ files: { "a.md": "line 1\nline 2\nline 3" } });
    const view = await h.openFile("a.md");
    view.editor.setCursor({ line: 2, ch: 3 });
    await h.vault.process(h.file("a.md"), (d) => d.replace("line 1", "first line"));
    await h.flush();
    expect(view.editor.getValue()).toBe("first line\nline 2\nline 3");
    expect(view.editor.getCursor()).toEqual({ line: 2, ch: 3 });
  });

  it("a view with unsaved edits keeps them over an outside change, and its save overwrites it", async () => {
    const h = await createStartedApp({ files: { "a.md": "original" } });
    const view = await h.openFile("a.md");
    view.editor.setValue("my unsaved edit");
    await h.modifyExternally("a.md", "written by another program");
    await h.flush();
    expect(view.editor.getValue()).toBe("my unsaved edit");
    await h.settle();
    expect(h.read("a.md")).toBe("my unsaved edit");
  });

  it("the view follows renames and closes when its file is deleted", async () => {
    const h = await createStartedApp({ files: { "a.md": "x" } });
    const view = await h.openFile("a.md");
    const file = view.file as TFile;
    await h.vault.rename(file, "b.md");
    expect(view.file?.path).toBe("b.md");
    await h.vault.delete(file);
    await h.flush();
    expect(h.workspace.getLeavesOfType("markdown")).toEqual([]);
  });
});
