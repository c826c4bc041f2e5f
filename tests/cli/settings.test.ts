// Settings: DIR/.obsidian/plugins/customer-pages/data.json by default, or --config FILE.
// Runs on copies of the spec's worked example; every expected page is written out by hand.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHARED } from "../helpers/vault";
import {
  buildCli,
  changedPaths,
  copyOf,
  lines,
  makeVault,
  read,
  removeTemps,
  runCli,
  snapshot,
  tempDir,
  writeFiles,
} from "./cli-helpers";

const EXAMPLE_VAULT = join(SHARED, "spec", "example", "vault");
const EXPECTED = readFileSync(join(SHARED, "spec", "example", "Northstar Bank.expected.md"), "utf8");
const PAGE = "Customers/Northstar Bank.md";
const DATA = ".obsidian/plugins/customer-pages/data.json";
const TODAY = "2026-01-01";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

const HEAD = [
  "---",
  "type: customer",
  "aliases: [Northstar]",
  "status: Active",
  "industry: Banking",
  "owner: Dana Whitfield",
  "last_contact: 2025-10-30",
  "---",
  "# Northstar Bank",
  "",
  "Our largest regional bank account.",
  "",
];
const RECENT = [
  "## Recent Context",
  "",
  "- 2025-10-30: [[Oct 30th, 2025]] - Call with Maya about budget timing. (via Maya Lin)",
  "- 2025-10-22: [[2025-10-22 - Northstar kickoff]] - Kickoff with the Northstar platform team on the storage migration and the pilot timeline.",
  "- 2025-09: [[2025-09 - Northstar security review]] - Notes from the Northstar Bank security review.",
  "- unknown: [[Architecture notes]] - The Northstar team wants object storage with cross-region replication and a long retention window...",
  "",
];
const STATUS = [
  "## Account Status",
  "",
  "| Field | Value |",
  "|-------|-------|",
  "| **Status** | Active |",
  "| **Industry** | Banking |",
  "| **Owner** | Dana Whitfield |",
  "| **Last contact** | 2025-10-30 |",
  "",
  "## Key Contacts",
  "",
  "- [[Maya Lin]]",
  "",
];
const NOTES = ["## Notes", "", "Hand-written notes stay as they are."];
/** Collaborators and Related People with Dana in them (no "ignoredPeople"). */
const PEOPLE = [
  "## Collaborators",
  "",
  "| Person | Role | Company |",
  "|--------|------|---------|",
  "| [[Maya Lin]] | CTO | Northstar Bank |",
  "| [[Dana Whitfield]] | Account executive | Our Company |",
  "",
  "## Related People",
  "",
  "- [[Maya Lin]]",
  "- [[Dana Whitfield]]",
  "",
];

/** The worked example's page in the seed's formats: no ` ([[source]])` after harvested items. */
const SEED_FORMAT = lines(
  ...HEAD,
  ...RECENT,
  "## Key Facts",
  "",
  "- Northstar runs two data centers in Ohio",
  "- Budget approved for the pilot.",
  "",
  "## Open Tasks",
  "",
  "- [ ] Ask Maya for the security questionnaire",
  "- [ ] Send the pilot plan to [[Maya Lin]]",
  "",
  ...STATUS,
  "## Blockers",
  "",
  "- ❌ Vendor risk assessment still pending",
  "",
  "## Key Decisions",
  "",
  "- ✅ Start the pilot in November",
  "",
  ...PEOPLE,
  ...NOTES,
);

const SOURCE_LINKED_FACTS = [
  "## Key Facts",
  "",
  "- Northstar runs two data centers in Ohio ([[2025-10-22 - Northstar kickoff]])",
  "- Budget approved for the pilot. ([[2025-10-22 - Northstar kickoff]])",
  "",
  "## Open Tasks",
  "",
  "- [ ] Ask Maya for the security questionnaire ([[Oct 30th, 2025]])",
  "- [ ] Send the pilot plan to [[Maya Lin]] ([[2025-10-22 - Northstar kickoff]])",
  "",
];

