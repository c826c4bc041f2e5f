// Settings: the spec's defaults, and mergeSettings over stored JSON.
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, mergeSettings, normaliseFolder, SECTION_IDS } from "../../src/core/settings";

describe("defaults (the spec's values)", () => {
  it("sections in canonical order with their names (§7)", () => {
    expect(SECTION_IDS.map((id) => DEFAULT_SETTINGS.sectionNames[id])).toEqual([
      "Recent Context",
      "Key Facts",
      "Topics",
      "Open Tasks",
      "Account Status",
      "Key Contacts",
      "Opportunities",
      "Blockers",
      "Key Decisions",
      "Collaborators",
      "Related People",
    ]);
    expect(SECTION_IDS.every((id) => DEFAULT_SETTINGS.managedSections[id])).toBe(true);
  });

  it("limits, folders, keys and switches (§2, §5, §7, §8)", () => {
    expect(DEFAULT_SETTINGS.limits).toEqual({ recentContext: 15, keyFacts: 10, topics: 20, opportunities: 10, keyDecisions: 10 });
    expect(DEFAULT_SETTINGS.folders).toEqual({ customers: "Customers", people: "People", projects: "Projects", meetings: "Meetings" });
    expect(DEFAULT_SETTINGS.accountStatusKeys).toEqual(["status", "industry", "tier", "owner", "stage", "renewal"]);
    expect(DEFAULT_SETTINGS.sourceLinks).toBe(true);
    expect(DEFAULT_SETTINGS.mentions).toBe(true);
    expect(DEFAULT_SETTINGS.openTasksAsCheckboxes).toBe(true);
    expect(DEFAULT_SETTINGS.ignoredPeople).toEqual([]);
    expect(DEFAULT_SETTINGS.excludedFolders).toEqual([]);
  });
});

