// @vitest-environment happy-dom
// The settings tab: headings, every default of the spec, and changes that apply without a restart.
import { describe, expect, it, vi } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { Tasks } from "obsidian";
import { findSetting, settingNames, userChange, userType } from "../fake-obsidian/harness";
import { crmVault, startPlugin } from "./setup";

describe("settings tab", () => {
  it("groups the settings under headings, in sentence case", async () => {
    const { h, plugin } = await startPlugin(crmVault());
    const tab = h.openSettings(plugin);
    const headings = Array.from(tab.containerEl.querySelectorAll(".setting-item-heading .setting-item-name")).map((e) => e.textContent);
    expect(headings).toEqual(["Folders", "Sections", "Lists", "Content", "Refresh"]);
    const names = settingNames(tab.containerEl);
    // No two settings share a name.
    expect(new Set(names).size).toBe(names.length);
    for (const n of [
      "Customers folder",
      "People folder",
      "Projects folder",
      "Meetings folder",
      "Excluded folders",
      "Recent context section",
      "Related people section",
      "Key facts shown",
      "Source links",
      "Mentions",
      "Open tasks as checkboxes",
      "Ignored people",
      "Account status fields",
      "Refresh on save",
      "Refresh delay",
      "Stale after",
    ]) {
      expect(names).toContain(n);
    }
  });

  it("names every setting in sentence case, a section's by what the field is: the heading it names is its value", async () => {
    const { h, plugin } = await startPlugin(crmVault());
    const tab = h.openSettings(plugin);
    for (const name of settingNames(tab.containerEl)) {
      // Only the first word starts with a capital.
      expect(name.split(" ").slice(1).filter((w) => /^[A-Z]/.test(w)), name).toEqual([]);
    }
    const setting = findSetting(tab.containerEl, "Account status section");
    expect(setting.descEl.textContent).toBe('Its heading on the page (default "Account Status"), and whether the plugin regenerates it.');
    expect((setting.components[0] as unknown as { getValue(): string }).getValue()).toBe("Account Status");
  });

  it("applies a change at once: saved, and the next page uses it", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const tab = h.openSettings(plugin);
    userChange(findSetting(tab.containerEl, "Source links").components[0] as never, false);
    await h.settle();
    expect((h.pluginData(plugin) as { sourceLinks: boolean }).sourceLinks).toBe(false);
    await plugin.regenerateAll();
    await h.settle();
    expect(h.read("Customers/Acme.md")).toContain("- Acme runs two sites\n");
    expect(h.read("Customers/Acme.md")).not.toContain("([[2025-10-01 - Acme kickoff]])");
  });

  it("a command run right after a change (the settings closed, then a hotkey) uses the new settings, not the index being replaced", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshDelaySeconds: 0 });
    const tab = h.openSettings(plugin);
    userChange(findSetting(tab.containerEl, "Key facts section").components[0] as never, "Facts we know");
    h.closeSettings();
    h.executeCommand("customer-pages:regenerate-all");
    await h.settle();
    const acme = h.read("Customers/Acme.md");
    expect(acme).not.toContain("## Key Facts");
    expect(acme).toContain("## Facts we know\n\n- Acme runs two sites ([[2025-10-01 - Acme kickoff]])\n");
    // It waited for the rebuild, as for the first index, and said so.
    expect(h.notices()).toEqual(["Customer pages: indexing the vault; the pages follow.", "Customer pages: 2 of 2 changed, 0 warnings."]);
    // So does a refresh on save due then (no refresh delay), and Regenerate customer page.
    const source = "([[2025-10-01 - Acme kickoff]])";
    userChange(findSetting(h.openSettings(plugin).containerEl, "Source links").components[0] as never, false);
    h.closeSettings();
    await h.modifyExternally("Meetings/2025-10-01 - Acme kickoff.md", "Kickoff with [[Ann Lee]].\n\n## Key Facts\n\n- Acme runs three sites\n\n- [ ] Send the plan\n");
    await h.advance(100);
    expect(h.read("Customers/Acme.md")).toContain("## Facts we know\n\n- Acme runs three sites\n\n");
    expect(h.read("Customers/Acme.md")).not.toContain(source);
    userChange(findSetting(h.openSettings(plugin).containerEl, "Source links").components[0] as never, true);
    h.closeSettings();
    await h.openFile("Meetings/2025-10-01 - Acme kickoff.md");
    expect(h.executeCommand("customer-pages:regenerate-page")).toBe(true);
    await h.advance(100);
    expect(h.read("Customers/Acme.md")).toContain(`## Facts we know\n\n- Acme runs three sites ${source}\n\n`);
  });

  it("reads a folder typed with a no-break space (pasted from a web page) as Obsidian's normalizePath does", async () => {
    const files = crmVault();
    files["Key Accounts/Initech.md"] = "# Initech\n";
    const { h, plugin } = await startPlugin(files);
    const tab = h.openSettings(plugin);
    userChange(findSetting(tab.containerEl, "Customers folder").components[0] as never, "Key\u00a0Accounts");
    await h.settle();
    await h.run(plugin.indexer.settled());
    expect(plugin.settings.folders.customers).toBe("Key Accounts");
    expect(plugin.indexer.ready!.customerPaths()).toContain("Key Accounts/Initech.md");
  });

  it("rebuilds the index when a folder name changes", async () => {
    const files = crmVault();
    files["Clients/Initech.md"] = "# Initech\n";
    const { h, plugin } = await startPlugin(files);
    expect(plugin.indexer.ready!.customerPaths()).not.toContain("Clients/Initech.md");
    const tab = h.openSettings(plugin);
    userChange(findSetting(tab.containerEl, "Customers folder").components[0] as never, "Clients");
    await h.settle();
    await h.run(plugin.indexer.settled());
    expect(plugin.indexer.ready!.customerPaths()).toEqual(["Clients/Initech.md", "Customers/Acme.md", "Customers/Globex.md"]);
  });

  it("starts from the spec's defaults", async () => {
    const { plugin } = await startPlugin(crmVault());
    expect(plugin.settings).toEqual(DEFAULT_SETTINGS);
  });

  it("says a standing data.json warning in the console once, not again at every change in the tab", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const named = (): string[] => warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes("section name"));
    try {
      const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false, sectionNames: { keyContacts: "Notes", relatedPeople: "Notes" } });
      const clash = 'Customer Pages: section name "Notes" is used for both Key Contacts and Related People; only Key Contacts is regenerated';
      expect(named()).toEqual([clash]);
      await plugin.changeSettings((x) => (x.mentions = false));
      await plugin.changeSettings((x) => (x.limits.topics = 5));
      await h.settle();
      expect(named()).toEqual([clash]);
      // Gone, then back: said again.
      await plugin.changeSettings((x) => (x.sectionNames.relatedPeople = "People we met"));
      await plugin.changeSettings((x) => (x.sectionNames.relatedPeople = "Notes"));
      await h.settle();
      expect(named()).toEqual([clash, clash]);
    } finally {
      warn.mockRestore();
    }
  });

  it("warns about two sections with one name (on load and on a change), and the page does not grow", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const named = (): string[] => warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes("section name"));
    try {
      await startPlugin(crmVault(), { refreshOnSave: false, sectionNames: { keyContacts: "Notes", relatedPeople: "Notes" } });
      expect(named()).toEqual(['Customer Pages: section name "Notes" is used for both Key Contacts and Related People; only Key Contacts is regenerated']);
      warn.mockClear();

      const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false, sectionNames: { keyContacts: "Notes" } });
      expect(named()).toEqual([]);
      const tab = h.openSettings(plugin);
      userChange(findSetting(tab.containerEl, "Related people section").components[0] as never, "notes");
      await h.settle();
      expect(named()).toEqual(['Customer Pages: section name "notes" is used for both Key Contacts and Related People; only Key Contacts is regenerated']);
      await plugin.regenerateAll();
      await h.settle();
      const once = h.read("Customers/Acme.md");
      await plugin.regenerateAll();
      await h.settle();
      expect(h.read("Customers/Acme.md")).toBe(once);
      // The page's own "## Notes" is now Key Contacts (as configured); no second one is added.
      expect(once.match(/^## notes$/gim)).toEqual(["## Notes"]);
      expect(once).toContain("## Notes\n\n- [[Ann Lee]]\n");
    } finally {
      warn.mockRestore();
    }
  });

  it("data.json changed outside Obsidian (Sync, an edit for the CLI) is read again, and a later change in the tab keeps it", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    await h.modifyPluginDataExternally(plugin, { refreshOnSave: false, sourceLinks: false });
    await h.settle();
    expect(plugin.settings.sourceLinks).toBe(false);
    await h.run(plugin.indexer.settled());
    await plugin.regenerateAll();
    await h.settle();
    expect(h.read("Customers/Acme.md")).toContain("- Acme runs two sites\n");
    const tab = h.openSettings(plugin);
    userChange(findSetting(tab.containerEl, "Mentions").components[0] as never, false);
    await h.settle();
    expect(h.pluginData(plugin)).toMatchObject({ refreshOnSave: false, sourceLinks: false, mentions: false });
  });

  it("turning Refresh on save off stops the refreshes waiting for their delay", async () => {
    const files = crmVault();
    const { h, plugin } = await startPlugin(files, { refreshDelaySeconds: 10 });
    const kickoff = "Meetings/2025-10-01 - Acme kickoff.md";
    await h.modifyExternally(kickoff, files[kickoff] + "\nMore.\n");
    await h.advance(1000);
    const tab = h.openSettings(plugin);
    userChange(findSetting(tab.containerEl, "Refresh on save").components[0] as never, false);
    await h.advance(20_000);
    await h.settle();
    expect(h.vaultWrites({ path: "Customers/Acme.md" })).toHaveLength(0);
  });

  it("a new Refresh delay applies to the refreshes already waiting, and rebuilds no index", async () => {
    const files = crmVault();
    const { h, plugin } = await startPlugin(files, { refreshDelaySeconds: 10 });
    const index = plugin.indexer.latest;
    const kickoff = "Meetings/2025-10-01 - Acme kickoff.md";
    await h.modifyExternally(kickoff, files[kickoff] + "\nMore.\n");
    await h.advance(1000);
    const tab = h.openSettings(plugin);
    userChange(findSetting(tab.containerEl, "Refresh delay").components[0] as never, "1");
    // flush, not settle: settle would jump the clock to the old timer.
    await h.flush();
    expect(plugin.settings.refreshDelaySeconds).toBe(1);
    expect(h.vaultWrites({ path: "Customers/Acme.md" })).toHaveLength(0);
    // Waiting for 10 s, Acme's refresh would run 9 s from now; it waits 1 s from the change instead.
    await h.advance(1500);
    await h.flush();
    expect(h.vaultWrites({ path: "Customers/Acme.md" })).toHaveLength(1);
    expect(plugin.indexer.latest).toBe(index);
  });

  it("a section name applies when its field is left, not per key: a name half typed never takes over the page's own heading", async () => {
    const files = crmVault();
    const { h, plugin } = await startPlugin(files);
    const tab = h.openSettings(plugin);
    const field = findSetting(tab.containerEl, "Key facts section").components[0] as never;
    // A refresh of Acme is waiting while the user types; "Notes" is on the way to "Notes from calls".
    const kickoff = "Meetings/2025-10-01 - Acme kickoff.md";
    await h.modifyExternally(kickoff, files[kickoff] + "\nMore.\n");
    userType(field, "Notes");
    await h.advance(5000);
    await h.settle();
    expect(plugin.settings.sectionNames.keyFacts).toBe("Key Facts");
    expect(h.read("Customers/Acme.md")).toContain("## Notes\n\nMine.\n");
    userType(field, "Notes from calls");
    h.closeSettings();
    await h.settle();
    expect(plugin.settings.sectionNames.keyFacts).toBe("Notes from calls");
    expect((h.pluginData(plugin) as { sectionNames: { keyFacts: string } }).sectionNames.keyFacts).toBe("Notes from calls");
    await plugin.regenerateAll();
    await h.settle();
    expect(h.read("Customers/Acme.md")).toContain("## Notes\n\nMine.\n");
    expect(h.read("Customers/Acme.md")).toContain("## Notes from calls\n\n- Acme runs two sites");
  });

  it("a kind folder applies when its field is left, not per key: a folder half typed never rebuilds the index nor refreshes a page", async () => {
    const files = crmVault();
    const { h, plugin } = await startPlugin(files);
    const tab = h.openSettings(plugin);
    const field = findSetting(tab.containerEl, "Customers folder").components[0] as never;
    const index = plugin.indexer.latest;
    const saved = JSON.stringify(h.pluginData(plugin));
    const acme = h.read("Customers/Acme.md");
    // A refresh of Acme waits; "Meetings" is on the way to "Meetings/Customers", typed with pauses
    // longer than the rebuild's debounce (500 ms).
    const kickoff = "Meetings/2025-10-01 - Acme kickoff.md";
    await h.modifyExternally(kickoff, files[kickoff] + "\nMore.\n");
    for (const typed of ["M", "Meetings", "Meetings/", "Meetings/Customers"]) {
      userType(field, typed);
      await h.advance(2000);
      await h.settle();
      expect(plugin.settings.folders.customers).toBe("Customers");
      expect(plugin.indexer.latest).toBe(index);
      expect(JSON.stringify(h.pluginData(plugin))).toBe(saved);
    }
    // The refresh ran with the saved folder: no meeting became a customer page.
    expect(h.read(kickoff)).toBe(files[kickoff] + "\nMore.\n");
    expect(h.read("Customers/Acme.md")).not.toBe(acme);
    expect(plugin.indexer.ready!.customerPaths()).toEqual(["Customers/Acme.md", "Customers/Globex.md"]);
    userChange(field, "Meetings/Customers");
    await h.settle();
    await h.run(plugin.indexer.settled());
    expect(plugin.settings.folders.customers).toBe("Meetings/Customers");
    expect((h.pluginData(plugin) as { folders: { customers: string } }).folders.customers).toBe("Meetings/Customers");
    expect(plugin.indexer.latest).not.toBe(index);
  });

  it("Excluded folders, Ignored people and Account status fields apply when the settings close, not per key", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const tab = h.openSettings(plugin);
    const index = plugin.indexer.latest;
    const saved = JSON.stringify(h.pluginData(plugin));
    const typed = { "Excluded folders": "Meetings", "Ignored people": "Dana\nAnn Lee", "Account status fields": "status, tier" };
    for (const [name, value] of Object.entries(typed)) {
      userType(findSetting(tab.containerEl, name).components[0] as never, value);
      await h.advance(2000);
      await h.settle();
    }
    expect(plugin.indexer.latest).toBe(index);
    expect(JSON.stringify(h.pluginData(plugin))).toBe(saved);
    expect(plugin.settings.excludedFolders).toEqual(DEFAULT_SETTINGS.excludedFolders);
    expect(plugin.settings.ignoredPeople).toEqual(DEFAULT_SETTINGS.ignoredPeople);
    expect(plugin.settings.accountStatusKeys).toEqual(DEFAULT_SETTINGS.accountStatusKeys);
    h.closeSettings();
    await h.settle();
    await h.run(plugin.indexer.settled());
    expect(plugin.indexer.latest).not.toBe(index);
    const data = h.pluginData(plugin) as { excludedFolders: string[]; ignoredPeople: string[]; accountStatusKeys: string[] };
    expect([data.excludedFolders, data.ignoredPeople, data.accountStatusKeys]).toEqual([["Meetings"], ["Dana", "Ann Lee"], ["status", "tier"]]);
    expect(plugin.settings.excludedFolders).toEqual(["Meetings"]);
  });

  it("text typed in several fields and never left applies when the settings close as one change: one save of data.json, one rebuild", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const tab = h.openSettings(plugin);
    const index = plugin.indexer.latest;
    const rebuilds = vi.spyOn(plugin.indexer, "settingsChanged");
    const typed = { "Excluded folders": "Archive", "Key facts section": "Facts from calls", "Account status fields": "status, tier" };
    for (const [name, value] of Object.entries(typed)) userType(findSetting(tab.containerEl, name).components[0] as never, value);
    await h.settle();
    h.clearLogs();
    h.closeSettings();
    await h.settle();
    await h.run(plugin.indexer.settled());
    expect(h.writeLog.filter((w) => w.path.endsWith("/customer-pages/data.json"))).toHaveLength(1);
    expect(rebuilds).toHaveBeenCalledTimes(1);
    expect(plugin.indexer.latest).not.toBe(index);
    const data = h.pluginData(plugin) as { excludedFolders: string[]; sectionNames: { keyFacts: string }; accountStatusKeys: string[] };
    expect([data.excludedFolders, data.sectionNames.keyFacts, data.accountStatusKeys]).toEqual([["Archive"], "Facts from calls", ["status", "tier"]]);
    expect([plugin.settings.excludedFolders, plugin.settings.sectionNames.keyFacts, plugin.settings.accountStatusKeys]).toEqual([["Archive"], "Facts from calls", ["status", "tier"]]);
  });

  it("a section name typed and never left when Obsidian quits is saved: the quit waits for it (Obsidian's quit tasks)", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const tab = h.openSettings(plugin);
    userType(findSetting(tab.containerEl, "Key facts section").components[0] as never, "Facts from calls");
    await h.settle();
    expect((h.pluginData(plugin) as { sectionNames?: unknown }).sectionNames).toBeUndefined();
    const tasks = new Tasks();
    h.workspace.trigger("quit", tasks);
    expect(tasks.isEmpty()).toBe(false);
    await h.run(tasks.promise());
    expect((h.pluginData(plugin) as { sectionNames: { keyFacts: string } }).sectionNames.keyFacts).toBe("Facts from calls");
    expect(plugin.settings.sectionNames.keyFacts).toBe("Facts from calls");
    // Nothing typed: the quit has nothing to wait for, and data.json is not written again.
    h.clearLogs();
    const again = new Tasks();
    h.workspace.trigger("quit", again);
    expect(again.isEmpty()).toBe(true);
    await h.settle();
    expect(h.writeLog).toEqual([]);
  });

  it("text typed and never left when the plugin is disabled without its tab being hidden first is saved, with no rebuild after the plugin is gone", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const tab = h.openSettings(plugin);
    userType(findSetting(tab.containerEl, "Key facts section").components[0] as never, "Facts from calls");
    userType(findSetting(tab.containerEl, "Excluded folders").components[0] as never, "Archive");
    await h.settle();
    // Whether Obsidian hides a plugin's open tab before its onunload is not known: without it.
    vi.spyOn(tab, "hide").mockImplementation(() => undefined);
    const rebuilds = vi.spyOn(plugin.indexer, "build");
    await h.unloadPlugin(plugin);
    await h.settle();
    const data = h.pluginData(plugin) as { excludedFolders: string[]; sectionNames: { keyFacts: string } };
    expect([data.excludedFolders, data.sectionNames.keyFacts]).toEqual([["Archive"], "Facts from calls"]);
    expect(rebuilds).not.toHaveBeenCalled();
    h.assertNoLeaks();
    expect(h.liveRegistrations().pendingTimers).toEqual([]);
  });

  it("a folder half typed when data.json changes outside Obsidian (Sync) is not applied then: it stays in its field, and applies when the field is left", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const tab = h.openSettings(plugin);
    userType(findSetting(tab.containerEl, "Excluded folders").components[0] as never, "Meet");
    await h.modifyPluginDataExternally(plugin, { refreshOnSave: false, staleDays: 45 });
    await h.advance(2000);
    await h.settle();
    expect(plugin.settings.staleDays).toBe(45);
    expect(plugin.settings.excludedFolders).toEqual([]);
    const field = findSetting(tab.containerEl, "Excluded folders").components[0] as unknown as { getValue(): string };
    expect(field.getValue()).toBe("Meet");
    userChange(field as never, "Meetings");
    await h.settle();
    expect(plugin.settings.excludedFolders).toEqual(["Meetings"]);
    expect(plugin.settings.staleDays).toBe(45);
    expect((h.pluginData(plugin) as { excludedFolders: string[] }).excludedFolders).toEqual(["Meetings"]);
  });

  it("a section name half typed when data.json changes outside Obsidian (Sync) is not applied then: it stays in its field, and applies when the field is left", async () => {
    const files = crmVault();
    const { h, plugin } = await startPlugin(files);
    const tab = h.openSettings(plugin);
    const kickoff = "Meetings/2025-10-01 - Acme kickoff.md";
    // "Notes" on the way to "Notes from calls"; a refresh of Acme waits, and Sync brings data.json.
    userType(findSetting(tab.containerEl, "Key facts section").components[0] as never, "Notes");
    await h.modifyExternally(kickoff, files[kickoff] + "\nMore.\n");
    await h.modifyPluginDataExternally(plugin, { staleDays: 45 });
    await h.advance(5000);
    await h.settle();
    expect(plugin.settings.staleDays).toBe(45);
    expect(plugin.settings.sectionNames.keyFacts).toBe("Key Facts");
    expect(h.read("Customers/Acme.md")).toContain("## Notes\n\nMine.\n");
    // The tab was drawn again: the field still holds what was typed, and the typing goes on.
    const field = findSetting(tab.containerEl, "Key facts section").components[0] as unknown as { getValue(): string };
    expect(field.getValue()).toBe("Notes");
    userType(field as never, "Notes from calls");
    h.closeSettings();
    await h.settle();
    expect(plugin.settings.sectionNames.keyFacts).toBe("Notes from calls");
    expect(plugin.settings.staleDays).toBe(45);
    await plugin.regenerateAll();
    await h.settle();
    expect(h.read("Customers/Acme.md")).toContain("## Notes\n\nMine.\n");
    expect(h.read("Customers/Acme.md")).toContain("## Notes from calls\n\n- Acme runs two sites");
  });

  it("an open settings tab is drawn again after data.json changed outside Obsidian: a list edited next keeps the synced entries", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false, ignoredPeople: ["Dana"] });
    const tab = h.openSettings(plugin);
    await h.modifyPluginDataExternally(plugin, { refreshOnSave: false, ignoredPeople: ["Dana", "Bob Stone"] });
    await h.settle();
    const field = findSetting(tab.containerEl, "Ignored people").components[0] as unknown as { getValue(): string };
    expect(field.getValue()).toBe("Dana\nBob Stone");
    userChange(field as never, `${field.getValue()}\nAnn Lee`);
    await h.settle();
    expect((h.pluginData(plugin) as { ignoredPeople: string[] }).ignoredPeople).toEqual(["Dana", "Bob Stone", "Ann Lee"]);
  });

  it("data.json removed for a moment (a sync tool) resets nothing", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false, sourceLinks: false, ignoredPeople: ["Dana"] });
    await h.removePluginDataExternally(plugin);
    await h.settle();
    expect(plugin.settings.sourceLinks).toBe(false);
    expect(plugin.settings.ignoredPeople).toEqual(["Dana"]);
  });

  it("a number field left holding what it refuses (-1, 2.5, abc, blank) shows the saved value again and says why, until it is left holding a value it takes", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const tab = h.openSettings(plugin);
    const setting = findSetting(tab.containerEl, "Key facts shown");
    const field = setting.components[0] as unknown as { getValue(): string; inputEl: HTMLInputElement };
    const message = (): string => setting.descEl.querySelector(".customer-pages-setting-error")?.textContent ?? "";
    expect(message()).toBe("");
    // While it is typed, nothing is put back (a value is retyped through a blank).
    userType(field as never, "-");
    expect(field.getValue()).toBe("-");
    expect(message()).toBe("");
    for (const [typed, why] of [
      ["-1", '"-1" is not a whole number, 0 or more; kept 10.'],
      ["2.5", '"2.5" is not a whole number, 0 or more; kept 10.'],
      ["abc", '"abc" is not a whole number, 0 or more; kept 10.'],
      ["  ", "Needs a whole number, 0 or more; kept 10."],
    ] as const) {
      userChange(field as never, typed);
      await h.settle();
      expect(field.getValue(), typed).toBe("10");
      expect(message(), typed).toBe(why);
      expect(field.inputEl.getAttribute("aria-invalid")).toBe("true");
      expect(plugin.settings.limits.keyFacts).toBe(10);
    }
    // The description is still there, above the message.
    expect(setting.descEl.textContent).toContain("At most this many (default 10).");
    // A value it takes applies when the field is left, not as it is typed; the message goes then.
    userType(field as never, "3");
    await h.advance(2000);
    await h.settle();
    expect(plugin.settings.limits.keyFacts).toBe(10);
    expect((h.pluginData(plugin) as { limits?: unknown }).limits).toBeUndefined();
    // The last refusal is still said while the field is being typed in.
    expect(message()).toBe("Needs a whole number, 0 or more; kept 10.");
    userChange(field as never, "3");
    await h.settle();
    expect(plugin.settings.limits.keyFacts).toBe(3);
    expect(message()).toBe("");
    expect(field.inputEl.getAttribute("aria-invalid")).toBeNull();
    expect((h.pluginData(plugin) as { limits: { keyFacts: number } }).limits.keyFacts).toBe(3);
    // The settings closed with a refused value in the field: the saved one stays.
    userType(field as never, "x7");
    h.closeSettings();
    await h.settle();
    expect(plugin.settings.limits.keyFacts).toBe(3);
    const again = findSetting(h.openSettings(plugin).containerEl, "Key facts shown").components[0] as unknown as { getValue(): string };
    expect(again.getValue()).toBe("3");
  });

  it("a number field's refusal is still said after data.json changed outside Obsidian redrew the tab, until a synced value takes its place", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const tab = h.openSettings(plugin);
    const current = (name: string): { field: { getValue(): string; inputEl: HTMLInputElement }; message: string } => {
      const setting = findSetting(tab.containerEl, name);
      return {
        field: setting.components[0] as unknown as { getValue(): string; inputEl: HTMLInputElement },
        message: setting.descEl.querySelector(".customer-pages-setting-error")?.textContent ?? "",
      };
    };
    userChange(current("Key facts shown").field as never, "abc");
    // Typed and not left yet when the sync arrives: it stays in its field, unapplied and not yet
    // refused, as text does (a blank while a value is retyped, 1 on the way to 15).
    userType(current("Stale after").field as never, "-1");
    userType(current("Recent context notes shown").field as never, "1");
    await h.settle();
    await h.modifyPluginDataExternally(plugin, { refreshOnSave: false, ignoredPeople: ["Dana"] });
    await h.settle();
    expect(plugin.settings.ignoredPeople).toEqual(["Dana"]);
    let facts = current("Key facts shown");
    expect(facts.field.getValue()).toBe("10");
    expect(facts.message).toBe('"abc" is not a whole number, 0 or more; kept 10.');
    expect(facts.field.inputEl.getAttribute("aria-invalid")).toBe("true");
    let stale = current("Stale after");
    expect(stale.field.getValue()).toBe("-1");
    expect(stale.message).toBe("");
    const recent = current("Recent context notes shown");
    expect(recent.field.getValue()).toBe("1");
    expect(plugin.settings.limits.recentContext).toBe(15);
    // Left then: refused, and said.
    userChange(stale.field as never, "-1");
    stale = current("Stale after");
    expect(stale.field.getValue()).toBe("30");
    expect(stale.message).toBe('"-1" is not a number, 0 or more; kept 30.');
    // Another sync sets the very value: the field shows it, and there is nothing left to explain.
    await h.modifyPluginDataExternally(plugin, { refreshOnSave: false, ignoredPeople: ["Dana"], limits: { keyFacts: 4 } });
    await h.settle();
    facts = current("Key facts shown");
    expect(facts.field.getValue()).toBe("4");
    expect(facts.message).toBe("");
    expect(facts.field.inputEl.getAttribute("aria-invalid")).toBeNull();
    expect(current("Stale after").message).toBe('"-1" is not a number, 0 or more; kept 30.');
    // The settings closed and opened again start afresh.
    h.closeSettings();
    const again = h.openSettings(plugin);
    expect(findSetting(again.containerEl, "Stale after").descEl.querySelector(".customer-pages-setting-error")?.textContent).toBe("");
  });

  it("a number field applies when it is left, not per key: 1 on the way to 15 never rebuilds the index nor refreshes a page with one item", async () => {
    const files = crmVault();
    files["Meetings/2025-10-05 - Acme review.md"] = "Review with [[Acme]].\n";
    const { h, plugin } = await startPlugin(files, { limits: { recentContext: 5 } });
    const tab = h.openSettings(plugin);
    const field = findSetting(tab.containerEl, "Recent context notes shown").components[0] as unknown as { getValue(): string };
    const index = plugin.indexer.latest;
    const saved = JSON.stringify(h.pluginData(plugin));
    // A refresh of Acme waits while "15" is typed with a pause after "1" longer than the rebuild's
    // debounce (500 ms) and the refresh delay (2 s).
    const kickoff = "Meetings/2025-10-01 - Acme kickoff.md";
    await h.modifyExternally(kickoff, files[kickoff] + "\nMore.\n");
    const recent = (): string => /## Recent Context\n\n([\s\S]*?)\n## /.exec(h.read("Customers/Acme.md"))![1]!;
    for (const typed of ["1", "15"]) {
      userType(field as never, typed);
      await h.advance(5000);
      await h.settle();
      expect(plugin.settings.limits.recentContext).toBe(5);
      expect(plugin.indexer.latest).toBe(index);
      expect(JSON.stringify(h.pluginData(plugin))).toBe(saved);
    }
    // The refresh ran with the saved limit: both of Acme's meetings.
    expect(h.vaultWrites({ path: "Customers/Acme.md" }).length).toBeGreaterThan(0);
    expect(recent().match(/^- /gm)).toHaveLength(2);
    userChange(field as never, "15");
    await h.settle();
    await h.run(plugin.indexer.settled());
    expect(plugin.settings.limits.recentContext).toBe(15);
    expect((h.pluginData(plugin) as { limits: { recentContext: number } }).limits.recentContext).toBe(15);
    expect(plugin.indexer.latest).not.toBe(index);
    expect(field.getValue()).toBe("15");
  });

  it("numbers typed and never left apply with the text typed when the settings close, as one change; a number refused then changes nothing", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const tab = h.openSettings(plugin);
    const rebuilds = vi.spyOn(plugin.indexer, "settingsChanged");
    userType(findSetting(tab.containerEl, "Key facts shown").components[0] as never, "3");
    userType(findSetting(tab.containerEl, "Stale after").components[0] as never, "7.5");
    userType(findSetting(tab.containerEl, "Key facts section").components[0] as never, "Facts from calls");
    userType(findSetting(tab.containerEl, "Topics shown").components[0] as never, "-1");
    await h.advance(2000);
    await h.settle();
    expect(h.writeLog.filter((w) => w.path.endsWith("/customer-pages/data.json"))).toEqual([]);
    expect(rebuilds).not.toHaveBeenCalled();
    h.clearLogs();
    h.closeSettings();
    await h.settle();
    await h.run(plugin.indexer.settled());
    expect(h.writeLog.filter((w) => w.path.endsWith("/customer-pages/data.json"))).toHaveLength(1);
    expect(rebuilds).toHaveBeenCalledTimes(1);
    const data = h.pluginData(plugin) as { limits: { keyFacts: number; topics: number }; staleDays: number; sectionNames: { keyFacts: string } };
    expect([data.limits.keyFacts, data.limits.topics, data.staleDays, data.sectionNames.keyFacts]).toEqual([3, 20, 7.5, "Facts from calls"]);
    expect([plugin.settings.limits.keyFacts, plugin.settings.limits.topics, plugin.settings.staleDays]).toEqual([3, 20, 7.5]);
    // Opened again: the saved values, and no refusal left over.
    const again = h.openSettings(plugin);
    const topics = findSetting(again.containerEl, "Topics shown");
    expect((topics.components[0] as unknown as { getValue(): string }).getValue()).toBe("20");
    expect(topics.descEl.querySelector(".customer-pages-setting-error")?.textContent).toBe("");
    // Only a refused number typed: closing the settings saves nothing.
    userType(topics.components[0] as never, "abc");
    h.clearLogs();
    h.closeSettings();
    await h.settle();
    expect(h.writeLog).toEqual([]);
  });

  it("a number typed and never left is saved when Obsidian quits or the plugin is disabled; one refused gives the quit nothing to wait for", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const tab = h.openSettings(plugin);
    userType(findSetting(tab.containerEl, "Topics shown").components[0] as never, "x");
    const refused = new Tasks();
    h.workspace.trigger("quit", refused);
    expect(refused.isEmpty()).toBe(true);
    userType(findSetting(tab.containerEl, "Key facts shown").components[0] as never, "4");
    await h.settle();
    expect((h.pluginData(plugin) as { limits?: unknown }).limits).toBeUndefined();
    const tasks = new Tasks();
    h.workspace.trigger("quit", tasks);
    expect(tasks.isEmpty()).toBe(false);
    await h.run(tasks.promise());
    expect((h.pluginData(plugin) as { limits: { keyFacts: number } }).limits.keyFacts).toBe(4);
    // Disabled without its tab being hidden first (see the text fields' test above).
    userType(findSetting(tab.containerEl, "Opportunities shown").components[0] as never, "2");
    vi.spyOn(tab, "hide").mockImplementation(() => undefined);
    const rebuilds = vi.spyOn(plugin.indexer, "build");
    await h.unloadPlugin(plugin);
    await h.settle();
    expect((h.pluginData(plugin) as { limits: { keyFacts: number; opportunities: number } }).limits).toMatchObject({ keyFacts: 4, opportunities: 2 });
    expect(rebuilds).not.toHaveBeenCalled();
    h.assertNoLeaks();
  });

  it("Stale after takes a fraction of a day, and refuses a negative one in the same way", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const tab = h.openSettings(plugin);
    const setting = findSetting(tab.containerEl, "Stale after");
    const field = setting.components[0] as unknown as { getValue(): string };
    userChange(field as never, "2.5");
    await h.settle();
    expect(plugin.settings.staleDays).toBe(2.5);
    userChange(field as never, "-2");
    await h.settle();
    expect(field.getValue()).toBe("2.5");
    expect(setting.descEl.querySelector(".customer-pages-setting-error")?.textContent).toBe('"-2" is not a number, 0 or more; kept 2.5.');
    expect(plugin.settings.staleDays).toBe(2.5);
  });

  it("a kind folder excluded whole is warned about in the console when the index is built (once, not again on an unrelated change) and by Regenerate every customer page", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const said = (): string[] => warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes("is excluded"));
    try {
      const files = { ...crmVault(), ".obsidian/app.json": JSON.stringify({ userIgnoreFilters: ["People/"] }) };
      const { h, plugin } = await startPlugin(files, { refreshOnSave: false, excludedFolders: ["Customers"] });
      const customers =
        'Customer Pages: folder "Customers" (setting "folders.customers") is excluded by setting "excludedFolders": its notes are never read, so none of them is a customer page';
      const people =
        'Customer Pages: folder "People" (setting "folders.people") is excluded by Obsidian\'s "Excluded files": its notes are never read, so none of them is a person';
      expect(said()).toEqual([customers, people]);
      warn.mockClear();
      await plugin.changeSettings((x) => (x.mentions = false));
      await h.run(plugin.indexer.settled());
      expect(said()).toEqual([]);
      await h.run(plugin.regenerateAll());
      expect(said()).toEqual([customers, people]);
      expect(h.notices()).toContain("Customer pages: 0 of 0 changed, 2 warnings (the command \"Show warnings\" lists them).");
      // The customers folder excluded no more: what is left is said when it changes, and by the command.
      warn.mockClear();
      const tab = h.openSettings(plugin);
      userChange(findSetting(tab.containerEl, "Excluded folders").components[0] as never, "Customers/Archive");
      await h.settle();
      await h.run(plugin.indexer.settled());
      expect(said()).toEqual([people]);
      warn.mockClear();
      await h.run(plugin.regenerateAll());
      expect(said()).toEqual([people]);
      expect(h.notices().at(-1)).toBe("Customer pages: 2 of 2 changed, 1 warning (the command \"Show warnings\" lists it).");
    } finally {
      warn.mockRestore();
    }
  });

  it("the people folder spelled `people/` in the vault (a kind folder all the same) and excluded so: the console says so, as the CLI does", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const said = (): string[] => warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes("is excluded"));
    try {
      const files: Record<string, string> = {};
      for (const [p, t] of Object.entries(crmVault())) files[p.startsWith("People/") ? `people/${p.slice("People/".length)}` : p] = t;
      files[".obsidian/app.json"] = JSON.stringify({ userIgnoreFilters: ["people/"] });
      const { h, plugin } = await startPlugin(files, { refreshOnSave: false });
      const people =
        'Customer Pages: folder "people" (setting "folders.people") is excluded by Obsidian\'s "Excluded files": its notes are never read, so none of them is a person';
      // When the index is built, and again by the command.
      expect(said()).toEqual([people]);
      warn.mockClear();
      await h.run(plugin.regenerateAll());
      expect(said()).toEqual([people]);
    } finally {
      warn.mockRestore();
    }
  });

  it("a note created under a kind folder's other spelling that an exclusion names: Regenerate every customer page says so, as the CLI's next run would", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const said = (): string[] => warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes("is excluded"));
    try {
      const { h, plugin } = await startPlugin({ ...crmVault(), ".obsidian/app.json": JSON.stringify({ userIgnoreFilters: ["people/"] }) }, { refreshOnSave: false });
      // No note is under `people/` yet: the exclusion covers nothing.
      await h.run(plugin.regenerateAll());
      expect(said()).toEqual([]);
      await h.createExternally("people/Zed.md", '---\ncompany: "[[Acme]]"\n---\n');
      await h.settle();
      await h.run(plugin.regenerateAll());
      expect(said()).toEqual([
        'Customer Pages: folder "people" (setting "folders.people") is excluded by Obsidian\'s "Excluded files": its notes are never read, so none of them is a person',
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it("an ignored person who is nobody is warned about by Regenerate every customer page, and no longer once a person note has that name", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const said = (): string[] => warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes("ignoredPeople"));
    try {
      const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false, ignoredPeople: ["Dana", "Ann", "Me"] });
      await h.run(plugin.regenerateAll());
      expect(said()).toEqual(['Customer Pages: setting "ignoredPeople": no person note is named "Me" (by name or alias), so it leaves nobody out']);
      expect(h.notices().at(-1)).toMatch(/, 1 warning \(the command "Show warnings" lists it\)\.$/);
      warn.mockClear();
      await h.modifyExternally("People/Dana.md", "---\ncompany: Our Company\naliases: [Me]\n---\n");
      await h.settle();
      await h.run(plugin.regenerateAll());
      expect(said()).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });

  it("a text field left shows what was saved, not what was typed: a folder of only slashes or a blank name is the default, Clients/ is Clients", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const tab = h.openSettings(plugin);
    const field = (name: string): { getValue(): string } => findSetting(tab.containerEl, name).components[0] as unknown as { getValue(): string };
    for (const [name, typed, saved] of [
      ["Customers folder", "/", "Customers"],
      ["People folder", " Staff\\ ", "Staff"],
      ["Key facts section", "   ", "Key Facts"],
      ["Topics section", "  Themes ", "Themes"],
      ["Excluded folders", "Archive/\n\n  Old\\Stuff \n", "Archive\nOld/Stuff"],
      ["Ignored people", " Me \n\nMyself", "Me\nMyself"],
      ["Account status fields", "status,, tier ,", "status, tier"],
    ] as const) {
      userChange(field(name) as never, typed);
      expect(field(name).getValue(), name).toBe(saved);
    }
    await h.settle();
    expect([plugin.settings.folders.customers, plugin.settings.folders.people, plugin.settings.sectionNames.keyFacts, plugin.settings.sectionNames.topics]).toEqual(["Customers", "Staff", "Key Facts", "Themes"]);
    expect([plugin.settings.excludedFolders, plugin.settings.ignoredPeople, plugin.settings.accountStatusKeys]).toEqual([["Archive", "Old/Stuff"], ["Me", "Myself"], ["status", "tier"]]);
  });

  it("the Excluded folders setting says which kind folders it excludes whole, when the tab opens and when it or a kind folder is left", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false, excludedFolders: ["People"] });
    const tab = h.openSettings(plugin);
    const setting = findSetting(tab.containerEl, "Excluded folders");
    const message = (): string => setting.descEl.querySelector(".customer-pages-setting-error")?.textContent ?? "";
    expect(message()).toBe('Excludes the people folder "People": its notes are never read, so none of them is a person.');
    // While it is typed nothing changes; once left, it says so for the folders as typed.
    userType(setting.components[0] as never, "Archive\nCustomers/");
    expect(message()).toBe('Excludes the people folder "People": its notes are never read, so none of them is a person.');
    userChange(setting.components[0] as never, "Archive\nCustomers/");
    expect(message()).toBe('Excludes the customers folder "Customers": its notes are never read, so none of them is a customer page.');
    // The customers folder moved elsewhere: nothing of it is excluded any more; moved back, it is.
    const customers = findSetting(tab.containerEl, "Customers folder").components[0] as never;
    userChange(customers, "Clients");
    expect(message()).toBe("");
    userChange(customers, "Customers");
    expect(message()).toBe('Excludes the customers folder "Customers": its notes are never read, so none of them is a customer page.');
    // An exclusion spelled in another case covers the folder only when the vault spells it so.
    userChange(setting.components[0] as never, "meetings\nPEOPLE");
    expect(message()).toBe("");
    await h.createExternally("meetings/2025-10-09 - Acme call.md", "With [[Acme]].\n");
    userChange(setting.components[0] as never, "meetings\nPEOPLE\n");
    expect(message()).toBe('Excludes the meetings folder "meetings": its notes are never read, so none of them is a meeting.');
    userChange(setting.components[0] as never, "");
    expect(message()).toBe("");
    await h.settle();
    expect(plugin.settings.excludedFolders).toEqual([]);
  });

  it("the Ignored people setting says which names find no person note, when the tab opens and when the field is left", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false, ignoredPeople: ["Dana", "Me"] });
    const tab = h.openSettings(plugin);
    const setting = findSetting(tab.containerEl, "Ignored people");
    const message = (): string => setting.descEl.querySelector(".customer-pages-setting-error")?.textContent ?? "";
    expect(message()).toBe('No person note is named "Me" (by name or alias), so this name leaves nobody out.');
    const field = setting.components[0] as never;
    // While it is typed nothing changes; once left, it says so for the names as typed.
    userType(field, "Dana\nAnn\nBob Stne\nMe");
    expect(message()).toBe('No person note is named "Me" (by name or alias), so this name leaves nobody out.');
    userChange(field, "Dana\nAnn\nBob Stne\nMe");
    expect(message()).toBe('No person note is named "Bob Stne" or "Me" (by name or alias), so these names leave nobody out.');
    userChange(field, "Dana\n[[Ann Lee]]\nPeople/Bob Stone");
    expect(message()).toBe("");
    await h.settle();
    expect(plugin.settings.ignoredPeople).toEqual(["Dana", "[[Ann Lee]]", "People/Bob Stone"]);
  });

  it("the Ignored people setting answers for the new people folder once the index is rebuilt for it, without the field being left again", async () => {
    const files = crmVault();
    files["Staff/Sam.md"] = "---\ncompany: Our Company\n---\n";
    const { h, plugin } = await startPlugin(files, { refreshOnSave: false, ignoredPeople: ["Sam", "Ann Lee"] });
    const tab = h.openSettings(plugin);
    const setting = findSetting(tab.containerEl, "Ignored people");
    const message = (): string => setting.descEl.querySelector(".customer-pages-setting-error")?.textContent ?? "";
    expect(message()).toBe('No person note is named "Sam" (by name or alias), so this name leaves nobody out.');
    userChange(findSetting(tab.containerEl, "People folder").components[0] as never, "Staff");
    await h.settle();
    await h.run(plugin.indexer.settled());
    expect(plugin.indexer.latest!.note("Staff/Sam.md")?.kind).toBe("person");
    expect(message()).toBe('No person note is named "Ann Lee" (by name or alias), so this name leaves nobody out.');
  });
});

describe("a save of the settings that fails (data.json read-only, a disk full)", () => {
  it("is said in the console, not left as an unhandled rejection; the change stays in use, and the next change saves both", async () => {
    const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      vi.spyOn(plugin, "saveData").mockRejectedValueOnce(new Error("EACCES: permission denied"));
      const tab = h.openSettings(plugin);
      userChange(findSetting(tab.containerEl, "Mentions").components[0] as never, false);
      await h.settle();
      expect(logged.mock.calls.map((c) => String(c[0]))).toEqual(["Customer Pages: the settings could not be saved (Error: EACCES: permission denied); they are in use, and the next change saves them again"]);
      expect(plugin.settings.mentions).toBe(false);
      expect(h.pluginData(plugin)).toEqual({ refreshOnSave: false });
      userChange(findSetting(tab.containerEl, "Source links").components[0] as never, false);
      await h.settle();
      expect(h.pluginData(plugin)).toEqual({ ...DEFAULT_SETTINGS, refreshOnSave: false, mentions: false, sourceLinks: false });
    } finally {
      vi.restoreAllMocks();
    }
  });
});
