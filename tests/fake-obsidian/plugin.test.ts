import { describe, expect, it } from "vitest";
import { ItemView, MarkdownView, Notice, Plugin, PluginSettingTab, Setting, debounce } from "obsidian";
import type { App, Command, Editor, TAbstractFile } from "obsidian";
import { createFakeApp, createStartedApp } from "./harness";

const manifest = { id: "sample", name: "Sample" };

describe("commands", () => {
  it("addCommand prefixes id and name, returns the same object, and the command runs by its full id", async () => {
    const h = await createStartedApp();
    let ran = 0;
    let returned: Command | null = null;
    const plugin = await h.loadPlugin(
      class extends Plugin {
        override onload(): void {
          const cmd = { id: "do-it", name: "Do it", callback: () => ran++ };
          returned = this.addCommand(cmd);
          expect(returned).toBe(cmd);
        }
      },
      { manifest },
    );
    expect(returned).toMatchObject({ id: "sample:do-it", name: "Sample: Do it" });
    expect(h.commands().map((c) => c.id)).toEqual(["sample:do-it"]);
    expect(h.executeCommand("sample:do-it")).toBe(true);
    expect(ran).toBe(1);
    expect(() => h.executeCommand("do-it")).toThrow(/no command/);
    plugin.removeCommand("do-it");
    expect(h.commands()).toEqual([]);
  });

  it("checkCallback is asked with checking=true first and runs with false only if it said yes", async () => {
    const h = await createStartedApp();
    const calls: boolean[] = [];
    let allowed = false;
    await h.loadPlugin(
      class extends Plugin {
        override onload(): void {
          this.addCommand({
            id: "guarded",
            name: "Guarded",
            checkCallback: (checking) => {
              calls.push(checking);
              return allowed;
            },
          });
        }
      },
      { manifest },
    );
    expect(h.executeCommand("sample:guarded")).toBe(false);
    expect(calls).toEqual([true]);
    expect(h.availableCommands()).toEqual([]);
    allowed = true;
    calls.length = 0;
    expect(h.availableCommands()).toEqual(["sample:guarded"]);
    expect(calls).toEqual([true]);
    calls.length = 0;
    expect(h.executeCommand("sample:guarded")).toBe(true);
    expect(calls).toEqual([true, false]);
  });

  it("editor callbacks need an active Markdown editor and take precedence over the others", async () => {
    const h = await createStartedApp({ files: { "a.md": "text" } });
    const log: string[] = [];
    await h.loadPlugin(
      class extends Plugin {
        override onload(): void {
          this.addCommand({
            id: "edit",
            name: "Edit",
            callback: () => log.push("callback (overridden)"),
            editorCallback: (editor: Editor, ctx) => {
              log.push(`editor ${editor.getValue()} ${ctx instanceof MarkdownView}`);
            },
          });
          this.addCommand({
            id: "edit-check",
            name: "Edit check",
            editorCheckCallback: (checking, editor) => {
              log.push(`check ${checking}`);
              return editor.getValue().length > 0;
            },
          });
        }
      },
      { manifest },
    );
    expect(h.availableCommands()).toEqual([]);
    expect(h.executeCommand("sample:edit")).toBe(false);
    expect(log).toEqual([]);
    await h.openFile("a.md");
    expect(h.availableCommands()).toEqual(["sample:edit", "sample:edit-check"]);
    log.length = 0;
    expect(h.executeCommand("sample:edit")).toBe(true);
    expect(h.executeCommand("sample:edit-check")).toBe(true);
    expect(log).toEqual(["editor text true", "check true", "check false"]);
  });
});

describe("plugin data", () => {
  it("loadData returns null without data.json, the preset otherwise; saveData round-trips through JSON", async () => {
    const h = await createStartedApp();
    class DataPlugin extends Plugin {}
    const empty = await h.loadPlugin(DataPlugin, { manifest: { id: "empty" } });
    expect(await empty.loadData()).toBeNull();

    const plugin = await h.loadPlugin(DataPlugin, { manifest, data: { refreshDelaySeconds: 5 } });
    expect(await plugin.loadData()).toEqual({ refreshDelaySeconds: 5 });
    await plugin.saveData({ when: new Date(0), skip: undefined, list: [1] });
    expect(await plugin.loadData()).toEqual({ when: "1970-01-01T00:00:00.000Z", list: [1] });
    expect(h.pluginData(plugin)).toEqual({ when: "1970-01-01T00:00:00.000Z", list: [1] });
    expect(h.writeLog.map((w) => [w.api, w.path])).toEqual([["plugin.saveData", ".obsidian/plugins/sample/data.json"]]);
    expect(h.vaultWrites()).toEqual([]);
  });

  it("an outside change to data.json calls onExternalSettingsChange", async () => {
    const h = await createStartedApp();
    const seen: unknown[] = [];
    const plugin = await h.loadPlugin(
      class extends Plugin {
        override async onExternalSettingsChange(): Promise<void> {
          seen.push(await this.loadData());
        }
      },
      { manifest },
    );
    await h.modifyPluginDataExternally(plugin, { synced: true });
    await h.flush();
    expect(seen).toEqual([{ synced: true }]);
  });
});