/** The page with the Docs folder excluded: its two notes' lines gone, the Blockers section with them. */
const DOCS_EXCLUDED = lines(
  ...HEAD,
  "## Recent Context",
  "",
  "- 2025-10-30: [[Oct 30th, 2025]] - Call with Maya about budget timing. (via Maya Lin)",
  "- 2025-10-22: [[2025-10-22 - Northstar kickoff]] - Kickoff with the Northstar platform team on the storage migration and the pilot timeline.",
  "",
  ...SOURCE_LINKED_FACTS,
  ...STATUS,
  "## Key Decisions",
  "",
  "- ✅ Start the pilot in November ([[2025-10-22 - Northstar kickoff]])",
  "",
  ...PEOPLE,
  ...NOTES,
);

/** The message JSON.parse gives for `text`, which the settings warning quotes; "" if it parses. */
function jsonError(text: string): string {
  try {
    JSON.parse(text);
    return "";
  } catch (e) {
    return (e as Error).message;
  }
}

function regenerate(vault: string, ...extra: string[]) {
  return runCli(cli, ["regenerate", "--vault", vault, "--today", TODAY, ...extra]);
}

describe("settings from the vault's data.json", () => {
  it('{"sourceLinks": false} gives the seed\'s formats', () => {
    const vault = copyOf(EXAMPLE_VAULT);
    writeFiles(vault, { [DATA]: JSON.stringify({ sourceLinks: false }) });
    const before = snapshot(vault);
    const r = regenerate(vault);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(read(vault, PAGE)).toBe(SEED_FORMAT);
    expect(changedPaths(before, snapshot(vault))).toEqual([PAGE]);
  });

  it("with source links off, a tick goes to the first related note that has the task", () => {
    const vault = copyOf(EXAMPLE_VAULT);
    writeFiles(vault, { [DATA]: JSON.stringify({ sourceLinks: false }) });
    expect(regenerate(vault).status).toBe(0);
    writeFiles(vault, {
      [PAGE]: SEED_FORMAT.replace("- [ ] Ask Maya for the security questionnaire", "- [x] Ask Maya for the security questionnaire"),
    });
    const r = regenerate(vault);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(read(vault, "Daily/Oct 30th, 2025.md")).toBe(
      lines("Call with [[Maya]] about budget timing.", "", "- [x] Ask Maya for the security questionnaire"),
    );
    expect(read(vault, PAGE)).toBe(SEED_FORMAT.replace("- [ ] Ask Maya for the security questionnaire\n", ""));
  });

  it.each([
    ["", "plain JSON"],
    ["\uFEFF", "JSON saved with a byte order mark"],
  ])('"ignoredPeople" leaves the user out of Collaborators and Related People (%j: %s)', (bom) => {
    const vault = copyOf(EXAMPLE_VAULT);
    writeFiles(vault, { [DATA]: bom + JSON.stringify({ ignoredPeople: ["Dana Whitfield"] }) });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.errLines).toEqual([]);
    expect(read(vault, PAGE)).toBe(
      lines(
        ...HEAD,
        ...RECENT,
        ...SOURCE_LINKED_FACTS,
        ...STATUS,
        "## Blockers",
        "",
        "- ❌ Vendor risk assessment still pending ([[2025-09 - Northstar security review]])",
        "",
        "## Key Decisions",
        "",
        "- ✅ Start the pilot in November ([[2025-10-22 - Northstar kickoff]])",
        "",
        "## Collaborators",
        "",
        "| Person | Role | Company |",
        "|--------|------|---------|",
        "| [[Maya Lin]] | CTO | Northstar Bank |",
        "",
        "## Related People",
        "",
        "- [[Maya Lin]]",
        "",
        ...NOTES,
      ),
    );
  });

  it('"excludedFolders" keeps the notes there out of the page (and Obsidian\'s userIgnoreFilters does the same)', () => {
    const a = copyOf(EXAMPLE_VAULT);
    writeFiles(a, { [DATA]: JSON.stringify({ excludedFolders: ["Docs"] }) });
    expect(regenerate(a).status).toBe(0);
    expect(read(a, PAGE)).toBe(DOCS_EXCLUDED);

    const b = copyOf(EXAMPLE_VAULT);
    writeFiles(b, { ".obsidian/app.json": JSON.stringify({ userIgnoreFilters: ["Docs/", "/Meet.*/"] }) });
    expect(regenerate(b).status).toBe(0);
    expect(read(b, PAGE)).toBe(DOCS_EXCLUDED);
  });
});

