// §5 Who is related to a customer: names, belongs, mentions, direct and via notes.
import { describe, expect, it } from "vitest";
import { isHarvestSource } from "../../src/core/relate";
import { DEFAULT_SETTINGS, type Settings } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";

function build(files: Record<string, string>, settings: Settings = DEFAULT_SETTINGS): VaultIndex {
  return VaultIndex.build(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    settings,
  );
}

const fm = (yaml: string, body = ""): string => `---\n${yaml}\n---\n${body}`;

const ACME = "Customers/Acme.md";
const GLOBEX = "Customers/Globex.md";
const INITECH = "Customers/Initech/Initech.md";

const VAULT: Record<string, string> = {
  [ACME]: fm('aliases: [ACME Inc]\ntitle: Acme Corporation\ncontacts: ["[[Dave]]", "[[Globex]]"]\nprojects: ["[[Rocket]]"]', "# Acme\n"),
  [GLOBEX]: fm('company: "[[Acme]]"', "# Globex\n[[Acme]]\n"),
  [INITECH]: "# Initech\n",
  "Customers/Initech/Call notes.md": "Call notes\n",
  "Customers/Acme/Call.md": "A call\n",
  "People/Alice.md": fm('company: "[[Acme]]"\nrole: CTO'),
  "People/Bob.md": fm("org: Acme"),
  "People/Bea.md": fm("company: acme inc"),
  "People/Bert.md": fm("organization: Customers/Acme"),
  "People/Carol.md": fm("company: Globex"),
  "People/Dave.md": "Dave\n",
  "People/Eve.md": fm("company: Our Co\norg: Acme"),
  "People/Fay.md": fm('company: [Foo, "[[Acme]]"]'),
  "People/Gus.md": fm("account: Acme"),
  "People/Me.md": fm("company: Our Co"),
  "Projects/Rocket.md": "Rocket\n",
  "Projects/Sled.md": fm("customer: Globex"),
  "Projects/Kite.md": fm("account: Acme Corporation"),
  "Projects/Wing.md": fm("company: Acme\ncustomer: Globex"),

  "Notes/link.md": "Talked to [[Acme]].\n",
  "Notes/alias-link.md": "Talked to [[ACME Inc]].\n",
  "Notes/md-link.md": "Talked to [them](../Customers/Acme.md).\n",
  "Notes/fm-customer.md": fm("customer: Acme"),
  "Notes/fm-account.md": fm("account: ACME INC"),
  "Notes/fm-company.md": fm('company: "[[Acme]]"'),
  "Notes/fm-org.md": fm('org: ["[[Acme]]"]'),
  "Notes/fm-organization.md": fm("organization: acme corporation"),
  "Notes/fm-list.md": fm("customer: [Foo, Acme]"),
  "Notes/fm-other-key.md": fm("topic: Acme rollout"),
  "Notes/mention.md": "Meeting with ACME Inc about storage.\n",
  "Notes/mention-title.md": "The Acme Corporation board.\n",
  "Notes/mention-lower.md": "meeting with acme inc\n",
  "Notes/2025-10-01 Acme review.md": "Review.\n",
  "Notes/m-heading.md": "## Acme plans\n",
  "Notes/m-table.md": "| Who | What |\n|---|---|\n| Acme | pilot |\n",
  "Notes/m-callout.md": "> [!note] Acme\n> text\n",
  "Notes/m-footnote.md": "Text[^1]\n\n[^1]: Acme said so.\n",
  "Notes/m-tag.md": "Tagged #Acme\n",
  "Notes/m-extlink.md": "See [Acme docs](https://example.com/docs).\n",
  "Notes/m-shown.md": "See [[Other|Acme]].\n",
  "Notes/m-mdlink.md": "See [Acme](Other.md).\n",
  "Notes/m-url.md": "See https://example.com/Acme now.\n",
  "Notes/m-code.md": "`Acme`\n\n```\nAcme\n```\n\n    Acme\n",
  "Notes/m-comment.md": "%% Acme %%\n<!-- Acme -->\n",
  "Notes/Other.md": "Other\n",
  "Notes/via-alice.md": "Call with [[Alice]].\n",
  "Notes/via-first.md": "[[Carol]] then [[Bob]] then [[Rocket]]\n",
  "Notes/via-fm-first.md": fm('attendees: ["[[Rocket]]"]', "[[Alice]]\n"),
  "Notes/via-contact.md": "[[Dave]]\n",
  "Notes/via-project.md": "[[Kite]]\n",
  "Notes/colleague.md": "1:1 with [[Me]]\n",
  "Notes/not-belong.md": "[[Eve]]\n",
  "Notes/globex-and-alice.md": "[[Globex]] and [[Alice]]\n",
  "Notes/only-globex.md": "[[Globex]]\n",
  "Notes/mention-and-via.md": "Acme said [[Alice]] would call.\n",
  "Notes/link-in-code.md": "`[[Acme]]`\n",
  "Meetings/2025-10-02 Sync.md": fm("org: Globex"),
  "Daily/2025-10-03.md": "- with [[Bea]] and [[Fay]] and [[Gus]] and [[Bert]]\n",
};