describe("mergeSettings", () => {
  it("no stored settings: the defaults, no warnings", () => {
    expect(mergeSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, warnings: [] });
    expect(mergeSettings(null)).toEqual({ settings: DEFAULT_SETTINGS, warnings: [] });
    expect(mergeSettings({})).toEqual({ settings: DEFAULT_SETTINGS, warnings: [] });
  });

  it("keeps the defaults for what is not given, nested objects included", () => {
    const { settings, warnings } = mergeSettings({ limits: { keyFacts: 5 }, folders: { people: "Contacts" }, sourceLinks: false });
    expect(warnings).toEqual([]);
    expect(settings.limits).toEqual({ ...DEFAULT_SETTINGS.limits, keyFacts: 5 });
    expect(settings.folders).toEqual({ ...DEFAULT_SETTINGS.folders, people: "Contacts" });
    expect(settings.sourceLinks).toBe(false);
    expect(settings.mentions).toBe(true);
  });

  it("takes lists, section names and switches of the right type", () => {
    const { settings, warnings } = mergeSettings({
      excludedFolders: ["Archive"],
      ignoredPeople: ["Me"],
      accountStatusKeys: ["status", "arr"],
      sectionNames: { keyFacts: "Facts" },
      managedSections: { topics: false },
      openTasksAsCheckboxes: false,
      mentions: false,
      refreshOnSave: false,
      refreshDelaySeconds: 5,
      staleDays: 14,
    });
    expect(warnings).toEqual([]);
    expect(settings.excludedFolders).toEqual(["Archive"]);
    expect(settings.ignoredPeople).toEqual(["Me"]);
    expect(settings.accountStatusKeys).toEqual(["status", "arr"]);
    expect(settings.sectionNames.keyFacts).toBe("Facts");
    expect(settings.sectionNames.topics).toBe("Topics");
    expect(settings.managedSections.topics).toBe(false);
    expect(settings.managedSections.keyFacts).toBe(true);
    expect(settings.openTasksAsCheckboxes).toBe(false);
    expect(settings.mentions).toBe(false);
    expect(settings.refreshOnSave).toBe(false);
    expect(settings.refreshDelaySeconds).toBe(5);
    expect(settings.staleDays).toBe(14);
  });

  it("ignores values of the wrong type, with a warning each, keeping the defaults", () => {
    const { settings, warnings } = mergeSettings({
      sourceLinks: "no",
      limits: { keyFacts: -1, topics: "20", recentContext: 3 },
      folders: "People",
      excludedFolders: "Archive",
      sectionNames: { keyFacts: 7 },
      managedSections: { topics: "false" },
      staleDays: -3,
    });
    expect(settings.sourceLinks).toBe(true);
    expect(settings.limits).toEqual({ ...DEFAULT_SETTINGS.limits, recentContext: 3 });
    expect(settings.folders).toEqual(DEFAULT_SETTINGS.folders);
    expect(settings.excludedFolders).toEqual([]);
    expect(settings.sectionNames.keyFacts).toBe("Key Facts");
    expect(settings.managedSections.topics).toBe(true);
    expect(settings.staleDays).toBe(DEFAULT_SETTINGS.staleDays);
    expect(warnings.length).toBe(8);
    for (const key of ["sourceLinks", "limits.keyFacts", "limits.topics", "folders", "excludedFolders", "sectionNames.keyFacts", "managedSections.topics", "staleDays"]) {
      expect(warnings.some((w) => w.includes(`"${key}"`)), key).toBe(true);
    }
  });

  it("warns about unknown keys and a value that is not an object", () => {
    expect(mergeSettings({ colour: "blue" }).warnings.length).toBe(1);
    const r = mergeSettings([1, 2]);
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    expect(r.warnings.length).toBe(1);
  });

  it("says why a value is refused: empty, below 0, or of the wrong type", () => {
    const { warnings } = mergeSettings({ folders: { customers: "  " }, sectionNames: { keyFacts: "" }, limits: { keyFacts: -1, topics: "5" }, staleDays: -3 });
    expect(warnings).toEqual([
      'setting "folders.customers" is empty; using the default',
      'setting "sectionNames.keyFacts" is empty; using the default',
      'setting "limits.keyFacts" must be 0 or more; using the default',
      'setting "limits.topics" has the wrong type; using the default',
      'setting "staleDays" must be 0 or more; using the default',
    ]);
  });

  it("warns about keys inside a nested setting that name nothing, and list entries that are not text", () => {
    const { settings, warnings } = mergeSettings({
      limits: { openTasks: 5 },
      folders: { clients: "Clients" },
      sectionNames: { notes: "Notes" },
      managedSections: { Topics: false },
      ignoredPeople: ["Me", 3, null],
    });
    expect(settings.ignoredPeople).toEqual(["Me"]);
    expect(warnings).toEqual([
      'unknown setting "limits.openTasks" ignored',
      'unknown setting "folders.clients" ignored',
      'unknown setting "sectionNames.notes" ignored',
      'unknown setting "managedSections.Topics" ignored',
      'setting "ignoredPeople" holds entries that are not text; they are ignored',
    ]);
  });

  it("reads excluded folders as it reads the kind folders", () => {
    expect(mergeSettings({ excludedFolders: ["Archive\\", " /Old/ ", "Mode\u0300les", "", "a//b"] }).settings.excludedFolders).toEqual([
      "Archive",
      "Old",
      "Mod\u00e8les",
      "a/b",
    ]);
  });

  it("warns about a kind folder inside another folder, and two kinds given one folder", () => {
    const { warnings } = mergeSettings({ folders: { customers: "Work/Clients", people: "Team", meetings: "team" } });
    expect(warnings).toEqual([
      'setting "folders.customers" names a folder inside another ("Work/Clients"); kinds come from top-level folders only, so no note is found by it',
      'settings "folders.people" and "folders.meetings" name one folder ("Team"); its notes are people',
    ]);
  });

  it("never changes the defaults object", () => {
    const before = structuredClone(DEFAULT_SETTINGS);
    const { settings } = mergeSettings({ limits: { keyFacts: 1 }, excludedFolders: ["X"] });
    settings.folders.people = "Changed";
    expect(DEFAULT_SETTINGS).toEqual(before);
  });
});

describe("normaliseFolder (a folder as typed, read as Obsidian's normalizePath reads a path)", () => {
  it("trims, reads \\ as /, drops doubled slashes and those at the ends, composes accents", () => {
    expect(normaliseFolder(" Clients/ ")).toBe("Clients");
    expect(normaliseFolder("/Clients")).toBe("Clients");
    expect(normaliseFolder("Archive\\Old//2024/")).toBe("Archive/Old/2024");
    expect(normaliseFolder("Cafe\u0301")).toBe("Caf\u00e9");
    expect(normaliseFolder(" / ")).toBe("");
    // As normalizePath: no-break spaces (U+00A0, U+202F) are plain spaces.
    expect(normaliseFolder("Key\u00a0Accounts/Old\u202fDeals")).toBe("Key Accounts/Old Deals");
  });

  it("is what loading the settings does to a folder", () => {
    expect(mergeSettings({ folders: { customers: "Clients\\", people: "//Team//" } }).settings.folders).toMatchObject({ customers: "Clients", people: "Team" });
  });
});
