// §1 Which notes are read: excluded folders, the Templates folder, Obsidian's excluded files.
import { describe, expect, it } from "vitest";
import { excludedKindFolders, excludedPrefixes, exclusions, isExcluded, prefixesOf } from "../../src/core/exclusion";

describe("excludedPrefixes", () => {
  it("takes the configured list, trimming slashes", () => {
    expect(excludedPrefixes(["Archive", "/Private/", ""])).toEqual(["Archive", "Private"]);
  });

  it("adds the Templates plugin's folder", () => {
    expect(excludedPrefixes([], { templatesJson: JSON.stringify({ folder: "Templates/" }) })).toEqual(["Templates"]);
  });

  it("adds the Templater plugin's templates folder", () => {
    expect(excludedPrefixes([], { templaterJson: JSON.stringify({ templates_folder: "/Extras/Templates/", trigger_on_file_creation: true }) })).toEqual([
      "Extras/Templates",
    ]);
    expect(excludedPrefixes([], { templaterJson: JSON.stringify({ templates_folder: "/" }) })).toEqual([]);
    expect(excludedPrefixes([], { templaterJson: JSON.stringify({ templates_folder: 3 }) })).toEqual([]);
    expect(excludedPrefixes([], { templaterJson: "{broken" })).toEqual([]);
  });

  it("adds Obsidian's userIgnoreFilters, a trailing / trimmed, /regex/ entries ignored", () => {
    const appJson = JSON.stringify({ userIgnoreFilters: ["Archive/", "Private/secret.md", "/^tmp.*/", "Old"] });
    expect(excludedPrefixes([], { appJson })).toEqual(["Archive", "Private/secret.md", "Old"]);
  });

  it("ignores unreadable or missing configuration", () => {
    expect(excludedPrefixes(["A"], { appJson: "{not json", templatesJson: null })).toEqual(["A"]);
    expect(excludedPrefixes([], { appJson: JSON.stringify({ userIgnoreFilters: "x" }) })).toEqual([]);
  });

  it("combines all three without duplicates", () => {
    const got = excludedPrefixes(["Templates"], {
      templatesJson: JSON.stringify({ folder: "Templates" }),
      appJson: JSON.stringify({ userIgnoreFilters: ["Archive/"] }),
    });
    expect(got).toEqual(["Templates", "Archive"]);
  });
});

describe("isExcluded", () => {
  it("excludes the folder and everything under it", () => {
    expect(isExcluded("Templates/Meeting.md", ["Templates"])).toBe(true);
    expect(isExcluded("Templates/Sub/x.md", ["Templates"])).toBe(true);
  });

  it("does not exclude a sibling whose name starts the same", () => {
    expect(isExcluded("Templates2/x.md", ["Templates"])).toBe(false);
    expect(isExcluded("Notes/Templates/x.md", ["Templates"])).toBe(false);
  });

  it("excludes a single file given by its path", () => {
    expect(isExcluded("Private/secret.md", ["Private/secret.md"])).toBe(true);
    expect(isExcluded("Private/other.md", ["Private/secret.md"])).toBe(false);
  });

  it("compares names in one Unicode form: a composed setting excludes a decomposed folder on disk, and back", () => {
    const composed = "Mod\u00e8les";
    const decomposed = "Mode\u0300les";
    expect(isExcluded(`${decomposed}/Meeting.md`, excludedPrefixes([composed]))).toBe(true);
    expect(isExcluded(`${composed}/Meeting.md`, excludedPrefixes([decomposed]))).toBe(true);
    expect(isExcluded(`${decomposed}/Meeting.md`, excludedPrefixes([], { templatesJson: JSON.stringify({ folder: composed }) }))).toBe(true);
    expect(isExcluded(`${decomposed}/Meeting.md`, excludedPrefixes([], { appJson: JSON.stringify({ userIgnoreFilters: [composed] }) }))).toBe(true);
    expect(isExcluded(`${decomposed}/Meeting.md`, excludedPrefixes([], { templaterJson: JSON.stringify({ templates_folder: composed }) }))).toBe(true);
    expect(isExcluded(`${decomposed}2/Meeting.md`, excludedPrefixes([composed]))).toBe(false);
  });

  it("excludes nothing with no prefixes", () => {
    expect(isExcluded("a.md", [])).toBe(false);
  });
});

describe("excludedKindFolders", () => {
  const folders = { customers: "Customers", people: "People", projects: "Projects", meetings: "Meetings" };

  it("names each kind folder an exclusion covers whole, once per source, and the source", () => {
    const found = exclusions(["Customers", "/Customers/", "Customers/Archive", "Meetings2"], {
      appJson: JSON.stringify({ userIgnoreFilters: ["Customers/", "People"] }),
      templatesJson: JSON.stringify({ folder: "Projects" }),
    });
    expect(excludedKindFolders(folders, found)).toEqual([
      {
        source: "excludedFolders",
        message: 'folder "Customers" (setting "folders.customers") is excluded by setting "excludedFolders": its notes are never read, so none of them is a customer page',
      },
      {
        source: "userIgnoreFilters",
        message: `folder "Customers" (setting "folders.customers") is excluded by Obsidian's "Excluded files": its notes are never read, so none of them is a customer page`,
      },
      {
        source: "userIgnoreFilters",
        message: `folder "People" (setting "folders.people") is excluded by Obsidian's "Excluded files": its notes are never read, so none of them is a person`,
      },
      {
        source: "templates",
        message: 'folder "Projects" (setting "folders.projects") is excluded as the Templates folder: its notes are never read, so none of them is a project',
      },
    ]);
  });

  it("says nothing for a folder inside a kind folder, a name that only starts the same, or another case (exclusion compares case)", () => {
    expect(excludedKindFolders(folders, exclusions(["Customers/Old", "Meetings2", "Meet", "people", "Customers.md"]))).toEqual([]);
  });

  it("a kind folder spelled in another case in the vault (kinds ignore case: `customers/` is the customers folder) and excluded as spelled there", () => {
    // Obsidian's Excluded files holds the folder as the vault spells it; §2 rule 3 reads `customers/`
    // as the customers folder, and the exclusion (which compares case) covers it whole.
    const found = exclusions(["people"], { appJson: JSON.stringify({ userIgnoreFilters: ["customers/"] }) });
    const inVault = (prefix: string): boolean => prefix === "customers" || prefix === "people";
    expect(excludedKindFolders(folders, found, inVault)).toEqual([
      {
        source: "userIgnoreFilters",
        message: `folder "customers" (setting "folders.customers") is excluded by Obsidian's "Excluded files": its notes are never read, so none of them is a customer page`,
      },
      {
        source: "excludedFolders",
        message: 'folder "people" (setting "folders.people") is excluded by setting "excludedFolders": its notes are never read, so none of them is a person',
      },
    ]);
    // No note in the vault under the folder as the exclusion spells it: it excludes nothing.
    expect(excludedKindFolders(folders, found, () => false)).toEqual([]);
  });

  it("compares in one Unicode form, as the exclusion does", () => {
    const found = exclusions(["Re\u0301unions"]);
    expect(isExcluded("R\u00e9unions/x.md", prefixesOf(found))).toBe(true);
    expect(excludedKindFolders({ ...folders, meetings: "R\u00e9unions" }, found).map((p) => p.source)).toEqual(["excludedFolders"]);
  });
});