describe("--config FILE", () => {
  it("reads the settings from a file outside the vault", () => {
    const vault = copyOf(EXAMPLE_VAULT);
    const config = join(tempDir(), "settings.json");
    writeFileSync(config, JSON.stringify({ sourceLinks: false }));
    const r = regenerate(vault, "--config", config);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(read(vault, PAGE)).toBe(SEED_FORMAT);
  });

  it("replaces the vault's data.json rather than adding to it", () => {
    const vault = copyOf(EXAMPLE_VAULT);
    writeFiles(vault, { [DATA]: JSON.stringify({ sourceLinks: false }) });
    const config = join(tempDir(), "defaults.json");
    writeFileSync(config, "{}");
    const r = regenerate(vault, "--config", config);
    expect(r.status).toBe(0);
    // The defaults: the spec's expected page, with source links.
    expect(read(vault, PAGE)).toBe(EXPECTED);
  });

  it("a --config file that cannot be read exits 2 and writes nothing", () => {
    const vault = copyOf(EXAMPLE_VAULT);
    const before = snapshot(vault);
    const missing = join(tempDir(), "missing.json");
    const r = regenerate(vault, "--config", missing);
    expect(r.status).toBe(2);
    // Why, as for a settings file that is there and cannot be read (`cannot read …: EISDIR`).
    expect(r.stderr).toBe(`error: cannot read --config ${missing}: ENOENT (no such file)\n`);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
  });
});

describe("a data.json that is not valid JSON (README: it stops neither the plugin nor the CLI)", () => {
  it("left as a git merge conflict: the defaults, a warning naming the file, the file left byte for byte, exit 0", () => {
    const vault = copyOf(EXAMPLE_VAULT);
    // Source links off on one side: read as that, the page would take the seed's formats.
    const conflict = '<<<<<<< HEAD\n{"sourceLinks": false}\n=======\n{"ignoredPeople": ["Dana Whitfield"]}\n>>>>>>> main\n';
    writeFiles(vault, { [DATA]: conflict });
    const why = jsonError(conflict);
    expect(why).not.toBe("");
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.warnings).toEqual([`warning: ${join(vault, DATA)}: settings are not valid JSON (${why}); using the defaults`]);
    // The defaults: the spec's expected page, with source links.
    expect(read(vault, PAGE)).toBe(EXPECTED);
    expect(read(vault, DATA)).toBe(conflict);
  });
});