const index = build(VAULT);
const rel = (note: string): Record<string, string | null> => Object.fromEntries(index.relationsOf(note));

describe("belongs to C (§5)", () => {
  it.each([
    ["People/Alice.md", "company as a link"],
    ["People/Bob.md", "org as plain text that resolves as a link target"],
    ["People/Bea.md", "company equal to an alias ignoring case"],
    ["People/Bert.md", "organization as a path"],
    ["People/Fay.md", "a list with one element naming C"],
    ["People/Gus.md", "account"],
    ["People/Dave.md", "listed in C's contacts"],
    ["Projects/Rocket.md", "listed in C's projects"],
    ["Projects/Kite.md", "a project's account equal to C's title"],
  ])("%s belongs to Acme (%s)", (entity) => {
    expect([...index.belongsTo(entity)]).toEqual([ACME]);
  });

  it("company is used before organization/org/account: a person with company Our Co and org Acme does not belong", () => {
    expect([...index.belongsTo("People/Eve.md")]).toEqual([]);
  });

  it("a company that holds only empty values gives way to organization, org, account (a template's unfilled list)", () => {
    const i = build({
      [ACME]: "# Acme\n",
      "People/Una.md": fm('company:\n  -\norg: "[[Acme]]"\nrole: CTO'),
      "People/Vic.md": fm('company: [""]\norganization: Acme'),
      "People/Wes.md": fm("company: {}\naccount: Acme"),
      "Projects/Kit.md": fm('customer: []\naccount: ""\ncompany: "[[Acme]]"'),
    });
    for (const p of ["People/Una.md", "People/Vic.md", "People/Wes.md", "Projects/Kit.md"]) expect([...i.belongsTo(p)], p).toEqual([ACME]);
  });

  it("every link in an element of contacts or projects lists its note, as every link in a company's value names (B35-B)", () => {
    const i = build({
      [ACME]: fm('contacts:\n  - "[[Bob]] (CTO)"\n  - "[[Ann]], [[Cid|C. Ito]]"\nprojects: "[[Kite]] and [[Sled]]"'),
      "People/Bob.md": "Bob\n",
      "People/Ann.md": "Ann\n",
      "People/Cid.md": "Cid\n",
      "Projects/Kite.md": "Kite\n",
      "Projects/Sled.md": "Sled\n",
    });
    expect(i.membersOf(ACME)).toEqual(["People/Ann.md", "People/Bob.md", "People/Cid.md", "Projects/Kite.md", "Projects/Sled.md"]);
  });

  it("a project's customer is used before account/company", () => {
    expect([...index.belongsTo("Projects/Wing.md")]).toEqual([GLOBEX]);
    expect([...index.belongsTo("Projects/Sled.md")]).toEqual([GLOBEX]);
  });

  it("customer pages never belong to each other", () => {
    expect([...index.belongsTo(GLOBEX)]).toEqual([]);
    expect(index.membersOf(ACME)).not.toContain(GLOBEX);
  });

  it("membersOf lists every entity that belongs", () => {
    expect(index.membersOf(ACME)).toEqual([
      "People/Alice.md",
      "People/Bea.md",
      "People/Bert.md",
      "People/Bob.md",
      "People/Dave.md",
      "People/Fay.md",
      "People/Gus.md",
      "Projects/Kite.md",
      "Projects/Rocket.md",
    ]);
  });
});

