/*
 * Preloaded into each service the benches start (`node -r`): Nest's shutdown hook closes the app on
 * SIGTERM and then sends SIGTERM again to die by it, which skips `--cpu-prof`'s profile. With this
 * listener present the second signal ends the process normally, so the profile is written.
 */
let signals = 0;
process.on('SIGTERM', () => {
  if (++signals > 1) process.exit(0);
  // A service without Nest's hook would not signal itself again.
  setTimeout(() => process.exit(0), 15_000).unref();
});
