// Exiting a command whose output may go to a pipe: Node writes piped stdout and stderr
// asynchronously, so process.exit() right after a long report would cut it off.

/** Exits with `code` once everything written to stdout and stderr so far has been handed over. */
export async function exitAfterOutput(code) {
  await new Promise((resolve) => process.stdout.write('', () => process.stderr.write('', resolve)));
  process.exit(code);
}