describe("settings that would change nothing, or make nothing, without a word", () => {
  const SMALL = {
    "Customers/Acme.md": lines("---", "type: customer", "---", "# Acme"),
    "People/Ann Lee.md": lines("---", "aliases: [Ann]", "role: CTO", "---"),
    "Meetings/2025-10-01 - Acme kickoff.md": lines("Kickoff with [[Acme]] and [[Ann Lee]]."),
  };

  it("the customers folder excluded (by the setting, Obsidian's Excluded files or as the Templates folder): a warning naming the file that excludes it", () => {
    const vault = makeVault({
      ...SMALL,
      [DATA]: JSON.stringify({ excludedFolders: ["Customers/"] }),
      ".obsidian/app.json": JSON.stringify({ userIgnoreFilters: ["People/", "Customers/Archive"] }),
      ".obsidian/templates.json": JSON.stringify({ folder: "Meetings" }),
    });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.warnings).toEqual([
      `warning: ${join(vault, DATA)}: folder "Customers" (setting "folders.customers") is excluded by setting "excludedFolders": its notes are never read, so none of them is a customer page`,
      `warning: ${join(vault, ".obsidian/app.json")}: folder "People" (setting "folders.people") is excluded by Obsidian's "Excluded files": its notes are never read, so none of them is a person`,
      `warning: ${join(vault, ".obsidian/templates.json")}: folder "Meetings" (setting "folders.meetings") is excluded as the Templates folder: its notes are never read, so none of them is a meeting`,
    ]);
    expect(r.stdout).toContain("0 customer page(s)");
  });

  it("Obsidian's templates.json left as a git merge conflict, or app.json that is no object: a warning naming each file, saying what is not excluded", () => {
    const conflict = '<<<<<<< HEAD\n{"folder": "Templates"}\n=======\n{"folder": "Tpl"}\n>>>>>>> main\n';
    const vault = makeVault({
      ...SMALL,
      "Templates/Acme meeting.md": lines("Meeting with [[Acme]].", "", "- [ ] {{task}}"),
      ".obsidian/templates.json": conflict,
      ".obsidian/app.json": "null",
    });
    const why = jsonError(conflict);
    expect(why).not.toBe("");
    const r = regenerate(vault, "--dry-run");
    expect(r.status).toBe(0);
    expect(r.warnings).toEqual([
      `warning: ${join(vault, ".obsidian/app.json")}: Obsidian's app.json is not a JSON object; its "Excluded files" are not applied`,
      `warning: ${join(vault, ".obsidian/templates.json")}: Obsidian's templates.json is not valid JSON (${why}); its Templates folder is not excluded`,
    ]);
  });

  it("a list limit written 2.5 in data.json is refused with a warning, as the settings tab refuses it, not taken as 2", () => {
    const vault = makeVault({
      ...SMALL,
      "Meetings/2025-10-02 - Acme review.md": lines("Review with [[Acme]]."),
      "Meetings/2025-10-03 - Acme sync.md": lines("Sync with [[Acme]]."),
      [DATA]: JSON.stringify({ limits: { recentContext: 2.5 } }),
    });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.warnings).toEqual([`warning: ${join(vault, DATA)}: setting "limits.recentContext" must be a whole number; using the default`]);
    // The default, 15: all three notes are listed.
    expect(read(vault, "Customers/Acme.md")).toContain(
      lines(
        "## Recent Context",
        "",
        "- 2025-10-03: [[2025-10-03 - Acme sync]] - Sync with Acme.",
        "- 2025-10-02: [[2025-10-02 - Acme review]] - Review with Acme.",
        "- 2025-10-01: [[2025-10-01 - Acme kickoff]] - Kickoff with Acme and Ann Lee.",
      ),
    );
  });

  it("a kind folder given as only slashes (`/`, the vault's root) names no folder: it says so, not that the type is wrong", () => {
    const vault = makeVault({ ...SMALL, [DATA]: JSON.stringify({ folders: { customers: "/", people: "\\" } }) });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.warnings).toEqual([
      `warning: ${join(vault, DATA)}: setting "folders.people" names no folder ("\\\\"); using the default`,
      `warning: ${join(vault, DATA)}: setting "folders.customers" names no folder ("/"); using the default`,
    ]);
    // The default folders are used: Acme is a customer page, Ann Lee a person.
    expect(read(vault, "Customers/Acme.md")).toContain("| [[Ann Lee]] | CTO |  |");
  });

  it("a folder inside a kind folder excluded, or a kind folder spelled otherwise, is no warning", () => {
    const vault = makeVault({
      ...SMALL,
      [DATA]: JSON.stringify({ excludedFolders: ["Customers/Archive", "Meetings2", "Templater"], folders: { projects: "Work" } }),
      ".obsidian/plugins/templater-obsidian/data.json": JSON.stringify({ templates_folder: "Templates" }),
    });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.warnings).toEqual([]);
  });

  it("the customers folder spelled `customers/` in the vault (a kind folder to the tool: kinds ignore case) and excluded so in Obsidian's Excluded files", () => {
    const vault = makeVault({
      "customers/Acme.md": lines("# Acme"),
      "meetings/2025-10-01 - Acme kickoff.md": lines("Kickoff with [[Acme]]."),
      ".obsidian/app.json": JSON.stringify({ userIgnoreFilters: ["customers/"] }),
    });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("0 customer page(s)");
    expect(r.warnings).toEqual([
      `warning: ${join(vault, ".obsidian/app.json")}: folder "customers" (setting "folders.customers") is excluded by Obsidian's "Excluded files": its notes are never read, so none of them is a customer page`,
    ]);
    // Not excluded, it is the customers folder: the page is made.
    const open = makeVault({ "customers/Acme.md": lines("# Acme"), "meetings/2025-10-01 - Acme kickoff.md": lines("Kickoff with [[Acme]].") });
    expect(regenerate(open).stdout).toContain("1 customer page(s): 1 updated");
  });

  it("a Templater templates folder that is a kind folder", () => {
    const vault = makeVault({ ...SMALL, ".obsidian/plugins/templater-obsidian/data.json": JSON.stringify({ templates_folder: "/Projects/" }) });
    const r = regenerate(vault);
    expect(r.warnings).toEqual([
      `warning: ${join(vault, ".obsidian/plugins/templater-obsidian/data.json")}: folder "Projects" (setting "folders.projects") is excluded as the Templater plugin's templates folder: its notes are never read, so none of them is a project`,
    ]);
  });

  it('an "ignoredPeople" entry that names no person: one warning per entry, naming the settings file; a name, an alias, a path or a link that finds a person is none', () => {
    const vault = makeVault({
      ...SMALL,
      "Notes/Jordan Reyes.md": lines("Not a person note."),
      [DATA]: JSON.stringify({ ignoredPeople: ["Ann", "ann lee", "[[Ann Lee]]", "People/Ann Lee", "Jordan Reyse", "Jordan Reyes", "Jordan Reyse", "Acme"] }),
    });
    const r = regenerate(vault);
    expect(r.status).toBe(0);
    const data = join(vault, DATA);
    expect(r.warnings).toEqual([
      `warning: ${data}: setting "ignoredPeople": no person note is named "Jordan Reyse" (by name or alias), so it leaves nobody out`,
      `warning: ${data}: setting "ignoredPeople": no person note is named "Jordan Reyes" (by name or alias), so it leaves nobody out`,
      `warning: ${data}: setting "ignoredPeople": no person note is named "Acme" (by name or alias), so it leaves nobody out`,
    ]);
    // Ann is left out all the same.
    expect(read(vault, "Customers/Acme.md")).not.toContain("[[Ann Lee]]");
    expect(r.stdout).toContain("3 warning(s)");
    // The links command reads the same settings and says the same.
    const links = runCli(cli, ["links", "--vault", vault]);
    expect(links.warnings).toEqual(r.warnings);
  });
});

