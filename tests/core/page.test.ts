// §6 harvesting and §7 bodies: the page model of a customer and the rendered section bodies.
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { buildPageModel, compareNames, ignoredPeopleWarnings, renderBodies } from "../../src/core/page";
import { DEFAULT_SETTINGS, type Settings } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";

function build(files: Record<string, string>, settings: Settings = DEFAULT_SETTINGS): VaultIndex {
  return VaultIndex.build(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    settings,
  );
}

const fm = (yaml: string, body = ""): string => `---\n${yaml}\n---\n${body}`;
const TODAY = parseIsoDay("2025-11-01")!;
const ACME = "Customers/Acme.md";

const VAULT: Record<string, string> = {
  [ACME]: fm('status: Active\nIndustry: [Tech, AI]\ntier: ~\nowner: "A | B"\nstage: []\nrenewal:\n  q: 1', "# Acme\n"),
  "Customers/Globex.md": "# Globex\n",
  "People/Maya Lin.md": fm('company: "[[Acme]]"\nrole: CTO\naliases: [Maya]'),
  "People/Bo.md": fm("company: Acme"),
  "People/Dana.md": fm('company: "[[Our Company]]"\nrole: AE'),
  "People/Me.md": fm("company: Our Company"),
  "People/Amy.md": fm('company: "[[Acme]]"\nrole: PM'),
  "People/Zed.md": fm('organization: Acme\nrole: "R&D | Ops"'),
  "People/ann.md": fm('company: [Acme, "Side | Gig"]'),
  "Docs/Migration Plan.md": "A plan.\n",
  "Notes/Future.md": fm("date: 2025-12-01", "Planning for [[Acme]].\n"),
  "Daily/2025-10-30.md": fm("topics: storage, Budget", "Call with [[Maya Lin]] about budget.\n\n- [ ] Ask Maya for questionnaire\n"),
  "Notes/Globex sync 2025-10-25.md": "[[Globex]] sync with [[Maya Lin]].\n\n## Key Facts\n- Globex fact\n- [ ] Globex task\n",
  "Meetings/2025-10-22 - Kickoff.md": fm(
    'summary: Kickoff with the platform team\nattendees: ["[[Maya Lin]]", "[[Bo]]", "[[Dana]]", "[[Me]]"]',
    [
      "Kickoff for [[Acme]].",
      "",
      "## Key Facts",
      "- Two data centers in Ohio",
      "- Budget approved. ^b1",
      "",
      "## Tasks",
      "- [ ] Send plan to [[Maya Lin]]",
      "",
      "## Risks",
      "- ❌ Vendor risk pending",
      "",
      "## Decisions",
      "- ✅ Start pilot in November",
      "",
      "## Topics",
      "- Storage",
      "- pricing",
      "- Storage",
      "",
    ].join("\n"),
  ),
  "Docs/2025-10 - Review.md": fm(
    'customer: Acme\ntopics: [Pricing, "[[Docs/Migration Plan|the plan]]"]',
    "Security review notes.\n\n## Risks\n- Legal review\n\n## Key Facts\n- budget  approved\n",
  ),
  "Notes/Undated.md": "Acme notes.\n\n- #fact Third fact\n- Upsell backup #opportunity\n- [x] done\n- met [[Amy]]\n",
  // Links only colleagues and never names Acme: not related, so it counts for nobody (§5).
  "Notes/2025-10-31 1-1.md": "1:1 with [[Dana]] and [[Me]].\n",
};

const settings: Settings = { ...DEFAULT_SETTINGS, ignoredPeople: ["Me"] };
const index = build(VAULT, settings);
const model = buildPageModel(index, ACME, TODAY);
const bodies = renderBodies(model, index);

