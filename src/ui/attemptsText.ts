/**
 * "1 attempt" / "2 attempts", for the attempts a guest has left. Shared by the invitation and
 * join panels so both word it alike; not exported from `src/ui/index.ts`.
 *
 * @example
 * `${attemptsText(2)} left.` // '2 attempts left.'
 */
export function attemptsText(n: number): string {
  return n === 1 ? '1 attempt' : `${n} attempts`
}
