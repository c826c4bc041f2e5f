// `links --vault DIR`: the resolved link graph as JSON, `{ "source.md": { "target.md": count } }`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ageFiles,
  buildCli,
  changedPaths,
  lines,
  listFiles,
  makeVault,
  removeTemps,
  runCli,
  snapshot,
  touchedPaths,
} from "./cli-helpers";

let cli: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(removeTemps);

describe("links", () => {
  const files = {
    "A.md": lines(
      "---",
      'company: "[[B]]"',
      "---",
      "See [[B]], again [[B|the B]] and [[B#Heading]] and [[B#^block]].",
      "By its alias: [[Bee]].",
      "Embed: ![[C]]",
      "Markdown: [c link](C.md), [d](Sub/D.md) and [escaped](Sub/D%20Two.md) and [web](https://example.com/C.md)",
      "Self: [[#Top]]",
      "Inline code `[[C]]` is no link.",
      "",
      "```",
      "[[C]] in a fence",
      "```",
      "",
      "%% [[C]] in a comment %%",
      "<!-- [[C]] in an html comment -->",
      "Attachment: [[image.png]]",
      "Unresolved: [[Nowhere]]",
    ),
    "B.md": lines("---", "aliases: [Bee]", "---", "# B"),
    "C.md": lines("Links [[X]]."),
    "Sub/D.md": lines("No links here."),
    "Sub/D Two.md": lines("Nor here."),
    "Sub/E.md": lines("[[../C]] [[/B]] [[./D]] [[X]] [[x]]"),
    "X.md": lines("root X"),
    "Sub/X.md": lines("sub X"),
    ".hidden/F.md": lines("[[B]] from a dot-folder"),
    ".obsidian/app.json": "{}",
  };

  // By hand (spec §3): A links B from its frontmatter, [[B]], [[B|…]], [[B#…]], [[B#^…]] and the
  // alias [[Bee]] (step 5): 6; C by the embed and the markdown link (code, fence and comments are
  // invisible): 2; Sub/D.md and Sub/D Two.md once each; itself once ([[#Top]]); the URL, the
  // attachment and the unresolved link are not in the graph. Sub/E: ../C and /B exactly, ./D in its
  // own folder, X twice (any case) to Sub/X.md (same folder first). C: X to the shorter path X.md.
  const expected = {
    "A.md": { "B.md": 6, "C.md": 2, "Sub/D.md": 1, "Sub/D Two.md": 1, "A.md": 1 },
    "B.md": {},
    "C.md": { "X.md": 1 },
    "Sub/D.md": {},
    "Sub/D Two.md": {},
    "Sub/E.md": { "C.md": 1, "B.md": 1, "Sub/D.md": 1, "Sub/X.md": 2 },
    "X.md": {},
    "Sub/X.md": {},
  };

  it("prints every note as a key with its resolved targets and counts", () => {
    const vault = makeVault(files);
    const r = runCli(cli, ["links", "--vault", vault]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expected);
    // The one unresolved link is a warning naming A.md; the attachment is not.
    expect(r.errLines).toEqual([expect.stringMatching(/^warning: A\.md: /)]);
  });

  it("writes nothing", () => {
    const vault = makeVault(files);
    ageFiles(vault);
    const before = snapshot(vault);
    const list = listFiles(vault);
    expect(runCli(cli, ["links", "--vault", vault]).status).toBe(0);
    const after = snapshot(vault);
    expect(listFiles(vault)).toEqual(list);
    expect(changedPaths(before, after)).toEqual([]);
    expect(touchedPaths(before, after)).toEqual([]);
  });

  it("an alias carried by two notes does not resolve", () => {
    const vault = makeVault({
      "A.md": lines("[[Shared]] and [[One]]"),
      "One.md": lines("---", "aliases: Shared, Uno", "---"),
      "Two.md": lines("---", "alias: [Shared]", "---"),
    });
    const r = runCli(cli, ["links", "--vault", vault]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ "A.md": { "One.md": 1 }, "One.md": {}, "Two.md": {} });
    expect(r.warnings).toEqual([expect.stringMatching(/^warning: A\.md: /)]);
  });

  it("excluded and template notes are link targets but not keys; frontmatter strings at any depth count", () => {
    const vault = makeVault({
      ".obsidian/templates.json": JSON.stringify({ folder: "Templates" }),
      // A `/regex/` entry is ignored.
      ".obsidian/app.json": JSON.stringify({ userIgnoreFilters: ["Archive/", "/Mr.*/"] }),
      "Templates/Meeting.md": lines("Template with [[Mr. Smith]]"),
      "Archive/Old.md": lines("Old note with [[Mr. Smith]]"),
      // `[[Mr. Smith]]` is tried as a note first, not as an attachment with extension ` Smith`.
      "Mr. Smith.md": lines("hi"),
      "A.md": lines("[[Mr. Smith]] [a](<Mr. Smith.md>) [b](Mr.%20Smith) [[Meeting]] [[Old]] [[Empty]]"),
      // Only whitespace: a candidate only when no alias matches.
      "Empty.md": "  \n",
      "Other.md": lines("---", "aliases: Empty", "---", "x"),
      "Rep.md": lines("---", "related:", '  - "[[A]]"', "  - nested:", '      deep: "[[A]]"', "plain: A", "company: [[A]]", "---"),
    });
    const r = runCli(cli, ["links", "--vault", vault]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({
      "A.md": { "Mr. Smith.md": 3, "Templates/Meeting.md": 1, "Archive/Old.md": 1, "Other.md": 1 },
      "Empty.md": {},
      "Mr. Smith.md": {},
      "Other.md": {},
      "Rep.md": { "A.md": 3 },
    });
  });

  it("an excluded note is a target by path and name only: its aliases are not read", () => {
    const vault = makeVault({
      ".obsidian/app.json": JSON.stringify({ userIgnoreFilters: ["Archive"] }),
      "Archive/Old.md": lines("---", "aliases: [Zed]", "---", "x"),
      "A.md": lines("[[Zed]] [[Old]] [[Archive/Old]]"),
    });
    const r = runCli(cli, ["links", "--vault", vault]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ "A.md": { "Archive/Old.md": 2 } });
    expect(r.warnings).toEqual(["warning: A.md: unresolved link [[Zed]]"]);
  });

  it("a missing vault folder exits 2", () => {
    const vault = makeVault({ "A.md": "a\n" });
    const r = runCli(cli, ["links", "--vault", `${vault}/missing`]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
  });
});
