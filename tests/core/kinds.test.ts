// §2 Kinds of note: the first rule that applies.
import { describe, expect, it } from "vitest";
import { parseFrontmatter } from "../../src/core/frontmatter";
import { classify, customerFolderName, isNotePath, linkOrText, tagList } from "../../src/core/kinds";
import { DEFAULT_SETTINGS, type Settings } from "../../src/core/settings";

const kind = (path: string, yaml = "", settings: Settings = DEFAULT_SETTINGS): string =>
  classify(path, parseFrontmatter(yaml === "" ? "" : `---\n${yaml}---\n`).data, settings);

describe("rule 1: frontmatter type", () => {
  it.each([
    ["customer", "customer"],
    ["account", "customer"],
    ["Customer", "customer"],
    ["ACCOUNT", "customer"],
    ["person", "person"],
    ["people", "person"],
    ["contact", "person"],
    ["Person", "person"],
    ["project", "project"],
    ["meeting", "meeting"],
  ])("type: %s → %s", (value, expected) => {
    expect(kind("Notes/x.md", `type: ${value}\n`)).toBe(expected);
  });

  it("is read as a list: the first element that names a kind decides", () => {
    expect(kind("Notes/x.md", "type: [note, customer]\n")).toBe("customer");
    expect(kind("Notes/x.md", "type:\n  - idea\n  - person\n  - customer\n")).toBe("person");
  });

  it("a link counts as its target's basename", () => {
    expect(kind("Notes/x.md", 'type: "[[Customer]]"\n')).toBe("customer");
    expect(kind("Notes/x.md", "type: [[Meeting]]\n")).toBe("meeting");
    expect(kind("Notes/x.md", 'type: "[[Types/Person|a person]]"\n')).toBe("person");
    expect(kind("Notes/x.md", 'type: ["[[Project]]"]\n')).toBe("project");
  });

  it("other values fall through to the next rules", () => {
    expect(kind("People/Bob.md", "type: note\n")).toBe("person");
    expect(kind("Notes/x.md", "type: daily\ntags: [type/meeting]\n")).toBe("meeting");
    expect(kind("Notes/x.md", "type: 'customers'\n")).toBe("note");
  });

  it("a word that is a member of every JavaScript object names no kind", () => {
    for (const w of ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty"]) {
      expect(kind("Notes/x.md", `type: ${w}\n`)).toBe("note");
      expect(kind("People/x.md", `type: ${w}\n`)).toBe("person");
      expect(kind("Notes/x.md", `categories: ["[[${w}]]"]\n`)).toBe("note");
    }
  });

  it("type wins over tags, categories and folders", () => {
    expect(kind("Customers/Acme.md", "type: meeting\n")).toBe("meeting");
    expect(kind("People/Bob.md", "type: customer\ntags: [type/person]\n")).toBe("customer");
  });
});

