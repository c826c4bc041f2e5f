// A preload (`node --require`) for the CLI as a process: the note CP_CHANGE_PATH (vault-relative) is
// replaced by CP_CHANGE_TEXT just before its CP_CHANGE_AT-th read (default 3: the load reads it, the
// round reads it, and its write reads it once more right before the rename) — another program
// changing it between the round's read and its write, with no timing involved. Run the CLI with
// CUSTOMER_PAGES_READER=0 and CUSTOMER_PAGES_WORKERS=0, so that this thread does every read.
const fs = require("node:fs");
const { syncBuiltinESMExports } = require("node:module");
const real = fs.readFileSync;
const write = fs.writeFileSync;
const path = process.env.CP_CHANGE_PATH || "";
const at = Number(process.env.CP_CHANGE_AT || "3");
const text = process.env.CP_CHANGE_TEXT || "";
let reads = 0;
fs.readFileSync = function (file, ...rest) {
  if (path !== "" && String(file).endsWith("/" + path) && ++reads === at) write(file, text);
  return real.call(this, file, ...rest);
};
syncBuiltinESMExports();
