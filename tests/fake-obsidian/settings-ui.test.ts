// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import {
  ButtonComponent,
  DropdownComponent,
  Modal,
  Plugin,
  PluginSettingTab,
  Setting,
  SliderComponent,
  TextAreaComponent,
  TextComponent,
  ToggleComponent,
} from "obsidian";
import type { App } from "obsidian";
import { createStartedApp, findSetting, settingNames, userChange, userClick } from "./harness";

interface Settings {
  refreshOnSave: boolean;
  folder: string;
  notes: string;
  mode: string;
  delay: number;
}

class SettingsPlugin extends Plugin {
  settings: Settings = { refreshOnSave: true, folder: "Customers", notes: "", mode: "a", delay: 2 };
  saves = 0;
  resets = 0;

  override async onload(): Promise<void> {
    this.settings = { ...this.settings, ...((await this.loadData()) as Partial<Settings> | null) };
    this.addSettingTab(new SettingsTab(this.app, this));
  }

  async save(): Promise<void> {
    this.saves++;
    await this.saveData(this.settings);
  }
}

class SettingsTab extends PluginSettingTab {
  constructor(
    app: App,
    private readonly owner: SettingsPlugin,
  ) {
    super(app, owner);
  }

  display(): void {
    const { containerEl } = this;
    const s = this.owner.settings;
    new Setting(containerEl).setName("General").setHeading();
    new Setting(containerEl)
      .setName("Refresh on save")
      .setDesc("Regenerate pages when a note is saved.")
      .addToggle((t) =>
        t.setValue(s.refreshOnSave).onChange(async (v) => {
          s.refreshOnSave = v;
          await this.owner.save();
        }),
      );
    new Setting(containerEl).setName("Folder").addText((t) =>
      t
        .setPlaceholder("Folder name")
        .setValue(s.folder)
        .onChange(async (v) => {
          s.folder = v;
          await this.owner.save();
        }),
    );
    new Setting(containerEl).setName("Notes").addTextArea((t) => t.setValue(s.notes).onChange((v) => (s.notes = v)));
    new Setting(containerEl).setName("Mode").addDropdown((d) =>
      d
        .addOptions({ a: "Alpha", b: "Beta" })
        .addOption("c", "Gamma")
        .setValue(s.mode)
        .onChange((v) => (s.mode = v)),
    );
    new Setting(containerEl).setName("Delay").addSlider((sl) =>
      sl
        .setLimits(1, 10, 1)
        .setValue(s.delay)
        .onChange((v) => (s.delay = v)),
    );
    new Setting(containerEl)
      .setName("Reset")
      .addButton((b) => b.setButtonText("Reset").setCta().onClick(() => this.owner.resets++))
      .addExtraButton((b) => b.setIcon("reset").onClick(() => this.owner.resets++));
  }
}

describe("settings tab", () => {
  it("renders with display() and reports user changes through onChange; setValue alone reports nothing", async () => {
    const h = await createStartedApp();
    const plugin = await h.loadPlugin(SettingsPlugin, { manifest: { id: "customer-pages", name: "Customer Pages" } });
    const tab = h.openSettings(plugin);
    expect(settingNames(tab.containerEl)).toEqual(["General", "Refresh on save", "Folder", "Notes", "Mode", "Delay", "Reset"]);
    expect(findSetting(tab.containerEl, "General").settingEl.hasClass("setting-item-heading")).toBe(true);
    expect(findSetting(tab.containerEl, "Refresh on save").descEl.getText()).toBe("Regenerate pages when a note is saved.");

    const toggle = findSetting(tab.containerEl, "Refresh on save").components[0] as ToggleComponent;
    expect(toggle).toBeInstanceOf(ToggleComponent);
    expect(toggle.getValue()).toBe(true);
    expect(toggle.toggleEl.hasClass("is-enabled")).toBe(true);
    toggle.setValue(true);
    expect(plugin.saves).toBe(0);
    userChange(toggle, false);
    await h.flush();
    expect(plugin.settings.refreshOnSave).toBe(false);
    expect(toggle.toggleEl.hasClass("is-enabled")).toBe(false);
    userChange(toggle, false); // already off: no click
    expect(plugin.saves).toBe(1);

    const text = findSetting(tab.containerEl, "Folder").components[0] as TextComponent;
    expect(text.inputEl.placeholder).toBe("Folder name");
    expect(text.getValue()).toBe("Customers");
    userChange(text, "Clients");
    await h.flush();
    expect(plugin.settings.folder).toBe("Clients");
    expect(h.pluginData(plugin)).toMatchObject({ refreshOnSave: false, folder: "Clients" });

    userChange(findSetting(tab.containerEl, "Notes").components[0] as TextAreaComponent, "line 1\nline 2");
    expect(plugin.settings.notes).toBe("line 1\nline 2");

    const dropdown = findSetting(tab.containerEl, "Mode").components[0] as DropdownComponent;
    expect(Array.from(dropdown.selectEl.options).map((o) => [o.value, o.text])).toEqual([
      ["a", "Alpha"],
      ["b", "Beta"],
      ["c", "Gamma"],
    ]);
    userChange(dropdown, "c");
    expect(plugin.settings.mode).toBe("c");

    const slider = findSetting(tab.containerEl, "Delay").components[0] as SliderComponent;
    expect(slider.getValue()).toBe(2);
    userChange(slider, 7);
    expect(plugin.settings.delay).toBe(7);

    const [button, extra] = findSetting(tab.containerEl, "Reset").components as [ButtonComponent, unknown];
    expect(button.buttonEl.hasClass("mod-cta")).toBe(true);
    userClick(button);
    userClick(extra as ButtonComponent);
    expect(plugin.resets).toBe(2);

    findSetting(tab.containerEl, "Reset").setDisabled(true);
    userClick(button);
    expect(plugin.resets).toBe(2);
    expect(button.buttonEl.disabled).toBe(true);

    h.closeSettings();
    expect(tab.containerEl.childElementCount).toBe(0);
    expect(() => findSetting(tab.containerEl, "Folder")).toThrow(/no setting named/);
  });

  it("loads saved settings on the next load", async () => {
    const h = await createStartedApp();
    const plugin = await h.loadPlugin(SettingsPlugin, { manifest: { id: "p" }, data: { folder: "Accounts" } });
    expect(plugin.settings.folder).toBe("Accounts");
    expect(plugin.settings.mode).toBe("a");
  });

  it("a slider with setInstant reports while dragging", async () => {
    await createStartedApp();
    const values: number[] = [];
    const slider = new SliderComponent(createDiv()).setInstant(true).onChange((v) => values.push(v));
    slider.sliderEl.value = "40";
    slider.sliderEl.dispatchEvent(new Event("input"));
    expect(values).toEqual([40]);
  });
});

describe("Modal", () => {
  it("open calls onOpen and shows it; close calls onClose and removes it", async () => {
    const h = await createStartedApp();
    const log: string[] = [];
    const modal = new (class extends Modal {
      override onOpen(): void {
        log.push("open");
        this.setTitle("Title");
        this.contentEl.createEl("p", { text: "Body" });
      }
      override onClose(): void {
        log.push("close");
        this.contentEl.empty();
      }
    })(h.app);
    modal.open();
    expect(log).toEqual(["open"]);
    expect(modal.containerEl.isConnected).toBe(true);
    expect(modal.titleEl.getText()).toBe("Title");
    expect(h.liveRegistrations().openModals).toBe(1);
    modal.close();
    expect(log).toEqual(["open", "close"]);
    expect(modal.containerEl.isConnected).toBe(false);
    expect(h.liveRegistrations().openModals).toBe(0);
  });
});