describe("Recent Context (§7)", () => {
  it("lists related notes in sort order with date, link, summary and via", () => {
    expect(bodies.recentContext).toEqual([
      "- 2025-12-01: [[Future]] - Planning for Acme.",
      "- 2025-10-30: [[2025-10-30]] - Call with Maya Lin about budget. (via Maya Lin)",
      "- 2025-10-25: [[Globex sync 2025-10-25]] - Globex sync with Maya Lin. (via Maya Lin)",
      "- 2025-10-22: [[2025-10-22 - Kickoff]] - Kickoff with the platform team",
      "- 2025-10: [[2025-10 - Review]] - Security review notes.",
      "- unknown: [[Undated]] - Acme notes.",
    ]);
  });

  it("leaves out ` - {summary}` when there is none", () => {
    const i = build({ [ACME]: "", "Notes/2025-10-01.md": "[[Acme]]\n" });
    expect(renderBodies(buildPageModel(i, ACME, TODAY), i).recentContext).toEqual(["- 2025-10-01: [[2025-10-01]] - Acme"]);
    const j = build({ [ACME]: "", "Notes/2025-10-01.md": "- [[Acme]]\n" });
    expect(renderBodies(buildPageModel(j, ACME, TODAY), j).recentContext).toEqual(["- 2025-10-01: [[2025-10-01]]"]);
  });

  it("shows at most 15 notes, the newest", () => {
    const files: Record<string, string> = { [ACME]: "" };
    for (let d = 1; d <= 17; d++) files[`Notes/2025-10-${String(d).padStart(2, "0")}.md`] = "- [[Acme]]\n";
    const i = build(files);
    const lines = renderBodies(buildPageModel(i, ACME, TODAY), i).recentContext;
    expect(lines.length).toBe(15);
    expect(lines[0]).toBe("- 2025-10-17: [[2025-10-17]]");
    expect(lines[14]).toBe("- 2025-10-03: [[2025-10-03]]");
  });
});

describe("last contact (§5)", () => {
  it("is the newest related date not after today", () => {
    expect(model.lastContact).toEqual({ year: 2025, month: 10, day: 30 });
    expect(bodies.accountStatus[bodies.accountStatus.length - 1]).toBe("| **Last contact** | 2025-10-30 |");
  });

  it("counts today itself", () => {
    const m = buildPageModel(index, ACME, parseIsoDay("2025-12-01")!);
    expect(m.lastContact).toEqual({ year: 2025, month: 12, day: 1 });
  });

  it("a month-precision date counts as that month", () => {
    const i = build({ [ACME]: "", "Notes/2025-10 - Plan.md": "[[Acme]]\n", "Notes/2025-09-30.md": "[[Acme]]\n" });
    const m = buildPageModel(i, ACME, parseIsoDay("2025-10-15")!);
    expect(renderBodies(m, i).accountStatus.at(-1)).toBe("| **Last contact** | 2025-10 |");
    // On the first of the month the month still counts, and is newer than the day before.
    expect(renderBodies(buildPageModel(i, ACME, parseIsoDay("2025-10-01")!), i).accountStatus.at(-1)).toBe("| **Last contact** | 2025-10 |");
  });

  it("is unknown when every dated note is in the future or there is none", () => {
    const i = build({ [ACME]: "", "Notes/2026-01-01.md": "[[Acme]]\n", "Notes/Undated.md": "[[Acme]]\n" });
    expect(renderBodies(buildPageModel(i, ACME, TODAY), i).accountStatus.at(-1)).toBe("| **Last contact** | unknown |");
  });
});

