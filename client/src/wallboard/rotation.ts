/** Which team the wallboard shows at a moment: each team for `seconds`, in order, round and round. */
export function teamAt<T>(teams: readonly T[], startedAt: number, now: number, seconds: number): { team: T | null; index: number; secondsLeft: number } {
  if (teams.length === 0) return { team: null, index: -1, secondsLeft: 0 };
  const period = Math.max(1, seconds) * 1000;
  const elapsed = Math.max(0, now - startedAt);
  const index = Math.floor(elapsed / period) % teams.length;
  return { team: teams[index]!, index, secondsLeft: Math.ceil((period - (elapsed % period)) / 1000) };
}