describe("direct notes (§5)", () => {
  it.each([
    ["Notes/link.md", "links to C"],
    ["Notes/alias-link.md", "links to C through a unique alias"],
    ["Notes/md-link.md", "a markdown link to C"],
    ["Notes/fm-customer.md", "customer names C (basename)"],
    ["Notes/fm-account.md", "account names C (alias, ignoring case)"],
    ["Notes/fm-company.md", "company links C"],
    ["Notes/fm-org.md", "org is a list with a link (kepano)"],
    ["Notes/fm-organization.md", "organization equals C's title ignoring case"],
    ["Notes/fm-list.md", "a list names C when one element does"],
    ["Notes/mention.md", "mentions an alias"],
    ["Notes/mention-title.md", "mentions the title"],
    ["Notes/2025-10-01 Acme review.md", "the basename mentions C"],
    ["Notes/m-heading.md", "a mention in a heading"],
    ["Notes/m-table.md", "a mention in a table"],
    ["Notes/m-callout.md", "a mention in a callout title"],
    ["Notes/m-footnote.md", "a mention in a footnote"],
    ["Notes/m-tag.md", "a mention in a tag"],
    ["Notes/m-extlink.md", "a mention in an external link's text"],
    ["Customers/Acme/Call.md", "lies under C's customer folder"],
    ["Notes/mention-and-via.md", "direct wins over via"],
  ])("%s is direct for Acme (%s)", (note) => {
    expect(rel(note)).toEqual({ [ACME]: null });
  });

  it("an alias or title differing from the basename only in case is matched as written too", () => {
    const i = build({
      "Customers/Acme.md": fm("aliases: [ACME]"),
      "Customers/Globex.md": fm("title: GLOBEX"),
      "Notes/2025-01-01 Call.md": "Call with ACME and GLOBEX today.\n",
      "Notes/2025-01-02 Other.md": "Call with Acme.\n",
    });
    expect(Object.fromEntries(i.relationsOf("Notes/2025-01-01 Call.md"))).toEqual({ "Customers/Acme.md": null, "Customers/Globex.md": null });
    expect(Object.fromEntries(i.relationsOf("Notes/2025-01-02 Other.md"))).toEqual({ "Customers/Acme.md": null });
  });

  it("the basename mentions C even when the body is empty or only frontmatter", () => {
    const i = build({
      [ACME]: "",
      "Notes/Acme review.md": "",
      "Notes/Acme plan.md": fm("tags: [plan]"),
      "Notes/Acme notes.md": "   \n",
    });
    expect(Object.fromEntries(i.relationsOf("Notes/Acme review.md"))).toEqual({ [ACME]: null });
    expect(Object.fromEntries(i.relationsOf("Notes/Acme plan.md"))).toEqual({ [ACME]: null });
    expect(Object.fromEntries(i.relationsOf("Notes/Acme notes.md"))).toEqual({ [ACME]: null });
  });

  it("a note under a folder-note customer's folder is direct for it", () => {
    expect(rel("Customers/Initech/Call notes.md")).toEqual({ [INITECH]: null });
  });

  it("meeting notes are related notes too", () => {
    expect(rel("Meetings/2025-10-02 Sync.md")).toEqual({ [GLOBEX]: null });
  });
});

describe("not related (§5)", () => {
  it.each([
    ["Notes/fm-other-key.md", "other frontmatter keys do not name C"],
    ["Notes/mention-lower.md", "mentions are case-sensitive"],
    ["Notes/m-shown.md", "a note link's shown text is not a mention"],
    ["Notes/m-mdlink.md", "a markdown note link's text is not a mention"],
    ["Notes/m-url.md", "URLs are not mentions"],
    ["Notes/m-code.md", "code is invisible"],
    ["Notes/m-comment.md", "comments are invisible"],
    ["Notes/link-in-code.md", "a link in code is no link"],
    ["Notes/colleague.md", "a note linking only a colleague"],
    ["Notes/not-belong.md", "a note linking a person who does not belong"],
  ])("%s (%s)", (note) => {
    expect(rel(note)).toEqual({});
  });

  it("a note linking only another customer is not related through it", () => {
    expect(rel("Notes/only-globex.md")).toEqual({ [GLOBEX]: null });
  });

  it("entities and customer pages are never related notes", () => {
    const related = [...index.relatedNotes(ACME)];
    for (const p of related) expect(p.startsWith("People/") || p.startsWith("Projects/") || p.startsWith("Customers/Globex")).toBe(false);
    expect(related).not.toContain(GLOBEX);
    expect(related).not.toContain("People/Alice.md");
  });
});