describe("§6 sources and harvested sections", () => {
  it("Key Facts: in note order then position, de-duplicated, with source links and block ids", () => {
    expect(bodies.keyFacts).toEqual([
      "- Two data centers in Ohio ([[2025-10-22 - Kickoff]])",
      "- Budget approved. ([[2025-10-22 - Kickoff#^b1]])",
      "- Third fact ([[Undated]])",
    ]);
  });

  it("a via note that is direct for another customer gives no items", () => {
    expect(bodies.keyFacts.join("\n")).not.toContain("Globex fact");
    expect(bodies.openTasks.join("\n")).not.toContain("Globex task");
  });

  it("Open Tasks: every open task, from via notes too", () => {
    expect(bodies.openTasks).toEqual([
      "- [ ] Ask Maya for questionnaire ([[2025-10-30]])",
      "- [ ] Send plan to [[Maya Lin]] ([[2025-10-22 - Kickoff]])",
    ]);
  });

  it("Blockers with ❌, Key Decisions with ✅, Opportunities plain", () => {
    expect(bodies.blockers).toEqual([
      "- ❌ Vendor risk pending ([[2025-10-22 - Kickoff]])",
      "- ❌ Legal review ([[2025-10 - Review]])",
    ]);
    expect(bodies.keyDecisions).toEqual(["- ✅ Start pilot in November ([[2025-10-22 - Kickoff]])"]);
    expect(bodies.opportunities).toEqual(["- Upsell backup ([[Undated]])"]);
  });

  it("Topics: counted by notes, most first, then first seen, in the first-seen form", () => {
    expect(bodies.topics).toEqual(["storage, pricing, Budget, Migration Plan"]);
  });

  it("with source links off the formats are the seed's", () => {
    const i = build(VAULT, { ...settings, sourceLinks: false });
    const b = renderBodies(buildPageModel(i, ACME, TODAY), i);
    expect(b.keyFacts).toEqual(["- Two data centers in Ohio", "- Budget approved.", "- Third fact"]);
    expect(b.openTasks).toEqual(["- [ ] Ask Maya for questionnaire", "- [ ] Send plan to [[Maya Lin]]"]);
    expect(b.blockers).toEqual(["- ❌ Vendor risk pending", "- ❌ Legal review"]);
    expect(b.keyDecisions).toEqual(["- ✅ Start pilot in November"]);
  });

  it("open tasks as plain items when checkboxes are off", () => {
    const i = build(VAULT, { ...settings, openTasksAsCheckboxes: false });
    const b = renderBodies(buildPageModel(i, ACME, TODAY), i);
    expect(b.openTasks).toEqual([
      "- Ask Maya for questionnaire ([[2025-10-30]])",
      "- Send plan to [[Maya Lin]] ([[2025-10-22 - Kickoff]])",
    ]);
  });
});

describe("limits and de-duplication (§6, §7)", () => {
  it("de-duplicates by normalised text before the limit is applied", () => {
    const facts = [
      "Fact one.",
      "fact  ONE",
      "Fact one;",
      "Fact two",
      "Fact three",
      "Fact four",
      "Fact five",
      "Fact six",
      "Fact seven",
      "Fact eight",
      "Fact nine",
      "Fact ten",
      "Fact eleven",
    ];
    const i = build({ [ACME]: "", "Notes/2025-10-01.md": `[[Acme]]\n## Key Facts\n${facts.map((f) => `- ${f}`).join("\n")}\n` });
    const b = renderBodies(buildPageModel(i, ACME, TODAY), i);
    expect(b.keyFacts.map((l) => l.replace(" ([[2025-10-01]])", ""))).toEqual([
      "- Fact one.",
      "- Fact two",
      "- Fact three",
      "- Fact four",
      "- Fact five",
      "- Fact six",
      "- Fact seven",
      "- Fact eight",
      "- Fact nine",
      "- Fact ten",
    ]);
  });

  it("keeps the first of duplicates across notes, in note order", () => {
    const i = build({
      [ACME]: "",
      "Notes/2025-10-01.md": "[[Acme]]\n## Key Facts\n- Older wording\n",
      "Notes/2025-10-02.md": "[[Acme]]\n## Key Facts\n- older   wording.\n",
    });
    expect(renderBodies(buildPageModel(i, ACME, TODAY), i).keyFacts).toEqual(["- older   wording. ([[2025-10-02]])"]);
  });

  it("the same open task in two notes is one line, from the first note in sort order", () => {
    const i = build({
      [ACME]: "",
      "Notes/2025-10-01.md": "[[Acme]]\n- [ ] Send the plan\n",
      "Notes/2025-10-02.md": "[[Acme]]\n- [ ] send the plan.\n",
    });
    expect(renderBodies(buildPageModel(i, ACME, TODAY), i).openTasks).toEqual(["- [ ] send the plan. ([[2025-10-02]])"]);
  });

  it("Open Tasks and Blockers are not limited; Key Decisions and Opportunities are limited to 10", () => {
    const n = 12;
    const list = (prefix: string) => Array.from({ length: n }, (_, k) => `- ${prefix} ${k + 1}`).join("\n");
    const i = build({
      [ACME]: "",
      "Notes/2025-10-01.md": `[[Acme]]\n${Array.from({ length: n }, (_, k) => `- [ ] task ${k + 1}`).join("\n")}\n## Risks\n${list("risk")}\n## Decisions\n${list("decision")}\n## Opportunities\n${list("opp")}\n`,
    });
    const b = renderBodies(buildPageModel(i, ACME, TODAY), i);
    expect(b.openTasks.length).toBe(12);
    expect(b.blockers.length).toBe(12);
    expect(b.keyDecisions.length).toBe(10);
    expect(b.opportunities.length).toBe(10);
    expect(b.keyDecisions.at(-1)).toBe("- ✅ decision 10 ([[2025-10-01]])");
  });

  it("Topics are limited to 20", () => {
    const topics = Array.from({ length: 25 }, (_, k) => `t${k + 1}`);
    const i = build({ [ACME]: "", "Notes/2025-10-01.md": `[[Acme]]\n## Topics\n${topics.map((t) => `- ${t}`).join("\n")}\n` });
    const b = renderBodies(buildPageModel(i, ACME, TODAY), i);
    expect(b.topics).toEqual([topics.slice(0, 20).join(", ")]);
  });

  it("a frontmatter topic that is a link shows its target's basename, resolved or not", () => {
    const i = build({
      [ACME]: "",
      "Ideas/Known Topic.md": "x\n",
      "Notes/2025-10-01.md": fm('topics: ["[[Ideas/Known Topic|kt]]", "[[Ideas/Unknown Topic]]", "[[Plain]]"]', "[[Acme]]\n"),
    });
    expect(renderBodies(buildPageModel(i, ACME, TODAY), i).topics).toEqual(["Known Topic, Unknown Topic, Plain"]);
  });

  it("a topic counts once per note", () => {
    const i = build({
      [ACME]: "",
      "Notes/2025-10-02.md": fm("topics: [Alpha, alpha]", "[[Acme]]\n## Topics\n- Alpha\n- ALPHA\n"),
      "Notes/2025-10-01.md": "[[Acme]]\n## Topics\n- Beta\n",
      "Notes/2025-09-30.md": "[[Acme]]\n## Topics\n- Beta\n",
    });
    expect(renderBodies(buildPageModel(i, ACME, TODAY), i).topics).toEqual(["Beta, Alpha"]);
  });
});

