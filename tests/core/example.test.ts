import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";
import { readVault, SHARED } from "../helpers/vault";

const EXAMPLE = join(SHARED, "spec", "example");

describe("the spec's worked example", () => {
  it("regenerates Northstar Bank byte for byte", () => {
    const files = readVault(join(EXAMPLE, "vault"));
    const index = VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
    const page = "Customers/Northstar Bank.md";
    const out = renderPage(index, page, files.get(page)!, parseIsoDay("2026-01-01")!);
    expect(out.text).toBe(readFileSync(join(EXAMPLE, "Northstar Bank.expected.md"), "utf8"));
  });
});
