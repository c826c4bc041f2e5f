// §3 Resolution: Obsidian's getFirstLinkpathDest steps, our alias rule, attachments, link text.
import { describe, expect, it } from "vitest";
import { joinRelative, relativeLink, Resolver } from "../../src/core/resolve";

function resolver(paths: Array<string | [string, string[]] | [string, string[], boolean]>): Resolver {
  const r = new Resolver();
  for (const p of paths) {
    if (typeof p === "string") r.set(p, [], false);
    else r.set(p[0], p[1], p[2] ?? false);
  }
  return r;
}

const at = (r: Resolver, target: string, from = "Notes/n.md"): string | null => r.resolve(target, from).path;

describe("step 1: a trailing .md is dropped; comparisons ignore case", () => {
  const r = resolver(["Customers/Acme Corp.md"]);
  it("with or without .md, any case", () => {
    expect(at(r, "Acme Corp")).toBe("Customers/Acme Corp.md");
    expect(at(r, "Acme Corp.md")).toBe("Customers/Acme Corp.md");
    expect(at(r, "acme corp")).toBe("Customers/Acme Corp.md");
    expect(at(r, "ACME CORP.MD")).toBe("Customers/Acme Corp.md");
  });
});

describe("step 2: ./ and ../ resolve against the linking note's folder, exactly", () => {
  const r = resolver(["Customers/Acme.md", "Notes/Acme.md", "People/Bob.md", "Top.md"]);
  it("./ is the note's own folder", () => {
    expect(at(r, "./Acme", "Customers/page.md")).toBe("Customers/Acme.md");
    expect(at(r, "./Acme", "Notes/n.md")).toBe("Notes/Acme.md");
  });
  it("../ climbs one folder", () => {
    expect(at(r, "../People/Bob", "Notes/n.md")).toBe("People/Bob.md");
    expect(at(r, "../Top", "Notes/n.md")).toBe("Top.md");
  });
  it("no basename search: a relative target that is not there is unresolved", () => {
    expect(at(r, "./Bob", "Notes/n.md")).toBeNull();
    expect(at(r, "../Bob", "Notes/n.md")).toBeNull();
  });
  it("climbing above the vault is unresolved", () => {
    expect(at(r, "../../Top", "Notes/n.md")).toBeNull();
  });
  it("joinRelative", () => {
    expect(joinRelative("a/b", "../c/./d")).toBe("a/c/d");
    expect(joinRelative("", "./x")).toBe("x");
    expect(joinRelative("a", "../../x")).toBeNull();
  });
});

describe("step 3: / is a path from the vault root, exactly", () => {
  const r = resolver(["Customers/Acme.md"]);
  it("resolves the exact path, any case", () => {
    expect(at(r, "/Customers/Acme")).toBe("Customers/Acme.md");
    expect(at(r, "/customers/acme.md")).toBe("Customers/Acme.md");
  });
  it("is unresolved when there is no such path", () => {
    expect(at(r, "/Acme")).toBeNull();
  });
});