describe("plugin lifecycle", () => {
  it("a plugin loaded before startup sees an empty vault in onload, then create events, then layout ready", async () => {
    const h = createFakeApp({ files: { "a.md": "", "b.md": "" } });
    const log: string[] = [];
    await h.loadPlugin(
      class extends Plugin {
        override async onload(): Promise<void> {
          log.push(`onload files=${this.app.vault.getFiles().length}`);
          this.registerEvent(this.app.vault.on("create", (f: TAbstractFile) => log.push(`create ${f.path}`)));
          this.app.workspace.onLayoutReady(() => log.push(`layout ready files=${this.app.vault.getFiles().length}`));
        }
      },
    );
    await h.startup();
    expect(log).toEqual(["onload files=0", "create a.md", "create b.md", "layout ready files=2"]);
  });

  it("unload releases everything the plugin registered", async () => {
    const h = await createStartedApp({ files: { "a.md": "" } });
    class Everything extends Plugin {
      override async onload(): Promise<void> {
        this.addCommand({ id: "c", name: "C", callback: () => undefined });
        this.addRibbonIcon("dice", "Roll", () => undefined);
        this.addStatusBarItem().setText("status");
        this.addSettingTab(new (class extends PluginSettingTab {
          display(): void {
            new Setting(this.containerEl).setName("x");
          }
        })(this.app, this));
        this.registerView("everything-view", (leaf) => new (class extends ItemView {
          getViewType() {
            return "everything-view";
          }
          getDisplayText() {
            return "E";
          }
        })(leaf));
        this.registerExtensions(["csv"], "everything-view");
        this.registerMarkdownPostProcessor(() => undefined);
        this.registerMarkdownCodeBlockProcessor("everything", () => undefined);
        this.registerEditorExtension([]);
        this.registerObsidianProtocolHandler("everything", () => undefined);
        this.registerHoverLinkSource("everything", { display: "E", defaultMod: true });
        this.registerEvent(this.app.vault.on("modify", () => undefined));
        this.registerEvent(this.app.metadataCache.on("changed", () => undefined));
        this.registerEvent(this.app.workspace.on("file-open", () => undefined));
        this.registerDomEvent(this.app.workspace.containerEl, "click", () => undefined);
        this.registerInterval(setInterval(() => undefined, 1000) as unknown as number);
        this.addChild(new (class Child extends ItemView {
          getViewType() {
            return "x";
          }
          getDisplayText() {
            return "x";
          }
        })(this.app.workspace.getLeaf(false)));
        const leaf = this.app.workspace.getRightLeaf(false);
        await leaf?.setViewState({ type: "everything-view" });
      }
    }
    const plugin = await h.loadPlugin(Everything, { manifest });
    const before = h.liveRegistrations();
    expect(before).toMatchObject({
      commands: ["sample:c"],
      ribbonIcons: 1,
      statusBarItems: 1,
      settingTabs: 1,
      viewTypes: ["everything-view"],
      fileExtensions: ["csv"],
      postProcessors: 1,
      codeBlockProcessors: ["everything"],
      editorExtensions: 1,
      protocolHandlers: ["everything"],
      hoverLinkSources: ["everything"],
      vaultListeners: { modify: 1 },
      metadataCacheListeners: { changed: 1 },
      workspaceListeners: { "file-open": 1 },
      domListeners: 1,
      intervals: 1,
    });
    expect(before.loadedComponents).toEqual(expect.arrayContaining(["Everything", "Child"]));
    expect(() => h.assertNoLeaks()).toThrow(/still registered/);
    await h.unloadPlugin(plugin);
    expect(() => h.assertNoLeaks()).not.toThrow();
  });

  it("assertNoLeaks catches a listener registered without registerEvent, and a debounce left armed", async () => {
    const h = await createStartedApp({ files: { "a.md": "" } });
    let refresh: (() => void) | null = null;
    const plugin = await h.loadPlugin(
      class extends Plugin {
        override onload(): void {
          this.app.vault.on("modify", () => undefined); // forgot registerEvent
          refresh = debounce(() => new Notice("refreshed"), 2000);
        }
      },
      { manifest },
    );
    (refresh as unknown as () => void)();
    await h.unloadPlugin(plugin);
    const report = h.liveRegistrations();
    expect(report.vaultListeners).toEqual({ modify: 1 });
    expect(report.pendingTimers).toHaveLength(1);
    expect(() => h.assertNoLeaks()).toThrow(/vaultListeners.*\n.*pendingTimers/s);
  });

  it("Notice messages are recorded; duration 0 keeps them until hidden", async () => {
    const h = await createStartedApp();
    new Notice("saved");
    const sticky = new Notice("sticky", 0);
    sticky.setMessage("sticky, updated");
    expect(h.notices()).toEqual(["saved", "sticky, updated"]);
    await h.advance(10_000);
    expect(h.visibleNotices()).toEqual(["sticky, updated"]);
    sticky.hide();
    expect(h.visibleNotices()).toEqual([]);
  });

  it("plugin.app is the harness app", async () => {
    const h = await createStartedApp();
    let app: App | null = null;
    await h.loadPlugin(
      class extends Plugin {
        override onload(): void {
          app = this.app;
        }
      },
    );
    expect(app).toBe(h.app);
  });
});