describe("Account Status (§7)", () => {
  it("rows for the configured keys: null, empty, empty list and map left out; lists joined; | escaped", () => {
    expect(bodies.accountStatus).toEqual([
      "| Field | Value |",
      "|-------|-------|",
      "| **Status** | Active |",
      "| **Industry** | Tech, AI |",
      "| **Owner** | A \\| B |",
      "| **Last contact** | 2025-10-30 |",
    ]);
  });

  it("a block scalar's value is shown without its last line break (no space before the cell's end)", () => {
    const i = build({ [ACME]: fm("status: |\n  Active\n  multi\nowner: >\n  Dana\n") });
    expect(renderBodies(buildPageModel(i, ACME, TODAY), i).accountStatus.slice(2, 4)).toEqual(["| **Status** | Active multi |", "| **Owner** | Dana |"]);
  });

  it("a key listed twice (in any case) is one row; a | in a key is escaped like one in a value", () => {
    const settings = { ...DEFAULT_SETTINGS, accountStatusKeys: ["status", "Status", "STATUS", "st|atus"] };
    const i = build({ [ACME]: fm('status: Active\n"st|atus": odd') }, settings);
    expect(renderBodies(buildPageModel(i, ACME, TODAY), i).accountStatus).toEqual([
      "| Field | Value |",
      "|-------|-------|",
      "| **Status** | Active |",
      "| **St\\|atus** | odd |",
      "| **Last contact** | unknown |",
    ]);
  });

  it("scalars as written, unquoted; a newline becomes a space; labels whatever the key's case", () => {
    const i = build({
      [ACME]: fm("STATUS: 'Active'\ntier: 1.0\nrenewal: 2026-01-31\nowner: \"Dana\\nWhitfield\"\nstage: false"),
    });
    expect(renderBodies(buildPageModel(i, ACME, TODAY), i).accountStatus).toEqual([
      "| Field | Value |",
      "|-------|-------|",
      "| **Status** | Active |",
      "| **Tier** | 1.0 |",
      "| **Owner** | Dana Whitfield |",
      "| **Stage** | false |",
      "| **Renewal** | 2026-01-31 |",
      "| **Last contact** | unknown |",
    ]);
  });

  it("always has its Last contact row", () => {
    const i = build({ [ACME]: "" });
    expect(renderBodies(buildPageModel(i, ACME, TODAY), i).accountStatus).toEqual([
      "| Field | Value |",
      "|-------|-------|",
      "| **Last contact** | unknown |",
    ]);
  });
});

