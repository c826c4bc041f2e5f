// A preload (`node --require`) for the CLI as a process: the notes listed in CP_EIO_PATHS (JSON,
// vault-relative paths) fail to read with EIO from their CP_EIO_FROM-th read on (default 2), each
// counted apart. The load reads them, and the round after it does not: no timing involved. Run the
// CLI with CUSTOMER_PAGES_READER=0 and CUSTOMER_PAGES_WORKERS=0, so that this thread does every read.
const fs = require("node:fs");
const { syncBuiltinESMExports } = require("node:module");
const real = fs.readFileSync;
const paths = JSON.parse(process.env.CP_EIO_PATHS || "[]");
const from = Number(process.env.CP_EIO_FROM || "2");
const reads = new Map();
fs.readFileSync = function (file, ...rest) {
  const p = paths.find((x) => String(file).endsWith("/" + x));
  if (p !== undefined) {
    reads.set(p, (reads.get(p) || 0) + 1);
    if (reads.get(p) >= from) throw Object.assign(new Error("EIO: i/o error, read"), { code: "EIO" });
  }
  return real.call(this, file, ...rest);
};
syncBuiltinESMExports();