describe("rule 2: type/ tags and categories", () => {
  it("a type/ tag in a list", () => {
    expect(kind("Notes/x.md", "tags: [work, type/customer]\n")).toBe("customer");
    expect(kind("Notes/x.md", "tags:\n  - '#type/person'\n")).toBe("person");
    expect(kind("Notes/x.md", "tags: [type/project]\n")).toBe("project");
    expect(kind("Notes/x.md", "tags: [type/meeting]\n")).toBe("meeting");
  });

  it("a type/ tag in a comma or space separated string, # stripped", () => {
    expect(kind("Notes/x.md", "tags: work, type/customer\n")).toBe("customer");
    expect(kind("Notes/x.md", "tags: work type/meeting\n")).toBe("meeting");
    expect(kind("Notes/x.md", "tags: '#work #type/person'\n")).toBe("person");
  });

  it("other tags do not decide", () => {
    expect(kind("Notes/x.md", "tags: [type/other, customer]\n")).toBe("note");
    expect(kind("Notes/x.md", "tags: [type/customers]\n")).toBe("note");
  });

  it("a categories entry linking to Customers, Accounts, People, Projects or Meetings", () => {
    expect(kind("Notes/x.md", 'categories: ["[[Customers]]"]\n')).toBe("customer");
    expect(kind("Notes/x.md", 'categories: ["[[Accounts]]"]\n')).toBe("customer");
    expect(kind("Notes/x.md", 'categories:\n  - "[[People]]"\n')).toBe("person");
    expect(kind("Notes/x.md", 'categories: ["[[Projects]]"]\n')).toBe("project");
    expect(kind("Notes/x.md", 'categories: ["[[Ideas]]", "[[Meetings]]"]\n')).toBe("meeting");
    expect(kind("Notes/x.md", 'categories: ["[[Categories/Meetings|meetings]]"]\n')).toBe("meeting");
  });

  it("a categories entry holding more than one link, or text around one, links to each (B35-B)", () => {
    expect(kind("Notes/x.md", 'categories: "[[Companies]], [[Customers]]"\n')).toBe("customer");
    expect(kind("Notes/x.md", 'categories:\n  - "[[People]] (since 2024)"\n')).toBe("person");
    // The first link that names a kind decides, as in a list.
    expect(kind("Notes/x.md", 'categories: "[[Projects]] [[Meetings]]"\n')).toBe("project");
  });

  it("a categories entry that is not a link does not decide", () => {
    expect(kind("Notes/x.md", "categories: [Customers]\n")).toBe("note");
    expect(kind("Notes/x.md", "categories: People\n")).toBe("note");
  });

  it("tags and categories win over folders", () => {
    expect(kind("People/x.md", "tags: [type/meeting]\n")).toBe("meeting");
    expect(kind("Customers/x.md", 'categories: ["[[People]]"]\n')).toBe("person");
  });
});