describe("people (§7)", () => {
  it("Key Contacts: by the newest related note linking them, undated next, unlinked last, then by name", () => {
    expect(bodies.keyContacts).toEqual(["- [[Maya Lin]]", "- [[Bo]]", "- [[Amy]]", "- [[ann]]", "- [[Zed]]"]);
  });

  it("Collaborators: linked or belonging, minus ignored people, by note count then name; role and company", () => {
    expect(bodies.collaborators).toEqual([
      "| Person | Role | Company |",
      "|--------|------|---------|",
      "| [[Maya Lin]] | CTO | Acme |",
      "| [[Amy]] | PM | Acme |",
      "| [[Bo]] |  | Acme |",
      "| [[Dana]] | AE | Our Company |",
      "| [[ann]] |  | Acme, Side \\| Gig |",
      "| [[Zed]] | R&D \\| Ops | Acme |",
    ]);
  });

  it("Related People: the same people in the same order", () => {
    expect(bodies.relatedPeople).toEqual(["- [[Maya Lin]]", "- [[Amy]]", "- [[Bo]]", "- [[Dana]]", "- [[ann]]", "- [[Zed]]"]);
  });

  it("ignored people leave Collaborators and Related People, not Key Contacts", () => {
    const i = build(VAULT, { ...DEFAULT_SETTINGS, ignoredPeople: ["Maya Lin", "Dana"] });
    const b = renderBodies(buildPageModel(i, ACME, TODAY), i);
    expect(b.relatedPeople).toEqual(["- [[Amy]]", "- [[Bo]]", "- [[Me]]", "- [[ann]]", "- [[Zed]]"]);
    expect(b.collaborators.some((l) => l.includes("Maya Lin") || l.includes("Dana"))).toBe(false);
    expect(b.keyContacts[0]).toBe("- [[Maya Lin]]");
  });

  it("an ignored person who is nobody is warned about, once per entry; a person found by name, alias, path or link is not", () => {
    const names = ["Me", "maya", "[[Dana]]", "People/Bo", "Mee", "Mee", "Migration Plan", "[[Nobody|x]]", "Customers/Acme"];
    const i = build(VAULT, { ...DEFAULT_SETTINGS, ignoredPeople: names });
    const warned = (n: string): string => `setting "ignoredPeople": no person note is named "${n}" (by name or alias), so it leaves nobody out`;
    expect(ignoredPeopleWarnings(i)).toEqual([warned("Mee"), warned("Migration Plan"), warned("[[Nobody|x]]"), warned("Customers/Acme")]);
    // What a warning says follows the person notes: one renamed to the name, an alias added, one deleted.
    i.rename("People/Me.md", "People/Mee.md", VAULT["People/Me.md"]!);
    i.set("Docs/Migration Plan.md", fm("type: person\naliases: [Nobody]"));
    i.delete("People/Dana.md");
    expect(ignoredPeopleWarnings(i)).toEqual([warned("Me"), warned("[[Dana]]"), warned("Customers/Acme")]);
    // No warnings without the setting.
    expect(ignoredPeopleWarnings(index)).toEqual([]);
  });

  it("projects that belong are neither Key Contacts nor Collaborators", () => {
    const i = build({ [ACME]: "", "Projects/Rocket.md": fm("customer: Acme"), "Notes/2025-10-01.md": "[[Rocket]]\n" });
    const b = renderBodies(buildPageModel(i, ACME, TODAY), i);
    expect(b.recentContext).toEqual(["- 2025-10-01: [[2025-10-01]] - Rocket (via Rocket)"]);
    expect(b.keyContacts).toEqual([]);
    expect(b.collaborators).toEqual([]);
  });

  it("Collaborators is empty (no table) when there is nobody", () => {
    const i = build({ [ACME]: "", "Notes/2025-10-01.md": "[[Acme]]\n" });
    const b = renderBodies(buildPageModel(i, ACME, TODAY), i);
    expect(b.collaborators).toEqual([]);
    expect(b.relatedPeople).toEqual([]);
    expect(b.keyContacts).toEqual([]);
  });

  it("Company: first non-empty of company, organization, org, account; an unresolved link shows its target", () => {
    const i = build({
      [ACME]: "",
      "People/P1.md": fm('company: ""\norganization: []\norg: "[[Nowhere Inc|NW]]"\naccount: Acme'),
      "Notes/2025-10-01.md": "[[Acme]] [[P1]]\n",
    });
    expect(renderBodies(buildPageModel(i, ACME, TODAY), i).collaborators.at(-1)).toBe("| [[P1]] |  | Nowhere Inc |");
  });

  it("compareNames sorts by lower-cased basename in code units (not locale), then path", () => {
    const names = ["People/b.md", "Team/B.md", "Other/a.md", "People/_x.md", "People/Á.md"];
    const i = build(Object.fromEntries(names.map((p) => [p, "x\n"])));
    const sorted = [...names].sort((a, b) => compareNames(i.note(a), i.note(b), a, b));
    // "_x" (0x5F) < "a" < "b" = "b" (then by path) < "á" (0xE1); a locale order would put "á" next to "a".
    expect(sorted).toEqual(["People/_x.md", "Other/a.md", "People/b.md", "Team/B.md", "People/Á.md"]);
  });

  it("people are listed by name in code-unit order, not locale order", () => {
    const i = build({
      [ACME]: "",
      "People/Émile.md": fm("company: Acme"),
      "People/zoe.md": fm("company: Acme"),
      "People/Adam.md": fm("company: Acme"),
    });
    const b = renderBodies(buildPageModel(i, ACME, TODAY), i);
    expect(b.keyContacts).toEqual(["- [[Adam]]", "- [[zoe]]", "- [[Émile]]"]);
    expect(b.relatedPeople).toEqual(["- [[Adam]]", "- [[zoe]]", "- [[Émile]]"]);
  });
});