describe("via notes (§5)", () => {
  it("a note that links a person who belongs is via that person", () => {
    expect(rel("Notes/via-alice.md")).toEqual({ [ACME]: "People/Alice.md" });
  });

  it("via a contact or a project", () => {
    expect(rel("Notes/via-contact.md")).toEqual({ [ACME]: "People/Dave.md" });
    expect(rel("Notes/via-project.md")).toEqual({ [ACME]: "Projects/Kite.md" });
  });

  it("A is the first target by position that belongs to C, per customer", () => {
    expect(rel("Notes/via-first.md")).toEqual({ [GLOBEX]: "People/Carol.md", [ACME]: "People/Bob.md" });
  });

  it("frontmatter links come first", () => {
    expect(rel("Notes/via-fm-first.md")).toEqual({ [ACME]: "Projects/Rocket.md" });
  });

  it("a note direct for one customer can be via for another", () => {
    expect(rel("Notes/globex-and-alice.md")).toEqual({ [GLOBEX]: null, [ACME]: "People/Alice.md" });
  });

  it("relatedNotes holds direct and via notes", () => {
    const related = index.relatedNotes(ACME);
    expect(related.has("Notes/link.md")).toBe(true);
    expect(related.has("Notes/via-alice.md")).toBe(true);
    expect(related.has("Notes/globex-and-alice.md")).toBe(true);
    expect(related.has("Daily/2025-10-03.md")).toBe(true);
    expect(related.has("Notes/colleague.md")).toBe(false);
  });

  it("isHarvestSource: a via note that is direct for another customer gives no items (§6)", () => {
    expect(isHarvestSource(index.relationsOf("Notes/globex-and-alice.md"), ACME)).toBe(false);
    expect(isHarvestSource(index.relationsOf("Notes/via-alice.md"), ACME)).toBe(true);
    expect(isHarvestSource(index.relationsOf("Notes/link.md"), ACME)).toBe(true);
  });
});