describe("rule 3: the top-level folder", () => {
  it("People/, Projects/, Meetings/ at any depth below them", () => {
    expect(kind("People/Bob.md")).toBe("person");
    expect(kind("People/Team A/Bob.md")).toBe("person");
    expect(kind("Projects/Rocket.md")).toBe("project");
    expect(kind("Projects/2025/Rocket/Plan.md")).toBe("project");
    expect(kind("Meetings/2025-10-22 - Sync.md")).toBe("meeting");
    expect(kind("Meetings/2025/10/Sync.md")).toBe("meeting");
  });

  it("only the top-level folder counts", () => {
    expect(kind("Archive/People/Bob.md")).toBe("note");
    expect(kind("Work/Customers/Acme.md")).toBe("note");
  });

  it("Customers/: direct children and folder notes are customers", () => {
    expect(kind("Customers/Acme.md")).toBe("customer");
    expect(kind("Customers/Acme/Acme.md")).toBe("customer");
  });

  it("a Kanban board or an Excalidraw drawing among the customers is a note (their plugins own the layout)", () => {
    expect(kind("Customers/Pipeline.md", "kanban-plugin: basic\n")).toBe("note");
    expect(kind("Customers/Acme/Acme.md", "kanban-plugin: board\n")).toBe("note");
    expect(kind("Customers/Acme map.excalidraw.md", "excalidraw-plugin: parsed\n")).toBe("note");
    // Typed as a customer, it is one: the user said so (rule 1).
    expect(kind("Customers/Pipeline.md", "type: customer\nkanban-plugin: basic\n")).toBe("customer");
  });

  it("any other note under Customers/Acme/ is a note", () => {
    expect(kind("Customers/Acme/Call notes.md")).toBe("note");
    expect(kind("Customers/Acme/Sub/Acme.md")).toBe("note");
    expect(kind("Customers/Acme/Sub/Other.md")).toBe("note");
  });

  it("customerFolderName names the customer folder a note lies under", () => {
    expect(customerFolderName("Customers/Acme/Call notes.md", DEFAULT_SETTINGS)).toBe("Acme");
    expect(customerFolderName("Customers/Acme/Sub/x.md", DEFAULT_SETTINGS)).toBe("Acme");
    expect(customerFolderName("Customers/Acme.md", DEFAULT_SETTINGS)).toBeNull();
    expect(customerFolderName("Notes/Acme/x.md", DEFAULT_SETTINGS)).toBeNull();
  });

  it("folder names match in either Unicode form (a decomposed name on disk, a composed setting)", () => {
    const composed = "Soci\u00e9t\u00e9s";
    const decomposed = "Socie\u0301te\u0301s";
    const s: Settings = { ...DEFAULT_SETTINGS, folders: { customers: composed, people: "Pe\u0301ople", projects: "Projects", meetings: "Meetings" } };
    expect(kind(`${decomposed}/Acme.md`, "", s)).toBe("customer");
    expect(kind("P\u00e9ople/Bob.md", "", s)).toBe("person");
    expect(customerFolderName(`${decomposed}/Acme/x.md`, s)).toBe("Acme");
    // A folder note: the folder's name decomposed, the file's composed.
    expect(kind("Customers/Socie\u0301te\u0301/Soci\u00e9t\u00e9.md")).toBe("customer");
  });

  it("folder names are configurable", () => {
    const s: Settings = { ...DEFAULT_SETTINGS, folders: { customers: "Accounts", people: "Contacts", projects: "Work", meetings: "Calls" } };
    expect(kind("Accounts/Acme.md", "", s)).toBe("customer");
    expect(kind("Accounts/Acme/Acme.md", "", s)).toBe("customer");
    expect(kind("Accounts/Acme/Notes.md", "", s)).toBe("note");
    expect(kind("Contacts/Bob.md", "", s)).toBe("person");
    expect(kind("Work/Rocket.md", "", s)).toBe("project");
    expect(kind("Calls/Sync.md", "", s)).toBe("meeting");
    expect(kind("Customers/Acme.md", "", s)).toBe("note");
    expect(kind("People/Bob.md", "", s)).toBe("note");
    expect(customerFolderName("Accounts/Acme/x.md", s)).toBe("Acme");
  });
});

describe("rule 4: otherwise a note", () => {
  it("daily notes and root notes are notes", () => {
    expect(kind("Daily/2025-10-22.md")).toBe("note");
    expect(kind("Oct 30th, 2025.md")).toBe("note");
    expect(kind("Customers.md")).toBe("note");
    expect(kind("People.md")).toBe("note");
  });

  it("invalid frontmatter is ignored: the folder decides", () => {
    const fm = parseFrontmatter("---\ntype: [customer\n---\n").data;
    expect(classify("People/Bob.md", fm, DEFAULT_SETTINGS)).toBe("person");
  });
});

describe("helpers", () => {
  it("isNotePath: .md files outside dot-folders", () => {
    expect(isNotePath("Notes/x.md")).toBe(true);
    expect(isNotePath("x.md")).toBe(true);
    expect(isNotePath(".obsidian/x.md")).toBe(false);
    expect(isNotePath("a/.trash/x.md")).toBe(false);
    expect(isNotePath("a/.hidden.md")).toBe(false);
    expect(isNotePath("img.png")).toBe(false);
    expect(isNotePath("Board.canvas")).toBe(false);
  });

  it("linkOrText reads a link as its target", () => {
    expect(linkOrText(" [[Acme|A]] ")).toEqual({ text: "Acme", isLink: true });
    expect(linkOrText("Acme")).toEqual({ text: "Acme", isLink: false });
  });

  it("tagList splits strings at commas and spaces and strips #", () => {
    expect(tagList("#a, b c")).toEqual(["a", "b", "c"]);
    expect(tagList(["#a", "b"])).toEqual(["a", "b"]);
    expect(tagList(null)).toEqual([]);
  });
});