describe("links the page writes (§7)", () => {
  it("use the path when another note shares the basename; self-links point at the source", () => {
    const i = build({
      [ACME]: "",
      "Notes/Sync.md": fm("date: 2025-10-01", "[[Acme]] sync.\n## Key Facts\n- see [[#Pricing]] ^p1\n"),
      "Archive/sync.md": "old\n",
    });
    const b = renderBodies(buildPageModel(i, ACME, TODAY), i);
    expect(b.recentContext).toEqual(["- 2025-10-01: [[Notes/Sync]] - Acme sync."]);
    expect(b.keyFacts).toEqual(["- see [[Notes/Sync#Pricing]] ([[Notes/Sync#^p1]])"]);
  });

  it("an excluded note sharing the basename counts; a dot-folder file does not", () => {
    const files = {
      [ACME]: "",
      "Meetings/Kickoff.md": "[[Acme]]\n",
      "Templates/Kickoff.md": "template\n",
      ".trash/Sync.md": "old\n",
      "Meetings/Sync.md": "[[Acme]]\n",
    };
    const i = VaultIndex.build(
      Object.entries(files).map(([path, text]) => ({ path, text })),
      DEFAULT_SETTINGS,
      ["Templates"],
    );
    expect(renderBodies(buildPageModel(i, ACME, TODAY), i).recentContext).toEqual([
      "- unknown: [[Meetings/Kickoff]] - Acme",
      "- unknown: [[Sync]] - Acme",
    ]);
  });

  it("(via …) is a plain basename even when the basename is shared", () => {
    const i = build({
      [ACME]: "",
      "People/Sam.md": fm("company: Acme"),
      "Archive/Sam.md": "old\n",
      "Notes/2025-10-01.md": "met [[People/Sam]]\n",
    });
    const b = renderBodies(buildPageModel(i, ACME, TODAY), i);
    expect(b.recentContext).toEqual(["- 2025-10-01: [[2025-10-01]] - met People/Sam (via Sam)"]);
    expect(b.keyContacts).toEqual(["- [[People/Sam]]"]);
  });
});