describe("shared terms and mention settings (§5)", () => {
  it("a term shared by two customers neither mentions nor names either", () => {
    const i = build({
      "Customers/Northstar Bank.md": fm("aliases: [Northstar]"),
      "Customers/Northstar Energy.md": fm("aliases: [Northstar]"),
      "Notes/a.md": "Northstar called.\n",
      "Notes/b.md": fm("customer: Northstar"),
      "Notes/c.md": "Northstar Bank called.\n",
    });
    expect(Object.fromEntries(i.relationsOf("Notes/a.md"))).toEqual({});
    expect(Object.fromEntries(i.relationsOf("Notes/b.md"))).toEqual({});
    expect(Object.fromEntries(i.relationsOf("Notes/c.md"))).toEqual({ "Customers/Northstar Bank.md": null });
    const w = i.warnings().filter((x) => x.message.includes("Northstar"));
    expect(w.map((x) => x.file).sort()).toEqual(["Customers/Northstar Bank.md", "Customers/Northstar Energy.md"]);
  });

  it("mentions: false in C's frontmatter turns mentions off for C; links still count", () => {
    const i = build({
      "Customers/Acme.md": fm("mentions: false"),
      "Notes/a.md": "Acme called.\n",
      "Notes/b.md": "[[Acme]] called.\n",
      "Notes/c.md": fm("customer: Acme"),
    });
    expect(Object.fromEntries(i.relationsOf("Notes/a.md"))).toEqual({});
    expect(Object.fromEntries(i.relationsOf("Notes/b.md"))).toEqual({ "Customers/Acme.md": null });
    expect(Object.fromEntries(i.relationsOf("Notes/c.md"))).toEqual({ "Customers/Acme.md": null });
  });

  it("the mentions setting off turns all mentions off", () => {
    const i = build({ "Customers/Acme.md": "", "Notes/a.md": "Acme called.\n" }, { ...DEFAULT_SETTINGS, mentions: false });
    expect(Object.fromEntries(i.relationsOf("Notes/a.md"))).toEqual({});
  });

  it("mentions are matched on NFC text", () => {
    const i = build({ "Customers/Café Nord.md": "", "Notes/a.md": "Met Cafe\u0301 Nord today.\n" });
    expect(Object.fromEntries(i.relationsOf("Notes/a.md"))).toEqual({ "Customers/Café Nord.md": null });
  });

  it("the longest term wins where customer names overlap", () => {
    const i = build({ "Customers/Acme.md": "", "Customers/Acme Cloud.md": "", "Notes/a.md": "Acme Cloud launched.\n" });
    expect(Object.fromEntries(i.relationsOf("Notes/a.md"))).toEqual({ "Customers/Acme Cloud.md": null });
  });

  it("a name wrapped over the lines of a quote or callout is a mention: the `>` markers are no text", () => {
    // B35-B: `> Signed with Big` / `> Blue today.` reads "Signed with Big Blue today." in Obsidian.
    const i = build({
      "Customers/Big Blue.md": "",
      "Notes/callout.md": "> [!note] Summary\n> Signed with Big\n> Blue today.\n",
      "Notes/quote.md": "Intro.\n\n> Met Big\r\n>Blue.\n",
      "Notes/nested.md": "> > Met Big\n> >  Blue.\n",
      "Notes/item-quote.md": "- Call\n  > Met Big\n  > Blue.\n",
      "Notes/quoted-item.md": "> - Met Big\n>   Blue.\n",
      "Notes/other.md": "Big > Blue is a ratio.\n",
      // U+2028 ends no line in CommonMark: the `>` after it is text.
      "Notes/separator.md": "Big\u2028> Blue is a ratio.\n",
    });
    for (const n of ["callout", "quote", "nested", "item-quote", "quoted-item"]) {
      expect(Object.fromEntries(i.relationsOf(`Notes/${n}.md`)), n).toEqual({ "Customers/Big Blue.md": null });
    }
    // A `>` inside a line is text between the words.
    expect(Object.fromEntries(i.relationsOf("Notes/other.md"))).toEqual({});
    expect(Object.fromEntries(i.relationsOf("Notes/separator.md"))).toEqual({});
  });

  it("a `>` starting a line of raw HTML is text, not a quote marker: no mention across it", () => {
    // B35-E: Obsidian renders no markdown inside an HTML block, so `<div>` / `Big` / `> Blue` shows
    // "Big > Blue", as a `>` inside a line does (B35-B). Before the quote markers were blanked it was
    // no mention; a quote after the block still is.
    const i = build({
      "Customers/Big Blue.md": "",
      "Notes/div.md": "<div>\nSigned with Big\n> Blue today.\n</div>\n",
      "Notes/details.md": "<details>\n<summary>Call</summary>\nBig\n> > Blue\n</details>\n",
      "Notes/pre.md": "<pre>\nBig\n\n> Blue\n</pre>\n",
      "Notes/item.md": "- <div>\n  Big\n  > Blue\n  </div>\n",
      "Notes/after.md": "<div>x</div>\n\n> Met Big\n> Blue.\n",
    });
    for (const n of ["div", "details", "pre", "item"]) expect(Object.fromEntries(i.relationsOf(`Notes/${n}.md`)), n).toEqual({});
    expect(Object.fromEntries(i.relationsOf("Notes/after.md"))).toEqual({ "Customers/Big Blue.md": null });
  });

  it("raw HTML in a list item in a quote: the quote's `>` before the HTML's text is a marker, a `>` in that text is not", () => {
    // B35-G: `> - <div>` / `>   Big` / `>   Blue`: the quote's `>` holds the item's HTML block, whose
    // text reads "Big Blue" in Obsidian. The raw HTML line was kept whole, its quote marker too.
    const i = build({
      "Customers/Big Blue.md": "",
      "Notes/quoted.md": "> - <div>\n>   Signed with Big\n>   Blue today.\n>   </div>\n",
      "Notes/nested.md": "> > - <pre>\n> >   Big\n> >\n> >   Blue\n> >   </pre>\n",
      "Notes/text.md": "> - <div>\n>   Big\n>   > Blue\n",
    });
    for (const n of ["quoted", "nested"]) expect(Object.fromEntries(i.relationsOf(`Notes/${n}.md`)), n).toEqual({ "Customers/Big Blue.md": null });
    expect(Object.fromEntries(i.relationsOf("Notes/text.md"))).toEqual({});
  });

  it("a `>` four columns into a paragraph's continuation is text, not a quote marker: no mention across it", () => {
    // B35-E: indented code cannot interrupt a paragraph, so `Saw Big` / `    > Blue` is one paragraph,
    // "Saw Big > Blue" in Obsidian; in a quote, the markers before that text are still blanked.
    const i = build({
      "Customers/Big Blue.md": "",
      "Notes/para.md": "Saw Big\n    > Blue\n",
      "Notes/tab.md": "Saw Big\n\t> Blue\n",
      "Notes/item.md": "- Saw Big\n      > Blue\n",
      "Notes/quote.md": "> Saw Big\n>     > Blue\n",
      "Notes/lazy.md": "> Saw Big\n    > Blue\n",
      "Notes/quote-text.md": "> Saw Big\n>     Blue\n",
      "Notes/item-quote.md": "- a\n\n    > Met Big\n    > Blue\n",
    });
    for (const n of ["para", "tab", "item", "quote", "lazy"]) expect(Object.fromEntries(i.relationsOf(`Notes/${n}.md`)), n).toEqual({});
    for (const n of ["quote-text", "item-quote"]) expect(Object.fromEntries(i.relationsOf(`Notes/${n}.md`)), n).toEqual({ "Customers/Big Blue.md": null });
  });

  it("a term shorter than three characters never mentions", () => {
    const i = build({ "Customers/HP.md": "", "Notes/a.md": "HP called.\n" });
    expect(Object.fromEntries(i.relationsOf("Notes/a.md"))).toEqual({});
  });
});