describe("step 4: basename and path suffix", () => {
  it("matches a basename anywhere", () => {
    const r = resolver(["Deep/Down/Acme.md"]);
    expect(at(r, "Acme")).toBe("Deep/Down/Acme.md");
  });

  it("a target with folders must equal the path or end with / + target", () => {
    const r = resolver(["Work/Customers/Acme.md"]);
    expect(at(r, "Customers/Acme")).toBe("Work/Customers/Acme.md");
    expect(at(r, "Work/Customers/Acme")).toBe("Work/Customers/Acme.md");
    expect(at(r, "stomers/Acme")).toBeNull();
    expect(at(r, "Other/Acme")).toBeNull();
  });

  it("several candidates: the linking note's folder first", () => {
    const r = resolver(["A/Acme.md", "B/Sub/Acme.md", "Acme.md"]);
    expect(at(r, "Acme", "B/Sub/n.md")).toBe("B/Sub/Acme.md");
    expect(at(r, "Acme", "A/x.md")).toBe("A/Acme.md");
  });

  it("several candidates, none in the folder: the shortest path", () => {
    const r = resolver(["Deep/Nested/Acme.md", "Z/Acme.md"]);
    expect(at(r, "Acme")).toBe("Z/Acme.md");
  });

  it("several candidates of the same length: the first in code-unit order (not locale order)", () => {
    expect(at(resolver(["b/Acme.md", "a/Acme.md"]), "Acme")).toBe("a/Acme.md");
    // "Z" (0x5A) sorts before "a" (0x61) by code units; a locale compare would put "a" first.
    expect(at(resolver(["a/Acme.md", "Z/Acme.md"]), "Acme")).toBe("Z/Acme.md");
  });

  it("names are compared NFC-normalised", () => {
    expect(at(resolver(["Notes/Café.md"]), "Cafe\u0301")).toBe("Notes/Café.md");
    expect(at(resolver(["Notes/Cafe\u0301.md"]), "Café")).toBe("Notes/Cafe\u0301.md");
  });

  it("candidates that differ only in case are found", () => {
    const r = resolver(["x/ACME.md"]);
    expect(at(r, "acme")).toBe("x/ACME.md");
  });

  it("an empty note is a candidate only when the alias step finds nothing", () => {
    // Empty note in the linking note's folder, full note elsewhere: the full note.
    const r1 = resolver([["Notes/Acme.md", [], true], "Customers/Acme.md"]);
    expect(at(r1, "Acme", "Notes/n.md")).toBe("Customers/Acme.md");
    // Empty note and a note carrying the name as an alias: the alias.
    const r2 = resolver([["Acme.md", [], true], ["Customers/Acme Corporation.md", ["Acme"]]]);
    expect(at(r2, "Acme")).toBe("Customers/Acme Corporation.md");
    // Only an empty note: it.
    const r3 = resolver([["Acme.md", [], true]]);
    expect(at(r3, "Acme")).toBe("Acme.md");
  });
});

describe("step 5: unique aliases (ours)", () => {
  it("an alias carried by exactly one note resolves to it, ignoring case", () => {
    const r = resolver([["People/Rory Carmichael.md", ["Rory", "RC"]]]);
    expect(at(r, "Rory")).toBe("People/Rory Carmichael.md");
    expect(at(r, "rory")).toBe("People/Rory Carmichael.md");
    expect(at(r, "RC")).toBe("People/Rory Carmichael.md");
  });

  it("aliases are trimmed", () => {
    const r = resolver([["People/Rory Carmichael.md", ["  Rory  "]]]);
    expect(at(r, "Rory")).toBe("People/Rory Carmichael.md");
  });

  it("an alias shared by two notes does not resolve", () => {
    const r = resolver([
      ["People/Sila Smith.md", ["Sila"]],
      ["Customers/SILA legal.md", ["Sila"]],
    ]);
    expect(at(r, "Sila")).toBeNull();
    expect(r.resolve("Sila", "Notes/n.md").attachment).toBe(false);
    expect(r.aliasOwners("sila").length).toBe(2);
  });

  it("a basename wins over another note's alias", () => {
    const r = resolver(["People/Rory.md", ["People/Rory Carmichael.md", ["Rory"]]]);
    expect(at(r, "Rory")).toBe("People/Rory.md");
  });

  it("removing one of two owners makes the alias unique again", () => {
    const r = resolver([
      ["A.md", ["Shared"]],
      ["B.md", ["Shared"]],
    ]);
    expect(at(r, "Shared")).toBeNull();
    r.remove("B.md");
    expect(at(r, "Shared")).toBe("A.md");
  });
});

describe("step 6 and attachments", () => {
  const r = resolver(["People/Mr. Smith.md", "Notes/Plan v1.2.md"]);

  it("an unresolved target is null and counted as unresolved", () => {
    const res = r.resolve("Nobody", "Notes/n.md");
    expect(res).toEqual({ path: null, attachment: false });
  });

  it("a name with a dot is tried as a note first", () => {
    expect(at(r, "Mr. Smith")).toBe("People/Mr. Smith.md");
    expect(at(r, "Plan v1.2")).toBe("Notes/Plan v1.2.md");
  });

  it.each(["diagram.png", "files/report.pdf", "Board.canvas", "Tasks.base", "photo.JPG"])("%s is an attachment", (t) => {
    expect(r.resolve(t, "Notes/n.md")).toEqual({ path: null, attachment: true });
  });

  it("an unresolved `.md` target is unresolved, not an attachment", () => {
    expect(r.resolve("Missing.md", "Notes/n.md")).toEqual({ path: null, attachment: false });
  });

  it("an unresolved name with a dot that is not an extension is not an attachment", () => {
    expect(r.resolve("Mrs. Jones", "Notes/n.md").attachment).toBe(false);
  });

  it("an empty target is the linking note itself", () => {
    expect(at(r, "", "Notes/n.md")).toBe("Notes/n.md");
  });
});

