// Preloaded (`node -r`) into the CLI processes of the hostile tests: when the process exits, its CPU
// time (user + system, every thread) goes to file descriptor 3, which runCliTimed reads. CPU time is
// what the code costs; wall-clock time also counts every other process the machine runs meanwhile.
const { writeSync } = require("node:fs");
const { isMainThread } = require("node:worker_threads");

if (isMainThread) {
  process.on("exit", () => {
    const { user, system } = process.cpuUsage();
    try {
      writeSync(3, `${(user + system) / 1000}\n`);
    } catch {
      // Started without the descriptor: nobody asked.
    }
  });
}