describe("--config-dir NAME: a vault whose config folder is not .obsidian (Obsidian's Override config folder)", () => {
  const PHONE_DATA = ".obsidian-phone/plugins/customer-pages/data.json";

  it("reads the plugin's settings from NAME, and not from .obsidian", () => {
    const vault = copyOf(EXAMPLE_VAULT);
    // .obsidian's settings (another device's) would leave Dana out: with the flag they are not read.
    writeFiles(vault, { [PHONE_DATA]: JSON.stringify({ sourceLinks: false }), [DATA]: JSON.stringify({ ignoredPeople: ["Dana Whitfield"] }) });
    const before = snapshot(vault);
    const r = regenerate(vault, "--config-dir", ".obsidian-phone");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(read(vault, PAGE)).toBe(SEED_FORMAT);
    expect(changedPaths(before, snapshot(vault))).toEqual([PAGE]);
  });

  it("without it, NAME's settings are not read (the defaults: the spec's page), and a warning says where they are", () => {
    const vault = copyOf(EXAMPLE_VAULT);
    writeFiles(vault, { [PHONE_DATA]: JSON.stringify({ sourceLinks: false }), ".sync/plugins/customer-pages/data.json": "{}" });
    const r = regenerate(vault);
    expect(r.warnings).toEqual([
      `warning: ${join(vault, ".obsidian-phone/plugins/customer-pages/data.json")}: settings in a config folder other than .obsidian (Obsidian's Override config folder), not read: give --config-dir .obsidian-phone to read them`,
      `warning: ${join(vault, ".sync/plugins/customer-pages/data.json")}: settings in a config folder other than .obsidian (Obsidian's Override config folder), not read: give --config-dir .sync to read them`,
    ]);
    expect(r.status).toBe(0);
    expect(read(vault, PAGE)).toBe(EXPECTED);
    // Settings in .obsidian, --config or --config-dir given: the run reads what it was told to, and says nothing.
    writeFiles(vault, { [DATA]: "{}" });
    expect(regenerate(vault).warnings).toEqual([]);
    rmSync(join(vault, DATA));
    expect(regenerate(vault, "--config-dir", ".obsidian").warnings).toEqual([]);
    const config = join(tempDir(), "settings.json");
    writeFileSync(config, "{}");
    expect(regenerate(vault, "--config", config).warnings).toEqual([]);
    expect(read(vault, PAGE)).toBe(EXPECTED);
  });

  it("reads Obsidian's Excluded files from NAME/app.json (written with a trailing slash, as a shell completes it), for regenerate and links", () => {
    const vault = copyOf(EXAMPLE_VAULT);
    writeFiles(vault, { ".obsidian-phone/app.json": JSON.stringify({ userIgnoreFilters: ["Docs/"] }) });
    const r = regenerate(vault, "--config-dir=.obsidian-phone/");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(read(vault, PAGE)).toBe(DOCS_EXCLUDED);
    const links = runCli(cli, ["links", "--vault", vault, "--config-dir", ".obsidian-phone"]);
    expect(links.status).toBe(0);
    const graph = JSON.parse(links.stdout) as Record<string, Record<string, number>>;
    // An excluded note is a link target but no key (cli/links).
    expect(Object.keys(graph)).not.toContain("Docs/2025-09 - Northstar security review.md");
    const plain = JSON.parse(runCli(cli, ["links", "--vault", vault]).stdout) as Record<string, Record<string, number>>;
    expect(plain["Docs/2025-09 - Northstar security review.md"]).toEqual({ "Customers/Northstar Bank.md": 1 });
  });

  it("warnings about NAME's files name them there", () => {
    const vault = copyOf(EXAMPLE_VAULT);
    writeFiles(vault, { ".obsidian-phone/app.json": "null" });
    const r = regenerate(vault, "--config-dir", ".obsidian-phone", "--dry-run");
    expect(r.status).toBe(0);
    expect(r.warnings).toEqual([`warning: ${join(vault, ".obsidian-phone/app.json")}: Obsidian's app.json is not a JSON object; its "Excluded files" are not applied`]);
  });

  it("--config still gives the plugin's settings; NAME the rest", () => {
    const vault = copyOf(EXAMPLE_VAULT);
    const config = join(tempDir(), "settings.json");
    writeFileSync(config, JSON.stringify({ sourceLinks: false }));
    writeFiles(vault, { [PHONE_DATA]: JSON.stringify({ ignoredPeople: ["Dana Whitfield"] }), ".obsidian-phone/app.json": "null" });
    const r = regenerate(vault, "--config", config, "--config-dir", ".obsidian-phone");
    expect(r.warnings).toEqual([`warning: ${join(vault, ".obsidian-phone/app.json")}: Obsidian's app.json is not a JSON object; its "Excluded files" are not applied`]);
    expect(r.status).toBe(0);
    expect(read(vault, PAGE)).toBe(SEED_FORMAT);
  });

  it("a NAME that is not a folder in the vault (mistyped) exits 2 and writes nothing", () => {
    const vault = copyOf(EXAMPLE_VAULT);
    writeFiles(vault, { [PHONE_DATA]: JSON.stringify({ sourceLinks: false }) });
    const before = snapshot(vault);
    const r = regenerate(vault, "--config-dir", ".obsidain-phone");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("error: --config-dir .obsidain-phone: no such folder in the vault\n");
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
  });

  it.each(["obsidian-phone", ".", "..", ".a/b", "../.obsidian"])("%j is no config folder's name: exit 2, nothing written", (name) => {
    const vault = copyOf(EXAMPLE_VAULT);
    const before = snapshot(vault);
    const r = regenerate(vault, "--config-dir", name);
    expect(r.status).toBe(2);
    expect(r.errLines[0]).toBe(`error: --config-dir must name one folder in the vault starting with a dot (as .obsidian-phone), not ${name}`);
    expect(changedPaths(before, snapshot(vault))).toEqual([]);
  });
});