describe("incremental changes", () => {
  it("set, rename (remove + set) and remove keep answers current", () => {
    const r = resolver(["A/Acme.md"]);
    expect(at(r, "Acme")).toBe("A/Acme.md");
    r.set("B/Acme.md", [], false);
    expect(at(r, "Acme", "B/x.md")).toBe("B/Acme.md");
    r.remove("A/Acme.md");
    expect(at(r, "Acme", "A/x.md")).toBe("B/Acme.md");
    expect(r.has("A/Acme.md")).toBe(false);
    expect(r.has("B/Acme.md")).toBe(true);
    r.set("B/Acme.md", ["Acme Corp"], false);
    expect(at(r, "Acme Corp")).toBe("B/Acme.md");
    r.set("B/Acme.md", [], false);
    expect(at(r, "Acme Corp")).toBeNull();
  });
});

describe("notes whose paths differ only in case or Unicode form (a case-sensitive file system: Linux)", () => {
  const UPPER = "Meetings/Sync.md";
  const LOWER = "meetings/sync.md";
  const NFC = "Notes/Caf\u00e9.md";
  const NFD = "Notes/Cafe\u0301.md";
  const orders = (paths: string[]): Resolver[] => [resolver(paths), resolver([...paths].reverse())];

  it("an exact path (`/`, `./`, `../`) opens the note it spells exactly, case and form included, in whatever order the notes came", () => {
    for (const r of orders([UPPER, LOWER, NFC, NFD])) {
      expect(at(r, "/Meetings/Sync")).toBe(UPPER);
      expect(at(r, "/meetings/sync")).toBe(LOWER);
      expect(at(r, "../Meetings/Sync", "Notes/n.md")).toBe(UPPER);
      expect(at(r, "../meetings/sync.md", "Notes/n.md")).toBe(LOWER);
      expect(at(r, "./sync", "meetings/x.md")).toBe(LOWER);
      expect(at(r, "./Sync", "Meetings/x.md")).toBe(UPPER);
      expect(at(r, "/Notes/Caf\u00e9")).toBe(NFC);
      expect(at(r, "/Notes/Cafe\u0301")).toBe(NFD);
      expect(at(r, "./Cafe\u0301", "Notes/n.md")).toBe(NFD);
      // Spelling neither exactly: the first in code-unit order, never the one that came last.
      expect(at(r, "/MEETINGS/SYNC")).toBe(UPPER);
      expect(at(r, "/notes/CAFÉ")).toBe(NFD);
    }
  });

  it("a name or path (§3 step 4) opens the one it spells exactly; otherwise §3's order, whatever order the notes came in", () => {
    for (const r of orders([UPPER, LOWER, NFC, NFD])) {
      expect(at(r, "Sync")).toBe(UPPER);
      expect(at(r, "sync")).toBe(LOWER);
      expect(at(r, "Meetings/Sync")).toBe(UPPER);
      expect(at(r, "meetings/sync")).toBe(LOWER);
      expect(at(r, "Caf\u00e9")).toBe(NFC);
      expect(at(r, "Cafe\u0301")).toBe(NFD);
      // Spelling neither exactly: §3 step 4 as before (here code-unit order).
      expect(at(r, "SYNC")).toBe(UPPER);
      expect(at(r, "MEETINGS/SYNC")).toBe(UPPER);
      // The linking note's folder comes first, then the exact spelling among that note and its twins.
      expect(at(r, "SYNC", "meetings/x.md")).toBe(LOWER);
      expect(at(r, "Sync", "meetings/x.md")).toBe(UPPER);
    }
    // §3 step 4 ranks first; the spelling only chooses among the twins of the note it ranks first.
    for (const r of orders([UPPER, LOWER, "Other/Sync.md", "Deep/er/sync.md"])) {
      expect(at(r, "sync")).toBe("Other/Sync.md"); // the shortest path
      expect(at(r, "Sync", "Meetings/x.md")).toBe(UPPER);
      expect(at(r, "sync", "Meetings/x.md")).toBe(LOWER);
      expect(at(r, "SYNC", "Meetings/x.md")).toBe(UPPER);
    }
  });

  it("names that differ only in case are still one name to §3 when their paths differ (a/Note.md, b/note.md)", () => {
    // Not twins: §3's comparisons ignore case, and code-unit order decides (the corpus's Foam case).
    for (const r of orders(["a/Note.md", "b/note.md"])) {
      expect(at(r, "Note")).toBe("a/Note.md");
      expect(at(r, "note")).toBe("a/Note.md");
    }
  });

  it("an empty twin comes last, as any empty note (§3 step 4)", () => {
    for (const r of [resolver([[UPPER, [], true], LOWER]), resolver([LOWER, [UPPER, [], true]])]) {
      expect(at(r, "Sync")).toBe(LOWER);
      expect(at(r, "/Meetings/Sync")).toBe(UPPER);
    }
  });

  it("has() and exact paths stay right as twins come and go, in any order", () => {
    const r = resolver([UPPER, LOWER]);
    r.remove(LOWER);
    expect(r.has(UPPER)).toBe(true);
    expect(r.has(LOWER)).toBe(false);
    expect(at(r, "/meetings/sync")).toBe(UPPER);
    r.set(LOWER, [], false);
    r.set("MEETINGS/SYNC.md", [], false);
    r.remove(UPPER);
    expect(r.has(LOWER) && r.has("MEETINGS/SYNC.md")).toBe(true);
    expect(r.has(UPPER)).toBe(false);
    expect(at(r, "/Meetings/Sync")).toBe("MEETINGS/SYNC.md");
    expect(at(r, "/meetings/sync")).toBe(LOWER);
    r.remove("MEETINGS/SYNC.md");
    expect(at(r, "/Meetings/Sync")).toBe(LOWER);
    expect([...r.samePathGroups()]).toEqual([]);
  });

  it("the links a page writes to each twin open that twin, from any folder", () => {
    for (const r of orders([UPPER, LOWER, NFC, NFD, "Customers/Sync.md", "meetings/Other.md"])) {
      for (const page of [PAGE, "Meetings/x.md", "meetings/x.md", "Notes/n.md", "Top.md"]) {
        for (const p of [UPPER, LOWER, NFC, NFD]) expect(at(r, r.linkText(p, page), page), `${p} from ${page}`).toBe(p);
      }
      expect(r.linkText(UPPER, "Top.md")).toBe("Meetings/Sync");
      expect(r.linkText(LOWER, "Top.md")).toBe("meetings/sync");
    }
  });

  it("samePathGroups lists them in code-unit order", () => {
    const r = resolver([LOWER, NFC, UPPER, NFD, "Other.md"]);
    expect([...r.samePathGroups()].map((g) => [...g]).sort()).toEqual([[NFD, NFC], [UPPER, LOWER]].sort());
  });
});

const PAGE = "Customers/Acme.md";

describe("linkText (§7 links that the page writes)", () => {
  it("is the basename when it is unique", () => {
    const r = resolver(["Meetings/2025-10-22 - Kickoff.md", "People/Maya Lin.md"]);
    expect(r.linkText("Meetings/2025-10-22 - Kickoff.md", PAGE)).toBe("2025-10-22 - Kickoff");
    expect(r.linkText("People/Maya Lin.md", PAGE)).toBe("Maya Lin");
  });

  it("is the path without .md when another note has the same basename ignoring case", () => {
    const r = resolver(["Notes/Sync.md", "Archive/sync.md", "Other.md"]);
    expect(r.linkText("Notes/Sync.md", PAGE)).toBe("Notes/Sync");
    expect(r.linkText("Archive/sync.md", PAGE)).toBe("Archive/sync");
    expect(r.linkText("Other.md", PAGE)).toBe("Other");
  });

  it("a note at the vault root with a shared name is written as its path (its basename)", () => {
    const r = resolver(["Sync.md", "Notes/Sync.md"]);
    expect(r.linkText("Sync.md", PAGE)).toBe("Sync");
    expect(r.linkText("Notes/Sync.md", PAGE)).toBe("Notes/Sync");
  });

  it("the written link resolves back to the note", () => {
    const r = resolver(["Notes/Sync.md", "Archive/sync.md", "Deep/er/Sync.md"]);
    for (const p of ["Notes/Sync.md", "Archive/sync.md", "Deep/er/Sync.md"]) {
      expect(at(r, r.linkText(p, PAGE), "Customers/Acme.md")).toBe(p);
    }
  });
});

describe("linkText: a link that would resolve elsewhere from the page's folder is written relative to the page", () => {
  it("a root note whose name a note in the page's folder shares: `../Sync`, not `Sync` (§3 step 4 puts the page's folder first)", () => {
    const r = resolver(["Sync.md", "Customers/Sync.md", PAGE]);
    // `[[Sync]]` from Customers/ would be Customers/Sync.md.
    expect(at(r, "Sync", PAGE)).toBe("Customers/Sync.md");
    expect(r.linkText("Sync.md", PAGE)).toBe("../Sync");
    expect(at(r, "../Sync", PAGE)).toBe("Sync.md");
    expect(r.linkText("Customers/Sync.md", PAGE)).toBe("Customers/Sync");
    // From another folder the path is enough.
    expect(r.linkText("Sync.md", "Pages/Globex.md")).toBe("Sync");
  });

  it("a path that a note in the page's folder ends with: `../../Acme/Sync`", () => {
    const page = "Customers/Acme/Acme.md";
    const r = resolver(["Acme/Sync.md", "Customers/Acme/Sync.md", page]);
    expect(at(r, "Acme/Sync", page)).toBe("Customers/Acme/Sync.md");
    expect(r.linkText("Acme/Sync.md", page)).toBe("../../Acme/Sync");
    expect(at(r, "../../Acme/Sync", page)).toBe("Acme/Sync.md");
    expect(r.linkText("Customers/Acme/Sync.md", page)).toBe("Customers/Acme/Sync");
  });

  it("an empty note whose name another note carries as an alias (step 5 comes before an empty note): `./Jane`", () => {
    const r = resolver([["People/Jane.md", [], true], ["People/Jane Doe.md", ["Jane"]]]);
    expect(at(r, "Jane", PAGE)).toBe("People/Jane Doe.md");
    expect(r.linkText("People/Jane.md", PAGE)).toBe("../People/Jane");
    expect(r.linkText("People/Jane.md", "People/x.md")).toBe("./Jane");
    expect(at(r, "./Jane", "People/x.md")).toBe("People/Jane.md");
  });

  it("names whose folded form has another length (decomposed accents, İ): the shortest path is the one written", () => {
    const nfd = "E\u0301e\u0301e\u0301e\u0301e\u0301"; // Ééééé, decomposed: 10 code units
    const nfc = "\u00c9\u00e9\u00e9\u00e9\u00e9"; // Ééééé, composed: 5
    const r = resolver([`${nfd}.md`, `Xy/${nfc}.md`, "I\u0307.md", "a/\u0130.md"]);
    // `[[Ééééé]]` reaches Xy/Ééééé.md: its path as written is shorter than the decomposed root note's.
    expect(at(r, nfd, PAGE)).toBe(`Xy/${nfc}.md`);
    for (const p of [`${nfd}.md`, `Xy/${nfc}.md`, "I\u0307.md", "a/\u0130.md"]) expect(at(r, r.linkText(p, PAGE), PAGE), p).toBe(p);
    expect(r.linkText(`${nfd}.md`, PAGE)).toBe(`../${nfd}`);
  });

  it("a note named like a file (`README.md`, so `README.md.md`) keeps its .md: §3 drops one from a link", () => {
    const r = resolver(["Notes/README.md.md", "README.md", "Other/Plan.md.md", "Plan.md.md", `${"Customers"}/Plan.md.md`]);
    expect(r.linkText("Notes/README.md.md", PAGE)).toBe("README.md.md");
    expect(at(r, "README.md.md", PAGE)).toBe("Notes/README.md.md");
    expect(at(r, "README.md", PAGE)).toBe("README.md"); // what the page wrote before: the other note
    expect(r.linkText("Plan.md.md", PAGE)).toBe("../Plan.md.md"); // Customers/Plan.md.md beside the page
    expect(at(r, "../Plan.md.md", PAGE)).toBe("Plan.md.md");
  });

  it("relativeLink climbs to the common folder", () => {
    expect(relativeLink("", "Sync")).toBe("./Sync");
    expect(relativeLink("Customers", "Customers/Sync")).toBe("./Sync");
    expect(relativeLink("Customers", "Sync")).toBe("../Sync");
    expect(relativeLink("Customers/Acme", "Acme/Sync")).toBe("../../Acme/Sync");
    expect(relativeLink("A/B", "A/C/D")).toBe("../C/D");
    // A folder named like the note is not the note's own path.
    expect(relativeLink("A/Sync", "A/Sync")).toBe("../Sync");
  });
});
